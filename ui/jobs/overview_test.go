package jobs

import (
	"context"
	"maps"
	"testing"
	"time"

	"tdkt"
	"tdkt/store"
)

// TestOverviewMatchesTheRecords: on the demo province, the home screen's
// figures from indexes, list rows and counters equal a recount from the
// decoded dossiers, awards and people.
func TestOverviewMatchesTheRecords(t *testing.T) {
	db := smallDemo(t)
	today := tdkt.Today()
	err := db.View(func(tx *store.Tx) error {
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		got, err := ComputeOverview(context.Background(), tx, cat, today)
		if err != nil {
			return err
		}

		status := map[tdkt.Status]int{}
		open := 0
		err = tx.Each(tdkt.KindDossier, func(r tdkt.Record) error {
			d := r.(*tdkt.Dossier)
			status[d.Status]++
			if d.Year == today.Year && !d.Deadline.IsZero() && d.Status != tdkt.StatusAwarded &&
				d.Status != tdkt.StatusRejected && d.Status != tdkt.StatusWithdrawn {
				open++
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, st := range tdkt.Statuses {
			if got.StatusCount[st] != status[st] {
				t.Errorf("status %s: %d, recount %d", st, got.StatusCount[st], status[st])
			}
		}
		if len(got.Deadlines) != open || open == 0 {
			t.Fatalf("%d deadlines, recount %d (the demo has open dossiers this year)", len(got.Deadlines), open)
		}
		for i := 1; i < len(got.Deadlines); i++ {
			if got.Deadlines[i].Row.Deadline.Before(got.Deadlines[i-1].Row.Deadline) {
				t.Fatalf("deadlines out of order at %d", i)
			}
		}
		if d := got.Deadlines[0]; d.Days != int(d.Row.Deadline.Time().Sub(today.Time())/(24*time.Hour)) {
			t.Errorf("days left %d for %v", d.Days, d.Row.Deadline)
		}

		if got.Year == 0 {
			t.Fatal("no award year on the demo")
		}
		byForm := map[string]int{}
		var all, persons, direct int
		for _, id := range tx.IDs("award.year", year4(got.Year)) {
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				return err
			}
			if a.Deleted || a.Revoked {
				continue
			}
			byForm[a.AwardCode]++
			all++
			if a.Subject == tdkt.SubjectPerson {
				persons++
				if p := (&tdkt.Person{}); tx.Get(a.PersonID, p) == nil && p.Category.Direct() {
					direct++
				}
			}
		}
		if !maps.Equal(got.ByForm, byForm) || got.All != all || got.Persons != persons || got.Direct != direct {
			t.Errorf("awards %d by form %v, persons %d, direct %d;\nrecount %d %v, %d, %d",
				got.All, got.ByForm, got.Persons, got.Direct, all, byForm, persons, direct)
		}
		if got.Collectives+got.Persons > got.All || got.Small > got.Collectives || got.Area > got.All {
			t.Errorf("shares do not fit: %+v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
