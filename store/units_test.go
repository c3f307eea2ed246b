package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
	"tdkt/store"
)

// TestDeleteUnit: a unit nothing refers to is deleted (a tombstone, off the
// indexes); one that anything names is kept, with what names it; a unit
// another office created is not this office's to delete.
func TestDeleteUnit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xa.db")
	opts := store.Options{Now: func() time.Time { return time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC) }}
	if err := store.Create(path, "SL-X001", opts, nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := func(name string, k tdkt.UnitKind, parent string) *tdkt.Unit {
		return &tdkt.Unit{Name: name, Type: k, ParentID: parent}
	}
	xa := u("Xã Tả Van", tdkt.UnitCommune, "")
	put(t, db, &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "SL-X001", Name: "UBND xã Tả Van", Level: tdkt.LevelCommune}, xa)
	free, child, staff, cand, submits, member, merged, awarded := u("Thôn Nhầm", tdkt.UnitVillage, xa.ID),
		u("Thôn Có Con", tdkt.UnitVillage, xa.ID), u("Trường Có Người", tdkt.UnitSchool, xa.ID),
		u("Thôn Được Đề Nghị", tdkt.UnitVillage, xa.ID), u("Trường Trình Hồ Sơ", tdkt.UnitSchool, xa.ID),
		u("Hợp tác xã Trong Cụm", tdkt.UnitEnterprise, ""), u("Xã Mới", tdkt.UnitCommune, ""),
		u("Trường Được Khen", tdkt.UnitSchool, xa.ID)
	put(t, db, free, child, staff, cand, submits, member, merged, awarded)
	foreign := &tdkt.Unit{Meta: tdkt.Meta{ID: "SL-U0000009"}, Name: "Sở Y tế", Type: tdkt.UnitDepartment}
	put(t, db,
		u("Tổ 1", tdkt.UnitVillage, child.ID),
		&tdkt.Person{Name: "Lò Văn Páo", UnitID: staff.ID, Category: tdkt.CatOfficer},
		&tdkt.Dossier{Title: "Đề nghị", Year: 2026, UnitID: xa.ID, Status: tdkt.StatusReceived,
			Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectCollective, UnitID: cand.ID, Name: cand.Name, AwardCode: "GKCT"}}},
		&tdkt.Dossier{Title: "Đề nghị của trường", Year: 2026, UnitID: submits.ID, Status: tdkt.StatusReceived},
		&tdkt.Cluster{Name: "Cụm doanh nghiệp", Members: []string{member.ID}},
		&tdkt.Unit{Name: "Xã Cũ", Type: tdkt.UnitCommune, MergedInto: merged.ID, MergedOn: tdkt.D(2025, 7, 1)},
		&tdkt.Award{Year: 2025, AwardCode: "GKCT", Method: tdkt.MethodRegular, Subject: tdkt.SubjectCollective,
			UnitID: awarded.ID, Name: awarded.Name, DecisionNo: "1/QĐ-UBND", DecisionDate: tdkt.D(2026, 1, 5)},
		foreign,
	)

	tests := []struct {
		unit *tdkt.Unit
		want string // part of the refusal; "" when deleted
	}{
		{child, "1 đơn vị trực thuộc"},
		{staff, "1 cá nhân"},
		{cand, "1 hồ sơ đề nghị khen thưởng đơn vị"},
		{submits, "1 hồ sơ đã trình"},
		{member, "1 cụm, khối thi đua"},
		{merged, "1 đơn vị cũ hợp nhất vào"},
		{awarded, "1 dòng trong sổ khen thưởng"},
		{xa, "6 đơn vị trực thuộc, 1 hồ sơ đã trình"},
		{foreign, "do cơ quan khác tạo"},
		{free, ""},
	}
	for _, tt := range tests {
		err := db.Update("an", func(tx *store.Tx) error { return tx.DeleteUnit(tt.unit.ID) })
		live := false
		db.View(func(tx *store.Tx) error { live = tx.Has(tdkt.KindUnit, tt.unit.ID); return nil })
		switch {
		case tt.want == "" && (err != nil || live):
			t.Errorf("%s: not deleted (%v, live %v)", tt.unit.Name, err, live)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v, want a refusal naming %q", tt.unit.Name, err, tt.want)
		case tt.want != "" && !live:
			t.Errorf("%s: refused but deleted", tt.unit.Name)
		case tt.want != "" && tt.unit != foreign && !errors.Is(err, store.ErrUnitInUse):
			t.Errorf("%s: %v is not ErrUnitInUse", tt.unit.Name, err)
		}
	}
	// deleted: off the commune's branch, the file still sound
	db.View(func(tx *store.Tx) error {
		for _, id := range tx.IDs("unit.parent", xa.ID) {
			if id == free.ID {
				t.Error("the deleted unit is still under the commune")
			}
		}
		return nil
	})
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check after deleting: %v %v", err, probs)
	}
	// the province's movement, and its people, are not the commune's to delete
	mv := &tdkt.Movement{Meta: tdkt.Meta{ID: "SL-M0000001"}, Name: "Phong trào của tỉnh", Level: tdkt.LevelProvince}
	pp := &tdkt.Person{Meta: tdkt.Meta{ID: "SL-P0000001"}, Name: "Người của tỉnh"}
	put(t, db, mv, pp)
	for _, del := range []func(*store.Tx) error{
		func(tx *store.Tx) error { return tx.DeleteMovement(mv.ID) },
		func(tx *store.Tx) error { return tx.DeletePerson(pp.ID) },
	} {
		if err := db.Update("an", del); err == nil || !strings.Contains(err.Error(), "không xóa được") {
			t.Errorf("another office's record deleted: %v", err)
		}
	}
}

// TestFamilyHistory: a household's register lines are its own (by name in
// its village), and neither they nor the village's people's lines count
// as the village's collective history.
func TestFamilyHistory(t *testing.T) {
	db, _ := newDB(t)
	thon := &tdkt.Unit{Name: "Thôn Lếch", Type: tdkt.UnitVillage}
	put(t, db, thon)
	line := func(s tdkt.Subject, name, code string, y int) *tdkt.Award {
		return &tdkt.Award{Year: y, AwardCode: code, Method: tdkt.MethodRegular, Subject: s, UnitID: thon.ID, Name: name,
			DecisionNo: "1/QĐ-UBND", DecisionDate: tdkt.D(y+1, 1, 10)}
	}
	put(t, db,
		line(tdkt.SubjectFamily, "Hộ ông Giàng A Páo", "GDVH", 2024),
		line(tdkt.SubjectFamily, "Hộ ông Giàng A Páo", "GDVH", 2025),
		line(tdkt.SubjectFamily, "Hộ bà Lò Thị Mai", "GDVH", 2025),
		line(tdkt.SubjectCollective, "Thôn Lếch", "TVH", 2025),
		line(tdkt.SubjectPerson, "Giàng A Páo", "LDTT", 2025),
	)
	db.View(func(tx *store.Tx) error {
		fam, err := tx.FamilyHistory(thon.ID, " hộ ông giang a pao ")
		if err != nil || len(fam) != 2 || fam[0].Code != "GDVH" {
			t.Errorf("household history %+v %v", fam, err)
		}
		own, err := tx.History(thon.ID, true)
		if err != nil || len(own) != 1 || own[0].Code != "TVH" {
			t.Errorf("village history %+v %v", own, err)
		}
		return nil
	})
}

// TestRecordAward: an award decided elsewhere is written with its year's
// next register number; an incomplete line or one the register has is
// refused and nothing is written.
func TestRecordAward(t *testing.T) {
	db, _ := newDB(t)
	u := &tdkt.Unit{Name: "Trường Tiểu học Tả Van", Type: tdkt.UnitSchool}
	put(t, db, u)
	p := &tdkt.Person{Name: "Lò Thị Hoa", UnitID: u.ID, Category: tdkt.CatOfficer}
	put(t, db, p)
	today := tdkt.D(2026, 11, 27)
	line := func() *tdkt.Award {
		return &tdkt.Award{Year: 2025, AwardCode: "HCLD3", Method: tdkt.MethodRegular, Subject: tdkt.SubjectPerson,
			PersonID: p.ID, UnitID: u.ID, Name: p.Name, Position: "Hiệu trưởng", DecisionNo: "1234/QĐ-CTN",
			DecisionDate: tdkt.D(2026, 9, 2), Signer: "Chủ tịch nước"}
	}
	var cat *tdkt.Catalog
	db.View(func(tx *store.Tx) (err error) { cat, err = tx.Catalog(); return })
	record := func(a *tdkt.Award) error {
		return db.Update("an", func(tx *store.Tx) error { return tx.RecordAward(a, cat, today) })
	}
	a := line()
	if err := record(a); err != nil {
		t.Fatal(err)
	}
	if a.Number != "2026/000001" || a.ID == "" {
		t.Errorf("recorded %+v", a)
	}
	for name, c := range map[string]struct {
		change func(*tdkt.Award)
		want   string
	}{
		"again":           {func(*tdkt.Award) {}, "sổ đã có dòng này: Lò Thị Hoa – Huân chương Lao động hạng Ba năm 2025"},
		"no decision":     {func(a *tdkt.Award) { a.DecisionNo = " " }, "chưa nhập số quyết định"},
		"before the year": {func(a *tdkt.Award) { a.DecisionDate = tdkt.D(2024, 12, 1) }, "trước năm thành tích 2025"},
		"in the future":   {func(a *tdkt.Award) { a.DecisionDate = tdkt.D(2027, 1, 1) }, "chưa tới"},
		"no person":       {func(a *tdkt.Award) { a.PersonID = "" }, "chưa chọn cá nhân"},
		"family award":    {func(a *tdkt.Award) { a.AwardCode = "GDVH" }, "không dành cho cá nhân"},
		"negative bonus":  {func(a *tdkt.Award) { a.Bonus = -1 }, "không được âm"},
	} {
		a := line()
		c.change(a)
		if err := record(a); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	n := 0
	db.View(func(tx *store.Tx) error { n = tx.Count(tdkt.KindAward); return nil })
	if n != 1 {
		t.Errorf("%d register lines after refusals", n)
	}
	b := line()
	b.DecisionNo = "99/QĐ-TTg"
	b.AwardCode = "BKTTG"
	if err := record(b); err != nil || b.Number != "2026/000002" {
		t.Errorf("second line %+v %v", b, err)
	}
	// revoked, the counters and facts follow (Check recounts them)
	if err := tdkt.RevokeAward(b, "3/QĐ-TTg", tdkt.D(2026, 11, 1), "Kê khai sai", today); err != nil {
		t.Fatal(err)
	}
	put(t, db, b)
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after revoking: %v %v", err, probs)
	}
}

// TestDeletePerson: a person nothing names is deleted; one a dossier or the
// register names is kept, saying what.
func TestDeletePerson(t *testing.T) {
	db, _ := newDB(t)
	put(t, db, &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "T1", Name: "Tỉnh thử", Level: tdkt.LevelProvince})
	u := &tdkt.Unit{Name: "Trường Tiểu học Tả Van", Type: tdkt.UnitSchool}
	put(t, db, u)
	dup, proposed, awarded := &tdkt.Person{Name: "Lò Thị Hoa", UnitID: u.ID}, &tdkt.Person{Name: "Lò Văn Páo", UnitID: u.ID},
		&tdkt.Person{Name: "Giàng A Sình", UnitID: u.ID}
	put(t, db, dup, proposed, awarded)
	put(t, db,
		&tdkt.Dossier{Title: "Đề nghị", Year: 2026, UnitID: u.ID, Status: tdkt.StatusReceived,
			Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: proposed.ID, Name: proposed.Name, AwardCode: "LDTT"}}},
		&tdkt.Award{Year: 2025, AwardCode: "LDTT", Method: tdkt.MethodRegular, Subject: tdkt.SubjectPerson, PersonID: awarded.ID,
			UnitID: u.ID, Name: awarded.Name, DecisionNo: "1/QĐ", DecisionDate: tdkt.D(2026, 1, 5)})
	del := func(id string) error { return db.Update("an", func(tx *store.Tx) error { return tx.DeletePerson(id) }) }
	if err := del(proposed.ID); !errors.Is(err, store.ErrPersonInUse) || !strings.Contains(err.Error(), "1 hồ sơ") {
		t.Errorf("proposed: %v", err)
	}
	if err := del(awarded.ID); err == nil || !strings.Contains(err.Error(), "1 dòng trong sổ khen thưởng") {
		t.Errorf("awarded: %v", err)
	}
	if err := del(dup.ID); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if tx.Has(tdkt.KindPerson, dup.ID) || !tx.Has(tdkt.KindPerson, proposed.ID) || len(tx.IDs("person.unit", u.ID)) != 2 {
			t.Errorf("after deleting: dup live %v, unit's people %v", tx.Has(tdkt.KindPerson, dup.ID), tx.IDs("person.unit", u.ID))
		}
		return nil
	})
}

// TestMergePerson: a person entered twice reads one history once merged —
// whichever record eligibility asks about, through a chain of merges —
// and two again once split; nothing that names the duplicate changes.
func TestMergePerson(t *testing.T) {
	db, path := newDB(t)
	put(t, db, &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "T1", Name: "Tỉnh thử", Level: tdkt.LevelProvince})
	u := &tdkt.Unit{Name: "Xã Tân Phúc", Type: tdkt.UnitCommune}
	put(t, db, u)
	keep := &tdkt.Person{Name: "Vàng A Sình", UnitID: u.ID, Position: "Trưởng thôn"}
	dup := &tdkt.Person{Name: "Vang A Sinh", Birth: tdkt.D(1975, 3, 1), IDNumber: "014075000321"}
	old := &tdkt.Person{Name: "VÀNG A SÌNH"}
	other := &tdkt.Person{Name: "Vàng A Sình", IDNumber: "014075000999"}
	put(t, db, keep, dup, old, other)
	line := func(p *tdkt.Person, y int) *tdkt.Award {
		return &tdkt.Award{Number: fmt.Sprintf("%d/%06d", y+1, y), Year: y, AwardCode: "CSTDCS", Subject: tdkt.SubjectPerson,
			PersonID: p.ID, Name: p.Name, DecisionNo: "01/QĐ-UBND", DecisionDate: tdkt.D(y+1, 1, 10)}
	}
	put(t, db, line(old, 2022), line(dup, 2023), line(keep, 2024), line(keep, 2025), line(other, 2021))
	years := func(id string) []int {
		var out []int
		db.View(func(tx *store.Tx) error {
			hist, err := tx.History(id, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hist {
				out = append(out, h.Year)
			}
			return nil
		})
		slices.Sort(out)
		return out
	}
	merge := func(dupID, keepID string) error {
		return db.Update("an", func(tx *store.Tx) error { _, err := tx.MergePerson(dupID, keepID); return err })
	}
	// the old register's record into dup, then dup into keep: a chain
	if err := merge(old.ID, dup.ID); err != nil {
		t.Fatal(err)
	}
	if err := merge(dup.ID, keep.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{keep.ID, dup.ID, old.ID} {
		if got := years(id); !slices.Equal(got, []int{2022, 2023, 2024, 2025}) {
			t.Errorf("history asked through %s: %v", id, got)
		}
	}
	db.View(func(tx *store.Tx) error {
		k := &tdkt.Person{}
		tx.Get(keep.ID, k)
		if k.Birth != dup.Birth || k.IDNumber != "014075000321" || k.Position != "Trưởng thôn" {
			t.Errorf("kept record %+v", k)
		}
		if got := tx.KeptPerson(old.ID); got != keep.ID {
			t.Errorf("kept person of the oldest record: %s", got)
		}
		return nil
	})
	// a namesake with another CCCD is two people
	if err := merge(other.ID, keep.ID); err == nil || !strings.Contains(err.Error(), "số CCCD khác nhau") {
		t.Errorf("namesake merged: %v", err)
	}
	if got := years(other.ID); !slices.Equal(got, []int{2021}) {
		t.Errorf("namesake's history %v", got)
	}
	if probs, _ := db.Check(); len(probs) != 0 {
		t.Fatal(probs)
	}
	// the kept record cannot be deleted while records are merged into it:
	// their lines would count for nobody shown
	if err := db.Update("an", func(tx *store.Tx) error { return tx.DeletePerson(keep.ID) }); err == nil ||
		!strings.Contains(err.Error(), "bản ghi trùng đã gộp vào") {
		t.Errorf("kept record deleted: %v", err)
	}
	// split again: dup (with the old record still merged into it) is its own
	if err := db.Update("an", func(tx *store.Tx) error { return tx.UnmergePerson(dup.ID) }); err != nil {
		t.Fatal(err)
	}
	if got, want := years(keep.ID), []int{2024, 2025}; !slices.Equal(got, want) {
		t.Errorf("kept record's history after the split: %v", got)
	}
	db.View(func(tx *store.Tx) error {
		k := &tdkt.Person{}
		tx.Get(keep.ID, k)
		if !k.Birth.IsZero() || k.IDNumber != "" || k.Position != "Trưởng thôn" {
			t.Errorf("kept record after the split still holds the other's details: %+v", k)
		}
		return nil
	})
	if got, want := years(old.ID), []int{2022, 2023}; !slices.Equal(got, want) {
		t.Errorf("split record's history: %v", got)
	}
	if err := db.Update("an", func(tx *store.Tx) error { return tx.UnmergePerson(keep.ID) }); err == nil {
		t.Error("a record never merged was split")
	}
	db.Close()

	// a file from before the index learns it on its upgrade
	if err := merge2(path, dup.ID, keep.ID); err != nil {
		t.Fatal(err)
	}
	up := upgrade(t, path, 4, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("idx:person.merged")) })
	defer up.Close()
	up.View(func(tx *store.Tx) error {
		if got := tx.SamePerson(old.ID); len(got) != 3 || got[0] != keep.ID {
			t.Errorf("after the upgrade, one person is %v", got)
		}
		return nil
	})
}

// merge2 merges in a database it opens and closes.
func merge2(path, dupID, keepID string) error {
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update("an", func(tx *store.Tx) error { _, err := tx.MergePerson(dupID, keepID); return err })
}
