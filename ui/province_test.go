package ui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"tdkt"
)

// TestProvinceScale opens every screen over a province-scale demo database
// (TDKT_PROVINCE_DB=/tmp/ui-prov.db, made with `tdkt demo --scale province`)
// and reports how long the UI goroutine is held by each step and how long
// the background loads take. The UI goroutine must never be held long.
func TestProvinceScale(t *testing.T) {
	path := os.Getenv("TDKT_PROVINCE_DB")
	if path == "" {
		t.Skip("set TDKT_PROVINCE_DB to a province-scale demo database")
	}
	test.NewTempApp(t)
	sh, _, _ := openShell(t, path)
	// Fyne's own text layout of the visible cells is most of it; the
	// machine is shared, so the bound is loose
	const limit = 500 * time.Millisecond
	step := func(what string, ui func(), wait func()) {
		t.Helper()
		start := time.Now()
		ui()
		held := time.Since(start)
		if wait != nil {
			wait()
		}
		t.Logf("%-42s UI goroutine %6.0f ms, total %6.0f ms", what, ms(held), ms(time.Since(start)))
		if held > limit {
			t.Errorf("%s held the UI goroutine %v", what, held)
		}
	}
	for i, it := range sh.items {
		step("mở "+it.title, func() { sh.show(i) }, it.s.wait)
	}
	ds := sh.dossiers
	sh.show(navDossiers)
	step("hồ sơ: tất cả các năm", func() { ds.year.SetSelected(allYears()) }, ds.wait)
	t.Logf("  %d hồ sơ", len(ds.table.rows))
	step("hồ sơ: lọc Đã khen thưởng", func() { ds.status.set(tdkt.StatusAwarded) }, ds.wait)
	step("hồ sơ: tìm \"nguyen\"", func() { ds.query.SetText("nguyen") }, ds.wait)
	step("hồ sơ: mở một hồ sơ", func() { ds.table.selectRow(0) }, nil)
	r := sh.register
	sh.show(navRegister)
	step("sổ: năm 2024", func() { r.year.SetSelected("2024") }, r.wait)
	t.Logf("  %d dòng", len(r.table.rows))
	step("sổ: lọc theo chữ", func() { r.query.SetText("nguyen thi") }, nil)
	step("sổ: lọc hình thức", func() { r.award.set("CSTDCS") }, nil)
	u := sh.units
	sh.show(navUnits)
	var big string
	best := 0
	for _, id := range u.childIDs("") {
		if n := len(u.childIDs(id)); n > best {
			big, best = id, n
		}
	}
	step("đơn vị: chọn đơn vị lớn", func() { u.tree.Select(big) }, u.wait)
	step("cá nhân: tìm \"nguyen van\"", func() { u.people.query.SetText("nguyen van") }, nil)
	step("điển hình tiên tiến", func() { u.tabs.SelectIndex(2) }, u.wait)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
