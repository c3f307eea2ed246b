package pdf

import (
	"slices"
	"testing"

	"tdkt"
)

func TestSplitBody(t *testing.T) {
	for in, want := range map[string][2]string{
		"ỦY BAN NHÂN DÂN TỈNH SƠN LÂM":     {"ỦY BAN NHÂN DÂN", "TỈNH SƠN LÂM"},
		"ỦY BAN NHÂN DÂN XÃ NẬM PỒ":        {"ỦY BAN NHÂN DÂN", "XÃ NẬM PỒ"},
		"ỦY BAN NHÂN DÂN PHƯỜNG ĐIỆN BIÊN": {"ỦY BAN NHÂN DÂN", "PHƯỜNG ĐIỆN BIÊN"},
		"ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO":  {"ỦY BAN NHÂN DÂN", "ĐẶC KHU CÔN ĐẢO"},
		"ủy ban nhân dân thành phố Hà Nội": {"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"},
		"SỞ NỘI VỤ":                        {"SỞ NỘI VỤ", ""},
	} {
		if b, p := splitBody(in); b != want[0] || p != want[1] {
			t.Errorf("splitBody(%q) = %q, %q; want %q, %q", in, b, p, want[0], want[1])
		}
	}
}

func TestSignatureLines(t *testing.T) {
	body := "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM"
	for _, c := range []struct {
		s    tdkt.Signer
		want []string
	}{
		{tdkt.Signer{Title: "CHỦ TỊCH", Mode: "TM"}, []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}},
		{tdkt.Signer{Title: "PHÓ CHỦ TỊCH", Mode: "KT"}, []string{"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}},
		{tdkt.Signer{Title: "Phó Giám đốc", Mode: "KT"}, []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{tdkt.Signer{Title: "CHỦ TỊCH"}, []string{"CHỦ TỊCH"}},
	} {
		if got := signatureLines(c.s, body); !slices.Equal(got, c.want) {
			t.Errorf("signatureLines(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestTerminate(t *testing.T) {
	for _, c := range [][3]string{
		{"Căn cứ Luật A", ";", "Căn cứ Luật A;"},
		{"Căn cứ Luật A;", ";", "Căn cứ Luật A;"},
		{"Căn cứ Luật A;", ".", "Căn cứ Luật A."},
		{"Căn cứ Luật A. ", ";", "Căn cứ Luật A;"},
		{"Lưu: VT, TĐKT", ".", "Lưu: VT, TĐKT."},
		{"  ", ";", ""},
	} {
		if got := terminate(c[0], c[1]); got != c[2] {
			t.Errorf("terminate(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestWithList(t *testing.T) {
	if got := withList("Tặng Bằng khen cho các cá nhân."); got != "Tặng Bằng khen cho các cá nhân (có danh sách kèm theo)." {
		t.Errorf("withList added %q", got)
	}
	s := "Tặng Bằng khen cho các cá nhân có tên trong Danh sách kèm theo."
	if got := withList(s); got != s {
		t.Errorf("withList changed %q to %q", s, got)
	}
}

func TestNormalCase(t *testing.T) {
	for in, want := range map[string]string{
		"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LÂM":       "Chủ tịch Ủy ban nhân dân tỉnh Sơn Lâm",
		"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NẬM PỒ":          "Chủ tịch Ủy ban nhân dân xã Nậm Pồ",
		"THỦ TƯỚNG CHÍNH PHỦ":                         "Thủ tướng Chính phủ",
		"CHỦ TỊCH NƯỚC":                               "Chủ tịch nước",
		"SỞ NỘI VỤ":                                   "Sở Nội vụ",
		"HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH SƠN LÂM": "Hội đồng Thi đua – Khen thưởng tỉnh Sơn Lâm",
		"Chủ tịch Ủy ban nhân dân tỉnh Sơn Lâm":       "Chủ tịch Ủy ban nhân dân tỉnh Sơn Lâm",
	} {
		if got := normalCase(in); got != want {
			t.Errorf("normalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCollate(t *testing.T) {
	got := []string{"Trường Tiểu học Nậm Pồ", "Đồn Biên phòng Ka Lăng", "Ban Chỉ huy Quân sự xã Ẳng Cang",
		"Ấp Văn hóa", "An Phú"}
	slices.SortFunc(got, collate)
	want := []string{"An Phú", "Ấp Văn hóa", "Ban Chỉ huy Quân sự xã Ẳng Cang", "Đồn Biên phòng Ka Lăng", "Trường Tiểu học Nậm Pồ"}
	if !slices.Equal(got, want) {
		t.Errorf("collate order %q, want %q", got, want)
	}
}

func TestPercentAndShare(t *testing.T) {
	for _, c := range []struct {
		v    float64
		p, s string
	}{{93.33, "93,33", "93,33"}, {90, "90,00", "90"}, {100, "100,00", "100"}, {66.5, "66,50", "66,5"}} {
		if got := percent(c.v); got != c.p {
			t.Errorf("percent(%v) = %q, want %q", c.v, got, c.p)
		}
		if got := share(c.v); got != c.s {
			t.Errorf("share(%v) = %q, want %q", c.v, got, c.s)
		}
	}
}

func TestCitationOf(t *testing.T) {
	d := &tdkt.Decision{Year: 2024, Articles: []string{
		"Tặng Bằng khen cho các cá nhân, tập thể có tên trong danh sách kèm theo, đã có thành tích xuất sắc năm 2024 (có danh sách kèm theo)."}}
	if got, want := citationOf(d), "Đã có thành tích xuất sắc năm 2024"; got != want {
		t.Errorf("citationOf = %q, want %q", got, want)
	}
	d.Articles = []string{"Tặng Bằng khen cho ông A."}
	if got, want := citationOf(d), "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024"; got != want {
		t.Errorf("citationOf fallback = %q, want %q", got, want)
	}
}

func TestClockAndSymbol(t *testing.T) {
	if got := clock("8:05"); got != "08 giờ 05 phút" {
		t.Errorf("clock = %q", got)
	}
	if got := symbolFor("QĐ-UBND", "TB"); got != "TB-UBND" {
		t.Errorf("symbolFor = %q", got)
	}
}
