package jobs

import (
	"context"
	"testing"

	"tdkt"
	"tdkt/store"
)

// TestLoadDossiers: the list rows the index filters select are exactly the
// dossiers a walk over the records selects, newest first, and the text
// match finds a dossier by its unit's name typed without accents.
func TestLoadDossiers(t *testing.T) {
	db := smallDemo(t)
	err := db.View(func(tx *store.Tx) error {
		var all []*tdkt.Dossier
		if err := tx.Each(tdkt.KindDossier, func(r tdkt.Record) error { all = append(all, r.(*tdkt.Dossier)); return nil }); err != nil {
			return err
		}
		units := map[string]*tdkt.Unit{}
		if err := tx.Each(tdkt.KindUnit, func(r tdkt.Record) error { units[r.Base().ID] = r.(*tdkt.Unit); return nil }); err != nil {
			return err
		}
		year := tdkt.Today().Year
		for _, f := range []DossierFilter{{}, {Year: year}, {Year: year, Status: tdkt.StatusReceived}, {Status: tdkt.StatusAwarded}, {UnitID: all[0].UnitID},
			{UnitID: all[0].UnitID, Status: all[0].Status}, {Year: all[0].Year, UnitID: all[0].UnitID, Status: all[0].Status}} {
			want := map[string]bool{}
			for _, d := range all {
				if (f.Year == 0 || d.Year == f.Year) && (f.Status == "" || d.Status == f.Status) && (f.UnitID == "" || d.UnitID == f.UnitID) {
					want[d.ID] = true
				}
			}
			got, err := LoadDossiers(context.Background(), tx, f, func(int, int) {})
			if err != nil {
				return err
			}
			if len(got) != len(want) || len(want) == 0 {
				t.Errorf("%+v: %d rows, %d dossiers", f, len(got), len(want))
			}
			for i, r := range got {
				if !want[r.ID] {
					t.Errorf("%+v: row %s not selected by the walk", f, r.ID)
				}
				if i > 0 && (r.Year > got[i-1].Year || r.Year == got[i-1].Year && r.ID > got[i-1].ID) {
					t.Errorf("%+v: row %d out of order", f, i)
				}
			}
		}
		rows, err := LoadDossiers(context.Background(), tx, DossierFilter{}, func(int, int) {})
		if err != nil {
			return err
		}
		u := units[rows[0].UnitID]
		m := tdkt.NewMatcher(tdkt.FoldWords(u.Name))
		found := false
		for _, r := range WithSearchText(rows, units) {
			if r.Row.ID == rows[0].ID && m.Match(r.Folded) {
				found = true
			}
		}
		if !found || tdkt.NewMatcher([]string{"noi", "tinh"}).Match("so noi vu") {
			t.Errorf("text match: found %v for %q", found, u.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
