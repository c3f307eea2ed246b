package tdkt

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is a small, stateless Vietnamese input-method engine. Fyne has
// no IME pre-edit support and external "backspace and retype" tools such as
// Unikey garble GLFW windows, so text fields feed keystrokes through TypeKey
// themselves.
//
// The engine is stateless on purpose: everything it needs is read back from
// the composed word, so the window only has to keep the current word and a
// word edited with the mouse or pasted in behaves exactly like a typed one.
// The price is that "undo by repeating the key" is inferred from the text
// ("â"+"a" → "aa") rather than remembered, which matches Unikey closely
// enough for real Vietnamese words.

// InputMethod selects how keystrokes are turned into Vietnamese letters.
type InputMethod int

const (
	// InputOff types every key literally.
	InputOff InputMethod = iota
	// InputTelex uses letter keys: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư,
	// dd đ; tones s f r x j, z removes the tone.
	InputTelex
	// InputVNI uses digit keys: 1–5 tones, 6 circumflex, 7 horn, 8 breve,
	// 9 đ, 0 removes the tone.
	InputVNI
)

// ToneStyle chooses where the tone mark goes in the open syllables oa, oe
// and uy, the only place where the two accepted conventions differ.
//
// ToneOld is the zero value and the default the application uses (the
// product documentation says so): it is the long-established convention
// ("Hòa", "Thúy"). ToneNew is there for users who prefer the reformed one.
type ToneStyle int

const (
	// ToneOld is the traditional placement: "hòa", "thúy", "khỏe".
	ToneOld ToneStyle = iota
	// ToneNew is the modern placement on the main vowel: "hoà", "thuý",
	// "khoẻ".
	ToneNew
)

// Tone indexes, in the order VNI numbers them (1 sắc … 5 nặng). Every table
// in this package that lists tones uses this order.
const (
	txNoTone = iota
	txSac
	txHuyen
	txHoi
	txNga
	txNang
)

// txToneForms lists each Vietnamese vowel in lower and upper case with the
// tones in the order above. It is the single source for composing and
// decomposing precomposed letters; the tests check it against Unicode
// canonical composition.
var txToneForms = [...][2]string{
	{"aáàảãạ", "AÁÀẢÃẠ"},
	{"ăắằẳẵặ", "ĂẮẰẲẴẶ"},
	{"âấầẩẫậ", "ÂẤẦẨẪẬ"},
	{"eéèẻẽẹ", "EÉÈẺẼẸ"},
	{"êếềểễệ", "ÊẾỀỂỄỆ"},
	{"iíìỉĩị", "IÍÌỈĨỊ"},
	{"oóòỏõọ", "OÓÒỎÕỌ"},
	{"ôốồổỗộ", "ÔỐỒỔỖỘ"},
	{"ơớờởỡợ", "ƠỚỜỞỠỢ"},
	{"uúùủũụ", "UÚÙỦŨỤ"},
	{"ưứừửữự", "ƯỨỪỬỮỰ"},
	{"yýỳỷỹỵ", "YÝỲỶỸỴ"},
}

// txVowelInfo describes one precomposed vowel.
type txVowelInfo struct {
	base  rune // lower-case vowel without tone, e.g. 'ơ'
	tone  int
	upper bool
}

// txVowels maps every precomposed vowel (144 of them) to its parts.
// Read-only after initialisation.
var txVowels = func() map[rune]txVowelInfo {
	m := make(map[rune]txVowelInfo, len(txToneForms)*12)
	for _, row := range txToneForms {
		base, _ := utf8.DecodeRuneInString(row[0])
		for c, forms := range row {
			t := 0
			for _, r := range forms {
				m[r] = txVowelInfo{base: base, tone: t, upper: c == 1}
				t++
			}
		}
	}
	return m
}()

// txForms maps a lower-case toneless vowel to its forms: [upper][tone].
// Read-only after initialisation.
var txForms = func() map[rune][2][6]rune {
	m := make(map[rune][2][6]rune, len(txToneForms))
	for _, row := range txToneForms {
		var f [2][6]rune
		for c, forms := range row {
			copy(f[c][:], []rune(forms))
		}
		m[f[0][0]] = f
	}
	return m
}()

// txCompose returns the precomposed vowel for a lower-case toneless base.
func txCompose(base rune, tone int, upper bool) rune {
	c := 0
	if upper {
		c = 1
	}
	return txForms[base][c][tone]
}

// txIsVowel reports whether base (lower case, toneless) is one of the twelve
// Vietnamese vowels.
func txIsVowel(base rune) bool {
	_, ok := txForms[base]
	return ok
}

// txIsConsonant reports whether base is a consonant letter of the Latin or
// Vietnamese alphabet. Anything else (digits, other scripts) makes a word
// non-Vietnamese, so the engine leaves it alone.
func txIsConsonant(base rune) bool {
	return base == 'đ' || (base >= 'a' && base <= 'z' && !txIsVowel(base))
}

// txPlain strips the vowel diacritic (circumflex, breve, horn) but keeps the
// letter: â→a, ơ→o, ư→u.
func txPlain(base rune) rune {
	switch base {
	case 'ă', 'â':
		return 'a'
	case 'ê':
		return 'e'
	case 'ô', 'ơ':
		return 'o'
	case 'ư':
		return 'u'
	}
	return base
}

// txHasMark reports whether a vowel carries a circumflex, breve or horn.
// Such a vowel is the main vowel of its syllable and so takes the tone.
func txHasMark(base rune) bool { return txPlain(base) != base }

// txCircumflexOf returns the circumflex form of a plain a, e or o.
func txCircumflexOf(plain rune) rune {
	switch plain {
	case 'a':
		return 'â'
	case 'e':
		return 'ê'
	case 'o':
		return 'ô'
	}
	return plain
}

// txOnsets are the initial consonants of Vietnamese syllables. "qu" and
// "gi" count as consonant clusters so that their vowel letter never takes
// the tone ("quý", "già"). "p" is included for words like "Páo", "pin".
var txOnsets = map[string]bool{
	"": true, "b": true, "c": true, "ch": true, "d": true, "đ": true,
	"g": true, "gh": true, "gi": true, "h": true, "k": true, "kh": true,
	"l": true, "m": true, "n": true, "ng": true, "ngh": true, "nh": true,
	"p": true, "ph": true, "qu": true, "r": true, "s": true, "t": true,
	"th": true, "tr": true, "v": true, "x": true,
}

// txCodas are the final consonants of Vietnamese syllables. None of the
// Telex tone keys (s f r x j z) is among them, which is what lets a tone key
// be typed after the final consonant.
var txCodas = map[string]bool{
	"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true,
	"nh": true, "p": true, "t": true,
}

// Where a vowel nucleus may stand.
const (
	txOpen   = 1 << iota // may end the syllable ("mía")
	txClosed             // may be followed by a final consonant ("tiên")
	txBoth   = txOpen | txClosed
)

// txNuclei lists the vowel nuclei of Vietnamese (with glides), e.g. "uyê"
// in "chuyện", "ươi" in "người".
var txNuclei = map[string]uint8{
	"a": txBoth, "ă": txClosed, "â": txClosed, "e": txBoth, "ê": txBoth,
	"i": txBoth, "o": txBoth, "ô": txBoth, "ơ": txBoth, "u": txBoth,
	"ư": txBoth, "y": txBoth,
	"ai": txOpen, "ao": txOpen, "au": txOpen, "ay": txOpen, "âu": txOpen,
	"ây": txOpen, "eo": txOpen, "êu": txOpen, "ia": txOpen, "iê": txClosed,
	"iu": txOpen, "oa": txBoth, "oă": txClosed, "oe": txBoth, "oi": txOpen,
	"oo": txClosed, "ôi": txOpen, "ơi": txOpen, "ua": txOpen, "uâ": txClosed,
	"uê": txBoth, "ui": txOpen, "uô": txClosed, "uơ": txOpen, "uy": txBoth,
	"ưa": txOpen, "ưi": txOpen, "ươ": txClosed, "ưu": txOpen, "yê": txClosed,
	"iêu": txOpen, "yêu": txOpen, "oai": txOpen, "oay": txOpen, "oao": txOpen,
	"oeo": txOpen, "uây": txOpen, "uôi": txOpen, "uya": txOpen, "uyê": txClosed,
	"uyu": txOpen, "ươi": txOpen, "ươu": txOpen,
}

// txPlainNuclei holds the nuclei of txNuclei with their diacritics removed
// ("uye", "uo"). A word whose nucleus is in here is still being typed as
// Vietnamese even if its marks are not complete yet ("ngưo" before the
// second w), so tones may be placed on it.
var txPlainNuclei = func() map[string]bool {
	m := make(map[string]bool, len(txNuclei))
	for n := range txNuclei {
		m[strings.Map(txPlain, n)] = true
	}
	return m
}()

// txLetter is one letter of the word being typed, split into parts so the
// engine can change the vowel shape and the tone independently.
type txLetter struct {
	raw   rune // the rune as given; used for everything that is not a vowel
	base  rune // lower case without tone: 'â', 'đ', 'n'
	upper bool
	tone  int // only vowels carry a tone
}

// txLetterOf splits a rune into a txLetter.
func txLetterOf(r rune) txLetter {
	if v, ok := txVowels[r]; ok {
		return txLetter{raw: r, base: v.base, upper: v.upper, tone: v.tone}
	}
	switch {
	case r == 'đ', r >= 'a' && r <= 'z':
		return txLetter{raw: r, base: r}
	case r == 'Đ', r >= 'A' && r <= 'Z':
		return txLetter{raw: r, base: unicode.ToLower(r), upper: true}
	}
	// Anything else (digits, punctuation, other scripts, look-alikes such
	// as İ or the Kelvin sign, whose lower case is an ASCII letter) is kept
	// as itself and makes the word non-Vietnamese.
	return txLetter{raw: r, base: r}
}

// txStrokeLetter returns the letter đ or d in the given case.
func txStrokeLetter(stroked, upper bool) txLetter {
	l := txLetter{raw: 'd', base: 'd', upper: upper}
	if stroked {
		l.raw, l.base = 'đ', 'đ'
	}
	if upper {
		l.raw = unicode.ToUpper(l.raw)
	}
	return l
}

// txDecodeWord splits a word into letters. The word is normalised to NFC
// first so that a decomposed buffer (from a paste) still works.
func txDecodeWord(word []rune) []txLetter {
	s := string(word) // invalid runes become U+FFFD, keeping output valid
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	ls := make([]txLetter, 0, len(word)+1)
	for _, r := range s {
		ls = append(ls, txLetterOf(r))
	}
	return ls
}

// txEncodeWord turns letters back into runes.
func txEncodeWord(ls []txLetter) []rune {
	out := make([]rune, len(ls))
	for i, l := range ls {
		if txIsVowel(l.base) {
			out[i] = txCompose(l.base, l.tone, l.upper)
		} else {
			out[i] = l.raw
		}
	}
	return out
}

// txBases returns the lower-case toneless spelling of letters.
func txBases(ls []txLetter) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteRune(l.base)
	}
	return b.String()
}

// txClone copies letters so that no edit reaches the caller's buffer.
func txClone(ls []txLetter) []txLetter {
	out := make([]txLetter, len(ls), len(ls)+1)
	copy(out, ls)
	return out
}

// txSyllable marks the parts of a parsed word: onset is [0, onsetEnd),
// nucleus [onsetEnd, nucEnd), coda [nucEnd, len).
type txSyllable struct {
	onsetEnd, nucEnd int
}

func (s txSyllable) hasNucleus() bool { return s.nucEnd > s.onsetEnd }

// txParse splits a word into onset, vowel nucleus and coda. It fails for
// anything that cannot be a Vietnamese syllable (unknown consonant clusters,
// digits, two vowel groups), which is how English words and VNI digits
// typed as themselves are left alone. The nucleus may be empty ("d", "qu")
// so that đ can be typed before the vowel.
func txParse(ls []txLetter) (txSyllable, bool) {
	if len(ls) == 0 {
		return txSyllable{}, false
	}
	for _, l := range ls {
		if !txIsVowel(l.base) && !txIsConsonant(l.base) {
			return txSyllable{}, false
		}
	}
	i := 0
	for i < len(ls) && !txIsVowel(ls[i].base) {
		i++
	}
	onset := txBases(ls[:i])
	switch {
	case onset == "q":
		// q is always written with u, and that u belongs to the onset.
		if i >= len(ls) || ls[i].base != 'u' {
			return txSyllable{}, false
		}
		i++
		onset = "qu"
	case onset == "g" && i+1 < len(ls) && ls[i].base == 'i' && txIsVowel(ls[i+1].base):
		// "gi" before another vowel is a consonant ("gia", "giường");
		// alone it is g + the vowel i ("gì", "gìn").
		i++
		onset = "gi"
	}
	if !txOnsets[onset] {
		return txSyllable{}, false
	}
	j := i
	for j < len(ls) && txIsVowel(ls[j].base) {
		j++
	}
	if !txCodas[txBases(ls[j:])] {
		return txSyllable{}, false
	}
	return txSyllable{onsetEnd: i, nucEnd: j}, true
}

// txPlausible reports whether the nucleus is, or is on its way to being, a
// Vietnamese nucleus once its marks are complete.
func txPlausible(ls []txLetter, s txSyllable) bool {
	return txPlainNuclei[strings.Map(txPlain, txBases(ls[s.onsetEnd:s.nucEnd]))]
}

// txToneOf returns the tone of a word, the index of the letter carrying it
// and how many letters carry a tone (more than one means the word was not
// produced by this engine and is left alone).
func txToneOf(ls []txLetter) (tone, index, count int) {
	index = -1
	for i, l := range ls {
		if l.tone != txNoTone {
			tone, index = l.tone, i
			count++
		}
	}
	return tone, index, count
}

func txStripTones(ls []txLetter) {
	for i := range ls {
		ls[i].tone = txNoTone
	}
}

// txToneIndex returns the letter that takes the tone, by the usual rules:
//  1. a vowel with a diacritic (â ă ê ô ơ ư) takes it; in "ươ" the ơ;
//  2. otherwise, before a final consonant, the last vowel ("toán");
//  3. otherwise a lone vowel takes it, the middle of three ("ngoài"),
//     and the first of two ("mía", "hỏi") — except oa, oe, uy under
//     ToneNew, where the second does ("hoà").
func txToneIndex(ls []txLetter, s txSyllable, style ToneStyle) int {
	for i := s.nucEnd - 1; i >= s.onsetEnd; i-- {
		if txHasMark(ls[i].base) {
			return i
		}
	}
	if s.nucEnd < len(ls) {
		return s.nucEnd - 1
	}
	switch s.nucEnd - s.onsetEnd {
	case 1:
		return s.onsetEnd
	case 2:
		if style == ToneNew {
			switch txBases(ls[s.onsetEnd:s.nucEnd]) {
			case "oa", "oe", "uy":
				return s.onsetEnd + 1
			}
		}
		return s.onsetEnd
	default:
		return s.onsetEnd + 1
	}
}

// txPlaceTone moves the word's tone to where the rules put it. TypeKey
// calls it after every key, because adding a letter can move the tone:
// "tóa" + "n" is "toán". Words that do not parse keep the tone where it is.
func txPlaceTone(ls []txLetter, style ToneStyle) []txLetter {
	txFixUo(ls)
	tone, _, n := txToneOf(ls)
	if n != 1 {
		return ls
	}
	s, ok := txParse(ls)
	if !ok || !s.hasNucleus() || !txPlausible(ls, s) {
		return ls
	}
	txStripTones(ls)
	ls[txToneIndex(ls, s, style)].tone = tone
	return ls
}

// txFixUo spells the nucleus "ươ" as "uơ" in the open syllables after h,
// th and kh ("huơ", "khuơ", "thuở"), the only words where Vietnamese writes
// uơ, and back as "ươ" as soon as anything follows ("thương", "khướu").
// No word spells an open "ươ" after those onsets, so "thuowr" can only mean
// "thuở"; doing it from context keeps the engine stateless.
func txFixUo(ls []txLetter) {
	s, ok := txParse(ls)
	if !ok {
		return
	}
	switch txBases(ls[:s.onsetEnd]) {
	case "h", "th", "kh":
	default:
		return
	}
	nuc := ls[s.onsetEnd:s.nucEnd]
	if len(nuc) < 2 || txPlain(nuc[0].base) != 'u' || nuc[1].base != 'ơ' {
		return
	}
	if len(nuc) == 2 && s.nucEnd == len(ls) {
		nuc[0].base = 'u'
	} else {
		nuc[0].base = 'ư'
	}
}

// TypeKey returns the word that results from typing key after word with the
// input method m. word is the run of letters before the cursor, in NFC; the
// caller keeps it and starts a new one after a space or punctuation. The
// result is a new slice (word is never modified) in NFC.
//
// A key that does not apply — not a method key, no vowel to mark, a word
// that cannot be Vietnamese — is appended as typed. So English words such
// as "windows" or "facebook" stay as they are (no Vietnamese syllable
// starts with w or f); words that do parse ("test" → "tét") are converted,
// as in every Telex engine, and the user undoes by repeating the key. Repeating a modifier
// undoes it and types the key: "aaa" → "aa", "ass" → "as", "ddd" → "dd".
// ToneOld is the placement the application uses by default.
func TypeKey(word []rune, key rune, m InputMethod, style ToneStyle) []rune {
	ls := txDecodeWord(word)
	if !utf8.ValidRune(key) {
		// No keyboard produces an invalid rune; dropping it keeps the
		// buffer valid UTF-8.
		return txEncodeWord(ls)
	}
	if m != InputTelex && m != InputVNI {
		// Off means off: not even the tone is moved.
		return []rune(norm.NFC.String(string(txEncodeWord(ls)) + string(key)))
	}
	out, ok := txApplyKey(ls, key, m, style)
	if !ok {
		out = append(txClone(ls), txLetterOf(key))
	}
	res := txEncodeWord(txPlaceTone(out, style))
	// A combining mark typed as a key would leave the word decomposed;
	// callers compare and store words, so keep the promise of NFC.
	if s := string(res); !norm.NFC.IsNormalString(s) {
		return []rune(norm.NFC.String(s))
	}
	return res
}

// txTelexTones are the Telex tone keys.
var txTelexTones = map[rune]int{'s': txSac, 'f': txHuyen, 'r': txHoi, 'x': txNga, 'j': txNang}

// txApplyKey performs the action bound to key, reporting false when the key
// is not a method key or its action cannot apply to this word.
func txApplyKey(ls []txLetter, key rune, m InputMethod, style ToneStyle) ([]txLetter, bool) {
	switch m {
	case InputTelex:
		k := unicode.ToLower(key)
		if tone, ok := txTelexTones[k]; ok {
			return txSetTone(ls, tone, key, style)
		}
		switch k {
		case 'z':
			return txClearTone(ls)
		case 'a', 'e', 'o':
			return txCircumflex(ls, k, key)
		case 'w':
			return txHook(ls, key, true, true)
		case 'd':
			return txStroke(ls, key)
		}
	case InputVNI:
		switch key {
		case '1', '2', '3', '4', '5':
			return txSetTone(ls, int(key-'0'), key, style)
		case '0':
			return txClearTone(ls)
		case '6':
			return txCircumflex(ls, 0, key)
		case '7':
			return txHook(ls, key, true, false)
		case '8':
			return txHook(ls, key, false, true)
		case '9':
			return txStroke(ls, key)
		}
	}
	return nil, false
}

// txSetTone puts tone on the word, or undoes it when the word already has
// that tone. The tone key may come after the final consonant ("Nguyeenx").
func txSetTone(ls []txLetter, tone int, key rune, style ToneStyle) ([]txLetter, bool) {
	s, ok := txParse(ls)
	if !ok || !s.hasNucleus() || !txPlausible(ls, s) {
		return nil, false
	}
	cur, _, n := txToneOf(ls)
	if n > 1 {
		return nil, false
	}
	out := txClone(ls)
	txStripTones(out)
	if cur == tone {
		return append(out, txLetterOf(key)), true
	}
	out[txToneIndex(out, s, style)].tone = tone
	return out, true
}

// txClearTone removes the tone (Telex z, VNI 0). Without a tone the key is
// an ordinary letter or digit.
func txClearTone(ls []txLetter) ([]txLetter, bool) {
	if _, ok := txParse(ls); !ok {
		return nil, false
	}
	if _, _, n := txToneOf(ls); n == 0 {
		return nil, false
	}
	out := txClone(ls)
	txStripTones(out)
	return out, true
}

// txCircumflex handles Telex aa/ee/oo (want is the vowel) and VNI 6 (want
// is 0: any of a, e, o). It also turns ă into â and ơ into ô, as Unikey
// does, and "ươ" into "uô".
func txCircumflex(ls []txLetter, want, key rune) ([]txLetter, bool) {
	s, ok := txParse(ls)
	if !ok || !s.hasNucleus() {
		return nil, false
	}
	match := func(base rune) bool {
		p := txPlain(base)
		if want == 0 {
			return p == 'a' || p == 'e' || p == 'o'
		}
		return p == want
	}
	for i := s.onsetEnd; i < s.nucEnd; i++ {
		if b := ls[i].base; match(b) && txCircumflexOf(txPlain(b)) == b {
			out := txClone(ls)
			out[i].base = txPlain(b)
			return append(out, txLetterOf(key)), true
		}
	}
	// Try the last matching vowel first ("uye" → "uyê") and keep the first
	// change that gives a real nucleus, so "ao"+"o" stays literal.
	for i := s.nucEnd - 1; i >= s.onsetEnd; i-- {
		if !match(ls[i].base) {
			continue
		}
		out := txClone(ls)
		out[i].base = txCircumflexOf(txPlain(ls[i].base))
		if i > s.onsetEnd && out[i].base == 'ô' && out[i-1].base == 'ư' {
			out[i-1].base = 'u'
		}
		if _, ok := txNuclei[txBases(out[s.onsetEnd:s.nucEnd])]; ok {
			return out, true
		}
	}
	return nil, false
}

// txHook handles the horn (ư, ơ) and the breve (ă): Telex w does both,
// VNI 7 the horn and VNI 8 the breve. "uo" always becomes "ươ" together,
// whether typed "uow", "uwow" or "uwo"+"w". When the word already has the
// mark the key undoes it and is typed itself ("uww" → "uw").
func txHook(ls []txLetter, key rune, horn, breve bool) ([]txLetter, bool) {
	s, ok := txParse(ls)
	if !ok || !s.hasNucleus() {
		return nil, false
	}
	if horn {
		for i := s.onsetEnd; i+1 < s.nucEnd; i++ {
			u, o := ls[i].base, ls[i+1].base
			if txPlain(u) == 'u' && txPlain(o) == 'o' && (u != 'ư' || o != 'ơ') {
				out := txClone(ls)
				out[i].base, out[i+1].base = 'ư', 'ơ'
				// In "thuơ" the pair is already as horned as it gets
				// (see txFixUo), so the key undoes instead.
				if txFixUo(out); txBases(out) != txBases(ls) {
					return out, true
				}
			}
		}
	}
	out := txClone(ls)
	undone := false
	for i := s.onsetEnd; i < s.nucEnd; i++ {
		if b := out[i].base; (horn && (b == 'ư' || b == 'ơ')) || (breve && b == 'ă') {
			out[i].base = txPlain(b)
			undone = true
		}
	}
	if undone {
		return append(out, txLetterOf(key)), true
	}
	for i := s.onsetEnd; i < s.nucEnd; i++ {
		var nb rune
		switch p := txPlain(ls[i].base); {
		case horn && p == 'u':
			nb = 'ư'
		case horn && p == 'o':
			nb = 'ơ'
		case breve && p == 'a':
			nb = 'ă'
		default:
			continue
		}
		out := txClone(ls)
		out[i].base = nb
		// "mua"+w is "mưa" but "hoa"+w is "hoă": keep the change that
		// gives a real nucleus.
		if _, ok := txNuclei[txBases(out[s.onsetEnd:s.nucEnd])]; ok {
			return out, true
		}
	}
	return nil, false
}

// txStroke turns the initial d into đ (Telex dd, VNI d9), or back. Like
// the tone keys it may come later in the word ("dawngd"), but only while
// the rest of the word can still be Vietnamese, so "ddd" is "dd" and not
// "đd".
func txStroke(ls []txLetter, key rune) ([]txLetter, bool) {
	if len(ls) == 0 {
		return nil, false
	}
	out := txClone(ls)
	switch ls[0].base {
	case 'đ':
		out[0] = txStrokeLetter(false, ls[0].upper)
		return append(out, txLetterOf(key)), true
	case 'd':
		if _, ok := txParse(ls); !ok {
			return nil, false
		}
		out[0] = txStrokeLetter(true, ls[0].upper)
		return out, true
	}
	return nil, false
}

// txValidSyllable reports whether word is a well-formed Vietnamese
// syllable: known onset, nucleus and coda that fit together, at most one
// tone, on a vowel where either placement style puts it, and only sắc or
// nặng before c, ch, p, t. Case is ignored. It is stricter than what the
// typing engine needs and is used to recognise legacy-encoded text.
func txValidSyllable(word string) bool {
	ls := make([]txLetter, 0, len(word))
	for _, r := range word {
		ls = append(ls, txLetterOf(r))
	}
	s, ok := txParse(ls)
	if !ok || !s.hasNucleus() {
		return false
	}
	where, ok := txNuclei[txBases(ls[s.onsetEnd:s.nucEnd])]
	if !ok {
		return false
	}
	coda := txBases(ls[s.nucEnd:])
	if coda == "" && where&txOpen == 0 || coda != "" && where&txClosed == 0 {
		return false
	}
	tone, idx, n := txToneOf(ls)
	switch {
	case n == 0:
		return true
	case n > 1:
		return false
	}
	if idx != txToneIndex(ls, s, ToneOld) && idx != txToneIndex(ls, s, ToneNew) {
		return false
	}
	switch coda {
	case "c", "ch", "p", "t":
		return tone == txSac || tone == txNang
	}
	return true
}

// Compose types keys through TypeKey one word at a time and returns the
// text in NFC. Letters (and, for VNI, the digits) build up words; any other
// rune is copied and ends the word, as a space does in a text field.
func Compose(keys string, m InputMethod, style ToneStyle) string {
	var b strings.Builder
	var word []rune
	for _, r := range keys {
		if unicode.IsLetter(r) || (m == InputVNI && r >= '0' && r <= '9') {
			word = TypeKey(word, r, m, style)
			continue
		}
		b.WriteString(string(word))
		word = word[:0]
		b.WriteRune(r)
	}
	b.WriteString(string(word))
	return norm.NFC.String(b.String())
}
