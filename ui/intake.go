package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// dossierEditor is the intake form of one dossier: its particulars, the
// candidates, the document checklist (tdkt.Checklist), the scanned
// attachments, an eligibility panel that explains every criterion in words
// (tdkt.Check over the recipient's register history) with the quota
// warnings (tdkt.CheckQuota), and the status with its history (d.Move).
// Everything is kept in a working copy and written in one transaction.
type dossierEditor struct {
	e       *env
	onClose func()
	backBt  *widget.Button
	saved   string // snapshot() when loaded or last saved

	d       *tdkt.Dossier // working copy
	isNew   bool
	quotas  []tdkt.QuotaCheck
	gen     int // counts derive calls, so a late result is dropped
	prog    *progress
	newCats map[string]tdkt.Category // category of people created with this dossier, by candidate id
	pending blobs                    // attachments chosen since the last save, written with it
	eligs   []tdkt.Eligibility

	headline *widget.Label
	title    *field
	ref      *field
	unit     *unitPicker
	unitErr  *widget.Label
	year     *field
	method   *choice[tdkt.Method]
	movement *choice[string]
	received *dateField
	deadline *dateField

	cands     *dataTable[tdkt.Candidate]
	selCand   int
	editBt    *widget.Button
	delBt     *widget.Button
	elig      *fyne.Container
	docs      *fyne.Container
	missing   *widget.Label
	attach    *fyne.Container
	statusLbl *widget.Label
	next      *choice[tdkt.Status]
	reason    *field
	moveBt    *widget.Button
	history   *dataTable[tdkt.StatusChange]
	msg       *widget.Label
	info      *widget.Label
	saveBt    *widget.Button
	histBt    *widget.Button
	view      fyne.CanvasObject

	cand *candidateForm // the candidate dialog while open
	addP *widget.Button
	addC *widget.Button
	addF *widget.Button
}

func newDossierEditor(e *env, onClose func()) *dossierEditor {
	ed := &dossierEditor{e: e, onClose: onClose, selCand: -1}
	ed.headline = heading("")
	ed.headline.Truncation = fyne.TextTruncateEllipsis
	ed.title = newField(lang.L("Trích yếu"), newEntry(), required(lang.L("trích yếu hồ sơ")))
	ed.title.entry.SetPlaceHolder(lang.L("Đề nghị tặng … cho …"))
	ed.ref = newField(lang.L("Số tờ trình"), newEntry(), nil)
	ed.ref.entry.SetPlaceHolder(lang.L("ví dụ 15/TTr-UBND"))
	ed.unit = newUnitPicker(e, "", func(string) {
		ed.unitErr.Hide()
		ed.derive()
	})
	ed.unit.add = true
	ed.unitErr = dangerLabel()
	ed.unitErr.Hide()
	ed.year = newField(lang.L("Năm thành tích"), newEntry(), intRange(1945, 2100, lang.L("năm thành tích")))
	ed.year.entry.OnChanged = func(string) {
		if ed.year.entry.Validate() == nil {
			ed.derive()
		}
	}
	ed.method = newChoice(tdkt.Methods, methodLabel, func(tdkt.Method) { ed.derive() })
	ed.movement = newChoice[string](nil, nil, nil)
	ed.received = newDateField(lang.L("Ngày tiếp nhận"), false)
	ed.deadline = newDateField(lang.L("Hạn xử lý"), true)
	for _, f := range []*field{ed.title, ed.ref, ed.year, ed.received.field, ed.deadline.field} {
		f.entry.OnSubmitted = func(string) { ed.onSave() }
	}

	ed.cands = newDataTable([]DataColumn[tdkt.Candidate]{
		{lang.L("Mã"), 40, func(c tdkt.Candidate) string { return c.ID }},
		{lang.L("Họ tên / tập thể"), 200, func(c tdkt.Candidate) string { return c.Name }},
		{lang.L("Đối tượng"), 80, func(c tdkt.Candidate) string { return subjectText(c.Subject) }},
		{lang.L("Hình thức đề nghị"), 190, func(c tdkt.Candidate) string { return e.itemName(c.AwardCode) }},
		{lang.L("Điều kiện"), 110, func(c tdkt.Candidate) string { return ed.eligText(c.ID) }},
		{lang.L("Kết quả"), 90, func(c tdkt.Candidate) string { return resultText(c.Result) }},
	}, func(i int, _ tdkt.Candidate) {
		ed.selCand = i
		ed.editBt.Enable()
		ed.delBt.Enable()
		if len(ed.d.Candidates) > syncCandidates {
			ed.showEligibility()
		}
	})
	ed.editBt = widget.NewButtonWithIcon(lang.L("Sửa"), theme.DocumentCreateIcon(), func() {
		if ed.selCand >= 0 && ed.selCand < len(ed.d.Candidates) {
			ed.editCandidate(ed.selCand, ed.d.Candidates[ed.selCand].Subject)
		}
	})
	ed.delBt = widget.NewButtonWithIcon(lang.L("Bỏ"), theme.DeleteIcon(), ed.onRemoveCandidate)
	ed.elig = container.NewVBox()
	ed.docs = container.NewVBox()
	ed.missing = widget.NewLabel("")
	ed.missing.Wrapping = fyne.TextWrapWord
	ed.attach = container.NewVBox()
	ed.statusLbl = boldLabel("")
	ed.next = newChoice[tdkt.Status](nil, statusLabel, nil)
	ed.reason = newField(lang.L("Lý do"), newEntry(), nil)
	ed.reason.entry.SetPlaceHolder(lang.L("lý do (bắt buộc khi trả lại, không khen thưởng, rút hồ sơ)"))
	ed.reason.entry.OnSubmitted = func(string) { ed.onMove() }
	ed.moveBt = widget.NewButtonWithIcon(lang.L("Chuyển trạng thái"), theme.NavigateNextIcon(), ed.onMove)
	ed.history = newDataTable([]DataColumn[tdkt.StatusChange]{
		{lang.L("Thời điểm"), 130, func(h tdkt.StatusChange) string { return h.At.Local().Format("02/01/2006 15:04") }},
		{lang.L("Người"), 80, func(h tdkt.StatusChange) string { return h.By }},
		{lang.L("Chuyển sang"), 170, func(h tdkt.StatusChange) string { return statusLabel(h.To) }},
		{lang.L("Lý do"), 260, func(h tdkt.StatusChange) string { return h.Reason }},
	}, nil)
	ed.msg = dangerLabel()
	ed.msg.Hide()
	ed.info = widget.NewLabel("")
	ed.info.Importance = widget.SuccessImportance
	ed.info.Hide()
	ed.saveBt = widget.NewButtonWithIcon(lang.L("Lưu hồ sơ"), theme.DocumentSaveIcon(), ed.onSave)
	ed.saveBt.Importance = widget.HighImportance
	ed.histBt = historyButton(e, tdkt.KindDossier, func() string {
		if ed.d == nil || ed.isNew {
			return ""
		}
		return ed.d.ID
	})
	ed.prog = newProgress()
	return ed
}

func subjectText(s tdkt.Subject) string {
	switch s {
	case tdkt.SubjectCollective:
		return lang.L("Tập thể")
	case tdkt.SubjectFamily:
		return lang.L("Hộ gia đình")
	}
	return lang.L("Cá nhân")
}

func resultText(r tdkt.Result) string {
	return map[tdkt.Result]string{tdkt.ResultPassed: lang.L("Đạt"), tdkt.ResultFailed: lang.L("Không đạt"), tdkt.ResultAwarded: lang.L("Đã khen")}[r]
}

func (ed *dossierEditor) eligText(id string) string {
	if len(ed.eligs) != len(ed.d.Candidates) {
		return "…"
	}
	for i, c := range ed.d.Candidates {
		if c.ID == id {
			if ed.eligs[i].OK {
				return lang.L("Đủ")
			}
			return lang.L("Chưa đủ")
		}
	}
	return ""
}

// sized gives a table a height inside a scrolling column.
func sized(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(100, h))
	return container.NewStack(r, o)
}

func (ed *dossierEditor) content() fyne.CanvasObject {
	if ed.view != nil {
		return ed.view
	}
	ed.backBt = widget.NewButtonWithIcon(lang.L("Danh sách hồ sơ"), theme.NavigateBackIcon(), ed.leave)
	back := ed.backBt
	bar := container.NewBorder(nil, nil, back,
		container.NewHBox(ed.histBt, ed.saveBt), ed.headline)
	general := formRows(
		lang.L("Trích yếu"), ed.title,
		lang.L("Số tờ trình"), ed.ref,
		lang.L("Đơn vị trình"), container.NewVBox(ed.unit.button, ed.unitErr),
		lang.L("Năm thành tích"), ed.year,
		lang.L("Hình thức khen"), ed.method.sel,
		lang.L("Phong trào"), ed.movement.sel,
		lang.L("Ngày tiếp nhận"), ed.received.field,
		lang.L("Hạn xử lý"), ed.deadline.field,
	)
	ed.addP = widget.NewButtonWithIcon(lang.L("Thêm cá nhân"), theme.ContentAddIcon(), func() { ed.editCandidate(-1, tdkt.SubjectPerson) })
	ed.addC = widget.NewButtonWithIcon(lang.L("Thêm tập thể"), theme.ContentAddIcon(), func() { ed.editCandidate(-1, tdkt.SubjectCollective) })
	ed.addF = widget.NewButtonWithIcon(lang.L("Thêm hộ gia đình"), theme.ContentAddIcon(), func() { ed.editCandidate(-1, tdkt.SubjectFamily) })
	addF := widget.NewButtonWithIcon(lang.L("Thêm tệp scan…"), theme.FileIcon(), ed.onAddFile)
	left := container.NewVBox(
		general,
		widget.NewSeparator(),
		// the buttons on a line of their own: beside the heading they made
		// the form wider than a 1280-pixel screen
		boldLabel(lang.L("Người, tập thể được đề nghị")),
		container.NewHBox(ed.addP, ed.addC, ed.addF, ed.editBt, ed.delBt),
		sized(ed.cands.table, 170),
		widget.NewSeparator(),
		boldLabel(lang.L("Thành phần hồ sơ (Điều 84 Luật TĐKT)")), ed.docs, ed.missing,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, boldLabel(lang.L("Tệp đính kèm (bản scan)")), addF), ed.attach,
	)
	status := container.NewVBox(
		ed.statusLbl,
		container.NewBorder(nil, nil, nil, ed.moveBt, ed.next.sel),
		ed.reason.widget(),
		boldLabel(lang.L("Lịch sử xử lý")),
		sized(ed.history.table, 150),
	)
	right := container.NewVBox(
		widget.NewCard("", lang.L("Điều kiện khen thưởng"), ed.elig),
		widget.NewCard("", lang.L("Trạng thái"), status),
	)
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), container.NewVScroll(right))
	split.Offset = 0.56
	ed.view = container.NewBorder(container.NewVBox(bar, ed.prog.box, ed.msg, ed.info), nil, nil, nil, split)
	return ed.view
}

// openNew starts a new dossier received today.
func (ed *dossierEditor) openNew() {
	y := ed.e.today().Year
	ed.load(&tdkt.Dossier{Year: y, Method: tdkt.MethodRegular, Received: ed.e.today(), Status: tdkt.StatusReceived}, true)
}

// open edits a stored dossier.
func (ed *dossierEditor) open(d *tdkt.Dossier) { ed.load(d, false) }

func (ed *dossierEditor) load(d *tdkt.Dossier, isNew bool) {
	ed.content()
	ed.d = cloneDossier(d)
	ed.isNew = isNew
	ed.newCats = map[string]tdkt.Category{}
	ed.pending = blobs{}
	if isNew {
		ed.headline.SetText(lang.L("Tiếp nhận hồ sơ mới"))
		ed.histBt.Disable()
	} else {
		ed.headline.SetText(lang.L("Hồ sơ ") + d.ID)
		ed.histBt.Enable()
	}
	ed.title.set(d.Title)
	ed.ref.set(d.Ref)
	ed.unit.set(d.UnitID)
	ed.unitErr.Hide()
	ed.year.set(strconv.Itoa(d.Year))
	ed.method.set(d.Method)
	ed.loadMovements(d.MovementID)
	ed.received.setDate(d.Received)
	ed.deadline.setDate(d.Deadline)
	ed.reason.set("")
	ed.msg.Hide()
	ed.info.Hide()
	ed.selCand = -1
	ed.editBt.Disable()
	ed.delBt.Disable()
	ed.derive()
	ed.showStatus()
	ed.showAttachments()
	ed.saved = ed.snapshot()
}

// snapshot is the form as it stands — every field as typed, the working
// copy (candidates, checklist, attachments) and the scans not yet stored —
// so that leaving can tell whether anything would be lost.
func (ed *dossierEditor) snapshot() string {
	method, _ := ed.method.get()
	movement, _ := ed.movement.get()
	b, _ := json.Marshal(struct {
		Fields  []string
		D       *tdkt.Dossier
		Pending int
	}{[]string{ed.title.entry.Text, ed.ref.entry.Text, ed.unit.id, ed.year.entry.Text, string(method), movement,
		ed.received.entry.Text, ed.deadline.entry.Text}, ed.d, len(ed.pending)})
	return string(b)
}

// leave goes back to the list, after asking when something typed or added
// since the last save would be lost.
func (ed *dossierEditor) leave() {
	if ed.d == nil || ed.snapshot() == ed.saved {
		ed.onClose()
		return
	}
	ed.e.confirm(lang.L("Bỏ thay đổi chưa lưu?"), lang.L("Hồ sơ có thay đổi chưa lưu (thông tin chung, người được đề nghị, thành phần hồ sơ hoặc tệp đính kèm). Quay lại danh sách sẽ bỏ các thay đổi này. Bấm Hủy rồi Lưu hồ sơ để giữ lại."), ed.onClose)
}

func (ed *dossierEditor) loadMovements(sel string) {
	ids := []string{""}
	names := map[string]string{"": lang.L("(không thuộc phong trào nào)")}
	ed.e.view(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindMovement, func(r tdkt.Record) error {
			m := r.(*tdkt.Movement)
			ids = append(ids, m.ID)
			names[m.ID] = m.Name
			return nil
		})
	})
	ed.movement.setOptions(ids, func(id string) string { return names[id] })
	ed.movement.set(sel)
}

func cloneDossier(d *tdkt.Dossier) *tdkt.Dossier {
	c := *d
	c.Candidates = nil
	for _, x := range d.Candidates {
		x.Holders = cloneMap(x.Holders)
		x.Facts = cloneMap(x.Facts)
		c.Candidates = append(c.Candidates, x)
	}
	c.Docs = append([]tdkt.DocCheck(nil), d.Docs...)
	c.Attachments = append([]tdkt.Attachment(nil), d.Attachments...)
	c.History = append([]tdkt.StatusChange(nil), d.History...)
	return &c
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	c := make(map[K]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// reviewYear is the year typed, or the working copy's.
func (ed *dossierEditor) reviewYear() int {
	if y := atoi(ed.year.entry.Text); y >= 1945 && y <= 2100 {
		return y
	}
	return ed.d.Year
}

// derive recomputes what follows from the candidates: the checklist, the
// eligibility findings and the quota warnings.
func (ed *dossierEditor) derive() {
	if ed.d == nil {
		return
	}
	d := ed.d
	d.Method, _ = ed.method.get()
	d.UnitID = ed.unit.id
	enterprise := false
	if u, ok := ed.e.unit(d.UnitID); ok {
		enterprise = u.Type == tdkt.UnitEnterprise
	}
	present := map[string]bool{}
	for _, c := range d.Docs {
		present[c.Code] = c.Present
	}
	d.Docs = tdkt.Checklist(ed.e.cat, d, enterprise)
	for i := range d.Docs {
		d.Docs[i].Present = present[d.Docs[i].Code]
	}
	ed.showDocs()

	ed.eligs = nil
	ed.quotas = nil
	ed.cands.setRows(d.Candidates)
	ed.selCand = -1
	ed.editBt.Disable()
	ed.delBt.Disable()

	// the findings read every candidate's register history: at once for
	// a small dossier, off the UI goroutine for a unit's long list
	ed.gen++
	gen, year, unit := ed.gen, ed.reviewYear(), d.UnitID
	cands := append([]tdkt.Candidate(nil), d.Candidates...)
	cat := ed.e.cat
	compute := func(ctx context.Context) (eligs []tdkt.Eligibility, quotas []tdkt.QuotaCheck, err error) {
		err = ed.e.view(func(tx *store.Tx) error {
			eligs, quotas, err = checkCandidates(ctx, tx, cat, cands, unit, year)
			return err
		})
		return
	}
	if len(cands) <= syncCandidates {
		eligs, quotas, _ := compute(context.Background())
		ed.eligs, ed.quotas = eligs, quotas
		ed.cands.table.Refresh()
		ed.showEligibility()
		return
	}
	ed.showEligibility()
	ed.prog.run(fmt.Sprintf(lang.L("Đang xét điều kiện của %d người, tập thể…"), len(cands)), func(ctx context.Context, _ func(int, int)) (func(), error) {
		eligs, quotas, err := compute(ctx)
		if err != nil {
			return nil, err
		}
		return func() {
			if ed.gen != gen {
				return // the candidates changed meanwhile
			}
			ed.eligs, ed.quotas = eligs, quotas
			ed.cands.table.Refresh()
			ed.showEligibility()
		}, nil
	}, ed.e.showError)
}

// syncCandidates: up to this many candidates the eligibility is computed
// on the spot, as the user edits; beyond, in the background.
const syncCandidates = 12

// checkCandidates applies tdkt.Check to every candidate with its register
// history (tx.History), and tdkt.CheckQuota to every award proposed.
func checkCandidates(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, cands []tdkt.Candidate, unit string, year int) ([]tdkt.Eligibility, []tdkt.QuotaCheck, error) {
	eligs := make([]tdkt.Eligibility, len(cands))
	for i := range cands {
		if i%32 == 31 && ctx.Err() != nil {
			return nil, nil, errCancelled
		}
		c := &cands[i]
		var hist []tdkt.Past
		switch {
		case c.Subject == tdkt.SubjectPerson && c.PersonID != "":
			hist, _ = tx.History(c.PersonID, false)
		case c.Subject == tdkt.SubjectFamily && c.UnitID != "":
			hist, _ = tx.FamilyHistory(c.UnitID, c.Name)
		case c.Subject == tdkt.SubjectCollective && c.UnitID != "":
			hist, _ = tx.History(c.UnitID, true)
		}
		eligs[i] = tdkt.Check(cat, c, year, hist)
	}
	proposed := map[string]int{}
	var order []string
	for _, c := range cands {
		if proposed[c.AwardCode] == 0 {
			order = append(order, c.AwardCode)
		}
		proposed[c.AwardCode]++
	}
	var quotas []tdkt.QuotaCheck
	for _, code := range order {
		base, err := quotaBase(tx, cat, code, unit, year)
		if err != nil {
			continue
		}
		if q, ok := tdkt.CheckQuota(cat, code, proposed[code], base); ok {
			quotas = append(quotas, q)
		}
	}
	return eligs, quotas, nil
}

// showEligibility writes every finding in words, candidate by candidate:
// all of them for a small dossier; for a long list a summary, the chosen
// candidate and the first ones that fall short.
func (ed *dossierEditor) showEligibility() {
	ed.elig.Objects = nil
	defer ed.elig.Refresh()
	cands := ed.d.Candidates
	if len(cands) == 0 {
		ed.elig.Add(wrapLabel(lang.L("Chưa có người hoặc tập thể được đề nghị.")))
		return
	}
	if len(ed.eligs) != len(cands) {
		ed.elig.Add(wrapLabel(lang.L("Đang xét điều kiện…")))
		return
	}
	show := make([]int, 0, len(cands))
	if len(cands) <= syncCandidates {
		for i := range cands {
			show = append(show, i)
		}
	} else {
		ok := 0
		for _, el := range ed.eligs {
			if el.OK {
				ok++
			}
		}
		ed.elig.Add(wrapLabel(fmt.Sprintf(lang.L("%d người, tập thể được đề nghị: %d đủ điều kiện, %d chưa đủ. Chọn một dòng để xem chi tiết; dưới đây là những trường hợp chưa đủ đầu tiên."),
			len(cands), ok, len(cands)-ok)))
		if ed.selCand >= 0 && ed.selCand < len(cands) {
			show = append(show, ed.selCand)
		}
		for i, el := range ed.eligs {
			if len(show) >= 8 {
				break
			}
			if !el.OK && i != ed.selCand {
				show = append(show, i)
			}
		}
	}
	for _, i := range show {
		c := cands[i]
		el := ed.eligs[i]
		verdict := lang.L("ĐỦ ĐIỀU KIỆN")
		imp := widget.SuccessImportance
		if !el.OK {
			verdict = lang.L("CHƯA ĐỦ ĐIỀU KIỆN")
			imp = widget.DangerImportance
		}
		head := wrapLabel(fmt.Sprintf("%s. %s – %s: %s", c.ID, c.Name, ed.e.itemName(c.AwardCode), verdict))
		head.TextStyle.Bold = true
		head.Importance = imp
		ed.elig.Add(head)
		for _, f := range el.Findings {
			ed.elig.Add(findingRow(f, ""))
		}
		if len(el.Paths) > 0 {
			ed.elig.Add(wrapLabel(lang.L("Cần đạt đủ một trong các cách sau:")))
			for k, p := range el.Paths {
				for _, f := range p {
					ed.elig.Add(findingRow(f, fmt.Sprintf(lang.L("Cách %d – "), k+1)))
				}
			}
		}
	}
	for _, q := range ed.quotas {
		l := wrapLabel(q.Message)
		if q.Over {
			l.Importance = widget.WarningImportance
			l.TextStyle.Bold = true
			l.SetText(lang.L("Cảnh báo hạn mức: ") + q.Message)
		} else {
			l.SetText(lang.L("Hạn mức: ") + q.Message)
		}
		ed.elig.Add(l)
	}
}

func findingRow(f tdkt.Finding, prefix string) fyne.CanvasObject {
	icon := widget.NewIcon(theme.ConfirmIcon())
	if !f.OK {
		icon = widget.NewIcon(theme.ErrorIcon())
	}
	l := wrapLabel(prefix + f.Text + ": " + f.Detail)
	if !f.OK {
		l.Importance = widget.DangerImportance
	}
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, l)
}

// eligibilityText is the panel's text, for tests and the status line.
func (ed *dossierEditor) eligibilityText() string {
	var b strings.Builder
	for _, o := range ed.elig.Objects {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *fyne.Container:
			for _, x := range v.Objects {
				if l, ok := x.(*widget.Label); ok {
					b.WriteString(l.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

func (ed *dossierEditor) showDocs() {
	ed.docs.Objects = nil
	for i, c := range ed.d.Docs {
		i := i
		copies := ""
		if c.Copies > 0 {
			copies = fmt.Sprintf(lang.L(" (%d bản)"), c.Copies)
		}
		ch := widget.NewCheck(c.Name+copies, func(b bool) {
			ed.d.Docs[i].Present = b
			ed.showMissing()
		})
		ch.SetChecked(c.Present)
		ed.docs.Add(ch)
	}
	if len(ed.d.Docs) == 0 {
		ed.docs.Add(wrapLabel(lang.L("Chọn hình thức khen thưởng cho người được đề nghị để lập danh mục giấy tờ.")))
	}
	ed.docs.Refresh()
	ed.showMissing()
}

func (ed *dossierEditor) showMissing() {
	if m := ed.d.Missing(); len(m) > 0 {
		ed.missing.SetText(lang.L("Còn thiếu: ") + strings.Join(m, "; ") + ".")
		ed.missing.Importance = widget.WarningImportance
	} else if len(ed.d.Docs) > 0 {
		ed.missing.SetText(lang.L("Đủ thành phần hồ sơ."))
		ed.missing.Importance = widget.SuccessImportance
	} else {
		ed.missing.SetText("")
	}
	ed.missing.Refresh()
}

func (ed *dossierEditor) showAttachments() {
	ed.attach.Objects = nil
	for i, a := range ed.d.Attachments {
		i, a := i, a
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			ed.d.Attachments = append(ed.d.Attachments[:i], ed.d.Attachments[i+1:]...)
			ed.showAttachments()
		})
		open := widget.NewButtonWithIcon(lang.L("Mở"), theme.FileIcon(), func() { ed.e.openAttachment(ed.pending, a) })
		saveAs := widget.NewButtonWithIcon(lang.L("Lưu ra tệp…"), theme.DownloadIcon(), func() { ed.e.saveAttachmentAs(ed.pending, a) })
		text := fmt.Sprintf("%s – %s", a.Name, sizeText(a.Size))
		if _, ok := ed.pending[a.SHA256]; ok {
			text += lang.L(" (chưa lưu)")
		}
		l := truncLabel(text)
		ed.attach.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, saveAs, del), l))
	}
	if len(ed.d.Attachments) == 0 {
		ed.attach.Add(widget.NewLabel(lang.L("Chưa có tệp đính kèm.")))
	}
	ed.attach.Refresh()
}

func (ed *dossierEditor) onAddFile() {
	ed.e.openBytes([]string{".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}, ed.addAttachment)
}

// addAttachment checks the file (tdkt.CheckAttachment: a scanned PDF or
// image by its content, within the size limit) and lists it in the working
// copy; its bytes are written into the database with the dossier.
func (ed *dossierEditor) addAttachment(name string, data []byte) {
	a, err := newAttachment(name, data)
	if err != nil {
		ed.e.showError(err)
		return
	}
	for _, x := range ed.d.Attachments {
		if x.SHA256 == a.SHA256 {
			return
		}
	}
	ed.pending[a.SHA256] = data
	ed.d.Attachments = append(ed.d.Attachments, a)
	ed.showAttachments()
}

func (ed *dossierEditor) showStatus() {
	d := ed.d
	ed.statusLbl.SetText(lang.L("Trạng thái hiện tại: ") + statusLabel(d.Status))
	var next []tdkt.Status
	for _, s := range tdkt.Statuses {
		if tdkt.CanMove(d.Status, s) {
			next = append(next, s)
		}
	}
	ed.next.setOptions(next, statusLabel)
	ed.next.sel.ClearSelected()
	if len(next) == 0 {
		ed.next.sel.PlaceHolder = lang.L("(hồ sơ đã kết thúc)")
		ed.next.sel.Disable()
		ed.moveBt.Disable()
	} else {
		ed.next.sel.PlaceHolder = lang.L("(chọn trạng thái mới)")
		ed.next.sel.Enable()
		ed.moveBt.Enable()
	}
	ed.next.sel.Refresh()
	hist := append([]tdkt.StatusChange(nil), d.History...)
	for i, j := 0, len(hist)-1; i < j; i, j = i+1, j-1 {
		hist[i], hist[j] = hist[j], hist[i]
	}
	ed.history.setRows(hist)
}

func (ed *dossierEditor) onRemoveCandidate() {
	i := ed.selCand
	if i < 0 || i >= len(ed.d.Candidates) {
		return
	}
	c := ed.d.Candidates[i]
	ed.e.confirm(lang.L("Bỏ người được đề nghị"), fmt.Sprintf(lang.L("Bỏ %s khỏi hồ sơ?"), c.Name), func() {
		ed.d.Candidates = append(ed.d.Candidates[:i], ed.d.Candidates[i+1:]...)
		delete(ed.newCats, c.ID)
		ed.derive()
	})
}

// collect reads the form into a copy of the working dossier. Field messages
// are shown next to the fields.
func (ed *dossierEditor) collect() (*tdkt.Dossier, error) {
	err := checkAll(ed.title, ed.year, ed.received.field, ed.deadline.field)
	if ed.unit.id == "" {
		ed.unitErr.SetText(lang.L("Chưa chọn đơn vị trình"))
		ed.unitErr.Show()
		if err == nil {
			err = errors.New(lang.L("Chưa chọn đơn vị trình"))
		}
	}
	if err != nil {
		return nil, err
	}
	d := cloneDossier(ed.d)
	d.Title = ed.title.text()
	d.Ref = ed.ref.text()
	d.UnitID = ed.unit.id
	d.Year = atoi(ed.year.entry.Text)
	d.Method, _ = ed.method.get()
	d.MovementID, _ = ed.movement.get()
	d.Received, _ = ed.received.date()
	d.Deadline, _ = ed.deadline.date()
	return d, nil
}

func (ed *dossierEditor) fail(err error) {
	ed.info.Hide()
	ed.msg.SetText(lang.L("Chưa lưu: ") + err.Error())
	ed.msg.Show()
}

func (ed *dossierEditor) onSave() { ed.save(nil) }

// save writes the dossier, and the people first proposed in it, in one
// transaction. move, when not nil, changes the status on the same copy.
func (ed *dossierEditor) save(move func(*tdkt.Dossier) error) bool {
	d, err := ed.collect()
	if err != nil {
		ed.fail(err)
		return false
	}
	if err := tdkt.ValidateDossier(ed.e.cat, d); err != nil {
		ed.fail(err)
		return false
	}
	now := ed.e.now()
	if ed.isNew && len(d.History) == 0 {
		d.Status = tdkt.StatusReceived
		d.History = []tdkt.StatusChange{{At: now.UTC().Truncate(time.Second), By: ed.e.user, To: tdkt.StatusReceived}}
	}
	if move != nil {
		if err := move(d); err != nil {
			ed.fail(err)
			return false
		}
	}
	err = ed.e.update(func(tx *store.Tx) error {
		for i := range d.Candidates {
			c := &d.Candidates[i]
			if c.Subject != tdkt.SubjectPerson || c.PersonID != "" {
				continue
			}
			unit := c.UnitID
			if unit == "" {
				unit = d.UnitID
			}
			p := &tdkt.Person{Name: c.Name, Position: c.Position, UnitID: unit, Category: ed.newCats[c.ID]}
			if p.Category == "" {
				p.Category = tdkt.CatOfficer
			}
			if err := tx.Put(p); err != nil {
				return err
			}
			c.PersonID, c.UnitID = p.ID, unit
		}
		var hashes []string
		for _, a := range d.Attachments {
			hashes = append(hashes, a.SHA256)
		}
		if err := ed.pending.store(tx, ed.e.path, hashes...); err != nil {
			return err
		}
		// changed elsewhere since it was opened (taken off an agenda, voted
		// on, a note): keep that, and what was typed here
		if stored := (&tdkt.Dossier{}); !ed.isNew && tx.Get(d.ID, stored) == nil && stored.Clock.Compare(d.Clock) != tdkt.Equal {
			if move != nil {
				return fmt.Errorf(lang.L("hồ sơ vừa được thay đổi ở nơi khác (nay: %s); hãy lưu rồi chuyển trạng thái lại"), statusLabel(stored.Status))
			}
			d.KeepWorkflow(stored)
		}
		return tx.Put(d)
	})
	if err != nil {
		ed.fail(err)
		return false
	}
	ed.d = d
	ed.isNew = false
	ed.newCats = map[string]tdkt.Category{}
	ed.pending = blobs{}
	ed.histBt.Enable()
	ed.headline.SetText(lang.L("Hồ sơ ") + d.ID)
	ed.msg.Hide()
	ed.info.SetText(lang.L("Đã lưu hồ sơ ") + d.ID + lang.L(" lúc ") + now.Format("15:04:05") + ".")
	ed.info.Show()
	ed.derive()
	ed.showStatus()
	ed.showAttachments()
	ed.saved = ed.snapshot()
	return true
}

// onMove changes the status with its reason (tdkt.Dossier.Move), saving
// the form in the same transaction.
func (ed *dossierEditor) onMove() {
	to, ok := ed.next.get()
	if !ok {
		ed.fail(errors.New(lang.L("Chưa chọn trạng thái mới")))
		return
	}
	reason := ed.reason.text()
	if ed.save(func(d *tdkt.Dossier) error {
		return d.Move(to, reason, ed.e.user, ed.e.now().UTC().Truncate(time.Second))
	}) {
		ed.reason.set("")
	}
}
