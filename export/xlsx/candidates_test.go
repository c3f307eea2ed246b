package xlsx

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"tdkt"
)

func testCatalog() *tdkt.Catalog {
	return &tdkt.Catalog{QuorumNum: 2, QuorumDen: 3, Items: []tdkt.Item{
		{Code: "CSTDT", Name: "Chiến sĩ thi đua cấp tỉnh", Threshold: 90, SecretBallot: true},
		{Code: "BKT", Name: "Bằng khen của Chủ tịch UBND tỉnh", Threshold: 70},
	}}
}

func council(present int) *tdkt.Meeting {
	m := &tdkt.Meeting{Title: "Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh", Date: tdkt.D(2025, 11, 20),
		Place: "Hội trường UBND tỉnh"}
	for i := range 10 {
		m.Members = append(m.Members, tdkt.Member{Name: "Thành viên " + string(rune('A'+i)), Present: i < present})
	}
	return m
}

func TestCandidates(t *testing.T) {
	m := council(8)
	m.Items = []tdkt.AgendaItem{
		{Name: "Nguyễn Văn Ước", AwardCode: "CSTDT", Secret: true, Counted: true,
			Ballot: tdkt.Ballot{Issued: 10, Returned: 10, Valid: 10, Agree: 9}},
		{Name: "Trường Tiểu học Nà Pảng", AwardCode: "BKT", Secret: true, Counted: true,
			Ballot: tdkt.Ballot{Issued: 10, Returned: 9, Valid: 8, Invalid: 1, Agree: 6}},
		{Name: "Hộ ông Lò Văn Pảo", AwardCode: "BKT", Secret: false, Counted: true,
			Ballot: tdkt.Ballot{Issued: 8, Returned: 8, Valid: 8, Agree: 8}},
		{Name: "Phạm Thị Hương", AwardCode: "BKT", Secret: true},
		{Name: "Đinh Công Tráng", AwardCode: "BKT", Secret: true, Counted: true,
			Ballot: tdkt.Ballot{Issued: 10, Returned: 10, Valid: 8, Invalid: 1, Agree: 8}},
	}
	path := writeFile(t, "phieu.xlsx", func(w io.Writer) error {
		return Candidates(w, "Danh sách đề nghị khen thưởng năm 2025", m, testCatalog())
	})
	f := openBook(t, path)
	const sh = CandidatesSheet
	wantText(t, f, sh, "A1", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025")
	wantText(t, f, sh, "A2", "Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh, ngày 20/11/2025, tại Hội trường UBND tỉnh")
	if got := text(t, f, sh, "A3"); !strings.Contains(got, "Tổng số thành viên Hội đồng: 10; có mặt: 8") {
		t.Errorf("members line %q", got)
	}
	for i, c := range candidateCols {
		wantText(t, f, sh, cellName(i+1, CandidatesHeaderRow), c.title)
	}
	row := func(i int) int { return CandidatesFirstRow + i }
	c := func(col, i int) string { return cellName(col, row(i)) }

	// 9 of 10 members = 90 %: passes the 90 % threshold.
	wantNumber(t, f, sh, c(ccNo, 0), 1)
	wantText(t, f, sh, c(ccName, 0), "Nguyễn Văn Ước")
	wantText(t, f, sh, c(ccAward, 0), "Chiến sĩ thi đua cấp tỉnh")
	wantNumber(t, f, sh, c(ccIssued, 0), 10)
	wantNumber(t, f, sh, c(ccAgree, 0), 9)
	wantNumber(t, f, sh, c(ccPercent, 0), 0.9)
	if got := numFmt(t, f, sh, c(ccPercent, 0)); got != fmtPercent {
		t.Errorf("percent format %q", got)
	}
	if got := text(t, f, sh, c(ccPercent, 0)); got != "90.00%" {
		t.Errorf("percent shows %q", got)
	}
	wantText(t, f, sh, c(ccResult, 0), "Đạt")
	// 6 of 10 = 60 % < 70 %, although 6 of 8 valid ballots would be 75 %.
	wantNumber(t, f, sh, c(ccPercent, 1), 0.6)
	wantNumber(t, f, sh, c(ccInvalid, 1), 1)
	wantText(t, f, sh, c(ccResult, 1), "Không đạt")
	// Show of hands is noted.
	wantText(t, f, sh, c(ccResult, 2), "Đạt")
	if got := text(t, f, sh, c(ccNote, 2)); !strings.HasPrefix(got, "Biểu quyết giơ tay") {
		t.Errorf("show of hands note %q", got)
	}
	// Not counted yet: no numbers, no rate.
	wantText(t, f, sh, c(ccResult, 3), "Chưa kiểm phiếu")
	if v := raw(t, f, sh, c(ccAgree, 3)); v != "" {
		t.Errorf("uncounted agree = %q", v)
	}
	// A count that does not add up has no rate and says why.
	if v := raw(t, f, sh, c(ccPercent, 4)); v != "" {
		t.Errorf("rate %q for a count that does not add up", v)
	}
	wantText(t, f, sh, c(ccResult, 4), "Không đạt")
	if got := text(t, f, sh, c(ccNote, 4)); !strings.Contains(got, "phải bằng số phiếu thu vào") {
		t.Errorf("note %q does not explain the bad count", got)
	}

	p, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != CandidatesHeaderRow {
		t.Errorf("panes %+v", p)
	}
	checkPrintSetup(t, f, sh, 0, "'Kết quả biểu quyết'!$5:$5")
}

func TestCandidatesWithoutQuorum(t *testing.T) {
	m := council(6) // 6 of 10 < 2/3
	m.Items = []tdkt.AgendaItem{{Name: "Nguyễn Văn Ước", AwardCode: "BKT", Secret: true, Counted: true,
		Ballot: tdkt.Ballot{Issued: 10, Returned: 10, Valid: 10, Agree: 10}}}
	f := openBook(t, writeFile(t, "q.xlsx", func(w io.Writer) error { return Candidates(w, "", m, testCatalog()) }))
	sh := CandidatesSheet
	wantNumber(t, f, sh, cellName(ccPercent, CandidatesFirstRow), 1)
	wantText(t, f, sh, cellName(ccResult, CandidatesFirstRow), "Không đạt")
	if got := text(t, f, sh, cellName(ccNote, CandidatesFirstRow)); !strings.Contains(got, "túc số") {
		t.Errorf("note %q does not name the missing quorum", got)
	}
}

func TestCandidatesErrors(t *testing.T) {
	m := council(10)
	m.Items = []tdkt.AgendaItem{{Name: "X", AwardCode: "KHONGCO"}}
	var buf bytes.Buffer
	if err := Candidates(&buf, "", m, testCatalog()); err == nil || !strings.Contains(err.Error(), "KHONGCO") {
		t.Errorf("unknown award code: %v", err)
	}
	if err := Candidates(&buf, "", nil, testCatalog()); err == nil {
		t.Error("nil meeting accepted")
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written by failed calls", buf.Len())
	}
}
