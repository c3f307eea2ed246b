package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// importFields are the column contents the wizard offers, in the order of
// a register; FieldNone ("bỏ qua") is last.
var importFields = []tdkt.Field{
	tdkt.FieldName, tdkt.FieldSubject, tdkt.FieldPosition, tdkt.FieldUnit, tdkt.FieldBirth,
	tdkt.FieldGender, tdkt.FieldEthnicity, tdkt.FieldAward, tdkt.FieldYear, tdkt.FieldDecision,
	tdkt.FieldDate, tdkt.FieldSigner, tdkt.FieldBonus, tdkt.FieldNumber, tdkt.FieldPrinted,
	tdkt.FieldSeq, tdkt.FieldNone,
}

// fieldLabel is the Vietnamese name of what a column holds.
func fieldLabel(f tdkt.Field) string {
	switch f {
	case tdkt.FieldName:
		return lang.L("Họ và tên")
	case tdkt.FieldSubject:
		return lang.L("Cá nhân/Tập thể")
	case tdkt.FieldPosition:
		return lang.L("Chức vụ")
	case tdkt.FieldUnit:
		return lang.L("Đơn vị")
	case tdkt.FieldBirth:
		return lang.L("Năm sinh")
	case tdkt.FieldGender:
		return lang.L("Giới tính")
	case tdkt.FieldEthnicity:
		return lang.L("Dân tộc")
	case tdkt.FieldAward:
		return lang.L("Hình thức khen thưởng")
	case tdkt.FieldYear:
		return lang.L("Năm")
	case tdkt.FieldDecision:
		return lang.L("Số quyết định")
	case tdkt.FieldDate:
		return lang.L("Ngày quyết định")
	case tdkt.FieldSigner:
		return lang.L("Người ký")
	case tdkt.FieldBonus:
		return lang.L("Tiền thưởng")
	case tdkt.FieldNumber:
		return lang.L("Số vào sổ")
	case tdkt.FieldPrinted:
		return lang.L("Đã in bằng")
	case tdkt.FieldSeq:
		return lang.L("Số thứ tự (bỏ qua)")
	}
	return lang.L("(bỏ qua)")
}

// colName is the spreadsheet name of column c (0-based): A … Z, AA …
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// importWizard (Sổ & báo cáo → Nhập từ Excel…) brings an old register into
// the database: it reads the workbook (xlsx.ReadSheet finds the header row
// below titles and merged cells), shows what each column was recognised
// as so that the user can correct it, checks the rows with a dry run of
// store.ImportRegister, which reports every problem with its row number,
// and imports only after a check without problems. The import is all or
// nothing.
type importWizard struct {
	e    *env
	done func(imported bool)
	page fyne.CanvasObject

	path  string
	sheet *xlsx.Sheet

	info     *widget.Label
	help     *widget.Label // how to map the columns, shown with a sheet
	cols     *fyne.Container
	fields   []*choice[tdkt.Field]
	bar      *widget.ProgressBarInfinite
	status   *widget.Label
	probHead *widget.Label
	probs    []string
	probList *widget.List
	checkBt  *widget.Button
	importBt *widget.Button
	backBt   *widget.Button
	split    *container.Split

	checked bool // the last check of the current mapping found no problem
	cur     *task
	report  store.ImportReport // of the last check or import
}

// importColWidths: column, heading as typed, first value, content.
var importColWidths = []float32{56, 260, 260}

func newImportWizard(e *env, done func(imported bool)) *importWizard {
	w := &importWizard{e: e, done: done}
	w.info = wrapLabel("")
	w.cols = container.NewVBox()
	w.bar = widget.NewProgressBarInfinite()
	w.bar.Hide()
	w.status = wrapLabel("")
	w.probHead = boldLabel("")
	w.probHead.Importance = widget.DangerImportance
	w.probHead.Wrapping = fyne.TextWrapWord
	w.probHead.Hide()
	w.probList = widget.NewList(func() int { return len(w.probs) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(w.probs) {
				o.(*widget.Label).SetText(w.probs[i])
			}
		})
	w.checkBt = widget.NewButtonWithIcon(lang.L("Kiểm tra"), theme.SearchIcon(), w.onCheck)
	w.importBt = widget.NewButtonWithIcon(lang.L("Nhập"), theme.UploadIcon(), w.onImport)
	w.importBt.Importance = widget.HighImportance
	w.importBt.Disable()
	w.backBt = widget.NewButtonWithIcon(lang.L("Quay lại sổ khen thưởng"), theme.NavigateBackIcon(), func() { w.done(false) })
	return w
}

func (w *importWizard) content() fyne.CanvasObject {
	if w.page != nil {
		return w.page
	}
	hdr := func(s string) *widget.Label {
		l := boldLabel(s)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	header := container.New(&columnsLayout{widths: importColWidths},
		hdr(lang.L("Cột")), hdr(lang.L("Tiêu đề trong tệp")), hdr(lang.L("Giá trị dòng đầu")), hdr(lang.L("Nội dung của cột")))
	mapping := container.NewBorder(header, nil, nil, nil, container.NewVScroll(w.cols))
	result := container.NewBorder(container.NewVBox(w.status, w.probHead), nil, nil, nil, w.probList)
	split := container.NewVSplit(mapping, result)
	split.Offset = 0.7
	w.split = split
	w.help = wrapLabel(lang.L("Chương trình đã đoán nội dung từng cột theo tiêu đề. Hãy xem lại, chọn đúng nội dung cho từng cột (cột không cần: \"(bỏ qua)\"), rồi bấm \"Kiểm tra\"."))
	top := container.NewVBox(heading(lang.L("Nhập sổ khen thưởng cũ từ Excel")), w.info, w.help, w.bar)
	buttons := container.NewBorder(nil, nil, w.backBt, container.NewHBox(w.checkBt, w.importBt))
	w.page = container.NewBorder(top, buttons, nil, nil, split)
	return w.page
}

// wait blocks until the running read, check or import is on screen.
func (w *importWizard) wait() {
	for {
		t := w.cur
		t.wait()
		if w.cur == t {
			return
		}
	}
}

// busy shows the bar and locks the buttons while work runs.
func (w *importWizard) busy(on bool) {
	if on {
		w.bar.Show()
		w.bar.Start()
		w.checkBt.Disable()
		w.importBt.Disable()
		w.backBt.Disable()
		return
	}
	w.bar.Stop()
	w.bar.Hide()
	w.backBt.Enable()
	if w.sheet != nil {
		w.checkBt.Enable()
	}
	if w.checked {
		w.importBt.Enable()
	}
}

// open reads the workbook at path off the UI goroutine.
func (w *importWizard) open(path string) {
	w.path, w.sheet, w.checked = path, nil, false
	w.fields = nil
	w.cols.Objects = nil
	w.cols.Refresh()
	w.setProblems(nil, "")
	w.info.SetText(lang.L("Đang đọc ") + filepath.Base(path) + "…")
	w.status.SetText("")
	w.busy(true)
	w.cur = runBackground(func() func() {
		sheet, err := readSheet(path)
		return func() {
			if w.path != path {
				return
			}
			w.busy(false)
			if err != nil {
				// nothing to map: the error alone, not the mapping's help
				// and empty column headings under it
				w.info.SetText(fmt.Sprintf(lang.L("Không đọc được %s: %v"), filepath.Base(path), err))
				w.help.Hide()
				w.split.Hide()
				w.checkBt.Disable()
				return
			}
			w.showSheet(sheet)
		}
	})
}

func readSheet(path string) (*xlsx.Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return xlsx.ReadSheet(f)
}

// showSheet lists the columns with what each was recognised as.
func (w *importWizard) showSheet(sh *xlsx.Sheet) {
	w.sheet = sh
	w.help.Show()
	w.split.Show()
	first, last := 0, 0
	if len(sh.Rows) > 0 {
		first, last = sh.Rows[0].Line, sh.Rows[len(sh.Rows)-1].Line
	}
	w.info.SetText(fmt.Sprintf(lang.L("Tệp %s – trang tính \"%s\", dòng tiêu đề: dòng %d; %d dòng dữ liệu (dòng %d – %d)."),
		filepath.Base(w.path), sh.Name, sh.HeaderLine, len(sh.Rows), first, last))
	n := len(sh.Headings)
	for len(sh.Fields) < n {
		sh.Fields = append(sh.Fields, tdkt.FieldNone)
	}
	w.cols.Objects = nil
	w.fields = make([]*choice[tdkt.Field], n)
	for c := 0; c < n; c++ {
		c := c
		ch := newChoice(importFields, fieldLabel, func(f tdkt.Field) { w.setField(c, f) })
		ch.set(sh.Fields[c])
		w.fields[c] = ch
		w.cols.Add(container.New(&columnsLayout{widths: importColWidths},
			widget.NewLabel(colName(c)), truncLabel(sh.Headings[c]), truncLabel(sampleCell(sh, c)), ch.sel))
	}
	w.cols.Refresh()
	w.checked = false
	w.importBt.Disable()
	w.checkBt.Enable()
	w.status.SetText(lang.L("Bấm \"Kiểm tra\" để đọc thử mọi dòng (chưa ghi gì vào cơ sở dữ liệu)."))
}

// sampleCell is the first value of column c, to help recognise it.
func sampleCell(sh *xlsx.Sheet, c int) string {
	for i, r := range sh.Rows {
		if i > 50 {
			break
		}
		if c < len(r.Cells) && strings.TrimSpace(r.Cells[c]) != "" {
			return r.Cells[c]
		}
	}
	return ""
}

// setField records the user's choice for column c; the mapping must be
// checked again before importing.
func (w *importWizard) setField(c int, f tdkt.Field) {
	if w.sheet == nil || c >= len(w.sheet.Fields) || w.sheet.Fields[c] == f {
		return
	}
	w.sheet.Fields[c] = f
	w.checked = false
	w.importBt.Disable()
	w.status.SetText(lang.L("Đã đổi nội dung cột ") + colName(c) + lang.L(". Bấm \"Kiểm tra\" lại trước khi nhập."))
}

// mappingProblems are the mistakes of the mapping itself, found before
// any row is read: a missing name or award column, a content chosen for two
// columns.
func (w *importWizard) mappingProblems() []string {
	var probs []string
	cols := map[tdkt.Field][]string{}
	for c, f := range w.sheet.Fields {
		if f != tdkt.FieldNone && f != tdkt.FieldSeq {
			cols[f] = append(cols[f], colName(c))
		}
	}
	for _, f := range []tdkt.Field{tdkt.FieldName, tdkt.FieldAward} {
		if len(cols[f]) == 0 {
			probs = append(probs, fmt.Sprintf(lang.L("Chưa có cột nào là \"%s\"."), fieldLabel(f)))
		}
	}
	for _, f := range importFields {
		if len(cols[f]) > 1 {
			probs = append(probs, fmt.Sprintf(lang.L("Các cột %s cùng là \"%s\": mỗi nội dung chỉ chọn cho một cột."), strings.Join(cols[f], ", "), fieldLabel(f)))
		}
	}
	return probs
}

// setProblems shows the problems under a heading ("" hides it).
func (w *importWizard) setProblems(probs []string, head string) {
	w.probs = probs
	w.probList.Refresh()
	if w.split != nil {
		// room for the problems while there are any
		if len(probs) > 0 {
			w.split.SetOffset(0.5)
		} else {
			w.split.SetOffset(0.7)
		}
	}
	if head == "" {
		w.probHead.Hide()
	} else {
		w.probHead.SetText(head)
		w.probHead.Show()
	}
}

// onCheck runs the import as a dry run: every row is read and matched,
// nothing is written.
func (w *importWizard) onCheck() { w.run(true) }

// onImport imports for real, once a check of this mapping found nothing
// wrong.
func (w *importWizard) onImport() {
	if !w.checked {
		return
	}
	w.run(false)
}

func (w *importWizard) run(dry bool) {
	if w.sheet == nil || w.cur.running() {
		return
	}
	if probs := w.mappingProblems(); len(probs) > 0 {
		w.checked = false
		w.importBt.Disable()
		w.status.SetText(lang.L("Chưa kiểm tra được: hãy chọn lại nội dung các cột."))
		w.setProblems(probs, fmt.Sprintf(lang.L("%d lỗi trong cách chọn cột:"), len(probs)))
		return
	}
	rows := w.sheet.ImportRows()
	db, by, path := w.e.db, w.e.user, w.path
	if dry {
		w.status.SetText(fmt.Sprintf(lang.L("Đang kiểm tra %d dòng…"), len(rows)))
	} else {
		w.status.SetText(fmt.Sprintf(lang.L("Đang nhập %d dòng…"), len(rows)))
	}
	w.busy(true)
	w.cur = runBackground(func() func() {
		rep, err := db.ImportRegister(by, rows, dry)
		return func() {
			if w.path != path {
				return
			}
			w.report = rep
			if !dry && err == nil {
				// the import wrote people, units and register lines
				w.e.version++
				if rerr := w.e.reload(); rerr != nil {
					w.e.showError(rerr)
				}
			}
			w.checked = err == nil && len(rep.Problems) == 0
			w.busy(false)
			w.showReport(rep, err, dry)
		}
	})
}

// showReport says what the check found or the import did.
func (w *importWizard) showReport(rep store.ImportReport, err error, dry bool) {
	counts := fmt.Sprintf(lang.L("%d dòng dữ liệu; %d dòng khen thưởng mới, %d dòng đã có trong sổ (bỏ qua); %d cá nhân mới, %d đơn vị mới."),
		rep.Rows, rep.Awards, rep.Duplicates, rep.People, rep.Units)
	switch {
	case len(rep.Problems) > 0:
		w.status.SetText(fmt.Sprintf(lang.L("Chưa nhập được: %d lỗi ở %s. Sửa tệp Excel (rồi mở lại) hoặc chọn lại nội dung các cột, rồi bấm \"Kiểm tra\"."),
			len(rep.Problems), filepath.Base(w.path)))
		w.setProblems(rep.Problems, fmt.Sprintf(lang.L("%d lỗi (theo số dòng trong tệp Excel):"), len(rep.Problems)))
	case err != nil:
		w.status.SetText(lang.L("Không nhập được: ") + err.Error())
		w.setProblems(nil, "")
	case dry:
		w.status.SetText(lang.L("Kiểm tra xong, không có lỗi. Khi nhập sẽ có: ") + counts + lang.L(" Bấm \"Nhập\" để ghi vào cơ sở dữ liệu."))
		w.setProblems(nil, "")
	default:
		w.status.SetText(lang.L("Đã nhập: ") + counts)
		w.setProblems(nil, "")
		w.checked = false
		w.importBt.Disable()
		w.e.showInfo(lang.L("Đã nhập sổ khen thưởng"), fmt.Sprintf(lang.L("Đã nhập %s: %s"), filepath.Base(w.path), counts))
		w.done(true)
	}
}
