package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"tdkt"
)

func testAwards(d *tdkt.Decision) []*tdkt.Award {
	n := 122
	return tdkt.AwardsFromDecision(d, func() string { return "A" }, func(int) string {
		n++
		return fmt.Sprintf("2025/%06d", n)
	})
}

func TestCertificates(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 2) // Nguyễn Thị Ước (P0), Đặng Văn Tưởng (P1) and 5 collectives
	awards := testAwards(d)
	opt := CertOptions{Layout: DefaultLayout("BKT"), Gender: map[string]tdkt.Gender{"P0": tdkt.Female}}
	for _, preview := range []bool{false, true} {
		opt.Preview = preview
		name := fmt.Sprintf("certificates-preview-%v", preview)
		path := render(t, name, func(w *bytes.Buffer) error { return Certificates(w, testOffice(), d, awards, opt) })
		if n := pageCount(t, path); n != len(awards) {
			t.Errorf("preview %v: %d pages for %d awards", preview, n, len(awards))
		}
		ps := pages(t, path)
		first, second, coll := flat(ps[0]), flat(ps[1]), flat(ps[2])
		for _, want := range []string{"Tặng Bà", "Nguyễn Thị Ước", "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
			"Quyết định số 05/QĐ-UBND ngày 05 tháng 3 năm 2025", "Số sổ: 2025/000123",
			"Sơn Lâm, ngày 05 tháng 3 năm 2025", "Hoàng Quốc Khánh"} {
			if !strings.Contains(first, want) {
				t.Errorf("preview %v: first certificate lacks %q:\n%s", preview, want, first)
			}
		}
		if !strings.Contains(second, "Tặng Ông/Bà") {
			t.Errorf("unknown gender not written Ông/Bà:\n%s", second)
		}
		if !strings.Contains(coll, "Tặng ") || strings.Contains(coll, "Ông") {
			t.Errorf("collective salutation wrong:\n%s", coll)
		}
		if strings.Contains(first, "danh sách") {
			t.Errorf("citation keeps the list pointer:\n%s", first)
		}
		if preview != strings.Contains(first, "PlaceDate") {
			t.Errorf("preview %v: field labels shown %v", preview, !preview)
		}
	}
}

func TestCertificateLayouts(t *testing.T) {
	cat := testCatalog(t)
	d := testDecision(t, cat, 1)
	awards := testAwards(d)[:1]
	l := DefaultLayout("GK")
	if l.Name.Size >= DefaultLayout("BKT").Name.Size {
		t.Error("Giấy khen layout not smaller than Bằng khen")
	}
	l.Page, l.Number.Size = "A3", 0 // a blank with the number pre-printed
	text := pages(t, render(t, "certificate-a3", func(w *bytes.Buffer) error {
		return Certificates(w, testOffice(), d, awards, CertOptions{Layout: l})
	}))[0]
	if strings.Contains(text, "Số sổ") {
		t.Error("a field of size 0 was printed")
	}
	l.Page = "B5"
	if err := Certificates(&bytes.Buffer{}, testOffice(), d, awards, CertOptions{Layout: l}); err == nil {
		t.Error("paper B5 accepted")
	}
}

func TestProposal(t *testing.T) {
	cat := testCatalog(t)
	m := testMeeting()
	date := tdkt.D(2025, time.February, 24)
	bonus, _ := cat.Bonus("CSTDT", tdkt.SubjectPerson, date)
	p := ProposalDoc{Number: "12/TTr-SNV", Date: date, From: "SỞ NỘI VỤ", To: "Chủ tịch Ủy ban nhân dân tỉnh",
		Summary: "Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2024", Meeting: m,
		AwardName: "danh hiệu Chiến sĩ thi đua cấp tỉnh",
		Entries: []tdkt.ListEntry{{DossierID: "D1", CandidateID: "C1", Subject: tdkt.SubjectPerson, Name: "Nguyễn Thị Ước",
			Position: "Giáo viên, Trường Tiểu học Nậm Pồ", Bonus: bonus}},
		Signer: tdkt.Signer{Name: "Lê Văn Bình", Title: "PHÓ GIÁM ĐỐC", Mode: "KT"}}
	all := flat(strings.Join(pages(t, render(t, "proposal", func(w *bytes.Buffer) error {
		return Proposal(w, testOffice(), p)
	})), " "))
	for _, want := range []string{"ỦY BAN NHÂN DÂN TỈNH SƠN LÂM", "SỞ NỘI VỤ", "Số: 12/TTr-SNV",
		"Sơn Lâm, ngày 24 tháng 02 năm 2025", "TỜ TRÌNH", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh",
		"Hội đồng Thi đua – Khen thưởng tỉnh Sơn Lâm ngày 20 tháng 02 năm 2025",
		"Sở Nội vụ kính trình", "1 cá nhân", "Nguyễn Thị Ước", "93,33", tdkt.Money(bonus),
		tdkt.MoneyWords(bonus), "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Bình", "- Như trên;", "- Lưu: VT, TĐKT."} {
		if !strings.Contains(all, want) {
			t.Errorf("proposal lacks %q:\n%s", want, all)
		}
	}
	if err := Proposal(&bytes.Buffer{}, testOffice(), ProposalDoc{}); err == nil {
		t.Error("empty proposal accepted")
	}
}

func TestNotice(t *testing.T) {
	n := NoticeDoc{Title: "Công khai danh sách đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc năm 2024",
		Date: tdkt.D(2025, time.March, 3), From: tdkt.D(2025, time.March, 5), To: tdkt.D(2025, time.March, 18),
		Contact: "Phòng Thi đua, Khen thưởng, Sở Nội vụ tỉnh Sơn Lâm, điện thoại 0214 3820 123",
		Entries: []NoticeEntry{{Name: "Lò Thị Ửng", Unit: "Trường Tiểu học Nậm Pồ", Award: "Chiến sĩ thi đua toàn quốc",
			Achievements: "Sáng kiến dạy song ngữ Thái – Việt áp dụng toàn tỉnh; 6 năm liền hoàn thành xuất sắc nhiệm vụ."}}}
	all := flat(strings.Join(pages(t, render(t, "notice", func(w *bytes.Buffer) error {
		return Notice(w, testOffice(), n)
	})), " "))
	for _, want := range []string{"THÔNG BÁO", "/TB-UBND", "Lò Thị Ửng", "Tóm tắt thành tích",
		"từ ngày 05 tháng 3 năm 2025 đến ngày 18 tháng 3 năm 2025", "0214 3820 123", "TM. ỦY BAN NHÂN DÂN"} {
		if !strings.Contains(all, want) {
			t.Errorf("notice lacks %q:\n%s", want, all)
		}
	}
	n.To = tdkt.D(2025, time.March, 1)
	if err := Notice(&bytes.Buffer{}, testOffice(), n); err == nil {
		t.Error("comment period ending before it starts accepted")
	}
}

func TestModels(t *testing.T) {
	people := []*tdkt.Person{
		{Name: "Nguyễn Thị Ước", UnitID: "U1", Position: "Giáo viên", Model: &tdkt.Exemplary{Since: "2022",
			Story: "Hơn 15 năm bám bản dạy chữ cho trẻ em người Mông, vận động hàng trăm học sinh trở lại lớp."}},
		{Name: "Giàng A Páo", UnitID: "U2", Model: &tdkt.Exemplary{Story: "Nông dân sản xuất giỏi, hiến đất làm đường liên thôn."}},
		{Name: "Đặng Văn Tưởng", UnitID: "U1"},
	}
	units := map[string]string{"U1": "Trường Tiểu học Nậm Pồ", "U2": "Thôn Pá Khoang, xã Mường Phăng"}
	all := flat(strings.Join(pages(t, render(t, "models", func(w *bytes.Buffer) error {
		return Models(w, testOffice(), 2025, people, units)
	})), " "))
	for _, want := range []string{"ĐIỂN HÌNH TIÊN TIẾN NĂM 2025", "1. Giàng A Páo – Thôn Pá Khoang, xã Mường Phăng",
		"2. Nguyễn Thị Ước – Giáo viên, Trường Tiểu học Nậm Pồ (điển hình từ 2022)", "người Mông"} {
		if !strings.Contains(all, want) {
			t.Errorf("models lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Đặng Văn Tưởng") {
		t.Error("a person without a model record is listed")
	}
}
