package tdkt

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file converts the two legacy Vietnamese encodings found in old Excel
// files. They are "font encodings": Excel stored ordinary Windows-1252
// characters and a .VnTime or VNI-Times font drew them as Vietnamese. Both
// encodings use only 0x20–0x7E and 0xA0–0xFF, where Windows-1252 and
// Latin-1 agree, so a cell reaches us as a Go string whose runes are the
// legacy byte values.
//
// Table sources, cross-checked against each other:
//   - TCVN3: GNU libiconv's TCVN-5712 table (tcvn.h; VN1, whose range
//     0xA0–0xFF TCVN3/VN3 shares except for the capitals it leaves out),
//     the TCVN3 table of Unikey's VnConv library (data.cpp, as shipped in
//     fcitx5-unikey) and duydev/vietnamese-conversion (charsets.ts).
//   - VNI-Windows: xvnkb (vni.h) and duydev/vietnamese-conversion.
// The tests hold the libiconv and xvnkb data in their own form and check
// these tables against them.

// Encoding names the encoding a string appears to be in.
type Encoding int

const (
	// EncUnicode is ordinary Unicode text (including plain ASCII).
	EncUnicode Encoding = iota
	// EncTCVN3 is TCVN 5712:1993 VN3 ("ABC", fonts .VnTime, .VnArial…).
	EncTCVN3
	// EncVNI is VNI-Windows (fonts VNI-Times, VNI-Helve…).
	EncVNI
)

func (e Encoding) String() string {
	switch e {
	case EncUnicode:
		return "Unicode"
	case EncTCVN3:
		return "TCVN3"
	case EncVNI:
		return "VNI"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// legTCVN3Vowels gives, for each vowel, its TCVN3 code with the tones in
// the order of txToneForms (none, sắc, huyền, hỏi, ngã, nặng). TCVN3 has
// only lower-case toned vowels: capitals with a tone were written with the
// same codes in an all-capitals font (.VnTimeH), see FromTCVN3.
var legTCVN3Vowels = [...]struct {
	base  rune
	codes [6]rune
}{
	{'a', [6]rune{'a', 0xB8, 0xB5, 0xB6, 0xB7, 0xB9}},
	{'ă', [6]rune{0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6}},
	{'â', [6]rune{0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB}},
	{'e', [6]rune{'e', 0xD0, 0xCC, 0xCE, 0xCF, 0xD1}},
	{'ê', [6]rune{0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6}},
	{'i', [6]rune{'i', 0xDD, 0xD7, 0xD8, 0xDC, 0xDE}},
	{'o', [6]rune{'o', 0xE3, 0xDF, 0xE1, 0xE2, 0xE4}},
	{'ô', [6]rune{0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9}},
	{'ơ', [6]rune{0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE}},
	{'u', [6]rune{'u', 0xF3, 0xEF, 0xF1, 0xF2, 0xF4}},
	{'ư', [6]rune{0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9}},
	{'y', [6]rune{'y', 0xFD, 0xFA, 0xFB, 0xFC, 0xFE}},
}

// legTCVN3Others are the remaining TCVN3 letters: đ and the seven capitals
// without tone that the encoding does have.
var legTCVN3Others = map[rune]rune{
	0xAE: 'đ', 0xA7: 'Đ',
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư',
}

// legTCVN3Letter is the Unicode letter for a TCVN3 code. toned marks the
// codes shared by a lower-case and an upper-case toned vowel.
type legTCVN3Letter struct {
	r     rune
	toned bool
}

// legTCVN3 maps each non-ASCII TCVN3 code to its letter. Read-only after
// initialisation.
var legTCVN3 = func() map[rune]legTCVN3Letter {
	m := make(map[rune]legTCVN3Letter, 80)
	for _, v := range legTCVN3Vowels {
		for tone, c := range v.codes {
			if c >= 0x80 {
				m[c] = legTCVN3Letter{r: txCompose(v.base, tone, false), toned: tone != txNoTone}
			}
		}
	}
	for c, r := range legTCVN3Others {
		m[c] = legTCVN3Letter{r: r}
	}
	return m
}()

// FromTCVN3 converts TCVN3 text to Unicode NFC. Characters that are not
// TCVN3 letters (ASCII, digits, anything beyond Latin-1) are kept.
//
// Toned capitals have no TCVN3 code; documents used the lower-case codes
// in a capitals-only font. So a toned vowel is made upper case when the
// rest of its cell, or at least of its word, is in capitals: "NGUYÔN" →
// "NGUYỄN", while "NguyÔn" stays "Nguyễn". The decision needs two
// unambiguous cased letters, so a single capital ("H¸") reads as a
// capitalised word ("Há"), never as "HÁ".
//
// FromTCVN3 converts whatever it is given; use ToUnicode for text whose
// encoding is unknown.
func FromTCVN3(s string) string {
	out, _ := legDecodeTCVN3([]rune(s))
	return norm.NFC.String(string(out))
}

// legDecodeTCVN3 converts src from TCVN3, rune for rune (out[i] is the
// letter for src[i], which the detector relies on), and counts the Latin-1
// letters TCVN3 does not assign, which speak against src being TCVN3.
func legDecodeTCVN3(src []rune) (out []rune, unknown int) {
	out = make([]rune, len(src))
	toned := make([]bool, len(src))
	for i, r := range src {
		l, ok := legTCVN3[r]
		if !ok {
			out[i] = r
			if r >= 0x80 && r <= 0xFF && unicode.IsLetter(r) {
				unknown++
			}
			continue
		}
		out[i], toned[i] = l.r, l.toned
	}
	// capitals applies the all-capitals rule to out[from:to].
	capitals := func(from, to int) bool {
		n := 0
		for i := from; i < to; i++ {
			switch {
			case toned[i]:
			case unicode.IsLower(out[i]):
				return false
			case unicode.IsUpper(out[i]):
				n++
			}
		}
		if n < 2 {
			return false
		}
		for i := from; i < to; i++ {
			if toned[i] {
				out[i] = unicode.ToUpper(out[i])
			}
		}
		return true
	}
	if !capitals(0, len(out)) {
		for _, w := range legWords(out) {
			capitals(w[0], w[1])
		}
	}
	return out, unknown
}

// legWords returns the [start, end) bounds of the runs of letters in rs.
func legWords(rs []rune) [][2]int {
	var words [][2]int
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		words = append(words, [2]int{i, j})
		i = j
	}
	return words
}

// legVNIMark is a VNI "mark" character: in VNI fonts it draws a diacritic
// over the letter before it. shape is 0, '^' (circumflex) or '(' (breve).
type legVNIMark struct {
	tone  int
	shape rune
}

// legVNIMarks maps the VNI mark characters, lower and upper case (VNI uses
// the upper-case ones after capitals), to what they add.
var legVNIMarks = map[rune]legVNIMark{
	'ù': {txSac, 0}, 'Ù': {txSac, 0},
	'ø': {txHuyen, 0}, 'Ø': {txHuyen, 0},
	'û': {txHoi, 0}, 'Û': {txHoi, 0},
	'õ': {txNga, 0}, 'Õ': {txNga, 0},
	'ï': {txNang, 0}, 'Ï': {txNang, 0},
	'â': {txNoTone, '^'}, 'Â': {txNoTone, '^'},
	'á': {txSac, '^'}, 'Á': {txSac, '^'},
	'à': {txHuyen, '^'}, 'À': {txHuyen, '^'},
	'å': {txHoi, '^'}, 'Å': {txHoi, '^'},
	'ã': {txNga, '^'}, 'Ã': {txNga, '^'},
	'ä': {txNang, '^'}, 'Ä': {txNang, '^'},
	'ê': {txNoTone, '('}, 'Ê': {txNoTone, '('},
	'é': {txSac, '('}, 'É': {txSac, '('},
	'è': {txHuyen, '('}, 'È': {txHuyen, '('},
	'ú': {txHoi, '('}, 'Ú': {txHoi, '('},
	'ü': {txNga, '('}, 'Ü': {txNga, '('},
	'ë': {txNang, '('}, 'Ë': {txNang, '('},
}

// legVNILetters are the VNI characters that stand for a whole letter: ơ, ư
// and đ, and the toned i and ỵ, which VNI fonts draw as single glyphs.
var legVNILetters = map[rune]rune{
	'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư', 'ñ': 'đ', 'Ñ': 'Đ',
	'í': 'í', 'Í': 'Í', 'ì': 'ì', 'Ì': 'Ì', 'æ': 'ỉ', 'Æ': 'Ỉ',
	'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị', 'î': 'ỵ', 'Î': 'Ỵ',
}

// legVNIBase returns the vowel a VNI character stands for when a mark may
// follow it. i takes no marks: VNI writes its toned forms as single
// characters (í ì æ ó ò), and "i"+mark is not VNI.
func legVNIBase(r rune) (base rune, upper, ok bool) {
	switch r {
	case 'a', 'e', 'o', 'u', 'y':
		return r, false, true
	case 'A', 'E', 'O', 'U', 'Y':
		return unicode.ToLower(r), true, true
	case 'ô':
		return 'ơ', false, true
	case 'Ô':
		return 'ơ', true, true
	case 'ö':
		return 'ư', false, true
	case 'Ö':
		return 'ư', true, true
	}
	return 0, false, false
}

// legVNIShape applies a mark to a base vowel; only a, e, o take the
// circumflex and only a the breve, and ỵ is the single character î.
func legVNIShape(base rune, mk legVNIMark) (rune, bool) {
	switch mk.shape {
	case 0:
		return base, base != 'y' || mk.tone != txNang
	case '^':
		if base == 'a' || base == 'e' || base == 'o' {
			return txCircumflexOf(base), true
		}
	case '(':
		if base == 'a' {
			return 'ă', true
		}
	}
	return 0, false
}

// FromVNI converts VNI-Windows text to Unicode NFC. A mark that follows a
// letter it cannot go on is kept as it is. The case of a letter is that of
// its base character ("Aù" and "AÙ" are both "Á").
//
// FromVNI converts whatever it is given; use ToUnicode for text whose
// encoding is unknown.
func FromVNI(s string) string {
	out, _, _ := legDecodeVNI([]rune(s))
	return norm.NFC.String(string(out))
}

// legDecodeVNI converts src from VNI. For the detector it also counts the
// letters left unexplained (stray marks, Latin-1 letters VNI does not use,
// a capital mark after a small letter, which VNI never writes) and the
// letter+mark pairs it joined, VNI's most telling feature.
func legDecodeVNI(src []rune) (out []rune, unknown, pairs int) {
	out = make([]rune, 0, len(src))
	for i := 0; i < len(src); i++ {
		r := src[i]
		if base, upper, ok := legVNIBase(r); ok && i+1 < len(src) {
			if mk, ok := legVNIMarks[src[i+1]]; ok {
				if v, ok := legVNIShape(base, mk); ok {
					out = append(out, txCompose(v, mk.tone, upper))
					if !upper && unicode.IsUpper(src[i+1]) {
						unknown++
					} else {
						pairs++
					}
					i++
					continue
				}
			}
		}
		if l, ok := legVNILetters[r]; ok {
			out = append(out, l)
			continue
		}
		if r >= 0x80 && r <= 0xFF && unicode.IsLetter(r) {
			unknown++
		}
		out = append(out, r)
	}
	return out, unknown, pairs
}

// legRareNuclei are nuclei of loanwords and a handful of rare words. A
// reading that needs them ("Khoõng" for VNI "Khoâng") is less likely than
// one that does not ("Không").
var legRareNuclei = map[string]bool{"oo": true, "oao": true, "oeo": true, "uyu": true, "uơ": true}

// legScore sums up how Vietnamese one reading of a cell looks. Only words
// with a non-ASCII letter count, as ASCII words read the same every way. A
// valid word scores 2 (1 in a legacy reading that needs a rare nucleus, so
// that the Unicode reading keeps the benefit of the doubt); an invalid word
// and a character the reading cannot explain cost 2.
type legScore struct {
	legacy bool // discount rare nuclei
	valid  int  // number of valid words
	points int
}

// judge scores one word; caseOK says whether its case pattern is that of
// a real word (see legCaseOK).
func (sc *legScore) judge(word []rune, caseOK bool) {
	if strings.IndexFunc(string(word), func(r rune) bool { return r >= 0x80 }) < 0 {
		return
	}
	if !caseOK || !txValidSyllable(string(word)) {
		sc.points -= 2
		return
	}
	sc.valid++
	sc.points += 2
	if !sc.legacy {
		return
	}
	ls := make([]txLetter, len(word))
	for i, r := range word {
		ls[i] = txLetterOf(r)
	}
	if s, ok := txParse(ls); ok && legRareNuclei[txBases(ls[s.onsetEnd:s.nucEnd])] {
		sc.points--
	}
}

func (sc *legScore) unexplained(n int) { sc.points -= 2 * n }

// legCaseOK accepts the case patterns of real words: "nguyễn", "Nguyễn",
// "NGUYỄN". Read as Unicode, TCVN3 puts capitals inside words ("cÊp" for
// "cấp"), which this rejects.
func legCaseOK(word []rune) bool {
	lower, upper := 0, 0
	for i, r := range word {
		switch {
		case unicode.IsUpper(r) && i > 0:
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper == 0 || lower == 0
}

// legGlued counts the TCVN3 letter codes that Unicode calls symbols
// (¸ µ ¨ § …) stuck to a letter, as in "V¨n". Neither a Unicode nor a VNI
// reading can explain them. « and » only count inside a word, since as
// quotation marks they touch one.
func legGlued(src []rune) int {
	isLetter := func(i int) bool { return i >= 0 && i < len(src) && unicode.IsLetter(src[i]) }
	n := 0
	for i, r := range src {
		if _, ok := legTCVN3[r]; !ok || unicode.IsLetter(r) {
			continue
		}
		left, right := isLetter(i-1), isLetter(i+1)
		if left && right || (left || right) && r != '«' && r != '»' {
			n++
		}
	}
	return n
}

// legScoreUnicode scores src read as Unicode. Besides glued symbols it
// cannot explain Latin-1 letters Vietnamese does not use (ñ, ö, ß…).
func legScoreUnicode(src []rune) legScore {
	var sc legScore
	for _, w := range legWords(src) {
		sc.judge(src[w[0]:w[1]], legCaseOK(src[w[0]:w[1]]))
	}
	for _, r := range src {
		if r >= 0x80 && r <= 0xFF && unicode.IsLetter(r) {
			if _, ok := txVowels[r]; !ok {
				sc.unexplained(1)
			}
		}
	}
	sc.unexplained(legGlued(src))
	return sc
}

// legScoreTCVN3 scores src read as TCVN3. A word made only of symbols in
// the source ("©" alone) is more likely a symbol than a TCVN3 word, so it
// does not count. The case of toned letters is unknown in TCVN3 (see
// FromTCVN3), so only the other letters must have a word's case pattern.
func legScoreTCVN3(src []rune) legScore {
	out, unknown := legDecodeTCVN3(src)
	sc := legScore{legacy: true}
	for _, w := range legWords(out) {
		if !slices.ContainsFunc(src[w[0]:w[1]], unicode.IsLetter) {
			continue
		}
		plain := make([]rune, 0, w[1]-w[0])
		for i := w[0]; i < w[1]; i++ {
			if !legTCVN3[src[i]].toned {
				plain = append(plain, out[i])
			}
		}
		sc.judge(out[w[0]:w[1]], legCaseOK(plain))
	}
	sc.unexplained(unknown)
	return sc
}

// legScoreVNI scores src read as VNI and returns the number of letter+mark
// pairs too.
func legScoreVNI(src []rune) (legScore, int) {
	out, unknown, pairs := legDecodeVNI(src)
	sc := legScore{legacy: true}
	for _, w := range legWords(out) {
		sc.judge(out[w[0]:w[1]], legCaseOK(out[w[0]:w[1]]))
	}
	sc.unexplained(unknown + legGlued(src))
	return sc, pairs
}

// legMaybeLegacy reports whether s could be legacy text at all: it must
// have a character above ASCII, and no letter or combining mark beyond
// Latin-1, which legacy text as read from a cell cannot contain but Unicode
// Vietnamese nearly always does (ă, đ, ơ, ư, ạ…, or NFD marks).
func legMaybeLegacy(s string) bool {
	high := false
	for _, r := range s {
		switch {
		case r < 0x80:
		case r <= 0xFF:
			high = true
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			return false
		}
	}
	return high
}

// DetectLegacy guesses whether s, as read from a spreadsheet cell, is
// TCVN3 or VNI text, or already Unicode.
//
// ASCII and any text with a Vietnamese letter outside Latin-1 are Unicode.
// Otherwise s is read three ways and each reading is scored by its words
// with non-ASCII letters: valid Vietnamese syllables (onset, vowels, final,
// tone position, sensible case) count for it, invalid words and characters
// the reading cannot explain against it. A legacy encoding is chosen only
// if it has a valid word and beats the Unicode reading outright, so ties go
// to Unicode and ordinary Unicode is not converted. When TCVN3 and VNI tie,
// VNI wins if it joined a letter+mark pair, since TCVN3 text rarely forms
// those; otherwise the cell is left as Unicode.
//
// A short cell can be truly ambiguous (VNI "Hoà" is "Hồ", TCVN3 "chó" is
// "chú"); such cells are reported as Unicode. Callers that know a whole
// column is in one encoding can detect on the column's cells joined with
// spaces, which gives the words needed to decide.
func DetectLegacy(s string) Encoding {
	if !legMaybeLegacy(s) {
		return EncUnicode
	}
	src := []rune(s)
	u := legScoreUnicode(src)
	t := legScoreTCVN3(src)
	v, pairs := legScoreVNI(src)
	tOK := t.valid > 0 && t.points > u.points
	vOK := v.valid > 0 && v.points > u.points
	switch {
	case tOK && vOK && t.points == v.points:
		if pairs > 0 {
			return EncVNI
		}
	case tOK && (!vOK || t.points > v.points):
		return EncTCVN3
	case vOK:
		return EncVNI
	}
	return EncUnicode
}

// ToUnicode detects the encoding of s and returns it converted to Unicode
// NFC, with the encoding it was found in. Unicode input is only normalised
// (NFD becomes NFC). Invalid UTF-8 becomes U+FFFD, so the result is always
// safe to store and compare.
func ToUnicode(s string) (string, Encoding) {
	switch enc := DetectLegacy(s); enc {
	case EncTCVN3:
		return FromTCVN3(s), enc
	case EncVNI:
		return FromVNI(s), enc
	}
	return norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")), EncUnicode
}
