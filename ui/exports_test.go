package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/store"
)

// seedCouncil adds to the test database a council meeting whose one item
// (CSTĐ cấp tỉnh, secret ballot) passed, a meeting voted by show of hands,
// and an issued decision for the one who passed.
func seedCouncil(t *testing.T, fx fixture) (secret, hands, decision string) {
	t.Helper()
	db, err := store.Open(fx.path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var members []tdkt.Member
	for _, n := range []string{"Hoàng Văn Ký", "Lò Thị Thay", "Nguyễn Văn Ba", "Trần Thị Tư", "Phạm Văn Năm"} {
		members = append(members, tdkt.Member{Name: n, Role: "Ủy viên", Present: true})
	}
	members[0].Role = "Chủ tịch Hội đồng"
	err = db.Update("test", func(tx *store.Tx) error {
		m := &tdkt.Meeting{Title: "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh năm 2026", Date: tdkt.D(2026, 11, 20), Start: "08:00",
			Place: "Phòng họp số 1", Chair: "Hoàng Văn Ký", Secretary: "Nguyễn Thư Ký", Members: members,
			Items: []tdkt.AgendaItem{{Name: "Nguyễn Văn An", AwardCode: "CSTDT", Secret: true, Counted: true, Passed: true,
				Ballot: tdkt.Ballot{Issued: 5, Returned: 5, Valid: 5, Agree: 5}}}}
		if err := tx.Put(m); err != nil {
			return err
		}
		h := &tdkt.Meeting{Title: "Phiên họp xét Giấy khen", Date: tdkt.D(2026, 11, 21), Chair: "Hoàng Văn Ký", Secretary: "Nguyễn Thư Ký",
			Members: members, Items: []tdkt.AgendaItem{{Name: "Lò Thị Bình", AwardCode: "LDTT"}}}
		if err := tx.Put(h); err != nil {
			return err
		}
		d := &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Year: 2026, Date: tdkt.D(2026, 11, 26), AwardCode: "CSTDT",
			Method: tdkt.MethodRegular, Summary: "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", Authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM",
			Bases:    []string{"Căn cứ Luật Thi đua, khen thưởng năm 2022."},
			Articles: []string{"Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho 01 cá nhân.", "Tiền thưởng theo quy định.", "Các cơ quan liên quan chịu trách nhiệm thi hành./."},
			Signer:   tdkt.Signer{Name: "Hoàng Văn Ký", Title: "CHỦ TỊCH", Mode: "TM"}, Recipients: []string{"Như Điều 3;", "Lưu: VT."},
			List: []tdkt.ListEntry{{Subject: tdkt.SubjectPerson, PersonID: fx.an, UnitID: fx.school, Name: "Nguyễn Văn An",
				Position: "Giáo viên – Trường Tiểu học Tân Phúc", Bonus: 7_100_000}},
			MeetingID: m.ID, Status: tdkt.DecisionDraft}
		if err := tx.Put(d); err != nil {
			return err
		}
		if _, _, err := tx.IssueDecision(d.ID, clock); err != nil {
			return err
		}
		secret, hands, decision = m.ID, h.ID, d.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return secret, hands, decision
}

// writeJob runs an export as the save dialog would once a path is chosen,
// and checks that the "file written" dialog offers to open it.
func writeJob(t *testing.T, x *exporter, job exportJob, path string) []byte {
	t.Helper()
	x.write(job, path)
	x.wait()
	if x.lastErr != nil {
		t.Fatalf("%s: %v", job.what, x.lastErr)
	}
	if x.last != path || x.done == nil || (x.openBt == nil) != job.noOpen {
		t.Fatalf("%s: no \"file written\" dialog (last %q)", job.what, x.last)
	}
	if x.openBt != nil {
		test.Tap(x.openBt) // hands the file to the (test) system viewer
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func isPDF(t *testing.T, what string, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 1000 {
		t.Errorf("%s is not a PDF (%d bytes, starts %q)", what, len(b), b[:min(len(b), 8)])
	}
}

// cellsOf reads every cell text of a workbook's first sheet.
func cellsOf(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

func TestFileNames(t *testing.T) {
	for _, c := range []struct {
		parts []string
		ext   string
		want  string
	}{
		{[]string{"QD", "05/QĐ-UBND", "2026"}, ".pdf", "QD-05-QD-UBND-2026.pdf"},
		{[]string{"So khen thuong", "2020-2025"}, ".xlsx", "So-khen-thuong-2020-2025.xlsx"},
		{[]string{"Biên bản họp", "Đặc khu Côn Đảo"}, ".pdf", "Bien-ban-hop-Dac-khu-Con-Dao.pdf"},
		{[]string{"Bieu 0602.N", "2025"}, ".xlsx", "Bieu-0602.N-2025.xlsx"},
	} {
		if got := fileName(c.ext, c.parts...); got != c.want {
			t.Errorf("fileName(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}

// TestExportButtons writes every document and sheet of the three screens
// into real files, as the buttons do once the save dialog has a path.
func TestExportButtons(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	secret, hands, decision := seedCouncil(t, fx)
	sh, _, _ := openShell(t, fx.path)
	out := t.TempDir()

	// Quyết định: the decision and its certificates
	sh.show(navDecisions)
	d := sh.decisions
	d.wait()
	d.openDecision(decision)
	d.wait()
	if d.d == nil || d.d.Status != tdkt.DecisionIssued || d.certBt.Disabled() || d.pdfBt.Disabled() {
		t.Fatalf("issued decision not open with its print buttons: %+v", d.d)
	}
	job, err := d.pdfJob()
	if err != nil {
		t.Fatal(err)
	}
	if job.name != "QD-01-QD-UBND-2026.pdf" {
		t.Errorf("proposed name %q", job.name)
	}
	isPDF(t, "decision", writeJob(t, d.exp, job, filepath.Join(out, job.name)))
	d.certPreview.SetChecked(true)
	job, err = d.certJob()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(job.name, "xem-truoc-khung") {
		t.Errorf("preview certificates named %q", job.name)
	}
	isPDF(t, "certificates", writeJob(t, d.exp, job, filepath.Join(out, job.name)))

	// Hội đồng: minutes, ballots and results of the secret-ballot meeting
	sh.show(navCouncil)
	c := sh.council
	c.openMeeting(secret)
	if c.ballotsBt.Disabled() || !c.ballotsWhy.Hidden {
		t.Errorf("ballot papers not offered for a secret ballot: %q", c.ballotsWhy.Text)
	}
	isPDF(t, "minutes", writeJob(t, c.exp, minutesJob(c.e, c.exported()), filepath.Join(out, "bien-ban.pdf")))
	isPDF(t, "ballots", writeJob(t, c.exp, ballotsJob(c.e, c.exported()), filepath.Join(out, "phieu-bau.pdf")))
	res := filepath.Join(out, "ket-qua.xlsx")
	writeJob(t, c.exp, resultsJob(c.e, c.exported()), res)
	if got := cellsOf(t, res); !strings.Contains(got, "Nguyễn Văn An") {
		t.Errorf("results sheet lacks the candidate:\n%s", got)
	}
	c.openMeeting(hands)
	if !c.ballotsBt.Disabled() || c.ballotsWhy.Hidden || !strings.Contains(c.ballotsWhy.Text, "không có nội dung nào bỏ phiếu kín") {
		t.Errorf("ballots for a show of hands: disabled %v, reason %q", c.ballotsBt.Disabled(), c.ballotsWhy.Text)
	}

	// Sổ & báo cáo: the register of a range of years, and a return
	sh.show(navRegister)
	r := sh.register
	r.wait()
	job = registerJob(r.e, 2023, 2026)
	if job.name != "So-khen-thuong-2023-2026.xlsx" || !job.stoppable {
		t.Errorf("register job %q stoppable %v", job.name, job.stoppable)
	}
	reg := filepath.Join(out, job.name)
	writeJob(t, r.exp, job, reg)
	got := cellsOf(t, reg)
	if strings.Count(got, "Nguyễn Văn An") != 4 || !strings.Contains(got, "Lò Thị Bình") || !strings.Contains(got, "01/QĐ-UBND") {
		t.Errorf("register sheet:\n%s", got)
	}
	ret := filepath.Join(out, "bieu.xlsx")
	writeJob(t, r.exp, returnJob(r.e, "0603", 2026), ret)
	if got := cellsOf(t, ret); !strings.Contains(got, "0603.N") {
		t.Errorf("return sheet:\n%s", got)
	}

	// a cancelled register stops between rows and leaves no file
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := registerJob(r.e, 2023, 2026).render(ctx, io.Discard, func(int, int) {}); !errors.Is(err, errCancelled) {
		t.Errorf("cancelled register: %v", err)
	}
	gone := filepath.Join(out, "huy.xlsx")
	os.WriteFile(gone, nil, 0o644) // as the save dialog leaves it
	r.exp.write(exportJob{what: "Sổ", name: "huy.xlsx", stoppable: true, render: func(ctx context.Context, w io.Writer, _ func(int, int)) error {
		return registerJob(r.e, 2023, 2026).render(ctx, w, func(int, int) {})
	}}, gone)
	r.exp.prog.onCancel()
	r.exp.wait()
	if _, err := os.Stat(gone); err == nil && r.exp.last == "" {
		t.Error("a cancelled export left its file")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}

	// a failure is a Vietnamese message and no file
	bad := filepath.Join(out, "khong-co-thu-muc", "x.xlsx")
	r.exp.write(exportJob{what: "Sổ khen thưởng", name: "x.xlsx", render: func(context.Context, io.Writer, func(int, int)) error { return nil }}, bad)
	r.exp.wait()
	if r.exp.lastErr == nil || !strings.Contains(r.exp.lastErr.Error(), "Không xuất được sổ khen thưởng") {
		t.Errorf("error %v", r.exp.lastErr)
	}
}
