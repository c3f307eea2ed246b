package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// clustersPane edits clusters and blocs: members, and per year the leader,
// the deputy, the pledge and the year-end scores with their ranking
// (tdkt.Ranking); a save is checked with tdkt.ValidateCluster.
type clustersPane struct {
	e       *env
	list    *widget.List
	all     []*tdkt.Cluster
	cur     *tdkt.Cluster // working copy
	name    *field
	bloc    *widget.Check
	members *widget.List
	year    *widget.Select
	leader  *choice[string]
	deputy  *choice[string]
	pledge  *field
	scores  *fyne.Container
	entries map[string]*entry
	ranking *widget.Label
	msg     *widget.Label
	page    *fyne.Container
	filling bool   // set while showYear fills the widgets
	shown   string // the year whose scores are on screen
	stay    bool   // set while the year choice is sent back to the year shown
	// the open "add a year" form, for tests
	yearForm  *field
	yearOK    *widget.Button
	addYearBt *widget.Button
	saveBt    *widget.Button
	addMember *unitPicker
}

func newClustersPane(e *env) *clustersPane {
	p := &clustersPane{e: e, entries: map[string]*entry{}}
	p.list = widget.NewList(func() int { return len(p.all) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := p.all[i]
			kind := lang.L("Cụm")
			if c.Bloc {
				kind = lang.L("Khối")
			}
			o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s – %s (%d thành viên)"), kind, c.Name, len(c.Members)))
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.edit(p.all[i]) }
	p.name = newField(lang.L("Tên"), newEntry(), required(lang.L("tên cụm, khối")))
	p.bloc = widget.NewCheck(lang.L("Khối thi đua (theo ngành); bỏ chọn: cụm (theo địa bàn)"), nil)
	p.members = widget.NewList(func() int {
		if p.cur == nil {
			return 0
		}
		return len(p.cur.Members)
	}, func() fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DeleteIcon(), nil), truncLabel(""))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		id := p.cur.Members[i]
		c.Objects[0].(*widget.Label).SetText(e.unitName(id))
		c.Objects[1].(*widget.Button).OnTapped = func() { p.removeMember(id) }
	})
	p.year = widget.NewSelect(nil, func(y string) {
		if p.stay {
			return
		}
		// the year left must read: showYear rebuilds the entries from the
		// scores that do, and a typo would be gone without a word
		if err := p.badScore(); err != nil && p.shown != "" && y != p.shown {
			p.msg.SetText(lang.L("Chưa chuyển năm: ") + err.Error())
			p.msg.Show()
			p.stay = true
			p.year.SetSelected(p.shown)
			p.stay = false
			return
		}
		p.showYear()
	})
	p.leader = newChoice[string](nil, e.unitName, func(string) { p.updateRanking() })
	p.deputy = newChoice[string](nil, e.unitName, func(string) { p.updateRanking() })
	p.pledge = newField(lang.L("Giao ước"), newMultiEntry(2), nil)
	p.pledge.entry.OnChanged = func(string) { p.collect() }
	p.scores = container.NewVBox()
	p.ranking = wrapLabel("")
	p.msg = dangerLabel()
	p.msg.Hide()
	return p
}

func (p *clustersPane) content() fyne.CanvasObject {
	addMember := newUnitPicker(p.e, "", func(id string) {
		if p.cur == nil || id == "" {
			return
		}
		for _, m := range p.cur.Members {
			if m == id {
				return
			}
		}
		p.collect()
		p.cur.Members = append(p.cur.Members, id)
		p.members.Refresh()
		p.setMemberChoices()
		p.showYear()
	})
	addMember.button.SetText(lang.L("Thêm thành viên…"))
	p.addYearBt = widget.NewButtonWithIcon(lang.L("Năm mới"), theme.ContentAddIcon(), p.onAddYear)
	p.saveBt = widget.NewButtonWithIcon(lang.L("Lưu cụm, khối"), theme.DocumentSaveIcon(), p.onSave)
	save := p.saveBt
	save.Importance = widget.HighImportance
	p.addMember = addMember
	newBt := widget.NewButtonWithIcon(lang.L("Cụm, khối mới"), theme.ContentAddIcon(), func() {
		p.edit(&tdkt.Cluster{Years: []tdkt.ClusterYear{{Year: p.e.today().Year}}})
	})
	membersBox := container.NewBorder(container.NewBorder(nil, nil, boldLabel(lang.L("Thành viên")), addMember.button), nil, nil, nil, p.members)
	yearBox := container.NewVBox(
		container.NewHBox(boldLabel(lang.L("Năm")), p.year, p.addYearBt),
		formRows(lang.L("Trưởng cụm, khối"), p.leader.sel, lang.L("Phó trưởng"), p.deputy.sel, lang.L("Giao ước thi đua"), p.pledge),
		boldLabel(lang.L("Chấm điểm cuối năm")), p.scores, boldLabel(lang.L("Xếp hạng")), p.ranking, p.msg, container.NewHBox(save))
	editor := container.NewVSplit(
		container.NewBorder(container.NewVBox(formRows(lang.L("Tên"), p.name, "", p.bloc)), nil, nil, nil, membersBox),
		container.NewVScroll(yearBox))
	editor.Offset = 0.4
	p.page = container.NewStack(editor)
	p.page.Hide()
	split := container.NewHSplit(container.NewBorder(container.NewHBox(newBt), nil, nil, nil, p.list), p.page)
	split.Offset = 0.35
	return split
}

func (p *clustersPane) refresh() {
	p.all = nil
	p.e.view(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindCluster, func(r tdkt.Record) error {
			p.all = append(p.all, r.(*tdkt.Cluster))
			return nil
		})
	})
	p.list.Refresh()
	if p.cur == nil && len(p.all) > 0 {
		p.list.Select(0)
	}
}

// edit starts editing a copy of c.
func (p *clustersPane) edit(c *tdkt.Cluster) {
	cp := *c
	cp.Members = append([]string(nil), c.Members...)
	cp.Years = nil
	for _, y := range c.Years {
		y.Scores = append([]tdkt.Score(nil), y.Scores...)
		cp.Years = append(cp.Years, y)
	}
	p.cur = &cp
	p.name.set(cp.Name)
	p.bloc.SetChecked(cp.Bloc)
	p.members.Refresh()
	p.setMemberChoices()
	var years []string
	for _, y := range cp.Years {
		years = append(years, strconv.Itoa(y.Year))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	p.year.Options = years
	p.year.ClearSelected()
	if len(years) > 0 {
		p.year.SetSelectedIndex(0)
	} else {
		p.showYear()
	}
	p.msg.Hide()
	p.page.Show()
}

func (p *clustersPane) setMemberChoices() {
	opts := append([]string{""}, p.cur.Members...)
	label := func(id string) string {
		if id == "" {
			return lang.L("(chưa chọn)")
		}
		return p.e.unitName(id)
	}
	p.leader.setOptions(opts, label)
	p.deputy.setOptions(opts, label)
}

// yearRec is the working copy's record of the chosen year.
func (p *clustersPane) yearRec() *tdkt.ClusterYear {
	if p.cur == nil || p.year.Selected == "" {
		return nil
	}
	y, ok := p.cur.Year(atoi(p.year.Selected))
	if !ok {
		return nil
	}
	return y
}

// showYear fills leader, deputy, pledge and the score entries.
func (p *clustersPane) showYear() {
	p.filling = true
	defer func() { p.filling = false; p.updateRanking() }()
	p.scores.Objects = nil
	p.entries = map[string]*entry{}
	p.shown = p.year.Selected
	y := p.yearRec()
	if y == nil {
		p.scores.Refresh()
		p.ranking.SetText("")
		return
	}
	p.leader.set(y.LeaderID)
	p.deputy.set(y.DeputyID)
	p.pledge.set(y.Pledge)
	score := map[string]float64{}
	for _, s := range y.Scores {
		score[s.UnitID] = s.Points
	}
	grid := container.NewGridWithColumns(2)
	for _, id := range p.cur.Members {
		en := newEntry()
		if v, ok := score[id]; ok {
			en.SetText(fmtFloat(v))
		}
		en.SetPlaceHolder(lang.L("điểm"))
		en.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			return floatRange(0, 10000, lang.L("điểm"))(s)
		}
		en.OnChanged = func(string) { p.updateRanking() }
		en.OnSubmitted = func(string) { p.onSave() }
		p.entries[id] = en
		grid.Add(truncLabel(p.e.unitName(id)))
		grid.Add(en)
	}
	p.scores.Add(grid)
	p.scores.Refresh()
}

// collect copies the widgets into the working copy's chosen year.
func (p *clustersPane) collect() {
	if p.cur == nil || p.filling {
		return
	}
	p.cur.Name = p.name.text()
	p.cur.Bloc = p.bloc.Checked
	y := p.yearRec()
	if y == nil {
		return
	}
	y.LeaderID, _ = p.leader.get()
	y.DeputyID, _ = p.deputy.get()
	y.Pledge = p.pledge.text()
	y.Scores = nil
	for _, id := range p.cur.Members {
		en := p.entries[id]
		if en == nil || strings.TrimSpace(en.Text) == "" {
			continue
		}
		v, err := parseFloat(en.Text)
		if err != nil {
			continue
		}
		y.Scores = append(y.Scores, tdkt.Score{UnitID: id, Points: v})
	}
}

// badScore names the first score on screen that does not read.
func (p *clustersPane) badScore() error {
	if p.cur == nil {
		return nil
	}
	for _, id := range p.cur.Members {
		en := p.entries[id]
		if en == nil || en.Validator == nil {
			continue
		}
		if err := en.Validator(en.Text); err != nil {
			return fmt.Errorf(lang.L("điểm của %s năm %s: %s"), p.e.unitName(id), p.shown, err)
		}
	}
	return nil
}

// updateRanking shows the ranking of the scores typed so far.
func (p *clustersPane) updateRanking() {
	if p.filling {
		return
	}
	p.collect()
	y := p.yearRec()
	if y == nil {
		return
	}
	var lines []string
	for i, s := range tdkt.Ranking(y.Scores) {
		mark := ""
		if s.UnitID == y.LeaderID {
			mark = lang.L(" – trưởng cụm, khối")
		}
		lines = append(lines, fmt.Sprintf(lang.L("%d. %s: %s điểm%s"), i+1, p.e.unitName(s.UnitID), fmtFloat(s.Points), mark))
	}
	if len(lines) == 0 {
		lines = append(lines, lang.L("Chưa chấm điểm."))
	}
	p.ranking.SetText(strings.Join(lines, "\n"))
}

func (p *clustersPane) removeMember(id string) {
	p.collect()
	var keep []string
	for _, m := range p.cur.Members {
		if m != id {
			keep = append(keep, m)
		}
	}
	p.cur.Members = keep
	p.members.Refresh()
	p.setMemberChoices()
	p.showYear()
}

// onAddYear asks which year to add: this year by default, or last year,
// scored in January, or any year not kept yet.
func (p *clustersPane) onAddYear() {
	if p.cur == nil {
		return
	}
	p.collect()
	today := p.e.today().Year
	next := today
	for _, y := range p.cur.Years {
		if y.Year >= next {
			next = y.Year + 1
		}
	}
	if _, ok := p.cur.Year(today - 1); !ok && next > today {
		next = today - 1 // this year is kept already: the likely one is last year
	}
	yf := newField(lang.L("Năm"), newEntry(), func(s string) error {
		if err := intRange(2000, today+1, lang.L("năm"))(s); err != nil {
			return err
		}
		if _, ok := p.cur.Year(atoi(strings.TrimSpace(s))); ok {
			return fmt.Errorf(lang.L("Năm %s đã có"), strings.TrimSpace(s))
		}
		return nil
	})
	yf.set(strconv.Itoa(next))
	var d *dialog.CustomDialog
	add := func() {
		if yf.check() != nil {
			return
		}
		d.Hide()
		p.addYear(atoi(strings.TrimSpace(yf.entry.Text)))
	}
	yf.entry.OnSubmitted = func(string) { add() }
	ok := widget.NewButtonWithIcon(lang.L("Thêm năm"), theme.ConfirmIcon(), add)
	ok.Importance = widget.HighImportance
	p.yearForm, p.yearOK = yf, ok
	d = dialog.NewCustomWithoutButtons(lang.L("Thêm năm thi đua"), formRows(lang.L("Năm"), yf), p.e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(360, 180))
	p.e.show(d)
	p.e.win.Canvas().Focus(yf.entry)
}

// addYear adds year y to the working copy and shows it.
func (p *clustersPane) addYear(y int) {
	p.cur.Years = append(p.cur.Years, tdkt.ClusterYear{Year: y})
	var years []string
	for _, x := range p.cur.Years {
		years = append(years, strconv.Itoa(x.Year))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	p.year.Options = years
	p.year.SetSelected(strconv.Itoa(y))
}

// onSave checks the cluster with tdkt.ValidateCluster and stores it.
func (p *clustersPane) onSave() {
	if p.cur == nil {
		return
	}
	if err := p.name.check(); err != nil {
		return
	}
	// a score that does not read is refused, not left out of the ranking
	if err := p.badScore(); err != nil {
		p.msg.SetText(lang.L("Chưa lưu: ") + err.Error())
		p.msg.Show()
		return
	}
	p.collect()
	if err := tdkt.ValidateCluster(p.cur); err != nil {
		p.msg.SetText(err.Error())
		p.msg.Show()
		return
	}
	c := *p.cur
	if err := p.e.update(func(tx *store.Tx) error { return tx.Put(&c) }); err != nil {
		p.msg.SetText(lang.L("Chưa lưu được: ") + err.Error())
		p.msg.Show()
		return
	}
	p.msg.Hide()
	p.refresh()
	p.edit(&c)
}
