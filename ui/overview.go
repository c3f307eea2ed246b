package ui

import (
	"context"
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// overviewScreen (Tổng quan) shows where the dossiers stand, the deadlines
// coming, this year's awards by form, and a chart of how much of the year's
// awards reach direct workers, small collectives and priority areas.
type overviewScreen struct {
	e    *env
	open func(dossierID string) // set by the shell

	counts    map[tdkt.Status]*canvas.Text
	deadlines *dataTable[deadlineRow]
	byForm    *barChart
	shares    *barChart
	yearLabel *widget.Label
	formTitle *widget.Label
	prog      *progress
	loaded    int // env version shown
	result    overviewData
	// unfinished warns of a bundle import that stopped between its parts
	unfinished *widget.Label
}

type (
	deadlineRow  = jobs.Deadline
	overviewData = jobs.Overview
)

func newOverviewScreen(e *env) *overviewScreen {
	s := &overviewScreen{e: e, counts: map[tdkt.Status]*canvas.Text{}, loaded: -1}
	s.deadlines = newDataTable([]DataColumn[deadlineRow]{
		{lang.L("Hạn"), 95, func(r deadlineRow) string { return dateText(r.Row.Deadline) }},
		{lang.L("Còn lại"), 80, func(r deadlineRow) string { return daysText(r.Days) }},
		{lang.L("Trạng thái"), 150, func(r deadlineRow) string { return statusLabel(r.Row.Status) }},
		{lang.L("Đơn vị trình"), 200, func(r deadlineRow) string { return e.unitName(r.Row.UnitID) }},
		{lang.L("Hồ sơ"), 360, func(r deadlineRow) string { return r.Row.Title }},
	}, func(_ int, r deadlineRow) {
		if s.open != nil {
			s.open(r.Row.ID)
		}
	})
	s.byForm = newBarChart()
	s.shares = newBarChart()
	s.yearLabel = boldLabel("")
	s.formTitle = boldLabel(lang.L("Khen thưởng theo hình thức"))
	s.prog = newProgress()
	s.unfinished = dangerLabel()
	s.unfinished.Hide()
	return s
}

func daysText(n int) string {
	switch {
	case n < 0:
		return fmt.Sprintf(lang.L("quá %d ngày"), -n)
	case n == 0:
		return lang.L("hôm nay")
	}
	return fmt.Sprintf(lang.L("%d ngày"), n)
}

func (s *overviewScreen) content() fyne.CanvasObject {
	cards := container.NewGridWithColumns(3)
	for _, st := range tdkt.Statuses {
		n := canvas.NewText("0", theme.Color(theme.ColorNamePrimary))
		n.TextSize = 22
		n.TextStyle.Bold = true
		s.counts[st] = n
		l := widget.NewLabelWithStyle(statusLabel(st), fyne.TextAlignCenter, fyne.TextStyle{})
		l.Wrapping = fyne.TextWrapWord
		cards.Add(container.NewVBox(container.NewCenter(n), l))
	}
	left := container.NewBorder(
		container.NewVBox(boldLabel(lang.L("Hồ sơ theo trạng thái")), cards, boldLabel(lang.L("Hạn xử lý hồ sơ năm nay (gần nhất trước)"))),
		nil, nil, nil, s.deadlines.table)
	charts := container.NewVBox(s.yearLabel,
		boldLabel(lang.L("Tỷ lệ khen thưởng hướng về cơ sở")), s.shares.box,
		widget.NewSeparator(), s.formTitle, s.byForm.box)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(charts)))
	split.Offset = 0.5
	return container.NewBorder(container.NewVBox(s.unfinished, s.prog.box), nil, nil, nil, split)
}

func (s *overviewScreen) wait() { s.prog.current().wait() }

func (s *overviewScreen) refresh() {
	if s.loaded == s.e.version {
		return
	}
	s.loaded = s.e.version
	showUnfinished(s.e, s.unfinished)
	today := s.e.today()
	cat := s.e.cat
	s.prog.run(lang.L("Đang tổng hợp số liệu…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		var d overviewData
		err := s.e.view(func(tx *store.Tx) error {
			var err error
			d, err = jobs.ComputeOverview(ctx, tx, cat, today)
			return err
		})
		if err != nil {
			return nil, err
		}
		return func() { s.show(d) }, nil
	}, s.e.showError)
}

func (s *overviewScreen) show(d overviewData) {
	s.result = d
	for st, t := range s.counts {
		t.Text = num(d.StatusCount[st])
		t.Refresh()
	}
	s.deadlines.setRows(d.Deadlines)
	if d.Year == 0 {
		s.yearLabel.SetText(lang.L("Sổ khen thưởng chưa có dòng nào."))
		s.shares.set(nil)
		s.byForm.set(nil)
		return
	}
	note := ""
	if d.Year != s.e.today().Year {
		note = fmt.Sprintf(lang.L(" (năm %d chưa có khen thưởng, hiển thị năm gần nhất có số liệu)"), s.e.today().Year)
	}
	s.yearLabel.SetText(fmt.Sprintf(lang.L("Khen thưởng năm %d: %s lượt%s"), d.Year, num(d.All), note))
	s.formTitle.SetText(fmt.Sprintf(lang.L("Khen thưởng năm %d theo hình thức"), d.Year))
	total := func(n int) int {
		if n == 0 {
			return -1
		}
		return n
	}
	s.shares.set([]bar{
		{Label: lang.L("Người trực tiếp lao động, sản xuất (trên số cá nhân)"), Value: d.Direct, Total: total(d.Persons), Color: colorDirect},
		{Label: fmt.Sprintf(lang.L("Tập thể nhỏ: thôn, bản, tổ, đội, đơn vị không quá %d người (trên số tập thể)"), s.e.cat.SmallLimit()), Value: d.Small, Total: total(d.Collectives), Color: colorSmall},
		{Label: lang.L("Vùng sâu, vùng xa, biên giới, hải đảo, vùng DTTS (trên tổng số)"), Value: d.Area, Total: total(d.All), Color: colorArea},
	})
	type kv struct {
		code string
		n    int
	}
	var forms []kv
	for c, n := range d.ByForm {
		forms = append(forms, kv{c, n})
	}
	sort.Slice(forms, func(i, j int) bool {
		if forms[i].n != forms[j].n {
			return forms[i].n > forms[j].n
		}
		return forms[i].code < forms[j].code
	})
	var bars []bar
	for _, f := range forms {
		bars = append(bars, bar{Label: s.e.itemName(f.code), Value: f.n, Color: colorForm})
	}
	s.byForm.set(bars)
}
