package store_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tdkt"
	"tdkt/store"
)

// office writes the units, people and dossiers the award tests give facts
// from: a remote village (small, priority area), a school of 12, a
// department with 200 registered staff.
func office(t *testing.T, db *store.DB) {
	t.Helper()
	put(t, db,
		&tdkt.Unit{Meta: tdkt.Meta{ID: "U1"}, Name: "Xã Nậm Cang", Type: tdkt.UnitCommune, Flags: tdkt.AreaFlags{Remote: true}},
		&tdkt.Unit{Meta: tdkt.Meta{ID: "U2"}, Name: "Bản Pác Ngòi", Type: tdkt.UnitVillage, ParentID: "U1"},
		&tdkt.Unit{Meta: tdkt.Meta{ID: "U3"}, Name: "Trường Tiểu học Tân Phong", Type: tdkt.UnitSchool, Staff: 12},
		&tdkt.Unit{Meta: tdkt.Meta{ID: "U4"}, Name: "Sở Y tế", Type: tdkt.UnitDepartment, Staff: 200},
		&tdkt.Person{Meta: tdkt.Meta{ID: "P1"}, Name: "Giàng A Pao", UnitID: "U2", Category: tdkt.CatFarmer},
		&tdkt.Person{Meta: tdkt.Meta{ID: "P2"}, Name: "Trần Thị Hoa", UnitID: "U3", Category: tdkt.CatOfficer},
		&tdkt.Person{Meta: tdkt.Meta{ID: "P3"}, Name: "Lê Văn Nam", UnitID: "U4", Category: tdkt.CatLeaderDept},
		&tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Title: "Đề nghị khen thưởng năm 2025", Ref: "12/TTr", Year: 2025, UnitID: "U1",
			Status: tdkt.StatusAwarded, Received: tdkt.D(2026, 1, 5), Deadline: tdkt.D(2026, 2, 5),
			Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: "P1", Name: "Giàng A Pao", AwardCode: "BKCT"},
				{ID: "C2", Subject: tdkt.SubjectCollective, UnitID: "U2", Name: "Bản Pác Ngòi", AwardCode: "TTLDXS"}}},
		&tdkt.Dossier{Meta: tdkt.Meta{ID: "D2"}, Title: "Khen thưởng chuyên đề", Year: 2026, UnitID: "U4", Status: tdkt.StatusReceived},
	)
}

func award(id string, y, decided int, code string, s tdkt.Subject, person, unit, dossier string) *tdkt.Award {
	return &tdkt.Award{Meta: tdkt.Meta{ID: id}, Year: y, AwardCode: code, Method: tdkt.MethodRegular, Subject: s,
		PersonID: person, UnitID: unit, DossierID: dossier, Name: id, DecisionDate: tdkt.D(decided, 3, 1)}
}

func revoked(a *tdkt.Award) *tdkt.Award {
	a.Revoked = true
	a.Method = tdkt.MethodThematic
	return a
}

// recount counts the live, not revoked awards from the records and the
// facts the recipients have now, independently of the store's counters.
func recount(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := db.View(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindAward, func(r tdkt.Record) error {
			a := r.(*tdkt.Award)
			if a.Revoked {
				return nil
			}
			var f store.AwardFacts
			p := &tdkt.Person{}
			if a.PersonID != "" && tx.Get(a.PersonID, p) == nil {
				f.Category = p.Category
			}
			units := func(id string) (*tdkt.Unit, bool) {
				u := &tdkt.Unit{}
				return u, tx.Get(id, u) == nil
			}
			if u, ok := units(a.UnitID); ok {
				f.UnitKind = u.Type
				if a.Subject != tdkt.SubjectPerson {
					f.Staff = u.Staff
					if f.Staff == 0 {
						f.Staff = tx.CountIndex("person.unit", u.ID)
					}
				}
			}
			f.Area = tdkt.PriorityArea(a.UnitID, units)
			d := &tdkt.Dossier{}
			if a.DossierID != "" && tx.Get(a.DossierID, d) == nil {
				f.From = store.NoUnit
				if u, ok := units(d.UnitID); ok {
					f.From = u.Type
				}
			}
			out[countLabel(store.AwardCount{Year: a.Year, DecisionYear: a.DecisionDate.Year, Code: a.AwardCode,
				Subject: a.Subject, Method: a.Method, AwardFacts: f})]++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func countLabel(c store.AwardCount) string {
	return fmt.Sprintf("%d %d %s %s %s %+v", c.Year, c.DecisionYear, c.Code, c.Subject, c.Method, c.AwardFacts)
}

// counters reads the store's counters of the years 2020–2030.
func counters(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := db.View(func(tx *store.Tx) error {
		for y := 2020; y <= 2030; y++ {
			err := tx.AwardCounts(y, func(c store.AwardCount) error {
				if c.Year != y || c.N <= 0 {
					return fmt.Errorf("counter %+v read under year %d", c, y)
				}
				out[countLabel(c)] += c.N
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sound(t *testing.T, db *store.DB, step string) {
	t.Helper()
	if want, got := recount(t, db), counters(t, db); !maps.Equal(want, got) {
		t.Errorf("%s: counters\n%v\nrecount\n%v", step, got, want)
	}
	probs, err := db.Check()
	if err != nil || len(probs) > 0 {
		t.Errorf("%s: check: %v %v", step, err, probs)
	}
}

func TestCountersFollowEveryWrite(t *testing.T) {
	db, _ := newDB(t)
	office(t, db)
	put(t, db,
		award("A1", 2025, 2026, "BKCT", tdkt.SubjectPerson, "P1", "U2", "D1"),
		award("A2", 2025, 2026, "TTLDXS", tdkt.SubjectCollective, "", "U2", "D1"),
		award("A3", 2025, 2026, "BKCT", tdkt.SubjectPerson, "P2", "U3", ""),
		award("A4", 2024, 2026, "CSTDCS", tdkt.SubjectPerson, "P3", "U4", "D9"), // dossier gone
		award("A5", 2025, 2025, "BKCT", tdkt.SubjectCollective, "", "U3", "D2"),
	)
	sound(t, db, "puts")

	a := &tdkt.Award{}
	db.View(func(tx *store.Tx) error { return tx.Get("A1", a) })
	a.Revoked = true
	put(t, db, a)
	sound(t, db, "revoke")
	a.Revoked = false
	a.AwardCode = "CSTDCS"
	put(t, db, a)
	sound(t, db, "unrevoke and change form")
	if err := db.Update("an", func(tx *store.Tx) error { return tx.Delete(tdkt.KindAward, "A3") }); err != nil {
		t.Fatal(err)
	}
	sound(t, db, "delete")

	// A sync merge defers its index puts: two new awards under one counter,
	// a revocation and an update of a stored award, a new dossier.
	var raws []store.Raw
	add := func(r tdkt.Record) {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, store.Raw{Kind: r.Kind(), ID: r.Base().ID, Data: b})
	}
	for _, id := range []string{"X1", "X2"} {
		x := award(id, 2025, 2026, "BKCT", tdkt.SubjectPerson, "P3", "U4", "")
		x.Clock = tdkt.Clock{"peer": 1}
		add(x)
	}
	b := &tdkt.Award{}
	db.View(func(tx *store.Tx) error { return tx.Get("A2", b) })
	b.Revoked = true
	b.Clock = b.Clock.Merge(tdkt.Clock{"peer": 5})
	add(b)
	add(&tdkt.Dossier{Meta: tdkt.Meta{ID: "D3", Clock: tdkt.Clock{"peer": 2}}, Title: "Hồ sơ từ xã", Year: 2026, UnitID: "U1", Status: tdkt.StatusReceived})
	// a bundle lists records in the order they last changed: a person and
	// the collective's new member edited after their awards come after them
	x3 := award("X3", 2025, 2026, "BKCT", tdkt.SubjectPerson, "P9", "U5", "D4")
	x3.Clock = tdkt.Clock{"peer": 3}
	add(x3)
	x4 := award("X4", 2025, 2026, "TTLDXS", tdkt.SubjectCollective, "", "U5", "D4")
	x4.Clock = tdkt.Clock{"peer": 4}
	add(x4)
	add(&tdkt.Unit{Meta: tdkt.Meta{ID: "U5", Clock: tdkt.Clock{"peer": 6}}, Name: "Tổ sản xuất", Type: tdkt.UnitAgency})
	add(&tdkt.Person{Meta: tdkt.Meta{ID: "P9", Clock: tdkt.Clock{"peer": 7}}, Name: "Lù Văn Sáng", UnitID: "U5", Category: tdkt.CatWorker})
	add(&tdkt.Dossier{Meta: tdkt.Meta{ID: "D4", Clock: tdkt.Clock{"peer": 8}}, Title: "Hồ sơ tổ", Year: 2025, UnitID: "U5", Status: tdkt.StatusAwarded})
	if err := db.Update("an", func(tx *store.Tx) error { _, err := tx.Apply("X", raws); return err }); err != nil {
		t.Fatal(err)
	}
	sound(t, db, "sync merge")

	// Facts are the decision's: a person's later category does not move
	// the awards already counted.
	before := counters(t, db)
	p := &tdkt.Person{}
	db.View(func(tx *store.Tx) error { return tx.Get("P3", p) })
	p.Category = tdkt.CatWorker
	put(t, db, p)
	if got := counters(t, db); !maps.Equal(before, got) {
		t.Errorf("a person's new category changed the counters:\n%v\n%v", before, got)
	}
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the person changed: %v %v", err, probs)
	}
}

func TestDossierRows(t *testing.T) {
	db, _ := newDB(t)
	office(t, db)
	err := db.View(func(tx *store.Tx) error {
		r, err := tx.DossierRow("D1")
		if err != nil {
			return err
		}
		want := store.DossierRow{ID: "D1", Ref: "12/TTr", Title: "Đề nghị khen thưởng năm 2025", Year: 2025, UnitID: "U1",
			Status: tdkt.StatusAwarded, Received: tdkt.D(2026, 1, 5), Deadline: tdkt.D(2026, 2, 5), Candidates: 2,
			Awards: []string{"BKCT", "TTLDXS"}, Folded: "de nghi khen thuong nam 2025 12/ttr giang a pao ban pac ngoi"}
		if fmt.Sprintf("%+v", r) != fmt.Sprintf("%+v", want) {
			t.Errorf("row\n%+v\nwant\n%+v", r, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update("an", func(tx *store.Tx) error { return tx.Delete(tdkt.KindDossier, "D2") }); err != nil {
		t.Fatal(err)
	}
	var ids []string
	n := 0
	db.View(func(tx *store.Tx) error {
		n = tx.DossierRowCount()
		return tx.EachDossierRow(func(r store.DossierRow) error { ids = append(ids, r.ID); return nil })
	})
	if !slices.Equal(ids, []string{"D1"}) || n != 1 {
		t.Errorf("rows after deleting D2: %v (count %d)", ids, n)
	}
	// a separator typed into a title cannot shift the row's fields
	put(t, db, &tdkt.Dossier{Meta: tdkt.Meta{ID: "D5"}, Title: "Tờ trình\x1f số\x1e 5", Year: 2026, Status: tdkt.StatusReceived})
	db.View(func(tx *store.Tx) error {
		r, err := tx.DossierRow("D5")
		if err != nil || r.Title != "Tờ trình  số  5" || r.Year != 2026 || r.Status != tdkt.StatusReceived {
			t.Errorf("row of a title with separators: %+v %v", r, err)
		}
		return nil
	})
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", err, probs)
	}
}

// derivedBuckets dumps the buckets schema 2 added, to compare files.
var derivedBuckets = []string{"award.facts", "award.count", "dossier.row"}

// dump also holds the search postings (flat keys and masks, which schema
// 2 added), as "search kind 0 word 0 id".

func dump(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	out := map[string]string{}
	b.View(func(tx *bolt.Tx) error {
		flat, err := store.FlatSearch(tx)
		if err != nil {
			t.Errorf("search index of %s: %v", path, err)
		}
		for k, v := range flat {
			out["search "+k] = v
		}
		for _, n := range derivedBuckets {
			bk := tx.Bucket([]byte(n))
			if bk == nil {
				continue
			}
			bk.ForEach(func(k, v []byte) error {
				out[n+" "+string(k)] = string(v)
				return nil
			})
		}
		return nil
	})
	return out
}

// TestUpgradeFromSchema1 takes a file as schema 1 left it (no derived
// buckets, schema 1 in meta) and opens it: the first writable open builds
// what the write path would have built, and check passes.
func TestUpgradeFromSchema1(t *testing.T) {
	db, path := newDB(t)
	office(t, db)
	put(t, db,
		award("A1", 2025, 2026, "BKCT", tdkt.SubjectPerson, "P1", "U2", "D1"),
		award("A2", 2025, 2026, "TTLDXS", tdkt.SubjectCollective, "", "U2", "D1"),
		award("A3", 2024, 2025, "BKCT", tdkt.SubjectPerson, "P2", "U3", ""),
		revoked(award("A4", 2024, 2025, "CSTDCS", tdkt.SubjectPerson, "P3", "U4", "D2")),
		award("A5", 2023, 2024, "BKCT", tdkt.SubjectFamily, "", "U1", "D2"),
	)
	if err := db.Update("an", func(tx *store.Tx) error { return tx.Delete(tdkt.KindAward, "A3") }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	want := dump(t, path)
	if len(want) == 0 {
		t.Fatal("the write path built no derived data")
	}

	old := filepath.Join(t.TempDir(), "schema1.db")
	copyFile(t, path, old)
	b, err := bolt.Open(old, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		for _, n := range derivedBuckets {
			if err := tx.DeleteBucket([]byte(n)); err != nil {
				return err
			}
		}
		// schema 1 filed search keys without values
		if err := store.UnblockSearch(tx); err != nil {
			return err
		}
		sb := tx.Bucket([]byte("search"))
		var keys [][]byte
		sb.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for _, k := range keys {
			if err := sb.Put(k, nil); err != nil {
				return err
			}
		}
		return setSchema(tx, 1)
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	// derived buckets gone, search keys moved to schema 1's bucket
	for k, v := range dump(t, old) {
		t.Fatalf("stripping left %q = %q", k, v)
	}

	if _, err := store.Open(old, store.Options{ReadOnly: true}); !errors.Is(err, store.ErrNeedsUpgrade) {
		t.Errorf("a schema 1 file opened read-only: %v, want ErrNeedsUpgrade", err)
	}
	if need, err := store.NeedsUpgrade(old); err != nil || !need {
		t.Errorf("NeedsUpgrade(schema 1) = %v, %v", need, err)
	}
	up, err := store.Open(old, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if need, err := store.NeedsUpgrade(path); err != nil || need {
		t.Errorf("NeedsUpgrade(current) = %v, %v", need, err)
	}
	if probs, err := up.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the upgrade: %v %v", err, probs)
	}
	up.Close()
	got := dump(t, old)
	if !maps.Equal(got, want) {
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%q: upgraded %q, written %q", k, got[k], want[k])
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%q: only in the upgraded file", k)
			}
		}
	}
	var schema []byte
	b, err = bolt.Open(old, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.View(func(tx *bolt.Tx) error {
		schema = bytes.Clone(tx.Bucket([]byte("meta")).Get([]byte("schema")))
		return nil
	})
	b.Close()
	if binary.BigEndian.Uint64(schema) != store.Schema {
		t.Errorf("schema after the upgrade: %v", schema)
	}

	// check notices a search key whose mask is wrong
	b, err = bolt.Open(old, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { return store.SetFirstMask(tx, 1<<64-1) })
	b.Close()
	up, err = store.Open(old, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	if probs, err := up.Check(); err != nil || len(probs) != 1 || !strings.Contains(probs[0].String(), "mặt nạ") {
		t.Errorf("check of a wrong mask: %v %v", err, probs)
	}
}

// TestSearchMaskDropsNoMatch: the word masks on search keys only skip
// candidates that cannot match. Every query of one to three word
// beginnings drawn from the names finds exactly the people a plain scan
// of the folded names finds.
func TestSearchMaskDropsNoMatch(t *testing.T) {
	db, _ := newDB(t)
	names := []string{"Nguyễn Văn An", "Nguyễn Thị Anh", "Lò Văn Sơn", "Giàng A Pao", "Sùng Mí Páo", "Vàng Seo Sử",
		"Đỗ Văn Nam", "Ngô Thị Lan", "Lò Thị Xuân", "Triệu Tài Vần", "Vũ Thị Thu", "Hà Văn Khoa", "An Văn Nguyên"}
	for _, n := range names {
		put(t, db, &tdkt.Person{Name: n})
	}
	var begins []string
	for _, n := range names {
		for _, w := range tdkt.FoldWords(n) {
			for l := 1; l <= len(w); l++ {
				begins = append(begins, w[:l])
			}
		}
	}
	slices.Sort(begins)
	begins = slices.Compact(begins)
	matches := func(name string, q []string) bool {
		have := tdkt.FoldWords(name)
		used := make([]bool, len(have))
		q = slices.Clone(q)
		slices.SortStableFunc(q, func(a, b string) int { return len(b) - len(a) })
		for _, w := range q {
			found := false
			for i, h := range have {
				if !used[i] && strings.HasPrefix(h, w) {
					used[i], found = true, true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	queries := 0
	err := db.View(func(tx *store.Tx) error {
		for i, a := range begins {
			for j, b := range begins {
				qs := [][]string{{a}, {a, b}, {a, b, begins[(i*7+j)%len(begins)]}}
				if j > 0 {
					qs = qs[1:] // one-word queries once per a
				}
				for _, q := range qs {
					queries++
					hits, err := tx.Search(strings.Join(q, " "), 100)
					if err != nil {
						return err
					}
					var got, want []string
					for _, h := range hits {
						got = append(got, strings.SplitN(h.Text, " — ", 2)[0])
					}
					for _, n := range names {
						if matches(n, q) {
							want = append(want, n)
						}
					}
					slices.Sort(got)
					slices.Sort(want)
					if !slices.Equal(got, want) {
						return fmt.Errorf("Search(%q) = %q, want %q", strings.Join(q, " "), got, want)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if queries < 1000 {
		t.Errorf("only %d queries", queries)
	}
}

// TestUpgradeFromSchema2 takes a file as schema 2 left it (no index of
// models) and opens it: the first writable open files every live model,
// and check passes.
func TestUpgradeFromSchema2(t *testing.T) {
	db, path := newDB(t)
	office(t, db)
	var models []string
	err := db.Update("an", func(tx *store.Tx) error {
		for i := range 50 {
			p := &tdkt.Person{Name: fmt.Sprintf("Hoàng Văn Sử %d", i), UnitID: "U1"}
			if i%7 == 0 {
				p.Model = &tdkt.Exemplary{Since: "2025", Story: "Dạy chữ ở bản"}
			}
			if err := tx.Put(p); err != nil {
				return err
			}
			if p.Model != nil && i != 14 {
				models = append(models, p.ID)
			}
			if i == 14 {
				if err := tx.Delete(tdkt.KindPerson, p.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(db *store.DB) (out []string) {
		db.View(func(tx *store.Tx) error { out = tx.IDs("person.model", store.ModelKey); return nil })
		return out
	}
	if got := ids(db); !slices.Equal(got, models) || len(models) != 7 {
		t.Fatalf("models as written: %v, want %v", got, models)
	}
	db.Close()

	up := upgrade(t, path, 2, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("idx:person.model")) })
	defer up.Close()
	if got := ids(up); !slices.Equal(got, models) {
		t.Errorf("models after the upgrade: %v, want %v", got, models)
	}
}

// upgrade makes the file at path look as schema v left it — old reshapes
// what schema v+1 changed, then the schema is set — and opens it: the
// file must need an upgrade before and pass Check after.
func upgrade(t *testing.T, path string, v uint64, old func(*bolt.Tx) error) *store.DB {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		if err := old(tx); err != nil {
			return err
		}
		return setSchema(tx, v)
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	if need, err := store.NeedsUpgrade(path); err != nil || !need {
		t.Fatalf("NeedsUpgrade(schema %d) = %v, %v", v, need, err)
	}
	up, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if probs, err := up.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the upgrade from schema %d: %v %v", v, err, probs)
	}
	return up
}

// setSchema marks a file as an older version left it.
func setSchema(tx *bolt.Tx, v uint64) error {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return tx.Bucket([]byte("meta")).Put([]byte("schema"), b)
}
