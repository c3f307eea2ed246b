package jobs

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// ErrCancelled is returned when a job's context ends before it finished.
var ErrCancelled = errors.New("đã hủy")

func year4(y int) string { return fmt.Sprintf("%04d", y) }

// RegisterRows yields the register lines of achievement years from..to,
// one year index at a time, with each recipient's unit followed to today's
// unit; it yields ErrCancelled once ctx is
// done.
func RegisterRows(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, from, to int, report func(int, int)) iter.Seq2[xlsx.RegisterRow, error] {
	if report == nil {
		report = func(int, int) {}
	}
	return func(yield func(xlsx.RegisterRow, error) bool) {
		total := 0
		for y := from; y <= to; y++ {
			total += tx.CountIndex("award.year", year4(y))
		}
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
		done := 0
		for y := from; y <= to; y++ {
			for _, id := range tx.IDs("award.year", year4(y)) {
				if done%256 == 0 {
					if ctx.Err() != nil {
						yield(xlsx.RegisterRow{}, ErrCancelled)
						return
					}
					report(done, total)
				}
				done++
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

// AwardFacts builds the counting facts of returns 0602/0603 for the awards
// decided during year (achievements of that year or the two before), as
// cmd/tdkt's awardFacts.
func AwardFacts(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, year int) ([]xlsx.Fact, error) {
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
		for i, id := range tx.IDs("award.year", year4(y)) {
			if i%1024 == 0 && ctx.Err() != nil {
				return nil, ErrCancelled
			}
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
						s = Submitter(unit(ds.UnitID))
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

// Submitter groups the submitting unit as the returns do.
func Submitter(u *tdkt.Unit) string {
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
