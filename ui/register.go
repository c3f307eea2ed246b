package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
	"tdkt/ui/jobs"
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

	exp    *exporter
	stack  *fyne.Container // the register, or the import wizard
	view   fyne.CanvasObject
	wizard *importWizard

	recordBt *widget.Button
	record   *recordForm // the last one opened
	revokeBt *widget.Button
	sel      *tdkt.Award // the line chosen in the table
	revoke   *revokeForm // the last one opened
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
	s.award = newChoice(e.awardCodes(), e.awardFilterLabel, func(string) { s.filter() })
	s.query = newEntry()
	s.query.SetPlaceHolder(lang.L("Lọc theo tên, chức vụ, đơn vị, số quyết định, số vào sổ…"))
	s.query.OnChanged = func(string) { s.typing.call(150*time.Millisecond, s.filter) }
	s.table = newDataTable([]DataColumn[*regRow]{
		{lang.L("Số vào sổ"), 110, func(r *regRow) string { return r.a.Number }},
		{lang.L("Họ tên / tập thể"), 190, func(r *regRow) string { return r.a.Name }},
		{lang.L("Chức vụ – đơn vị"), 210, func(r *regRow) string { return r.position(e) }},
		{lang.L("Hình thức"), 170, func(r *regRow) string {
			if r.a.Revoked {
				return e.itemShort(r.a.AwardCode) + lang.L(" (đã hủy bỏ)")
			}
			if r.a.CorrectedBy != "" {
				return e.itemShort(r.a.AwardCode) + lang.L(" (đã sửa thông tin)")
			}
			return e.itemShort(r.a.AwardCode)
		}},
		{lang.L("Năm"), 50, func(r *regRow) string { return strconv.Itoa(r.a.Year) }},
		{lang.L("Số quyết định"), 120, func(r *regRow) string { return r.a.DecisionNo }},
		{lang.L("Ngày QĐ"), 100, func(r *regRow) string { return dateText(r.a.DecisionDate) }},
		{lang.L("Người ký"), 140, func(r *regRow) string { return r.a.Signer }},
		{lang.L("Tiền thưởng"), 100, func(r *regRow) string { return tdkt.Money(r.a.Bonus) }},
	}, func(_ int, r *regRow) {
		s.sel = r.a
		if r.a.Revoked || !e.mayWrite(r.a) { // only a leader writes the register
			s.revokeBt.Disable()
		} else {
			s.revokeBt.Enable()
		}
	})
	s.revokeBt = widget.NewButtonWithIcon(lang.L("Hủy bỏ khen thưởng…"), theme.CancelIcon(), s.onRevoke)
	s.revokeBt.Disable()
	s.sum = widget.NewLabel("")
	s.prog = newProgress()
	s.exp = newExporter(e)
	s.wizard = newImportWizard(e, s.closeImport)
	return s
}

func (r *regRow) position(e *env) string {
	if r.a.Position != "" {
		return r.a.Position
	}
	return e.unitName(r.a.UnitID)
}

func (s *registerScreen) content() fyne.CanvasObject {
	filters := container.NewBorder(nil, nil, container.NewHBox(boldLabel(lang.L("Năm thành tích")), s.year),
		nil, container.NewGridWithColumns(2, s.award.sel, s.query))
	exportBt := widget.NewButtonWithIcon(lang.L("Xuất sổ khen thưởng (Excel)"), theme.DownloadIcon(), s.onExportRegister)
	returnsBt := widget.NewButtonWithIcon(lang.L("Báo cáo thống kê"), theme.DocumentIcon(), s.onReturns)
	importBt := widget.NewButtonWithIcon(lang.L("Nhập từ Excel…"), theme.UploadIcon(), s.onImport)
	s.recordBt = widget.NewButtonWithIcon(lang.L("Ghi khen thưởng của cấp khác…"), theme.ContentAddIcon(), func() {
		s.record = openRecordForm(s.e, atoi(s.year.Selected), func(a *tdkt.Award) {
			s.year.SetSelected(fmt.Sprint(a.Year))
			s.load()
		})
	})
	// the buttons on a line of their own: beside the heading they made
	// the window wider than a 1280-pixel screen
	top := container.NewVBox(
		heading(lang.L("Sổ theo dõi khen thưởng")),
		container.NewHBox(s.recordBt, s.revokeBt, exportBt, returnsBt, importBt),
		filters, s.prog.box, s.exp.prog.box)
	s.award.set("")
	s.view = container.NewBorder(top, s.sum, nil, nil, s.table.table)
	s.stack = container.NewStack(s.view)
	return s.stack
}

func (s *registerScreen) wait() {
	s.prog.current().wait()
	s.exp.wait()
	s.wizard.wait()
}

func (s *registerScreen) refresh() {
	if s.e.mayWrite(&tdkt.Award{}) {
		s.recordBt.Enable()
	} else {
		s.recordBt.Disable()
	}
	if !s.ready {
		y := 0
		s.e.view(func(tx *store.Tx) error { y = jobs.LatestAwardYear(tx, s.e.today().Year); return nil })
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

// revokeForm is the open "revoke a register line" form, for tests.
type revokeForm struct {
	number *field
	date   *dateField
	reason *field
	msg    *widget.Label
	ok     *widget.Button
}

// onRevoke revokes the chosen register line (tdkt.RevokeAward): the
// decision that revokes it, its date and why. The line stays, marked.
func (s *registerScreen) onRevoke() {
	a := s.sel
	if a == nil || a.Revoked {
		return
	}
	if err := tdkt.HandRevocable(a); err != nil {
		s.e.showInfo(lang.L("Hủy bỏ khen thưởng"), err.Error())
		return
	}
	f := &revokeForm{
		number: newField(lang.L("Số quyết định hủy bỏ"), newEntry(), required(lang.L("số quyết định hủy bỏ"))),
		date:   newDateField(lang.L("Ngày quyết định"), false),
		reason: newField(lang.L("Lý do"), newMultiEntry(2), required(lang.L("lý do"))),
		msg:    dangerLabel(),
	}
	f.msg.Hide()
	s.revoke = f
	var d *dialog.CustomDialog
	f.ok = widget.NewButtonWithIcon(lang.L("Hủy bỏ dòng sổ"), theme.ConfirmIcon(), func() {
		if checkAll(f.number, f.date.field, f.reason) != nil {
			return
		}
		date, _ := f.date.date()
		no, reason, today := f.number.text(), f.reason.text(), s.e.today()
		// the line as stored now, not as loaded: a bundle may have changed
		// or deleted it since
		err := s.e.update(func(tx *store.Tx) error {
			x := &tdkt.Award{}
			if err := tx.Get(a.ID, x); err != nil {
				return err
			}
			if x.Deleted {
				return fmt.Errorf(lang.L("dòng sổ %s đã bị xóa"), x.Number)
			}
			if err := tdkt.HandRevocable(x); err != nil {
				return err
			}
			if err := tdkt.RevokeAward(x, no, date, reason, today); err != nil {
				return err
			}
			if err := tx.Put(x); err != nil {
				return err
			}
			return tx.NoteAward(x, s.e.now().UTC().Truncate(time.Second))
		})
		if err != nil {
			f.msg.SetText(lang.L("Chưa lưu: ") + err.Error())
			f.msg.Show()
			return
		}
		d.Hide()
		s.sel = nil
		s.revokeBt.Disable()
		s.load()
	})
	f.ok.Importance = widget.DangerImportance
	intro := fmt.Sprintf(lang.L("Hủy bỏ khen thưởng %s của %s (Quyết định số %s, số vào sổ %s). Dòng sổ được giữ, ghi rõ quyết định hủy bỏ; không tính khi xét điều kiện, đếm và báo cáo thống kê. Việc thu hồi hiện vật, tiền thưởng theo quyết định đó."),
		s.e.itemName(a.AwardCode), a.Name, a.DecisionNo, a.Number)
	d = dialog.NewCustomWithoutButtons(lang.L("Hủy bỏ khen thưởng"), container.NewVBox(wrapLabel(intro),
		formRows(lang.L("Số quyết định hủy bỏ"), f.number, lang.L("Ngày quyết định"), f.date.field, lang.L("Lý do"), f.reason), f.msg), s.e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Đóng"), theme.CancelIcon(), func() { d.Hide() }), f.ok})
	d.Resize(fyne.NewSize(640, 380))
	s.e.show(d)
}

// load reads the chosen year off the UI goroutine.
func (s *registerScreen) load() {
	y := atoi(s.year.Selected)
	s.loaded, s.shown = s.e.version, y
	s.prog.run(fmt.Sprintf(lang.L("Đang tải sổ khen thưởng năm %d…"), y), func(ctx context.Context, report func(int, int)) (func(), error) {
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
			// what the box says it filters on; not the signer, whose name
			// would bring a whole decision's lines to a search for a person
			rows[i] = &regRow{a: a, folded: tdkt.Fold(strings.Join([]string{a.Name, a.Position, s.e.unitName(a.UnitID), a.DecisionNo, a.Number}, " "))}
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
	m := tdkt.NewMatcher(tdkt.FoldWords(s.query.Text))
	var out []*regRow
	var total int64
	for _, r := range s.all {
		if code != "" && r.a.AwardCode != code {
			continue
		}
		if !m.Match(r.folded) {
			continue
		}
		out = append(out, r)
		if !r.a.Revoked {
			total += r.a.Bonus
		}
	}
	s.table.setRows(out) // clears the table's selection: so goes the line chosen
	s.sel = nil
	s.revokeBt.Disable()
	s.sum.SetText(fmt.Sprintf(lang.L("%s dòng; tổng tiền thưởng %s đồng."), num(len(out)), tdkt.Money(total)))
}

// onExportRegister asks for the years, then where to save the register.
func (s *registerScreen) onExportRegister() {
	y := s.year.Selected
	from := newField(lang.L("Từ năm"), newEntry(), intRange(1945, 2100, lang.L("năm")))
	to := newField(lang.L("Đến năm"), newEntry(), intRange(1945, 2100, lang.L("năm")))
	from.set(y)
	to.set(y)
	msg := dangerLabel()
	msg.Hide()
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.L("Chọn nơi lưu…"), theme.DocumentSaveIcon(), func() {
		if err := checkAll(from, to); err != nil {
			return
		}
		a, b := atoi(from.entry.Text), atoi(to.entry.Text)
		if b < a {
			msg.SetText(fmt.Sprintf(lang.L("Năm cuối (%d) phải từ năm đầu (%d) trở đi."), b, a))
			msg.Show()
			return
		}
		d.Hide()
		s.exp.ask(registerJob(s.e, a, b))
	})
	ok.Importance = widget.HighImportance
	body := container.NewVBox(
		wrapLabel(lang.L("Sổ gồm mọi dòng khen thưởng của các năm thành tích đã chọn (không theo bộ lọc đang dùng trên màn hình). Để xuất một năm, chọn năm đầu và năm cuối như nhau.")),
		formRows(lang.L("Từ năm"), from, lang.L("Đến năm"), to), msg)
	d = dialog.NewCustomWithoutButtons(lang.L("Xuất sổ khen thưởng (Excel)"), body, s.e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(520, 300))
	s.e.show(d)
}

// onReturns asks for the form and the year of a statistical return.
func (s *registerScreen) onReturns() {
	form := newChoice(returnForms, returnLabel, nil)
	form.set("0603")
	year := newField(lang.L("Năm báo cáo"), newEntry(), intRange(1945, 2100, lang.L("năm")))
	year.set(s.year.Selected)
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.L("Chọn nơi lưu…"), theme.DocumentSaveIcon(), func() {
		f, chosen := form.get()
		if err := checkAll(year); err != nil || !chosen {
			return
		}
		d.Hide()
		s.exp.ask(returnJob(s.e, f, atoi(year.entry.Text)))
	})
	ok.Importance = widget.HighImportance
	body := container.NewVBox(
		wrapLabel(lang.L("Biểu mẫu thống kê ban hành theo Thông tư số 02/2023/TT-BNV. Biểu 0602.N và 0603.N đếm các khen thưởng có quyết định ký trong năm báo cáo; biểu 0601.N đếm các phong trào thi đua diễn ra trong năm.")),
		formRows(lang.L("Biểu"), form.sel, lang.L("Năm báo cáo"), year))
	d = dialog.NewCustomWithoutButtons(lang.L("Báo cáo thống kê"), body, s.e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(560, 300))
	s.e.show(d)
}

// onImport asks for an old register (.xlsx) and opens the import wizard on it.
func (s *registerScreen) onImport() {
	s.e.openPath(lang.L("Chọn sổ khen thưởng cũ (Excel .xlsx)"), lang.L("Mở"), "", []string{".xlsx"}, s.openImport)
}

// openImport shows the import wizard on the workbook at path.
func (s *registerScreen) openImport(path string) {
	s.stack.Objects = []fyne.CanvasObject{s.wizard.content()}
	s.stack.Refresh()
	s.wizard.open(path)
}

// closeImport goes back to the register; after an import the year is read
// again.
func (s *registerScreen) closeImport(imported bool) {
	s.stack.Objects = []fyne.CanvasObject{s.view}
	s.stack.Refresh()
	if imported {
		s.loaded = -1
		s.refresh()
	}
}
