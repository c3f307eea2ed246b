package tdkt

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// legLibiconvVN1 is the 0xA0–0xFF half of GNU libiconv's TCVN-5712 (VN1)
// table (tcvn.h, tcvn_2uni_2), an independent source for the TCVN3 table:
// TCVN3 (VN3) is this half without the toned capitals and combining marks.
var legLibiconvVN1 = [96]rune{
	0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110,
	0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0,
	0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3,
	0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4,
	0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7,
	0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd,
	0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec,
	0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2,
	0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7,
	0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9,
	0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef,
	0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
}

// legInVN3 reports whether TCVN3 keeps the VN1 character u: NBSP, the lower
// case letters and the seven toneless capitals.
func legInVN3(u rune) bool {
	return u == 0xA0 || unicode.IsLower(u) || strings.ContainsRune("ĂÂÊÔƠƯĐ", u)
}

// legTCVN3Inverse maps each TCVN3 letter to its code, from legLibiconvVN1.
func legTCVN3Inverse(t *testing.T) map[rune]rune {
	t.Helper()
	inv := make(map[rune]rune)
	for i, u := range legLibiconvVN1 {
		if legInVN3(u) && u != 0xA0 {
			inv[u] = rune(0xA0 + i)
		}
	}
	if len(inv) != 74 {
		t.Fatalf("TCVN3 has %d letters, want 67 lower case + 7 capitals", len(inv))
	}
	return inv
}

// legVietLetter builds a vowel with a tone by canonical composition, so the
// tests do not depend on the package's own tables.
func legVietLetter(base string, tone int) string {
	marks := []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
	return norm.NFC.String(base + marks[tone])
}

var legTestVowels = []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}

func TestTCVN3MatchesLibiconv(t *testing.T) {
	for i, u := range legLibiconvVN1 {
		code := string(rune(0xA0 + i))
		want := code // codes TCVN3 leaves out pass through
		if legInVN3(u) {
			want = string(u)
		}
		if got := FromTCVN3(code); got != want {
			t.Errorf("FromTCVN3(%U) = %q, want %q", 0xA0+i, got, want)
		}
	}
	if len(legTCVN3) != 74 {
		t.Errorf("legTCVN3 has %d codes, want 74", len(legTCVN3))
	}
}

func TestTCVN3RoundTrip(t *testing.T) {
	inv := legTCVN3Inverse(t)
	encode := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if c, ok := inv[r]; ok {
				b.WriteRune(c)
			} else if c, ok := inv[unicode.ToLower(r)]; ok && r >= 0x80 {
				// Toned capitals: the lower-case code, as in .VnTimeH.
				b.WriteRune(c)
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	for _, base := range legTestVowels {
		for tone := 0; tone < 6; tone++ {
			lower := legVietLetter(base, tone)
			for _, word := range []string{lower, "ng" + lower + "n", "Ng" + lower + "n"} {
				if got := FromTCVN3(encode(word)); got != word {
					t.Errorf("FromTCVN3(%q) = %q, want %q", encode(word), got, word)
				}
			}
			upper := strings.ToUpper(lower)
			if tone == 0 {
				// A toneless capital has a code of its own (ASCII or one
				// of seven); a toned one alone reads as lower case.
				if got := FromTCVN3(encode(upper)); got != upper {
					t.Errorf("FromTCVN3(%q) = %q, want %q", encode(upper), got, upper)
				}
			}
			// Every capital, toned or not, inside an all-capitals word.
			word := "NG" + upper + "N"
			if got := FromTCVN3(encode(word)); got != word {
				t.Errorf("FromTCVN3(%q) = %q, want %q", encode(word), got, word)
			}
		}
	}
	for _, s := range []string{"đ", "Đ", "Đà", "ĐÀO", "ĐẶNG", "Đặng"} {
		if got := FromTCVN3(encode(s)); got != s {
			t.Errorf("FromTCVN3(%q) = %q, want %q", encode(s), got, s)
		}
	}
}

// legVNISpelling is the VNI-Windows spelling of each vowel in legTestVowels order,
// tones as in legVietLetter; from xvnkb's vni.h, also checked against
// duydev/vietnamese-conversion. Capitals are the same in upper case.
var legVNISpelling = [][6]string{
	{"a", "aù", "aø", "aû", "aõ", "aï"},
	{"aê", "aé", "aè", "aú", "aü", "aë"},
	{"aâ", "aá", "aà", "aå", "aã", "aä"},
	{"e", "eù", "eø", "eû", "eõ", "eï"},
	{"eâ", "eá", "eà", "eå", "eã", "eä"},
	{"i", "í", "ì", "æ", "ó", "ò"},
	{"o", "où", "oø", "oû", "oõ", "oï"},
	{"oâ", "oá", "oà", "oå", "oã", "oä"},
	{"ô", "ôù", "ôø", "ôû", "ôõ", "ôï"},
	{"u", "uù", "uø", "uû", "uõ", "uï"},
	{"ö", "öù", "öø", "öû", "öõ", "öï"},
	{"y", "yù", "yø", "yû", "yõ", "î"},
}

func TestVNIRoundTrip(t *testing.T) {
	inv := map[string]string{"đ": "ñ", "Đ": "Ñ"}
	for i, base := range legTestVowels {
		for tone := 0; tone < 6; tone++ {
			l := legVietLetter(base, tone)
			inv[l] = legVNISpelling[i][tone]
			inv[strings.ToUpper(l)] = strings.ToUpper(legVNISpelling[i][tone])
		}
	}
	if len(inv) != 146 {
		t.Fatalf("inverse VNI table has %d letters, want 146", len(inv))
	}
	for l, code := range inv {
		for _, pre := range []string{"", "Ng", "NG"} {
			want, in := pre+l+"n", pre+code+"n"
			if got := FromVNI(in); got != want {
				t.Errorf("FromVNI(%q) = %q, want %q", in, got, want)
			}
		}
	}
}

func TestLegacySamples(t *testing.T) {
	tests := []struct {
		enc      Encoding
		in, want string
	}{
		{EncTCVN3, "NguyÔn V¨n An", "Nguyễn Văn An"},
		{EncTCVN3, "Hµ Néi", "Hà Nội"},
		{EncTCVN3, "§¹i häc B¸ch khoa", "Đại học Bách khoa"},
		{EncTCVN3, "Tr\u00adêng THPT NguyÔn Du", "Trường THPT Nguyễn Du"},
		{EncTCVN3, "12/3 §\u00adêng Lª Lîi", "12/3 Đường Lê Lợi"},
		{EncTCVN3, "Sè 15, ngâ 34", "Số 15, ngõ 34"},
		{EncTCVN3, "NGUYÔN V¡N AN", "NGUYỄN VĂN AN"},
		{EncTCVN3, "Hä tªn: NGUYÔN THÞ H¦¥NG", "Họ tên: NGUYỄN THỊ HƯƠNG"},
		{EncTCVN3, "TP Hå CHÝ MINH", "TP HỒ CHÍ MINH"},
		{EncTCVN3, "H¸", "Há"},
		{EncVNI, "Nguyeãn Vaên An", "Nguyễn Văn An"},
		{EncVNI, "Ñöôøng Leâ Lôïi", "Đường Lê Lợi"},
		{EncVNI, "Vieät Nam", "Việt Nam"},
		{EncVNI, "NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"},
		{EncVNI, "Soá 15, ngoõ 34", "Số 15, ngõ 34"},
		{EncVNI, "Öôùc", "Ước"},
		{EncVNI, "Aùnh", "Ánh"},
		{EncVNI, "Ùa", "Ùa"}, // a mark with no letter before it is kept
	}
	for _, tt := range tests {
		var got string
		if tt.enc == EncTCVN3 {
			got = FromTCVN3(tt.in)
		} else {
			got = FromVNI(tt.in)
		}
		if got != tt.want {
			t.Errorf("From%v(%q) = %q, want %q", tt.enc, tt.in, got, tt.want)
		}
	}
}

func TestDetectLegacy(t *testing.T) {
	tests := []struct {
		in   string
		want Encoding
	}{
		// Unicode and ASCII must never be taken for legacy text.
		{"", EncUnicode},
		{"Nguyen Van A", EncUnicode},
		{"12345", EncUnicode},
		{"Nguyễn Văn An", EncUnicode},
		{"Hà Nội", EncUnicode},
		{"Nguye\u0302\u0303n", EncUnicode},
		{"Tú", EncUnicode},  // TCVN3 would read "Tỳ": a tie, so Unicode
		{"Tâm", EncUnicode}, // TCVN3 would read "Tõm"
		{"Ông Tâm", EncUnicode},
		{"Võ", EncUnicode},
		{"Hoàng", EncUnicode}, // VNI would read "Hồng"
		{"Hòa", EncUnicode},
		{"Lý Thái Tổ", EncUnicode},
		{"Café", EncUnicode},
		{"José Müller", EncUnicode},
		{"Hôtel Métropole", EncUnicode},
		{"Köln", EncUnicode},
		{"25°C ± 2", EncUnicode},
		{"\u00a0", EncUnicode},
		// Truly ambiguous: VNI for "Hồ Chí Minh" is also valid Unicode.
		{"Hoà Chí Minh", EncUnicode},
		// TCVN3.
		{"NguyÔn V¨n An", EncTCVN3},
		{"Hµ Néi", EncTCVN3},
		{"§¹i häc B¸ch khoa", EncTCVN3},
		{"Tr\u00adêng THPT NguyÔn Du", EncTCVN3},
		{"12/3 §\u00adêng Lª Lîi", EncTCVN3},
		{"Sè 15, ngâ 34", EncTCVN3},
		{"NGUYÔN V¡N AN", EncTCVN3},
		{"TrÇn ThÞ B×nh", EncTCVN3},
		{"Phßng 204", EncTCVN3},
		{"Lª", EncTCVN3},
		// VNI.
		{"Nguyeãn Vaên An", EncVNI},
		{"Ñöôøng Leâ Lôïi", EncVNI},
		{"Vieät Nam", EncVNI},
		{"NGUYEÃN VAÊN AN", EncVNI},
		{"Leâ Thò Hoa", EncVNI},
		{"Traàn Thò Bình", EncVNI},
		{"Tröôøng THPT", EncVNI},
		{"Soá 15, ngoõ 34", EncVNI},
	}
	for _, tt := range tests {
		if got := DetectLegacy(tt.in); got != tt.want {
			t.Errorf("DetectLegacy(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestToUnicode(t *testing.T) {
	tests := []struct {
		in, want string
		enc      Encoding
	}{
		{"Nguyễn Văn An", "Nguyễn Văn An", EncUnicode},
		{"Nguye\u0302\u0303n Va\u0306n An", "Nguyễn Văn An", EncUnicode},
		{"Nguyen Van A, 12 Tran Phu", "Nguyen Van A, 12 Tran Phu", EncUnicode},
		{"NguyÔn V¨n An", "Nguyễn Văn An", EncTCVN3},
		{"Nguyeãn Vaên An", "Nguyễn Văn An", EncVNI},
		{"Sè 15, ngâ 34", "Số 15, ngõ 34", EncTCVN3},
		{"Lôùp 10A1 - Soá 2", "Lớp 10A1 - Số 2", EncVNI},
	}
	for _, tt := range tests {
		got, enc := ToUnicode(tt.in)
		if got != tt.want || enc != tt.enc {
			t.Errorf("ToUnicode(%q) = %q, %v; want %q, %v", tt.in, got, enc, tt.want, tt.enc)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("ToUnicode(%q) = %q is not NFC", tt.in, got)
		}
	}
}

func FuzzToUnicode(f *testing.F) {
	for _, s := range []string{"NguyÔn V¨n An", "Nguyeãn Vaên An", "Nguyễn", "abc", "\xff", "Ùa"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, enc := ToUnicode(s)
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("ToUnicode(%q) = %q is not valid NFC", s, got)
		}
		if enc == EncUnicode && got != norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")) {
			t.Fatalf("Unicode input changed: %q -> %q", s, got)
		}
		for _, r := range s {
			if r >= 0x80 {
				return
			}
		}
		if got != s || enc != EncUnicode {
			t.Fatalf("ASCII input %q changed to %q (%v)", s, got, enc)
		}
	})
}

// legEncodeTCVN3 writes s in TCVN3 with the inverse of legLibiconvVN1; toned
// capitals get the lower-case code, as in the capitals-only fonts.
func legEncodeTCVN3(inv map[rune]rune, s string) string {
	var b strings.Builder
	for _, r := range s {
		if c, ok := inv[r]; ok {
			b.WriteRune(c)
		} else if c, ok := inv[unicode.ToLower(r)]; ok && r >= 0x80 {
			b.WriteRune(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// legVNIInverse maps each Vietnamese letter to its VNI spelling (legVNISpelling).
func legVNIInverse() map[rune]string {
	inv := map[rune]string{'đ': "ñ", 'Đ': "Ñ"}
	for i, base := range legTestVowels {
		for tone := 0; tone < 6; tone++ {
			l, _ := utf8.DecodeRuneInString(legVietLetter(base, tone))
			inv[l] = legVNISpelling[i][tone]
			inv[unicode.ToUpper(l)] = strings.ToUpper(legVNISpelling[i][tone])
		}
	}
	return inv
}

func legEncodeVNI(inv map[rune]string, s string) string {
	var b strings.Builder
	for _, r := range s {
		if c, ok := inv[r]; ok {
			b.WriteString(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// legAllSyllables lists every syllable txValidSyllable accepts, built from
// its onsets, nuclei, codas and every tone on every vowel: about 32 000
// strings, far more than real Vietnamese uses, which makes them a harsh
// test of the detector.
func legAllSyllables() []string {
	var out []string
	seen := make(map[string]bool)
	for o := range txOnsets {
		for n := range txNuclei {
			for c := range txCodas {
				for tone := 0; tone < 6; tone++ {
					for i := range []rune(n) {
						rs := []rune(o + n + c)
						p := utf8.RuneCountInString(o) + i
						rs[p] = txCompose(rs[p], tone, false)
						if w := string(rs); !seen[w] && txValidSyllable(w) {
							seen[w] = true
							out = append(out, w)
						}
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func legTitle(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

func TestRoundTripAllSyllables(t *testing.T) {
	tinv, vinv := legTCVN3Inverse(t), legVNIInverse()
	for _, w := range legAllSyllables() {
		for _, v := range []string{w, legTitle(w), strings.ToUpper(w)} {
			if got := FromVNI(legEncodeVNI(vinv, v)); got != v {
				t.Errorf("FromVNI(%q) = %q, want %q", legEncodeVNI(vinv, v), got, v)
			}
		}
		// TCVN3 has no toned capitals, so the case of a toned letter
		// comes from the cell: all capitals make it a capital, otherwise
		// it stays small, even at the start of a word ("Ài" → "ài").
		want := map[string]string{
			w:                                 w,
			"Ông " + legTitle(w):              "Ông " + legTitle(w),
			"ÔNG " + strings.ToUpper(w):       "ÔNG " + strings.ToUpper(w),
			strings.ToUpper(w) + " VĂN AN":    strings.ToUpper(w) + " VĂN AN",
			"Nguyễn " + w + " " + legTitle(w): "Nguyễn " + w + " " + legTitle(w),
		}
		if first, _ := utf8.DecodeRuneInString(w); txVowels[first].tone != txNoTone {
			want["Ông "+legTitle(w)] = "Ông " + w
			want["Nguyễn "+w+" "+legTitle(w)] = "Nguyễn " + w + " " + w
		}
		for in, out := range want {
			if got := FromTCVN3(legEncodeTCVN3(tinv, in)); got != out {
				t.Errorf("FromTCVN3(%q) = %q, want %q", legEncodeTCVN3(tinv, in), got, out)
			}
		}
	}
}

// Unicode text must never be taken for legacy text. The only Unicode that
// reaches the scoring is made of Latin-1 letters, so every such syllable is
// tried alone, capitalised, in capitals and in pairs.
func TestDetectLegacyKeepsUnicodeSyllables(t *testing.T) {
	var latin []string
	for _, w := range legAllSyllables() {
		if !strings.ContainsFunc(w, func(r rune) bool { return r > 0xFF }) {
			latin = append(latin, w)
		}
	}
	if len(latin) < 5000 {
		t.Fatalf("only %d Latin-1 syllables", len(latin))
	}
	for i, w := range latin {
		cells := []string{w, legTitle(w), strings.ToUpper(w), legTitle(w) + " " + latin[(i*7919)%len(latin)]}
		for _, c := range cells {
			if got := DetectLegacy(c); got != EncUnicode {
				t.Errorf("DetectLegacy(%q) = %v, want Unicode", c, got)
			}
		}
	}
}

// Legacy cells of a few words are recognised almost always; a single word
// can be a tie with its Unicode reading, which DetectLegacy settles for
// Unicode.
func TestDetectLegacyRate(t *testing.T) {
	tinv, vinv := legTCVN3Inverse(t), legVNIInverse()
	syl := legAllSyllables()
	var n, tOK, vOK int
	for i := 0; i < len(syl); i += 5 {
		cell := legTitle(syl[i]) + " " + syl[(i*7919+13)%len(syl)] + " " + syl[(i*104729+7)%len(syl)]
		tc, vn := legEncodeTCVN3(tinv, cell), legEncodeVNI(vinv, cell)
		if tc == cell || vn == cell {
			continue
		}
		n++
		if DetectLegacy(tc) == EncTCVN3 {
			tOK++
		}
		if DetectLegacy(vn) == EncVNI {
			vOK++
		}
	}
	t.Logf("three-word cells: TCVN3 %d/%d, VNI %d/%d recognised", tOK, n, vOK, n)
	if tOK*100 < n*97 || vOK*100 < n*97 {
		t.Errorf("recognition below 97%%: TCVN3 %d/%d, VNI %d/%d", tOK, n, vOK, n)
	}
}

func ExampleToUnicode() {
	for _, cell := range []string{"NguyÔn V¨n An", "Nguyeãn Vaên An", "Nguyễn Văn An"} {
		s, enc := ToUnicode(cell)
		fmt.Println(s, enc)
	}
	// Output:
	// Nguyễn Văn An TCVN3
	// Nguyễn Văn An VNI
	// Nguyễn Văn An Unicode
}
