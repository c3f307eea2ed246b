package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestIntakeValidation: the form says what is wrong next to each field, as
// the user types and when a save is refused, and nothing is written.
func TestIntakeValidation(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor

	// untouched fields show nothing yet
	if ed.title.message() != "" || ed.received.message() != "" {
		t.Fatalf("messages before typing: %q %q", ed.title.message(), ed.received.message())
	}
	// as you type: a title typed then erased
	test.Type(ed.title.entry, "Đ")
	ed.title.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if got := ed.title.message(); got != "Chưa nhập trích yếu hồ sơ" {
		t.Errorf("title message %q", got)
	}
	// a date that looks right but does not exist
	typeInto(ed.received.entry, "31/02/2026")
	if got := ed.received.message(); got != "Ngày 31/02/2026 không có thật: tháng 02/2026 không có ngày 31" {
		t.Errorf("date message %q", got)
	}
	typeInto(ed.deadline.entry, "15/13/2026")
	if got := ed.deadline.message(); got != "Tháng 13 không có (tháng từ 1 đến 12)" {
		t.Errorf("deadline message %q", got)
	}
	typeInto(ed.year.entry, "20266")
	if got := ed.year.message(); got != "Năm thành tích phải từ 1945 đến 2100" {
		t.Errorf("year message %q", got)
	}
	// save refused: every message shown, nothing written
	test.Tap(ed.saveBt)
	if ed.msg.Hidden || !strings.HasPrefix(ed.msg.Text, "Chưa lưu:") {
		t.Errorf("form message %q", ed.msg.Text)
	}
	if ed.unitErr.Hidden || ed.unitErr.Text != "Chưa chọn đơn vị trình" {
		t.Errorf("unit message %q", ed.unitErr.Text)
	}
	if ed.title.message() != "Chưa nhập trích yếu hồ sơ" {
		t.Errorf("title message after save %q", ed.title.message())
	}
	n := 0
	db.View(func(tx *store.Tx) error { n = tx.Count(tdkt.KindDossier); return nil })
	if n != 0 {
		t.Fatalf("%d dossiers written by a refused save", n)
	}

	// corrected, the messages go; Enter in a field saves; the rule of the
	// law (no candidate) is reported from tdkt.ValidateDossier
	typeInto(ed.title.entry, "Đề nghị tặng Giấy khen")
	typeInto(ed.received.entry, "5/3/2026")
	typeInto(ed.deadline.entry, "")
	typeInto(ed.year.entry, "2026")
	ed.unit.choose(fx.school)
	for _, f := range []*field{ed.title, ed.received.field, ed.deadline.field, ed.year} {
		if f.message() != "" {
			t.Errorf("%s still says %q", f.label, f.message())
		}
	}
	ed.title.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(ed.msg.Text, "hồ sơ chưa có người hoặc tập thể được đề nghị") {
		t.Errorf("Enter did not save: %q", ed.msg.Text)
	}

	// Esc closes the candidate dialog even with the cursor in a field
	test.Tap(ed.addP)
	if len(sh.e.dialogs) != 1 || ed.cand == nil {
		t.Fatalf("dialogs %d", len(sh.e.dialogs))
	}
	cf := ed.cand
	test.Tap(cf.ok) // nothing chosen: refused with messages
	if cf.name.message() != "Chưa nhập họ và tên" || cf.awardErr.Text != "Chưa chọn hình thức khen thưởng" {
		t.Errorf("candidate messages %q %q", cf.name.message(), cf.awardErr.Text)
	}
	cf.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(sh.e.dialogs) != 0 || ed.cand != nil {
		t.Fatalf("Esc left %d dialogs open", len(sh.e.dialogs))
	}

	// a new person typed by name, Enter in the dialog adds them, Enter in
	// the form saves dossier and person in one transaction
	test.Tap(ed.addP)
	cf = ed.cand
	typeInto(cf.name.entry, "Giàng A Páo")
	typeInto(cf.position.entry, "Nông dân")
	cf.category.set(tdkt.CatFarmer)
	cf.award.set("GK")
	cf.name.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ed.cand != nil || len(ed.d.Candidates) != 1 {
		t.Fatalf("Enter did not add the candidate")
	}
	ed.ref.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !ed.msg.Hidden || ed.d.ID == "" {
		t.Fatalf("not saved: %q", ed.msg.Text)
	}
	p := &tdkt.Person{}
	db.View(func(tx *store.Tx) error { return tx.Get(ed.d.Candidates[0].PersonID, p) })
	if p.Name != "Giàng A Páo" || p.Category != tdkt.CatFarmer || p.UnitID != fx.school {
		t.Errorf("new person %+v", p)
	}
	// a reason is required to return a dossier (tdkt.Dossier.Move)
	ed.next.set(tdkt.StatusReturned)
	test.Tap(ed.moveBt)
	if ed.d.Status != tdkt.StatusReceived || !strings.Contains(ed.msg.Text, "cần ghi lý do") {
		t.Errorf("returned without reason: %s %q", ed.d.Status, ed.msg.Text)
	}
	typeInto(ed.reason.entry, "Thiếu báo cáo thành tích")
	test.Tap(ed.moveBt)
	if ed.d.Status != tdkt.StatusReturned || ed.history.cell(0, 3) != "Thiếu báo cáo thành tích" {
		t.Errorf("status %s, history %q", ed.d.Status, ed.history.cell(0, 3))
	}
}

// TestEligibilityPanel: the panel explains each criterion in words from the
// recipient's register history, and warns about quotas.
func TestEligibilityPanel(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, _ := openShell(t, fx.path)
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	ed.unit.choose(fx.school)
	add := func(q, code string) {
		test.Tap(ed.addP)
		cf := ed.cand
		test.Type(cf.search, q)
		cf.results.Select(0)
		cf.award.set(code)
		cf.rating.set(tdkt.RatingExcellent)
		cf.initiative.set(tdkt.ScopeProvince)
		test.Tap(cf.ok)
	}
	add("Lo Thi Binh", "CSTDT")
	text := ed.eligibilityText()
	for _, want := range []string{
		"C1. Lò Thị Bình – Chiến sĩ thi đua cấp tỉnh: CHƯA ĐỦ ĐIỀU KIỆN",
		"Ba lần liên tục đạt Chiến sĩ thi đua cơ sở: cần 3 năm liên tục đạt Chiến sĩ thi đua cơ sở; mới có 1 năm liên tục (2025–2025)",
		"Có sáng kiến có phạm vi ảnh hưởng toàn tỉnh: hồ sơ ghi: sáng kiến có phạm vi ảnh hưởng toàn tỉnh",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("panel lacks %q:\n%s", want, text)
		}
	}
	add("Nguyen Van An", "CSTDT")
	text = ed.eligibilityText()
	if !strings.Contains(text, "C2. Nguyễn Văn An – Chiến sĩ thi đua cấp tỉnh: ĐỦ ĐIỀU KIỆN") ||
		!strings.Contains(text, "3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2025)") {
		t.Errorf("panel for An:\n%s", text)
	}
	// a disciplined candidate is refused whatever the history
	ed.editCandidate(1, tdkt.SubjectPerson)
	ed.cand.disciplined.SetChecked(true)
	test.Tap(ed.cand.ok)
	if text = ed.eligibilityText(); !strings.Contains(text, "C2. Nguyễn Văn An – Chiến sĩ thi đua cấp tỉnh: CHƯA ĐỦ ĐIỀU KIỆN") ||
		!strings.Contains(text, "đang bị kỷ luật hoặc đang bị xem xét xử lý kỷ luật, điều tra: chưa được khen thưởng") {
		t.Errorf("disciplined:\n%s", text)
	}
	// a collective: members and holders typed, facts confirmed
	test.Tap(ed.addC)
	cf := ed.cand
	cf.unit.choose(fx.school)
	cf.award.set("TTLDXS")
	typeInto(cf.members.entry, "20")
	typeInto(cf.holders["LDTT"].entry, "12")
	typeInto(cf.holders["CSTDCS"].entry, "2")
	cf.facts["all_done"].SetChecked(true)
	test.Tap(cf.ok)
	text = ed.eligibilityText()
	for _, want := range []string{
		"C3. Trường Tiểu học Tân Phúc – Tập thể lao động xuất sắc: CHƯA ĐỦ ĐIỀU KIỆN",
		"12/20 thành viên đạt Lao động tiên tiến (60.0%); cần ít nhất 70%",
		"có 2 thành viên đạt Chiến sĩ thi đua cơ sở; cần ít nhất 1",
		"chưa xác nhận: không có cá nhân bị kỷ luật từ khiển trách trở lên",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("collective panel lacks %q:\n%s", want, text)
		}
	}
	// CSTĐ cơ sở is capped at 15 % of the unit's Lao động tiên tiến
	add("Nguyen Van An", "CSTDCS")
	if text = ed.eligibilityText(); !strings.Contains(text, "Cảnh báo hạn mức: Đề nghị 1 Chiến sĩ thi đua cơ sở, vượt hạn mức 15% của 0 Lao động tiên tiến (tối đa 0)") {
		t.Errorf("quota warning missing:\n%s", text)
	}
}

// TestSaveKeepsWorkflowMadeElsewhere: while a dossier is open in its
// editor, the council takes it off the agenda and votes nothing; saving
// what was typed keeps that status and history, and the typed title.
func TestSaveKeepsWorkflowMadeElsewhere(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	d := &tdkt.Dossier{Title: "Đề nghị tặng Bằng khen", Year: 2025, UnitID: fx.school, Method: tdkt.MethodRegular, Status: tdkt.StatusCouncil,
		Received: tdkt.D(2026, 10, 1), Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: fx.an, UnitID: fx.school,
			Name: "Nguyễn Văn An", AwardCode: "BKT"}}}
	m := &tdkt.Meeting{Title: "Phiên họp tháng 11", Date: tdkt.D(2026, 11, 20)}
	err := sh.e.update(func(tx *store.Tx) error {
		if err := tx.Put(d); err != nil {
			return err
		}
		m.Items = []tdkt.AgendaItem{{DossierID: d.ID, CandidateID: "C1", Name: "Nguyễn Văn An", AwardCode: "BKT"}}
		return tx.Put(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	sh.show(navDossiers)
	sh.dossiers.wait()
	sh.dossiers.openID(d.ID)
	sh.dossiers.wait()
	ed := sh.dossiers.editor
	typeInto(ed.title.entry, "Đề nghị tặng Bằng khen năm 2025")
	// meanwhile, elsewhere: taken off the agenda
	err = sh.e.update(func(tx *store.Tx) error {
		x := &tdkt.Dossier{}
		if err := tx.Get(d.ID, x); err != nil {
			return err
		}
		if err := tdkt.TakeOffAgenda(m, x, "thuky", clock); err != nil {
			return err
		}
		if err := tx.Put(x); err != nil {
			return err
		}
		return tx.Put(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(ed.saveBt)
	got := &tdkt.Dossier{}
	db.View(func(tx *store.Tx) error { return tx.Get(d.ID, got) })
	if !ed.msg.Hidden || got.Title != "Đề nghị tặng Bằng khen năm 2025" || got.Status != tdkt.StatusReady ||
		!strings.HasPrefix(got.History[len(got.History)-1].Reason, "Rút khỏi chương trình") {
		t.Errorf("saved %q, %s, %+v (%q)", got.Title, got.Status, got.History, ed.msg.Text)
	}
}
