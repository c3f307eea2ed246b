package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tdkt"
)

// placeWords open the place part of an issuing body: "ỦY BAN NHÂN DÂN" +
// "TỈNH SƠN LÂM". Longer phrases come first so that "THÀNH PHỐ" wins over a
// later single word.
var placeWords = []string{"THÀNH PHỐ", "ĐẶC KHU", "PHƯỜNG", "TỈNH", "XÃ"}

// splitBody splits an issuing body in capitals into the body proper and the
// place it governs: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM" → "ỦY BAN NHÂN DÂN",
// "TỈNH SƠN LÂM". Without a place word the whole text is the body.
func splitBody(issuing string) (body, place string) {
	words := strings.Fields(tdkt.UpperVN(tdkt.NFC(issuing)))
	for i := 1; i < len(words); i++ {
		for _, p := range placeWords {
			pw := strings.Fields(p)
			if i+len(pw) <= len(words) && strings.Join(words[i:i+len(pw)], " ") == p {
				return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
			}
		}
	}
	return strings.Join(words, " "), ""
}

// signatureLines are the capital lines above a signature (Decree 30): "TM."
// followed by the collective body and the signer's title, "KT." followed by
// the head's title and the deputy's title, or the title alone.
func signatureLines(s tdkt.Signer, issuing string) []string {
	title := tdkt.UpperVN(tdkt.NFC(s.Title))
	switch strings.ToUpper(strings.TrimSpace(s.Mode)) {
	case "TM":
		body, _ := splitBody(issuing)
		return nonEmpty("TM. "+body, title)
	case "KT":
		// The deputy signs for the head, whose title is the deputy's
		// without "PHÓ": PHÓ CHỦ TỊCH signs "KT. CHỦ TỊCH".
		head := strings.TrimSpace(strings.TrimPrefix(title, "PHÓ "))
		if head == title || head == "" {
			head = "CHỦ TỊCH"
		}
		return nonEmpty("KT. "+head, title)
	}
	return nonEmpty(title)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// terminate ends s with mark, replacing whatever clause punctuation it
// already ends with, so that a base typed with or without ";" comes out
// right and never doubled.
func terminate(s, mark string) string {
	s = strings.TrimRight(tdkt.NFC(s), " ;.,:")
	if s == "" {
		return ""
	}
	return s + mark
}

// withList adds "(có danh sách kèm theo)" to the text of Điều 1 unless it
// already mentions the attached list.
func withList(article string) string {
	if strings.Contains(tdkt.Fold(article), "danh sach kem theo") {
		return article
	}
	s := strings.TrimRight(tdkt.NFC(article), " ;.")
	return s + " (có danh sách kèm theo)."
}

// normalCase turns an authority written in capitals into running-text case,
// for "… của Chủ tịch Ủy ban nhân dân tỉnh Sơn Lâm": lower case with a capital
// on the first word, on the organ words of Vietnamese orthography (Ủy ban,
// Hội đồng, Chính phủ, Sở and the field that follows), and on the proper
// name after the place word. Text that already has lower-case letters is
// left as typed.
func normalCase(s string) string {
	s = tdkt.NFC(s)
	if s == "" || strings.IndexFunc(s, unicode.IsLower) >= 0 {
		return s
	}
	body, place := splitBody(s)
	words := strings.Fields(strings.ToLower(body))
	capNext := true
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case capNext,
			w == "ủy" && next == "ban",
			w == "hội" && next == "đồng",
			w == "chính" && next == "phủ",
			w == "sở":
			words[i] = tdkt.TitleCaseVN(w)
		}
		// The field of a department or council is a name too:
		// Sở Nội vụ, Hội đồng Thi đua – Khen thưởng.
		capNext = w == "sở" || w == "–" || w == "-" || (w == "đồng" && i > 0 && words[i-1] == "Hội")
	}
	out := strings.Join(words, " ")
	if place != "" {
		pw := strings.Fields(place)
		// The place word itself stays lower case: "tỉnh Sơn Lâm".
		n := 1
		for _, p := range placeWords {
			if strings.HasPrefix(place, p+" ") {
				n = len(strings.Fields(p))
				break
			}
		}
		lower := strings.ToLower(strings.Join(pw[:n], " "))
		name := tdkt.TitleCaseVN(strings.Join(pw[n:], " "))
		out = strings.TrimSpace(out + " " + lower + " " + name)
	}
	return out
}

// percent writes a vote percentage with two decimals and the Vietnamese
// decimal comma: 93.33 → "93,33".
func percent(p float64) string {
	return strings.Replace(fmt.Sprintf("%.2f", p), ".", ",", 1)
}

// collate orders collective names in Vietnamese dictionary order over the
// whole name. tdkt.CompareNames orders people by given name first; joining
// the words with a non-space, non-letter rune makes it see one "given name"
// spanning the whole string while its collation still separates the words.
func collate(a, b string) int {
	join := func(s string) string { return strings.Join(strings.Fields(tdkt.NFC(s)), "_") }
	return tdkt.CompareNames(join(a), join(b))
}

// dateWords is the date in words for running text, or blanks for a draft.
func dateWords(d tdkt.Date) string {
	if d.IsZero() {
		return "ngày … tháng … năm …"
	}
	return tdkt.DateWords(d.Time())
}

// dateLine is the place-and-date line of a masthead, with blanks for a
// draft whose date is not set yet.
func dateLine(place string, d tdkt.Date) string {
	if d.IsZero() {
		if p := tdkt.NFC(place); p != "" {
			return p + ", " + dateWords(d)
		}
		return dateWords(d)
	}
	return tdkt.DateLine(place, d.Time())
}

// clock turns "08:00" into "08 giờ 00 phút"; other text is kept.
func clock(s string) string {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || h == "" || m == "" {
		return tdkt.NFC(s)
	}
	if len(h) == 1 {
		h = "0" + h
	}
	return h + " giờ " + m + " phút"
}

// symbolFor swaps the document-kind part of an office's symbol: "QĐ-UBND"
// with kind "TB" gives "TB-UBND".
func symbolFor(symbol, kind string) string {
	_, issuer, ok := strings.Cut(tdkt.NFC(symbol), "-")
	if !ok || issuer == "" {
		return kind
	}
	return kind + "-" + issuer
}

// collateKey is the key that orders collective names as collate does.
func collateKey(s string) tdkt.NameKey {
	return tdkt.NewNameKey(strings.Join(strings.Fields(tdkt.NFC(s)), "_"))
}

// sortEntries sorts list entries by the collation keys of their names
// (tdkt.NewNameKey for people, collateKey for collectives), stably so that
// equal names keep the order they were proposed in. Each key is computed
// once: comparing names directly normalised and split both names on every
// comparison, most of a long decision's time.
func sortEntries(es []tdkt.ListEntry, key func(string) tdkt.NameKey) {
	keys := make([]tdkt.NameKey, len(es))
	order := make([]int, len(es))
	for i, e := range es {
		keys[i], order[i] = key(e.Name), i
	}
	slices.SortStableFunc(order, func(a, b int) int { return tdkt.CompareNameKeys(keys[a], keys[b]) })
	sorted := make([]tdkt.ListEntry, len(es))
	for i, j := range order {
		sorted[i] = es[j]
	}
	copy(es, sorted)
}

// share writes a threshold without needless decimals: 90 → "90",
// 66.67 → "66,67".
func share(p float64) string {
	return strings.TrimSuffix(strings.TrimRight(percent(p), "0"), ",")
}

// capFirst upper-cases the first letter of s.
func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// sortPeople sorts people by name in Vietnamese order, stably.
func sortPeople(ps []*tdkt.Person) {
	slices.SortStableFunc(ps, func(a, b *tdkt.Person) int { return tdkt.CompareNames(a.Name, b.Name) })
}
