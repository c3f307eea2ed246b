package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// dossiersScreen (Hồ sơ) lists the dossiers. Year, status and unit go
// through the indexes and are loaded off the UI goroutine, so a province's
// ten thousand dossiers do not freeze the window; the award and the text
// (folded: with or without accents) then filter what was loaded, in memory,
// as the user types. A row opens the intake form.
type dossiersScreen struct {
	e *env

	year   *widget.Select
	status *choice[tdkt.Status]
	unit   *unitPicker
	award  *choice[string]
	query  *entry
	table  *dataTable[*store.DossierRow]
	typing debouncer
	base   []jobs.ListedDossier // what the indexes selected
	key    jobs.DossierFilter   // the index filter base was loaded with
	keyVer int                  // env version base was loaded at
	count  *widget.Label
	prog   *progress
	exp    *exporter

	editor   *dossierEditor
	stack    *fyne.Container
	listView fyne.CanvasObject
	loaded   int
	filter   jobs.DossierFilter
	ready    bool // filters built; before that their callbacks do nothing
	addBt    *widget.Button
}

func allYears() string { return lang.L("Tất cả các năm") }

func newDossiersScreen(e *env) *dossiersScreen {
	s := &dossiersScreen{e: e, loaded: -1}
	var years []string
	y := e.today().Year
	years = append(years, allYears())
	for i := y + 1; i >= y-25; i-- {
		years = append(years, strconv.Itoa(i))
	}
	s.year = widget.NewSelect(years, func(string) { s.reload() })
	s.status = newChoice(append([]tdkt.Status{""}, tdkt.Statuses...), func(st tdkt.Status) string {
		if st == "" {
			return lang.L("Mọi trạng thái")
		}
		return statusLabel(st)
	}, func(tdkt.Status) { s.reload() })
	s.unit = newUnitPicker(e, lang.L("Mọi đơn vị"), func(string) { s.reload() })
	s.award = newChoice(e.awardCodes(), e.awardFilterLabel, func(string) { s.reload() })
	s.query = newEntry()
	s.query.SetPlaceHolder(lang.L("Tìm theo trích yếu, số tờ trình, tên người được đề nghị…"))
	s.query.OnChanged = func(string) { s.typing.call(150*time.Millisecond, s.reload) }
	s.table = newDataTable([]DataColumn[*store.DossierRow]{
		{lang.L("Số tờ trình"), 110, func(d *store.DossierRow) string { return d.Ref }},
		{lang.L("Trích yếu"), 330, func(d *store.DossierRow) string { return d.Title }},
		{lang.L("Đơn vị trình"), 210, func(d *store.DossierRow) string { return e.unitName(d.UnitID) }},
		{lang.L("Năm"), 55, func(d *store.DossierRow) string { return strconv.Itoa(d.Year) }},
		{lang.L("Đề nghị"), 70, func(d *store.DossierRow) string { return strconv.Itoa(d.Candidates) }},
		{lang.L("Trạng thái"), 190, func(d *store.DossierRow) string { return statusLabel(d.Status) }},
		{lang.L("Ngày nhận"), 95, func(d *store.DossierRow) string { return dateText(d.Received) }},
		{lang.L("Hạn"), 95, func(d *store.DossierRow) string { return dateText(d.Deadline) }},
	}, func(_ int, d *store.DossierRow) { s.openID(d.ID) })
	s.count = widget.NewLabel("")
	s.prog = newProgress()
	s.exp = newExporter(e)
	s.editor = newDossierEditor(e, s.closeEditor)
	s.stack = container.NewStack()
	return s
}

func (s *dossiersScreen) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("Tiếp nhận hồ sơ mới"), theme.ContentAddIcon(), s.onNew)
	add.Importance = widget.HighImportance
	s.addBt = add
	filters := container.NewGridWithColumns(4, s.year, s.status.sel, s.unit.button, s.award.sel)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButtonWithIcon(lang.L("Xuất Excel"), theme.DownloadIcon(), s.onExport), add),
			heading(lang.L("Hồ sơ đề nghị khen thưởng"))),
		filters, s.query, s.prog.box, s.exp.prog.box)
	s.listView = container.NewBorder(top, s.count, nil, nil, s.table.table)
	s.stack.Objects = []fyne.CanvasObject{s.listView}
	s.year.SetSelected(strconv.Itoa(s.e.today().Year))
	s.status.set("")
	s.award.set("")
	s.ready = true
	return s.stack
}

func (s *dossiersScreen) wait() {
	s.prog.wait()
	s.exp.wait()
	s.editor.prog.wait()
}

func (s *dossiersScreen) refresh() {
	if s.loaded != s.e.version {
		s.reload()
	}
}

func (s *dossiersScreen) currentFilter() jobs.DossierFilter {
	f := jobs.DossierFilter{UnitID: s.unit.id}
	if s.year.Selected != allYears() {
		f.Year = atoi(s.year.Selected)
	}
	f.Status, _ = s.status.get()
	return f
}

// reload loads what the index filters select, off the UI goroutine (a newer
// filter cancels the load in progress), unless it is already loaded; then
// the award and text filters are applied.
func (s *dossiersScreen) reload() {
	if !s.ready {
		return
	}
	s.loaded = s.e.version
	f := s.currentFilter()
	s.filter = f
	if s.base != nil && f == s.key && s.keyVer == s.e.version {
		s.applyFilter()
		return
	}
	ver := s.e.version
	units := s.e.units
	s.prog.run(lang.L("Đang tải danh sách hồ sơ…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		var ds []*store.DossierRow
		err := s.e.view(func(tx *store.Tx) (err error) { ds, err = jobs.LoadDossiers(ctx, tx, f, report); return })
		if err != nil {
			return nil, err
		}
		rows := jobs.WithSearchText(ds, units)
		return func() {
			s.base, s.key, s.keyVer = rows, f, ver
			s.applyFilter()
		}, nil
	}, s.e.showError)
}

// applyFilter narrows the loaded dossiers by award and text.
func (s *dossiersScreen) applyFilter() {
	award, _ := s.award.get()
	m := tdkt.NewMatcher(tdkt.FoldWords(s.query.Text))
	var out []*store.DossierRow
	for _, r := range s.base {
		if !m.Match(r.Folded) {
			continue
		}
		if award != "" && !hasAward(r.Row, award) {
			continue
		}
		out = append(out, r.Row)
	}
	s.table.setRows(out)
	s.count.SetText(fmt.Sprintf(lang.L("%s hồ sơ"), num(len(out))))
}

func hasAward(d *store.DossierRow, code string) bool { return slices.Contains(d.Awards, code) }

func (s *dossiersScreen) onNew() {
	s.editor.openNew()
	s.showEditor()
}

// openID opens the dossier with id in the intake form.
func (s *dossiersScreen) openID(id string) {
	if s.listView == nil {
		s.content()
	}
	d := &tdkt.Dossier{}
	if err := s.e.view(func(tx *store.Tx) error { return tx.Get(id, d) }); err != nil {
		s.e.showError(err)
		return
	}
	s.editor.open(d)
	s.showEditor()
}

func (s *dossiersScreen) showEditor() {
	s.stack.Objects = []fyne.CanvasObject{s.editor.content()}
	s.stack.Refresh()
}

func (s *dossiersScreen) closeEditor() {
	s.stack.Objects = []fyne.CanvasObject{s.listView}
	s.stack.Refresh()
	s.refresh()
}

// onExport writes the list as it is shown — every filter applied — to an
// Excel file whose heading says how it was filtered.
func (s *dossiersScreen) onExport() {
	s.exp.ask(dossierListJob(s.e, s.table.rows, s.filterWords()))
}

// filterWords says in words what the list shows, for the heading of the
// exported list — document text, so in Vietnamese whatever the window's
// language: "Năm 2026; trạng thái: Đang thẩm định; tìm: "nguyen"".
func (s *dossiersScreen) filterWords() string {
	var parts []string
	if s.year.Selected == allYears() {
		parts = append(parts, "Tất cả các năm")
	} else {
		parts = append(parts, "Năm "+s.year.Selected)
	}
	if st, _ := s.status.get(); st != "" {
		parts = append(parts, "trạng thái: "+tdkt.StatusLabel(st))
	}
	if s.unit.id != "" {
		parts = append(parts, "đơn vị: "+s.e.unitName(s.unit.id))
	}
	if code, _ := s.award.get(); code != "" {
		parts = append(parts, "hình thức: "+s.e.itemName(code))
	}
	if q := strings.TrimSpace(s.query.Text); q != "" {
		parts = append(parts, "tìm: \""+q+"\"")
	}
	return xlsx.DossierFilters(parts...)
}
