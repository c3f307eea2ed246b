package ui

import (
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// TestAmendmentWithdrawsALine: a line issued with a wrong position is
// corrected as the law wants — by an amendment that withdraws it for
// correction and lists it again, right, without a second bonus — and the
// register shows the same line (number, decision) with the right position,
// marked corrected, and no second line.
func TestAmendmentWithdrawsALine(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update("test", func(tx *store.Tx) error {
		return tx.Put(&tdkt.Dossier{Title: "Đề nghị tặng Bằng khen", Year: 2025, UnitID: fx.school, Method: tdkt.MethodRegular,
			Status: tdkt.StatusCouncil, Received: tdkt.D(2026, 10, 1), Candidates: []tdkt.Candidate{
				{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: fx.an, UnitID: fx.school, Name: "Nguyễn Văn An", Position: "Giáo viên", AwardCode: "BKT", Result: tdkt.ResultPassed},
				{ID: "C2", Subject: tdkt.SubjectPerson, PersonID: fx.binh, UnitID: fx.school, Name: "Lò Thị Bình", Position: "Kế toán", AwardCode: "BKT", Result: tdkt.ResultPassed},
			}})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	sh, _, _ := openShell(t, fx.path)
	sh.show(navDecisions)
	s := sh.decisions
	s.wait()
	test.Tap(s.draftBt)
	s.wait()
	test.Tap(s.issueBt)
	test.Tap(sh.e.confirmOK)
	s.wait()
	if s.d == nil || s.d.Status != tdkt.DecisionIssued || !s.wdBox.Hidden {
		t.Fatalf("first decision %+v (%s); withdrawals shown: %v", s.d, s.msg.Text, !s.wdBox.Hidden)
	}
	first := s.d.NumberText()

	// a line of this decision is not revoked by hand from the register:
	// the register says to amend the decision
	sh.show(navRegister)
	r := sh.register
	r.wait()
	r.year.SetSelected("2025")
	r.wait()
	for i, row := range r.table.rows {
		if row.a.DecisionNo == first && row.a.Name == "Nguyễn Văn An" {
			r.table.selectRow(i)
		}
	}
	before := len(sh.e.dialogs)
	r.revoke = nil
	test.Tap(r.revokeBt)
	if r.revoke != nil || len(sh.e.dialogs) != before+1 {
		t.Errorf("an issued decision's line offered for revoking by hand (%d dialogs)", len(sh.e.dialogs)-before)
	}
	sh.show(navDecisions)
	s.wait()
	s.openDecision(s.d.ID)
	s.wait()

	test.Tap(s.amendBt)
	s.wait()
	if s.d.Amends == "" || s.amended == nil || len(s.amendedWho) != 2 || s.wdBox.Hidden || s.withdrawBt.Disabled() {
		t.Fatalf("amendment draft %+v, amended %v, %d lines", s.d, s.amended != nil, len(s.amendedWho))
	}
	// a withdrawal needs a line and a reason; nothing is taken back without
	test.Tap(s.withdrawBt)
	f := s.withdrawDlg
	test.Tap(f.ok)
	if f.msg.Hidden || len(s.d.Withdraws) != 0 {
		t.Fatalf("no line chosen: %q, %d withdrawals", f.msg.Text, len(s.d.Withdraws))
	}
	binh := -1
	for i, a := range s.amendedWho {
		if a.Name == "Lò Thị Bình" {
			binh = i
		}
	}
	f.line.set(binh)
	test.Tap(f.ok)
	if len(s.d.Withdraws) != 0 || !strings.Contains(f.msg.Text, "Chưa chọn sửa thông tin hay hủy bỏ") {
		t.Fatalf("no kind: %d withdrawals, %q", len(s.d.Withdraws), f.msg.Text)
	}
	f.kind.SetSelected(withdrawCorrect())
	// the line's name and position, to be put right
	if f.name.entry.Disabled() || f.name.entry.Text != "Lò Thị Bình" || f.position.entry.Text != "Kế toán – Trường Tiểu học Tân Phúc" {
		t.Fatalf("correction fields: enabled %v, %q, %q", !f.name.entry.Disabled(), f.name.entry.Text, f.position.entry.Text)
	}
	typeInto(f.position.entry, "Phó Hiệu trưởng – Trường Tiểu học Tân Phúc")
	test.Tap(f.ok)
	if len(s.d.Withdraws) != 0 || f.reason.err.Hidden {
		t.Fatalf("no reason: %d withdrawals", len(s.d.Withdraws))
	}
	typeInto(f.reason.entry, "Ghi sai chức vụ")
	test.Tap(f.ok)
	if len(s.d.Withdraws) != 1 || s.wdTable.cell(0, 1) != "Lò Thị Bình" || s.wdTable.cell(0, 2) != withdrawCorrect() || !strings.Contains(s.wdHead.Text, first) {
		t.Fatalf("withdrawals %+v, head %q", s.d.Withdraws, s.wdHead.Text)
	}
	if !strings.Contains(s.articles.entry.Text, "sửa thông tin của Lò Thị Bình (số vào sổ") {
		t.Errorf("articles do not follow the withdrawal:\n%s", s.articles.entry.Text)
	}
	// adding her again by hand would award her twice
	test.Tap(s.addLineBt)
	lf := s.lineForm
	typeInto(lf.search, "lo thi binh")
	lf.results.Select(0)
	test.Tap(lf.ok)
	if len(s.d.List) != 1 || !strings.Contains(lf.msg.Text, "đã có trong danh sách") {
		t.Fatalf("Bình added by hand beside her correction: %+v, %q", s.d.List, lf.msg.Text)
	}
	// her corrected line: no second bonus, no "bổ sung", no bonus article
	arts := strings.Split(s.articles.entry.Text, "\n")
	if len(s.d.List) != 1 || s.d.List[0].Bonus != 0 || len(arts) != 2 || strings.Contains(arts[0], "bổ sung 01") {
		t.Fatalf("after adding: list %+v, articles %q", s.d.List, arts)
	}
	// saved and reopened, the draft keeps its withdrawal
	test.Tap(s.saveBt)
	s.wait()
	if len(s.d.Withdraws) != 1 || s.wdTable.cell(0, 3) != "Ghi sai chức vụ" {
		t.Fatalf("reopened draft: %+v", s.d.Withdraws)
	}
	test.Tap(s.issueBt)
	test.Tap(sh.e.confirmOK)
	s.wait()
	if s.d.Status != tdkt.DecisionIssued || !strings.Contains(s.info.Text, "sửa thông tin 1 dòng, ghi hủy bỏ 0 dòng của quyết định được sửa đổi; vào sổ 0 dòng mới") || !s.withdrawBt.Disabled() {
		t.Fatalf("amendment %s: %q %q", s.d.Status, s.info.Text, s.msg.Text)
	}
	second := s.d.NumberText()
	// no one new to print for; the amended decision reprints Bình's
	// certificate as corrected
	cj, err := s.certJob()
	if err != nil {
		t.Fatal(err)
	}
	if err := cj.render(context.Background(), io.Discard, func(int, int) {}); err == nil || !strings.Contains(err.Error(), "không khen thêm ai") {
		t.Errorf("certificates of a correction-only amendment: %v", err)
	}
	// listed as an amendment, with what it adds and withdraws
	for i, d := range s.decisions {
		if d.ID != s.d.ID {
			continue
		}
		o := s.list.CreateItem()
		s.list.UpdateItem(i, o)
		if got := o.(*widget.Label).Text; got != second+" – sửa đổi, bổ sung (sửa 1, hủy bỏ 0, thêm 0)" {
			t.Errorf("listed as %q", got)
		}
	}
	// the issued amendment as printed: what it takes back, what it adds
	job, err := s.pdfJob()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sua-doi.pdf")
	isPDF(t, job.what, writeJob(t, s.exp, job, path))
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (make test installs poppler-utils): the PDF's text is not read back")
	} else {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range []string{"Về việc sửa đổi, bổ sung Quyết định số " + first,
			"sửa thông tin của Lò Thị Bình (số vào sổ", "lý do: Ghi sai chức vụ", "không thay đổi hình thức và tiền thưởng đã nhận",
			"Phó Hiệu trưởng – Trường Tiểu học Tân Phúc", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký"} {
			if !strings.Contains(text, w) {
				t.Errorf("the amendment's PDF lacks %q:\n%s", w, text)
			}
		}
	}

	sh.show(navRegister)
	r.wait()
	r.year.SetSelected("2024")
	r.wait()
	r.year.SetSelected("2025")
	r.wait()
	var got []string
	for i := range r.table.rows {
		got = append(got, r.table.cell(i, 1)+" | "+r.table.cell(i, 2)+" | "+r.table.cell(i, 3)+" | "+r.table.cell(i, 5))
	}
	// Bình's line corrected in place: same number and decision, new
	// position, marked; no second line
	want := []string{
		"Nguyễn Văn An | Giáo viên – Trường Tiểu học Tân Phúc | BK tỉnh | " + first,
		"Lò Thị Bình | Phó Hiệu trưởng – Trường Tiểu học Tân Phúc | BK tỉnh (đã sửa thông tin) | " + first,
	}
	slices.Sort(got)
	slices.Sort(want)
	var ours []string
	for _, g := range got {
		if strings.Contains(g, "BK tỉnh") {
			ours = append(ours, g)
		}
	}
	if !slices.Equal(ours, want) {
		t.Errorf("register for 2025:\n%s", strings.Join(got, "\n"))
	}
}

// TestAddHouseholdLine: a household award's draft takes households by hand
// (name and village), once each.
func TestAddHouseholdLine(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, _ := openShell(t, fx.path)
	d := &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Year: 2026, Date: tdkt.D(2026, 11, 20), AwardCode: "GDVH", Method: tdkt.MethodRegular,
		Summary: "Về việc công nhận danh hiệu Gia đình văn hóa", Status: tdkt.DecisionDraft}
	if err := sh.e.update(func(tx *store.Tx) error { return tx.Put(d) }); err != nil {
		t.Fatal(err)
	}
	sh.show(navDecisions)
	s := sh.decisions
	s.wait()
	s.openDecision(d.ID)
	s.wait()
	add := func(name string) *lineForm {
		test.Tap(s.addLineBt)
		lf := s.lineForm
		if lf.subject.Selected != subjectText(tdkt.SubjectFamily) || len(lf.subject.Options) != 1 {
			t.Fatalf("subjects offered %q, chosen %q", lf.subject.Options, lf.subject.Selected)
		}
		typeInto(lf.household.entry, name)
		lf.unit.choose(fx.school)
		test.Tap(lf.ok)
		return lf
	}
	add("Hộ ông  Giàng A Páo")
	if len(s.d.List) != 1 || s.d.List[0].Subject != tdkt.SubjectFamily || s.d.List[0].Name != "Hộ ông Giàng A Páo" ||
		s.d.List[0].UnitID != fx.school || s.d.List[0].Position != "Trường Tiểu học Tân Phúc" {
		t.Fatalf("list %+v", s.d.List)
	}
	if lf := add("hộ ông giàng a páo"); len(s.d.List) != 1 || !strings.Contains(lf.msg.Text, "đã có trong danh sách") {
		t.Errorf("the same household twice: %+v, %q", s.d.List, lf.msg.Text)
	}
	if lf := add(" "); len(s.d.List) != 1 || !strings.Contains(lf.msg.Text, "chưa có tên hộ gia đình") {
		t.Errorf("a household without a name: %+v, %q", s.d.List, lf.msg.Text)
	}
}
