package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"tdkt"
)

// TestImages refreshes the pictures of docs/img when TDKT_PDF_IMG names the
// folder: go test ./export/pdf -run Images with TDKT_PDF_IMG=$PWD/docs/img.
func TestImages(t *testing.T) {
	dir := os.Getenv("TDKT_PDF_IMG")
	if dir == "" {
		t.Skip("set TDKT_PDF_IMG to write the documentation images")
	}
	needTool(t, "pdftoppm")
	cat := testCatalog(t)
	off := testOffice()
	d := testDecision(t, cat, 15)
	m := testMeeting()
	awards := testAwards(d)
	date := tdkt.D(2025, time.February, 24)
	bonus, _ := cat.Bonus("CSTDT", tdkt.SubjectPerson, date)
	shot := func(name string, page int, fn func(w *bytes.Buffer) error) {
		path := render(t, name, fn)
		p := strconv.Itoa(page)
		out := filepath.Join(dir, name)
		if err := exec.Command("pdftoppm", "-png", "-r", "70", "-f", p, "-l", p, "-singlefile", path, out).Run(); err != nil {
			t.Fatalf("pdftoppm %s: %v", name, err)
		}
	}
	decision := func(w *bytes.Buffer) error { return Decision(w, off, d, cat) }
	shot("decision", 1, decision)
	shot("decision-list", 2, decision)
	shot("minutes", 1, func(w *bytes.Buffer) error { return Minutes(w, off, m, cat) })
	shot("ballots", 1, func(w *bytes.Buffer) error { return Ballots(w, off, m, cat) })
	shot("certificate", 1, func(w *bytes.Buffer) error {
		return Certificates(w, off, d, awards, CertOptions{Layout: DefaultLayout("BKT"), Preview: true,
			Gender: map[string]tdkt.Gender{"P0": tdkt.Female}})
	})
	shot("proposal", 1, func(w *bytes.Buffer) error {
		return Proposal(w, off, ProposalDoc{Number: "12/TTr-SNV", Date: date, From: "SỞ NỘI VỤ",
			To: "Chủ tịch Ủy ban nhân dân tỉnh", Summary: "Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2024",
			Meeting: m, AwardName: "danh hiệu Chiến sĩ thi đua cấp tỉnh",
			Entries: []tdkt.ListEntry{{DossierID: "D1", CandidateID: "C1", Subject: tdkt.SubjectPerson,
				Name: "Nguyễn Thị Ước", Position: "Giáo viên, Trường Tiểu học Nậm Pồ", Bonus: bonus}},
			Signer: tdkt.Signer{Name: "Lê Văn Bình", Title: "PHÓ GIÁM ĐỐC", Mode: "KT"}})
	})
	shot("notice", 1, func(w *bytes.Buffer) error {
		return Notice(w, off, NoticeDoc{Title: "Công khai danh sách đề nghị khen thưởng cấp Nhà nước năm 2024",
			Date: tdkt.D(2025, time.March, 3), From: tdkt.D(2025, time.March, 5), To: tdkt.D(2025, time.March, 18),
			Contact: "Phòng Thi đua, Khen thưởng, Sở Nội vụ tỉnh Sơn Lâm, điện thoại 0214 3820 123",
			Entries: []NoticeEntry{
				{Name: "Lò Thị Ửng", Unit: "Trường Tiểu học Nậm Pồ", Award: "Chiến sĩ thi đua toàn quốc",
					Achievements: "Sáng kiến dạy song ngữ Thái – Việt áp dụng toàn tỉnh; 6 năm liền hoàn thành xuất sắc nhiệm vụ."},
				{Name: "Đồn Biên phòng Ka Lăng", Unit: "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", Award: "Bằng khen của Thủ tướng Chính phủ",
					Achievements: "Bảo vệ vững chắc 42 km đường biên; giúp 120 hộ đồng bào xóa nhà tạm."}}})
	})
}
