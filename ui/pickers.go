package ui

import (
	"path/filepath"
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

// unitLine is how a unit shows in lists: its name, its area flags, and
// what it was merged into.
func (e *env) unitLine(u *tdkt.Unit) string {
	s := u.Name
	if f := flagsText(u.Flags); f != "" {
		s += " · " + f
	}
	if u.MergedInto != "" {
		s += lang.L(" (đã hợp nhất vào ") + e.unitName(u.MergedInto) + ")"
	}
	return s
}

// flagsText names the priority areas of a unit.
func flagsText(f tdkt.AreaFlags) string {
	var p []string
	if f.Remote {
		p = append(p, lang.L("vùng sâu, vùng xa"))
	}
	if f.Border {
		p = append(p, lang.L("biên giới"))
	}
	if f.Island {
		p = append(p, lang.L("hải đảo"))
	}
	if f.EthnicMinority {
		p = append(p, lang.L("vùng DTTS"))
	}
	if f.Difficult {
		p = append(p, lang.L("ĐBKK"))
	}
	return strings.Join(p, ", ")
}

// unitPicker is a button that shows the chosen unit and opens a searchable
// list of units; the list filters as the user types (with or without
// accents).
type unitPicker struct {
	e        *env
	button   *widget.Button
	id       string
	allLabel string // when not empty, a choice meaning "any unit"
	changed  func(id string)
	exclude  string // a unit not offered (the one whose parent is chosen)
	// add offers "Thêm đơn vị mới" under the list, named as typed: where a
	// unit must be chosen (a dossier's) and the list may not have it yet
	add   bool
	query *entry         // the open list's search
	addBt *widget.Button // the open list's "Thêm đơn vị mới" button
	form  *unitForm      // the last form it opened
}

func newUnitPicker(e *env, allLabel string, changed func(string)) *unitPicker {
	p := &unitPicker{e: e, allLabel: allLabel, changed: changed}
	p.button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.button.IconPlacement = widget.ButtonIconTrailingText
	p.set("")
	return p
}

func (p *unitPicker) set(id string) {
	p.id = id
	switch {
	case id != "":
		p.button.SetText(p.e.unitName(id))
	case p.allLabel != "":
		p.button.SetText(p.allLabel)
	default:
		p.button.SetText(lang.L("(chọn đơn vị)"))
	}
}

func (p *unitPicker) choose(id string) {
	p.set(id)
	if p.changed != nil {
		p.changed(id)
	}
}

func (p *unitPicker) open() {
	var units []*tdkt.Unit
	for _, u := range p.e.liveUnits(false) {
		if u.ID != p.exclude {
			units = append(units, u)
		}
	}
	shown := units
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.e.unitLine(shown[i])) })
	list.OnSelected = func(i widget.ListItemID) {
		p.choose(shown[i].ID)
		d.Hide()
	}
	q := newEntry()
	p.query = q
	q.SetPlaceHolder(lang.L("Gõ tên đơn vị (có dấu hoặc không dấu)"))
	q.OnChanged = func(s string) {
		m := tdkt.NewMatcher(tdkt.FoldWords(s))
		shown = nil
		for _, u := range units {
			if m.Match(tdkt.Fold(u.Name)) {
				shown = append(shown, u)
			}
		}
		list.UnselectAll()
		list.Refresh()
	}
	q.OnSubmitted = func(string) {
		switch {
		case len(shown) > 0:
			p.choose(shown[0].ID)
			d.Hide()
		case p.addBt != nil: // nothing matches: add it, named as typed
			p.addBt.OnTapped()
		}
	}
	top := container.NewVBox(q)
	if p.allLabel != "" {
		top.Add(widget.NewButton(p.allLabel, func() { p.choose(""); d.Hide() }))
	}
	var bottom fyne.CanvasObject
	if p.add {
		p.addBt = widget.NewButtonWithIcon(lang.L("Thêm đơn vị mới…"), theme.ContentAddIcon(), func() {
			d.Hide()
			p.form = openUnitForm(p.e, nil, tdkt.NFC(q.Text), "", func(u *tdkt.Unit) { p.choose(u.ID) })
		})
		bottom = container.NewHBox(p.addBt)
	}
	d = dialog.NewCustom(lang.L("Chọn đơn vị"), lang.L("Đóng"), container.NewBorder(top, bottom, nil, nil, list), p.e.win)
	d.Resize(fyne.NewSize(640, 520))
	p.e.show(d)
	p.e.win.Canvas().Focus(q)
}

// searchPeople finds people by name with the store's folded search.
func searchPeople(tx *store.Tx, q string, limit int) ([]*tdkt.Person, error) {
	hits, err := tx.Search(q, limit*4)
	if err != nil {
		return nil, err
	}
	var out []*tdkt.Person
	for _, h := range hits {
		if h.Kind != tdkt.KindPerson {
			continue
		}
		p := &tdkt.Person{}
		if err := tx.Get(h.ID, p); err != nil {
			return nil, err
		}
		if p.Deleted || mergedAway(tx, p) {
			continue // a duplicate merged into another is found as that one
		}
		out = append(out, p)
		if len(out) >= limit {
			break
		}
	}
	return out, nil
}

// personLabel tells a person record apart from its namesakes: name, birth,
// CCCD, position and unit, as far as known.
func personLabel(e *env, x *tdkt.Person) string {
	parts := []string{x.Name}
	if !x.Birth.IsZero() {
		parts = append(parts, lang.L("sinh ")+dateText(x.Birth))
	}
	if x.IDNumber != "" {
		parts = append(parts, "CCCD "+x.IDNumber)
	}
	if pos := tdkt.PositionAt(x.Position, e.unitName(x.UnitID)); pos != "" {
		parts = append(parts, pos)
	}
	return strings.Join(parts, ", ")
}

// mergedAway reports whether person p was merged into a record this
// office has: it is found, listed and chosen as that one.
func mergedAway(tx *store.Tx, p *tdkt.Person) bool {
	return p.MergedInto != "" && tx.Has(tdkt.KindPerson, p.MergedInto)
}

// uriPath is the local path of a file the user picked, in the system's own
// form: Fyne's URIs use forward slashes, which Windows users read as a
// foreign path in messages ("C:/Users/…" instead of "C:\Users\…").
func uriPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }

// personSearch finds a person already in the data by name as the user
// types (store's folded search: with or without accents) and hands the
// one chosen in the list to chosen.
type personSearch struct {
	search  *entry
	found   []*tdkt.Person
	results *widget.List
}

func newPersonSearch(e *env, chosen func(*tdkt.Person)) *personSearch {
	p := &personSearch{search: newEntry()}
	p.search.SetPlaceHolder(lang.L("Tìm người đã có trong dữ liệu (gõ tên, có dấu hoặc không dấu)"))
	p.results = widget.NewList(func() int { return len(p.found) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(personLabel(e, p.found[i]))
		})
	p.results.OnSelected = func(i widget.ListItemID) { chosen(p.found[i]) }
	p.search.OnChanged = func(q string) {
		p.found = nil
		if strings.TrimSpace(q) != "" {
			e.view(func(tx *store.Tx) (err error) { p.found, err = searchPeople(tx, q, 50); return })
		}
		p.results.UnselectAll()
		p.results.Refresh()
	}
	return p
}
