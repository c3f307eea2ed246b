package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// registerScreen (Sổ & báo cáo) is the award register: one achievement
// year at a time through the award.year index (a province has some 18,000
// lines a year and 370,000 in all), loaded off the UI goroutine, then
// filtered in memory by award and text as the user types.
type registerScreen struct {
	e      *env
	year   *widget.Select
	award  *choice[string]
	query  *entry
	table  *dataTable[*regRow]
	sum    *widget.Label
	prog   *progress
	typing debouncer

	all    []*regRow
	loaded int // env version of the loaded year
	shown  int // year loaded
	ready  bool
}

// regRow is a register line with its folded search text.
type regRow struct {
	a      *tdkt.Award
	folded string
}

func newRegisterScreen(e *env) *registerScreen {
	s := &registerScreen{e: e, loaded: -1}
	y := e.today().Year
	var years []string
	for i := y + 1; i >= y-40; i-- {
		years = append(years, strconv.Itoa(i))
	}
	s.year = widget.NewSelect(years, func(string) {
		if s.ready {
			s.load()
		}
	})
	codes := []string{""}
	for _, it := range e.cat.Items {
		codes = append(codes, it.Code)
	}
	s.award = newChoice(codes, func(c string) string {
		if c == "" {
			return "Mọi hình thức"
		}
		return e.itemName(c)
	}, func(string) { s.filter() })
	s.query = newEntry()
	s.query.SetPlaceHolder("Lọc theo tên, chức vụ, đơn vị, số quyết định, số vào sổ…")
	s.query.OnChanged = func(string) { s.typing.call(150*time.Millisecond, s.filter) }
	s.table = newDataTable([]DataColumn[*regRow]{
		{"Số vào sổ", 110, func(r *regRow) string { return r.a.Number }},
		{"Họ tên / tập thể", 190, func(r *regRow) string { return r.a.Name }},
		{"Chức vụ – đơn vị", 210, func(r *regRow) string { return r.position(e) }},
		{"Hình thức", 170, func(r *regRow) string { return e.itemShort(r.a.AwardCode) }},
		{"Năm", 50, func(r *regRow) string { return strconv.Itoa(r.a.Year) }},
		{"Số quyết định", 120, func(r *regRow) string { return r.a.DecisionNo }},
		{"Ngày QĐ", 100, func(r *regRow) string { return dateText(r.a.DecisionDate) }},
		{"Người ký", 140, func(r *regRow) string { return r.a.Signer }},
		{"Tiền thưởng", 100, func(r *regRow) string { return tdkt.Money(r.a.Bonus) }},
	}, nil)
	s.sum = widget.NewLabel("")
	s.prog = newProgress()
	return s
}

func (r *regRow) position(e *env) string {
	if r.a.Position != "" {
		return r.a.Position
	}
	return e.unitName(r.a.UnitID)
}

func (s *registerScreen) content() fyne.CanvasObject {
	filters := container.NewBorder(nil, nil, container.NewHBox(boldLabel("Năm thành tích"), s.year),
		nil, container.NewGridWithColumns(2, s.award.sel, s.query))
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(
			disabledButton("Xuất Excel", theme.DownloadIcon()), disabledButton("Xuất PDF", theme.DocumentPrintIcon()),
			disabledButton("Báo cáo thống kê (TT 02/2023)", theme.DocumentIcon())),
			heading("Sổ theo dõi khen thưởng")),
		filters, s.prog.box)
	s.award.set("")
	return container.NewBorder(top, s.sum, nil, nil, s.table.table)
}

func (s *registerScreen) wait() { s.prog.current().wait() }

func (s *registerScreen) refresh() {
	if !s.ready {
		y := 0
		s.e.view(func(tx *store.Tx) error { y = latestAwardYear(tx, s.e.today().Year); return nil })
		if y == 0 {
			y = s.e.today().Year
		}
		s.year.SetSelected(strconv.Itoa(y))
		s.ready = true
	}
	if s.loaded != s.e.version || s.shown != atoi(s.year.Selected) {
		s.load()
	}
}

// load reads the chosen year off the UI goroutine.
func (s *registerScreen) load() {
	y := atoi(s.year.Selected)
	s.loaded, s.shown = s.e.version, y
	s.prog.run(fmt.Sprintf("Đang tải sổ khen thưởng năm %d…", y), func(ctx context.Context, report func(int, int)) (func(), error) {
		var as []*tdkt.Award
		err := s.e.view(func(tx *store.Tx) (err error) { as, err = awardsOfYear(ctx, tx, y, report); return })
		if err != nil {
			return nil, err
		}
		rows := make([]*regRow, len(as))
		for i, a := range as {
			if i%1024 == 0 && ctx.Err() != nil {
				return nil, errCancelled
			}
			rows[i] = &regRow{a: a, folded: tdkt.Fold(strings.Join([]string{a.Name, a.Position, s.e.unitName(a.UnitID), a.DecisionNo, a.Number, a.Signer}, " "))}
		}
		return func() {
			s.all = rows
			s.filter()
		}, nil
	}, s.e.showError)
}

// filter applies the award and text filters to the loaded year.
func (s *registerScreen) filter() {
	code, _ := s.award.get()
	words := tdkt.FoldWords(s.query.Text)
	var out []*regRow
	var total int64
	for _, r := range s.all {
		if code != "" && r.a.AwardCode != code {
			continue
		}
		if len(words) > 0 && !containsAll(r.folded, words) {
			continue
		}
		out = append(out, r)
		if !r.a.Revoked {
			total += r.a.Bonus
		}
	}
	s.table.setRows(out)
	s.sum.SetText(fmt.Sprintf("%s dòng; tổng tiền thưởng %s đồng.", num(len(out)), tdkt.Money(total)))
}

func containsAll(folded string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(folded, w) {
			return false
		}
	}
	return true
}
