package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestClusterYearsAndScores: last year can be added in January (any year
// not kept yet), and a score that does not read is refused with its unit
// instead of being left out of the ranking.
func TestClusterYearsAndScores(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navMovements)
	p := sh.movements.clusters
	p.edit(&tdkt.Cluster{Years: []tdkt.ClusterYear{{Year: 2026}}})
	typeInto(p.name.entry, "Cụm thi đua trường học")
	p.addMember.choose(fx.school)

	// 2026 is kept: the form proposes 2025 and refuses 2026 again
	test.Tap(p.addYearBt)
	if p.yearForm == nil || p.yearForm.entry.Text != "2025" {
		t.Fatalf("proposed year %v", p.yearForm)
	}
	typeInto(p.yearForm.entry, "2026")
	test.Tap(p.yearOK)
	if p.yearForm.message() != "Năm 2026 đã có" || len(p.cur.Years) != 1 {
		t.Errorf("a kept year added again: %q, %d years", p.yearForm.message(), len(p.cur.Years))
	}
	typeInto(p.yearForm.entry, "2025")
	test.Tap(p.yearOK)
	if len(p.cur.Years) != 2 || p.year.Selected != "2025" || p.year.Options[0] != "2026" {
		t.Fatalf("years %+v, selected %q, options %v", p.cur.Years, p.year.Selected, p.year.Options)
	}

	typeInto(p.entries[fx.school], "9O,5")
	// another year is not shown while this one's score does not read
	p.year.SetSelected("2026")
	if p.year.Selected != "2025" || p.entries[fx.school].Text != "9O,5" || !strings.Contains(p.msg.Text, "Chưa chuyển năm") {
		t.Fatalf("switched years over a bad score: %q, %q, %q", p.year.Selected, p.entries[fx.school].Text, p.msg.Text)
	}
	test.Tap(p.saveBt)
	if p.msg.Hidden || !strings.Contains(p.msg.Text, "điểm của Trường Tiểu học Tân Phúc năm 2025") {
		t.Errorf("bad score: %q", p.msg.Text)
	}
	n := 0
	db.View(func(tx *store.Tx) error { n = tx.Count(tdkt.KindCluster); return nil })
	if n != 0 {
		t.Fatal("saved with a bad score")
	}
	typeInto(p.entries[fx.school], "90,5")
	test.Tap(p.saveBt)
	var got []*tdkt.Cluster
	db.View(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindCluster, func(r tdkt.Record) error { got = append(got, r.(*tdkt.Cluster)); return nil })
	})
	if len(got) != 1 {
		t.Fatalf("%d clusters stored (%q)", len(got), p.msg.Text)
	}
	y, _ := got[0].Year(2025)
	if y == nil || len(y.Scores) != 1 || y.Scores[0].Points != 90.5 {
		t.Errorf("2025 scores %+v", y)
	}
}

// TestDeleteMovement: a movement no dossier names is deleted after the
// question; one a dossier names is kept, with why.
func TestDeleteMovement(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	used := &tdkt.Movement{Name: "Phong trào Thi đua dạy tốt, học tốt", Level: tdkt.LevelProvince, Start: tdkt.D(2026, 1, 5)}
	spare := &tdkt.Movement{Name: "Phong trào nhập nhầm", Level: tdkt.LevelProvince, Start: tdkt.D(2026, 2, 1)}
	err := sh.e.update(func(tx *store.Tx) error {
		for _, m := range []*tdkt.Movement{used, spare} {
			if err := tx.Put(m); err != nil {
				return err
			}
		}
		return tx.Put(&tdkt.Dossier{Title: "Đề nghị", Year: 2026, UnitID: fx.school, Status: tdkt.StatusReceived, MovementID: used.ID})
	})
	if err != nil {
		t.Fatal(err)
	}
	sh.show(navMovements)
	s := sh.movements
	s.edit(used)
	test.Tap(s.delBt)
	test.Tap(sh.e.confirmOK)
	if s.msg.Hidden || !strings.Contains(s.msg.Text, "1 hồ sơ") {
		t.Errorf("used movement: %q", s.msg.Text)
	}
	s.edit(spare)
	test.Tap(s.delBt)
	test.Tap(sh.e.confirmOK)
	live := map[string]bool{}
	db.View(func(tx *store.Tx) error {
		live[used.ID], live[spare.ID] = tx.Has(tdkt.KindMovement, used.ID), tx.Has(tdkt.KindMovement, spare.ID)
		return nil
	})
	if !live[used.ID] || live[spare.ID] || len(s.list.rows) != 1 {
		t.Errorf("after deleting: %v, %d listed", live, len(s.list.rows))
	}
}

// TestDeleteEmptyMeeting: a meeting created by mistake is deleted while
// its agenda is empty; nothing is left selected.
func TestDeleteEmptyMeeting(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navCouncil)
	c := sh.council
	c.onNew()
	f := c.newForm
	typeInto(f.chair.entry, "Hoàng Văn Ký")
	typeInto(f.secretary.entry, "Nguyễn Thư Ký")
	f.members.entry.SetText("Hoàng Văn Ký – Chủ tịch Hội đồng\nLò Thị Thay – Ủy viên")
	test.Tap(f.ok)
	if c.m == nil || c.delBt.Disabled() {
		t.Fatalf("meeting %+v, delete enabled %v", c.m, !c.delBt.Disabled())
	}
	id := c.m.ID
	test.Tap(c.delBt)
	test.Tap(sh.e.confirmOK)
	live := true
	db.View(func(tx *store.Tx) error { live = tx.Has(tdkt.KindMeeting, id); return nil })
	if live || c.m != nil || len(c.meetings) != 0 || !c.page.Hidden {
		t.Errorf("after deleting: live %v, open %v, %d listed", live, c.m != nil, len(c.meetings))
	}
}
