package tdkt

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slowNFC is NFC without its fast path: what every string went through
// before.
func slowNFC(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

func TestNFCFastPathAsSlow(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "Nguyễn Văn An", norm.NFD.String("Nguyễn Văn An"), " Lò Thị Xuân", "Lò Thị Xuân ",
		"Lò  Thị Xuân", "Lò\tThị", "Lò\nThị", "Lò\u00a0Thị", "Lò\u0085Thị", "Lò\u2003Thị", "Lò\u3000Thị",
		"Giàng A-Páo", "H'Mông", "ho\u0300a", "hòa", "\xff\xfe", "a\xffb", "Đ\u0300", "x\u0301\u0300",
		"Trường THCS Nậm Xé – Văn Bàn", "\u1680", "a \u00a0b",
	} {
		if got, want := NFC(s), slowNFC(s); got != want {
			t.Errorf("NFC(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNFC(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn An", norm.NFD.String("Lò Thị Xuân"), " a\u00a0 b ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NFC(s), slowNFC(s); got != want {
			t.Errorf("NFC(%q) = %q, want %q", s, got, want)
		}
	})
}

// variedNames builds n names of the kinds a decision's list holds: Kinh
// and minority names, tones in old and new placement, NFD input, stray
// spaces and case, one- and four-word names, digits, hyphens and
// duplicates.
func variedNames(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Đỗ", "Lò", "Giàng",
		"Sùng", "Vàng", "Thào", "Lường", "Triệu", "Hà", "Bế", "Nông", "Ma", "Y", "H'", "Kpă", "Ksor"}
	middle := []string{"", "Văn", "Thị", "Thị Thu", "Đức", "A", "Seo", "Mí", "Tài", "Ngọc", "Hữu", "Thị Ánh"}
	given := []string{"An", "Ân", "Ăn", "Anh", "Ánh", "Bích", "Chứ", "Dế", "Dũng", "Đức", "Hòa", "Hoà", "Hoa",
		"Hóa", "Hỏa", "Hõa", "Họa", "Hồng", "Hưng", "Hương", "Páo", "A-Páo", "Pẩng", "Sình", "Thịnh",
		"Vần", "Xuân", "Yến", "Ý", "Zơ", "Fa", "Wừ", "Jư", "Uớc", "Ước", "Ơn", "Ôn", "On", "2", "10"}
	out := make([]string, 0, n)
	for len(out) < n {
		var name string
		switch r.IntN(10) {
		case 0: // a duplicate
			if len(out) > 0 {
				name = out[r.IntN(len(out))]
				break
			}
			fallthrough
		case 1: // one word
			name = given[r.IntN(len(given))]
		default:
			name = strings.Join(strings.Fields(family[r.IntN(len(family))]+" "+middle[r.IntN(len(middle))]+" "+
				given[r.IntN(len(given))]), " ")
		}
		switch r.IntN(8) {
		case 0:
			name = norm.NFD.String(name)
		case 1:
			name = "  " + strings.ReplaceAll(name, " ", "\t ") + " "
		case 2:
			name = strings.ToUpper(name)
		case 3:
			name = strings.ToLower(name)
		case 4:
			name = strings.ReplaceAll(name, " ", "_") // as pdf's collate joins collectives
		}
		out = append(out, name)
	}
	return out
}

func TestNameKeysOrderAsCompareNames(t *testing.T) {
	for seed := range uint64(4) {
		names := variedNames(600, seed)
		want := slices.Clone(names)
		slices.SortStableFunc(want, CompareNames)

		type keyed struct {
			key  NameKey
			name string
		}
		ks := make([]keyed, len(names))
		for i, n := range names {
			ks[i] = keyed{NewNameKey(n), n}
		}
		slices.SortStableFunc(ks, func(a, b keyed) int { return CompareNameKeys(a.key, b.key) })
		got := make([]string, len(ks))
		for i, k := range ks {
			got[i] = k.name
		}
		if !slices.Equal(got, want) {
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("seed %d: position %d: %q by keys, %q by CompareNames", seed, i, got[i], want[i])
				}
			}
		}
		// and pair by pair, signs included, over a part of them
		for i := 0; i < 120; i++ {
			for j := 0; j < 120; j++ {
				a, b := names[i], names[j]
				if c, k := CompareNames(a, b), CompareNameKeys(NewNameKey(a), NewNameKey(b)); c != k {
					t.Fatalf("seed %d: %q vs %q: CompareNames %d, keys %d", seed, a, b, c, k)
				}
			}
		}
	}
}

func ExampleNewNameKey() {
	names := []string{"Trần Văn Bình", "Nguyễn Thị An", "Lê An"}
	keys := map[string]NameKey{}
	for _, n := range names {
		keys[n] = NewNameKey(n)
	}
	slices.SortFunc(names, func(a, b string) int { return CompareNameKeys(keys[a], keys[b]) })
	fmt.Println(names)
	// Output: [Lê An Nguyễn Thị An Trần Văn Bình]
}

// slowSyllables is vnSyllables as it was before it decomposed in place:
// the whole string through norm.NFD.String, letters appended one by one.
func slowSyllables(s string) []vnSyllable {
	var out []vnSyllable
	var cur *vnSyllable
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if cur == nil || len(cur.letters) == 0 {
				continue
			}
			if t, ok := toneRank[r]; ok {
				if cur.tone == 0 {
					cur.tone = t
				}
				continue
			}
			last := &cur.letters[len(cur.letters)-1]
			if m, ok := modified[[2]rune{*last, r}]; ok {
				*last = m
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if cur == nil {
				out = append(out, vnSyllable{})
				cur = &out[len(out)-1]
			}
			cur.letters = append(cur.letters, unicode.ToLower(r))
		default:
			cur = nil
		}
	}
	return out
}

func TestSyllablesAsSlow(t *testing.T) {
	names := append(variedNames(600, 7), "", " ", "\u0301a", "a\u0301\u0300b", "Hòa-Hoà hoa\u0300",
		"\xff\xfeAn", "x"+strings.Repeat("\u0301", 40)+"y", "ĐẶNG Ư\u031b", "각시", "Ǆa", "A1b2 3")
	for _, s := range names {
		got, want := vnSyllables(s), slowSyllables(s)
		if len(got) != len(want) {
			t.Fatalf("%q: %d syllables, want %d", s, len(got), len(want))
		}
		for i := range got {
			if !slices.Equal(got[i].letters, want[i].letters) || got[i].tone != want[i].tone {
				t.Fatalf("%q: syllable %d = %q/%d, want %q/%d", s, i,
					string(got[i].letters), got[i].tone, string(want[i].letters), want[i].tone)
			}
		}
	}
}
