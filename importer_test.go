package tdkt_test

import (
	"strings"
	"testing"

	"tdkt"
)

func TestHeadingField(t *testing.T) {
	tests := map[string]tdkt.Field{
		"STT": tdkt.FieldSeq, "Họ và tên": tdkt.FieldName, "HỌ VÀ TÊN": tdkt.FieldName, "Họ tên": tdkt.FieldName,
		"Họ và tên / Tên tập thể": tdkt.FieldName, "Cá nhân/ Tập thể": tdkt.FieldSubject, "CÁ NHÂN / TẬP THỂ": tdkt.FieldSubject,
		"Chức vụ, đơn vị": tdkt.FieldPosition, "Chức vụ": tdkt.FieldPosition, "Đơn vị": tdkt.FieldUnit,
		"Đơn vị công tác": tdkt.FieldUnit, "Năm sinh": tdkt.FieldBirth, "Hình thức khen thưởng": tdkt.FieldAward,
		"Danh hiệu": tdkt.FieldAward, "Số quyết định": tdkt.FieldDecision, "Số, ngày QĐ": tdkt.FieldDecision,
		"Ngày quyết định": tdkt.FieldDate, "Ngày ký": tdkt.FieldDate, "Năm": tdkt.FieldYear,
		"Năm thành tích": tdkt.FieldYear, "Tiền thưởng (đồng)": tdkt.FieldBonus, "Số vào sổ": tdkt.FieldNumber,
		"Ghi chú": tdkt.FieldNone, "": tdkt.FieldNone, "Dân tộc": tdkt.FieldEthnicity,
	}
	for h, want := range tests {
		if got := tdkt.HeadingField(h); got != want {
			t.Errorf("HeadingField(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestParseDecisionRef(t *testing.T) {
	tests := []struct {
		in, no string
		date   tdkt.Date
		err    bool
	}{
		{"123/QĐ-UBND", "123/QĐ-UBND", tdkt.Date{}, false},
		{"Số 123/QĐ-UBND ngày 05/3/2024", "123/QĐ-UBND", tdkt.D(2024, 3, 5), false},
		{"QĐ số 5 / QĐ-CT ngày 5-3-2024", "05/QĐ-CT", tdkt.D(2024, 3, 5), false},
		{"12/qd-ubnd", "12/QĐ-ubnd", tdkt.Date{}, false},
		{"01/QĐ-TTg ngày 10 tháng 9 năm 2010", "01/QĐ-TTg", tdkt.D(2010, 9, 10), false},
		{"không có", "", tdkt.Date{}, true},
		{"0/QĐ-UBND", "", tdkt.Date{}, true},
	}
	for _, tt := range tests {
		no, d, err := tdkt.ParseDecisionRef(tt.in)
		if (err != nil) != tt.err || no != tt.no || d != tt.date {
			t.Errorf("ParseDecisionRef(%q) = %q, %v, %v", tt.in, no, d, err)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	tests := []struct {
		in   string
		want tdkt.Date
		err  bool
	}{
		{"5/3/2024", tdkt.D(2024, 3, 5), false}, {"05-03-2024", tdkt.D(2024, 3, 5), false},
		{"5.3.2024", tdkt.D(2024, 3, 5), false}, {"2024-03-05", tdkt.D(2024, 3, 5), false},
		{"ngày 05 tháng 3 năm 2024", tdkt.D(2024, 3, 5), false}, {"Ngày 15 tháng 01 năm 2025", tdkt.D(2025, 1, 15), false},
		{"45356", tdkt.D(2024, 3, 5), false}, {"45356.5", tdkt.D(2024, 3, 5), false},
		{"31/02/2024", tdkt.Date{}, true}, {"hôm qua", tdkt.Date{}, true}, {"", tdkt.Date{}, true},
	}
	for _, tt := range tests {
		got, err := tdkt.ParseLooseDate(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseLooseDate(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestMatchAwardAndMoney(t *testing.T) {
	c := catalog(t)
	for in, want := range map[string]string{
		"Lao động tiên tiến": "LDTT", "LĐTT": "LDTT", "lao dong tien tien": "LDTT", "CSTĐCS": "CSTDCS",
		"Chiến sĩ thi đua cơ sở": "CSTDCS", "Danh hiệu Chiến sĩ thi đua cấp tỉnh": "CSTDT",
		"Bằng khen UBND tỉnh": "BKT", "Bằng khen của Chủ tịch UBND tỉnh": "BKT", "BK Thủ tướng": "BKTTG",
		"Giấy khen": "GK", "Huân chương Lao động hạng Ba": "HCLD3", "TTLĐXS": "TTLDXS",
	} {
		if got, ok := tdkt.MatchAward(c, in); !ok || got != want {
			t.Errorf("MatchAward(%q) = %q, %v; want %s", in, got, ok, want)
		}
	}
	if _, ok := tdkt.MatchAward(c, "Bằng khen bộ"); ok {
		t.Error("matched an item outside the catalogue")
	}
	for in, want := range map[string]int64{"2.400.000": 2400000, "2,400,000": 2400000, "2400000 đ": 2400000, "": 0} {
		if got, err := tdkt.ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v", in, got, err)
		}
	}
	if _, err := tdkt.ParseMoney("hai triệu"); err == nil {
		t.Error("words accepted as money")
	}
	for in, want := range map[string]tdkt.Subject{"Trường Tiểu học A": tdkt.SubjectCollective, "UBND xã Nậm Xé": tdkt.SubjectCollective,
		"Nguyễn Văn An": tdkt.SubjectPerson, "Tập thể lớp 5A": tdkt.SubjectCollective, "Phòng Nội vụ": tdkt.SubjectCollective} {
		if got := tdkt.GuessSubject(in); got != want {
			t.Errorf("GuessSubject(%q) = %s", in, got)
		}
	}
}

func TestImportRowParse(t *testing.T) {
	c := catalog(t)
	today := tdkt.D(2026, 11, 26)
	r := tdkt.ImportRow{Line: 9, Values: map[tdkt.Field]string{tdkt.FieldName: "NGUYỄN VĂN AN", tdkt.FieldAward: "LĐTT",
		tdkt.FieldDecision: "Số 12/QĐ-UBND ngày 05/3/2024", tdkt.FieldBirth: "1985", tdkt.FieldBonus: "800.000", tdkt.FieldGender: "Nam"}}
	p, probs := r.Parse(c, today)
	if len(probs) != 0 || p.Name != "Nguyễn Văn An" || p.AwardCode != "LDTT" || p.Year != 2024 || p.DecisionNo != "12/QĐ-UBND" ||
		p.DecisionDate != tdkt.D(2024, 3, 5) || p.BirthYear != 1985 || p.Bonus != 800000 || p.Gender != tdkt.Male || p.Subject != tdkt.SubjectPerson {
		t.Fatalf("%+v %v", p, probs)
	}
	bad := tdkt.ImportRow{Line: 12, Values: map[tdkt.Field]string{tdkt.FieldAward: "Cờ", tdkt.FieldYear: "20x4", tdkt.FieldDate: "32/1/2024", tdkt.FieldBirth: "2099"}}
	_, probs = bad.Parse(c, today)
	joined := strings.Join(probs, "\n")
	for _, want := range []string{"dòng 12: thiếu họ tên", "không nhận ra hình thức", "năm \"20x4\"", "32/1/2024", "năm sinh"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
}

// FuzzImportRow feeds arbitrary cell texts to the row parser, the way an
// office's old workbook reaches it: it must never panic and never accept
// a row without a name and a catalogue item.
func FuzzImportRow(f *testing.F) {
	c, _ := tdkt.ParseCatalog(mustCatalog())
	f.Add("Nguyễn Văn An", "LĐTT", "Số 12/QĐ-UBND ngày 05/3/2024", "2024", "1985", "800.000")
	f.Add("", "", "", "", "", "")
	f.Add("NGUYÔN V¡N AN", "Bằng khen", "45356", "x", "31/02/2024", "-5")
	f.Fuzz(func(t *testing.T, name, award, decision, year, birth, bonus string) {
		r := tdkt.ImportRow{Line: 1, Values: map[tdkt.Field]string{tdkt.FieldName: name, tdkt.FieldAward: award,
			tdkt.FieldDecision: decision, tdkt.FieldYear: year, tdkt.FieldBirth: birth, tdkt.FieldBonus: bonus}}
		p, probs := r.Parse(c, tdkt.D(2026, 11, 26))
		if len(probs) == 0 && (p.Name == "" || p.AwardCode == "") {
			t.Fatalf("accepted %+v", p)
		}
		tdkt.ParseLooseDate(decision)
		tdkt.HeadingField(name)
	})
}

// TestImportRevokedLine: the register this program writes marks a revoked
// line in its award cell; read back, the line is revoked, by the decision
// the cell names.
func TestImportRevokedLine(t *testing.T) {
	c := catalog(t)
	today := tdkt.D(2026, 11, 27)
	for cell, want := range map[string]string{
		"Bằng khen của Chủ tịch UBND tỉnh (đã hủy bỏ: Quyết định số 15/QĐ-UBND ngày 20/11/2026: Kê khai sai)": "Quyết định số 15/QĐ-UBND ngày 20/11/2026: Kê khai sai",
		"Bằng khen của Chủ tịch UBND tỉnh (đã hủy bỏ)":                                                        "",
	} {
		r := tdkt.ImportRow{Line: 3, Values: map[tdkt.Field]string{tdkt.FieldName: "Lò Thị Hoa", tdkt.FieldAward: cell,
			tdkt.FieldDecision: "Số 5/QĐ-UBND ngày 05/3/2024"}}
		p, probs := r.Parse(c, today)
		if len(probs) != 0 || p.AwardCode != "BKT" || !p.Revoked || p.RevokedBy != want {
			t.Errorf("%q: %+v %v", cell, p, probs)
		}
	}
	r := tdkt.ImportRow{Line: 4, Values: map[tdkt.Field]string{tdkt.FieldName: "Lò Thị Hoa", tdkt.FieldAward: "Bằng khen của Chủ tịch UBND tỉnh",
		tdkt.FieldDecision: "Số 5/QĐ-UBND ngày 05/3/2024"}}
	if p, _ := r.Parse(c, today); p.Revoked || p.CorrectedBy != "" {
		t.Error("a plain line read as revoked or corrected")
	}
	// a corrected line, later revoked too, as the register writes it
	r.Values[tdkt.FieldAward] = "Bằng khen của Chủ tịch UBND tỉnh (đã sửa: Quyết định số 16/QĐ-UBND ngày 21/11/2026: Ghi sai chức vụ) (đã hủy bỏ: Quyết định số 20/QĐ-UBND ngày 25/11/2026: Kê khai sai)"
	if p, probs := r.Parse(c, today); len(probs) != 0 || p.AwardCode != "BKT" || !p.Revoked ||
		p.CorrectedBy != "Quyết định số 16/QĐ-UBND ngày 21/11/2026: Ghi sai chức vụ" || p.RevokedBy != "Quyết định số 20/QĐ-UBND ngày 25/11/2026: Kê khai sai" {
		t.Errorf("corrected and revoked: %+v %v", p, probs)
	}
}
