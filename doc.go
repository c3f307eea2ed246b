// Package tdkt holds the domain of emulation and commendation work (thi đua –
// khen thưởng): offices, units, people, movements, clusters, the award
// catalogue, dossiers, council meetings, decisions and the award register, and
// the rules of the trade that apply to them. It imports no framework: the
// store, export and ui packages speak these types.
package tdkt
