package ui

import (
	"errors"
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
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
	s.level = newChoice([]tdkt.Level{tdkt.LevelProvince, tdkt.LevelCommune}, levelShort, nil)
	s.scope = newField(lang.L("Phạm vi"), newEntry(), nil)
	s.scope.entry.SetPlaceHolder(lang.L("toàn tỉnh, cụm/khối, ngành, xã"))
	s.theme = widget.NewCheck(lang.L("Chuyên đề (bỏ chọn: thường xuyên)"), nil)
	s.start = newDateField(lang.L("Ngày phát động"), false)
	s.end = newDateField(lang.L("Ngày kết thúc"), true)
	s.goal = newField(lang.L("Nội dung"), newMultiEntry(3), nil)
	for _, f := range []*field{s.name, s.scope, s.start.field, s.end.field} {
		f.entry.OnSubmitted = func(string) { s.onSave() }
	}
	s.msg = dangerLabel()
	s.msg.Hide()
	s.clusters = newClustersPane(e)
	return s
}

func levelShort(l tdkt.Level) string {
	if l == tdkt.LevelCommune {
		return lang.L("Cấp xã")
	}
	return lang.L("Cấp tỉnh")
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
		lang.L("Tên phong trào"), s.name, lang.L("Cấp phát động"), s.level.sel, lang.L("Phạm vi"), s.scope, "", s.theme,
		lang.L("Ngày phát động"), s.start.field, lang.L("Ngày kết thúc"), s.end.field, lang.L("Nội dung"), s.goal), s.msg, container.NewHBox(save, s.delBt))
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
	s.e.view(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindMovement, func(r tdkt.Record) error {
			ms = append(ms, r.(*tdkt.Movement))
			return nil
		})
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
	s.msg.Hide()
}

func (s *movementsScreen) onSave() {
	if s.cur == nil {
		return
	}
	if err := checkAll(s.name, s.start.field, s.end.field); err != nil {
		return
	}
	m := *s.cur
	m.Name = s.name.text()
	m.Level, _ = s.level.get()
	m.Scope = s.scope.text()
	m.Thematic = s.theme.Checked
	m.Start, _ = s.start.date()
	m.End, _ = s.end.date()
	m.Goal = s.goal.text()
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
