package store_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tdkt"
	"tdkt/store"
)

// people saves 400 people one save at a time, whose common words
// ("nguyen", "van") need several blocks of postings, then renames every
// seventh and deletes every eleventh, and returns the live names by id.
func people(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	family := []string{"Nguyễn", "Nguyễn", "Lò", "Giàng", "Hoàng"}
	given := []string{"An", "Anh", "Pao", "Sơn", "Xuân", "Nam", "Khoa"}
	live := map[string]string{}
	var ids []string
	for i := range 400 {
		p := &tdkt.Person{Name: fmt.Sprintf("%s Văn %s %d", family[i%len(family)], given[i%len(given)], i)}
		put(t, db, p)
		ids = append(ids, p.ID)
		live[p.ID] = p.Name
	}
	err := db.Update("an", func(tx *store.Tx) error {
		for i, id := range ids {
			switch {
			case i%11 == 0:
				delete(live, id)
				if err := tx.Delete(tdkt.KindPerson, id); err != nil {
					return err
				}
			case i%7 == 0:
				var p tdkt.Person
				if err := tx.Get(id, &p); err != nil {
					return err
				}
				p.Name = strings.Replace(p.Name, "Văn", "Thị", 1)
				live[id] = p.Name
				if err := tx.Put(&p); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return live
}

// searchAll checks that each query finds, in id order, exactly the live
// people whose words the query's words begin.
func searchAll(t *testing.T, db *store.DB, live map[string]string) {
	t.Helper()
	for _, q := range []string{"nguyen", "nguyen van", "van an", "thi", "lo van p", "hoang 3", "giang thi xuan"} {
		m := tdkt.NewMatcher(tdkt.FoldWords(q))
		var want []string
		for _, id := range slices.Sorted(maps.Keys(live)) {
			if m.Match(strings.Join(tdkt.FoldWords(live[id]), " ")) {
				want = append(want, id)
			}
		}
		var got []string
		db.View(func(tx *store.Tx) error {
			hits, err := tx.SearchKinds(q, 1000, tdkt.KindPerson)
			if err != nil {
				t.Errorf("%q: %v", q, err)
			}
			for _, h := range hits {
				got = append(got, h.ID)
			}
			return nil
		})
		if !slices.Equal(got, want) || len(want) == 0 && q != "giang thi xuan" {
			t.Errorf("%q: %d hits %v, want %d %v", q, len(got), got, len(want), want)
		}
	}
}

// TestSearchAcrossBlocks: saves, renames and deletes that split and empty
// blocks leave an index that check accepts and that finds what a plain
// scan of the names finds.
func TestSearchAcrossBlocks(t *testing.T) {
	db, _ := newDB(t)
	live := people(t, db)
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
	searchAll(t, db, live)

	// a write transaction's search sees what it saved (postings are
	// written at the end of the transaction, or before such a search)
	err := db.Update("an", func(tx *store.Tx) error {
		p := &tdkt.Person{Name: "Vừa Mới Lưu"}
		if err := tx.Put(p); err != nil {
			return err
		}
		hits, err := tx.Search("vua moi", 10)
		if err != nil || len(hits) != 1 || hits[0].ID != p.ID {
			t.Errorf("search in the saving transaction: %v, %v", hits, err)
		}
		return tx.Put(&tdkt.Person{Name: "Vừa Mới Lưu Nữa"})
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if hits, err := tx.Search("vua moi", 10); err != nil || len(hits) != 2 {
			t.Errorf("after the transaction: %v, %v", hits, err)
		}
		return nil
	})
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
}

// TestUpgradeFromSchema3 takes a file whose search index is one key per
// posting, as schema 3 kept it, and opens it: the postings move into
// blocks, the old bucket goes, and searches find the same.
func TestUpgradeFromSchema3(t *testing.T) {
	db, path := newDB(t)
	live := people(t, db)
	db.Close()
	want := dump(t, path)

	up := upgrade(t, path, 3, func(tx *bolt.Tx) error {
		if err := store.UnblockSearch(tx); err != nil {
			return err
		}
		n := 0
		tx.Bucket([]byte("search")).ForEach(func(_, _ []byte) error { n++; return nil })
		if n < 1000 {
			return fmt.Errorf("%d flat keys", n)
		}
		return nil
	})
	searchAll(t, up, live)
	up.Close()
	if got := dump(t, path); !maps.Equal(got, want) {
		t.Errorf("postings after the upgrade: %d, written %d", len(got), len(want))
	}
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bolt.Tx) error {
		if tx.Bucket([]byte("search")) != nil {
			t.Error("the schema 3 bucket is still there")
		}
		return nil
	})
}
