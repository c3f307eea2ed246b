package pdf

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/assets"
)

// Fixtures shaped like the demo database of the province of Sơn Lâm.

func testOffice() *tdkt.Office {
	return &tdkt.Office{Code: "SL", Name: "Sở Nội vụ tỉnh Sơn Lâm", Level: tdkt.LevelProvince,
		IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM", Symbol: "QĐ-UBND", Place: "Sơn Lâm",
		Signers: []tdkt.Signer{{Name: "Hoàng Quốc Khánh", Title: "CHỦ TỊCH", Mode: "TM"},
			{Name: "Lò Thị Xuân", Title: "PHÓ CHỦ TỊCH", Mode: "KT"}}}
}

func testCatalog(t testing.TB) *tdkt.Catalog {
	t.Helper()
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// Names carrying every Vietnamese vowel modifier and tone, and minority
// names written the way they are registered.
var diacriticNames = []string{"Nguyễn Thị Ước", "Đặng Văn Tưởng", "Giàng A Páo", "Lò Thị Ửng",
	"Hoàng Ỷ", "Trần Thị Ẩn", "Phạm Văn Ằng", "Bùi Thị Ẵm", "Vũ Đức Ợ", "Lê Thị Ỡ",
	"Hà Văn Ỹ", "Sùng A Dế", "Đinh Thị Ờ", "Lục Văn Ựa", "Triệu Thị Ễnh"}

var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
		"Dương", "Lý", "Giàng", "Lò", "Sùng", "Hà", "Triệu", "Nông", "Lục"}
	middles = []string{"Văn", "Thị", "Đức", "Minh", "Thị Thu", "A", "Quang", "Ngọc"}
	givens  = []string{"Hằng", "Dũng", "Phượng", "Khải", "Nguyệt", "Thư", "Yến", "Hiếu", "Tuấn", "Lựu",
		"Quỳnh", "Sơn", "Thảo", "Cường", "Nhung"}
	positions = []string{"Giáo viên, Trường Phổ thông dân tộc bán trú Tiểu học và Trung học cơ sở xã Ẳng Tở",
		"Chủ tịch Ủy ban nhân dân xã Nậm Pồ", "Công nhân, Công ty Cổ phần Chè Sơn Lâm",
		"Nông dân, thôn Pá Khoang, xã Mường Phăng", "Chiến sĩ, Đồn Biên phòng Pa Vây Sử"}
)

// personName gives distinct realistic names: the first ones carry every
// diacritic, the rest combine common family, middle and given names.
func personName(i int) string {
	if i < len(diacriticNames) {
		return diacriticNames[i]
	}
	i -= len(diacriticNames)
	return families[i%len(families)] + " " + middles[i/len(families)%len(middles)] + " " +
		givens[i/(len(families)*len(middles))%len(givens)]
}

var collectives = []string{"Trường Tiểu học Nậm Pồ", "Phòng Kinh tế xã Ải Tử", "Đồn Biên phòng Ka Lăng",
	"Hợp tác xã Chè Shan Tuyết", "Ban Chỉ huy Quân sự xã Ẳng Cang"}

// testDecision is a Bằng khen decision with n individuals and the
// collectives above.
func testDecision(t testing.TB, cat *tdkt.Catalog, n int) *tdkt.Decision {
	t.Helper()
	date := tdkt.D(2025, time.March, 5)
	d := &tdkt.Decision{Issuer: "SL", Symbol: "QĐ-UBND", Year: 2025, Number: 5, Date: date,
		AwardCode: "BKT", Method: tdkt.MethodRegular,
		Summary:   "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các cá nhân, tập thể đã có thành tích xuất sắc năm 2024",
		Authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LÂM",
		Bases: []string{"Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
			"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
			"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 15 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng."},
		Proposal: "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 01 tháng 3 năm 2025",
		Articles: []string{"Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các cá nhân, tập thể đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024.",
			"Kèm theo Bằng khen, mỗi cá nhân được thưởng 2.400.000 đồng, mỗi tập thể được thưởng 4.700.000 đồng; kinh phí khen thưởng chi từ Quỹ thi đua, khen thưởng của tỉnh.",
			"Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."},
		Signer:     tdkt.Signer{Name: "Hoàng Quốc Khánh", Title: "CHỦ TỊCH", Mode: "TM"},
		Recipients: []string{"Như Điều 3", "Chủ tịch, các PCT UBND tỉnh;", "Sở Nội vụ (Phòng TĐKT)", "Lưu: VT, TĐKT"},
		Status:     tdkt.DecisionIssued}
	person, _ := cat.Bonus("BKT", tdkt.SubjectPerson, date)
	coll, _ := cat.Bonus("BKT", tdkt.SubjectCollective, date)
	for i := 0; i < n; i++ {
		d.List = append(d.List, tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: fmt.Sprintf("P%d", i),
			Name: personName(i), Position: positions[i%len(positions)], Bonus: person})
	}
	for _, c := range collectives {
		d.List = append(d.List, tdkt.ListEntry{Subject: tdkt.SubjectCollective, Name: c, Bonus: coll})
	}
	return d
}

// render runs fn into a file in the test's temporary directory and returns
// its path; with TDKT_PDF_OUT set the file is also copied there for a look.
func render(t testing.TB, name string, fn func(w *bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("%s: not a PDF", name)
	}
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("TDKT_PDF_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// needTool skips the test when a poppler tool is missing.
func needTool(t testing.TB, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils)", tool)
	}
}

// pages returns the text of each page, read back with pdftotext.
func pages(t testing.TB, path string) []string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	ps := strings.Split(string(out), "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// flat collapses whitespace so that phrases wrapped over lines still match.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// pageCount reads the number of pages with pdfinfo.
func pageCount(t testing.TB, path string) int {
	t.Helper()
	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("pdfinfo: no page count")
	return 0
}

// testMeeting has 15 members, one absent who voted in writing, and three
// awards: two secret-ballot CSTĐ cấp tỉnh candidates (14 and 12 votes of
// the 90 % needed) and Bằng khen candidates voted by show of hands.
func testMeeting() *tdkt.Meeting {
	m := &tdkt.Meeting{Title: "Xét đề nghị khen thưởng tổng kết năm 2024", Date: tdkt.D(2025, time.February, 20),
		Start: "08:00", End: "11:30", Place: "Phòng họp số 1, Ủy ban nhân dân tỉnh Sơn Lâm",
		Chair: "Hoàng Quốc Khánh", Secretary: "Đặng Thị Hạnh"}
	council := []string{"Hoàng Quốc Khánh", "Lò Thị Xuân", "Nguyễn Văn Thịnh", "Trần Thị Hồng", "Phạm Đức Long",
		"Giàng A Páo", "Lê Minh Tuấn", "Vũ Thị Thu", "Đặng Văn Hải", "Bùi Quang Huy", "Triệu Tài Vần",
		"Nông Thị Bích", "Đỗ Văn Nam", "Ngô Thị Lan", "Hà Văn Khoa"}
	for i, n := range council {
		role := "Ủy viên"
		switch i {
		case 0:
			role = "Chủ tịch Hội đồng"
		case 1, 2:
			role = "Phó Chủ tịch Hội đồng"
		}
		m.Members = append(m.Members, tdkt.Member{Name: n, Role: role, Present: i != 9, Written: i == 9})
	}
	paper := func(agree int) tdkt.Ballot {
		return tdkt.Ballot{Issued: 15, Returned: 15, Valid: 15, Invalid: 0, Agree: agree}
	}
	m.Items = []tdkt.AgendaItem{
		{DossierID: "D1", CandidateID: "C1", Name: "Nguyễn Thị Ước", AwardCode: "CSTDT", Secret: true, Ballot: paper(14), Counted: true, Passed: true},
		{DossierID: "D1", CandidateID: "C2", Name: "Đặng Văn Tưởng", AwardCode: "CSTDT", Secret: true, Ballot: paper(12), Counted: true},
		{DossierID: "D2", CandidateID: "C1", Name: "Giàng A Páo", AwardCode: "BKT", Ballot: paper(11), Counted: true, Passed: true},
		{DossierID: "D2", CandidateID: "C2", Name: "Trường Tiểu học Nậm Pồ", AwardCode: "BKT", Ballot: paper(15), Counted: true, Passed: true},
	}
	return m
}

// word is a word read back with its box, in points from the top left.
type bboxWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var (
	bboxPage   = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// bboxes reads every word of every page with pdftotext -bbox.
func bboxes(t testing.TB, path string) [][]bboxWord {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var pagesOut [][]bboxWord
	for _, chunk := range strings.Split(string(out), "</page>") {
		if !bboxPage.MatchString(chunk) {
			continue
		}
		var ws []bboxWord
		for _, m := range bboxWordRE.FindAllStringSubmatch(chunk, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			ws = append(ws, bboxWord{f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
		}
		pagesOut = append(pagesOut, ws)
	}
	return pagesOut
}

// mm converts millimetres to points.
func mm(v float64) float64 { return v * 72 / 25.4 }

// pageNumber matches a page number printed alone at the top of a page.
var pageNumber = regexp.MustCompile(`^\s*\d+\s*\n`)

// running joins the pages without their page numbers, whitespace
// collapsed, so that sentences running over a page break still match.
func running(ps []string) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = pageNumber.ReplaceAllString(p, "")
	}
	return flat(strings.Join(out, " "))
}
