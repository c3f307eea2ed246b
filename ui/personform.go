package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// personForm adds a person or corrects one: name, gender (certificates
// address "Ông" or "Bà" by it), birth date, ethnicity, CCCD, position, unit
// and the return's category. A dossier also adds the people it proposes,
// with their name and position only; this is where the rest is entered.
// tdkt.CleanPerson normalises and checks what is saved.
type personForm struct {
	e        *env
	base     tdkt.Person
	name     *field
	gender   *choice[tdkt.Gender]
	birth    *dateField
	ethnic   *field
	idNumber *field
	position *field
	unit     *unitPicker
	category *choice[tdkt.Category]
	msg      *widget.Label
	ok       *widget.Button
	dlg      *dialog.CustomDialog
	saved    func(*tdkt.Person)
}

// openPersonForm opens the form for x (nil: a new person of unit).
func openPersonForm(e *env, x *tdkt.Person, unit string, saved func(*tdkt.Person)) *personForm {
	f := &personForm{e: e, saved: saved}
	if x != nil {
		f.base = *x
		unit = x.UnitID
	} else {
		f.base.Category = tdkt.CatOfficer
	}
	f.name = newField(lang.L("Họ và tên"), newEntry(), required(lang.L("họ và tên")))
	f.gender = newChoice([]tdkt.Gender{tdkt.Male, tdkt.Female}, genderText, nil)
	f.gender.sel.PlaceHolder = lang.L("(chưa ghi)")
	f.birth = newDateField(lang.L("Ngày sinh"), true)
	f.ethnic = newField(lang.L("Dân tộc"), newEntry(), nil)
	f.idNumber = newField(lang.L("Số CCCD"), newEntry(), nil)
	f.idNumber.entry.SetPlaceHolder(lang.L("12 chữ số, không bắt buộc"))
	f.position = newField(lang.L("Chức vụ"), newEntry(), nil)
	f.unit = newUnitPicker(e, lang.L("(chưa có đơn vị)"), nil)
	f.unit.add = true
	f.category = newChoice(tdkt.Categories, categoryLabel, nil)
	f.name.set(f.base.Name)
	f.gender.set(f.base.Gender)
	f.birth.setDate(f.base.Birth)
	f.ethnic.set(f.base.Ethnicity)
	f.idNumber.set(f.base.IDNumber)
	f.position.set(f.base.Position)
	f.unit.set(unit)
	f.category.set(f.base.Category)
	f.msg = dangerLabel()
	f.msg.Hide()
	for _, x := range []*field{f.name, f.birth.field, f.ethnic, f.idNumber, f.position} {
		x.entry.OnSubmitted = func(string) { f.submit() }
	}
	title := lang.L("Thêm cá nhân")
	if x != nil {
		title = lang.L("Sửa thông tin cá nhân")
	}
	f.ok = widget.NewButtonWithIcon(lang.L("Lưu"), theme.ConfirmIcon(), f.submit)
	f.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.dlg.Hide() })
	note := wrapLabel("")
	note.Importance = widget.WarningImportance
	if x != nil {
		note.SetText(e.localOnly(x))
	}
	if note.Text == "" {
		note.Hide()
	}
	body := container.NewVBox(note, formRows(
		lang.L("Họ và tên"), f.name,
		lang.L("Giới tính"), f.gender.sel,
		lang.L("Ngày sinh"), f.birth.field,
		lang.L("Dân tộc"), f.ethnic,
		lang.L("Số CCCD"), f.idNumber,
		lang.L("Chức vụ"), f.position,
		lang.L("Đơn vị"), f.unit.button,
		lang.L("Đối tượng"), f.category.sel,
	), f.msg)
	f.dlg = dialog.NewCustomWithoutButtons(title, body, e.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.dlg.Resize(fyne.NewSize(640, 520))
	e.show(f.dlg)
	e.win.Canvas().Focus(f.name.entry)
	return f
}

// genderText names a gender; a person saved without one shows as unknown
// rather than as a woman.
func genderText(g tdkt.Gender) string {
	switch g {
	case tdkt.Male:
		return lang.L("Nam")
	case tdkt.Female:
		return lang.L("Nữ")
	}
	return lang.L("(chưa ghi giới tính)")
}

// submit checks the person with tdkt.CleanPerson and stores it.
func (f *personForm) submit() {
	f.msg.Hide()
	if err := checkAll(f.name, f.birth.field); err != nil {
		return
	}
	p := f.base
	p.Name = f.name.text()
	p.Gender, _ = f.gender.get()
	p.Birth, _ = f.birth.date()
	p.Ethnicity = f.ethnic.text()
	p.IDNumber = f.idNumber.text()
	p.Position = f.position.text()
	p.UnitID = f.unit.id
	p.Category, _ = f.category.get()
	if err := tdkt.CleanPerson(&p, f.e.today()); err != nil {
		f.fail(err)
		return
	}
	if err := f.e.update(func(tx *store.Tx) error { return tx.Put(&p) }); err != nil {
		f.fail(err)
		return
	}
	f.dlg.Hide()
	if f.saved != nil {
		f.saved(&p)
	}
}

func (f *personForm) fail(err error) {
	f.msg.SetText(lang.L("Chưa lưu được: ") + err.Error())
	f.msg.Show()
}
