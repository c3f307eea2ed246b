package main

import (
	"fmt"
	"io"
	"iter"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// sheetRender prepares the Excel exports. The register streams its rows
// from a read transaction of its own while the file is written.
func sheetRender(d *store.DB, what string, year, to int, form string) (func(io.Writer) error, error) {
	if year < 1945 || year > 2100 {
		return nil, fmt.Errorf("export %s: cần --year YYYY hợp lệ", what)
	}
	var off *tdkt.Office
	var cat *tdkt.Catalog
	err := d.View(func(tx *store.Tx) (err error) {
		if off, err = tx.OfficeRecord(); err != nil {
			return err
		}
		cat, err = tx.Catalog()
		return err
	})
	if err != nil {
		return nil, err
	}
	switch what {
	case "register":
		if to == 0 {
			to = year
		}
		if to < year || to > 2100 {
			return nil, fmt.Errorf("export register: --to %d phải từ %d trở đi", to, year)
		}
		h := xlsx.Header{Office: off.IssuingBody, From: year, To: to, Made: tdkt.Today()}
		return func(w io.Writer) error {
			return d.View(func(tx *store.Tx) error { return xlsx.Register(w, h, registerRows(tx, cat, year, to)) })
		}, nil
	case "returns":
		h := xlsx.ReturnHeader{Reporter: off.IssuingBody, Receiver: "Bộ Nội vụ", Year: year, Made: tdkt.Today(), Place: off.Place}
		if len(off.Signers) > 0 {
			h.Signer = off.Signers[0].Name
		}
		switch form {
		case "0601":
			var facts []xlsx.MovementFact
			err := d.View(func(tx *store.Tx) error {
				return tx.Each(tdkt.KindMovement, func(r tdkt.Record) error {
					m := r.(*tdkt.Movement)
					// movements running at some time during the year
					if m.Start.Year <= year && (m.End.IsZero() || m.End.Year >= year) {
						facts = append(facts, xlsx.NewMovementFact(m, tdkt.D(year, 12, 31)))
					}
					return nil
				})
			})
			if err != nil {
				return nil, err
			}
			return func(w io.Writer) error { return xlsx.Return0601(w, h, facts) }, nil
		case "0602", "0603":
			var facts []xlsx.Fact
			err := d.View(func(tx *store.Tx) (err error) {
				facts, err = awardFacts(tx, cat, year)
				return err
			})
			if err != nil {
				return nil, err
			}
			if form == "0602" {
				return func(w io.Writer) error { return xlsx.Return0602(w, h, facts) }, nil
			}
			return func(w io.Writer) error { return xlsx.Return0603(w, h, facts) }, nil
		}
		return nil, fmt.Errorf("export returns: --form phải là 0601, 0602 hoặc 0603")
	}
	return nil, fmt.Errorf("export: không có loại %q", what)
}

// registerRows yields the register lines of achievement years from..to, one
// year index at a time, resolving each recipient's unit to today's unit.
func registerRows(tx *store.Tx, cat *tdkt.Catalog, from, to int) iter.Seq2[xlsx.RegisterRow, error] {
	return func(yield func(xlsx.RegisterRow, error) bool) {
		units := map[string]*tdkt.Unit{}
		getUnit := func(id string) (*tdkt.Unit, bool) {
			if u, ok := units[id]; ok {
				return u, u != nil
			}
			u := &tdkt.Unit{}
			if tx.Get(id, u) != nil {
				units[id] = nil
				return nil, false
			}
			units[id] = u
			return u, true
		}
		for y := from; y <= to; y++ {
			for _, id := range tx.IDs("award.year", fmt.Sprintf("%04d", y)) {
				a := &tdkt.Award{}
				if err := tx.Get(id, a); err != nil {
					yield(xlsx.RegisterRow{}, err)
					return
				}
				if a.Deleted {
					continue
				}
				row := xlsx.RegisterRow{Award: a, AwardName: a.AwardCode}
				if it, ok := cat.Item(a.AwardCode); ok {
					row.AwardName = it.Name
				}
				if a.UnitID != "" {
					if u, ok := getUnit(tdkt.CurrentUnit(a.UnitID, getUnit)); ok {
						row.Unit = u.Name
					}
				}
				if !yield(row, nil) {
					return
				}
			}
		}
	}
}

// awardFacts builds the counting facts of returns 0602/0603 for the awards
// decided during year (achievements of that year or the two before).
func awardFacts(tx *store.Tx, cat *tdkt.Catalog, year int) ([]xlsx.Fact, error) {
	var facts []xlsx.Fact
	units := map[string]*tdkt.Unit{}
	unit := func(id string) *tdkt.Unit {
		if u, ok := units[id]; ok {
			return u
		}
		u := &tdkt.Unit{}
		if tx.Get(id, u) != nil {
			u = nil
		}
		units[id] = u
		return u
	}
	submitters := map[string]string{}
	for y := year - 2; y <= year; y++ {
		for _, id := range tx.IDs("award.year", fmt.Sprintf("%04d", y)) {
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				return nil, err
			}
			if a.Deleted || a.Revoked || a.DecisionDate.Year != year {
				continue
			}
			it, ok := cat.Item(a.AwardCode)
			if !ok {
				continue
			}
			f := xlsx.NewFact(a, it)
			if a.PersonID != "" {
				p := &tdkt.Person{}
				if tx.Get(a.PersonID, p) == nil {
					f.Category = p.Category
				}
			}
			if u := unit(a.UnitID); u != nil {
				f.UnitKind = u.Type
			}
			if a.DossierID != "" {
				s, ok := submitters[a.DossierID]
				if !ok {
					ds := &tdkt.Dossier{}
					if tx.Get(a.DossierID, ds) == nil {
						s = submitter(unit(ds.UnitID))
					}
					submitters[a.DossierID] = s
				}
				f.Submitter = s
			}
			facts = append(facts, f)
		}
	}
	return facts, nil
}

// submitter groups the submitting unit as the returns do.
func submitter(u *tdkt.Unit) string {
	if u == nil {
		return xlsx.SubmitterOther
	}
	switch u.Type {
	case tdkt.UnitProvince, tdkt.UnitDepartment, tdkt.UnitArmed:
		return xlsx.SubmitterDepartment
	case tdkt.UnitCommune, tdkt.UnitSchool, tdkt.UnitVillage:
		return xlsx.SubmitterCommune
	case tdkt.UnitEnterprise:
		return xlsx.SubmitterEnterprise
	}
	return xlsx.SubmitterOther
}
