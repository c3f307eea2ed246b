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
}

type deadlineRow struct {
	d    *store.DossierRow
	days int
}

// overviewData is what the background load computes.
type overviewData struct {
	Year                 int
	ByForm               map[string]int
	Persons, Direct      int
	Collectives, Small   int
	All, Area            int
	Deadlines            []deadlineRow
	StatusCount          map[tdkt.Status]int
	CurrentYearDossiers  int
	CurrentYearDeadlines int
}

func newOverviewScreen(e *env) *overviewScreen {
	s := &overviewScreen{e: e, counts: map[tdkt.Status]*canvas.Text{}, loaded: -1}
	s.deadlines = newDataTable([]DataColumn[deadlineRow]{
		{lang.L("Hạn"), 95, func(r deadlineRow) string { return dateText(r.d.Deadline) }},
		{lang.L("Còn lại"), 80, func(r deadlineRow) string { return daysText(r.days) }},
		{lang.L("Trạng thái"), 150, func(r deadlineRow) string { return statusLabel(r.d.Status) }},
		{lang.L("Đơn vị trình"), 200, func(r deadlineRow) string { return e.unitName(r.d.UnitID) }},
		{lang.L("Hồ sơ"), 360, func(r deadlineRow) string { return r.d.Title }},
	}, func(_ int, r deadlineRow) {
		if s.open != nil {
			s.open(r.d.ID)
		}
	})
	s.byForm = newBarChart()
	s.shares = newBarChart()
	s.yearLabel = boldLabel("")
	s.formTitle = boldLabel(lang.L("Khen thưởng theo hình thức"))
	s.prog = newProgress()
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
	return container.NewBorder(s.prog.box, nil, nil, nil, split)
}

func (s *overviewScreen) wait() { s.prog.current().wait() }

func (s *overviewScreen) refresh() {
	if s.loaded == s.e.version {
		return
	}
	s.loaded = s.e.version
	today := s.e.today()
	cat := s.e.cat
	s.prog.run(lang.L("Đang tổng hợp số liệu…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		var d overviewData
		err := s.e.view(func(tx *store.Tx) error {
			var err error
			d, err = computeOverview(ctx, tx, cat, today)
			return err
		})
		if err != nil {
			return nil, err
		}
		return func() { s.show(d) }, nil
	}, s.e.showError)
}

// computeOverview gathers the figures (store: a Stats-like summary).
func computeOverview(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, today tdkt.Date) (overviewData, error) {
	d := overviewData{ByForm: map[string]int{}, StatusCount: map[tdkt.Status]int{}}
	for _, st := range tdkt.Statuses {
		d.StatusCount[st] = tx.CountIndex("dossier.status", string(st))
	}
	// the dossiers' list rows carry what the deadlines need
	for _, id := range tx.IDs("dossier.year", year4(today.Year)) {
		ds, err := tx.DossierRow(id)
		if err != nil {
			return d, err
		}
		d.CurrentYearDossiers++
		if ds.Deadline.IsZero() {
			continue
		}
		switch ds.Status {
		case tdkt.StatusAwarded, tdkt.StatusRejected, tdkt.StatusWithdrawn:
			continue
		}
		days := int(ds.Deadline.Time().Sub(today.Time()).Hours() / 24)
		d.Deadlines = append(d.Deadlines, deadlineRow{d: &ds, days: days})
	}
	sort.SliceStable(d.Deadlines, func(i, j int) bool { return d.Deadlines[i].d.Deadline.Before(d.Deadlines[j].d.Deadline) })
	if ctx.Err() != nil {
		return d, errCancelled
	}

	d.Year = latestAwardYear(tx, today.Year)
	if d.Year == 0 {
		return d, nil
	}
	// The store's award counters hold the year's awards by form with the
	// recipients' facts as of each decision: a few hundred keys instead of
	// decoding the year's awards and looking up their people and units.
	err := tx.AwardCounts(d.Year, func(c store.AwardCount) error {
		d.ByForm[c.Code] += c.N
		d.All += c.N
		if c.Area {
			d.Area += c.N
		}
		if c.Subject == tdkt.SubjectPerson {
			d.Persons += c.N
			if c.Category.Direct() {
				d.Direct += c.N
			}
			return nil
		}
		d.Collectives += c.N
		// the catalogue's rule applies now, to the kind and headcount
		// the unit had
		if cat.SmallCollective(&tdkt.Unit{Type: c.UnitKind}, c.Staff) {
			d.Small += c.N
		}
		return nil
	})
	return d, err
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
