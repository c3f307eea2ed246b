// Package tdkt holds the Vietnamese text helpers used by the award and
// commendation (thi đua – khen thưởng) office software: Unicode
// normalisation, accent-insensitive search folding, administrative date
// lines, money formatting and reading, and Vietnamese name handling.
//
// All functions are pure and safe for concurrent use; the package keeps no
// mutable state, only read-only lookup tables.
package tdkt

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Combining marks that matter for Vietnamese. Vowel modifiers change the
// letter itself (a → ă, â …) and therefore belong to the primary collation
// key, while tone marks are only a secondary key.
const (
	markBreve      = '\u0306' // ă
	markCircumflex = '\u0302' // â ê ô
	markHorn       = '\u031B' // ơ ư
	markGrave      = '\u0300' // huyền
	markAcute      = '\u0301' // sắc
	markHookAbove  = '\u0309' // hỏi
	markTilde      = '\u0303' // ngã
	markDotBelow   = '\u0323' // nặng
)

// NFC returns s in Unicode Normalization Form C with leading and trailing
// whitespace removed and every internal run of whitespace collapsed to a
// single ASCII space. Text typed on different keyboards (Unikey in
// "Unicode dựng sẵn" versus "Unicode tổ hợp" mode, copy-paste from PDFs)
// would otherwise compare unequal although it looks identical, so every text
// is stored in this form.
func NFC(s string) string {
	// Almost every string is stored in this form already: checking is much
	// cheaper than normalising, splitting and joining again, and the
	// documents measure and draw each string several times.
	if tidySpaces(s) && norm.NFC.IsNormalString(s) {
		return s
	}
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// tidySpaces reports whether strings.Fields and a join with single spaces
// would give s back: no leading, trailing or repeated whitespace and no
// whitespace other than the ASCII space.
func tidySpaces(s string) bool {
	space := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			// Non-ASCII: only U+0085, U+00A0 and the spaces from U+1680 up
			// are whitespace; check those runes one by one.
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += size - 1
			space = false
			continue
		}
		switch c {
		case ' ':
			if space {
				return false
			}
			space = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			space = false
		}
	}
	return !space || s == ""
}

// Fold returns the search key of s: lower-case, without any diacritics, with
// đ mapped to d, whitespace collapsed and trimmed. Users routinely search
// without accents ("nguyen van uoc"), so both the stored text and the query
// are compared in folded form.
//
// Only non-spacing marks (Unicode category Mn) are removed; that covers
// every Vietnamese vowel modifier and tone. Đ/đ have no canonical
// decomposition, hence the explicit mapping.
func Fold(s string) string {
	if t, ok := foldFast(s); ok {
		return t
	}
	return strings.Join(strings.Fields(foldRunes(s)), " ")
}

// foldRunes is Fold before its whitespace is collapsed: the definition
// the fast path is built from and checked against.
func foldRunes(s string) string {
	// Decompose before lower-casing so canonically equivalent inputs (NFC,
	// NFD, mixed) take exactly the same path, then decompose again because
	// lower-casing may produce precomposed letters.
	t := norm.NFD.String(s)
	t = strings.Map(unicode.ToLower, t)
	t = norm.NFD.String(t)
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Mn, r):
			return -1
		case r == 'đ' || r == 'Đ':
			return 'd'
		}
		return r
	}, t)
}

// Fold runs for every search key and list row a store writes, and
// normalising each string twice was a tenth of a bundle import. For text
// made only of the runes below (ASCII, Latin-1, Latin Extended-A/B, the
// combining diacritics and Latin Extended Additional, where Vietnamese
// lives, and the punctuation Vietnamese documents use) folding goes rune by rune through a table: within these ranges
// every rune that canonical ordering could move is a combining mark, which
// Fold removes anyway, so folding each rune alone gives the same result as
// folding the whole string (TestFoldFastMatchesDefinition checks each rune
// and mixed strings). Other text takes the definition.
const (
	foldLatinEnd   = 0x250  // up to Latin Extended-B
	foldMarksStart = 0x300  // combining diacritical marks
	foldMarksEnd   = 0x370  //
	foldExtStart   = 0x1E00 // Latin Extended Additional
	foldExtEnd     = 0x1F00 //
	foldPunctStart = 0x2000 // General Punctuation: the dash of "Công chức Văn
	foldPunctEnd   = 0x2070 // phòng – Thống kê", quotes, ellipsis
)

// foldTable holds foldRunes of each rune of the ranges above, built once
// at start-up and only read afterwards.
var foldTable = func() (t struct{ latin, marks, ext, punct []string }) {
	table := func(lo, hi rune) []string {
		out := make([]string, hi-lo)
		for r := lo; r < hi; r++ {
			out[r-lo] = foldRunes(string(r))
		}
		return out
	}
	t.latin = table(0, foldLatinEnd)
	t.marks = table(foldMarksStart, foldMarksEnd)
	t.ext = table(foldExtStart, foldExtEnd)
	t.punct = table(foldPunctStart, foldPunctEnd)
	return t
}()

// foldRune is foldRunes of r from foldTable, or false outside its ranges.
func foldRune(r rune) (string, bool) {
	switch {
	case r < foldLatinEnd:
		return foldTable.latin[r], true
	case foldMarksStart <= r && r < foldMarksEnd:
		return foldTable.marks[r-foldMarksStart], true
	case foldExtStart <= r && r < foldExtEnd:
		return foldTable.ext[r-foldExtStart], true
	case foldPunctStart <= r && r < foldPunctEnd:
		return foldTable.punct[r-foldPunctStart], true
	}
	return "", false
}

// foldFast folds s through foldTable, or reports false when s holds a
// rune outside it (or is not valid UTF-8).
func foldFast(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	gap := false // whitespace seen since the last word
	emit := func(c rune) {
		if unicode.IsSpace(c) {
			gap = true
			return
		}
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
		b = utf8.AppendRune(b, c)
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r)
			continue
		}
		f, ok := foldRune(r)
		if !ok {
			return "", false
		}
		for _, c := range f {
			emit(c)
		}
	}
	return string(b), true
}

// FoldWords folds s and splits the result into words on every rune that is
// neither a letter nor a digit, so hyphenated and apostrophised ethnic
// minority names ("Giàng A-Páo", "H'Mông") match word by word.
func FoldWords(s string) []string {
	return strings.FieldsFunc(Fold(s), isWordSeparator)
}

func isWordSeparator(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// DateLine returns the place-and-date line required by Decree 30/2020/NĐ-CP
// for administrative documents, e.g. "Lào Cai, ngày 05 tháng 3 năm 2024".
// A blank place yields only the date part. The date is taken in d's own
// location, without conversion, because the caller chose the calendar day.
func DateLine(place string, d time.Time) string {
	place = NFC(place)
	if place == "" {
		return DateWords(d)
	}
	return place + ", " + DateWords(d)
}

// DateWords returns "ngày DD tháng M năm YYYY" following Decree 30/2020:
// days below 10 and months 1 and 2 get a leading zero. The zero on January
// and February exists to stop a later "1" or "2" being added by hand to
// forge "tháng 11"/"tháng 12"; other months are written without one.
func DateWords(d time.Time) string {
	year, month, day := d.Date()
	monthText := strconv.Itoa(int(month))
	if month < time.March {
		monthText = "0" + monthText
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", day, monthText, year)
}

// DateShort returns d as dd/mm/yyyy, the usual Vietnamese numeric form.
func DateShort(d time.Time) string {
	return d.Format("02/01/2006")
}

// ErrInvalidDate is wrapped by every error returned from ParseDateShort so
// callers can detect bad user input with errors.Is.
var ErrInvalidDate = errors.New("ngày không hợp lệ (invalid date)")

// ParseDateShort parses a day-month-year date as users type it: one- or
// two-digit day and month, four-digit year, separated consistently by '/',
// '-' or '.' ("5/3/2024", "05-03-2024", "5.3.2024"). Surrounding whitespace
// is ignored. The result is midnight UTC. Impossible dates such as
// 31/02/2024 are rejected instead of being silently rolled over.
func ParseDateShort(s string) (time.Time, error) {
	in := strings.TrimSpace(s)
	sepAt := strings.IndexAny(in, "/-.")
	if sepAt < 0 {
		return time.Time{}, fmt.Errorf("ngày %q: cần dạng ngày/tháng/năm, ví dụ 05/03/2024: %w", s, ErrInvalidDate)
	}
	sep := in[sepAt : sepAt+1]
	parts := strings.Split(in, sep)
	if len(parts) != 3 {
		return time.Time{}, fmt.Errorf("ngày %q: cần ngày, tháng, năm cách nhau bởi %q: %w", s, sep, ErrInvalidDate)
	}
	day, err := parseDigits(parts[0], 1, 2)
	if err != nil {
		return time.Time{}, fmt.Errorf("ngày %q: phần ngày: %w", s, err)
	}
	month, err := parseDigits(parts[1], 1, 2)
	if err != nil {
		return time.Time{}, fmt.Errorf("ngày %q: phần tháng: %w", s, err)
	}
	year, err := parseDigits(parts[2], 4, 4)
	if err != nil {
		return time.Time{}, fmt.Errorf("ngày %q: phần năm: %w", s, err)
	}
	if month < 1 || month > 12 {
		return time.Time{}, fmt.Errorf("ngày %q: tháng %d ngoài khoảng 1–12: %w", s, month, ErrInvalidDate)
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	// time.Date normalises overflow (31/02 becomes 02/03); a round trip
	// exposes such dates.
	if day < 1 || t.Day() != day || t.Month() != time.Month(month) {
		return time.Time{}, fmt.Errorf("ngày %q: tháng %02d/%04d không có ngày %d: %w", s, month, year, day, ErrInvalidDate)
	}
	return t, nil
}

// parseDigits parses an unsigned ASCII decimal of minLen to maxLen digits.
// strconv.Atoi alone would also accept signs, which are never valid here.
func parseDigits(s string, minLen, maxLen int) (int, error) {
	if len(s) < minLen || len(s) > maxLen {
		return 0, fmt.Errorf("%q phải có từ %d đến %d chữ số: %w", s, minLen, maxLen, ErrInvalidDate)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%q không phải là số: %w", s, ErrInvalidDate)
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q: %w: %w", s, ErrInvalidDate, err)
	}
	return n, nil
}

// magnitude returns |v| as uint64; it cannot overflow, unlike -v for
// math.MinInt64.
func magnitude(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// Money formats v with '.' as the thousands separator, as Vietnamese
// documents do: 2340000 → "2.340.000".
func Money(v int64) string {
	digits := strconv.FormatUint(magnitude(v), 10)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

const billion = 1_000_000_000

// MoneyWords reads v in Vietnamese words for the "Số tiền bằng chữ" line of
// payment documents: 2340000 → "Hai triệu ba trăm bốn mươi nghìn đồng".
//
// Reading rules:
//   - "mười" for a tens digit of 1, "mươi" for tens of 2 and more;
//   - "mốt" for a units 1 after tens ≥ 2, "lăm" for a units 5 after any
//     non-zero tens digit;
//   - a units 4 is always read "bốn": the alternative "tư" ("hai mươi tư")
//     is optional in the standard and "bốn" is never wrong;
//   - "linh" for a zero tens digit followed by a non-zero units digit;
//   - all-zero groups of three digits are skipped; every other group that
//     is not the leading one is read in full with its hundreds, including
//     "không trăm" (1005000 → "một triệu không trăm linh năm nghìn",
//     2000005 → "hai triệu không trăm linh năm");
//   - units are nghìn, triệu, tỷ; above a billion the count of tỷ is read
//     recursively, giving "nghìn tỷ" for 10^12, "triệu tỷ" for 10^15 and
//     "tỷ tỷ" for 10^18, so the whole int64 range is covered;
//   - negative amounts are prefixed with "Âm".
func MoneyWords(v int64) string {
	if v == 0 {
		return "Không đồng"
	}
	words := readNumber(magnitude(v), true)
	if v < 0 {
		words = append([]string{"âm"}, words...)
	}
	words = append(words, "đồng")
	return capitalizeFirst(strings.Join(words, " "))
}

// readNumber returns the words for n > 0. leading reports whether n starts
// the whole amount; only then may its first group drop "không trăm".
func readNumber(n uint64, leading bool) []string {
	if n >= billion {
		words := append(readNumber(n/billion, leading), "tỷ")
		if low := n % billion; low > 0 {
			words = append(words, readNumber(low, false)...)
		}
		return words
	}
	groups := [3]uint64{n / 1_000_000, n / 1000 % 1000, n % 1000}
	units := [3]string{"triệu", "nghìn", ""}
	var words []string
	for i, g := range groups {
		if g == 0 {
			continue
		}
		full := !leading || len(words) > 0
		words = append(words, readGroup(int(g), full)...)
		if units[i] != "" {
			words = append(words, units[i])
		}
	}
	return words
}

// readGroup reads a group of three digits, 0 < g < 1000. full forces the
// hundreds to be spoken even when zero ("không trăm"), which is required
// for every group except the first one of the amount.
func readGroup(g int, full bool) []string {
	hundreds, tens, ones := g/100, g/10%10, g%10
	var words []string
	spokeHundreds := full || hundreds > 0
	if spokeHundreds {
		words = append(words, digitWords[hundreds], "trăm")
	}
	switch tens {
	case 0:
		if ones == 0 {
			break
		}
		if spokeHundreds {
			words = append(words, "linh")
		}
		words = append(words, digitWords[ones])
	case 1:
		words = append(words, "mười")
		if ones != 0 {
			words = append(words, onesAfterTens(ones, tens))
		}
	default:
		words = append(words, digitWords[tens], "mươi")
		if ones != 0 {
			words = append(words, onesAfterTens(ones, tens))
		}
	}
	return words
}

// onesAfterTens returns the word for a non-zero units digit following a
// non-zero tens digit, where 1 and 5 change their form.
func onesAfterTens(ones, tens int) string {
	switch {
	case ones == 5:
		return "lăm"
	case ones == 1 && tens >= 2:
		return "mốt"
	}
	return digitWords[ones]
}

// capitalizeFirst upper-cases the first rune of s.
func capitalizeFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// SplitName splits a Vietnamese full name into family name (họ), middle
// name (tên đệm, possibly several words) and given name (tên). Words are
// separated by whitespace only; hyphens and apostrophes inside words
// ("A-Páo", "H'Lan") are kept. The parts are returned NFC-normalised.
func SplitName(full string) (family, middle, given string) {
	words := strings.Fields(NFC(full))
	switch len(words) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", words[0]
	case 2:
		return words[0], "", words[1]
	}
	return words[0], strings.Join(words[1:len(words)-1], " "), words[len(words)-1]
}

// CompareNames orders full names the way Vietnamese lists (danh sách khen
// thưởng) are sorted: by given name, then family name, then middle name,
// then the whole string, each with Vietnamese dictionary collation (see
// compareVN). Names that are still equal are ordered by their NFC bytes so
// the order is total and does not depend on the input order. It returns
// -1, 0 or +1.
func CompareNames(a, b string) int {
	a, b = NFC(a), NFC(b)
	fa, ma, ga := SplitName(a)
	fb, mb, gb := SplitName(b)
	if c := compareVN(ga, gb); c != 0 {
		return c
	}
	if c := compareVN(fa, fb); c != 0 {
		return c
	}
	if c := compareVN(ma, mb); c != 0 {
		return c
	}
	if c := compareVN(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// NameKey is the collation key of a full name: what CompareNames computes
// from each name on every comparison (normalising, splitting, collation
// weights), computed once. Sorting n names by their keys costs n key
// computations instead of about 2·n·log n.
type NameKey struct {
	nfc                          string
	given, family, middle, whole []keySyllable
}

// keySyllable is a vnSyllable with its letters already turned into
// primary weights.
type keySyllable struct {
	weights []int
	tone    int
}

// NewNameKey computes the collation key of a full name for
// CompareNameKeys.
//
// Each word's syllables are extracted once: the whole name's syllables are
// its words' syllables in order (vnSyllables splits at the spaces SplitName
// splits at, and normalisation never reaches across a space), so the given,
// family and middle names are sub-slices of the whole name's key rather than
// computed again. The weights of all syllables share one slice.
func NewNameKey(full string) NameKey {
	s := NFC(full)
	words := strings.Fields(s)
	var syl []vnSyllable
	var it norm.Iter
	ends := make([]int, len(words)) // syllable count after each word
	for i, w := range words {
		syl = appendSyllables(&it, syl, w)
		ends[i] = len(syl)
	}
	whole := keySyllables(syl)
	k := NameKey{nfc: s, whole: whole}
	switch n := len(words); n {
	case 0:
	case 1:
		k.given = whole
	default:
		k.family = whole[:ends[0]]
		k.middle = whole[ends[0]:ends[n-2]]
		k.given = whole[ends[n-2]:]
	}
	return k
}

// keySyllables turns syllables into their primary weights, all in one
// backing slice.
func keySyllables(syl []vnSyllable) []keySyllable {
	if len(syl) == 0 {
		return nil
	}
	n := 0
	for _, x := range syl {
		n += len(x.letters)
	}
	all := make([]int, n)
	out := make([]keySyllable, len(syl))
	for i, x := range syl {
		w := all[:len(x.letters):len(x.letters)]
		all = all[len(x.letters):]
		for j, r := range x.letters {
			w[j] = weight(r)
		}
		out[i] = keySyllable{weights: w, tone: x.tone}
	}
	return out
}

// CompareNameKeys orders two name keys exactly as CompareNames orders the
// names they were made from.
func CompareNameKeys(a, b NameKey) int {
	for _, p := range [...][2][]keySyllable{{a.given, b.given}, {a.family, b.family},
		{a.middle, b.middle}, {a.whole, b.whole}} {
		if c := compareKeySyllables(p[0], p[1]); c != 0 {
			return c
		}
	}
	return strings.Compare(a.nfc, b.nfc)
}

// compareKeySyllables is compareVN on precomputed syllables.
func compareKeySyllables(sa, sb []keySyllable) int {
	for i := 0; i < len(sa) && i < len(sb); i++ {
		if c := slices.Compare(sa[i].weights, sb[i].weights); c != 0 {
			return c
		}
	}
	if c := len(sa) - len(sb); c != 0 {
		return sign(c)
	}
	for i := range sa {
		if c := sa[i].tone - sb[i].tone; c != 0 {
			return sign(c)
		}
	}
	return 0
}

// SortNames sorts names in place with CompareNames; the sort is stable.
func SortNames(names []string) {
	slices.SortStableFunc(names, CompareNames)
}

// vnAlphabet is the Vietnamese alphabet in dictionary order. The Latin
// letters f, j, w and z, which occur only in loanwords and some minority
// names, are slotted in at their Latin positions so they still sort sensibly.
const vnAlphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

// letterRank maps each letter of vnAlphabet to its position.
var letterRank = func() map[rune]int {
	m := make(map[rune]int, utf8.RuneCountInString(vnAlphabet))
	for _, r := range vnAlphabet {
		m[r] = len(m)
	}
	return m
}()

// Primary collation weights: digits sort before letters and letters from
// other scripts sort after the Vietnamese alphabet by code point.
const (
	digitBase       = 1
	letterBase      = 100
	otherLetterBase = 1000
)

// toneRank gives the dictionary order of the tones: none < huyền < sắc <
// hỏi < ngã < nặng.
var toneRank = map[rune]int{
	markGrave:     1,
	markAcute:     2,
	markHookAbove: 3,
	markTilde:     4,
	markDotBelow:  5,
}

// modified maps a base letter plus a vowel modifier to the Vietnamese
// letter it forms.
var modified = map[[2]rune]rune{
	{'a', markBreve}:      'ă',
	{'a', markCircumflex}: 'â',
	{'e', markCircumflex}: 'ê',
	{'o', markCircumflex}: 'ô',
	{'o', markHorn}:       'ơ',
	{'u', markHorn}:       'ư',
}

// vnSyllable is the collation form of one word: its letters (without tone,
// lower-case) and the tone of the syllable.
type vnSyllable struct {
	letters []rune
	tone    int
}

// vnSyllables splits s into words on non-letter, non-digit runes and
// extracts letters and tone per word. Working on NFD makes precomposed and
// decomposed input identical, and recording the tone per syllable rather
// than per letter makes old-style ("hoà") and new-style ("hòa") tone
// placement collate the same.
func vnSyllables(s string) []vnSyllable {
	var it norm.Iter
	return appendSyllables(&it, nil, s)
}

// appendSyllables appends the syllables of s to out; see vnSyllables. The
// iterator decomposes s segment by segment without allocating a copy, and
// is passed in so that a caller taking several strings reuses it.
func appendSyllables(it *norm.Iter, out []vnSyllable, s string) []vnSyllable {
	// The syllables' letters share one slice: a syllable takes its part
	// when it ends, and a part already taken is never written again, even
	// if appending later moves the slice.
	letters := make([]rune, 0, len(s))
	cur, start := -1, 0 // the syllable being read, its first letter
	end := func() {
		if cur >= 0 {
			out[cur].letters = letters[start:len(letters):len(letters)]
			cur = -1
		}
	}
	for it.InitString(norm.NFD, s); !it.Done(); {
		seg := it.Next()
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			seg = seg[size:]
			switch {
			case unicode.Is(unicode.Mn, r):
				if cur < 0 || len(letters) == start {
					continue // a stray mark with nothing to modify
				}
				if t, ok := toneRank[r]; ok {
					if out[cur].tone == 0 {
						out[cur].tone = t
					}
					continue
				}
				last := &letters[len(letters)-1]
				if m, ok := modified[[2]rune{*last, r}]; ok {
					*last = m
				}
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if cur < 0 {
					out = append(out, vnSyllable{})
					cur, start = len(out)-1, len(letters)
				}
				letters = append(letters, unicode.ToLower(r))
			default:
				end()
			}
		}
	}
	end()
	return out
}

// weight is the primary collation weight of a lower-case letter or digit.
func weight(r rune) int {
	if rank, ok := letterRank[r]; ok {
		return letterBase + rank
	}
	if r >= '0' && r <= '9' {
		return digitBase + int(r-'0')
	}
	return otherLetterBase + int(r)
}

// compareVN compares two strings in Vietnamese dictionary order. The
// primary key is the sequence of words, each a sequence of base letters in
// alphabet order where ă, â, đ, ê, ô, ơ, ư are letters of their own, compared
// case-insensitively; a word that is a prefix of another sorts first.
// Only if all letters agree are the tones compared, syllable by syllable.
func compareVN(a, b string) int {
	sa, sb := vnSyllables(a), vnSyllables(b)
	for i := 0; i < len(sa) && i < len(sb); i++ {
		c := slices.CompareFunc(sa[i].letters, sb[i].letters, func(x, y rune) int {
			return weight(x) - weight(y)
		})
		if c != 0 {
			return sign(c)
		}
	}
	if c := len(sa) - len(sb); c != 0 {
		return sign(c)
	}
	for i := range sa {
		if c := sa[i].tone - sb[i].tone; c != 0 {
			return sign(c)
		}
	}
	return 0
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// TitleCaseVN normalises a typed name: NFC, collapsed whitespace, the first
// letter of each word upper-cased and all other letters lower-cased
// ("nguyễn văn AN" → "Nguyễn Văn An"). A letter after a hyphen or an
// apostrophe also starts a word, as in the minority names "A-Páo" and
// "H'Lan".
func TitleCaseVN(s string) string {
	var b strings.Builder
	atStart := true
	for _, r := range NFC(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if atStart {
				// ToTitle rather than ToUpper handles digraph letters such
				// as 'ǆ' correctly; for Vietnamese both agree.
				b.WriteRune(unicode.ToTitle(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			atStart = false
		case unicode.Is(unicode.Mn, r):
			// A combining mark continues the current letter.
			b.WriteRune(r)
		default:
			b.WriteRune(r)
			atStart = unicode.IsSpace(r) || strings.ContainsRune("-'’‘", r)
		}
	}
	return norm.NFC.String(b.String())
}

// UpperVN upper-cases s and returns it in NFC, for document headings such
// as "QUYẾT ĐỊNH". Whitespace is left untouched because headings may span
// lines on purpose.
func UpperVN(s string) string {
	return norm.NFC.String(strings.ToUpper(s))
}

// Matcher holds query words (as FoldWords gives them) and checks folded
// texts against them. It is the one matching rule of the search and of
// every list filter: each query word must begin a distinct word of the
// text, so "van van" needs two words starting with "van", and a short word
// cannot take the only word a longer one could match ("v van" against "van
// vu"). Words of the text are separated by anything but ASCII letters and
// digits (Fold leaves the rest of a text in plain ASCII). A Matcher does
// not allocate once made — a common word walks thousands of texts — and is
// not safe for concurrent use.
type Matcher struct {
	want []string // longest first
	used []bool
	have [][2]int // words of the text being matched: [start, end)
}

// NewMatcher makes a Matcher for words.
func NewMatcher(words []string) *Matcher {
	m := &Matcher{want: slices.Clone(words)}
	slices.SortStableFunc(m.want, func(a, b string) int { return len(b) - len(a) })
	return m
}

// Match reports whether folded matches every query word.
func (m *Matcher) Match(folded string) bool { return match(m, folded) }

// MatchBytes is Match for bytes, such as a database's stored text.
func (m *Matcher) MatchBytes(folded []byte) bool { return match(m, folded) }

func match[T string | []byte](m *Matcher, folded T) bool {
	if len(m.want) == 0 {
		return true
	}
	m.have = m.have[:0]
	start := -1
	for i := 0; i <= len(folded); i++ {
		if i < len(folded) && wordByte(folded[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			m.have = append(m.have, [2]int{start, i})
			start = -1
		}
	}
	m.used = m.used[:0]
	for range m.have {
		m.used = append(m.used, false)
	}
	for _, w := range m.want {
		found := false
		for i, h := range m.have {
			if !m.used[i] && hasPrefixAt(folded, h, w) {
				m.used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// wordByte reports whether b belongs to a word: an ASCII letter or digit,
// or a byte of a letter Fold left as it was.
func wordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 0x80
}

func hasPrefixAt[T string | []byte](s T, h [2]int, w string) bool {
	if h[1]-h[0] < len(w) {
		return false
	}
	for j := range len(w) {
		if s[h[0]+j] != w[j] {
			return false
		}
	}
	return true
}
