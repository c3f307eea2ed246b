package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"tdkt"
)

func TestMinutes(t *testing.T) {
	cat := testCatalog(t)
	m := testMeeting()
	ps := pages(t, render(t, "minutes", func(w *bytes.Buffer) error { return Minutes(w, testOffice(), m, cat) }))
	all := running(ps)
	for _, want := range []string{
		"HỘI ĐỒNG THI ĐUA –", "KHEN THƯỞNG", "TỈNH SƠN LÂM", "BIÊN BẢN",
		"Họp Hội đồng Thi đua – Khen thưởng tỉnh Sơn Lâm",
		"Sơn Lâm, ngày 20 tháng 02 năm 2025",
		"08 giờ 00 phút", "11 giờ 30 phút",
		"Phòng họp số 1, Ủy ban nhân dân tỉnh Sơn Lâm",
		"Hoàng Quốc Khánh, Chủ tịch Hội đồng", "Đặng Thị Hạnh",
		"Có mặt 14/15 thành viên", "Bùi Quang Huy (có phiếu biểu quyết bằng văn bản)",
		"Bỏ phiếu kín đối với Chiến sĩ thi đua cấp tỉnh",
		"biểu quyết giơ tay đối với Bằng khen của Chủ tịch UBND tỉnh",
		"Tỷ lệ % trên tổng số thành viên",
		"93,33", "80,00", "73,33", "100,00", "Không đạt",
		"số phiếu phát ra 15, số phiếu thu vào 15, số phiếu hợp lệ 15, số phiếu không hợp lệ 0",
		"Chiến sĩ thi đua cấp tỉnh: 1/2 trường hợp đạt",
		"Bằng khen của Chủ tịch UBND tỉnh: 2/2 trường hợp đạt",
		"THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("minutes lack %q", want)
		}
	}
	// 14 of 15 members is 93,33 %: the share is of all members, so the
	// candidate passes 90 % although one member was absent.
	if n := strings.Count(all, "Không đạt"); n != 1 {
		t.Errorf("%d candidates failed, want 1:\n%s", n, all)
	}
	if n := strings.Count(all, "Đạt"); n != 3 {
		t.Errorf("%d candidates passed, want 3", n)
	}
}

func TestMinutesWithoutQuorum(t *testing.T) {
	cat := testCatalog(t)
	m := testMeeting()
	for i := range m.Members[:6] {
		m.Members[i].Present = false
	}
	all := flat(strings.Join(pages(t, render(t, "minutes-noquorum", func(w *bytes.Buffer) error {
		return Minutes(w, testOffice(), m, cat)
	})), " "))
	for _, want := range []string{"không bảo đảm tỷ lệ tối thiểu 2/3", "không đủ túc số"} {
		if !strings.Contains(all, want) {
			t.Errorf("minutes without quorum lack %q", want)
		}
	}
	if strings.Contains(all, " Đạt ") {
		t.Error("a candidate passed without quorum")
	}
}

func TestBallotsTwoPerPage(t *testing.T) {
	cat := testCatalog(t)
	m := testMeeting() // 15 members, 2 secret candidates
	path := render(t, "ballots", func(w *bytes.Buffer) error { return Ballots(w, testOffice(), m, cat) })
	if n, want := pageCount(t, path), (len(m.Members)+1)/2; n != want {
		t.Errorf("%d pages, want %d", n, want)
	}
	all := strings.Join(pages(t, path), " ")
	if n := strings.Count(all, "PHIẾU BẦU"); n != len(m.Members) {
		t.Errorf("%d papers, want %d", n, len(m.Members))
	}
	for _, want := range []string{"Nguyễn Thị Ước", "Đặng Văn Tưởng", "Đồng ý", "Không đồng ý", "Đánh dấu X vào ô tương ứng"} {
		if !strings.Contains(all, want) {
			t.Errorf("ballots lack %q", want)
		}
	}
	if strings.Contains(all, "Giàng A Páo") {
		t.Error("a show-of-hands candidate is on the ballot paper")
	}
}

func TestBallotsLongList(t *testing.T) {
	cat := testCatalog(t)
	m := testMeeting()
	m.Members = m.Members[:3]
	for i := 0; i < 40; i++ {
		m.Items = append(m.Items, tdkt.AgendaItem{DossierID: "D9", CandidateID: fmt.Sprint(i),
			Name: personName(i + 20), AwardCode: "CSTDT", Secret: true})
	}
	path := render(t, "ballots-long", func(w *bytes.Buffer) error { return Ballots(w, testOffice(), m, cat) })
	ps := pages(t, path)
	// 42 rows do not fit one page: each paper runs over two pages.
	if len(ps) != 6 {
		t.Errorf("%d pages, want 6", len(ps))
	}
	for i, p := range ps {
		if !strings.Contains(p, "Không đồng ý") {
			t.Errorf("page %d lacks the table header", i+1)
		}
	}
}

func TestBallotsNeedSecretItems(t *testing.T) {
	cat := testCatalog(t)
	m := testMeeting()
	for i := range m.Items {
		m.Items[i].Secret = false
	}
	if err := Ballots(&bytes.Buffer{}, testOffice(), m, cat); err == nil {
		t.Error("ballots printed for a meeting without secret ballot")
	}
}
