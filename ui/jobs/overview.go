package jobs

import (
	"context"
	"sort"

	"tdkt"
	"tdkt/store"
)

// Overview is what the home screen (Tổng quan) shows: dossiers by status,
// this year's open deadlines, and the latest award year by form with the
// shares of direct workers, small collectives and priority areas.
type Overview struct {
	Year                int // latest year with register lines; 0: none
	ByForm              map[string]int
	Persons, Direct     int
	Collectives, Small  int
	All, Area           int
	Deadlines           []Deadline // soonest first
	StatusCount         map[tdkt.Status]int
	CurrentYearDossiers int
}

// Deadline is an open dossier of the current year and the days left to its
// deadline (negative: overdue).
type Deadline struct {
	Row  *store.DossierRow
	Days int
}

// LatestAwardYear is from, or the latest year before it that has register
// lines (0 when the register is empty).
func LatestAwardYear(tx *store.Tx, from int) int {
	for y := from; y > from-60; y-- {
		if tx.CountIndex("award.year", year4(y)) > 0 {
			return y
		}
	}
	return 0
}

// ComputeOverview gathers the home screen's figures from indexes, the
// dossiers' list rows and the award counters: no record is decoded.
func ComputeOverview(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, today tdkt.Date) (Overview, error) {
	d := Overview{ByForm: map[string]int{}, StatusCount: map[tdkt.Status]int{}}
	for _, st := range tdkt.Statuses {
		d.StatusCount[st] = tx.CountIndex("dossier.status", string(st))
	}
	for _, id := range tx.IDs("dossier.year", year4(today.Year)) {
		ds, err := tx.DossierRow(id)
		if err != nil {
			return d, err
		}
		d.CurrentYearDossiers++
		if ds.Deadline.IsZero() {
			continue
		}
		switch ds.Status {
		case tdkt.StatusAwarded, tdkt.StatusRejected, tdkt.StatusWithdrawn:
			continue
		}
		days := int(ds.Deadline.Time().Sub(today.Time()).Hours() / 24)
		d.Deadlines = append(d.Deadlines, Deadline{Row: &ds, Days: days})
	}
	sort.SliceStable(d.Deadlines, func(i, j int) bool { return d.Deadlines[i].Row.Deadline.Before(d.Deadlines[j].Row.Deadline) })
	if ctx.Err() != nil {
		return d, ErrCancelled
	}

	d.Year = LatestAwardYear(tx, today.Year)
	if d.Year == 0 {
		return d, nil
	}
	// The store's award counters hold the year's awards by form with the
	// recipients' facts as of each decision: a few hundred keys instead of
	// decoding the year's awards and looking up their people and units.
	err := tx.AwardCounts(d.Year, func(c store.AwardCount) error {
		d.ByForm[c.Code] += c.N
		d.All += c.N
		if c.Area {
			d.Area += c.N
		}
		if c.Subject == tdkt.SubjectPerson {
			d.Persons += c.N
			if c.Category.Direct() {
				d.Direct += c.N
			}
			return nil
		}
		d.Collectives += c.N
		// the catalogue's rule applies now, to the kind and headcount
		// the unit had
		if cat.SmallCollective(&tdkt.Unit{Type: c.UnitKind}, c.Staff) {
			d.Small += c.N
		}
		return nil
	})
	return d, err
}
