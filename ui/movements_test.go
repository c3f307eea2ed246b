package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// TestMovementInReturn0601: a movement of a cluster, launched by a unit,
// is entered in the window with its cluster and launcher; the form says
// where return 0601.N counts it, and the return written counts it there.
func TestMovementInReturn0601(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	cl := &tdkt.Cluster{Name: "Cụm thi đua các trường miền núi", Members: []string{fx.school}}
	if err := sh.e.update(func(tx *store.Tx) error { return tx.Put(cl) }); err != nil {
		t.Fatal(err)
	}
	sh.show(navMovements)
	s := sh.movements
	s.refresh()
	s.edit(&tdkt.Movement{Level: tdkt.LevelProvince})
	typeInto(s.name.entry, "Thi đua dạy tốt, học tốt vùng cao")
	typeInto(s.scope.entry, "toàn tỉnh")
	typeInto(s.start.entry, "05/01/2026")
	typeInto(s.end.entry, "31/12/2026")
	if !strings.Contains(s.report.Text, "Bộ, ban, ngành, đoàn thể, địa phương (mã số 03)") || !strings.Contains(s.report.Text, "1 năm (mã số 07)") {
		t.Errorf("without a cluster: %q", s.report.Text)
	}
	s.cluster.set(cl.ID)
	s.launcher.choose(fx.school)
	if !strings.Contains(s.report.Text, "Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức (mã số 04)") {
		t.Errorf("with a cluster: %q", s.report.Text)
	}
	s.onSave()
	if !s.msg.Hidden || s.cur == nil || s.cur.ID == "" {
		t.Fatalf("not saved: %q", s.msg.Text)
	}
	got := &tdkt.Movement{}
	db.View(func(tx *store.Tx) error { return tx.Get(s.cur.ID, got) })
	if got.ClusterID != cl.ID || got.LaunchedBy != fx.school || got.Scope != "toàn tỉnh" {
		t.Fatalf("stored %+v", got)
	}
	// shown again, it keeps its cluster and launcher
	s.edit(got)
	if id, _ := s.cluster.get(); id != cl.ID || s.launcher.id != fx.school {
		t.Errorf("shown again: cluster %q, launcher %q", id, s.launcher.id)
	}

	// the return counts it on line 04, in the province's column
	var buf bytes.Buffer
	err := db.View(func(tx *store.Tx) error {
		h := jobs.ReturnHeader(sh.e.office, 2026, tdkt.D(2026, 12, 20))
		write, err := jobs.Return(context.Background(), tx, sh.e.cat, h, "0601")
		if err != nil {
			return err
		}
		return write(&buf)
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 4 && r[1] == "04" {
			found = true
			if r[2] != "1" || r[4] != "1" {
				t.Errorf("line 04: %q", r)
			}
		}
	}
	if !found {
		t.Error("no line 04 in the return")
	}
}
