package jobs

import (
	"context"
	"slices"
	"testing"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// factsByDecoding is how AwardFacts gathered its facts before the store
// kept counters: every award of the three achievement years decoded, its
// person, unit and dossier looked up. Kept here as the reference the
// counters must reproduce.
func factsByDecoding(t *testing.T, tx *store.Tx, cat *tdkt.Catalog, year int) []xlsx.Fact {
	t.Helper()
	var facts []xlsx.Fact
	unit := func(id string) *tdkt.Unit {
		u := &tdkt.Unit{}
		if tx.Get(id, u) != nil {
			return nil
		}
		return u
	}
	for y := year - 2; y <= year; y++ {
		for _, id := range tx.IDs("award.year", year4(y)) {
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				t.Fatal(err)
			}
			if a.Deleted || a.Revoked || a.DecisionDate.Year != year {
				continue
			}
			it, ok := cat.Item(a.AwardCode)
			if !ok {
				continue
			}
			f := xlsx.NewFact(a, it)
			if p := (&tdkt.Person{}); a.PersonID != "" && tx.Get(a.PersonID, p) == nil {
				f.Category = p.Category
			}
			if u := unit(a.UnitID); u != nil {
				f.UnitKind = u.Type
			}
			if ds := (&tdkt.Dossier{}); a.DossierID != "" && tx.Get(a.DossierID, ds) == nil {
				f.Submitter = Submitter(unit(ds.UnitID))
			}
			facts = append(facts, f)
		}
	}
	return facts
}

func sameTable(a, b xlsx.Table) bool {
	return a.Excluded == b.Excluded && slices.Equal(a.Notes, b.Notes) &&
		slices.EqualFunc(a.Rows, b.Rows, func(x, y xlsx.Line) bool { return slices.Equal(x.Values, y.Values) })
}

// TestAwardFactsMatchTheRegister: on the demo province, the returns built
// from the store's counters equal those built by decoding every award.
func TestAwardFactsMatchTheRegister(t *testing.T) {
	db := smallDemo(t)
	err := db.View(func(tx *store.Tx) error {
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		counted := 0
		for _, year := range []int{2023, 2024, 2025, 2026} {
			want := factsByDecoding(t, tx, cat, year)
			got, err := AwardFacts(context.Background(), tx, cat, year)
			if err != nil {
				return err
			}
			n := 0
			for _, f := range got {
				n += f.N
			}
			if n != len(want) {
				t.Errorf("%d: counters stand for %d awards, the register has %d", year, n, len(want))
			}
			counted += n
			for _, c := range []struct {
				name  string
				count func([]xlsx.Fact) xlsx.Table
			}{{"0602", xlsx.Count0602}, {"0603", xlsx.Count0603}} {
				if w, g := c.count(want), c.count(got); !sameTable(w, g) {
					t.Errorf("%d %s: from counters\n%+v\nby decoding\n%+v", year, c.name, g, w)
				}
			}
		}
		if counted == 0 {
			t.Error("the demo decided no award in those years: the comparison proves nothing")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
