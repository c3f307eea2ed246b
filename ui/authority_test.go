package ui

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestWaitingByAuthority: the decisions screen counts as waiting here only
// the awards this office's Chairman decides, and says where the others go.
func TestWaitingByAuthority(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, _ := openShell(t, fx.path)
	s := sh.decisions
	d := &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2026}
	pc := func(code string) passedCandidate {
		return passedCandidate{Dossier: d, Candidate: tdkt.Candidate{ID: code, Name: code, AwardCode: code}}
	}
	waiting := []passedCandidate{pc("GK"), pc("LDTT"), pc("BKT"), pc("CSTDT"), pc("BKTTG")}
	tests := []struct {
		lvl  tdkt.Level
		want string
	}{
		{tdkt.LevelProvince, "2 người, tập thể đã đạt tại Hội đồng đang chờ quyết định. " +
			"2 đề nghị thuộc thẩm quyền Chủ tịch UBND cấp xã hoặc thủ trưởng cơ quan, đơn vị. " +
			"1 đề nghị thuộc thẩm quyền cấp trên: lập tờ trình đề nghị cấp trên khen thưởng."},
		{tdkt.LevelCommune, "2 người, tập thể đã đạt tại Hội đồng đang chờ quyết định. " +
			"3 đề nghị thuộc thẩm quyền cấp trên: lập tờ trình đề nghị cấp trên khen thưởng."},
	}
	for _, tt := range tests {
		sh.e.office.Level = tt.lvl
		s.showWaiting(waiting)
		if got := s.waiting.Text; got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.lvl, got, tt.want)
		}
	}
}

// TestProposeUpward: the council passed a province's candidates for a
// State award: no decision is drafted for them; the tờ trình, one per
// award, asks the Prime Minister, lists them with their votes and reads
// back from the PDF.
func TestProposeUpward(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update("test", func(tx *store.Tx) error {
		d := &tdkt.Dossier{Title: "Đề nghị khen thưởng cấp Nhà nước", Year: 2026, UnitID: fx.school, Status: tdkt.StatusCouncil,
			Received: tdkt.D(2026, 10, 1), Candidates: []tdkt.Candidate{
				{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: fx.an, UnitID: fx.school, Name: "Nguyễn Văn An", Position: "Giáo viên", AwardCode: "BKTTG", Result: tdkt.ResultPassed},
				{ID: "C2", Subject: tdkt.SubjectCollective, UnitID: fx.school, Name: "Trường Tiểu học Tân Phúc", AwardCode: "HCLD3", Result: tdkt.ResultPassed},
				{ID: "C3", Subject: tdkt.SubjectPerson, PersonID: fx.binh, UnitID: fx.school, Name: "Lò Thị Bình", AwardCode: "BKT", Result: tdkt.ResultPassed},
			}}
		if err := tx.Put(d); err != nil {
			return err
		}
		var members []tdkt.Member
		for _, n := range []string{"Hoàng Văn Ký", "Lò Thị Thay", "Nguyễn Văn Ba", "Trần Thị Tư"} {
			members = append(members, tdkt.Member{Name: n, Role: "Ủy viên", Present: true})
		}
		return tx.Put(&tdkt.Meeting{Title: "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh", Date: tdkt.D(2026, 11, 20), Members: members, Closed: true,
			Items: []tdkt.AgendaItem{{DossierID: d.ID, CandidateID: "C1", Name: "Nguyễn Văn An", AwardCode: "BKTTG", Counted: true, Passed: true,
				Ballot: tdkt.Ballot{Issued: 4, Returned: 4, Valid: 4, Agree: 3}}}})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	sh, _, _ := openShell(t, fx.path)
	sh.show(navDecisions)
	s := sh.decisions
	test.Tap(s.proposeBt)
	if len(s.proposals) != 2 || len(sh.e.dialogs) != 1 {
		t.Fatalf("%d tờ trình offered, %d dialogs", len(s.proposals), len(sh.e.dialogs))
	}
	job := s.proposals[0]
	if job.what != "Tờ trình đề nghị tặng Bằng khen của Thủ tướng Chính phủ" || job.name != "To-trinh-BKTTG-2026.pdf" {
		t.Errorf("job %q %q", job.what, job.name)
	}
	path := filepath.Join(t.TempDir(), job.name)
	b := writeJob(t, s.exp, job, path)
	isPDF(t, job.what, b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ", "Kính gửi: Thủ tướng Chính phủ",
		"Nguyễn Văn An", "Giáo viên – Trường Tiểu học Tân Phúc", "75", "Hoàng Văn Ký"} {
		if !strings.Contains(text, want) {
			t.Errorf("tờ trình lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM"); n != 1 {
		t.Errorf("the committee named %d times in capitals (once in the masthead)", n)
	}
	if strings.Contains(text, "Lò Thị Bình") {
		t.Error("a candidate the province decides is in the tờ trình")
	}
	// the drafting leaves the State's candidates out and drafts the province's
	test.Tap(s.draftBt)
	s.wait()
	if s.d == nil || s.d.AwardCode != "BKT" || len(s.d.List) != 1 || s.d.List[0].Name != "Lò Thị Bình" {
		t.Fatalf("draft %+v", s.d)
	}
	// a line added by hand: the list and the drafted Điều 2 follow; the
	// same person twice is refused
	art2 := strings.Split(s.articles.entry.Text, "\n")[1]
	test.Tap(s.addLineBt)
	lf := s.lineForm
	typeInto(lf.search, "nguyen van an")
	lf.results.Select(0)
	test.Tap(lf.ok)
	if len(s.d.List) != 2 || s.d.List[1].Name != "Nguyễn Văn An" || s.d.List[1].Bonus != s.d.List[0].Bonus ||
		s.d.List[1].Position != "Giáo viên – Trường Tiểu học Tân Phúc" {
		t.Fatalf("list after adding: %+v", s.d.List)
	}
	if got := strings.Split(s.articles.entry.Text, "\n")[1]; got == art2 || got != s.d.BonusArticle() {
		t.Errorf("Điều 2 %q (was %q)", got, art2)
	}
	test.Tap(s.addLineBt)
	lf = s.lineForm
	typeInto(lf.search, "nguyen van an")
	lf.results.Select(0)
	test.Tap(lf.ok)
	if lf.msg.Hidden || !strings.Contains(lf.msg.Text, "đã có trong danh sách") || len(s.d.List) != 2 {
		t.Errorf("the same person twice: %q, %d lines", lf.msg.Text, len(s.d.List))
	}
}
