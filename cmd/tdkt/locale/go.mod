module aa.tdkt/locale

go 1.26.0
