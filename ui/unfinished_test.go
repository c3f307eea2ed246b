package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	bolt "go.etcd.io/bbolt"
)

// TestUnfinishedImportWarned: a bundle import that stopped between its
// parts (the store's mark, as a power cut leaves it) is told on the home
// screen and the sync screen at the next start, with what to do.
func TestUnfinishedImportWarned(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	b, err := bolt.Open(fx.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("import.unfinished/SL"),
			[]byte(`{"from":"SL","seq":4,"done":3,"parts":12,"at":"2026-11-26T02:15:00Z"}`))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	sh, _, _ := openShell(t, fx.path)
	sh.show(navOverview)
	o := sh.overview
	o.wait()
	want := "Lần nhập gói số 4 từ SL dừng giữa chừng"
	if o.unfinished.Hidden || !strings.Contains(o.unfinished.Text, want) || !strings.Contains(o.unfinished.Text, "mới ghi 3 trong 12 phần") {
		t.Errorf("home: hidden %v, %q", o.unfinished.Hidden, o.unfinished.Text)
	}
	sh.show(navSync)
	if s := sh.sync; s.unfinished.Hidden || !strings.Contains(s.unfinished.Text, want) {
		t.Errorf("sync: hidden %v, %q", s.unfinished.Hidden, s.unfinished.Text)
	}

	// an office without the mark shows nothing
	clean := newTestDB(t)
	sh2, _, _ := openShell(t, clean.path)
	sh2.show(navOverview)
	sh2.overview.wait()
	if !sh2.overview.unfinished.Hidden {
		t.Errorf("clean office warned: %q", sh2.overview.unfinished.Text)
	}
}
