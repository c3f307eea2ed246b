package ui

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// movementsScreen (Phong trào, cụm & khối): the emulation movements, and the
// clusters and blocs with their members, leaders, pledges and scores.
type movementsScreen struct {
	e *env

	list  *dataTable[*tdkt.Movement]
	cur   *tdkt.Movement
	name  *field
	level *choice[tdkt.Level]
	scope *field
	theme *widget.Check
	start *dateField
	end   *dateField
	goal  *field
	msg   *widget.Label
	// where the movement stands in return 0601.N: its cluster or bloc,
	// who launched it, and the return's reading of the form
	cluster  *choice[string]
	launcher *unitPicker
	report   *widget.Label
	scopeBt  *widget.Button
	scopes   *widget.PopUpMenu

	clusters *clustersPane
	tabs     *container.AppTabs
	delBt    *widget.Button
}

func newMovementsScreen(e *env) *movementsScreen {
	s := &movementsScreen{e: e}
	s.list = newDataTable([]DataColumn[*tdkt.Movement]{
		{lang.L("Tên phong trào"), 330, func(m *tdkt.Movement) string { return m.Name }},
		{lang.L("Cấp phát động"), 100, func(m *tdkt.Movement) string { return levelShort(m.Level) }},
		{lang.L("Phạm vi"), 110, func(m *tdkt.Movement) string { return m.Scope }},
		{lang.L("Loại"), 100, func(m *tdkt.Movement) string { return movementKind(m) }},
		{lang.L("Bắt đầu"), 95, func(m *tdkt.Movement) string { return dateText(m.Start) }},
		{lang.L("Kết thúc"), 95, func(m *tdkt.Movement) string { return dateText(m.End) }},
	}, func(_ int, m *tdkt.Movement) { s.edit(m) })
	s.name = newField(lang.L("Tên phong trào"), newEntry(), required(lang.L("tên phong trào")))
	s.level = newChoice([]tdkt.Level{tdkt.LevelCentral, tdkt.LevelProvince, tdkt.LevelCommune}, levelShort, func(tdkt.Level) { s.showReport() })
	s.scope = newField(lang.L("Phạm vi"), newEntry(), nil)
	s.scope.entry.SetPlaceHolder(lang.L("toàn tỉnh, cụm/khối, ngành, xã"))
	s.scope.entry.OnChanged = func(string) { s.showReport() }
	s.scopeBt = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), s.onScopes)
	s.theme = widget.NewCheck(lang.L("Chuyên đề (bỏ chọn: thường xuyên)"), func(bool) { s.showReport() })
	s.start = newDateField(lang.L("Ngày phát động"), false)
	s.end = newDateField(lang.L("Ngày kết thúc"), true)
	s.start.entry.OnChanged = func(string) { s.showReport() }
	s.end.entry.OnChanged = func(string) { s.showReport() }
	s.goal = newField(lang.L("Nội dung"), newMultiEntry(3), nil)
	s.cluster = newChoice[string](nil, nil, func(string) { s.showReport() })
	s.launcher = newUnitPicker(e, lang.L("(không ghi)"), nil)
	s.report = wrapLabel("")
	s.report.Importance = widget.LowImportance
	for _, f := range []*field{s.name, s.scope, s.start.field, s.end.field} {
		f.entry.OnSubmitted = func(string) { s.onSave() }
	}
	s.msg = dangerLabel()
	s.msg.Hide()
	s.clusters = newClustersPane(e)
	return s
}

func levelShort(l tdkt.Level) string {
	switch l {
	case tdkt.LevelCommune:
		return lang.L("Cấp xã")
	case tdkt.LevelCentral:
		return lang.L("Trung ương")
	}
	return lang.L("Cấp tỉnh")
}

// movementScopes are the scopes return 0601.N tells apart, as a movement's
// scope is usually written; the field still takes any text. They are data
// the return reads (in Vietnamese), not the window's words.
func movementScopes() []string {
	return []string{"Toàn quốc", "Toàn tỉnh", "Ngành, lĩnh vực", "Cụm, khối thi đua", "Cơ quan, đơn vị", "Xã, phường"}
}

// onScopes offers the usual scopes under the scope field.
func (s *movementsScreen) onScopes() {
	var items []*fyne.MenuItem
	for _, sc := range movementScopes() {
		items = append(items, fyne.NewMenuItem(sc, func() { s.scope.entry.SetText(sc) }))
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s.scopeBt)
	if c == nil {
		return
	}
	s.scopes = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.scope.entry)
	s.scopes.ShowAtPosition(pos.Add(fyne.NewPos(0, s.scope.entry.Size().Height)))
}

// form reads the movement as the form stands, without checking it.
func (s *movementsScreen) form() tdkt.Movement {
	m := *s.cur
	m.Name = s.name.text()
	m.Level, _ = s.level.get()
	m.Scope = s.scope.text()
	m.Thematic = s.theme.Checked
	m.Start, _ = s.start.date()
	m.End, _ = s.end.date()
	m.Goal = s.goal.text()
	m.ClusterID, _ = s.cluster.get()
	m.LaunchedBy = s.launcher.id
	return m
}

// showReport says how return 0601.N will count the movement as entered.
func (s *movementsScreen) showReport() {
	if s.cur == nil || s.report == nil {
		return
	}
	m := s.form()
	if m.Start.IsZero() {
		s.report.SetText(lang.L("Nhập ngày phát động để xem phong trào được tính vào báo cáo 0601.N thế nào."))
		return
	}
	s.report.SetText(xlsx.Describe0601(xlsx.NewMovementFact(&m, tdkt.D(s.e.today().Year, 12, 31))))
}

func movementKind(m *tdkt.Movement) string {
	if m.Thematic {
		return lang.L("Chuyên đề")
	}
	return lang.L("Thường xuyên")
}

func (s *movementsScreen) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("Phong trào mới"), theme.ContentAddIcon(), func() { s.edit(&tdkt.Movement{Level: s.e.office.Level}) })
	save := widget.NewButtonWithIcon(lang.L("Lưu phong trào"), theme.DocumentSaveIcon(), s.onSave)
	save.Importance = widget.HighImportance
	s.delBt = widget.NewButtonWithIcon(lang.L("Xóa phong trào"), theme.DeleteIcon(), s.onDelete)
	form := container.NewVBox(heading(lang.L("Phong trào")), formRows(
		lang.L("Tên phong trào"), s.name, lang.L("Cấp phát động"), s.level.sel, lang.L("Đơn vị phát động"), s.launcher.button,
		lang.L("Phạm vi"), container.NewBorder(nil, nil, nil, s.scopeBt, s.scope.widget()), lang.L("Cụm, khối thi đua"), s.cluster.sel, "", s.theme,
		lang.L("Ngày phát động"), s.start.field, lang.L("Ngày kết thúc"), s.end.field, lang.L("Nội dung"), s.goal), s.report, s.msg, container.NewHBox(save, s.delBt))
	moves := container.NewHSplit(container.NewBorder(container.NewHBox(add), nil, nil, nil, s.list.table), container.NewVScroll(form))
	moves.Offset = 0.58
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Phong trào thi đua"), moves),
		container.NewTabItem(lang.L("Cụm, khối thi đua"), s.clusters.content()),
	)
	return s.tabs
}

func (s *movementsScreen) wait() {}

func (s *movementsScreen) refresh() {
	var ms []*tdkt.Movement
	var cs []*tdkt.Cluster
	s.e.view(func(tx *store.Tx) error {
		if err := tx.Each(tdkt.KindCluster, func(r tdkt.Record) error {
			cs = append(cs, r.(*tdkt.Cluster))
			return nil
		}); err != nil {
			return err
		}
		return tx.Each(tdkt.KindMovement, func(r tdkt.Record) error {
			ms = append(ms, r.(*tdkt.Movement))
			return nil
		})
	})
	ids, names := []string{""}, map[string]string{"": lang.L("(không thuộc cụm, khối)")}
	for _, c := range cs {
		ids = append(ids, c.ID)
		names[c.ID] = c.Name
	}
	s.cluster.setOptions(ids, func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id // a cluster deleted since, still named by the movement
	})
	sort.SliceStable(ms, func(i, j int) bool { return ms[j].Start.Before(ms[i].Start) })
	s.list.setRows(ms)
	if s.cur == nil && len(ms) > 0 {
		s.edit(ms[0])
	}
	s.clusters.refresh()
}

func (s *movementsScreen) edit(m *tdkt.Movement) {
	s.cur = m
	s.name.set(m.Name)
	s.level.set(m.Level)
	s.scope.set(m.Scope)
	s.theme.SetChecked(m.Thematic)
	s.start.setDate(m.Start)
	s.end.setDate(m.End)
	s.goal.set(m.Goal)
	if !slices.Contains(s.cluster.values, m.ClusterID) {
		// a cluster deleted since (or not yet received): kept, by its id
		known := map[string]string{}
		for i, v := range s.cluster.values {
			known[v] = s.cluster.labels[i]
		}
		s.cluster.setOptions(append(slices.Clone(s.cluster.values), m.ClusterID), func(id string) string {
			if l, ok := known[id]; ok {
				return l
			}
			return id
		})
	}
	s.cluster.set(m.ClusterID)
	s.launcher.set(m.LaunchedBy)
	s.msg.Hide()
	s.showReport()
}

func (s *movementsScreen) onSave() {
	if s.cur == nil {
		return
	}
	if err := checkAll(s.name, s.start.field, s.end.field); err != nil {
		return
	}
	m := s.form()
	if !m.End.IsZero() && m.End.Before(m.Start) {
		s.end.show(errors.New(lang.L("Ngày kết thúc phải sau ngày phát động")))
		return
	}
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(&m) }); err != nil {
		s.msg.SetText(lang.L("Chưa lưu được: ") + err.Error())
		s.msg.Show()
		return
	}
	s.cur = &m
	s.refresh()
}

// onDelete deletes the movement shown, after asking; the store keeps one
// that a dossier names.
func (s *movementsScreen) onDelete() {
	m := s.cur
	if m == nil || m.ID == "" {
		return
	}
	s.e.confirm(lang.L("Xóa phong trào"), fmt.Sprintf(lang.L("Xóa phong trào \"%s\"? Chỉ xóa được phong trào nhập nhầm, chưa có hồ sơ nào ghi là phong trào của thành tích."), m.Name), func() {
		if err := s.e.update(func(tx *store.Tx) error { return tx.DeleteMovement(m.ID) }); err != nil {
			s.msg.SetText(lang.L("Không xóa được: ") + err.Error())
			s.msg.Show()
			return
		}
		s.cur = nil
		s.refresh()
		if s.cur == nil {
			s.edit(&tdkt.Movement{Level: s.e.office.Level})
		}
	})
}
