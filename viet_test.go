package tdkt

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"already NFC", "Nguyễn Văn An", "Nguyễn Văn An"},
		{"NFD input", norm.NFD.String("Nguyễn Văn Ước"), "Nguyễn Văn Ước"},
		{"mixed composition", "Nguye\u0302\u0303n", "Nguyễn"},
		{"trim", "  \tLào Cai \n", "Lào Cai"},
		{"collapse", "Trần   Thị\t\tHà", "Trần Thị Hà"},
		{"only whitespace", " \t\n ", ""},
		{"non-breaking space collapsed", "Lê\u00a0Văn", "Lê Văn"},
		{"newlines collapsed", "QUYẾT\r\nĐỊNH", "QUYẾT ĐỊNH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NFC(tt.in)
			if got != tt.want {
				t.Errorf("NFC(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("NFC(%q) = %q is not in NFC", tt.in, got)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"Nguyễn Văn Ước", "nguyen van uoc"},
		{"ĐẶNG THỊ", "dang thi"},
		{"đường", "duong"},
		{"Đỗ Thị Ánh", "do thi anh"},
		{norm.NFD.String("Nguyễn Văn Ước"), "nguyen van uoc"},
		{norm.NFD.String("ĐẶNG THỊ"), "dang thi"},
		{"  Lê   Văn\tAn  ", "le van an"},
		{"Giàng A-Páo", "giang a-pao"},
		{"H'Mông", "h'mong"},
		{"Thừa Thiên Huế", "thua thien hue"},
		{"Quyết định số 123/QĐ-UBND", "quyet dinh so 123/qd-ubnd"},
		{"hoà hòa", "hoa hoa"},
		{"Bắc Kạn", "bac kan"},
		{"ABC xyz 2024", "abc xyz 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFoldAllVowelsAllTones generates every Vietnamese vowel with every
// tone in both cases and both normalisation forms, so no precomposed code
// point can be missed.
func TestFoldAllVowelsAllTones(t *testing.T) {
	vowels := []struct {
		letter, base string
	}{
		{"a", "a"}, {"ă", "a"}, {"â", "a"},
		{"e", "e"}, {"ê", "e"},
		{"i", "i"},
		{"o", "o"}, {"ô", "o"}, {"ơ", "o"},
		{"u", "u"}, {"ư", "u"},
		{"y", "y"},
	}
	tones := []struct {
		name, mark string
	}{
		{"ngang", ""},
		{"sắc", "\u0301"},
		{"huyền", "\u0300"},
		{"hỏi", "\u0309"},
		{"ngã", "\u0303"},
		{"nặng", "\u0323"},
	}
	count := 0
	for _, v := range vowels {
		for _, tone := range tones {
			lower := norm.NFC.String(v.letter + tone.mark)
			for _, letter := range []string{lower, strings.ToUpper(lower)} {
				if n := utf8.RuneCountInString(letter); n != 1 {
					t.Fatalf("%q+%s should compose to one code point, got %d", v.letter, tone.name, n)
				}
				forms := map[string]string{"NFC": letter, "NFD": norm.NFD.String(letter)}
				for form, in := range forms {
					count++
					if got := Fold(in); got != v.base {
						t.Errorf("Fold(%s %q) [%s %s] = %q, want %q", form, in, v.letter, tone.name, got, v.base)
					}
					// Inside a word as well, to catch marks leaking into
					// neighbouring letters.
					word := "Ng" + in + "n"
					if got, want := Fold(word), "ng"+v.base+"n"; got != want {
						t.Errorf("Fold(%s %q) = %q, want %q", form, word, got, want)
					}
				}
			}
		}
	}
	if want := 12 * 6 * 2 * 2; count != want {
		t.Errorf("checked %d combinations, want %d", count, want)
	}
	for _, in := range []string{"đ", "Đ"} {
		if got := Fold(in); got != "d" {
			t.Errorf("Fold(%q) = %q, want %q", in, got, "d")
		}
	}
}

func TestFoldWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"Giàng A-Páo", []string{"giang", "a", "pao"}},
		{"H'Mông", []string{"h", "mong"}},
		{"H’Lan Niê", []string{"h", "lan", "nie"}},
		{"Nguyễn Văn Ước", []string{"nguyen", "van", "uoc"}},
		{"--Lê,,Văn..An--", []string{"le", "van", "an"}},
		{"Quyết định 123/QĐ-UBND", []string{"quyet", "dinh", "123", "qd", "ubnd"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := FoldWords(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("FoldWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		place string
		d     time.Time
		want  string
	}{
		{"Lào Cai", date(2024, 3, 5), "Lào Cai, ngày 05 tháng 3 năm 2024"},
		{"Hà Nội", date(2025, 1, 15), "Hà Nội, ngày 15 tháng 01 năm 2025"},
		{"Hà Nội", date(2025, 2, 9), "Hà Nội, ngày 09 tháng 02 năm 2025"},
		{"Đà Nẵng", date(2023, 12, 31), "Đà Nẵng, ngày 31 tháng 12 năm 2023"},
		{"Huế", date(2023, 10, 10), "Huế, ngày 10 tháng 10 năm 2023"},
		{"Cần Thơ", date(2023, 11, 1), "Cần Thơ, ngày 01 tháng 11 năm 2023"},
		{"", date(2024, 3, 5), "ngày 05 tháng 3 năm 2024"},
		{"   ", date(2024, 3, 5), "ngày 05 tháng 3 năm 2024"},
		{norm.NFD.String(" Lào  Cai "), date(2024, 3, 5), "Lào Cai, ngày 05 tháng 3 năm 2024"},
		// The calendar day is taken in the time's own location.
		{"TP. Hồ Chí Minh", time.Date(2024, 9, 2, 23, 30, 0, 0, time.FixedZone("ICT", 7*3600)), "TP. Hồ Chí Minh, ngày 02 tháng 9 năm 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := DateLine(tt.place, tt.d); got != tt.want {
				t.Errorf("DateLine(%q, %v) = %q, want %q", tt.place, tt.d, got, tt.want)
			}
		})
	}
}

func TestDateWords(t *testing.T) {
	tests := []struct {
		d    time.Time
		want string
	}{
		{date(2025, 1, 15), "ngày 15 tháng 01 năm 2025"},
		{date(2025, 2, 1), "ngày 01 tháng 02 năm 2025"},
		{date(2024, 3, 5), "ngày 05 tháng 3 năm 2024"},
		{date(2024, 9, 30), "ngày 30 tháng 9 năm 2024"},
		{date(2024, 10, 9), "ngày 09 tháng 10 năm 2024"},
		{date(2024, 11, 20), "ngày 20 tháng 11 năm 2024"},
		{date(2024, 12, 22), "ngày 22 tháng 12 năm 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := DateWords(tt.d); got != tt.want {
				t.Errorf("DateWords(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestDateShort(t *testing.T) {
	tests := []struct {
		d    time.Time
		want string
	}{
		{date(2024, 3, 5), "05/03/2024"},
		{date(2025, 12, 31), "31/12/2025"},
		{date(2000, 1, 1), "01/01/2000"},
		{date(2024, 2, 29), "29/02/2024"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := DateShort(tt.d); got != tt.want {
				t.Errorf("DateShort(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestParseDateShort(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{in: "5/3/2024", want: date(2024, 3, 5)},
		{in: "05/03/2024", want: date(2024, 3, 5)},
		{in: "05-03-2024", want: date(2024, 3, 5)},
		{in: "5.3.2024", want: date(2024, 3, 5)},
		{in: " 31/12/2025 ", want: date(2025, 12, 31)},
		{in: "29/02/2024", want: date(2024, 2, 29)},
		{in: "1/1/2000", want: date(2000, 1, 1)},
		{in: "31/02/2024", wantErr: true},
		{in: "29/02/2023", wantErr: true},
		{in: "31/04/2024", wantErr: true},
		{in: "00/03/2024", wantErr: true},
		{in: "05/13/2024", wantErr: true},
		{in: "05/00/2024", wantErr: true},
		{in: "", wantErr: true},
		{in: "05032024", wantErr: true},
		{in: "05/03", wantErr: true},
		{in: "05/03/2024/1", wantErr: true},
		{in: "05/03-2024", wantErr: true},
		{in: "05/03/24", wantErr: true},
		{in: "+5/03/2024", wantErr: true},
		{in: "a/03/2024", wantErr: true},
		{in: "005/03/2024", wantErr: true},
		{in: "2024-03-05", wantErr: true},
		{in: "٥/03/2024", wantErr: true}, // non-ASCII digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDateShort(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseDateShort(%q) = %v, want error", tt.in, got)
				}
				if !errors.Is(err, ErrInvalidDate) {
					t.Errorf("ParseDateShort(%q) error %v does not wrap ErrInvalidDate", tt.in, err)
				}
				if !strings.Contains(err.Error(), tt.in) {
					t.Errorf("ParseDateShort(%q) error %q does not quote the input", tt.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDateShort(%q) unexpected error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("ParseDateShort(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateShortRoundTrip(t *testing.T) {
	for d := date(2023, 1, 1); d.Year() < 2025; d = d.AddDate(0, 0, 1) {
		got, err := ParseDateShort(DateShort(d))
		if err != nil || !got.Equal(d) {
			t.Fatalf("round trip of %v: got %v, %v", d, got, err)
		}
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{5, "5"},
		{999, "999"},
		{1000, "1.000"},
		{-1000, "-1.000"},
		{-999, "-999"},
		{12345, "12.345"},
		{100000, "100.000"},
		{2340000, "2.340.000"},
		{1000000000, "1.000.000.000"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Money(tt.in); got != tt.want {
				t.Errorf("Money(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMoneyWords(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "Không đồng"},
		{1, "Một đồng"},
		{4, "Bốn đồng"},
		{5, "Năm đồng"},
		{10, "Mười đồng"},
		{11, "Mười một đồng"},
		{14, "Mười bốn đồng"},
		{15, "Mười lăm đồng"},
		{20, "Hai mươi đồng"},
		{21, "Hai mươi mốt đồng"},
		{24, "Hai mươi bốn đồng"},
		{25, "Hai mươi lăm đồng"},
		{55, "Năm mươi lăm đồng"},
		{99, "Chín mươi chín đồng"},
		{100, "Một trăm đồng"},
		{101, "Một trăm linh một đồng"},
		{105, "Một trăm linh năm đồng"},
		{110, "Một trăm mười đồng"},
		{111, "Một trăm mười một đồng"},
		{115, "Một trăm mười lăm đồng"},
		{121, "Một trăm hai mươi mốt đồng"},
		{1000, "Một nghìn đồng"},
		{1001, "Một nghìn không trăm linh một đồng"},
		{1010, "Một nghìn không trăm mười đồng"},
		{1100, "Một nghìn một trăm đồng"},
		{10000, "Mười nghìn đồng"},
		{15000, "Mười lăm nghìn đồng"},
		{100000, "Một trăm nghìn đồng"},
		{1000000, "Một triệu đồng"},
		{1005000, "Một triệu không trăm linh năm nghìn đồng"},
		{2000500, "Hai triệu năm trăm đồng"},
		{2000005, "Hai triệu không trăm linh năm đồng"},
		{2000050, "Hai triệu không trăm năm mươi đồng"},
		{2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"},
		{3510000, "Ba triệu năm trăm mười nghìn đồng"},
		{7020000, "Bảy triệu không trăm hai mươi nghìn đồng"},
		{12345678, "Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng"},
		{15500000, "Mười lăm triệu năm trăm nghìn đồng"},
		{1000000000, "Một tỷ đồng"},
		{1000000005, "Một tỷ không trăm linh năm đồng"},
		{1005000000, "Một tỷ không trăm linh năm triệu đồng"},
		{2500000000, "Hai tỷ năm trăm triệu đồng"},
		{1000000000000, "Một nghìn tỷ đồng"},
		{1005000000000, "Một nghìn không trăm linh năm tỷ đồng"},
		{1000000001000, "Một nghìn tỷ không trăm linh một nghìn đồng"},
		{999999999999999, "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng"},
		{1000000000000000, "Một triệu tỷ đồng"},
		{-1000, "Âm một nghìn đồng"},
		{-2340000, "Âm hai triệu ba trăm bốn mươi nghìn đồng"},
		{math.MinInt64, "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám đồng"},
	}
	for _, tt := range tests {
		t.Run(Money(tt.in), func(t *testing.T) {
			got := MoneyWords(tt.in)
			if got != tt.want {
				t.Errorf("MoneyWords(%d) =\n %q, want\n %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("MoneyWords(%d) is not NFC", tt.in)
			}
		})
	}
}

// TestMoneyWordsInvariants checks properties that must hold for every
// amount, over a spread of values.
func TestMoneyWordsInvariants(t *testing.T) {
	for _, v := range []int64{7, 19, 305, 4040, 50505, 660066, 7000007, 80080080, 909090909, 123456789012345} {
		got := MoneyWords(v)
		if !strings.HasSuffix(got, " đồng") {
			t.Errorf("MoneyWords(%d) = %q lacks the đồng suffix", v, got)
		}
		if strings.Contains(got, "  ") || strings.Contains(got, "tư") {
			t.Errorf("MoneyWords(%d) = %q has a double space or tư", v, got)
		}
		if strings.Contains(got, "mười mốt") || strings.Contains(got, "linh lăm") || strings.Contains(got, "linh mốt") {
			t.Errorf("MoneyWords(%d) = %q misuses mốt/lăm", v, got)
		}
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct {
		in                    string
		family, middle, given string
	}{
		{"Nguyễn Văn An", "Nguyễn", "Văn", "An"},
		{"An", "", "", "An"},
		{"Lê An", "Lê", "", "An"},
		{"", "", "", ""},
		{"   ", "", "", ""},
		{"Tôn Nữ Thị Ngọc Hà", "Tôn", "Nữ Thị Ngọc", "Hà"},
		{"Giàng A Páo", "Giàng", "A", "Páo"},
		{"Hoàng Thị Mỷ", "Hoàng", "Thị", "Mỷ"},
		{"Lý Láo Ché", "Lý", "Láo", "Ché"},
		{"H'Lan Niê", "H'Lan", "", "Niê"},
		{"Giàng A-Páo", "Giàng", "", "A-Páo"},
		{"  Trần   Thị\tBình ", "Trần", "Thị", "Bình"},
		{norm.NFD.String("Đỗ Thị Ánh"), "Đỗ", "Thị", "Ánh"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, m, g := SplitName(tt.in)
			if f != tt.family || m != tt.middle || g != tt.given {
				t.Errorf("SplitName(%q) = (%q, %q, %q), want (%q, %q, %q)",
					tt.in, f, m, g, tt.family, tt.middle, tt.given)
			}
		})
	}
}

func TestCompareNames(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"Lê Văn An", "Lê Văn An", 0},
		{"Lê Văn An", norm.NFD.String("Lê Văn An"), 0},
		{"Lê Văn An", "Nguyễn Thị An", -1}, // same given: family Lê < Nguyễn
		{"Nguyễn Thị An", "Lê Văn An", 1},
		{"Lê Thị An", "Lê Văn An", -1}, // same given and family: middle decides
		{"Trần Văn Bình", "Nguyễn Thị An", 1},
		{"Vũ Văn Dung", "Hoàng Văn Đức", -1}, // đ after d
		{"Vũ Văn Dung", "Hoàng Đức Dũng", -1},
		{"Lê Văn Dung", "Lê Văn Đung", -1},
		{"Đỗ Thị Ánh", "Phạm Văn Ân", -1}, // a < â as letters
		{"Lê An", "Lê Ánh", -1},           // prefix sorts first
		{"Lê Ăn", "Lê Ân", -1},            // ă < â
		{"Lê Ơn", "Lê Ôn", 1},             // ô < ơ
		{"Lê Ưng", "Lê Uyên", 1},          // u < ư whatever follows
		{"Lê Ê", "Lê E", 1},
		{"Lê Hải", "Lê Han", -1}, // letters over the whole word before tones
		{"Lê Hà", "Lê Hai", -1},
		{"Lê Văn An", "lê văn an", -1}, // case only breaks ties, by bytes
		{"Lê Văn Hòa", "Lê Văn Hoà", 1},
		{"Lê Văn Dũng", "Lê Văn Dung", 1},
		{"Lê Văn Yến", "Lê Văn Xuân", 1},
		{"Lê Văn An", "Lê Văn Bảy", -1},
		{"An", "Lê Văn An", -1}, // no family name sorts first
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			if got := CompareNames(tt.a, tt.b); got != tt.want {
				t.Errorf("CompareNames(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := CompareNames(tt.b, tt.a); got != -tt.want {
				t.Errorf("CompareNames(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestCompareVNTones(t *testing.T) {
	// Dictionary order of the tones: ngang < huyền < sắc < hỏi < ngã < nặng.
	ordered := []string{"ma", "mà", "má", "mả", "mã", "mạ", "mai", "man", "măn", "mân", "na"}
	for i := 0; i+1 < len(ordered); i++ {
		a, b := ordered[i], ordered[i+1]
		if got := compareVN(a, b); got != -1 {
			t.Errorf("compareVN(%q, %q) = %d, want -1", a, b, got)
		}
		if got := compareVN(strings.ToUpper(b), a); got != 1 {
			t.Errorf("compareVN(%q, %q) = %d, want 1", strings.ToUpper(b), a, got)
		}
	}
	equal := [][2]string{
		{"hòa", "hoà"},                        // old and new tone placement
		{"Thủy", "thuỷ"},                      // and case
		{"Nguyễn", norm.NFD.String("Nguyễn")}, // and normalisation form
		{"A-Páo", "A Páo"},                    // punctuation separates words
	}
	for _, p := range equal {
		if got := compareVN(p[0], p[1]); got != 0 {
			t.Errorf("compareVN(%q, %q) = %d, want 0", p[0], p[1], got)
		}
	}
	// Letters of the whole multi-word string outrank tones.
	if got := compareVN("Thị Bà", "Thi Bb"); got != -1 {
		t.Errorf("compareVN(Thị Bà, Thi Bb) = %d, want -1", got)
	}
	if got := compareVN("Thị Ba", "Thi Ba"); got != 1 {
		t.Errorf("compareVN(Thị Ba, Thi Ba) = %d, want 1", got)
	}
}

func TestSortNames(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			name: "brief example",
			in:   []string{"Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ Thị Ánh", "Phạm Văn Ân", "Hoàng Đức Dũng", "Vũ Văn Dung"},
			want: []string{"Lê Văn An", "Nguyễn Thị An", "Đỗ Thị Ánh", "Phạm Văn Ân", "Trần Văn Bình", "Vũ Văn Dung", "Hoàng Đức Dũng"},
		},
		{
			name: "đ after d",
			in:   []string{"Lê Văn Đức", "Trần Văn Dung", "Lê Văn Dương", "Vũ Thị Em"},
			want: []string{"Trần Văn Dung", "Lê Văn Dương", "Lê Văn Đức", "Vũ Thị Em"},
		},
		{
			name: "tones as secondary key",
			in:   []string{"Lê Thị Hạnh", "Lê Thị Hãnh", "Lê Thị Hanh", "Lê Thị Hảnh", "Lê Thị Hánh", "Lê Thị Hành"},
			want: []string{"Lê Thị Hanh", "Lê Thị Hành", "Lê Thị Hánh", "Lê Thị Hảnh", "Lê Thị Hãnh", "Lê Thị Hạnh"},
		},
		{
			name: "vowel letters",
			in:   []string{"A Ư", "A U", "A Ơ", "A Ô", "A O", "A Ê", "A E", "A Â", "A Ă", "A A", "A Y", "A I"},
			want: []string{"A A", "A Ă", "A Â", "A E", "A Ê", "A I", "A O", "A Ô", "A Ơ", "A U", "A Ư", "A Y"},
		},
		{
			name: "empty",
			in:   []string{},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			SortNames(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SortNames(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTitleCaseVN(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"nguyễn văn AN", "Nguyễn Văn An"},
		{"ĐỖ THỊ ÁNH", "Đỗ Thị Ánh"},
		{"  lê   văn\tước ", "Lê Văn Ước"},
		{norm.NFD.String("đặng thị ưng"), "Đặng Thị Ưng"},
		{"giàng a-páo", "Giàng A-Páo"},
		{"h'lan niê", "H'Lan Niê"},
		{"êban", "Êban"},
		{"ưng", "Ưng"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := TitleCaseVN(tt.in)
			if got != tt.want {
				t.Errorf("TitleCaseVN(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("TitleCaseVN(%q) = %q is not NFC", tt.in, got)
			}
		})
	}
}

func TestUpperVN(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"quyết định", "QUYẾT ĐỊNH"},
		{norm.NFD.String("quyết định"), "QUYẾT ĐỊNH"},
		{"cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"ưu tiên ơn", "ƯU TIÊN ƠN"},
		{"tờ trình\nsố 1", "TỜ TRÌNH\nSỐ 1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := UpperVN(tt.in)
			if got != tt.want {
				t.Errorf("UpperVN(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("UpperVN(%q) = %q is not NFC", tt.in, got)
			}
		})
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "Nguyễn Văn Ước", "ĐẶNG THỊ", norm.NFD.String("Hoàng Đức Dũng"),
		"Giàng A-Páo", "H'Mông", "  a \u0301 b ", "İstanbul", "ǅ", "\u212b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		folded := Fold(s)
		if def := strings.Join(strings.Fields(foldRunes(s)), " "); folded != def {
			t.Errorf("Fold(%q) = %q, the definition gives %q", s, folded, def)
		}
		if again := Fold(folded); again != folded {
			t.Errorf("Fold not idempotent for %q: %q then %q", s, folded, again)
		}
		if viaNFC := Fold(NFC(s)); viaNFC != folded {
			t.Errorf("Fold(NFC(%q)) = %q, Fold = %q", s, viaNFC, folded)
		}
	})
}

// TestFoldFastMatchesDefinition holds Fold's table path to its definition
// (foldRunes, then whitespace collapsed): each rune of the table's ranges
// alone, between letters and before combining marks, and random strings
// mixing them with spaces, marks and runes outside the table.
func TestFoldFastMatchesDefinition(t *testing.T) {
	def := func(s string) string { return strings.Join(strings.Fields(foldRunes(s)), " ") }
	var pool []rune
	for r := rune(0); r < 0x2100; r++ { // past the table's last range
		if !utf8.ValidRune(r) {
			continue
		}
		pool = append(pool, r)
		for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + "\u0301\u0323", " " + string(r) + "\u00a0x"} {
			if got, want := Fold(s), def(s); got != want {
				t.Fatalf("Fold(%q) = %q, the definition gives %q", s, got, want)
			}
		}
	}
	pool = append(pool, []rune("  \t\n\u00a0\u0085\u2003ăâêôơưđĐẠỹ–…“”\u2028\u200b\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b")...)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := 1 + rng.IntN(12)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = pool[rng.IntN(len(pool))]
		}
		if s := string(rs); Fold(s) != def(s) {
			t.Fatalf("Fold(%q) = %q, the definition gives %q", s, Fold(s), def(s))
		}
	}
	if _, ok := foldFast("caf\xe9"); ok {
		t.Error("invalid UTF-8 took the table path")
	}
}

func TestMatcher(t *testing.T) {
	for _, c := range []struct {
		query, text string
		want        bool
	}{
		{"nguyen van an", "Nguyễn Văn An — Giáo viên", true},
		{"nguyen van an", "Nguyễn Hồng Oanh, Lê Văn Bình", false}, // "an" is inside "oanh", not a word start
		{"ng v a", "Nguyễn Văn An", true},
		{"van van", "Nguyễn Văn An", false}, // one "văn" cannot stand for two
		{"van van", "Trần Văn Vân", true},
		{"v van", "Văn Vũ", true}, // "van" takes "văn", "v" takes "vũ"
		{"01 qd", "01/QĐ-UBND", true},
		{"000001", "2026/000001 Lò Văn Pọm", true},
		{"0001", "2026/000001", false},
		{"mong", "Lò Thị Xuân (H'Mông)", true},
		{"", "bất kỳ", true},
		{"an", "", false},
	} {
		m := NewMatcher(FoldWords(c.query))
		if got := m.Match(Fold(c.text)); got != c.want {
			t.Errorf("%q in %q: %v, want %v", c.query, c.text, got, c.want)
		}
		if got := m.MatchBytes([]byte(Fold(c.text))); got != c.want {
			t.Errorf("bytes: %q in %q: %v, want %v", c.query, c.text, got, c.want)
		}
	}
}

// TestMatcherIsAnAssignment compares the greedy Matcher with its
// definition, tried by brute force: some assignment of query words to
// distinct text words that each begin with theirs.
func TestMatcherIsAnAssignment(t *testing.T) {
	var assign func(want, have []string) bool
	assign = func(want, have []string) bool {
		if len(want) == 0 {
			return true
		}
		for i, h := range have {
			if strings.HasPrefix(h, want[0]) {
				rest := append(slices.Clone(have[:i]), have[i+1:]...)
				if assign(want[1:], rest) {
					return true
				}
			}
		}
		return false
	}
	r := rand.New(rand.NewPCG(7, 11))
	word := func() string {
		b := make([]byte, 1+r.IntN(3))
		for i := range b {
			b[i] = "abv"[r.IntN(3)]
		}
		return string(b)
	}
	for range 20000 {
		var want, have []string
		for range r.IntN(4) {
			want = append(want, word())
		}
		for range r.IntN(5) {
			have = append(have, word())
		}
		got := NewMatcher(want).Match(strings.Join(have, " "))
		if def := assign(want, have); got != def {
			t.Fatalf("%q in %q: %v, definition %v", want, have, got, def)
		}
	}
}
