package tdkt

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestComposeTelex(t *testing.T) {
	tests := []struct {
		keys  string
		style ToneStyle
		want  string
	}{
		{"Nguyeenx Thij Hoaf", ToneOld, "Nguyễn Thị Hòa"},
		{"Nguyeenx Thij Hoaf", ToneNew, "Nguyễn Thị Hoà"},
		{"Nguyeenx Vawn Uwowcs", ToneOld, "Nguyễn Văn Ước"},
		{"Ddawngj", ToneOld, "Đặng"},
		{"Giangf", ToneOld, "Giàng"},
		{"Paos", ToneOld, "Páo"},
		{"quys", ToneOld, "quý"},
		{"quys", ToneNew, "quý"},
		{"gif", ToneOld, "gì"},
		{"ginf", ToneOld, "gìn"},
		{"giaf", ToneOld, "già"},
		{"gias", ToneNew, "giá"},
		{"thuyeets", ToneOld, "thuyết"},
		{"khuyeenr", ToneOld, "khuyển"},
		{"nguwowif", ToneOld, "người"},
		{"nguowif", ToneOld, "người"},
		{"nguoiwf", ToneOld, "người"},
		{"nguwoiwf", ToneOld, "người"},
		{"tooi", ToneOld, "tôi"},
		{"chuyeenj", ToneOld, "chuyện"},
		{"hoaf", ToneOld, "hòa"},
		{"hoaf", ToneNew, "hoà"},
		{"thuys", ToneOld, "thúy"},
		{"thuys", ToneNew, "thuý"},
		{"khoer", ToneOld, "khỏe"},
		{"khoer", ToneNew, "khoẻ"},
		{"toans", ToneOld, "toán"},
		{"toasn", ToneOld, "toán"}, // tone moves when the final consonant comes
		{"hoangf", ToneOld, "hoàng"},
		{"hoafng", ToneNew, "hoàng"},
		{"mias", ToneOld, "mía"},
		{"mias", ToneNew, "mía"},
		{"muas", ToneOld, "múa"},
		{"muas", ToneNew, "múa"},
		{"hoir", ToneOld, "hỏi"},
		{"ngoaif", ToneOld, "ngoài"},
		{"muaw", ToneOld, "mưa"},
		{"hoawcj", ToneOld, "hoặc"},
		{"quaw", ToneOld, "quă"},
		{"quow", ToneOld, "quơ"},
		{"ruouwj", ToneOld, "rượu"},
		{"giuwowngf", ToneOld, "giường"},
		{"huwu", ToneOld, "hưu"},
		{"huuw", ToneOld, "hưu"},
		{"muoons", ToneOld, "muốn"},
		{"thuees", ToneOld, "thuế"},
		{"Vieejt Nam", ToneOld, "Việt Nam"},
		{"dawngd", ToneOld, "đăng"},     // đ may be typed late, like a tone
		{"Nguyeen", ToneOld, "Nguyên"},  // circumflex after the final consonant
		{"Nguyenex", ToneOld, "Nguyễn"}, // … also typed after it
		{"xooong", ToneOld, "xoong"},    // undo keeps the double o
		{"hello world", ToneOld, "hello world"},
		{"Thanhf phoos Hoof Chis Minh, 2024.", ToneOld, "Thành phố Hồ Chí Minh, 2024."},
	}
	for _, tt := range tests {
		if got := Compose(tt.keys, InputTelex, tt.style); got != tt.want {
			t.Errorf("Compose(%q, Telex, %v) = %q, want %q", tt.keys, tt.style, got, tt.want)
		}
	}
}

func TestComposeTelexUndoAndLiterals(t *testing.T) {
	tests := []struct{ keys, want string }{
		{"aa", "â"},
		{"aaa", "aa"},
		{"ass", "as"},
		{"asss", "ass"},
		{"dd", "đ"},
		{"ddd", "dd"},
		{"uw", "ư"},
		{"uww", "uw"},
		{"aw", "ă"},
		{"aww", "aw"},
		{"ow", "ơ"},
		{"oww", "ow"},
		{"asf", "à"},   // a second tone key replaces the first
		{"asz", "a"},   // z removes the tone
		{"az", "az"},   // nothing to remove: z is a letter
		{"s", "s"},     // no vowel: tone keys are letters
		{"tr", "tr"},   // r after a consonant is a letter
		{"w", "w"},     // w with no u, o or a is a letter
		{"tw", "tw"},   // … also after a consonant
		{"iw", "iw"},   // … and after other vowels
		{"aow", "aow"}, // no real nucleus would result
		{"caoo", "caoo"},
		{"bank", "bank"},
		{"ba nk", "ba nk"},
	}
	for _, tt := range tests {
		if got := Compose(tt.keys, InputTelex, ToneOld); got != tt.want {
			t.Errorf("Compose(%q, Telex) = %q, want %q", tt.keys, got, tt.want)
		}
	}
}

func TestComposeTelexUppercase(t *testing.T) {
	tests := []struct{ keys, want string }{
		{"NGUYEENX", "NGUYỄN"},
		{"NGUYEENx", "NGUYỄN"}, // tone keys in either case
		{"Nguyeenx", "Nguyễn"},
		{"nguyeenX", "nguyễn"},
		{"Dd", "Đ"},
		{"DD", "Đ"},
		{"dD", "đ"},
		{"DDD", "DD"},
		{"DDAWNGJ", "ĐẶNG"},
		{"AA", "Â"},
		{"Aa", "Â"},
		{"aA", "â"},
		{"UW", "Ư"},
		{"ASS", "AS"},
		{"THUYS", "THÚY"},
		{"UWOWCS", "ƯỚC"},
	}
	for _, tt := range tests {
		if got := Compose(tt.keys, InputTelex, ToneOld); got != tt.want {
			t.Errorf("Compose(%q, Telex) = %q, want %q", tt.keys, got, tt.want)
		}
	}
}

func TestComposeVNI(t *testing.T) {
	tests := []struct {
		keys  string
		style ToneStyle
		want  string
	}{
		{"Nguye64n Va8n U7o71c", ToneOld, "Nguyễn Văn Ước"},
		{"Nguye6n4 Thi5 Hoa2", ToneOld, "Nguyễn Thị Hòa"},
		{"Nguye6n4 Thi5 Hoa2", ToneNew, "Nguyễn Thị Hoà"},
		{"D9a8ng5", ToneOld, "Đặng"},
		{"d9", ToneOld, "đ"},
		{"d99", ToneOld, "d9"},
		{"a66", ToneOld, "a6"},
		{"a6", ToneOld, "â"},
		{"a11", ToneOld, "a1"},
		{"a10", ToneOld, "a"},
		{"a0", ToneOld, "a0"},
		{"u77", ToneOld, "u7"},
		{"a88", ToneOld, "a8"},
		{"quy1", ToneOld, "quý"},
		{"gi2", ToneOld, "gì"},
		{"gia2", ToneOld, "già"},
		{"nguoi72", ToneOld, "người"},
		{"ngu7o7i2", ToneOld, "người"},
		{"thuye6t1", ToneOld, "thuyết"},
		{"chuye6n5", ToneOld, "chuyện"},
		{"toan1", ToneOld, "toán"},
		{"mia1", ToneOld, "mía"},
		{"mua1", ToneOld, "múa"},
		{"hoi3", ToneOld, "hỏi"},
		{"to6i", ToneOld, "tôi"},
		{"NGUYE64N", ToneOld, "NGUYỄN"},
		{"Phong2 12", ToneOld, "Phòng 12"},
		{"2024", ToneOld, "2024"},
	}
	for _, tt := range tests {
		if got := Compose(tt.keys, InputVNI, tt.style); got != tt.want {
			t.Errorf("Compose(%q, VNI, %v) = %q, want %q", tt.keys, tt.style, got, tt.want)
		}
	}
}

func TestEveryToneEveryVowel(t *testing.T) {
	// The expected letter is built by Unicode canonical composition, not by
	// the package's own table, so this also checks txToneForms.
	vowels := []struct {
		base       string // NFC base vowel
		telex, vni string // keys that type it
	}{
		{"a", "a", "a"}, {"ă", "aw", "a8"}, {"â", "aa", "a6"},
		{"e", "e", "e"}, {"ê", "ee", "e6"}, {"i", "i", "i"},
		{"o", "o", "o"}, {"ô", "oo", "o6"}, {"ơ", "ow", "o7"},
		{"u", "u", "u"}, {"ư", "uw", "u7"}, {"y", "y", "y"},
	}
	tones := []struct {
		mark       string // combining mark
		telex, vni string
	}{
		{"", "", ""},
		{"\u0301", "s", "1"},
		{"\u0300", "f", "2"},
		{"\u0309", "r", "3"},
		{"\u0303", "x", "4"},
		{"\u0323", "j", "5"},
	}
	for _, v := range vowels {
		for _, tn := range tones {
			for _, upper := range []bool{false, true} {
				want := norm.NFC.String(v.base + tn.mark)
				telex, vni := v.telex+tn.telex, v.vni+tn.vni
				if upper {
					want = strings.ToUpper(want)
					telex, vni = strings.ToUpper(telex), strings.ToUpper(vni)
				}
				if got := Compose(telex, InputTelex, ToneOld); got != want {
					t.Errorf("Telex %q = %q, want %q", telex, got, want)
				}
				if got := Compose(vni, InputVNI, ToneNew); got != want {
					t.Errorf("VNI %q = %q, want %q", vni, got, want)
				}
				if utf8.RuneCountInString(want) != 1 {
					t.Errorf("%q is not one precomposed letter", want)
				}
			}
		}
	}
}

func TestTxToneForms(t *testing.T) {
	marks := []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
	for _, row := range txToneForms {
		for c, forms := range row {
			rs := []rune(forms)
			if len(rs) != len(marks) {
				t.Fatalf("row %q has %d forms", forms, len(rs))
			}
			for i, m := range marks {
				if want := norm.NFC.String(string(rs[0]) + m); string(rs[i]) != want {
					t.Errorf("txToneForms[%q][%d][%d] = %q, want %q", row[0], c, i, rs[i], want)
				}
			}
		}
	}
	if len(txVowels) != 144 {
		t.Errorf("txVowels has %d entries, want 144", len(txVowels))
	}
}

func TestComposeIsNFC(t *testing.T) {
	inputs := []string{
		"Nguyeenx Thij Hoaf", "Uwowcs", "aaa", "ddd", "Thanhf phoos",
		"e\u0301", "a\u0302s", "nguwowif", "xyzw", "Đặng",
	}
	for _, m := range []InputMethod{InputOff, InputTelex, InputVNI} {
		for _, in := range inputs {
			for _, st := range []ToneStyle{ToneOld, ToneNew} {
				if got := Compose(in, m, st); !norm.NFC.IsNormalString(got) {
					t.Errorf("Compose(%q, %d, %d) = %q is not NFC", in, m, st, got)
				}
			}
		}
	}
}

func TestTypeKeyLiteralAndOff(t *testing.T) {
	word := []rune("Nguyê")
	if got := string(TypeKey(word, 'x', InputOff, ToneOld)); got != "Nguyêx" {
		t.Errorf("InputOff: got %q", got)
	}
	if got := string(TypeKey(word, ' ', InputTelex, ToneOld)); got != "Nguyê " {
		t.Errorf("space: got %q", got)
	}
	if got := string(TypeKey(word, '5', InputTelex, ToneOld)); got != "Nguyê5" {
		t.Errorf("digit in Telex: got %q", got)
	}
	if got := string(TypeKey(nil, 'a', InputTelex, ToneOld)); got != "a" {
		t.Errorf("empty word: got %q", got)
	}
	if got := string(TypeKey([]rune("hoa"), 'f', InputMethod(42), ToneOld)); got != "hoaf" {
		t.Errorf("unknown method: got %q", got)
	}
	// A decomposed buffer (e.g. pasted) is normalised before typing on.
	if got := string(TypeKey([]rune("Nguye\u0302n"), 'x', InputTelex, ToneOld)); got != "Nguyễn" {
		t.Errorf("NFD word: got %q", got)
	}
}

func TestTypeKeyDoesNotModifyInput(t *testing.T) {
	word := make([]rune, 3, 10)
	copy(word, []rune("hoa"))
	backing := word[:cap(word)]
	before := string(backing)
	_ = TypeKey(word, 'f', InputTelex, ToneOld)
	_ = TypeKey(word, 'n', InputTelex, ToneOld)
	if string(backing) != before {
		t.Errorf("TypeKey wrote into the caller's buffer: %q", string(backing))
	}
}

func TestTypeKeyStepByStep(t *testing.T) {
	// What a text field sees while "nguwowif" is typed.
	want := []string{"n", "ng", "ngu", "ngư", "ngưo", "ngươ", "ngươi", "người"}
	var word []rune
	for i, k := range "nguwowif" {
		word = TypeKey(word, k, InputTelex, ToneOld)
		if string(word) != want[i] {
			t.Fatalf("after %q: %q, want %q", "nguwowif"[:i+1], string(word), want[i])
		}
	}
}

func TestTxValidSyllable(t *testing.T) {
	valid := []string{
		"Nguyễn", "người", "hòa", "hoà", "quý", "già", "gìn", "khuỷu",
		"thuở", "xoong", "yêu", "Việt", "NAM", "đặng", "ước", "a",
	}
	invalid := []string{
		"hello", "nguyôn", "càc", "leõ", "hoă", "ăn2", "bank", "qa", "tỳy",
	}
	for _, w := range valid {
		if !txValidSyllable(w) {
			t.Errorf("txValidSyllable(%q) = false", w)
		}
	}
	for _, w := range invalid {
		if txValidSyllable(w) {
			t.Errorf("txValidSyllable(%q) = true", w)
		}
	}
}

func FuzzTypeKey(f *testing.F) {
	seeds := []struct {
		word  string
		key   rune
		m     int
		style int
	}{
		{"Nguye", 'e', 1, 0},
		{"Nguyên", 'x', 1, 1},
		{"ngưo", 'w', 1, 0},
		{"â", 'a', 1, 0},
		{"đ", 'd', 1, 0},
		{"a", '6', 2, 0},
		{"ươ", '7', 2, 1},
		{"", 's', 1, 0},
		{"e\u0301", '\u0300', 1, 0},
		{"\xff", 'a', 1, 0},
		{"x", -1, 1, 0},
	}
	for _, s := range seeds {
		f.Add(s.word, s.key, s.m, s.style)
	}
	f.Fuzz(func(t *testing.T, word string, key rune, m, style int) {
		in := []rune(word)
		before := string(in)
		got := TypeKey(in, key, InputMethod(m%4), ToneStyle(style%3))
		if string(in) != before {
			t.Fatalf("input modified: %q -> %q", before, string(in))
		}
		for _, r := range got {
			if !utf8.ValidRune(r) {
				t.Fatalf("invalid rune %U in %q", r, string(got))
			}
		}
		s := string(got)
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
			t.Fatalf("result %q is not valid NFC UTF-8", s)
		}
		if InputMethod(m%4) == InputOff && utf8.ValidRune(key) {
			want := norm.NFC.String(before + string(key))
			if s != want {
				t.Fatalf("InputOff: %q, want %q", s, want)
			}
		}
	})
}

func ExampleCompose() {
	fmt.Println(Compose("Nguyeenx Thij Hoaf", InputTelex, ToneOld))
	fmt.Println(Compose("Nguyeenx Thij Hoaf", InputTelex, ToneNew))
	fmt.Println(Compose("Nguye64n Va8n U7o71c", InputVNI, ToneOld))
	// Output:
	// Nguyễn Thị Hòa
	// Nguyễn Thị Hoà
	// Nguyễn Văn Ước
}
