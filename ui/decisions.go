package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
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
)

// decisionsScreen (Quyết định): drafts made from the candidates the council
// passed, one per award; the next number of the office's yearly series
// proposed (tx.NextNumber); the text edited; a preview; issuing
// (tx.IssueDecision) after which the decision is read-only, and a
// correction is a new decision that amends it. The bonus of each line is
// cat.Bonus on the decision date.
type decisionsScreen struct {
	e         *env
	year      *widget.Select
	list      *widget.List
	decisions []*tdkt.Decision
	waiting   *widget.Label

	d         *tdkt.Decision // working copy
	headline  *widget.Label
	numberLbl *widget.Label
	number    *field
	date      *dateField
	award     *widget.Label
	summary   *field
	authority *field
	bases     *field
	proposal  *field
	articles  *field
	recips    *field
	signer    *choice[int]
	lines     *dataTable[tdkt.ListEntry]
	total     *widget.Label
	preview   *fyne.Container
	prevText  string // the preview as text
	tabs      *container.AppTabs
	msg       *widget.Label
	info      *widget.Label
	saveBt    *widget.Button
	issueBt   *widget.Button
	deleteBt  *widget.Button
	amendBt   *widget.Button
	removeBt  *widget.Button
	addLineBt *widget.Button
	// an amendment's withdrawals (bãi bỏ) of the amended decision's lines
	amended     *tdkt.Decision
	amendedWho  []*tdkt.Award // the amended decision's live lines
	autoArts    string        // an amendment's articles as last drafted
	wdBox       *fyne.Container
	wdHead      *widget.Label
	wdTable     *dataTable[tdkt.Withdrawal]
	wdSel       int
	withdrawBt  *widget.Button
	keepBt      *widget.Button
	withdrawDlg *withdrawForm // the last withdrawal form, for tests
	lineForm    *lineForm     // the last "add a line" form, for tests
	page        *fyne.Container
	empty       *widget.Label
	selLine     int
	autoArt2    string
	selected    string
	draftBt     *widget.Button
	proposeBt   *widget.Button
	proposals   []exportJob // the last tờ trình offered, for tests
	prog        *progress

	exp         *exporter
	pdfBt       *widget.Button
	certBt      *widget.Button
	certPreview *widget.Check
}

func newDecisionsScreen(e *env) *decisionsScreen {
	s := &decisionsScreen{e: e, selLine: -1}
	y := e.today().Year
	var years []string
	for i := y + 1; i >= y-25; i-- {
		years = append(years, strconv.Itoa(i))
	}
	s.year = widget.NewSelect(years, func(string) { s.refresh() })
	s.list = widget.NewList(func() int { return len(s.decisions) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := s.decisions[i]
			num := lang.L("Dự thảo")
			if d.Status == tdkt.DecisionIssued {
				num = d.NumberText()
			}
			if d.Amends != "" {
				fixes, revokes := withdrawCounts(d)
				o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s – sửa đổi, bổ sung (sửa %d, hủy bỏ %d, thêm %d)"), num, fixes, revokes, len(d.List)-fixes))
				return
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s – %s (%d)", num, s.e.itemShort(d.AwardCode), len(d.List)))
		})
	s.list.OnSelected = func(i widget.ListItemID) { s.openDecision(s.decisions[i].ID) }
	s.waiting = wrapLabel("")
	s.headline = heading("")
	s.headline.Wrapping = fyne.TextWrapWord
	s.numberLbl = widget.NewLabel("")
	s.number = newField(lang.L("Số"), newEntry(), optionalInt(1, 999999, lang.L("số quyết định")))
	s.date = newDateField(lang.L("Ngày ký"), false)
	s.date.entry.OnChanged = func(string) { s.onDateChanged() }
	s.award = widget.NewLabel("")
	s.summary = newField(lang.L("Trích yếu"), newEntry(), required(lang.L("trích yếu")))
	s.authority = newField(lang.L("Thẩm quyền"), newEntry(), required(lang.L("thẩm quyền ban hành")))
	s.bases = newField(lang.L("Căn cứ"), newMultiEntry(4), nil)
	s.proposal = newField(lang.L("Theo đề nghị"), newEntry(), nil)
	s.articles = newField(lang.L("Các điều"), newMultiEntry(5), required(lang.L("nội dung các điều")))
	s.recips = newField(lang.L("Nơi nhận"), newMultiEntry(3), nil)
	s.signer = newChoice[int](nil, nil, nil)
	for _, f := range []*field{s.number, s.date.field, s.summary, s.authority, s.proposal} {
		f.entry.OnSubmitted = func(string) { s.onSave() }
	}
	s.lines = newDataTable([]DataColumn[tdkt.ListEntry]{
		{lang.L("STT"), 40, func(l tdkt.ListEntry) string { return "" }},
		{lang.L("Họ và tên / tập thể"), 200, func(l tdkt.ListEntry) string { return l.Name }},
		{lang.L("Chức vụ – đơn vị"), 280, func(l tdkt.ListEntry) string { return l.Position }},
		{lang.L("Tiền thưởng"), 110, func(l tdkt.ListEntry) string { return tdkt.Money(l.Bonus) }},
	}, func(i int, _ tdkt.ListEntry) {
		s.selLine = i
		if s.d != nil && s.d.Status != tdkt.DecisionIssued {
			s.removeBt.Enable()
		}
	})
	s.lines.cols[0].Value = func(l tdkt.ListEntry) string {
		for i, x := range s.lines.rows {
			if x.DossierID == l.DossierID && x.CandidateID == l.CandidateID && x.Name == l.Name {
				return strconv.Itoa(i + 1)
			}
		}
		return ""
	}
	s.total = boldLabel("")
	s.total.Wrapping = fyne.TextWrapWord
	s.preview = container.NewVBox()
	s.msg = dangerLabel()
	s.msg.Hide()
	s.info = widget.NewLabel("")
	s.info.Importance = widget.SuccessImportance
	s.info.Wrapping = fyne.TextWrapWord
	s.info.Hide()
	s.saveBt = widget.NewButtonWithIcon(lang.L("Lưu dự thảo"), theme.DocumentSaveIcon(), s.onSave)
	s.issueBt = widget.NewButtonWithIcon(lang.L("Ban hành"), theme.ConfirmIcon(), s.onIssue)
	s.issueBt.Importance = widget.HighImportance
	s.deleteBt = widget.NewButtonWithIcon(lang.L("Xóa dự thảo"), theme.DeleteIcon(), s.onDelete)
	s.amendBt = widget.NewButtonWithIcon(lang.L("Lập quyết định sửa đổi"), theme.ContentRedoIcon(), s.onAmend)
	s.removeBt = widget.NewButtonWithIcon(lang.L("Bỏ dòng đã chọn"), theme.ContentRemoveIcon(), s.onRemoveLine)
	s.addLineBt = widget.NewButtonWithIcon(lang.L("Thêm dòng…"), theme.ContentAddIcon(), s.onAddLine)
	s.wdHead = boldLabel("")
	s.wdTable = newDataTable([]DataColumn[tdkt.Withdrawal]{
		{lang.L("Số vào sổ"), 110, func(w tdkt.Withdrawal) string { return w.Number }},
		{lang.L("Họ và tên / tập thể"), 200, func(w tdkt.Withdrawal) string { return w.Name }},
		{lang.L("Bãi bỏ để"), 150, func(w tdkt.Withdrawal) string {
			if w.Correct {
				return withdrawCorrect()
			}
			return withdrawRevoke()
		}},
		{lang.L("Lý do"), 300, func(w tdkt.Withdrawal) string { return w.Reason }},
	}, func(i int, _ tdkt.Withdrawal) {
		s.wdSel = i
		if s.d != nil && s.d.Status != tdkt.DecisionIssued {
			s.keepBt.Enable()
		}
	})
	s.withdrawBt = widget.NewButtonWithIcon(lang.L("Bãi bỏ dòng…"), theme.ContentRemoveIcon(), s.onWithdraw)
	s.keepBt = widget.NewButtonWithIcon(lang.L("Thôi bãi bỏ"), theme.ContentUndoIcon(), s.onKeep)
	s.empty = wrapLabel(lang.L("Chọn một quyết định ở bên trái, hoặc bấm \"Lập dự thảo từ kết quả Hội đồng\"."))
	s.prog = newProgress()
	s.exp = newExporter(e)
	s.pdfBt = widget.NewButtonWithIcon(lang.L("Xuất PDF quyết định"), theme.DocumentPrintIcon(), s.onExportPDF)
	s.certBt = widget.NewButtonWithIcon(lang.L("In bằng khen/giấy khen"), theme.DocumentPrintIcon(), s.onPrintCertificates)
	s.certPreview = widget.NewCheck(lang.L("Xem trước khung"), nil)
	return s
}

func (s *decisionsScreen) content() fyne.CanvasObject {
	s.draftBt = widget.NewButtonWithIcon(lang.L("Lập dự thảo từ kết quả Hội đồng"), theme.ContentAddIcon(), s.onDraft)
	s.draftBt.Importance = widget.HighImportance
	s.proposeBt = widget.NewButtonWithIcon(lang.L("Lập tờ trình đề nghị cấp trên"), theme.DocumentIcon(), s.onPropose)
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, boldLabel(lang.L("Năm")), nil, s.year), s.draftBt, s.proposeBt, s.waiting, s.prog.box),
		nil, nil, nil, s.list)
	form := formRows(
		lang.L("Số"), container.NewBorder(nil, nil, nil, s.numberLbl, s.number.widget()),
		lang.L("Ngày ký"), s.date.field,
		lang.L("Hình thức"), s.award,
		lang.L("Trích yếu"), s.summary,
		lang.L("Thẩm quyền"), s.authority,
		lang.L("Căn cứ (mỗi dòng một căn cứ)"), s.bases,
		lang.L("Theo đề nghị"), s.proposal,
		lang.L("Các điều (mỗi dòng một điều)"), s.articles,
		lang.L("Nơi nhận (mỗi dòng một nơi)"), s.recips,
		lang.L("Người ký"), s.signer.sel,
	)
	listBox := container.NewVBox(container.NewBorder(nil, nil, boldLabel(lang.L("Danh sách kèm theo")), container.NewHBox(s.addLineBt, s.removeBt)),
		sized(s.lines.table, 180), s.total)
	s.wdBox = container.NewVBox(s.wdHead, container.NewHBox(s.withdrawBt, s.keepBt), sized(s.wdTable.table, 120))
	s.wdBox.Hide()
	editor := container.NewVScroll(container.NewPadded(container.NewVBox(form, s.wdBox, listBox)))
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Soạn thảo"), editor),
		container.NewTabItem(lang.L("Xem trước"), container.NewVScroll(container.NewPadded(s.preview))),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t == s.tabs.Items[1] { // the preview
			s.showPreview()
		}
	}
	buttons := container.NewVBox(
		container.NewHBox(s.saveBt, s.issueBt, s.deleteBt, s.amendBt),
		container.NewHBox(s.pdfBt, s.certBt, s.certPreview),
		s.exp.prog.box)
	s.page = container.NewBorder(container.NewVBox(s.headline, s.msg, s.info), buttons, nil, nil, s.tabs)
	s.page.Hide()
	split := container.NewHSplit(left, container.NewStack(container.NewPadded(s.empty), s.page))
	split.Offset = 0.26
	s.year.SetSelected(strconv.Itoa(s.e.today().Year))
	return split
}

func (s *decisionsScreen) wait() {
	s.prog.wait()
	s.exp.wait()
}

// refresh reloads the year's decisions and the waiting candidates off the
// UI goroutine (a province issues some 800 decisions a year, some with
// lists of thousands), then shows the selected decision again.
func (s *decisionsScreen) refresh() {
	if s.year.Selected == "" {
		return
	}
	year, this, sel, office := atoi(s.year.Selected), s.e.today().Year, s.selected, s.e.office.Code
	s.prog.run(lang.L("Đang tải quyết định…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		var list []*tdkt.Decision
		var waiting []passedCandidate
		var cur *openedDecision
		err := s.e.view(func(tx *store.Tx) error {
			ids := tx.IDs("decision.year", year4(year))
			for i, id := range ids {
				if i%64 == 0 {
					if ctx.Err() != nil {
						return errCancelled
					}
					report(i, len(ids))
				}
				d := &tdkt.Decision{}
				if tx.Get(id, d) == nil && !d.Deleted && d.Issuer == office {
					list = append(list, d)
				}
			}
			var err error
			if waiting, err = passedCandidates(tx, this); err != nil {
				return err
			}
			if sel != "" {
				cur, err = readDecision(tx, sel)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		// drafts first, then issued by number, newest first
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if (a.Status == tdkt.DecisionDraft) != (b.Status == tdkt.DecisionDraft) {
				return a.Status == tdkt.DecisionDraft
			}
			return a.Number > b.Number
		})
		return func() {
			s.decisions = list
			s.list.UnselectAll()
			s.list.Refresh()
			s.showWaiting(waiting)
			if cur != nil && s.selected == sel {
				s.showDecision(cur)
			}
		}, nil
	}, s.e.showError)
}

// openedDecision is a decision as the editor shows it: the number its
// series would take next and, for an amendment, the decision it amends
// with that decision's live register lines.
type openedDecision struct {
	d       *tdkt.Decision
	next    int
	amended *tdkt.Decision
	lines   []*tdkt.Award
}

// readDecision reads a decision for the editor.
func readDecision(tx *store.Tx, id string) (*openedDecision, error) {
	d := &tdkt.Decision{}
	if err := tx.Get(id, d); err != nil {
		return nil, err
	}
	y := d.Year
	if !d.Date.IsZero() {
		y = d.Date.Year
	}
	o := &openedDecision{d: d, next: tx.NextNumber(d.Issuer, y)}
	if d.Amends == "" {
		return o, nil
	}
	am := &tdkt.Decision{}
	if err := tx.Get(d.Amends, am); err != nil {
		return nil, fmt.Errorf(lang.L("đọc quyết định được sửa đổi: %w"), err)
	}
	o.amended = am
	for _, aid := range tx.IDs("award.decision", am.ID) {
		a := &tdkt.Award{}
		if tx.Get(aid, a) == nil && !a.Deleted && !a.Revoked && a.DecisionID == am.ID {
			o.lines = append(o.lines, a)
		}
	}
	sort.Slice(o.lines, func(i, j int) bool { return o.lines[i].Number < o.lines[j].Number })
	return o, nil
}

func (s *decisionsScreen) showWaiting(waiting []passedCandidate) {
	here, elsewhere := 0, map[string]int{}
	for _, pc := range waiting {
		it, ok := s.e.cat.Item(pc.Candidate.AwardCode)
		if !ok {
			continue
		}
		if why := tdkt.NotDecidedHere(s.e.office.Level, it.Authority); why != "" {
			elsewhere[why]++
		} else {
			here++
		}
	}
	var msg []string
	if here > 0 {
		msg = append(msg, fmt.Sprintf(lang.L("%d người, tập thể đã đạt tại Hội đồng đang chờ quyết định."), here))
	} else {
		msg = append(msg, lang.L("Không có ai đang chờ quyết định."))
	}
	whys := make([]string, 0, len(elsewhere))
	for why := range elsewhere {
		whys = append(whys, why)
	}
	sort.Strings(whys)
	for _, why := range whys {
		msg = append(msg, fmt.Sprintf(lang.L("%d đề nghị %s."), elsewhere[why], trLabel(why)))
	}
	s.waiting.SetText(strings.Join(msg, " "))
}

// onDraft makes one draft per award (and method) from the candidates the
// council passed, in one transaction.
func (s *decisionsScreen) onDraft() {
	waiting, meetingOf, err := s.passed()
	if err != nil {
		s.e.showError(err)
		return
	}
	type key struct {
		code   string
		method tdkt.Method
	}
	groups := map[key][]passedCandidate{}
	var order []key
	var elsewhere []string // passed, but not this office's to decide
	for _, pc := range waiting {
		it, ok := s.e.cat.Item(pc.Candidate.AwardCode)
		if !ok {
			continue
		}
		if why := tdkt.NotDecidedHere(s.e.office.Level, it.Authority); why != "" {
			elsewhere = append(elsewhere, pc.Candidate.Name+" ("+it.Name+": "+trLabel(why)+")")
			continue
		}
		k := key{pc.Candidate.AwardCode, pc.Dossier.Method}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], pc)
	}
	if len(order) == 0 {
		msg := lang.L("Không có người, tập thể nào đã đạt tại Hội đồng mà chưa có quyết định.")
		if len(elsewhere) > 0 {
			msg += lang.L("\nKhông lập quyết định ở đây cho: ") + strings.Join(elsewhere, "; ") + "."
		}
		s.e.showInfo(lang.L("Lập dự thảo"), msg)
		return
	}
	date := s.e.today()
	var drafts []*tdkt.Decision
	for _, k := range order {
		d, err := s.draft(k.code, k.method, groups[k], date, meetingOf)
		if err != nil {
			s.e.showError(err)
			return
		}
		drafts = append(drafts, d)
	}
	err = s.e.update(func(tx *store.Tx) error {
		for _, d := range drafts {
			if err := tx.Put(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.e.showError(err)
		return
	}
	s.selected = drafts[0].ID
	s.year.SetSelected(strconv.Itoa(date.Year))
	s.refresh()
	s.info.SetText(fmt.Sprintf(lang.L("Đã lập %d dự thảo quyết định."), len(drafts)))
	s.info.Show()
}

// passed reads the candidates waiting for a decision and, for each
// ("dossier\x00candidate"), the meeting that passed them.
func (s *decisionsScreen) passed() ([]passedCandidate, map[string]*tdkt.Meeting, error) {
	var waiting []passedCandidate
	meetingOf := map[string]*tdkt.Meeting{}
	err := s.e.view(func(tx *store.Tx) error {
		var err error
		if waiting, err = passedCandidates(tx, s.e.today().Year); err != nil {
			return err
		}
		return tx.Each(tdkt.KindMeeting, func(r tdkt.Record) error {
			m := r.(*tdkt.Meeting)
			for _, it := range m.Items {
				if it.Passed {
					meetingOf[it.DossierID+"\x00"+it.CandidateID] = m
				}
			}
			return nil
		})
	})
	return waiting, meetingOf, err
}

// onPropose writes the tờ trình asking the authority above for the awards
// the council passed that this office may not decide: one per award, each
// through the save dialog.
func (s *decisionsScreen) onPropose() {
	waiting, meetingOf, err := s.passed()
	if err != nil {
		s.e.showError(err)
		return
	}
	groups := map[string][]tdkt.DraftLine{}
	var codes []string
	for _, pc := range waiting {
		it, ok := s.e.cat.Item(pc.Candidate.AwardCode)
		if !ok || !tdkt.Above(s.e.office.Level, it.Authority) {
			continue
		}
		if _, ok := groups[it.Code]; !ok {
			codes = append(codes, it.Code)
		}
		groups[it.Code] = append(groups[it.Code], tdkt.DraftLine{Dossier: pc.Dossier, Candidate: pc.Candidate,
			Meeting: meetingOf[pc.Dossier.ID+"\x00"+pc.Candidate.ID]})
	}
	if len(codes) == 0 {
		s.e.showInfo(lang.L("Lập tờ trình"), lang.L("Không có người, tập thể nào đã đạt tại Hội đồng với hình thức thuộc thẩm quyền cấp trên."))
		return
	}
	var jobs []exportJob
	for _, code := range codes {
		p, err := tdkt.DraftProposal(s.e.office, s.e.cat, code, groups[code], s.e.today(), s.e.unit)
		if err != nil {
			s.e.showError(err)
			return
		}
		jobs = append(jobs, proposalJob(s.e, code, p))
	}
	s.proposals = jobs
	if len(jobs) == 1 {
		s.exp.ask(jobs[0])
		return
	}
	box := container.NewVBox(wrapLabel(lang.L("Mỗi hình thức một tờ trình. Chọn tờ trình cần lưu:")))
	for _, j := range jobs {
		box.Add(widget.NewButtonWithIcon(j.what, theme.DocumentSaveIcon(), func() { s.exp.ask(j) }))
	}
	d := dialog.NewCustom(lang.L("Lập tờ trình"), lang.L("Đóng"), box, s.e.win)
	s.e.show(d)
}

// draft builds the draft decision of one award for the candidates, worded
// as tdkt.DraftDecision words every decision.
func (s *decisionsScreen) draft(code string, method tdkt.Method, pcs []passedCandidate, date tdkt.Date, meetingOf map[string]*tdkt.Meeting) (*tdkt.Decision, error) {
	lines := make([]tdkt.DraftLine, len(pcs))
	for i, pc := range pcs {
		lines[i] = tdkt.DraftLine{Dossier: pc.Dossier, Candidate: pc.Candidate, Meeting: meetingOf[pc.Dossier.ID+"\x00"+pc.Candidate.ID]}
	}
	return tdkt.DraftDecision(s.e.office, s.e.cat, code, method, lines, date, s.e.unit)
}

// openDecision reads the decision and its series' next number off the UI
// goroutine (tx.NextNumber reads the year's decisions), then shows it.
func (s *decisionsScreen) openDecision(id string) {
	s.selected = id
	s.prog.run(lang.L("Đang mở quyết định…"), func(context.Context, func(int, int)) (func(), error) {
		var o *openedDecision
		err := s.e.view(func(tx *store.Tx) (err error) { o, err = readDecision(tx, id); return })
		if err != nil {
			return nil, err
		}
		return func() {
			if s.selected == id {
				s.showDecision(o)
			}
		}, nil
	}, s.e.showError)
}

// showDecision fills the editor; an issued decision is shown read-only.
func (s *decisionsScreen) showDecision(o *openedDecision) {
	d, next := o.d, o.next
	s.d = d
	s.amended, s.amendedWho = o.amended, o.lines
	issued := d.Status == tdkt.DecisionIssued
	if issued {
		s.headline.SetText(fmt.Sprintf(lang.L("Quyết định số %s ngày %s – đã ban hành, chỉ xem"), d.NumberText(), dateText(d.Date)))
		s.numberLbl.SetText("")
		s.number.set(strconv.Itoa(d.Number))
	} else {
		s.headline.SetText(lang.L("Dự thảo quyết định"))
		if d.Amends != "" {
			s.headline.SetText(lang.L("Dự thảo quyết định sửa đổi"))
		}
		s.numberLbl.SetText(fmt.Sprintf(lang.L("Số dự kiến: %s (để trống: lấy số tiếp theo khi ban hành)"), tdkt.NumberText(next, d.Symbol)))
		if d.Number > 0 {
			s.number.set(strconv.Itoa(d.Number))
		} else {
			s.number.set("")
		}
		s.number.entry.SetPlaceHolder(strconv.Itoa(next))
	}
	s.date.setDate(d.Date)
	s.award.SetText(s.e.itemName(d.AwardCode) + " – " + methodLabel(d.Method))
	s.summary.set(d.Summary)
	s.authority.set(d.Authority)
	s.bases.set(strings.Join(d.Bases, "\n"))
	s.proposal.set(d.Proposal)
	s.articles.set(strings.Join(d.Articles, "\n"))
	s.recips.set(strings.Join(d.Recipients, "\n"))
	signers := s.e.office.Signers
	idx := make([]int, len(signers))
	sel := -1
	for i, sg := range signers {
		idx[i] = i
		if sg == d.Signer {
			sel = i
		}
	}
	s.signer.setOptions(idx, func(i int) string {
		sg := signers[i]
		return fmt.Sprintf("%s. %s – %s", sg.Mode, sg.Title, sg.Name)
	})
	if sel >= 0 {
		s.signer.set(sel)
	} else {
		s.signer.sel.ClearSelected()
	}
	if len(d.Articles) > 1 {
		s.autoArt2 = d.Articles[1]
	}
	s.autoArts = ""
	if s.amended != nil {
		s.autoArts = strings.Join(d.AmendmentArticles(s.e.office, s.e.cat, s.amended), "\n")
	}
	s.showLines()
	s.showWithdrawals()
	for _, w := range []*field{s.number, s.date.field, s.summary, s.authority, s.bases, s.proposal, s.articles, s.recips} {
		if issued {
			w.entry.Disable()
		} else {
			w.entry.Enable()
		}
	}
	if issued {
		s.signer.sel.Disable()
		s.saveBt.Disable()
		s.issueBt.Disable()
		s.deleteBt.Disable()
		s.removeBt.Disable()
		s.addLineBt.Disable()
		s.withdrawBt.Disable()
		s.amendBt.Enable()
		s.certBt.Enable()
		s.certPreview.Enable()
	} else {
		s.signer.sel.Enable()
		s.saveBt.Enable()
		s.issueBt.Enable()
		s.deleteBt.Enable()
		s.removeBt.Disable()
		s.addLineBt.Enable()
		s.withdrawBt.Enable()
		s.amendBt.Disable()
		s.certBt.Disable()
		s.certPreview.Disable()
	}
	s.msg.Hide()
	s.empty.Hide()
	s.page.Show()
	// an issued decision opens on its text as issued, a draft on the editor
	want := 0
	if issued {
		want = 1
	}
	if s.tabs.SelectedIndex() != want {
		s.tabs.SelectIndex(want)
	} else if want == 1 {
		s.showPreview()
	}
}

func (s *decisionsScreen) showLines() {
	s.selLine = -1
	s.lines.setRows(s.d.List)
	t := s.d.Total()
	s.total.SetText(fmt.Sprintf(lang.L("Cộng %d dòng; tổng tiền thưởng %s đồng (%s)."), len(s.d.List), tdkt.Money(t), tdkt.MoneyWords(t)))
}

// onDateChanged recomputes each line's bonus with cat.Bonus for the new
// date: the base salary in force that day applies.
func (s *decisionsScreen) onDateChanged() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued || s.date.quiet {
		return
	}
	day, err := s.date.date()
	if err != nil {
		return
	}
	if err := s.d.Rebonus(s.e.cat, day); err != nil {
		s.fail(err)
		return
	}
	s.d.Date = day
	s.articlesFollow()
	s.showLines()
}

func lines(t string) []string {
	var out []string
	for _, l := range strings.Split(t, "\n") {
		if l = tdkt.NFC(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// collect reads the form into a copy of the draft.
func (s *decisionsScreen) collect() (*tdkt.Decision, error) {
	if err := checkAll(s.number, s.date.field, s.summary, s.authority, s.articles); err != nil {
		return nil, err
	}
	d := *s.d
	d.List = append([]tdkt.ListEntry(nil), s.d.List...)
	d.Number = atoi(s.number.entry.Text)
	d.Date, _ = s.date.date()
	d.Year = d.Date.Year
	d.Summary = s.summary.text()
	d.Authority = s.authority.text()
	d.Bases = lines(s.bases.entry.Text)
	d.Proposal = s.proposal.text()
	d.Articles = lines(s.articles.entry.Text)
	d.Recipients = lines(s.recips.entry.Text)
	if i, ok := s.signer.get(); ok && i < len(s.e.office.Signers) {
		d.Signer = s.e.office.Signers[i]
	} else {
		d.Signer = tdkt.Signer{}
	}
	return &d, nil
}

func (s *decisionsScreen) fail(err error) {
	s.info.Hide()
	s.msg.SetText(err.Error())
	s.msg.Show()
}

func (s *decisionsScreen) onSave() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued {
		return
	}
	d, err := s.collect()
	if err != nil {
		s.fail(err)
		return
	}
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(d) }); err != nil {
		s.fail(err)
		return
	}
	s.selected = d.ID
	s.refresh()
	s.msg.Hide()
	s.info.SetText(lang.L("Đã lưu dự thảo."))
	s.info.Show()
}

// onIssue checks the draft (tdkt.ValidateIssue), asks, then saves and issues
// it in one transaction (tx.IssueDecision numbers it and writes the
// register lines).
func (s *decisionsScreen) onIssue() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued {
		return
	}
	d, err := s.collect()
	if err != nil {
		s.fail(err)
		return
	}
	if err := tdkt.ValidateIssue(d); err != nil {
		s.fail(err)
		return
	}
	ask := fmt.Sprintf(lang.L("Ban hành quyết định \"%s\" với %d dòng khen thưởng? Sau khi ban hành, quyết định không sửa được; sai sót phải sửa bằng quyết định khác."),
		d.Summary, len(d.List))
	if len(d.Withdraws) > 0 {
		fixes, revokes := withdrawCounts(d)
		ask = fmt.Sprintf(lang.L("Ban hành quyết định \"%s\"? Của quyết định được sửa đổi: %d dòng được sửa thông tin, %d dòng được ghi hủy bỏ trong sổ; %d dòng mới được vào sổ. Sau khi ban hành, quyết định không sửa được; sai sót phải sửa bằng quyết định khác."),
			d.Summary, fixes, revokes, len(d.List)-fixes)
		// articles written by hand may not say what the issue will do
		text := strings.Join(d.Articles, " ")
		var unsaid []string
		for _, w := range d.Withdraws {
			if !strings.Contains(text, w.Name) {
				unsaid = append(unsaid, w.Name)
			}
		}
		if len(unsaid) > 0 {
			ask += "\n" + fmt.Sprintf(lang.L("Lưu ý: các điều của quyết định chưa nhắc tới %s."), strings.Join(unsaid, ", "))
		}
	}
	s.e.confirm(lang.L("Ban hành quyết định"), ask, func() { s.issueNow(d) })
}

func (s *decisionsScreen) issueNow(d *tdkt.Decision) {
	var issued *tdkt.Decision
	var awards []*tdkt.Award
	err := s.e.update(func(tx *store.Tx) error {
		if err := tx.Put(d); err != nil {
			return err
		}
		var err error
		issued, awards, err = tx.IssueDecision(d.ID, s.e.now().UTC().Truncate(time.Second))
		return err
	})
	if err != nil {
		s.fail(err)
		return
	}
	s.selected = issued.ID
	s.refresh()
	msg := fmt.Sprintf(lang.L("Đã ban hành Quyết định số %s, vào sổ %d dòng khen thưởng."), issued.NumberText(), len(awards))
	if len(issued.Withdraws) > 0 {
		fixes, revokes := withdrawCounts(issued)
		msg = fmt.Sprintf(lang.L("Đã ban hành Quyết định số %s: sửa thông tin %d dòng, ghi hủy bỏ %d dòng của quyết định được sửa đổi; vào sổ %d dòng mới."),
			issued.NumberText(), fixes, revokes, len(awards))
	}
	s.info.SetText(msg)
	s.info.Show()
}

func (s *decisionsScreen) onDelete() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued {
		return
	}
	id := s.d.ID
	s.e.confirm(lang.L("Xóa dự thảo"), lang.L("Xóa dự thảo này? Những người trong danh sách sẽ trở lại danh sách chờ quyết định."), func() {
		if err := s.e.update(func(tx *store.Tx) error { return tx.Delete(tdkt.KindDecision, id) }); err != nil {
			s.fail(err)
			return
		}
		s.selected = ""
		s.d = nil
		s.page.Hide()
		s.empty.Show()
		s.refresh()
	})
}

func (s *decisionsScreen) onRemoveLine() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued || s.selLine < 0 || s.selLine >= len(s.d.List) {
		return
	}
	s.d.RemoveLine(s.selLine) // a corrected line takes its withdrawal with it
	s.articlesFollow()
	s.showWithdrawals()
	s.removeBt.Disable()
	s.showLines()
}

// lineForm is the "add a line" dialog of a draft decision.
type lineForm struct {
	subject   *widget.RadioGroup
	household *field // a household's name, for a household award
	*personSearch
	person   *tdkt.Person
	unit     *unitPicker
	position *field
	msg      *widget.Label
	ok       *widget.Button
}

// onAddLine adds a person or collective to the draft by hand (an
// amendment's bổ sung, or one the council's list missed), with the
// award's bonus (tdkt.Decision.AddLine); Điều 2 follows while it is the
// drafted wording.
func (s *decisionsScreen) onAddLine() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued {
		return
	}
	e := s.e
	f := &lineForm{}
	s.lineForm = f
	// a household award (Gia đình văn hóa) goes to households only
	subjects := []string{subjectText(tdkt.SubjectPerson), subjectText(tdkt.SubjectCollective)}
	if it, ok := e.cat.Item(s.d.AwardCode); ok && it.Subject == tdkt.SubjectFamily {
		subjects = []string{subjectText(tdkt.SubjectFamily)}
	}
	f.subject = widget.NewRadioGroup(subjects, nil)
	f.subject.Horizontal = true
	f.household = newField(lang.L("Hộ gia đình"), newEntry(), nil)
	f.household.entry.SetPlaceHolder(lang.L("ví dụ: Hộ ông Giàng A Páo"))
	f.position = newField(lang.L("Chức vụ, đơn vị"), newEntry(), nil)
	f.personSearch = newPersonSearch(e, func(p *tdkt.Person) {
		f.person = p
		f.position.set(tdkt.PositionAt(p.Position, e.unitName(p.UnitID)))
	})
	f.unit = newUnitPicker(e, "", func(id string) {
		if f.subject.Selected == subjectText(tdkt.SubjectFamily) {
			f.position.set(e.unitName(id)) // the list's column names the village
		}
	})
	f.subject.OnChanged = func(v string) {
		switch v {
		case subjectText(tdkt.SubjectCollective):
			f.search.Disable()
			f.household.entry.Disable()
			f.unit.button.Enable()
		case subjectText(tdkt.SubjectFamily):
			f.search.Disable()
			f.household.entry.Enable()
			f.unit.button.Enable()
		default:
			f.search.Enable()
			f.household.entry.Disable()
			f.unit.button.Disable()
		}
	}
	f.subject.SetSelected(subjects[0])
	f.msg = dangerLabel()
	f.msg.Hide()
	var d *dialog.CustomDialog
	f.ok = widget.NewButtonWithIcon(lang.L("Thêm vào danh sách"), theme.ConfirmIcon(), func() {
		l := tdkt.ListEntry{Subject: tdkt.SubjectPerson, Position: f.position.text()}
		switch {
		case f.subject.Selected == subjectText(tdkt.SubjectFamily):
			l.Subject, l.UnitID, l.Name = tdkt.SubjectFamily, f.unit.id, strings.Join(strings.Fields(f.household.text()), " ")
		case f.subject.Selected == subjectText(tdkt.SubjectCollective):
			l.Subject = tdkt.SubjectCollective
			if f.unit.id != "" {
				l.UnitID, l.Name = f.unit.id, e.unitName(f.unit.id)
			}
		case f.person != nil:
			l.PersonID, l.UnitID, l.Name = f.person.ID, f.person.UnitID, f.person.Name
		}
		if err := s.d.AddLine(e.cat, l, e.today()); err != nil {
			f.msg.SetText(lang.L("Chưa thêm: ") + err.Error())
			f.msg.Show()
			return
		}
		d.Hide()
		s.lineAdded()
	})
	f.ok.Importance = widget.HighImportance
	body := container.NewVBox(formRows(lang.L("Đối tượng"), f.subject), f.search, sized(f.results, 110),
		formRows(lang.L("Tập thể"), f.unit.button, lang.L("Chức vụ, đơn vị"), f.position), f.msg)
	if subjects[0] == subjectText(tdkt.SubjectFamily) {
		body = container.NewVBox(formRows(lang.L("Hộ gia đình"), f.household, lang.L("Thôn, bản, tổ dân phố"), f.unit.button,
			lang.L("Chức vụ, đơn vị"), f.position), f.msg)
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Thêm dòng vào danh sách"), body, e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), f.ok})
	d.Resize(fyne.NewSize(760, 520))
	e.show(d)
}

// articlesFollow keeps drafted articles in step with the list and the
// withdrawals: a decision's Điều 2 (the bonus) while it is the drafted
// wording, an amendment's articles while they are all as drafted. Text the
// user wrote is left alone.
func (s *decisionsScreen) articlesFollow() {
	if s.amended != nil {
		if s.articles.entry.Text == s.autoArts {
			s.autoArts = strings.Join(s.d.AmendmentArticles(s.e.office, s.e.cat, s.amended), "\n")
			s.articles.set(s.autoArts)
		}
		return
	}
	arts := strings.Split(s.articles.entry.Text, "\n")
	if len(arts) > 1 && arts[1] == s.autoArt2 {
		s.autoArt2 = s.d.BonusArticle()
		arts[1] = s.autoArt2
		s.articles.set(strings.Join(arts, "\n"))
	}
}

// showWithdrawals shows an amendment's withdrawals; other decisions have
// none and the box is hidden.
func (s *decisionsScreen) showWithdrawals() {
	s.wdSel = -1
	s.keepBt.Disable()
	if s.amended == nil {
		s.wdBox.Hide()
		return
	}
	s.wdHead.SetText(fmt.Sprintf(lang.L("Bãi bỏ khen thưởng tại Quyết định số %s ngày %s (%d dòng)"),
		s.amended.NumberText(), dateText(s.amended.Date), len(s.d.Withdraws)))
	s.wdTable.setRows(s.d.Withdraws)
	s.wdBox.Show()
}

// withdrawForm is the dialog choosing a line of the amended decision to
// take back.
type withdrawForm struct {
	line     *choice[int]
	kind     *widget.RadioGroup // correct the line, or revoke the award
	name     *field             // for a correction: the name as it should read
	position *field             // and the position (disabled for a revocation)
	reason   *field
	msg      *widget.Label
	ok       *widget.Button
}

// onWithdraw takes a line of the amended decision back: to correct its
// name or position (tdkt.Decision.Correct: the corrected line joins the
// list, without bonus, and the register line is corrected on issue) or to
// revoke it (tdkt.Decision.Withdraw: revoked on issue).
func (s *decisionsScreen) onWithdraw() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued || s.amended == nil {
		return
	}
	var idx []int
	for i, a := range s.amendedWho {
		taken := false
		for _, w := range s.d.Withdraws {
			taken = taken || w.AwardID == a.ID
		}
		if !taken {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		s.fail(errors.New(lang.L("Quyết định được sửa đổi không còn dòng nào để bãi bỏ.")))
		return
	}
	f := &withdrawForm{
		name:     newField(lang.L("Họ và tên / tập thể"), newEntry(), required(lang.L("tên đúng"))),
		position: newField(lang.L("Chức vụ, đơn vị"), newEntry(), nil),
		reason:   newField(lang.L("Lý do"), newMultiEntry(2), required(lang.L("lý do"))),
		msg:      dangerLabel(),
	}
	// the chosen line's name and position, to be put right
	f.line = newChoice(idx, func(i int) string {
		a := s.amendedWho[i]
		if a.Position == "" {
			return a.Number + " – " + a.Name
		}
		return a.Number + " – " + a.Name + " – " + a.Position
	}, func(i int) {
		f.name.set(s.amendedWho[i].Name)
		f.position.set(s.amendedWho[i].Position)
	})
	f.name.entry.Disable()
	f.position.entry.Disable()
	f.kind = widget.NewRadioGroup([]string{withdrawCorrect(), withdrawRevoke()}, func(k string) {
		if k == withdrawCorrect() {
			f.name.entry.Enable()
			f.position.entry.Enable()
		} else {
			f.name.entry.Disable()
			f.position.entry.Disable()
		}
	})
	f.msg.Hide()
	s.withdrawDlg = f
	var dlg *dialog.CustomDialog
	f.ok = widget.NewButtonWithIcon(lang.L("Bãi bỏ dòng này"), theme.ConfirmIcon(), func() {
		i, ok := f.line.get()
		if !ok {
			f.msg.SetText(lang.L("Chưa chọn dòng cần bãi bỏ."))
			f.msg.Show()
			return
		}
		if f.kind.Selected == "" {
			f.msg.SetText(lang.L("Chưa chọn sửa thông tin hay hủy bỏ."))
			f.msg.Show()
			return
		}
		correct := f.kind.Selected == withdrawCorrect()
		if checkAll(f.reason) != nil || correct && checkAll(f.name) != nil {
			return
		}
		a := s.amendedWho[i]
		var err error
		if correct {
			err = s.d.Correct(a, f.name.text(), f.position.text(), f.reason.text())
		} else {
			err = s.d.Withdraw(a, f.reason.text())
		}
		if err != nil {
			f.msg.SetText(lang.L("Chưa bãi bỏ: ") + err.Error())
			f.msg.Show()
			return
		}
		dlg.Hide()
		s.articlesFollow()
		s.showWithdrawals()
		s.showLines()
	})
	f.ok.Importance = widget.DangerImportance
	intro := fmt.Sprintf(lang.L("Chọn dòng của Quyết định số %s được bãi bỏ. Sửa thông tin: ghi sai tên, chức vụ — dòng đúng vào danh sách kèm theo (không thưởng lại), dòng sổ được sửa khi ban hành. Hủy bỏ: thành tích không đúng — thu hồi hiện vật và tiền thưởng, dòng sổ được ghi hủy bỏ (vẫn giữ trong sổ)."),
		s.amended.NumberText())
	dlg = dialog.NewCustomWithoutButtons(lang.L("Bãi bỏ dòng của quyết định được sửa đổi"), container.NewVBox(wrapLabel(intro),
		formRows(lang.L("Dòng"), f.line.sel, lang.L("Bãi bỏ để"), f.kind, lang.L("Tên đúng"), f.name,
			lang.L("Chức vụ, đơn vị đúng"), f.position, lang.L("Lý do"), f.reason), f.msg), s.e.win)
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { dlg.Hide() }), f.ok})
	dlg.Resize(fyne.NewSize(760, 520))
	s.e.show(dlg)
}

// withdrawCounts counts an amendment's withdrawals for correction and for
// revocation.
func withdrawCounts(d *tdkt.Decision) (fixes, revokes int) {
	for _, w := range d.Withdraws {
		if w.Correct {
			fixes++
		} else {
			revokes++
		}
	}
	return fixes, revokes
}

// withdrawCorrect and withdrawRevoke are the two reasons to withdraw a line.
func withdrawCorrect() string { return lang.L("Sửa thông tin (đính chính)") }
func withdrawRevoke() string  { return lang.L("Hủy bỏ, thu hồi") }

// onKeep drops the chosen withdrawal from the draft; a line it made free of
// bonus gets its bonus again.
func (s *decisionsScreen) onKeep() {
	if s.d == nil || s.d.Status == tdkt.DecisionIssued || s.wdSel < 0 || s.wdSel >= len(s.d.Withdraws) {
		return
	}
	day, err := s.date.date()
	if err != nil || day.IsZero() {
		day = s.e.today()
	}
	if err := s.d.KeepLine(s.wdSel, s.e.cat, day); err != nil {
		s.fail(err)
		return
	}
	s.articlesFollow()
	s.showWithdrawals()
	s.showLines()
}

// lineAdded shows the list with its new line and keeps the drafted Điều 2
// in step with the total.
func (s *decisionsScreen) lineAdded() {
	s.articlesFollow()
	s.showLines()
}

// onAmend starts a decision that amends the issued one: an issued decision
// is never edited.
func (s *decisionsScreen) onAmend() {
	if s.d == nil || s.d.Status != tdkt.DecisionIssued {
		return
	}
	today := s.e.today()
	d := s.d.Amendment(s.e.office, s.e.cat, today)
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(d) }); err != nil {
		s.fail(err)
		return
	}
	s.selected = d.ID
	s.year.SetSelected(strconv.Itoa(today.Year))
	s.refresh()
}

// showPreview lays the decision out read-only, as it will be printed.
func (s *decisionsScreen) showPreview() {
	s.preview.Objects = nil
	defer s.preview.Refresh()
	if s.d == nil {
		s.prevText = ""
		return
	}
	d := s.d
	if d.Status != tdkt.DecisionIssued {
		c, err := s.collect()
		if err != nil {
			s.prevText = lang.L("Chưa xem trước được: ") + err.Error()
			s.preview.Add(wrapLabel(s.prevText))
			return
		}
		d = c
	}
	left, right, body := decisionParts(s.e.office, s.e.cat, d, s.e.unitName)
	s.prevText = decisionText(s.e.office, s.e.cat, d, s.e.unitName)
	s.preview.Add(container.NewGridWithColumns(2, richText(left), richText(right)))
	s.preview.Add(richText(body))
}

// exportedDecision is the decision as it will print: an issued decision as
// stored, a draft as it stands in the form.
func (s *decisionsScreen) exportedDecision() (*tdkt.Decision, error) {
	if s.d == nil {
		return nil, errors.New(lang.L("chưa chọn quyết định"))
	}
	if s.d.Status == tdkt.DecisionIssued {
		return s.d, nil
	}
	return s.collect()
}

// pdfJob is the decision's PDF (tests run it without the save dialog).
func (s *decisionsScreen) pdfJob() (exportJob, error) {
	d, err := s.exportedDecision()
	if err != nil {
		return exportJob{}, err
	}
	return decisionJob(s.e, d), nil
}

// certJob is the certificates of the issued decision.
func (s *decisionsScreen) certJob() (exportJob, error) {
	if s.d == nil || s.d.Status != tdkt.DecisionIssued {
		return exportJob{}, errors.New(lang.L("chỉ in bằng cho quyết định đã ban hành"))
	}
	return certificatesJob(s.e, s.d, s.certPreview.Checked), nil
}

func (s *decisionsScreen) onExportPDF() {
	job, err := s.pdfJob()
	if err != nil {
		s.fail(err)
		return
	}
	s.exp.ask(job)
}

func (s *decisionsScreen) onPrintCertificates() {
	job, err := s.certJob()
	if err != nil {
		s.fail(err)
		return
	}
	s.exp.ask(job)
}
