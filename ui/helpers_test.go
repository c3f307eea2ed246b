package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
)

// clock is the tests' "now": late November 2026, when the year's dossiers
// are reviewed. The base salary then is 2,340,000 đồng.
var clock = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// fixture names the records newTestDB creates.
type fixture struct {
	path   string
	school string // unit
	an     string // person with CSTĐ cơ sở 2023, 2024, 2025
	binh   string // person with CSTĐ cơ sở 2025 only
}

// newTestDB creates a real database the way the first-run screen does: the
// office record, the default catalogue, plus one school with two teachers
// and their register history.
func newTestDB(t *testing.T) fixture {
	t.Helper()
	f := fixture{path: filepath.Join(t.TempDir(), "tdkt.db")}
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	cat.ID = "catalog"
	office := &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "T1", Name: "Sở Nội vụ tỉnh Thử Nghiệm – Phòng Thi đua, Khen thưởng",
		Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", Symbol: "QĐ-UBND", Place: "Thử Nghiệm",
		Signers: []tdkt.Signer{{Name: "Hoàng Văn Ký", Title: "CHỦ TỊCH", Mode: "TM"}, {Name: "Lò Thị Thay", Title: "PHÓ CHỦ TỊCH", Mode: "KT"}}}
	err = store.Create(f.path, "T1", store.Options{Now: func() time.Time { return clock }}, func(db *store.DB) error {
		return db.Update("test", func(tx *store.Tx) error {
			if err := tx.Put(office); err != nil {
				return err
			}
			if err := tx.Put(cat); err != nil {
				return err
			}
			u := &tdkt.Unit{Name: "Trường Tiểu học Tân Phúc", Type: tdkt.UnitSchool, Flags: tdkt.AreaFlags{Remote: true, EthnicMinority: true}}
			if err := tx.Put(u); err != nil {
				return err
			}
			a := &tdkt.Person{Name: "Nguyễn Văn An", Gender: tdkt.Male, Position: "Giáo viên", UnitID: u.ID, Category: tdkt.CatOfficer}
			b := &tdkt.Person{Name: "Lò Thị Bình", Gender: tdkt.Female, Position: "Giáo viên", UnitID: u.ID, Category: tdkt.CatOfficer}
			for _, p := range []*tdkt.Person{a, b} {
				if err := tx.Put(p); err != nil {
					return err
				}
			}
			hist := map[*tdkt.Person][]int{a: {2023, 2024, 2025}, b: {2025}}
			for p, years := range hist {
				for _, y := range years {
					aw := &tdkt.Award{Year: y, AwardCode: "CSTDCS", Method: tdkt.MethodRegular, Subject: tdkt.SubjectPerson,
						PersonID: p.ID, UnitID: u.ID, Name: p.Name, Position: p.Position,
						DecisionNo: fmt.Sprintf("0%d/QĐ-UBND", y%10), DecisionDate: tdkt.D(y+1, 1, 10), Bonus: 1_800_000}
					if err := tx.Put(aw); err != nil {
						return err
					}
				}
			}
			f.school, f.an, f.binh = u.ID, a.ID, b.ID
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// openShell opens the real window content over the database at path in a
// test window, with the tests' clock.
func openShell(t *testing.T, path string) (*shell, fyne.Window, *store.DB) {
	t.Helper()
	db, err := store.Open(path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1280, 800))
	e, err := newEnv(db, path, w)
	if err != nil {
		t.Fatal(err)
	}
	e.now = func() time.Time { return clock }
	e.user = "chuyenvien"
	sh := newShell(e)
	w.SetContent(sh.content())
	t.Cleanup(func() {
		for _, it := range sh.items {
			it.s.wait()
		}
		db.Close()
	})
	return sh, w, db
}

var enter = &fyne.KeyEvent{Name: fyne.KeyReturn}

// typeInto replaces an entry's text by typing, as a user would after
// selecting all.
func typeInto(e *entry, s string) {
	e.SetText("")
	test.Type(e, s)
}
