package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// peoplePane is the people list (a unit's people or a name search, both
// through indexes) beside one person's page.
type peoplePane struct {
	e      *env
	query  *entry
	list   *dataTable[*tdkt.Person]
	prog   *progress
	header *widget.Label

	person  *tdkt.Person
	title   *widget.Label
	info    *widget.Label
	awards  *dataTable[*tdkt.Award]
	model   *widget.Check
	since   *field
	story   *field
	photo   *widget.Label
	photoID string
	pending blobs // the photo chosen since the last save
	image   *canvas.Image
	histBt  *widget.Button
	save    *widget.Button
	msg     *widget.Label
	page    *fyne.Container
	addBt   *widget.Button
	editBt  *widget.Button
	delBt   *widget.Button
	mergeBt *widget.Button
	splitBt *widget.Button
	same    []*tdkt.Person // the other records of the person shown (merged)
	unitID  string         // the unit whose people are listed, "" for a search
	form    *personForm    // the last person form opened here
	merge   *mergeForm     // the last merge form opened here
}

func newPeoplePane(e *env) *peoplePane {
	p := &peoplePane{e: e}
	p.query = newEntry()
	p.query.SetPlaceHolder(lang.L("Tìm cá nhân theo tên (gõ có dấu hoặc không dấu, ví dụ: nguyen van)"))
	p.query.OnChanged = func(string) { p.search() }
	p.list = newDataTable([]DataColumn[*tdkt.Person]{
		{lang.L("Họ và tên"), 180, func(x *tdkt.Person) string { return x.Name }},
		{lang.L("Chức vụ"), 140, func(x *tdkt.Person) string { return x.Position }},
		{lang.L("Đơn vị"), 220, func(x *tdkt.Person) string { return e.unitName(x.UnitID) }},
		{lang.L("Đối tượng"), 170, func(x *tdkt.Person) string { return categoryLabel(x.Category) }},
	}, func(_ int, x *tdkt.Person) { p.show(x) })
	p.prog = newProgress()
	p.header = widget.NewLabel(lang.L("Chọn đơn vị ở cây bên trái hoặc gõ tên để tìm."))
	p.header.Truncation = fyne.TextTruncateEllipsis

	p.title = heading("")
	p.info = wrapLabel("")
	p.awards = newDataTable(awardHistoryColumns(e), nil)
	p.model = widget.NewCheck(lang.L("Điển hình tiên tiến"), func(bool) { p.story.check() })
	p.since = newField(lang.L("Từ năm"), newEntry(), nil)
	p.since.entry.SetPlaceHolder(lang.L("năm hoặc dịp, ví dụ 2025"))
	p.story = newField(lang.L("Câu chuyện"), newMultiEntry(3), func(s string) error {
		if p.model.Checked && tdkt.NFC(s) == "" {
			return errors.New(lang.L("Cần ghi tóm tắt câu chuyện điển hình"))
		}
		return nil
	})
	p.photo = widget.NewLabel("")
	p.image = canvas.NewImageFromResource(nil)
	p.image.FillMode = canvas.ImageFillContain
	p.image.SetMinSize(fyne.NewSize(96, 120))
	p.image.Hide()
	p.pending = blobs{}
	p.histBt = historyButton(e, tdkt.KindPerson, func() string {
		if p.person == nil {
			return ""
		}
		return p.person.ID
	})
	p.save = widget.NewButtonWithIcon(lang.L("Lưu"), theme.DocumentSaveIcon(), p.onSave)
	p.save.Importance = widget.HighImportance
	p.since.entry.OnSubmitted = func(string) { p.onSave() }
	p.msg = dangerLabel()
	p.msg.Hide()
	p.addBt = widget.NewButtonWithIcon(lang.L("Thêm cá nhân"), theme.ContentAddIcon(), func() {
		p.form = openPersonForm(e, nil, p.unitID, p.saved)
	})
	p.editBt = widget.NewButtonWithIcon(lang.L("Sửa thông tin"), theme.DocumentCreateIcon(), func() {
		if p.person != nil {
			p.form = openPersonForm(e, p.person, "", p.saved)
		}
	})
	p.delBt = widget.NewButtonWithIcon(lang.L("Xóa"), theme.DeleteIcon(), p.onDelete)
	p.mergeBt = widget.NewButtonWithIcon(lang.L("Gộp bản ghi trùng…"), theme.ContentPasteIcon(), p.onMerge)
	p.splitBt = widget.NewButtonWithIcon(lang.L("Tách…"), theme.ContentCutIcon(), p.onSplit)
	return p
}

// onDelete deletes the person shown, entered by mistake, after asking;
// the store keeps one that anything names, and says what.
func (p *peoplePane) onDelete() {
	x := p.person
	if x == nil {
		return
	}
	p.e.confirm(lang.L("Xóa cá nhân"), fmt.Sprintf(lang.L("Xóa %s? Chỉ xóa được người nhập nhầm (trùng), chưa có trong hồ sơ, quyết định hay sổ khen thưởng."), x.Name), func() {
		if err := p.e.update(func(tx *store.Tx) error { return tx.DeletePerson(x.ID) }); err != nil {
			p.msg.SetText(lang.L("Không xóa được: ") + err.Error())
			p.msg.Show()
			return
		}
		var rows []*tdkt.Person
		for _, r := range p.list.rows {
			if r.ID != x.ID {
				rows = append(rows, r)
			}
		}
		p.list.setRows(rows)
		p.person = nil
		p.page.Hide()
	})
}

// saved shows a person just added or corrected, in the list too.
func (p *peoplePane) saved(x *tdkt.Person) {
	rows := p.list.rows
	found := false
	for i, r := range rows {
		if r.ID == x.ID {
			rows[i], found = x, true
		}
	}
	if !found && p.unitID != "" && x.UnitID == p.unitID {
		rows = append(rows, x)
	}
	p.list.setRows(rows)
	if !found && p.unitID == "" {
		p.search() // a search lists the new person if the name matches
	}
	p.show(x)
}

func (p *peoplePane) content() fyne.CanvasObject {
	photoBt := widget.NewButtonWithIcon(lang.L("Chọn ảnh…"), theme.FileImageIcon(), p.onPhoto)
	noPhoto := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		p.photoID = ""
		p.pending = blobs{}
		p.showPhoto()
	})
	modelBox := widget.NewCard("", lang.L("Điển hình tiên tiến"), container.NewVBox(p.model,
		formRows(lang.L("Từ năm"), p.since, lang.L("Câu chuyện"), p.story, lang.L("Ảnh"), container.NewBorder(nil, nil, p.image, container.NewHBox(photoBt, noPhoto), p.photo)),
		p.msg, container.NewHBox(p.save)))
	head := container.NewBorder(nil, nil, nil, container.NewHBox(p.editBt, p.delBt, p.histBt), p.title)
	// merging is about whose lines these are: its buttons sit by the
	// lines' heading (a row of their own would make the window taller than
	// an old PC's 768-pixel screen leaves room for)
	awardsHead := container.NewBorder(nil, nil, boldLabel(lang.L("Khen thưởng theo năm")), container.NewHBox(p.mergeBt, p.splitBt))
	p.page = container.NewBorder(container.NewVBox(head, p.info, awardsHead), modelBox, nil, nil, p.awards.table)
	p.page.Hide()
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, p.addBt, p.query), p.prog.box, p.header), nil, nil, nil, p.list.table)
	split := container.NewHSplit(left, p.page)
	split.Offset = 0.5
	return split
}

func (p *peoplePane) wait() { p.prog.current().wait() }

// showUnit lists the people of a unit (person.unit index).
func (p *peoplePane) showUnit(unitID string) {
	p.query.SetText("")
	p.unitID = unitID
	name := p.e.unitName(unitID)
	p.prog.run(lang.L("Đang đọc danh sách cá nhân…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		var out []*tdkt.Person
		err := p.e.view(func(tx *store.Tx) error {
			ids := tx.IDs("person.unit", unitID)
			for i, id := range ids {
				if i%256 == 0 {
					if ctx.Err() != nil {
						return errCancelled
					}
					report(i, len(ids))
				}
				x := &tdkt.Person{}
				if err := tx.Get(id, x); err != nil {
					return err
				}
				if !x.Deleted && !mergedAway(tx, x) {
					out = append(out, x)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return func() {
			p.header.SetText(fmt.Sprintf(lang.L("%s: %s cá nhân"), name, num(len(out))))
			p.list.setRows(out)
		}, nil
	}, p.e.showError)
}

// search finds people by name with the store's folded word index.
func (p *peoplePane) search() {
	q := p.query.Text
	if strings.TrimSpace(q) == "" {
		return
	}
	p.unitID = "" // the list is a search's now
	var out []*tdkt.Person
	err := p.e.view(func(tx *store.Tx) (err error) { out, err = searchPeople(tx, q, 500); return })
	if err != nil {
		p.e.showError(err)
		return
	}
	more := ""
	if len(out) == 500 {
		more = lang.L(" (hiển thị 500 kết quả đầu, hãy gõ thêm để thu hẹp)")
	}
	p.header.SetText(fmt.Sprintf(lang.L("Tìm \"%s\": %d cá nhân%s"), tdkt.NFC(q), len(out), more))
	p.list.setRows(out)
}

// open shows the page of the person with id.
func (p *peoplePane) open(id string) {
	x := &tdkt.Person{}
	if err := p.e.view(func(tx *store.Tx) error { return tx.Get(id, x) }); err != nil {
		p.e.showError(err)
		return
	}
	p.show(x)
}

func (p *peoplePane) show(x *tdkt.Person) {
	p.person = x
	p.title.SetText(x.Name)
	var lines []string
	l := genderText(x.Gender)
	if !x.Birth.IsZero() {
		l += lang.L(", sinh ngày ") + dateText(x.Birth)
	}
	if x.Ethnicity != "" {
		l += lang.L(", dân tộc ") + x.Ethnicity
	}
	lines = append(lines, l)
	if x.Position != "" {
		lines = append(lines, lang.L("Chức vụ: ")+x.Position)
	}
	if x.UnitID != "" {
		u := lang.L("Đơn vị: ") + p.e.unitName(x.UnitID)
		if cur := p.e.currentUnit(x.UnitID); cur != x.UnitID {
			u += lang.L(" (nay là ") + p.e.unitName(cur) + ")"
		}
		lines = append(lines, u)
	}
	cat := lang.L("Đối tượng: ") + categoryLabel(x.Category)
	if x.Category.Direct() {
		cat += lang.L(" – người trực tiếp lao động, sản xuất")
	}
	lines = append(lines, cat)
	var awards []*tdkt.Award
	p.same = nil
	p.e.view(func(tx *store.Tx) (err error) {
		for _, id := range tx.SamePerson(x.ID) {
			o := &tdkt.Person{}
			if id != x.ID && tx.Get(id, o) == nil {
				p.same = append(p.same, o)
			}
		}
		awards, err = awardsOf(tx, x.ID, false)
		return
	})
	if x.MergedInto != "" {
		lines = append([]string{fmt.Sprintf(lang.L("Bản ghi trùng, đã gộp vào %s: khen thưởng được tính chung."), p.e.personName(x.MergedInto))}, lines...)
	}
	if len(p.same) > 0 {
		var names []string
		for _, o := range p.same {
			names = append(names, personLabel(p.e, o))
		}
		lines = append(lines, lang.L("Cùng một người với: ")+strings.Join(names, "; "))
	}
	p.info.SetText(strings.Join(lines, "\n"))
	p.awards.setRows(awards)
	if x.MergedInto != "" {
		p.mergeBt.Disable()
	} else {
		p.mergeBt.Enable()
	}
	if p.splittable() == nil {
		p.splitBt.Hide()
	} else {
		p.splitBt.Show()
	}
	p.photoID = ""
	p.pending = blobs{}
	if x.Model != nil {
		p.model.SetChecked(true)
		p.since.set(x.Model.Since)
		p.story.set(x.Model.Story)
		p.photoID = x.Model.Photo
	} else {
		p.model.SetChecked(false)
		p.since.set("")
		p.story.set("")
	}
	p.showPhoto()
	p.msg.Hide()
	p.page.Show()
}

// showPhoto shows the model's photo, read from the form, the database or
// the old attachments folder.
func (p *peoplePane) showPhoto() {
	if p.photoID == "" {
		p.photo.SetText(lang.L("(chưa có ảnh)"))
		p.image.Hide()
		return
	}
	b, err := p.e.readBlob(p.pending, p.photoID)
	if err != nil {
		p.photo.SetText(lang.L("Không đọc được ảnh ") + p.photoID[:12] + "…")
		p.image.Hide()
		return
	}
	text := lang.L("Ảnh ") + sizeText(int64(len(b)))
	if _, ok := p.pending[p.photoID]; ok {
		text += lang.L(" (chưa lưu)")
	}
	p.photo.SetText(text)
	p.image.Resource = fyne.NewStaticResource(p.photoID[:12], b)
	p.image.Show()
	p.image.Refresh()
}

func (p *peoplePane) onPhoto() {
	// setPhoto shows its own refusal
	p.e.openBytes([]string{".jpg", ".jpeg", ".png"}, func(name string, b []byte) { p.setPhoto(name, b) })
}

// setPhoto checks a chosen photo (JPEG or PNG by content); it is written
// into the database with the person.
func (p *peoplePane) setPhoto(name string, b []byte) error {
	a, err := newAttachment(name, b)
	if err == nil && a.Type != "image/jpeg" && a.Type != "image/png" {
		err = fmt.Errorf(lang.L("ảnh %q phải là tệp JPEG hoặc PNG"), a.Name)
	}
	if err != nil {
		p.e.showError(err)
		return err
	}
	p.pending = blobs{a.SHA256: b}
	p.photoID = a.SHA256
	p.showPhoto()
	return nil
}

// onSave stores the exemplary-model mark in one transaction.
func (p *peoplePane) onSave() {
	if p.person == nil {
		return
	}
	if err := p.story.check(); err != nil {
		return
	}
	x := *p.person
	if p.model.Checked {
		x.Model = &tdkt.Exemplary{Since: p.since.text(), Story: p.story.text(), Photo: p.photoID}
	} else {
		x.Model = nil
	}
	err := p.e.update(func(tx *store.Tx) error {
		if x.Model != nil {
			if err := p.pending.store(tx, p.e.path, x.Model.Photo); err != nil {
				return err
			}
		}
		return tx.Put(&x)
	})
	if err != nil {
		p.msg.SetText(lang.L("Chưa lưu được: ") + err.Error())
		p.msg.Show()
		return
	}
	p.person = &x
	p.pending = blobs{}
	p.showPhoto()
	p.msg.Hide()
}
