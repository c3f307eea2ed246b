package ui

import (
	"fmt"
	"sort"
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

// recordForm writes into the register an award another authority decided
// — an order or medal from the President, a Prime Minister's Bằng khen, a
// Giấy khen an agency gave — which reaches the office on paper, not as a
// decision of its own (store.Tx.RecordAward checks and numbers it).
type recordForm struct {
	e       *env
	subject *widget.RadioGroup
	*personSearch
	person *tdkt.Person
	chosen *widget.Label
	unit   *unitPicker
	award  *choice[string]
	method *choice[tdkt.Method]
	year   *field
	number *field
	date   *dateField
	signer *field
	bonus  *field
	msg    *widget.Label
	ok     *widget.Button
	dlg    *dialog.CustomDialog
	saved  func(*tdkt.Award)
}

func openRecordForm(e *env, year int, saved func(*tdkt.Award)) *recordForm {
	f := &recordForm{e: e, saved: saved}
	f.subject = widget.NewRadioGroup([]string{subjectText(tdkt.SubjectPerson), subjectText(tdkt.SubjectCollective)}, func(string) { f.showSubject() })
	f.subject.Horizontal = true
	f.personSearch = newPersonSearch(e, f.choose)
	f.chosen = widget.NewLabel(lang.L("Chưa chọn cá nhân (người chưa có trong dữ liệu: thêm ở Đơn vị & cá nhân)."))
	f.chosen.Wrapping = fyne.TextWrapWord
	f.unit = newUnitPicker(e, "", nil)
	f.unit.add = true
	f.award = newChoice(nil, e.itemName, func(string) { f.suggestBonus() })
	f.method = newChoice(tdkt.Methods, func(m tdkt.Method) string { return capFirst(methodLabel(m)) }, nil)
	f.method.set(tdkt.MethodRegular)
	f.year = newField(lang.L("Năm thành tích"), newEntry(), intRange(1945, 2100, lang.L("năm thành tích")))
	f.year.set(fmt.Sprint(year))
	f.number = newField(lang.L("Số quyết định"), newEntry(), required(lang.L("số quyết định")))
	f.number.entry.SetPlaceHolder(lang.L("ví dụ 1234/QĐ-CTN"))
	f.date = newDateField(lang.L("Ngày quyết định"), false)
	f.date.entry.OnChanged = func(string) { f.suggestBonus() }
	f.signer = newField(lang.L("Người, cơ quan quyết định"), newEntry(), nil)
	f.signer.entry.SetPlaceHolder(lang.L("ví dụ Chủ tịch nước"))
	f.bonus = newField(lang.L("Tiền thưởng (đồng)"), newEntry(), moneyValidator)
	f.msg = dangerLabel()
	f.msg.Hide()
	f.ok = widget.NewButtonWithIcon(lang.L("Ghi vào sổ"), theme.ConfirmIcon(), f.submit)
	f.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.dlg.Hide() })
	who := container.NewVBox(f.search, sized(f.results, 100), f.chosen)
	body := container.NewVBox(
		wrapLabel(lang.L("Khen thưởng do cấp khác quyết định (Chủ tịch nước, Thủ tướng, bộ, ngành, thủ trưởng cơ quan…) mà cơ quan nhận được bằng văn bản: ghi vào sổ để xét điều kiện và thống kê. Khen thưởng do cơ quan mình quyết định thì vào sổ khi ban hành quyết định.")),
		formRows(lang.L("Đối tượng"), f.subject),
		who,
		formRows(lang.L("Tập thể"), f.unit.button,
			lang.L("Hình thức"), f.award.sel,
			lang.L("Cách khen"), f.method.sel,
			lang.L("Năm thành tích"), f.year,
			lang.L("Số quyết định"), f.number,
			lang.L("Ngày quyết định"), f.date.field,
			lang.L("Người, cơ quan quyết định"), f.signer,
			lang.L("Tiền thưởng (đồng)"), f.bonus),
		f.msg)
	f.subject.SetSelected(subjectText(tdkt.SubjectPerson))
	f.dlg = dialog.NewCustomWithoutButtons(lang.L("Ghi khen thưởng do cấp khác quyết định"), container.NewVScroll(body), e.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.dlg.Resize(fyne.NewSize(820, 680))
	e.show(f.dlg)
	return f
}

// subjectOf is the chosen recipient kind.
func (f *recordForm) subjectOf() tdkt.Subject {
	if f.subject.Selected == subjectText(tdkt.SubjectCollective) {
		return tdkt.SubjectCollective
	}
	return tdkt.SubjectPerson
}

// showSubject offers the awards the recipient kind may receive.
func (f *recordForm) showSubject() {
	subj := f.subjectOf()
	items := append([]tdkt.Item(nil), f.e.cat.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Order < items[j].Order })
	var codes []string
	for _, it := range items {
		if it.Subject.Allows(subj) {
			codes = append(codes, it.Code)
		}
	}
	cur, _ := f.award.get()
	f.award.setOptions(codes, f.e.itemName)
	f.award.set(cur)
	if subj == tdkt.SubjectPerson {
		f.search.Enable()
		f.unit.button.Disable()
	} else {
		f.search.Disable()
		f.unit.button.Enable()
	}
}

func (f *recordForm) choose(p *tdkt.Person) {
	f.person = p
	f.chosen.SetText(fmt.Sprintf(lang.L("Đã chọn: %s – %s – %s"), p.Name, p.Position, f.e.unitName(p.UnitID)))
}

// suggestBonus fills the bonus from the catalogue on the decision's date
// while the user has not typed one.
func (f *recordForm) suggestBonus() {
	code, ok := f.award.get()
	d, err := f.date.date()
	if !ok || err != nil || f.bonus.entry.typed {
		return
	}
	if b, err := f.e.cat.Bonus(code, f.subjectOf(), d); err == nil {
		f.bonus.set(tdkt.Money(b))
	}
}

// award is the register line the form describes.
func (f *recordForm) line() *tdkt.Award {
	a := &tdkt.Award{Subject: f.subjectOf(), Year: atoi(strings.TrimSpace(f.year.entry.Text)), DecisionNo: f.number.text(),
		Signer: f.signer.text()}
	a.AwardCode, _ = f.award.get()
	a.Method, _ = f.method.get()
	a.DecisionDate, _ = f.date.date()
	a.Bonus, _ = parseMoney(f.bonus.entry.Text)
	if a.Subject == tdkt.SubjectPerson {
		if p := f.person; p != nil {
			a.PersonID, a.UnitID, a.Name = p.ID, p.UnitID, p.Name
			a.Position = tdkt.PositionAt(p.Position, f.e.unitName(p.UnitID))
		}
	} else if f.unit.id != "" {
		a.UnitID, a.Name = f.unit.id, f.e.unitName(f.unit.id)
	}
	return a
}

func (f *recordForm) submit() {
	f.msg.Hide()
	if err := checkAll(f.year, f.number, f.date.field, f.bonus); err != nil {
		return
	}
	a := f.line()
	today := f.e.today()
	if err := f.e.update(func(tx *store.Tx) error { return tx.RecordAward(a, f.e.cat, today) }); err != nil {
		f.msg.SetText(lang.L("Chưa ghi: ") + err.Error())
		f.msg.Show()
		return
	}
	f.dlg.Hide()
	if f.saved != nil {
		f.saved(a)
	}
}
