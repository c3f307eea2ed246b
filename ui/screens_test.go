package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store/demo"
)

// TestScreensOverDemo opens every screen over the small demo province and
// checks that each shows rows, and that the dossier filters go through the
// indexes correctly.
func TestScreensOverDemo(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Generate(path, "small", 1, nil); err != nil {
		t.Fatal(err)
	}
	sh, _, _ := openShell(t, path)
	for i := range sh.items {
		sh.show(i)
		sh.items[i].s.wait()
	}

	o := sh.overview.result
	if o.Year != 2025 || o.All == 0 || o.Persons == 0 || o.Collectives == 0 || o.Area == 0 {
		t.Errorf("overview %+v", o)
	}
	if len(sh.overview.shares.bars) != 3 || len(sh.overview.byForm.bars) == 0 {
		t.Errorf("charts: %d share bars, %d form bars", len(sh.overview.shares.bars), len(sh.overview.byForm.bars))
	}
	if len(sh.overview.deadlines.rows) == 0 || sh.overview.counts[tdkt.StatusReady].Text == "0" {
		t.Errorf("deadlines %d", len(sh.overview.deadlines.rows))
	}

	roots := sh.units.childIDs("")
	if len(roots) < 3 {
		t.Fatalf("unit tree roots %v", roots)
	}
	var commune string
	for _, id := range roots {
		if u, _ := sh.e.unit(id); u.Type == tdkt.UnitCommune && len(sh.units.childIDs(id)) > 0 {
			commune = id
			break
		}
	}
	sh.units.tree.Select(commune)
	sh.units.wait()
	if len(sh.units.people.list.rows) == 0 || !strings.Contains(sh.units.unitInfo.Text, "Loại: Xã, phường, đặc khu") {
		t.Errorf("unit page %q, %d people", sh.units.unitInfo.Text, len(sh.units.people.list.rows))
	}
	sh.units.people.list.selectRow(0)
	if sh.units.people.page.Hidden || sh.units.people.title.Text == "" {
		t.Error("person page not shown")
	}
	test.Type(sh.units.people.query, "nguyen")
	if len(sh.units.people.list.rows) == 0 || !strings.HasPrefix(sh.units.people.list.rows[0].Name, "Nguyễn") {
		t.Error("people search found nothing")
	}
	sh.units.tabs.SelectIndex(2)
	sh.units.wait()
	if len(sh.units.models.rows) == 0 {
		t.Error("no exemplary models listed")
	}

	if len(sh.movements.list.rows) == 0 || len(sh.movements.clusters.all) == 0 {
		t.Error("movements or clusters missing")
	}

	ds := sh.dossiers
	if len(ds.table.rows) == 0 {
		t.Fatal("no dossiers for the current year")
	}
	ds.status.set(tdkt.StatusReady)
	ds.wait()
	if len(ds.table.rows) == 0 {
		t.Fatal("no ready dossiers")
	}
	for _, d := range ds.table.rows {
		if d.Status != tdkt.StatusReady || d.Year != 2026 {
			t.Errorf("filter let through %s %d", d.Status, d.Year)
		}
	}
	ds.status.set("")
	test.Type(ds.query, "lu quet")
	ds.wait()
	if len(ds.table.rows) == 0 || !strings.Contains(ds.table.rows[0].Title, "lũ quét") {
		t.Errorf("text search: %d rows", len(ds.table.rows))
	}
	// Hồ sơ: the list as shown, with its filters in the heading
	ds.query.SetText("")
	ds.wait()
	ds.year.SetSelected(allYears())
	ds.wait()
	if len(ds.table.rows) < 2 {
		t.Fatalf("%d dossiers listed", len(ds.table.rows))
	}
	first := ds.table.rows[0]
	ds.query.SetText(first.Ref)
	ds.reload()
	ds.wait()
	shown := len(ds.table.rows)
	if shown == 0 || shown == len(ds.base) {
		t.Fatalf("the reference %q filtered %d of %d", first.Ref, shown, len(ds.base))
	}
	job := dossierListJob(ds.e, ds.table.rows, ds.filterWords())
	list := filepath.Join(t.TempDir(), job.name)
	writeJob(t, ds.exp, job, list)
	got := cellsOf(t, list)
	for _, want := range []string{"DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", "Tất cả các năm; tìm: \"" + first.Ref + "\"",
		first.Ref + "\t" + first.Title, tdkt.StatusLabel(first.Status), fmt.Sprintf("Tổng cộng: %d hồ sơ", shown)} {
		if !strings.Contains(got, want) {
			t.Errorf("dossier list lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 4+1+shown+1 {
		t.Errorf("dossier list: %d lines for %d dossiers:\n%s", n, shown, got)
	}

	ds.query.SetText("")
	ds.reload()
	ds.wait()
	all := len(ds.table.rows)
	ds.award.set("CSTDT")
	ds.wait()
	if len(ds.table.rows) == 0 || len(ds.table.rows) >= all {
		t.Errorf("award filter: %d of %d", len(ds.table.rows), all)
	}

	if len(sh.council.meetings) == 0 {
		t.Error("no council meeting this year")
	}
	if len(sh.decisions.decisions) == 0 {
		t.Error("no decisions this year")
	}
	if len(sh.register.table.rows) == 0 || sh.register.shown != 2025 {
		t.Errorf("register: %d rows of %d", len(sh.register.table.rows), sh.register.shown)
	}
	test.Type(sh.register.query, "lao dong tien tien")
	if n := len(sh.register.table.rows); n != 0 {
		// the text filter searches names and units, not award names
		t.Logf("%d rows match the award name", n)
	}
	// words are matched at their start: "an" finds An, Anh, not Oanh, Thanh
	sh.register.query.SetText("an")
	sh.register.filter()
	inside := 0
	for _, r := range sh.register.all {
		words := tdkt.FoldWords(strings.Join([]string{r.a.Name, r.a.Position, sh.e.unitName(r.a.UnitID), r.a.DecisionNo, r.a.Number}, " "))
		starts := slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, "an") })
		shown := slices.Contains(sh.register.table.rows, r)
		if starts != shown {
			t.Errorf("register filter \"an\": %q shown %v, a word starts with it %v", r.a.Name, shown, starts)
		}
		if !starts && strings.Contains(r.folded, "an") {
			inside++
		}
	}
	if inside == 0 || len(sh.register.table.rows) == 0 {
		t.Errorf("register filter \"an\": %d rows shown, %d with \"an\" only inside a word", len(sh.register.table.rows), inside)
	}
	sh.register.query.SetText("")
	sh.register.award.set("LDTT")
	for _, r := range sh.register.table.rows {
		if r.a.AwardCode != "LDTT" {
			t.Fatalf("award filter let through %s", r.a.AwardCode)
		}
	}
	if len(sh.settings.items.rows) != len(sh.e.cat.Items) {
		t.Error("catalogue not listed")
	}
}

// TestVietnameseFyneStrings: Fyne's own buttons and calendar are Vietnamese.
func TestVietnameseFyneStrings(t *testing.T) {
	test.NewTempApp(t)
	registerTranslations()
	for in, want := range map[string]string{"Cancel": "Hủy", "Confirm": "Xác nhận", "Save": "Lưu", "Open": "Mở",
		"Yes": "Có", "No": "Không", "OK": "OK", "Error": "Lỗi", "New Folder": "Thư mục mới"} {
		if got := lang.L(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
	if got := lang.X("monday.short", "Mon"); got != "T2" {
		t.Errorf("monday.short → %q", got)
	}
	if got := lang.X("sunday", "Sunday"); got != "Chủ Nhật" {
		t.Errorf("sunday → %q", got)
	}
	if got := monthName(2); got != "Tháng 2" {
		t.Errorf("month 2 → %q", got)
	}
}
