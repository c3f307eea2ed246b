package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// unitsScreen (Đơn vị & cá nhân): the unit tree with area flags and merge
// history, a unit's page with its collective awards year by year, the
// people list (of the chosen unit, or found by name), a person's page with
// their award history and the exemplary-model mark, and the list of models.
type unitsScreen struct {
	e *env

	tree       *widget.Tree
	showMerged *widget.Check
	unitID     string

	// unit page
	unitTitle  *widget.Label
	unitInfo   *widget.Label
	unitFlags  map[string]*widget.Check
	unitStaff  *field
	unitSave   *widget.Button
	unitEdit   *widget.Button
	unitAdd    *widget.Button
	unitDel    *widget.Button
	form       *unitForm // the last unit form opened here
	del        *task     // the last deletion
	unitMsg    *widget.Label
	unitAwards *dataTable[*tdkt.Award]
	awardsHdr  *widget.Label

	people *peoplePane
	models *dataTable[*tdkt.Person]
	mprog  *progress
	uprog  *progress
	tabs   *container.AppTabs
	mload  int
}

func newUnitsScreen(e *env) *unitsScreen {
	s := &unitsScreen{e: e, unitFlags: map[string]*widget.Check{}, mload: -1}
	s.showMerged = widget.NewCheck(lang.L("Hiện cả xã cũ đã hợp nhất (2025)"), func(bool) { s.tree.Refresh() })
	s.tree = widget.NewTree(s.childIDs, s.isBranch,
		func(bool) fyne.CanvasObject { return truncLabel("") },
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			if u, ok := e.unit(id); ok {
				o.(*widget.Label).SetText(e.unitLine(u))
			}
		})
	s.tree.OnSelected = func(id widget.TreeNodeID) { s.selectUnit(id) }

	s.unitTitle = heading(lang.L("Chọn một đơn vị trong cây bên trái"))
	s.unitTitle.Wrapping = fyne.TextWrapWord
	s.unitInfo = wrapLabel("")
	for _, k := range []string{"remote", "border", "island", "ethnic", "difficult"} {
		s.unitFlags[k] = widget.NewCheck(flagLabel(k), nil)
	}
	s.unitStaff = newField(lang.L("Số người"), newEntry(), optionalInt(0, 1_000_000, lang.L("số người")))
	s.unitStaff.entry.OnSubmitted = func(string) { s.onSaveUnit() }
	s.unitSave = widget.NewButton(lang.L("Lưu đơn vị"), s.onSaveUnit)
	s.unitSave.Importance = widget.HighImportance
	s.unitSave.Disable()
	s.unitEdit = widget.NewButtonWithIcon(lang.L("Sửa tên, loại, cấp trên"), theme.DocumentCreateIcon(), func() {
		if u, ok := e.unit(s.unitID); ok {
			s.form = openUnitForm(e, u, "", "", s.unitSaved)
		}
	})
	s.unitEdit.Disable()
	s.unitDel = widget.NewButtonWithIcon(lang.L("Xóa đơn vị"), theme.DeleteIcon(), s.onDeleteUnit)
	s.unitDel.Importance = widget.DangerImportance
	s.unitDel.Disable()
	s.unitAdd = widget.NewButtonWithIcon(lang.L("Thêm đơn vị"), theme.ContentAddIcon(), func() {
		// a unit added while a commune or an agency is shown goes under
		// it (villages and schools are entered commune by commune); the
		// form shows it and it can be changed there
		parent := ""
		if u, ok := e.unit(s.unitID); ok && u.MergedInto == "" && holdsUnits(u.Type) {
			parent = u.ID
		}
		s.form = openUnitForm(e, nil, "", parent, s.unitSaved)
	})
	s.unitMsg = dangerLabel()
	s.unitMsg.Hide()
	s.unitAwards = newDataTable(awardHistoryColumns(e), nil)
	s.awardsHdr = boldLabel(lang.L("Khen thưởng tập thể theo năm"))

	s.people = newPeoplePane(e)
	s.models = newDataTable([]DataColumn[*tdkt.Person]{
		{lang.L("Họ và tên"), 190, func(p *tdkt.Person) string { return p.Name }},
		{lang.L("Chức vụ"), 150, func(p *tdkt.Person) string { return p.Position }},
		{lang.L("Đơn vị"), 240, func(p *tdkt.Person) string { return e.unitName(p.UnitID) }},
		{lang.L("Từ"), 70, func(p *tdkt.Person) string { return p.Model.Since }},
		{lang.L("Câu chuyện điển hình"), 420, func(p *tdkt.Person) string { return p.Model.Story }},
	}, func(_ int, p *tdkt.Person) {
		s.tabs.SelectIndex(1)
		s.people.open(p.ID)
	})
	s.mprog = newProgress()
	s.uprog = newProgress()
	return s
}

func flagLabel(k string) string {
	return map[string]string{"remote": lang.L("Vùng sâu, vùng xa"), "border": lang.L("Biên giới"), "island": lang.L("Hải đảo"),
		"ethnic": lang.L("Vùng đồng bào DTTS"), "difficult": lang.L("Đặc biệt khó khăn")}[k]
}

func awardHistoryColumns(e *env) []DataColumn[*tdkt.Award] {
	return []DataColumn[*tdkt.Award]{
		{lang.L("Năm"), 50, func(a *tdkt.Award) string { return fmt.Sprint(a.Year) }},
		{lang.L("Hình thức"), 230, func(a *tdkt.Award) string {
			if a.Revoked {
				return e.itemName(a.AwardCode) + lang.L(" (đã hủy bỏ)")
			}
			if a.CorrectedBy != "" {
				return e.itemName(a.AwardCode) + lang.L(" (đã sửa thông tin)")
			}
			return e.itemName(a.AwardCode)
		}},
		{lang.L("Cách"), 90, func(a *tdkt.Award) string { return methodLabel(a.Method) }},
		{lang.L("Quyết định"), 120, func(a *tdkt.Award) string { return a.DecisionNo }},
		{lang.L("Ngày"), 95, func(a *tdkt.Award) string { return dateText(a.DecisionDate) }},
		{lang.L("Tiền thưởng"), 100, func(a *tdkt.Award) string { return tdkt.Money(a.Bonus) }},
	}
}

// childIDs walks the unit.parent index; roots are the units without a
// parent (the merged communes only when asked).
func (s *unitsScreen) childIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	var us []*tdkt.Unit
	if id == "" {
		for _, u := range s.e.units {
			if u.ParentID == "" && (u.MergedInto == "" || s.showMerged.Checked) {
				us = append(us, u)
			}
		}
	} else {
		s.e.view(func(tx *store.Tx) error {
			for _, cid := range tx.IDs("unit.parent", id) {
				if u, ok := s.e.unit(cid); ok && (u.MergedInto == "" || s.showMerged.Checked) {
					us = append(us, u)
				}
			}
			return nil
		})
	}
	sortUnits(us)
	ids := make([]string, len(us))
	for i, u := range us {
		ids[i] = u.ID
	}
	return ids
}

func (s *unitsScreen) isBranch(id widget.TreeNodeID) bool {
	if id == "" {
		return true
	}
	n := 0
	s.e.view(func(tx *store.Tx) error { n = tx.CountIndex("unit.parent", id); return nil })
	return n > 0
}

func (s *unitsScreen) content() fyne.CanvasObject {
	flags := container.NewGridWithColumns(3)
	for _, k := range []string{"remote", "border", "island", "ethnic", "difficult"} {
		flags.Add(s.unitFlags[k])
	}
	page := container.NewBorder(
		container.NewVBox(s.uprog.box, s.unitTitle, s.unitInfo, boldLabel(lang.L("Vùng ưu tiên (Luật TĐKT, Điều 5)")), flags,
			formRows(lang.L("Số người"), s.unitStaff), s.unitMsg, container.NewHBox(s.unitSave, s.unitEdit, s.unitDel),
			s.awardsHdr),
		nil, nil, nil, s.unitAwards.table)
	modelsTab := container.NewBorder(container.NewVBox(s.mprog.box,
		wrapLabel(lang.L("Cá nhân được đánh dấu điển hình tiên tiến. Chọn một dòng để xem trang cá nhân."))), nil, nil, nil, s.models.table)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Đơn vị"), page),
		container.NewTabItem(lang.L("Cá nhân"), s.people.content()),
		container.NewTabItem(lang.L("Điển hình tiên tiến"), modelsTab),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t == s.tabs.Items[2] { // the model people
			s.loadModels()
		}
	}
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, s.unitAdd, boldLabel(lang.L("Cây đơn vị"))), s.showMerged), nil, nil, nil, s.tree)
	split := container.NewHSplit(left, s.tabs)
	split.Offset = 0.34
	return split
}

func (s *unitsScreen) refresh() {
	s.tree.Refresh()
	if s.tabs != nil && s.tabs.SelectedIndex() == 2 {
		s.loadModels()
	}
}

func (s *unitsScreen) wait() {
	s.mprog.current().wait()
	s.uprog.current().wait()
	s.del.wait()
	s.people.wait()
}

func (s *unitsScreen) loadModels() {
	if s.mload == s.e.version {
		return
	}
	s.mload = s.e.version
	s.mprog.run(lang.L("Đang tìm điển hình tiên tiến…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		var ps []*tdkt.Person
		err := s.e.view(func(tx *store.Tx) (err error) { ps, err = models(ctx, tx, report); return })
		if err != nil {
			return nil, err
		}
		sort.SliceStable(ps, func(i, j int) bool { return tdkt.CompareNames(ps[i].Name, ps[j].Name) < 0 })
		return func() { s.models.setRows(ps) }, nil
	}, s.e.showError)
}

// selectUnit shows the unit's page and its people.
func (s *unitsScreen) selectUnit(id string) {
	u, ok := s.e.unit(id)
	if !ok {
		return
	}
	s.unitID = id
	s.unitTitle.SetText(u.Name)
	var lines []string
	lines = append(lines, lang.L("Loại: ")+unitKindLabel(u.Type))
	if u.Code != "" {
		lines = append(lines, lang.L("Mã: ")+u.Code)
	}
	if u.ParentID != "" {
		lines = append(lines, lang.L("Trực thuộc: ")+s.e.unitName(u.ParentID))
	}
	if u.MergedInto != "" {
		cur := s.e.currentUnit(id)
		l := fmt.Sprintf(lang.L("Đã hợp nhất vào %s từ ngày %s"), s.e.unitName(u.MergedInto), dateText(u.MergedOn))
		if cur != u.MergedInto {
			l += lang.L("; nay là ") + s.e.unitName(cur)
		}
		lines = append(lines, l)
	}
	var old []string
	for _, o := range s.e.units {
		if o.MergedInto == id {
			old = append(old, o.Name)
		}
	}
	if len(old) > 0 {
		sort.Strings(old)
		lines = append(lines, lang.L("Hợp nhất từ: ")+strings.Join(old, ", "))
	}
	people := 0
	s.e.view(func(tx *store.Tx) error { people = tx.CountIndex("person.unit", id); return nil })
	lines = append(lines, fmt.Sprintf(lang.L("Số cá nhân trong dữ liệu: %s"), num(people)))
	s.unitInfo.SetText(strings.Join(lines, "\n"))
	f := u.Flags
	for k, v := range map[string]bool{"remote": f.Remote, "border": f.Border, "island": f.Island, "ethnic": f.EthnicMinority, "difficult": f.Difficult} {
		s.unitFlags[k].SetChecked(v)
	}
	if u.Staff > 0 {
		s.unitStaff.set(fmt.Sprint(u.Staff))
	} else {
		s.unitStaff.set("")
	}
	s.unitMsg.Hide()
	s.unitSave.Enable()
	s.unitEdit.Enable()
	s.unitDel.Enable()
	s.unitAwards.setRows(nil)
	s.awardsHdr.SetText(lang.L("Khen thưởng tập thể theo năm"))
	// a commune's register lines (its people's included) run to thousands
	// at province scale: read them off the UI goroutine
	s.uprog.run(lang.L("Đang đọc khen thưởng của đơn vị…"), func(ctx context.Context, _ func(int, int)) (func(), error) {
		var awards []*tdkt.Award
		err := s.e.view(func(tx *store.Tx) (err error) { awards, err = awardsOf(tx, id, true); return })
		if err != nil {
			return nil, err
		}
		return func() {
			if s.unitID != id {
				return
			}
			s.unitAwards.setRows(awards)
			if len(awards) == 0 {
				s.awardsHdr.SetText(lang.L("Khen thưởng tập thể theo năm: chưa có trong sổ"))
			} else {
				s.awardsHdr.SetText(fmt.Sprintf(lang.L("Khen thưởng tập thể theo năm (%d lượt)"), len(awards)))
			}
		}, nil
	}, s.e.showError)
	s.people.showUnit(id)
}

// onSaveUnit stores the area flags and headcount.
func (s *unitsScreen) onSaveUnit() {
	if s.unitID == "" {
		return
	}
	if err := s.unitStaff.check(); err != nil {
		return
	}
	u := *s.e.units[s.unitID]
	u.Flags = tdkt.AreaFlags{Remote: s.unitFlags["remote"].Checked, Border: s.unitFlags["border"].Checked,
		Island: s.unitFlags["island"].Checked, EthnicMinority: s.unitFlags["ethnic"].Checked, Difficult: s.unitFlags["difficult"].Checked}
	u.Staff = atoi(s.unitStaff.entry.Text)
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(&u) }); err != nil {
		s.unitMsg.SetText(lang.L("Chưa lưu được: ") + err.Error())
		s.unitMsg.Show()
		return
	}
	s.e.units[u.ID] = &u
	s.tree.RefreshItem(u.ID)
	s.unitMsg.Hide()
}

// unitSaved shows a unit just added or changed: the tree opens down to it
// and its page is shown.
func (s *unitsScreen) unitSaved(u *tdkt.Unit) {
	var up []string
	for id, seen := u.ParentID, map[string]bool{}; id != "" && !seen[id]; id = s.e.units[id].ParentID {
		seen[id] = true
		if _, ok := s.e.units[id]; !ok {
			break
		}
		up = append(up, id)
	}
	s.tree.Refresh()
	for i := len(up) - 1; i >= 0; i-- {
		s.tree.OpenBranch(up[i])
	}
	s.tree.ScrollTo(u.ID)
	if s.unitID == u.ID { // changed: selecting it again would not show the change
		s.selectUnit(u.ID)
		return
	}
	s.tree.Select(u.ID) // shows its page
}

// holdsUnits says whether units of kind k usually have units under them.
func holdsUnits(k tdkt.UnitKind) bool {
	switch k {
	case tdkt.UnitProvince, tdkt.UnitDepartment, tdkt.UnitCommune, tdkt.UnitAgency:
		return true
	}
	return false
}

// onDeleteUnit deletes a unit entered by mistake, after asking; the store
// refuses one that anything names, and says what. Finding what names a
// unit reads the province's dossiers and decisions (0.1–0.4 s measured on
// the province demo), so it runs off the UI goroutine.
func (s *unitsScreen) onDeleteUnit() {
	u, ok := s.e.unit(s.unitID)
	if !ok {
		return
	}
	s.e.confirm(lang.L("Xóa đơn vị"), fmt.Sprintf(lang.L("Xóa đơn vị \"%s\"? Chỉ xóa được đơn vị nhập nhầm, chưa có hồ sơ, cá nhân, khen thưởng hay đơn vị trực thuộc nào."), u.Name), func() {
		// nothing else may write the unit while its deletion runs: a save
		// waiting behind it would put it back over the tombstone
		for _, b := range []*widget.Button{s.unitSave, s.unitEdit, s.unitDel} {
			b.Disable()
		}
		db, user := s.e.db, s.e.user
		s.del = runBackground(func() func() {
			err := db.Update(user, func(tx *store.Tx) error { return tx.DeleteUnit(u.ID) })
			return func() { s.unitDeleted(u, err) }
		})
	})
}

// unitDeleted shows the outcome of onDeleteUnit.
func (s *unitsScreen) unitDeleted(u *tdkt.Unit, err error) {
	if err != nil {
		s.e.writeFailed(err)
		if s.unitID == u.ID {
			s.unitMsg.SetText(lang.L("Không xóa được: ") + err.Error())
			s.unitMsg.Show()
			for _, b := range []*widget.Button{s.unitSave, s.unitEdit, s.unitDel} {
				b.Enable()
			}
		}
		return
	}
	s.e.version++
	delete(s.e.units, u.ID)
	s.tree.Refresh()
	if s.unitID != u.ID {
		return
	}
	s.unitID = ""
	s.tree.UnselectAll()
	s.unitTitle.SetText(lang.L("Chọn một đơn vị trong cây bên trái"))
	s.unitInfo.SetText(fmt.Sprintf(lang.L("Đã xóa đơn vị %s."), u.Name))
	s.unitMsg.Hide()
	s.unitAwards.setRows(nil)
	for _, b := range []*widget.Button{s.unitSave, s.unitEdit, s.unitDel} {
		b.Disable()
	}
	s.people.header.SetText("")
	s.people.list.setRows(nil)
}
