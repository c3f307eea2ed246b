package demo_test

import (
	"path/filepath"
	"strings"
	"testing"

	"tdkt"
	"tdkt/store"
	"tdkt/store/demo"
)

func generate(t *testing.T, seed uint64) (string, *store.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Generate(path, "small", seed, nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return path, db
}

func TestSmallDemo(t *testing.T) {
	_, db := generate(t, 1)
	probs, err := db.Check()
	if err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
	stats, digest, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	n := map[tdkt.Kind]int{}
	for _, s := range stats {
		n[s.Kind] = s.Count
	}
	if n[tdkt.KindAward] < 500 || n[tdkt.KindAward] > 3000 {
		t.Errorf("small demo has %d awards, want about 1000", n[tdkt.KindAward])
	}
	for _, k := range tdkt.Kinds {
		// the demo has no accounts: it stays open until someone creates an
		// administrator
		if n[k] == 0 && k != tdkt.KindUser {
			t.Errorf("no %s records", k)
		}
	}
	_, db2 := generate(t, 1)
	if _, d2, _ := db2.Stats(); d2 != digest {
		t.Error("same seed, different digest")
	}
	_, db3 := generate(t, 2)
	if _, d3, _ := db3.Stats(); d3 == digest {
		t.Error("different seed, same digest")
	}
}

// TestDemoFollowsTheLaw replays the register: every provincial CSTĐ in the
// demo history must pass the catalogue's criteria on the history before it,
// and every status of the workflow must occur.
func TestDemoFollowsTheLaw(t *testing.T) {
	_, db := generate(t, 7)
	err := db.View(func(tx *store.Tx) error {
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		checked := 0
		err = tx.Each(tdkt.KindAward, func(r tdkt.Record) error {
			a := r.(*tdkt.Award)
			if a.AwardCode != "CSTDT" && a.AwardCode != "BKTTG" {
				return nil
			}
			hist, err := tx.History(a.PersonID, false)
			if err != nil {
				return err
			}
			var before []tdkt.Past
			for _, p := range hist {
				if p.Year < a.Year || p.Year == a.Year && p.Code != a.AwardCode {
					before = append(before, p)
				}
			}
			c := &tdkt.Candidate{Subject: a.Subject, AwardCode: a.AwardCode, Rating: tdkt.RatingExcellent,
				Initiative: tdkt.ScopeProvince, Facts: map[string]bool{"five_years_good": true}}
			if e := tdkt.Check(cat, c, a.Year, before); !e.OK {
				t.Errorf("%s %s %d: %v", a.Name, a.AwardCode, a.Year, e.Reasons())
			}
			checked++
			return nil
		})
		if checked == 0 {
			t.Error("no provincial awards to check")
		}
		seen := map[tdkt.Status]bool{}
		tx.Each(tdkt.KindDossier, func(r tdkt.Record) error {
			seen[r.(*tdkt.Dossier).Status] = true
			return nil
		})
		for _, s := range tdkt.Statuses {
			if s != tdkt.StatusCouncil && !seen[s] {
				t.Errorf("no dossier in status %s", s)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDemoSearchFindsVietnameseNames(t *testing.T) {
	_, db := generate(t, 1)
	db.View(func(tx *store.Tx) error {
		hits, err := tx.Search("nguyen van", 20)
		if err != nil || len(hits) == 0 {
			t.Fatalf("no hits: %v", err)
		}
		for _, h := range hits {
			f := tdkt.Fold(h.Text)
			if !strings.Contains(f, "nguyen") || !strings.Contains(f, "van") {
				t.Errorf("hit %q does not match", h.Text)
			}
		}
		return nil
	})
}

func TestUnknownScale(t *testing.T) {
	err := demo.Generate(filepath.Join(t.TempDir(), "x.db"), "huge", 1, nil)
	if err == nil || !strings.Contains(err.Error(), "huge") {
		t.Fatalf("err = %v", err)
	}
}
