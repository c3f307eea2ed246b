package ui

import (
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

// councilScreen (Hội đồng): council meetings with attendance and the quorum
// shown live (tdkt.Quorum), the agenda built from dossiers that are ready
// (moved to "at the council"), the ballot count per candidate evaluated
// live against the award's threshold as a share of ALL members
// (tdkt.Evaluate), and closing, which locks the meeting and writes each
// candidate's result into its dossier.
type councilScreen struct {
	e        *env
	year     *widget.Select
	list     *widget.List
	meetings []*tdkt.Meeting

	m        *tdkt.Meeting // working copy of the open meeting
	title    *widget.Label
	info     *widget.Label
	attend   *fyne.Container
	checks   []*widget.Check
	written  []*widget.Check
	quorum   *widget.Label
	agenda   *fyne.Container
	rows     []*ballotRow
	addBt    *widget.Button
	saveBt   *widget.Button
	offBt    *widget.Button
	editBt   *widget.Button
	delBt    *widget.Button
	offPick  *widget.RadioGroup // the open "take off the agenda" choice, for tests
	offOK    *widget.Button
	closeBt  *widget.Button
	msg      *widget.Label
	attendAc *widget.Accordion
	page     *fyne.Container
	empty    *widget.Label
	newForm  *meetingForm
	picker   *agendaPicker
	selected string
	newBt    *widget.Button

	exp        *exporter
	minutesBt  *widget.Button
	ballotsBt  *widget.Button
	resultsBt  *widget.Button
	ballotsWhy *widget.Label // why there are no ballot papers to print
}

// ballotRow is one candidate's count on the agenda.
type ballotRow struct {
	key     string // the item's dossier and candidate
	s       *councilScreen
	i       int
	issued  *entry
	ret     *entry
	valid   *entry
	invalid *entry
	agree   *entry
	result  *widget.Label
	problem *widget.Label
}

var ballotWidths = []float32{34, 150, 170, 70, 70, 70, 70, 70, 120}

func newCouncilScreen(e *env) *councilScreen {
	s := &councilScreen{e: e}
	y := e.today().Year
	var years []string
	for i := y + 1; i >= y-20; i-- {
		years = append(years, strconv.Itoa(i))
	}
	s.year = widget.NewSelect(years, func(string) { s.refresh() })
	s.list = widget.NewList(func() int { return len(s.meetings) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			m := s.meetings[i]
			state := ""
			if m.Closed {
				state = lang.L(" (đã khóa)")
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s – %s%s", dateText(m.Date), m.Title, state))
		})
	s.list.OnSelected = func(i widget.ListItemID) { s.openMeeting(s.meetings[i].ID) }
	s.title = heading("")
	s.title.Wrapping = fyne.TextWrapWord
	s.info = wrapLabel("")
	s.attend = container.NewGridWithColumns(2)
	s.quorum = boldLabel("")
	s.quorum.Wrapping = fyne.TextWrapWord
	s.agenda = container.NewVBox()
	s.addBt = widget.NewButtonWithIcon(lang.L("Đưa hồ sơ đủ điều kiện vào phiên họp…"), theme.ContentAddIcon(), s.onAddDossiers)
	s.offBt = widget.NewButtonWithIcon(lang.L("Rút hồ sơ khỏi chương trình…"), theme.ContentRemoveIcon(), s.onTakeOff)
	s.editBt = widget.NewButtonWithIcon(lang.L("Sửa…"), theme.DocumentCreateIcon(), s.onEdit)
	s.delBt = widget.NewButtonWithIcon(lang.L("Xóa"), theme.DeleteIcon(), s.onDelete)
	s.saveBt = widget.NewButtonWithIcon(lang.L("Lưu phiên họp"), theme.DocumentSaveIcon(), s.onSave)
	s.closeBt = widget.NewButtonWithIcon(lang.L("Kết thúc và khóa phiên họp"), theme.ConfirmIcon(), s.onClose)
	s.closeBt.Importance = widget.HighImportance
	s.msg = dangerLabel()
	s.msg.Hide()
	s.empty = wrapLabel(lang.L("Chọn một phiên họp ở bên trái, hoặc tạo phiên họp mới."))
	s.exp = newExporter(e)
	s.minutesBt = widget.NewButtonWithIcon(lang.L("Biên bản họp (PDF)"), theme.DocumentPrintIcon(), func() { s.export(minutesJob) })
	s.ballotsBt = widget.NewButtonWithIcon(lang.L("Phiếu bầu (PDF)"), theme.DocumentPrintIcon(), func() { s.export(ballotsJob) })
	s.resultsBt = widget.NewButtonWithIcon(lang.L("Kết quả biểu quyết (Excel)"), theme.DownloadIcon(), func() { s.export(resultsJob) })
	s.ballotsWhy = widget.NewLabel("")
	s.ballotsWhy.Importance = widget.LowImportance
	s.ballotsWhy.Wrapping = fyne.TextWrapWord
	s.attendAc = widget.NewAccordion(widget.NewAccordionItem(lang.L("Điểm danh thành viên"), container.NewVBox(
		wrapLabel(lang.L("Đánh dấu thành viên có mặt; \"phiếu gửi\" cho người vắng mặt gửi phiếu bằng văn bản.")), s.attend)))
	return s
}

func (s *councilScreen) content() fyne.CanvasObject {
	s.newBt = widget.NewButtonWithIcon(lang.L("Phiên họp mới"), theme.ContentAddIcon(), s.onNew)
	s.newBt.Importance = widget.HighImportance
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, boldLabel(lang.L("Năm")), nil, s.year), s.newBt), nil, nil, nil, s.list)
	hdr := func(s string) *widget.Label {
		l := boldLabel(s)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	header := container.New(&columnsLayout{widths: ballotWidths},
		hdr(lang.L("TT")), hdr(lang.L("Người, tập thể")), hdr(lang.L("Hình thức – cần đạt")),
		hdr(lang.L("Phát")), hdr(lang.L("Thu")), hdr(lang.L("H.lệ")), hdr(lang.L("K.HL")), hdr(lang.L("Đ.ý")),
		hdr(lang.L("Kết quả")), hdr(lang.L("Ghi chú")))
	body := container.NewVBox(
		// beside the title: with the agenda's buttons they made the
		// window wider than a 1280-pixel screen
		container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(s.editBt, s.delBt)), s.title), s.info,
		s.attendAc, s.quorum,
		widget.NewSeparator(),
		boldLabel(lang.L("Chương trình và kết quả kiểm phiếu")),
		container.NewHBox(s.addBt, s.offBt),
		wrapLabel(lang.L("Phát: phiếu phát ra; Thu: phiếu thu vào; H.lệ: hợp lệ; K.HL: không hợp lệ; Đ.ý: đồng ý. Tỷ lệ tính trên TỔNG SỐ thành viên Hội đồng (kể cả vắng mặt), không tính trên số có mặt hay số phiếu hợp lệ.")),
		container.NewHScroll(container.NewVBox(header, s.agenda)),
	)
	// the actions stay in sight below the agenda, however long it is
	actions := container.NewVBox(widget.NewSeparator(), s.msg,
		container.NewHBox(s.saveBt, s.closeBt),
		container.NewHBox(s.minutesBt, s.ballotsBt, s.resultsBt),
		s.ballotsWhy, s.exp.prog.box)
	s.page = container.NewBorder(nil, actions, nil, nil, container.NewVScroll(container.NewPadded(body)))
	s.page.Hide()
	split := container.NewHSplit(left, container.NewStack(container.NewPadded(s.empty), s.page))
	split.Offset = 0.2
	s.year.SetSelected(strconv.Itoa(s.e.today().Year))
	return split
}

func (s *councilScreen) wait() { s.exp.wait() }

func (s *councilScreen) refresh() {
	if s.year.Selected == "" {
		return
	}
	s.meetings = nil
	s.e.view(func(tx *store.Tx) error {
		for _, id := range tx.IDs("meeting.year", year4(atoi(s.year.Selected))) {
			m := &tdkt.Meeting{}
			if tx.Get(id, m) == nil && !m.Deleted {
				s.meetings = append(s.meetings, m)
			}
		}
		return nil
	})
	sort.SliceStable(s.meetings, func(i, j int) bool { return s.meetings[j].Date.Before(s.meetings[i].Date) })
	s.list.UnselectAll()
	s.list.Refresh()
	if s.selected != "" {
		keep := s.unsaved()
		s.openMeeting(s.selected)
		s.restore(keep)
	}
}

// councilDraft is what was typed into an open meeting and not saved: the
// attendance and every count cell, by dossier and candidate.
type councilDraft struct {
	id      string
	at      time.Time // the stored meeting's stamp when it was opened
	members []tdkt.Member
	cells   map[string][5]string
}

// unsaved takes what is typed into the open meeting, so that coming back
// to the screen (which reads the meeting again) does not lose it.
func (s *councilScreen) unsaved() *councilDraft {
	if s.m == nil || s.m.Closed || s.m.ID != s.selected {
		return nil
	}
	d := &councilDraft{id: s.m.ID, at: s.m.UpdatedAt, members: append([]tdkt.Member(nil), s.m.Members...), cells: map[string][5]string{}}
	for _, r := range s.rows { // the rows may be of an agenda s.m no longer has
		d.cells[r.key] = [5]string{r.issued.Text, r.ret.Text, r.valid.Text, r.invalid.Text, r.agree.Text}
	}
	return d
}

// restore puts d back into the meeting just read, when nobody saved it
// meanwhile (a save shows what was saved).
func (s *councilScreen) restore(d *councilDraft) {
	if d == nil || s.m == nil || s.m.Closed || s.m.ID != d.id || !s.m.UpdatedAt.Equal(d.at) {
		return
	}
	if len(d.members) == len(s.m.Members) {
		for i, mem := range d.members {
			s.checks[i].SetChecked(mem.Present)
			s.written[i].SetChecked(mem.Written)
		}
	}
	for _, r := range s.rows {
		it := s.m.Items[r.i]
		c, ok := d.cells[it.DossierID+"\x00"+it.CandidateID]
		if !ok {
			continue
		}
		for k, en := range []*entry{r.issued, r.ret, r.valid, r.invalid, r.agree} {
			en.SetText(c[k])
		}
		r.evaluate()
	}
	s.updateQuorum()
}

// openMeeting shows the meeting with id.
func (s *councilScreen) openMeeting(id string) {
	m := &tdkt.Meeting{}
	if err := s.e.view(func(tx *store.Tx) error { return tx.Get(id, m) }); err != nil {
		s.e.showError(err)
		return
	}
	s.selected = id
	s.m = m
	s.rows = nil // the old rows judge the old items; the checks below re-evaluate
	s.title.SetText(m.Title)
	info := fmt.Sprintf(lang.L("Ngày %s"), dateText(m.Date))
	if m.Start != "" {
		info += ", " + m.Start
	}
	if m.Place != "" {
		info += lang.L(" tại ") + m.Place
	}
	info += fmt.Sprintf(lang.L(". Chủ trì: %s. Thư ký: %s."), m.Chair, m.Secretary)
	if m.Closed {
		info += lang.L(" Phiên họp đã kết thúc và khóa: kết quả không sửa được.")
	}
	s.info.SetText(info)
	s.attend.Objects = nil
	s.checks, s.written = nil, nil
	for i, mem := range m.Members {
		i := i
		present := widget.NewCheck("", func(b bool) {
			s.m.Members[i].Present = b
			s.updateQuorum()
		})
		present.SetChecked(mem.Present)
		wr := widget.NewCheck(lang.L("phiếu gửi"), func(b bool) { s.m.Members[i].Written = b })
		wr.SetChecked(mem.Written)
		if m.Closed {
			present.Disable()
			wr.Disable()
		}
		s.checks = append(s.checks, present)
		s.written = append(s.written, wr)
		s.attend.Add(container.NewBorder(nil, nil, present, wr, truncLabel(fmt.Sprintf("%d. %s – %s", i+1, mem.Name, mem.Role))))
	}
	s.attend.Refresh()
	s.attendAc.Items[0].Title = fmt.Sprintf(lang.L("Điểm danh thành viên (%d/%d có mặt)"), m.Present(), len(m.Members))
	if m.Closed {
		s.attendAc.Close(0)
	} else {
		s.attendAc.Open(0)
	}
	s.attendAc.Refresh()
	s.agenda.Objects = nil
	s.rows = nil
	for i := range m.Items {
		r := s.newBallotRow(i)
		s.rows = append(s.rows, r)
		s.agenda.Add(r.widget())
	}
	if len(m.Items) == 0 {
		s.agenda.Add(widget.NewLabel(lang.L("Chưa có ai trong chương trình. Bấm \"Đưa hồ sơ đủ điều kiện vào phiên họp…\".")))
	}
	s.agenda.Refresh()
	for _, b := range []*widget.Button{s.addBt, s.offBt, s.editBt, s.saveBt, s.closeBt} {
		if m.Closed {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if m.Closed || len(m.Items) > 0 { // a meeting with an agenda is emptied first
		s.delBt.Disable()
	} else {
		s.delBt.Enable()
	}
	s.msg.Hide()
	s.updateQuorum()
	s.showExports()
	s.empty.Hide()
	s.page.Show()
}

func (s *councilScreen) quorumNeeded(total int) int {
	for k := 0; k <= total; k++ {
		if tdkt.Quorum(k, total, s.e.cat.QuorumNum, s.e.cat.QuorumDen) {
			return k
		}
	}
	return total
}

// updateQuorum shows attendance against the quorum and re-evaluates every
// ballot, since a meeting without quorum passes nothing.
func (s *councilScreen) updateQuorum() {
	if s.m == nil {
		return
	}
	total, present := len(s.m.Members), s.m.Present()
	ok := tdkt.Quorum(present, total, s.e.cat.QuorumNum, s.e.cat.QuorumDen)
	verdict := lang.L("ĐỦ túc số")
	s.quorum.Importance = widget.SuccessImportance
	if !ok {
		verdict = lang.L("CHƯA ĐỦ túc số")
		s.quorum.Importance = widget.DangerImportance
	}
	if t := fmt.Sprintf(lang.L("Điểm danh thành viên (%d/%d có mặt)"), present, total); s.attendAc.Items[0].Title != t {
		s.attendAc.Items[0].Title = t
		s.attendAc.Refresh()
	}
	s.quorum.SetText(fmt.Sprintf(lang.L("Có mặt %d/%d thành viên – %s (cần ít nhất %d, tỷ lệ %d/%d tổng số thành viên)."),
		present, total, verdict, s.quorumNeeded(total), s.e.cat.QuorumNum, s.e.cat.QuorumDen))
	for _, r := range s.rows {
		r.evaluate()
	}
}

func (s *councilScreen) newBallotRow(i int) *ballotRow {
	r := &ballotRow{s: s, i: i}
	it := s.m.Items[i]
	r.key = it.DossierID + "\x00" + it.CandidateID
	mk := func(v int, counted bool) *entry {
		en := newEntry()
		if counted {
			en.SetText(strconv.Itoa(v))
		}
		en.Validator = func(t string) error {
			if strings.TrimSpace(t) == "" {
				return nil
			}
			if n, err := strconv.Atoi(strings.TrimSpace(t)); err != nil || n < 0 {
				return errors.New(lang.L("Số phiếu phải là số nguyên không âm"))
			}
			return nil
		}
		en.OnChanged = func(string) { r.evaluate() }
		en.OnSubmitted = func(string) { s.onSave() }
		if s.m.Closed {
			en.Disable()
		}
		return en
	}
	b := it.Ballot
	r.issued = mk(b.Issued, it.Counted)
	r.ret = mk(b.Returned, it.Counted)
	r.valid = mk(b.Valid, it.Counted)
	r.invalid = mk(b.Invalid, it.Counted)
	r.agree = mk(b.Agree, it.Counted)
	r.result = boldLabel("")
	r.problem = widget.NewLabel("")
	r.problem.Wrapping = fyne.TextWrapWord
	r.problem.Importance = widget.WarningImportance
	return r
}

func (r *ballotRow) widget() fyne.CanvasObject {
	s := r.s
	it := s.m.Items[r.i]
	total := len(s.m.Members)
	need := ""
	if item, ok := s.e.cat.Item(it.AwardCode); ok {
		need = fmt.Sprintf(lang.L(" – tối thiểu %s%% = %d phiếu"), fmtFloat(item.Threshold), tdkt.Needed(total, item.Threshold))
	}
	how := lang.L("giơ tay")
	if it.Secret {
		how = lang.L("phiếu kín")
	}
	name := truncLabel(it.Name)
	award := truncLabel(s.e.itemShort(it.AwardCode) + need)
	award2 := widget.NewLabel(how)
	award2.Importance = widget.LowImportance
	return container.New(&columnsLayout{widths: ballotWidths},
		widget.NewLabel(strconv.Itoa(r.i+1)), name, container.NewVBox(award, award2),
		r.issued, r.ret, r.valid, r.invalid, r.agree, r.result, r.problem)
}

// counted reports whether any number was typed.
func (r *ballotRow) counted() bool {
	for _, en := range []*entry{r.issued, r.ret, r.valid, r.invalid, r.agree} {
		if strings.TrimSpace(en.Text) != "" {
			return true
		}
	}
	return false
}

// ballot reads the five counts of a counted row. Every cell must hold a
// whole number: a blank or a typo ("O" for 0, "1O") is an error naming
// the column, never a count of 0 stored and locked with the meeting.
func (r *ballotRow) ballot() (tdkt.Ballot, error) {
	var b tdkt.Ballot
	for _, c := range []struct {
		en   *entry
		name string
		n    *int
	}{
		{r.issued, lang.L("phiếu phát ra"), &b.Issued}, {r.ret, lang.L("phiếu thu vào"), &b.Returned},
		{r.valid, lang.L("phiếu hợp lệ"), &b.Valid}, {r.invalid, lang.L("phiếu không hợp lệ"), &b.Invalid},
		{r.agree, lang.L("phiếu đồng ý"), &b.Agree},
	} {
		t := strings.TrimSpace(c.en.Text)
		if t == "" {
			return b, fmt.Errorf(lang.L("chưa nhập số %s"), c.name)
		}
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			return b, fmt.Errorf(lang.L("số %s \"%s\" không phải số nguyên không âm"), c.name, t)
		}
		*c.n = n
	}
	return b, nil
}

// evaluate judges the row with tdkt.Evaluate and writes it into the
// working copy.
func (r *ballotRow) evaluate() tdkt.Vote {
	s := r.s
	it := &s.m.Items[r.i]
	if !r.counted() {
		it.Counted, it.Passed, it.Ballot = false, false, tdkt.Ballot{}
		r.result.SetText(lang.L("chưa kiểm phiếu"))
		r.result.Importance = widget.LowImportance
		r.result.Refresh()
		r.problem.SetText("")
		return tdkt.Vote{Problem: lang.L("chưa kiểm phiếu")}
	}
	threshold := 100.0
	if item, ok := s.e.cat.Item(it.AwardCode); ok {
		threshold = item.Threshold
	}
	b, err := r.ballot()
	if err != nil {
		// not counted until every cell reads: the stored row keeps no
		// half-typed numbers
		it.Counted, it.Passed, it.Ballot = false, false, tdkt.Ballot{}
		r.result.SetText(lang.L("chưa đủ số"))
		r.result.Importance = widget.WarningImportance
		r.result.Refresh()
		r.problem.SetText(capFirst(err.Error()))
		return tdkt.Vote{Problem: err.Error()}
	}
	v := tdkt.Evaluate(b, len(s.m.Members), s.m.Present(), threshold, s.e.cat)
	it.Ballot, it.Counted, it.Passed = b, true, v.Passed && v.Problem == ""
	if it.Passed {
		r.result.SetText(lang.L("ĐẠT ") + fmtFloat(v.Percent) + "%")
		r.result.Importance = widget.SuccessImportance
	} else {
		r.result.SetText(lang.L("KHÔNG ĐẠT ") + fmtFloat(v.Percent) + "%")
		r.result.Importance = widget.DangerImportance
	}
	r.result.Refresh()
	r.problem.SetText(capFirst(v.Problem))
	return v
}

func (s *councilScreen) fail(err error) {
	s.msg.SetText(err.Error())
	s.msg.Show()
}

// onSave stores attendance and counts (the meeting stays open).
func (s *councilScreen) onSave() {
	if s.m == nil || s.m.Closed {
		return
	}
	var bad []string
	for _, r := range s.rows {
		r.evaluate()
		if _, err := r.ballot(); err != nil && r.counted() {
			bad = append(bad, fmt.Sprintf(lang.L("dòng %d (%s): %s"), r.i+1, s.m.Items[r.i].Name, err))
		}
	}
	if len(bad) > 0 {
		s.fail(errors.New(lang.L("Chưa lưu: ") + strings.Join(bad, "; ") + lang.L(". Sửa lại hoặc xóa trắng cả dòng (chưa kiểm phiếu).")))
		return
	}
	m := *s.m
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(&m) }); err != nil {
		s.fail(err)
		return
	}
	s.msg.Hide()
	s.selected = m.ID
	s.refresh()
}

// onClose checks every count, then locks the meeting and writes the results
// into the dossiers in one transaction.
func (s *councilScreen) onClose() {
	if s.m == nil || s.m.Closed {
		return
	}
	if len(s.m.Items) == 0 {
		s.fail(errors.New(lang.L("Chưa thể kết thúc: chương trình họp chưa có ai.")))
		return
	}
	var probs []string
	for _, r := range s.rows {
		v := r.evaluate()
		if v.Problem != "" {
			probs = append(probs, fmt.Sprintf(lang.L("dòng %d (%s): %s"), r.i+1, s.m.Items[r.i].Name, v.Problem))
		}
	}
	if len(probs) > 0 {
		s.fail(errors.New(lang.L("Chưa thể kết thúc: ") + strings.Join(probs, "; ")))
		return
	}
	s.e.confirm(lang.L("Kết thúc phiên họp"), lang.L("Sau khi kết thúc, phiên họp bị khóa và kết quả kiểm phiếu không sửa được nữa. Kết thúc?"), s.closeNow)
}

func (s *councilScreen) closeNow() {
	m := *s.m
	m.Items = append([]tdkt.AgendaItem(nil), s.m.Items...)
	m.Members = append([]tdkt.Member(nil), s.m.Members...)
	m.Closed = true
	at := s.e.now().UTC().Truncate(time.Second)
	err := s.e.update(func(tx *store.Tx) error {
		if err := tx.Put(&m); err != nil {
			return err
		}
		byDossier := map[string][]tdkt.AgendaItem{}
		var order []string
		for _, it := range m.Items {
			if _, ok := byDossier[it.DossierID]; !ok {
				order = append(order, it.DossierID)
			}
			byDossier[it.DossierID] = append(byDossier[it.DossierID], it)
		}
		for _, id := range order {
			if id == "" {
				continue
			}
			d := &tdkt.Dossier{}
			if err := tx.Get(id, d); err != nil {
				return err
			}
			anyPassed := false
			for _, it := range byDossier[id] {
				c, ok := d.Candidate(it.CandidateID)
				if !ok {
					continue
				}
				if it.Passed {
					c.Result = tdkt.ResultPassed
					anyPassed = true
				} else {
					c.Result = tdkt.ResultFailed
				}
			}
			if !anyPassed && tdkt.CanMove(d.Status, tdkt.StatusRejected) {
				if err := d.Move(tdkt.StatusRejected, "Không đạt tỷ lệ phiếu tại "+m.Title, s.e.user, at); err != nil {
					return err
				}
			}
			if err := tx.Put(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.fail(err)
		return
	}
	s.selected = m.ID
	s.refresh()
}

// meetingForm is the dialog that creates a meeting.
type meetingForm struct {
	s         *councilScreen
	edit      *tdkt.Meeting // nil for a new meeting
	title     *field
	date      *dateField
	start     *field
	place     *field
	chair     *field
	secretary *field
	members   *field
	d         *dialog.CustomDialog
	ok        *widget.Button
}

func (s *councilScreen) onNew() { s.meetingForm(nil) }

// onDelete deletes an open meeting created by mistake, after asking; one
// with dossiers on its agenda is emptied first (Rút hồ sơ khỏi chương
// trình), so that no dossier is left at the council without a meeting.
func (s *councilScreen) onDelete() {
	m := s.m
	if m == nil || m.Closed || len(m.Items) > 0 {
		return
	}
	s.e.confirm(lang.L("Xóa phiên họp"), fmt.Sprintf(lang.L("Xóa phiên họp \"%s\" ngày %s? Phiên họp chưa có hồ sơ nào trong chương trình."), m.Title, dateText(m.Date)), func() {
		if err := s.e.update(func(tx *store.Tx) error { return tx.Delete(tdkt.KindMeeting, m.ID) }); err != nil {
			s.fail(err)
			return
		}
		s.selected, s.m = "", nil
		s.page.Hide()
		s.empty.Show()
		s.refresh()
	})
}

// onEdit corrects the open meeting's title, date, time, place, chair,
// secretary and members (the minutes print them); the agenda, the counts
// typed so far and the attendance of the members kept stay.
func (s *councilScreen) onEdit() {
	if s.m != nil && !s.m.Closed {
		s.meetingForm(s.m)
	}
}

// meetingForm opens the form for a new meeting (edit nil) or for edit.
func (s *councilScreen) meetingForm(edit *tdkt.Meeting) {
	f := &meetingForm{s: s, edit: edit}
	f.title = newField(lang.L("Tên phiên họp"), newEntry(), required(lang.L("tên phiên họp")))
	f.date = newDateField(lang.L("Ngày họp"), false)
	f.start = newField(lang.L("Giờ bắt đầu"), newEntry(), nil)
	f.place = newField(lang.L("Địa điểm"), newEntry(), nil)
	f.chair = newField(lang.L("Chủ trì"), newEntry(), required(lang.L("người chủ trì")))
	f.secretary = newField(lang.L("Thư ký"), newEntry(), required(lang.L("thư ký")))
	f.members = newField(lang.L("Thành viên"), newMultiEntry(8), func(t string) error {
		if len(parseMembers(t)) == 0 {
			return errors.New(lang.L("Chưa nhập thành viên Hội đồng (mỗi dòng một người: Họ tên – Vai trò)"))
		}
		return nil
	})
	for _, x := range []*field{f.title, f.date.field, f.start, f.place, f.chair, f.secretary} {
		x.entry.OnSubmitted = func(string) { f.submit() }
	}
	// start from the latest meeting's members: the council changes rarely
	var last *tdkt.Meeting
	s.e.view(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindMeeting, func(r tdkt.Record) error {
			m := r.(*tdkt.Meeting)
			if last == nil || last.Date.Before(m.Date) {
				last = m
			}
			return nil
		})
	})
	f.title.set(fmt.Sprintf("Phiên họp Hội đồng Thi đua – Khen thưởng năm %d", s.e.today().Year))
	f.date.setDate(s.e.today())
	f.start.set("08:00")
	if edit != nil {
		last = edit
		f.title.set(edit.Title)
		f.date.setDate(edit.Date)
		f.start.set(edit.Start)
	}
	if last != nil {
		f.place.set(last.Place)
		f.chair.set(last.Chair)
		f.secretary.set(last.Secretary)
		var lines []string
		for _, m := range last.Members {
			lines = append(lines, m.Name+" – "+m.Role)
		}
		f.members.set(strings.Join(lines, "\n"))
	}
	form := formRows(lang.L("Tên phiên họp"), f.title, lang.L("Ngày họp"), f.date.field, lang.L("Giờ bắt đầu"), f.start, lang.L("Địa điểm"), f.place,
		lang.L("Chủ trì"), f.chair, lang.L("Thư ký"), f.secretary, lang.L("Thành viên"), f.members)
	okText, title := lang.L("Tạo phiên họp"), lang.L("Phiên họp mới")
	if edit != nil {
		okText, title = lang.L("Lưu"), lang.L("Sửa thông tin phiên họp")
	}
	ok := widget.NewButtonWithIcon(okText, theme.ConfirmIcon(), f.submit)
	ok.Importance = widget.HighImportance
	f.ok = ok
	f.d = dialog.NewCustomWithoutButtons(title, container.NewVScroll(container.NewVBox(form,
		wrapLabel(lang.L("Mỗi dòng một thành viên: Họ tên – Vai trò (Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên, Thư ký).")))), s.e.win)
	f.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.d.Hide() }), ok})
	f.d.Resize(fyne.NewSize(720, 620))
	s.newForm = f
	s.e.show(f.d)
}

// parseMembers reads "Name – Role" lines.
func parseMembers(t string) []tdkt.Member {
	var out []tdkt.Member
	for _, line := range strings.Split(t, "\n") {
		line = tdkt.NFC(line)
		if line == "" {
			continue
		}
		name, role := line, "Ủy viên"
		for _, sep := range []string{" – ", " - ", ";", "\t"} {
			if i := strings.Index(line, sep); i > 0 {
				name, role = tdkt.NFC(line[:i]), tdkt.NFC(line[i+len(sep):])
				break
			}
		}
		if role == "" {
			role = "Ủy viên"
		}
		out = append(out, tdkt.Member{Name: name, Role: role})
	}
	return out
}

func (f *meetingForm) submit() {
	if err := checkAll(f.title, f.date.field, f.chair, f.secretary, f.members); err != nil {
		return
	}
	day, _ := f.date.date()
	m := &tdkt.Meeting{Title: f.title.text(), Date: day, Start: f.start.text(), Place: f.place.text(),
		Chair: f.chair.text(), Secretary: f.secretary.text(), Members: parseMembers(f.members.entry.Text)}
	if f.edit != nil {
		// the working copy: its agenda with the counts typed so far; the
		// members kept keep their attendance
		for _, r := range f.s.rows {
			r.evaluate()
		}
		cur := *f.s.m
		cur.Items = append([]tdkt.AgendaItem(nil), f.s.m.Items...)
		was := map[string]tdkt.Member{}
		for _, x := range cur.Members {
			was[tdkt.Fold(x.Name)] = x
		}
		for i, x := range m.Members {
			if old, ok := was[tdkt.Fold(x.Name)]; ok {
				m.Members[i].Present, m.Members[i].Written = old.Present, old.Written
			}
		}
		cur.Title, cur.Date, cur.Start, cur.Place, cur.Chair, cur.Secretary, cur.Members =
			m.Title, m.Date, m.Start, m.Place, m.Chair, m.Secretary, m.Members
		m = &cur
	}
	if err := f.s.e.update(func(tx *store.Tx) error { return tx.Put(m) }); err != nil {
		f.s.e.showError(err)
		return
	}
	if f.edit != nil {
		f.s.m = m // what refresh keeps as typed is what was just saved
	}
	f.d.Hide()
	f.s.selected = m.ID
	f.s.year.SetSelected(strconv.Itoa(day.Year))
	f.s.refresh()
}

// agendaPicker lists the dossiers that are ready for the council.
type agendaPicker struct {
	s      *councilScreen
	ready  []*tdkt.Dossier
	checks []*widget.Check
	d      *dialog.CustomDialog
	ok     *widget.Button
}

func (s *councilScreen) onAddDossiers() {
	if s.m == nil || s.m.Closed {
		return
	}
	p := &agendaPicker{s: s}
	s.e.view(func(tx *store.Tx) error {
		for _, id := range tx.IDs("dossier.status", string(tdkt.StatusReady)) {
			d := &tdkt.Dossier{}
			if tx.Get(id, d) == nil && !d.Deleted {
				p.ready = append(p.ready, d)
			}
		}
		return nil
	})
	box := container.NewVBox()
	for _, d := range p.ready {
		ch := widget.NewCheck(fmt.Sprintf(lang.L("%s – %s (%d đề nghị)"), d.Title, s.e.unitName(d.UnitID), len(d.Candidates)), nil)
		p.checks = append(p.checks, ch)
		box.Add(ch)
	}
	if len(p.ready) == 0 {
		box.Add(wrapLabel(lang.L("Không có hồ sơ nào ở trạng thái \"Đủ điều kiện trình Hội đồng\".")))
	}
	p.ok = widget.NewButtonWithIcon(lang.L("Đưa vào phiên họp"), theme.ConfirmIcon(), func() {
		p.d.Hide()
		p.apply()
	})
	p.ok.Importance = widget.HighImportance
	p.d = dialog.NewCustomWithoutButtons(lang.L("Đưa hồ sơ vào phiên họp"), container.NewVScroll(box), s.e.win)
	p.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { p.d.Hide() }), p.ok})
	p.d.Resize(fyne.NewSize(760, 520))
	s.picker = p
	s.e.show(p.d)
}

// onTakeOff takes a dossier put on the agenda by mistake back off it
// (tdkt.TakeOffAgenda): the user picks it among the agenda's dossiers and
// confirms; the meeting, with the counts typed so far, and the dossier are
// saved in one transaction.
func (s *councilScreen) onTakeOff() {
	if s.m == nil || s.m.Closed {
		return
	}
	var ids, labels []string
	seen := map[string]bool{}
	s.e.view(func(tx *store.Tx) error {
		for _, it := range s.m.Items {
			if it.DossierID == "" || seen[it.DossierID] {
				continue
			}
			seen[it.DossierID] = true
			d := &tdkt.Dossier{}
			if tx.Get(it.DossierID, d) != nil {
				continue
			}
			ids = append(ids, d.ID)
			// numbered: two dossiers may read alike, and the choice is by label
			labels = append(labels, fmt.Sprintf("%d. ", len(ids))+fmt.Sprintf(lang.L("%s – %s (%d đề nghị)"), d.Title, s.e.unitName(d.UnitID), len(d.Candidates)))
		}
		return nil
	})
	if len(ids) == 0 {
		s.e.showInfo(lang.L("Rút hồ sơ khỏi chương trình"), lang.L("Chương trình họp chưa có hồ sơ nào."))
		return
	}
	pick := widget.NewRadioGroup(labels, nil)
	s.offPick = pick
	var d *dialog.CustomDialog
	var ok *widget.Button
	ok = widget.NewButtonWithIcon(lang.L("Rút khỏi chương trình"), theme.ContentRemoveIcon(), func() {
		for i, l := range labels {
			if l == pick.Selected {
				d.Hide()
				s.takeOff(ids[i])
				return
			}
		}
	})
	ok.Importance = widget.HighImportance
	s.offOK = ok
	d = dialog.NewCustomWithoutButtons(lang.L("Rút hồ sơ khỏi chương trình"), container.NewVBox(
		wrapLabel(lang.L("Hồ sơ đưa nhầm vào phiên họp trở về trạng thái \"Đủ điều kiện trình Hội đồng\"; mọi người, tập thể của hồ sơ ra khỏi chương trình. Chỉ rút được khi chưa ghi số phiếu cho họ.")),
		container.NewVScroll(pick)), s.e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(760, 420))
	s.e.show(d)
}

// takeOff stores the meeting without dossier id's candidates and the
// dossier back at "ready".
func (s *councilScreen) takeOff(id string) {
	for _, r := range s.rows {
		r.evaluate()
		// a row half typed is not counted yet, but its numbers would go
		if it := s.m.Items[r.i]; it.DossierID == id && r.counted() {
			s.fail(fmt.Errorf(lang.L("Chưa rút: đã ghi số phiếu cho %s: xóa trắng số phiếu của dòng này trước khi rút hồ sơ"), it.Name))
			return
		}
	}
	m := *s.m
	m.Items = append([]tdkt.AgendaItem(nil), s.m.Items...)
	at := s.e.now().UTC().Truncate(time.Second)
	err := s.e.update(func(tx *store.Tx) error {
		d := &tdkt.Dossier{}
		if err := tx.Get(id, d); err != nil {
			return err
		}
		if err := tdkt.TakeOffAgenda(&m, d, s.e.user, at); err != nil {
			return err
		}
		if err := tx.Put(d); err != nil {
			return err
		}
		return tx.Put(&m)
	})
	if err != nil {
		s.fail(err)
		return
	}
	s.selected, s.m = m.ID, &m // refresh keeps what other rows have typed but not finished
	s.refresh()
}

// choose ticks the dossier with id (for tests and keyboard users).
func (p *agendaPicker) choose(id string) bool {
	for i, d := range p.ready {
		if d.ID == id {
			p.checks[i].SetChecked(true)
			return true
		}
	}
	return false
}

// apply moves the chosen dossiers to the council and puts their candidates
// on the agenda, in one transaction with the meeting.
func (p *agendaPicker) apply() {
	s := p.s
	m := *s.m
	m.Items = append([]tdkt.AgendaItem(nil), s.m.Items...)
	at := s.e.now().UTC().Truncate(time.Second)
	var chosen []*tdkt.Dossier
	for i, d := range p.ready {
		if p.checks[i].Checked {
			chosen = append(chosen, cloneDossier(d))
		}
	}
	if len(chosen) == 0 {
		return
	}
	err := s.e.update(func(tx *store.Tx) error {
		for _, d := range chosen {
			if err := tdkt.PutOnAgenda(&m, d, s.e.cat, s.e.user, at); err != nil {
				return err
			}
			if err := tx.Put(d); err != nil {
				return err
			}
		}
		return tx.Put(&m)
	})
	if err != nil {
		s.fail(err)
		return
	}
	s.selected, s.m = m.ID, &m // refresh keeps what the rows have typed but not finished
	s.refresh()
}

// showExports offers ballot papers only when some item is voted by secret
// ballot, and says why otherwise.
func (s *councilScreen) showExports() {
	secret := false
	for _, it := range s.m.Items {
		secret = secret || it.Secret
	}
	if secret {
		s.ballotsBt.Enable()
		s.ballotsWhy.Hide()
		return
	}
	s.ballotsBt.Disable()
	if len(s.m.Items) == 0 {
		s.ballotsWhy.SetText(lang.L("Phiếu bầu: chương trình họp chưa có ai."))
	} else {
		s.ballotsWhy.SetText(lang.L("Phiếu bầu: không có nội dung nào bỏ phiếu kín (các hình thức trong chương trình đều biểu quyết giơ tay)."))
	}
	s.ballotsWhy.Show()
}

// exported is the meeting as it will print: the working copy with the
// counts as typed.
func (s *councilScreen) exported() *tdkt.Meeting {
	for _, r := range s.rows {
		r.evaluate()
	}
	m := *s.m
	m.Items = append([]tdkt.AgendaItem(nil), s.m.Items...)
	m.Members = append([]tdkt.Member(nil), s.m.Members...)
	return &m
}

func (s *councilScreen) export(job func(*env, *tdkt.Meeting) exportJob) {
	if s.m == nil {
		return
	}
	s.exp.ask(job(s.e, s.exported()))
}
