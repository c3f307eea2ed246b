package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestFirstRun sets up a commune office through the first-run screen and
// reads the office and catalogue back from the file.
func TestFirstRun(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "sub", "tdkt.db")
	done := false
	w := test.NewTempWindow(t, nil)
	s := newSetupScreen(path, w, func() { done = true })
	w.SetContent(s.content())

	test.Tap(s.createBt)
	if s.code.message() != "Chưa nhập mã cơ quan" || s.place.message() == "" || s.msg.Hidden {
		t.Fatalf("messages %q %q %q", s.code.message(), s.place.message(), s.msg.Text)
	}
	typeInto(s.code.entry, "sl x1")
	if s.code.message() == "" {
		t.Error("lower-case code with a space accepted")
	}
	s.level.set(tdkt.LevelCommune)
	typeInto(s.code.entry, "SLX001")
	if !strings.Contains(s.code.message(), "SL-X001") {
		t.Errorf("commune code without its province: %q", s.code.message())
	}
	typeInto(s.code.entry, "SL-X001")
	typeInto(s.name.entry, "Ủy ban nhân dân xã Mường Pồn")
	typeInto(s.issuing.entry, "Ủy ban nhân dân xã Mường Pồn")
	typeInto(s.place.entry, "Mường Pồn")
	typeInto(s.sign1.entry, "Lò Văn Pẩng")
	typeInto(s.salary.entry, "2.530.000")
	typeInto(s.salaryOn.entry, "01/07/2026")
	test.Tap(s.createBt)
	s.busy.wait()
	if !done {
		t.Fatalf("not created: %s", s.msg.Text)
	}
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *store.Tx) error {
		o, err := tx.OfficeRecord()
		if err != nil {
			t.Fatal(err)
		}
		if o.Code != "SL-X001" || o.Level != tdkt.LevelCommune || o.IssuingBody != "ỦY BAN NHÂN DÂN XÃ MƯỜNG PỒN" ||
			o.Symbol != "QĐ-UBND" || o.Place != "Mường Pồn" || len(o.Signers) != 1 || o.Signers[0].Mode != "TM" {
			t.Errorf("office %+v", o)
		}
		c, err := tx.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		if amt, _ := c.SalaryOn(tdkt.D(2026, 8, 1)); amt != 2_530_000 {
			t.Errorf("salary from 1/7/2026: %d", amt)
		}
		if amt, _ := c.SalaryOn(tdkt.D(2026, 1, 1)); amt != 2_340_000 {
			t.Errorf("salary before: %d", amt)
		}
		if b, _ := c.Bonus("BKT", tdkt.SubjectPerson, tdkt.D(2026, 8, 1)); b != 2_600_000 {
			t.Errorf("bonus BKT %d", b)
		}
		return nil
	})
	if db.Office() != "SL-X001" {
		t.Errorf("database office %q", db.Office())
	}
}
