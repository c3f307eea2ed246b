package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tdkt"
)

func renderDecision(t *testing.T, name string, d *tdkt.Decision, cat *tdkt.Catalog) string {
	t.Helper()
	return render(t, name, func(w *bytes.Buffer) error { return Decision(w, testOffice(), d, cat) })
}

func TestDecisionNumberAndDate(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 3)
	first := pages(t, renderDecision(t, "decision-march", d, cat))[0]
	for _, want := range []string{"Số: 05/QĐ-UBND", "Sơn Lâm, ngày 05 tháng 3 năm 2025",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN",
		"QUYẾT ĐỊNH:", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LÂM"} {
		if !strings.Contains(first, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, first)
		}
	}

	d.Date, d.Number = tdkt.D(2025, time.January, 15), 12
	first = pages(t, renderDecision(t, "decision-january", d, cat))[0]
	for _, want := range []string{"Số: 12/QĐ-UBND", "Sơn Lâm, ngày 15 tháng 01 năm 2025"} {
		if !strings.Contains(first, want) {
			t.Errorf("January decision lacks %q", want)
		}
	}
}

func TestDecisionDraftHasBlanks(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 2)
	d.Number, d.Date, d.Status = 0, tdkt.Date{}, tdkt.DecisionDraft
	ps := pages(t, renderDecision(t, "decision-draft", d, cat))
	if !strings.Contains(ps[0], "Sơn Lâm, ngày … tháng … năm …") {
		t.Errorf("draft date line not blank:\n%s", ps[0])
	}
	if !strings.Contains(ps[0], "/QĐ-UBND") || strings.Contains(ps[0], "00/QĐ") {
		t.Errorf("draft number wrong:\n%s", ps[0])
	}
	if !strings.Contains(flat(ps[1]), "Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm …") {
		t.Errorf("draft list reference wrong:\n%s", ps[1])
	}
}

func TestDecisionText(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 15)
	ps := pages(t, renderDecision(t, "decision-text", d, cat))
	all := flat(strings.Join(ps, " "))
	for _, n := range append(append([]string{}, diacriticNames...), collectives...) {
		if !strings.Contains(all, n) {
			t.Errorf("name %q lost", n)
		}
	}
	body := flat(ps[0])
	for _, want := range []string{
		"ngày 16 tháng 6 năm 2025;",                           // ";" added
		"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", // not doubled
		"Luật Thi đua, khen thưởng;",                          // "." turned into ";" before the proposal
		"ngày 01 tháng 3 năm 2025.",                           // proposal ends with "."
		"Điều 1.", "Điều 2.", "Điều 3.",
		"(có danh sách kèm theo).",
		"Nơi nhận:", "- Như Điều 3;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, TĐKT.",
		"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Quốc Khánh",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("decision lacks %q:\n%s", want, body)
		}
	}
	for _, bad := range []string{";;", "..", ";.", ".;"} {
		if strings.Contains(body, bad) {
			t.Errorf("doubled punctuation %q:\n%s", bad, body)
		}
	}
	if n := strings.Count(body, "danh sách kèm theo"); n != 1 {
		t.Errorf("list mentioned %d times in Điều 1", n)
	}
	list := flat(strings.Join(ps[1:], " "))
	for _, want := range []string{"DANH SÁCH", "CÁ NHÂN, TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
		"(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 3 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh Sơn Lâm)",
		"STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Tiền thưởng (đồng)", "I. CÁ NHÂN", "II. TẬP THỂ"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
}

func TestDecisionSignerKT(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 1)
	d.Signer = tdkt.Signer{Name: "Lò Thị Xuân", Title: "PHÓ CHỦ TỊCH", Mode: "KT"}
	body := pages(t, renderDecision(t, "decision-kt", d, cat))[0]
	for _, want := range []string{"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lò Thị Xuân"} {
		if !strings.Contains(body, want) {
			t.Errorf("KT signature lacks %q", want)
		}
	}
	if strings.Contains(body, "TM.") {
		t.Error("KT signature shows TM.")
	}
}

func TestDecisionListOrderAndTotal(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 15)
	ps := pages(t, renderDecision(t, "decision-total", d, cat))
	list := flat(strings.Join(ps[1:], " "))
	// People sorted by given name, collectives by whole name, people first.
	people := append([]string(nil), diacriticNames...)
	tdkt.SortNames(people)
	order := append(people, "Ban Chỉ huy Quân sự xã Ẳng Cang", "Đồn Biên phòng Ka Lăng",
		"Hợp tác xã Chè Shan Tuyết", "Phòng Kinh tế xã Ải Tử", "Trường Tiểu học Nậm Pồ")
	at := -1
	for _, n := range order {
		i := strings.Index(list, n)
		if i <= at {
			t.Fatalf("%q out of order in the list:\n%s", n, list)
		}
		at = i
	}
	total := d.Total()
	if total == 0 {
		t.Fatal("fixture has no bonus")
	}
	for _, want := range []string{"Tổng cộng", tdkt.Money(total), "Bằng chữ: " + tdkt.MoneyWords(total) + "./."} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
}

func TestDecisionLongListRepeatsHeader(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 300)
	ps := pages(t, renderDecision(t, "decision-300", d, cat))
	if len(ps) < 5 {
		t.Fatalf("300 names on %d pages", len(ps))
	}
	for i, p := range ps[1:] {
		if !strings.Contains(p, "Họ và tên") {
			t.Errorf("list page %d (page %d) has no column header", i+1, i+2)
		}
	}
	if !strings.Contains(ps[len(ps)-1], "Bằng chữ") {
		t.Error("amount in words not on the last page")
	}
	if !strings.Contains(ps[len(ps)-1], "305") {
		t.Error("the last page does not hold row 305")
	}
}

// topMargin returns the words printed in the top margin of each page.
func topMargin(ws [][]bboxWord) []string {
	out := make([]string, len(ws))
	for i, page := range ws {
		var in []string
		for _, w := range page {
			if w.y1 < mm(decree30.top) {
				in = append(in, w.text)
			}
		}
		out[i] = strings.Join(in, " ")
	}
	return out
}

func TestDecisionPageNumbers(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 60)
	// Enough bases to push the body onto a second page.
	for i := 0; i < 14; i++ {
		d.Bases = append(d.Bases, fmt.Sprintf("Căn cứ Quyết định số %d/QĐ-UBND ngày 10 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh ban hành Quy chế thi đua, khen thưởng", 100+i))
	}
	path := renderDecision(t, "decision-numbers", d, cat)
	ps := pages(t, path)
	list := -1
	for i, p := range ps {
		if strings.Contains(p, "DANH SÁCH") {
			list = i
			break
		}
	}
	if list != 2 || len(ps) < 4 {
		t.Fatalf("want a two-page body and a list of two pages or more; list starts on page %d of %d", list+1, len(ps))
	}
	top := topMargin(bboxes(t, path))
	want := map[int]string{0: "", 1: "2", 2: "", 3: "2"} // the list is numbered on its own (Decree 30)
	for p, w := range want {
		if top[p] != w {
			t.Errorf("page %d: top margin holds %q, want %q", p+1, top[p], w)
		}
	}
}

func TestDecisionMargins(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 40)
	ws := bboxes(t, renderDecision(t, "decision-margins", d, cat))
	left, right := mm(decree30.left), mm(210-decree30.right)
	bottom := mm(297 - decree30.bottom)
	leftmost, rightmost := 1e9, 0.0
	for p, page := range ws {
		for _, w := range page {
			if w.x0 < left-0.5 || w.x1 > right+0.5 || w.y1 > bottom+0.5 {
				t.Errorf("page %d: %q at [%.1f, %.1f]×[%.1f, %.1f] pt is outside the margins", p+1, w.text, w.x0, w.x1, w.y0, w.y1)
			}
			if p == 0 && w.y0 > mm(decree30.top) {
				leftmost = min(leftmost, w.x0)
				rightmost = max(rightmost, w.x1)
			}
		}
	}
	if leftmost < left-2 || leftmost > left+2 {
		t.Errorf("body starts at %.1f pt, want %.1f ±2 (30 mm)", leftmost, left)
	}
	// Justified lines reach the right margin of 15 mm and no further.
	if rightmost < right-2 {
		t.Errorf("body ends at %.1f pt, want about %.1f (15 mm)", rightmost, right)
	}
}

func TestDecisionConcurrent(t *testing.T) {
	cat := testCatalog(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			errs <- Decision(&b, testOffice(), testDecision(t, cat, 30), cat)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestDecisionUnknownAward(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 1)
	d.AwardCode = "XYZ"
	if err := Decision(&bytes.Buffer{}, testOffice(), d, cat); err == nil {
		t.Error("unknown award code accepted")
	}
}
