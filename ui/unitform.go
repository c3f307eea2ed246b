package ui

import (
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

// unitForm is the dialog that adds a unit or changes a unit's name, kind,
// code and parent (its area flags and headcount are on the unit's page).
// A new office has no units until it registers them here, imports an old
// register or receives the province's: without it a commune could not
// enter its first dossier.
type unitForm struct {
	e      *env
	base   tdkt.Unit // the unit as stored; zero for a new one
	name   *field
	code   *field
	kind   *choice[tdkt.UnitKind]
	parent *unitPicker
	msg    *widget.Label
	note   *widget.Label // says when a change stays on this machine
	ok     *widget.Button
	dlg    *dialog.CustomDialog
	saved  func(*tdkt.Unit)
	// chosen is set once the user picks a kind: from then on typing the
	// name no longer guesses it
	chosen bool
}

// openUnitForm opens the form for u (nil: a new unit named name, under
// parent). saved runs on the UI goroutine with the stored unit.
func openUnitForm(e *env, u *tdkt.Unit, name, parent string, saved func(*tdkt.Unit)) *unitForm {
	f := &unitForm{e: e, saved: saved}
	if u != nil {
		f.base = *u
		name, parent = u.Name, u.ParentID
	}
	f.name = newField(lang.L("Tên đơn vị"), newEntry(), required(lang.L("tên đơn vị")))
	f.name.entry.SetPlaceHolder(lang.L("ví dụ: Thôn Lếch, Trường Tiểu học Tả Van"))
	f.code = newField(lang.L("Mã đơn vị"), newEntry(), nil)
	f.code.entry.SetPlaceHolder(lang.L("không bắt buộc"))
	f.kind = newChoice(tdkt.UnitKinds, unitKindLabel, func(tdkt.UnitKind) { f.chosen = true })
	f.parent = newUnitPicker(e, lang.L("(không trực thuộc đơn vị nào)"), nil)
	f.parent.exclude = f.base.ID
	f.name.set(name)
	f.code.set(f.base.Code)
	f.parent.set(parent)
	if u != nil {
		f.kind.set(u.Type)
	} else {
		f.kind.set(tdkt.GuessUnitKind(name))
	}
	f.chosen = u != nil
	f.name.entry.OnChanged = func(s string) {
		if !f.chosen {
			f.kind.set(tdkt.GuessUnitKind(s))
			f.chosen = false // set fired the Select's callback
		}
	}
	f.msg = dangerLabel()
	f.msg.Hide()
	f.name.entry.OnSubmitted = func(string) { f.submit() }
	f.code.entry.OnSubmitted = func(string) { f.submit() }

	title, intro := lang.L("Thêm đơn vị"), lang.L("Đơn vị trình hồ sơ hoặc được đề nghị khen thưởng: cơ quan, trường học, doanh nghiệp, thôn, bản… Vùng ưu tiên và số người đặt ở trang của đơn vị sau khi lưu.")
	if u != nil {
		title, intro = lang.L("Sửa đơn vị"), lang.L("Tên mới dùng cho danh sách, hồ sơ và văn bản làm từ nay; quyết định và sổ khen thưởng đã có giữ nguyên tên đã ghi.")
	}
	f.ok = widget.NewButtonWithIcon(lang.L("Lưu đơn vị"), theme.ConfirmIcon(), f.submit)
	f.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.dlg.Hide() })
	note := wrapLabel("")
	note.Importance = widget.WarningImportance
	f.note = note
	if u != nil {
		note.SetText(e.localOnly(u))
	}
	if note.Text == "" {
		note.Hide()
	}
	body := container.NewVBox(wrapLabel(intro), note, formRows(
		lang.L("Tên đơn vị"), f.name,
		lang.L("Loại"), f.kind.sel,
		lang.L("Trực thuộc"), f.parent.button,
		lang.L("Mã đơn vị"), f.code,
	), f.msg)
	f.dlg = dialog.NewCustomWithoutButtons(title, body, e.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.dlg.Resize(fyne.NewSize(620, 380))
	e.show(f.dlg)
	e.win.Canvas().Focus(f.name.entry)
	return f
}

// unit is the unit the form describes.
func (f *unitForm) unit() tdkt.Unit {
	u := f.base
	u.Name = strings.Join(strings.Fields(f.name.text()), " ")
	u.Code = strings.TrimSpace(f.code.text())
	u.Type, _ = f.kind.get()
	u.ParentID = f.parent.id
	return u
}

// submit checks the unit with tdkt.ValidateUnit and stores it.
func (f *unitForm) submit() {
	f.msg.Hide()
	if err := f.name.check(); err != nil {
		return
	}
	u := f.unit()
	if err := tdkt.ValidateUnit(&u, f.e.units); err != nil {
		f.fail(err)
		return
	}
	if err := f.e.update(func(tx *store.Tx) error { return tx.Put(&u) }); err != nil {
		f.fail(err)
		return
	}
	f.e.units[u.ID] = &u
	f.dlg.Hide()
	if f.saved != nil {
		f.saved(&u)
	}
}

func (f *unitForm) fail(err error) {
	f.msg.SetText(lang.L("Chưa lưu được: ") + err.Error())
	f.msg.Show()
}
