package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestMergeDuplicatePerson: Bình was entered a second time, without
// accents, from an old register holding her 2023 and 2024 lines. Merged
// from her page, her history reads all three years; a namesake of the
// other gender is refused with the reason; a split undoes the merge.
func TestMergeDuplicatePerson(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	dup := &tdkt.Person{Name: "Lo Thi Binh", Birth: tdkt.D(1985, 4, 12)}
	namesake := &tdkt.Person{Name: "Lò Thị Bình", Gender: tdkt.Male, Position: "Nông dân"}
	err = db.Update("test", func(tx *store.Tx) error {
		for _, p := range []*tdkt.Person{dup, namesake} {
			if err := tx.Put(p); err != nil {
				return err
			}
		}
		for _, y := range []int{2023, 2024} {
			if err := tx.Put(&tdkt.Award{Year: y, AwardCode: "CSTDCS", Method: tdkt.MethodRegular, Subject: tdkt.SubjectPerson,
				PersonID: dup.ID, Name: dup.Name, DecisionNo: "05/QĐ-UBND", DecisionDate: tdkt.D(y+1, 1, 5)}); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	sh, _, _ := openShell(t, fx.path)
	sh.show(navUnits)
	p := sh.units.people
	p.open(fx.binh)
	if len(p.awards.rows) != 1 || !p.splitBt.Hidden {
		t.Fatalf("before: %d lines, split shown %v", len(p.awards.rows), !p.splitBt.Hidden)
	}

	test.Tap(p.mergeBt)
	f := p.merge
	// her own record is not offered; the duplicate and the namesake are
	if len(f.found) != 2 {
		t.Fatalf("offered %d records", len(f.found))
	}
	pick := func(id string) {
		for i, x := range f.found {
			if x.ID == id {
				f.results.Select(i)
				return
			}
		}
		t.Fatalf("%s not offered", id)
	}
	pick(namesake.ID)
	test.Tap(f.ok)
	if f.msg.Hidden || !strings.Contains(f.msg.Text, "giới tính khác nhau") {
		t.Fatalf("namesake: %q", f.msg.Text)
	}
	pick(dup.ID)
	if !strings.Contains(f.chosen.Text, "Lo Thi Binh, sinh 12/04/1985") {
		t.Errorf("chosen: %q", f.chosen.Text)
	}
	// at a commune, a duplicate the province created is not merged away
	// (the merge would stay on this machine)
	office := *sh.e.office
	sh.e.office.Level, sh.e.office.Code = tdkt.LevelCommune, "T1-X001"
	test.Tap(f.ok)
	*sh.e.office = office
	if f.msg.Hidden || !strings.Contains(f.msg.Text, "do cơ quan khác (T1) tạo") {
		t.Fatalf("another office's duplicate: %q", f.msg.Text)
	}
	test.Tap(f.ok)
	if !f.msg.Hidden {
		t.Fatalf("merge refused: %s", f.msg.Text)
	}
	if len(p.awards.rows) != 3 || p.splitBt.Hidden || !strings.Contains(p.info.Text, "Cùng một người với: Lo Thi Binh") ||
		!strings.Contains(p.info.Text, "sinh ngày 12/04/1985") {
		t.Fatalf("after the merge: %d lines, info %q", len(p.awards.rows), p.info.Text)
	}
	// the duplicate is no longer found as a person of its own
	p.query.SetText("lo thi binh")
	for _, x := range p.list.rows {
		if x.ID == dup.ID {
			t.Error("the merged duplicate is still listed")
		}
	}
	// the rules read one history: three years of CSTĐ cơ sở
	sh.e.view(func(tx *store.Tx) error {
		hist, _ := tx.History(fx.binh, false)
		if len(hist) != 3 {
			t.Errorf("history %+v", hist)
		}
		return nil
	})

	p.open(fx.binh)
	test.Tap(p.splitBt)
	test.Tap(sh.e.confirmOK)
	if len(p.awards.rows) != 1 || !p.splitBt.Hidden || strings.Contains(p.info.Text, "1985") {
		t.Errorf("after the split: %d lines, split shown %v, info %q", len(p.awards.rows), !p.splitBt.Hidden, p.info.Text)
	}
}
