package main

import (
	"fmt"
	"io"
	"sort"

	"tdkt"
	"tdkt/export"
	"tdkt/export/pdf"
	"tdkt/store"
)

// cmdList runs "tdkt list decisions|meetings|dossiers --db PATH [--year Y]":
// one line per record, id<TAB>number-or-title<TAB>date<TAB>status.
func cmdList(args []string, out, errOut io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("list: dùng 'tdkt list decisions|meetings|dossiers --db PATH [--year YYYY]'")
	}
	what := args[0]
	index := map[string]string{"decisions": "decision.year", "meetings": "meeting.year", "dossiers": "dossier.year"}[what]
	if index == "" {
		return fmt.Errorf("list: không có loại %q (decisions, meetings, dossiers)", what)
	}
	fs := flags("list "+what, errOut)
	db := fs.String("db", "", "database file")
	year := fs.Int("year", 0, "only this year")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	if *year != 0 && (*year < 1945 || *year > 2100) {
		return fmt.Errorf("list: --year %d không hợp lệ", *year)
	}
	d, err := openRO(*db)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.View(func(tx *store.Tx) error {
		line := func(r tdkt.Record) error {
			switch v := r.(type) {
			case *tdkt.Decision:
				fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", v.ID, v.NumberText(), v.Date, v.Status)
			case *tdkt.Meeting:
				st := "open"
				if v.Closed {
					st = "closed"
				}
				fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", v.ID, v.Title, v.Date, st)
			case *tdkt.Dossier:
				fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", v.ID, v.Title, v.Received, v.Status)
			}
			return nil
		}
		kind := map[string]tdkt.Kind{"decisions": tdkt.KindDecision, "meetings": tdkt.KindMeeting, "dossiers": tdkt.KindDossier}[what]
		if *year == 0 {
			return tx.Each(kind, line)
		}
		for _, id := range tx.IDs(index, fmt.Sprintf("%04d", *year)) {
			r := tdkt.New(kind)
			if err := tx.Get(id, r); err != nil {
				return err
			}
			if !r.Base().Deleted {
				line(r)
			}
		}
		return nil
	})
}

// cmdExport runs "tdkt export KIND …"; every output is written to a
// temporary file and renamed into place when complete.
func cmdExport(args []string, out, errOut io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("export: dùng 'tdkt export decision|minutes|ballots|certificates|register|returns …'")
	}
	what := args[0]
	fs := flags("export "+what, errOut)
	db := fs.String("db", "", "database file")
	to := fs.String("out", "", "output file")
	id := fs.String("id", "", "decision id")
	meeting := fs.String("meeting", "", "meeting id")
	decision := fs.String("decision", "", "decision id")
	preview := fs.Bool("preview", false, "draw frames to calibrate the blank")
	year := fs.Int("year", 0, "year")
	toYear := fs.Int("to", 0, "last year of a range")
	form := fs.String("form", "", "0601, 0602 or 0603")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	if *to == "" {
		return fmt.Errorf("export %s: thiếu --out FILE", what)
	}
	d, err := openRO(*db)
	if err != nil {
		return err
	}
	defer d.Close()
	var render func(io.Writer) error
	if what == "register" || what == "returns" {
		if render, err = sheetRender(d, what, *year, *toYear, *form); err != nil {
			return err
		}
		return writeOut(*to, render, out)
	}
	// documents load what they print in one read transaction, then render
	err = d.View(func(tx *store.Tx) error {
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		switch what {
		case "decision", "certificates":
			key := *id
			if what == "certificates" {
				key = *decision
			}
			if key == "" {
				return fmt.Errorf("export %s: thiếu --%s ID", what, map[string]string{"decision": "id", "certificates": "decision"}[what])
			}
			dec := &tdkt.Decision{}
			if err := tx.Get(key, dec); err != nil {
				return err
			}
			off, err := tx.IssuerOffice(dec)
			if err != nil {
				return err
			}
			if what == "decision" {
				render = func(w io.Writer) error { return pdf.Decision(w, off, dec, cat) }
				return nil
			}
			if dec.Status != tdkt.DecisionIssued {
				return fmt.Errorf("quyết định %s chưa ban hành: chưa in được bằng", key)
			}
			var awards []*tdkt.Award
			gender := map[string]tdkt.Gender{}
			for _, aid := range tx.IDs("award.decision", key) {
				a := &tdkt.Award{}
				if err := tx.Get(aid, a); err != nil {
					return err
				}
				awards = append(awards, a)
				if a.PersonID != "" {
					p := &tdkt.Person{}
					if tx.Get(a.PersonID, p) == nil {
						gender[a.PersonID] = p.Gender
					}
				}
			}
			sort.Slice(awards, func(i, j int) bool { return awards[i].Number < awards[j].Number })
			opt := pdf.CertOptions{Layout: pdf.DefaultLayout(dec.AwardCode), Preview: *preview, Gender: gender}
			render = func(w io.Writer) error { return pdf.Certificates(w, off, dec, awards, opt) }
		case "minutes", "ballots":
			if *meeting == "" {
				return fmt.Errorf("export %s: thiếu --meeting ID", what)
			}
			m := &tdkt.Meeting{}
			if err := tx.Get(*meeting, m); err != nil {
				return err
			}
			off, err := tx.OfficeRecord()
			if err != nil {
				return err
			}
			if what == "minutes" {
				render = func(w io.Writer) error { return pdf.Minutes(w, off, m, cat) }
			} else {
				render = func(w io.Writer) error { return pdf.Ballots(w, off, m, cat) }
			}
		default:
			return fmt.Errorf("export: không có loại %q", what)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeOut(*to, render, out)
}

// writeOut writes the file completely or not at all and prints its path.
func writeOut(path string, render func(io.Writer) error, out io.Writer) error {
	if err := export.WriteFile(path, render); err != nil {
		return err
	}
	fmt.Fprintln(out, path)
	return nil
}
