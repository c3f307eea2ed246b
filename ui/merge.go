package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// Merging duplicate people: one person entered twice (by a commune and the
// province, or again from an old register) has two histories, and the rules
// of consecutive years read only one. The store merges the duplicate into
// the record kept (tdkt.MergePerson); nothing that names it is rewritten, so
// a merge is undone by splitting it again.

// reload reads the list shown again: the unit's people or the search.
func (p *peoplePane) reload() {
	if p.unitID != "" {
		p.showUnit(p.unitID)
	} else {
		p.search()
	}
}

// personName is the name of the person with id, or id when it cannot be read.
func (e *env) personName(id string) string {
	x := &tdkt.Person{}
	if e.view(func(tx *store.Tx) error { return tx.Get(id, x) }) != nil {
		return id
	}
	return x.Name
}

// mergeForm is the dialog choosing the duplicate to merge into the person
// shown.
type mergeForm struct {
	*personSearch
	dup    *tdkt.Person
	chosen *widget.Label
	msg    *widget.Label
	ok     *widget.Button
}

// onMerge merges a duplicate, found by name, into the person shown, after
// showing both: the duplicate's lines then count as this person's.
func (p *peoplePane) onMerge() {
	keep := p.person
	if keep == nil || keep.MergedInto != "" {
		return
	}
	e := p.e
	f := &mergeForm{chosen: wrapLabel(lang.L("Chưa chọn bản ghi trùng.")), msg: dangerLabel()}
	f.msg.Hide()
	p.merge = f
	f.personSearch = newPersonSearch(e, func(x *tdkt.Person) {
		f.dup = x
		f.chosen.SetText(fmt.Sprintf(lang.L("Bản ghi trùng: %s.\nGộp vào: %s."), personLabel(e, x), personLabel(e, keep)))
		f.msg.Hide()
	})
	// the person shown is not its own duplicate
	find := f.search.OnChanged
	f.search.OnChanged = func(q string) {
		find(q)
		f.found = slices.DeleteFunc(f.found, func(x *tdkt.Person) bool { return x.ID == keep.ID })
		f.results.Refresh()
	}
	var d *dialog.CustomDialog
	f.ok = widget.NewButtonWithIcon(lang.L("Gộp"), theme.ConfirmIcon(), func() {
		if f.dup == nil {
			f.msg.SetText(lang.L("Hãy tìm và chọn bản ghi trùng trong danh sách."))
			f.msg.Show()
			return
		}
		// the merge is carried by the duplicate: one this office may not
		// send would stay merged here only, and be undone by the next
		// version its office sends
		if e.localOnly(f.dup) != "" {
			f.msg.SetText(fmt.Sprintf(lang.L("Bản ghi trùng %s do cơ quan khác (%s) tạo: ở đây không gộp nó vào bản ghi khác được. Hãy mở trang của bản ghi đó và gộp bản ghi %s vào nó."),
				f.dup.Name, tdkt.OriginOf(f.dup.ID), keep.Name))
			f.msg.Show()
			return
		}
		var kept *tdkt.Person
		err := e.update(func(tx *store.Tx) (err error) { kept, err = tx.MergePerson(f.dup.ID, keep.ID); return })
		if err != nil {
			f.msg.SetText(lang.L("Chưa gộp: ") + err.Error())
			f.msg.Show()
			return
		}
		f.msg.Hide()
		d.Hide()
		p.reload() // the duplicate leaves the list, and its count
		p.saved(kept)
	})
	f.ok.Importance = widget.HighImportance
	intro := fmt.Sprintf(lang.L("Tìm bản ghi khác của chính %s (ví dụ do xã và tỉnh cùng nhập, hoặc nhập lại từ sổ cũ) để gộp vào bản ghi đang xem. Khen thưởng của bản ghi trùng được tính chung khi xét điều kiện; bản ghi trùng vẫn được giữ và có thể tách lại. Không gộp được hai bản ghi khác tên, khác số CCCD, ngày sinh hay giới tính."), keep.Name)
	if note := e.localOnly(keep); note != "" {
		intro += "\n" + note
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Gộp bản ghi trùng"), container.NewVBox(wrapLabel(intro),
		f.search, sized(f.results, 130), f.chosen, f.msg), e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), f.ok})
	d.Resize(fyne.NewSize(760, 500))
	e.show(d)
	f.search.SetText(keep.Name)
}

// splittable lists the records of the person shown that were merged into
// another and can be split off again.
func (p *peoplePane) splittable() []*tdkt.Person {
	var out []*tdkt.Person
	if p.person != nil && p.person.MergedInto != "" {
		out = append(out, p.person)
	}
	for _, o := range p.same {
		if o.MergedInto != "" {
			out = append(out, o)
		}
	}
	return out
}

// onSplit undoes a merge made by mistake: the chosen record counts as a
// person of its own again.
func (p *peoplePane) onSplit() {
	recs := p.splittable()
	if len(recs) == 0 {
		return
	}
	idx := make([]int, len(recs))
	for i := range recs {
		idx[i] = i
	}
	pick := newChoice(idx, func(i int) string { return personLabel(p.e, recs[i]) }, nil)
	pick.set(0)
	p.e.confirmContent(lang.L("Tách bản ghi đã gộp"), container.NewVBox(
		wrapLabel(lang.L("Bản ghi được chọn sẽ lại là một người riêng, với khen thưởng của riêng nó.")), pick.sel), func() {
		i, ok := pick.get()
		if !ok {
			return
		}
		x := recs[i]
		if err := p.e.update(func(tx *store.Tx) error { return tx.UnmergePerson(x.ID) }); err != nil {
			p.msg.SetText(lang.L("Chưa tách: ") + err.Error())
			p.msg.Show()
			return
		}
		p.reload() // the split-off record is listed again
		p.open(p.person.ID)
	})
}
