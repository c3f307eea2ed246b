package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestFullCycle drives the real screens through one award: a dossier with
// two candidates typed into the intake form, put before a 15-member council,
// ballots where one candidate reaches the 90 % of CSTĐ cấp tỉnh (14 of 15)
// and one does not (12), the meeting closed, a decision drafted and issued,
// and the register showing the one award with its bonus (3.0 × 2,340,000 =
// 7,020,000, rounded up to 7,100,000). Then the database is reopened and
// everything reads back the same.
func TestFullCycle(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)

	// Hồ sơ: a new dossier through the intake form
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	typeInto(ed.title.entry, "Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2026")
	typeInto(ed.ref.entry, "12/TTr-THTP")
	ed.unit.choose(fx.school)
	typeInto(ed.received.entry, "05/11/2026")
	typeInto(ed.deadline.entry, "15/12/2026")
	if ed.year.entry.Text != "2026" {
		t.Fatalf("year %q", ed.year.entry.Text)
	}
	addPerson := func(query string, wantID string) {
		t.Helper()
		test.Tap(ed.addP)
		cf := ed.cand
		if cf == nil {
			t.Fatal("candidate dialog did not open")
		}
		test.Type(cf.search, query)
		if len(cf.found) == 0 || cf.found[0].ID != wantID {
			t.Fatalf("search %q found %v", query, cf.found)
		}
		cf.results.Select(0)
		cf.award.set("CSTDT")
		cf.rating.set(tdkt.RatingExcellent)
		cf.initiative.set(tdkt.ScopeProvince)
		typeInto(cf.summary.entry, "Có sáng kiến đổi mới phương pháp dạy học được áp dụng toàn tỉnh.")
		test.Tap(cf.ok)
		if ed.cand != nil {
			t.Fatal("candidate dialog still open")
		}
	}
	addPerson("nguyen van an", fx.an)
	addPerson("lo thi binh", fx.binh)
	if len(ed.d.Candidates) != 2 || ed.cands.cell(0, 1) != "Nguyễn Văn An" || ed.cands.cell(1, 1) != "Lò Thị Bình" {
		t.Fatalf("candidates %+v", ed.d.Candidates)
	}
	if ed.cands.cell(0, 4) != "Đủ" || ed.cands.cell(1, 4) != "Chưa đủ" {
		t.Errorf("eligibility column %q %q", ed.cands.cell(0, 4), ed.cands.cell(1, 4))
	}
	if len(ed.d.Docs) == 0 {
		t.Fatal("no document checklist")
	}
	for _, o := range ed.docs.Objects {
		if ch, ok := o.(interface{ SetChecked(bool) }); ok {
			ch.SetChecked(true)
		}
	}
	ed.addAttachment("to-trinh.pdf", []byte("%PDF-1.4 bản scan tờ trình"))
	test.Tap(ed.saveBt)
	if !ed.msg.Hidden {
		t.Fatalf("save refused: %s", ed.msg.Text)
	}
	dossierID := ed.d.ID
	if dossierID == "" || ed.d.Status != tdkt.StatusReceived {
		t.Fatalf("saved dossier %q status %s", dossierID, ed.d.Status)
	}
	for _, to := range []tdkt.Status{tdkt.StatusChecking, tdkt.StatusReady} {
		ed.next.set(to)
		test.Tap(ed.moveBt)
		if ed.d.Status != to {
			t.Fatalf("status %s, want %s (%s)", ed.d.Status, to, ed.msg.Text)
		}
	}
	if len(ed.history.rows) != 3 {
		t.Errorf("history has %d lines", len(ed.history.rows))
	}

	// Hội đồng: 15 members, all present
	sh.show(navCouncil)
	c := sh.council
	test.Tap(c.newBt)
	var members []string
	for i := 1; i <= 15; i++ {
		role := "Ủy viên"
		if i == 1 {
			role = "Chủ tịch Hội đồng"
		}
		members = append(members, "Thành viên Số "+strconv.Itoa(i)+" – "+role)
	}
	f := c.newForm
	typeInto(f.place.entry, "Phòng họp số 1")
	typeInto(f.chair.entry, "Thành viên Số 1")
	typeInto(f.secretary.entry, "Nguyễn Thư Ký")
	f.members.entry.SetText(strings.Join(members, "\n"))
	test.Tap(f.ok)
	if c.m == nil || len(c.m.Members) != 15 {
		t.Fatalf("meeting %+v", c.m)
	}
	if !strings.Contains(c.quorum.Text, "CHƯA ĐỦ") {
		t.Errorf("quorum before attendance: %q", c.quorum.Text)
	}
	for _, ch := range c.checks {
		test.Tap(ch)
	}
	if !strings.Contains(c.quorum.Text, "Có mặt 15/15") || !strings.Contains(c.quorum.Text, "ĐỦ túc số") {
		t.Errorf("quorum: %q", c.quorum.Text)
	}
	test.Tap(c.addBt)
	if c.picker == nil || !c.picker.choose(dossierID) {
		t.Fatal("ready dossier not offered for the agenda")
	}
	test.Tap(c.picker.ok)
	if len(c.rows) != 2 {
		t.Fatalf("agenda has %d rows", len(c.rows))
	}
	// put on the agenda by mistake: not taken off once counted, taken off
	// (back to "ready") before, then put on again
	typeInto(c.rows[0].issued, "15")
	takeOff := func() {
		test.Tap(c.offBt)
		if c.offPick == nil || len(c.offPick.Options) != 1 {
			t.Fatalf("take-off choice %+v", c.offPick)
		}
		c.offPick.SetSelected(c.offPick.Options[0])
		test.Tap(c.offOK)
	}
	takeOff()
	if !strings.Contains(c.msg.Text, "xóa trắng số phiếu") || len(c.rows) != 2 {
		t.Errorf("taken off though counted: %q, %d rows", c.msg.Text, len(c.rows))
	}
	typeInto(c.rows[0].issued, "")
	takeOff()
	var back tdkt.Dossier
	if err := db.View(func(tx *store.Tx) error { return tx.Get(dossierID, &back) }); err != nil {
		t.Fatal(err)
	}
	if len(c.rows) != 0 || back.Status != tdkt.StatusReady || !strings.HasPrefix(back.History[len(back.History)-1].Reason, "Rút khỏi chương trình") {
		t.Fatalf("after taking off: %d rows, dossier %s %+v", len(c.rows), back.Status, back.History[len(back.History)-1])
	}
	test.Tap(c.addBt)
	if !c.picker.choose(dossierID) {
		t.Fatal("the dossier taken off is not offered again")
	}
	test.Tap(c.picker.ok)
	if len(c.rows) != 2 {
		t.Fatalf("agenda has %d rows after putting it on again", len(c.rows))
	}
	count := func(r *ballotRow, agree int) {
		typeInto(r.issued, "15")
		typeInto(r.ret, "15")
		typeInto(r.valid, "15")
		typeInto(r.invalid, "0")
		typeInto(r.agree, strconv.Itoa(agree))
	}
	count(c.rows[0], 14)
	count(c.rows[1], 12)
	// counts typed and not saved survive a visit to another screen
	test.Tap(c.checks[14]) // one member leaves
	sh.show(navDossiers)
	sh.show(navCouncil)
	if c.rows[0].agree.Text != "14" || c.rows[1].agree.Text != "12" || !strings.Contains(c.quorum.Text, "Có mặt 14/15") {
		t.Fatalf("after another screen: agree %q %q, %q", c.rows[0].agree.Text, c.rows[1].agree.Text, c.quorum.Text)
	}
	test.Tap(c.checks[14])
	// the meeting's details corrected while open: the counts typed and the
	// attendance of the members kept stay
	test.Tap(c.editBt)
	ef := c.newForm
	typeInto(ef.place.entry, "Hội trường tầng 2")
	ef.members.entry.SetText(strings.Join(members, "\n") + "\nThành viên Số 16 – Ủy viên")
	test.Tap(ef.ok)
	if c.m.Place != "Hội trường tầng 2" || len(c.m.Members) != 16 || c.m.Members[15].Present || !c.m.Members[0].Present ||
		c.rows[0].agree.Text != "14" {
		t.Fatalf("after editing: place %q, %d members, counts %q", c.m.Place, len(c.m.Members), c.rows[0].agree.Text)
	}
	test.Tap(c.editBt)
	ef = c.newForm
	ef.members.entry.SetText(strings.Join(members, "\n"))
	test.Tap(ef.ok)
	if len(c.m.Members) != 15 || c.m.Present() != 15 {
		t.Fatalf("members back: %d, %d present", len(c.m.Members), c.m.Present())
	}
	if got := c.rows[0].result.Text; got != "ĐẠT 93,33%" {
		t.Errorf("row 1 result %q", got)
	}
	if got := c.rows[1].result.Text; got != "KHÔNG ĐẠT 80%" {
		t.Errorf("row 2 result %q", got)
	}
	// a count that does not add up is explained next to the row
	typeInto(c.rows[1].valid, "16")
	if !strings.Contains(c.rows[1].problem.Text, "Phiếu hợp lệ (16) cộng không hợp lệ (0) phải bằng số phiếu thu vào (15)") {
		t.Errorf("problem %q", c.rows[1].problem.Text)
	}
	typeInto(c.rows[1].valid, "15")
	if c.rows[1].problem.Text != "" {
		t.Errorf("problem stays: %q", c.rows[1].problem.Text)
	}
	// a typo is never counted as 0 votes: not saved, the meeting not
	// closed, the stored count unchanged
	test.Tap(c.saveBt)
	typeInto(c.rows[1].agree, "1O")
	if c.rows[1].result.Text != "chưa đủ số" || !strings.Contains(c.rows[1].problem.Text, "Số phiếu đồng ý \"1O\" không phải số nguyên không âm") {
		t.Errorf("typo: result %q, problem %q", c.rows[1].result.Text, c.rows[1].problem.Text)
	}
	test.Tap(c.saveBt)
	if c.msg.Hidden || !strings.HasPrefix(c.msg.Text, "Chưa lưu: dòng 2") {
		t.Errorf("save with a typo: %q", c.msg.Text)
	}
	test.Tap(c.closeBt)
	if !strings.Contains(c.msg.Text, "Chưa thể kết thúc") || !strings.Contains(c.msg.Text, "không phải số nguyên") {
		t.Errorf("close with a typo: %q", c.msg.Text)
	}
	typeInto(c.rows[1].agree, "")
	test.Tap(c.saveBt)
	if !strings.Contains(c.msg.Text, "chưa nhập số phiếu đồng ý") {
		t.Errorf("save with a blank cell: %q", c.msg.Text)
	}
	var stored tdkt.Meeting
	if err := db.View(func(tx *store.Tx) error { return tx.Get(c.m.ID, &stored) }); err != nil {
		t.Fatal(err)
	}
	if b := stored.Items[1].Ballot; !stored.Items[1].Counted || b.Agree != 12 || b.Valid != 15 {
		t.Errorf("stored count after refused saves: %+v counted %v", b, stored.Items[1].Counted)
	}
	typeInto(c.rows[1].agree, "12")
	test.Tap(c.closeBt)
	if sh.e.confirmOK == nil {
		t.Fatalf("no confirmation (%s)", c.msg.Text)
	}
	test.Tap(sh.e.confirmOK)
	if !c.m.Closed || !c.addBt.Disabled() {
		t.Fatalf("meeting not closed: %s", c.msg.Text)
	}
	// the store refuses to change a closed meeting's count
	locked := *c.m
	locked.Items = append([]tdkt.AgendaItem(nil), c.m.Items...)
	locked.Items[1].Ballot.Agree = 15
	if err := sh.e.update(func(tx *store.Tx) error { return tx.Put(&locked) }); err == nil {
		t.Fatal("closed meeting edited")
	}

	// Cài đặt: a new decree replaces the old one among the decisions'
	// legal grounds (with their punctuation and a blank line, which go)
	sh.show(navSettings)
	st := sh.settings
	if len(st.cat.Bases) != 3 || !strings.Contains(st.bases.entry.Text, "152/2025/NĐ-CP") {
		t.Fatalf("shipped grounds %q", st.cat.Bases)
	}
	// emptied, they are refused with a message and kept
	typeInto(st.bases.entry, " ;\n\n")
	st.onSaveCatalog()
	if st.catMsg.Hidden || !strings.Contains(st.catMsg.Text, "thiếu căn cứ") || len(sh.e.cat.Bases) != 3 {
		t.Fatalf("empty grounds: message %q, kept %q", st.catMsg.Text, sh.e.cat.Bases)
	}
	typeInto(st.bases.entry, "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n\nCăn cứ Nghị định số 999/2026/NĐ-CP của Chính phủ.")
	st.onSaveCatalog()
	if !st.catMsg.Hidden {
		t.Fatalf("catalogue not saved: %s", st.catMsg.Text)
	}

	// Quyết định: one draft for CSTĐ cấp tỉnh with the one who passed
	sh.show(navDecisions)
	d := sh.decisions
	d.wait()
	test.Tap(d.draftBt)
	d.wait()
	if d.d == nil || d.d.AwardCode != "CSTDT" || len(d.d.List) != 1 {
		t.Fatalf("draft %+v", d.d)
	}
	if b := d.d.Bases; len(b) != 3 || b[0] != "Căn cứ Luật Thi đua, khen thưởng năm 2022;" ||
		b[1] != "Căn cứ Nghị định số 999/2026/NĐ-CP của Chính phủ;" || !strings.HasPrefix(b[2], "Căn cứ kết quả") || !strings.HasSuffix(b[2], ".") {
		t.Errorf("draft's grounds %q", b)
	}
	if d.lines.cell(0, 1) != "Nguyễn Văn An" || d.lines.cell(0, 3) != "7.100.000" {
		t.Errorf("draft line %q %q", d.lines.cell(0, 1), d.lines.cell(0, 3))
	}
	if !strings.Contains(d.numberLbl.Text, "01/QĐ-UBND") {
		t.Errorf("proposed number %q", d.numberLbl.Text)
	}
	test.Tap(d.issueBt)
	test.Tap(sh.e.confirmOK)
	d.wait()
	if d.d.Status != tdkt.DecisionIssued || d.d.NumberText() != "01/QĐ-UBND" || !d.saveBt.Disabled() {
		t.Fatalf("decision %s %s (%s)", d.d.Status, d.d.NumberText(), d.msg.Text)
	}
	d.tabs.SelectIndex(1)
	if !strings.Contains(d.prevText, "Số: 01/QĐ-UBND") || !strings.Contains(d.prevText, "Thử Nghiệm, ngày 26 tháng 11 năm 2026") ||
		!strings.Contains(d.prevText, "1. Nguyễn Văn An – Giáo viên – Trường Tiểu học Tân Phúc: 7.100.000 đồng") {
		t.Errorf("preview:\n%s", d.prevText)
	}
	// the catalogue's grounds and the office's wording reach the document
	for _, want := range []string{"Căn cứ Nghị định số 999/2026/NĐ-CP của Chính phủ;", "Theo đề nghị của Giám đốc Sở Nội vụ.",
		"Chánh Văn phòng Ủy ban nhân dân tỉnh Thử Nghiệm, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan"} {
		if !strings.Contains(d.prevText, want) {
			t.Errorf("preview lacks %q:\n%s", want, d.prevText)
		}
	}

	// Sổ & báo cáo: the register shows the one award with its bonus
	sh.show(navRegister)
	r := sh.register
	r.wait()
	r.year.SetSelected("2026")
	r.wait()
	if len(r.table.rows) != 1 {
		t.Fatalf("register has %d lines", len(r.table.rows))
	}
	if r.table.cell(0, 1) != "Nguyễn Văn An" || r.table.cell(0, 8) != "7.100.000" || r.table.cell(0, 5) != "01/QĐ-UBND" {
		t.Errorf("register line %q %q %q", r.table.cell(0, 1), r.table.cell(0, 8), r.table.cell(0, 5))
	}

	// Reopen: what was entered reads back identically
	for _, it := range sh.items {
		it.s.wait()
	}
	db.Close()
	sh2, _, _ := openShell(t, fx.path)
	sh2.show(navDossiers)
	sh2.dossiers.wait()
	sh2.dossiers.openID(dossierID)
	ed2 := sh2.dossiers.editor
	if ed2.title.entry.Text != "Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2026" || ed2.ref.entry.Text != "12/TTr-THTP" ||
		ed2.received.entry.Text != "05/11/2026" || ed2.deadline.entry.Text != "15/12/2026" || ed2.unit.id != fx.school {
		t.Errorf("reopened form: %q %q %q %q %q", ed2.title.entry.Text, ed2.ref.entry.Text, ed2.received.entry.Text, ed2.deadline.entry.Text, ed2.unit.id)
	}
	got := ed2.d
	if got.Status != tdkt.StatusAwarded || len(got.Candidates) != 2 || len(got.Attachments) != 1 {
		t.Fatalf("reopened dossier %s, %d candidates, %d attachments", got.Status, len(got.Candidates), len(got.Attachments))
	}
	if got.Candidates[0].Result != tdkt.ResultAwarded || got.Candidates[1].Result != tdkt.ResultFailed ||
		got.Candidates[0].Initiative != tdkt.ScopeProvince || got.Candidates[0].Rating != tdkt.RatingExcellent ||
		got.Candidates[0].Summary != "Có sáng kiến đổi mới phương pháp dạy học được áp dụng toàn tỉnh." {
		t.Errorf("reopened candidates %+v", got.Candidates)
	}
	for _, doc := range got.Docs {
		if !doc.Present {
			t.Errorf("document %s not ticked after reopening", doc.Name)
		}
	}
	var blob []byte
	sh2.e.view(func(tx *store.Tx) error { blob = tx.Blob(got.Attachments[0].SHA256); return nil })
	if string(blob) != "%PDF-1.4 bản scan tờ trình" {
		t.Errorf("attachment in the store: %q", blob)
	}
	sh2.show(navRegister)
	sh2.register.wait()
	sh2.register.year.SetSelected("2026")
	sh2.register.wait()
	if len(sh2.register.table.rows) != 1 || sh2.register.table.cell(0, 8) != "7.100.000" {
		t.Errorf("register after reopening: %d lines", len(sh2.register.table.rows))
	}
	sh2.show(navCouncil)
	if len(sh2.council.meetings) != 1 || !sh2.council.meetings[0].Closed {
		t.Errorf("meetings after reopening: %+v", sh2.council.meetings)
	}
}
