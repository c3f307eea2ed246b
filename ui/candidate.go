package ui

import (
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
)

// candidateForm is the dialog that adds or edits one proposed person or
// collective: who, which award from the catalogue, the achievement summary,
// the rating, the initiative, the discipline flag, and the figures and
// facts the award's criteria ask for.
type candidateForm struct {
	ed      *dossierEditor
	index   int // -1 when adding
	subject tdkt.Subject
	c       tdkt.Candidate
	d       *dialog.CustomDialog

	*personSearch // for a person: the people already in the data
	chosen        *widget.Label
	name          *field
	position      *field
	category      *choice[tdkt.Category]

	unit    *unitPicker
	unitErr *widget.Label
	members *field
	holders map[string]*field
	figures *fyne.Container

	award       *choice[string]
	awardErr    *widget.Label
	summary     *field
	rating      *choice[tdkt.Rating]
	initiative  *choice[tdkt.Scope]
	disciplined *widget.Check
	facts       map[string]*widget.Check
	factsBox    *fyne.Container
	ok          *widget.Button
}

// editCandidate opens the dialog for candidate i (or a new one when i < 0).
func (ed *dossierEditor) editCandidate(i int, subject tdkt.Subject) {
	f := &candidateForm{ed: ed, index: i, subject: subject, holders: map[string]*field{}, facts: map[string]*widget.Check{}}
	if i >= 0 {
		f.c = ed.d.Candidates[i]
		f.c.Holders = cloneMap(f.c.Holders)
		f.c.Facts = cloneMap(f.c.Facts)
	} else {
		f.c = tdkt.Candidate{Subject: subject, Rating: tdkt.RatingGood}
	}
	f.build()
	ed.cand = f
	title := lang.L("Đề nghị khen thưởng cá nhân")
	switch subject {
	case tdkt.SubjectCollective:
		title = lang.L("Đề nghị khen thưởng tập thể")
	case tdkt.SubjectFamily:
		title = lang.L("Đề nghị khen thưởng hộ gia đình")
	}
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.d.Hide() })
	f.d = dialog.NewCustomWithoutButtons(title, container.NewVScroll(f.content()), ed.e.win)
	f.d.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.d.SetOnClosed(func() {
		if ed.cand == f {
			ed.cand = nil
		}
	})
	f.d.Resize(fyne.NewSize(820, 640))
	ed.e.show(f.d)
	switch subject {
	case tdkt.SubjectPerson:
		ed.e.win.Canvas().Focus(f.search)
	case tdkt.SubjectFamily:
		ed.e.win.Canvas().Focus(f.name.entry)
	}
}

func (f *candidateForm) build() {
	e := f.ed.e
	f.ok = widget.NewButtonWithIcon(lang.L("Ghi vào hồ sơ"), theme.ConfirmIcon(), f.submit)
	f.ok.Importance = widget.HighImportance
	submit := func(string) { f.submit() }

	var codes []string
	items := append([]tdkt.Item(nil), e.cat.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Order < items[j].Order })
	for _, it := range items {
		if it.Subject.Allows(f.subject) {
			codes = append(codes, it.Code)
		}
	}
	f.award = newChoice(codes, e.itemName, func(string) { f.awardErr.Hide(); f.showCriteria() })
	f.awardErr = dangerLabel()
	f.awardErr.Hide()
	f.summary = newField(lang.L("Tóm tắt thành tích"), newMultiEntry(3), nil)
	f.rating = newChoice([]tdkt.Rating{tdkt.RatingExcellent, tdkt.RatingGood, tdkt.RatingDone, tdkt.RatingFailed, tdkt.RatingNone},
		func(r tdkt.Rating) string { return capFirst(ratingLabel(r)) }, nil)
	f.initiative = newChoice([]tdkt.Scope{tdkt.ScopeNone, tdkt.ScopeBase, tdkt.ScopeProvince, tdkt.ScopeNational},
		func(s tdkt.Scope) string { return capFirst(scopeLabel(s)) }, nil)
	f.disciplined = widget.NewCheck(lang.L("Đang bị kỷ luật hoặc đang bị xem xét xử lý kỷ luật, điều tra"), nil)
	f.factsBox = container.NewVBox()
	f.figures = container.NewVBox()

	if f.subject == tdkt.SubjectPerson {
		f.personSearch = newPersonSearch(e, f.choosePerson)
		f.chosen = widget.NewLabel("")
		f.chosen.Wrapping = fyne.TextWrapWord
		f.name = newField(lang.L("Họ và tên"), newEntry(), required(lang.L("họ và tên")))
		f.name.entry.OnSubmitted = submit
		f.position = newField(lang.L("Chức vụ, đơn vị"), newEntry(), nil)
		f.position.entry.OnSubmitted = submit
		f.category = newChoice(tdkt.Categories, categoryLabel, nil)
		f.name.set(f.c.Name)
		f.position.set(f.c.Position)
		if cat, ok := f.ed.newCats[f.c.ID]; ok {
			f.category.set(cat)
		} else {
			f.category.set(tdkt.CatOfficer)
		}
		f.showChosen()
	} else if f.subject == tdkt.SubjectFamily {
		// a household has no record: its name (the head of the household)
		// and its village say who it is
		f.name = newField(lang.L("Hộ gia đình"), newEntry(), required(lang.L("tên hộ gia đình")))
		f.name.entry.SetPlaceHolder(lang.L("ví dụ: Hộ ông Giàng A Páo"))
		f.name.entry.OnSubmitted = submit
		f.name.set(f.c.Name)
		f.unit = newUnitPicker(e, "", func(string) { f.unitErr.Hide() })
		f.unit.add = true
		f.unitErr = dangerLabel()
		f.unitErr.Hide()
		f.unit.set(f.c.UnitID)
	} else {
		f.unit = newUnitPicker(e, "", func(id string) {
			f.unitErr.Hide()
			f.c.UnitID = id
			f.c.Name = e.unitName(id)
		})
		f.unit.add = true
		f.unitErr = dangerLabel()
		f.unitErr.Hide()
		f.members = newField(lang.L("Số thành viên"), newEntry(), optionalInt(0, 1_000_000, lang.L("số thành viên")))
		f.members.entry.OnSubmitted = submit
		f.unit.set(f.c.UnitID)
		if f.c.Members > 0 {
			f.members.set(strconv.Itoa(f.c.Members))
		}
	}
	f.award.set(f.c.AwardCode)
	f.summary.set(f.c.Summary)
	f.rating.set(f.c.Rating)
	f.initiative.set(f.c.Initiative)
	f.disciplined.SetChecked(f.c.Disciplined)
	f.showCriteria()
}

func (f *candidateForm) content() fyne.CanvasObject {
	var who fyne.CanvasObject
	if f.subject == tdkt.SubjectPerson {
		newBt := widget.NewButton(lang.L("Người chưa có trong dữ liệu"), func() {
			f.c.PersonID = ""
			f.results.UnselectAll()
			f.showChosen()
		})
		who = container.NewVBox(f.search, sized(f.results, 110), container.NewBorder(nil, nil, nil, newBt, f.chosen),
			formRows(lang.L("Họ và tên"), f.name, lang.L("Chức vụ, đơn vị"), f.position, lang.L("Đối tượng"), f.category.sel))
	} else if f.subject == tdkt.SubjectFamily {
		who = formRows(lang.L("Hộ gia đình"), f.name, lang.L("Thôn, bản, tổ dân phố"), container.NewVBox(f.unit.button, f.unitErr))
	} else {
		who = formRows(lang.L("Tập thể"), container.NewVBox(f.unit.button, f.unitErr), lang.L("Số thành viên"), f.members)
	}
	rows := []any{lang.L("Hình thức đề nghị"), container.NewVBox(f.award.sel, f.awardErr),
		lang.L("Tóm tắt thành tích"), f.summary}
	if f.subject != tdkt.SubjectFamily { // a household has no yearly rating or initiative
		rows = append(rows, lang.L("Xếp loại năm"), f.rating.sel, lang.L("Sáng kiến"), f.initiative.sel)
	}
	rows = append(rows, "", f.disciplined)
	return container.NewVBox(who, formRows(rows...), f.figures, f.factsBox)
}

func (f *candidateForm) choosePerson(p *tdkt.Person) {
	f.c.PersonID = p.ID
	f.c.UnitID = p.UnitID
	f.name.set(p.Name)
	f.position.set(tdkt.PositionAt(p.Position, f.ed.e.unitName(p.UnitID)))
	f.category.set(p.Category)
	f.showChosen()
}

func (f *candidateForm) showChosen() {
	if f.c.PersonID == "" {
		f.chosen.SetText(lang.L("Người mới: sẽ được thêm vào danh sách cá nhân khi lưu hồ sơ."))
		f.category.sel.Enable()
		return
	}
	f.chosen.SetText(lang.L("Đã chọn người có trong dữ liệu (mã ") + f.c.PersonID + lang.L("); lịch sử khen thưởng được dùng để xét điều kiện."))
	f.category.sel.Disable()
}

// showCriteria lists the facts and collective figures the chosen award's
// criteria ask for.
func (f *candidateForm) showCriteria() {
	e := f.ed.e
	f.collectDynamic()
	f.factsBox.Objects = nil
	f.figures.Objects = nil
	f.facts = map[string]*widget.Check{}
	f.holders = map[string]*field{}
	code, ok := f.award.get()
	if !ok {
		f.factsBox.Refresh()
		f.figures.Refresh()
		return
	}
	it, _ := e.cat.Item(code)
	var crit []tdkt.Criterion
	crit = append(crit, e.cat.General...)
	crit = append(crit, it.Criteria...)
	for _, alt := range it.Alternatives {
		crit = append(crit, alt...)
	}
	var holderCodes []string
	for _, cr := range crit {
		if cr.For != "" && cr.For != f.subject {
			continue
		}
		switch cr.Type {
		case "fact":
			if _, dup := f.facts[cr.Key]; dup {
				continue
			}
			ch := widget.NewCheck(cr.Text, nil)
			ch.SetChecked(f.c.Facts[cr.Key])
			f.facts[cr.Key] = ch
			f.factsBox.Add(ch)
		case "share", "count":
			if f.subject == tdkt.SubjectPerson {
				continue
			}
			if _, dup := f.holders[cr.Of]; dup {
				continue
			}
			hf := newField(lang.L("Số thành viên đạt"), newEntry(), optionalInt(0, 1_000_000, lang.L("số thành viên đạt")))
			if n, ok := f.c.Holders[cr.Of]; ok {
				hf.set(strconv.Itoa(n))
			}
			hf.entry.OnSubmitted = func(string) { f.submit() }
			f.holders[cr.Of] = hf
			holderCodes = append(holderCodes, cr.Of)
		}
	}
	if len(f.facts) > 0 {
		f.factsBox.Objects = append([]fyne.CanvasObject{boldLabel(lang.L("Xác nhận của chuyên viên (theo tiêu chuẩn của ") + it.Name + ")")}, f.factsBox.Objects...)
	}
	if len(holderCodes) > 0 {
		var pairs []any
		for _, c := range holderCodes {
			pairs = append(pairs, lang.L("Số người đạt ")+e.itemName(c), f.holders[c])
		}
		f.figures.Add(formRows(pairs...))
	}
	f.factsBox.Refresh()
	f.figures.Refresh()
}

// collectDynamic keeps what was ticked when the award changes.
func (f *candidateForm) collectDynamic() {
	for k, ch := range f.facts {
		if f.c.Facts == nil {
			f.c.Facts = map[string]bool{}
		}
		f.c.Facts[k] = ch.Checked
	}
	for k, hf := range f.holders {
		if f.c.Holders == nil {
			f.c.Holders = map[string]int{}
		}
		f.c.Holders[k] = atoi(hf.entry.Text)
	}
}

// submit checks the dialog and writes the candidate into the working copy.
func (f *candidateForm) submit() {
	var bad bool
	c := f.c
	if f.subject == tdkt.SubjectPerson {
		if f.name.check() != nil {
			bad = true
		}
		c.Name = f.name.text()
		c.Position = f.position.text()
	} else if f.subject == tdkt.SubjectFamily {
		if f.name.check() != nil {
			bad = true
		}
		if f.unit.id == "" {
			f.unitErr.SetText(lang.L("Chưa chọn thôn, bản, tổ dân phố của hộ"))
			f.unitErr.Show()
			bad = true
		}
		c.Name = strings.Join(strings.Fields(f.name.text()), " ")
		c.UnitID = f.unit.id
		c.Position = f.ed.e.unitName(f.unit.id) // the list's "chức vụ, đơn vị" column
		c.Members = 0
	} else {
		if f.unit.id == "" {
			f.unitErr.SetText(lang.L("Chưa chọn tập thể"))
			f.unitErr.Show()
			bad = true
		}
		if f.members.check() != nil {
			bad = true
		}
		c.UnitID = f.unit.id
		c.Name = f.ed.e.unitName(f.unit.id)
		c.Members = atoi(f.members.entry.Text)
	}
	code, ok := f.award.get()
	if !ok {
		f.awardErr.SetText(lang.L("Chưa chọn hình thức khen thưởng"))
		f.awardErr.Show()
		bad = true
	}
	for _, hf := range f.holders {
		if hf.check() != nil {
			bad = true
		}
	}
	if bad {
		return
	}
	c.Subject = f.subject
	c.AwardCode = code
	c.Summary = f.summary.text()
	c.Rating, _ = f.rating.get()
	c.Initiative, _ = f.initiative.get()
	c.Disciplined = f.disciplined.Checked
	c.Facts = map[string]bool{}
	for k, ch := range f.facts {
		if ch.Checked {
			c.Facts[k] = true
		}
	}
	if len(c.Facts) == 0 {
		c.Facts = nil
	}
	c.Holders = nil
	for k, hf := range f.holders {
		if strings.TrimSpace(hf.entry.Text) != "" {
			if c.Holders == nil {
				c.Holders = map[string]int{}
			}
			c.Holders[k] = atoi(hf.entry.Text)
		}
	}
	ed := f.ed
	if f.index < 0 {
		c.ID = nextCandidateID(ed.d.Candidates)
		ed.d.Candidates = append(ed.d.Candidates, c)
	} else {
		ed.d.Candidates[f.index] = c
	}
	if f.subject == tdkt.SubjectPerson && c.PersonID == "" {
		cat, _ := f.category.get()
		ed.newCats[c.ID] = cat
	}
	f.d.Hide()
	ed.derive()
}

// nextCandidateID is C1, C2…: one more than the largest in the dossier.
func nextCandidateID(cs []tdkt.Candidate) string {
	n := 0
	for _, c := range cs {
		if k, err := strconv.Atoi(strings.TrimPrefix(c.ID, "C")); err == nil && k > n {
			n = k
		}
	}
	return "C" + strconv.Itoa(n+1)
}
