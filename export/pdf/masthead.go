package pdf

import (
	"strings"

	"tdkt"
)

// Widths of the two header and footer columns of a Decree 30 document, in
// mm of the 165 mm text width. The right column is wide enough for the
// national title at 13 pt on one line in most cases (12 pt otherwise).
const (
	headLeftW = 68
	footLeftW = 80
)

const (
	nationTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationMotto = "Độc lập - Tự do - Hạnh phúc"
)

// masthead is the two-column header of an administrative document.
type masthead struct {
	governing string // first line on the left, regular, may be empty
	issuing   string // issuing body, bold, a short rule under
	number    string // "05/QĐ-UBND"; blank before the slash for drafts
	place     string
	date      tdkt.Date
	noDate    bool // lists that are not dated documents leave the line out
}

// draw lays the masthead out at the top of the current page and moves the
// cursor below it.
func (m masthead) draw(d *doc) {
	const size = 13
	lh := lineH(size)
	lx, lw := d.left, float64(headLeftW)
	rx, rw := d.left+headLeftW, d.textW()-headLeftW
	top := d.y

	// Left column: governing body, issuing body, short rule.
	y := top
	d.font("", size)
	if g := tdkt.UpperVN(tdkt.NFC(m.governing)); g != "" {
		y = d.block(lx, lw, y, bodyLines(d, g, lw), alignCenter, size)
	}
	d.font("B", size)
	issuing := bodyLines(d, tdkt.UpperVN(tdkt.NFC(m.issuing)), lw)
	y = d.block(lx, lw, y, issuing, alignCenter, size)
	widest := 0.0
	for _, l := range issuing {
		widest = max(widest, d.width(l))
	}
	// Decree 30: a rule of 1/3 to 1/2 of the line, centred under it.
	d.rule(lx+lw/2, y+1, widest*0.4)
	leftEnd := y + 1

	// Right column: national title, motto with a rule of its own width.
	titleSize := 13.0
	d.font("B", titleSize)
	if d.width(nationTitle) > rw {
		titleSize = 12
		d.font("B", titleSize)
	}
	d.centre(rx, rw, top, nationTitle)
	y = top + lineH(titleSize)
	d.font("B", 14)
	d.centre(rx, rw, y, nationMotto)
	y += lineH(14)
	d.rule(rx+rw/2, y+0.8, d.width(nationMotto))
	rightEnd := y + 0.8

	// Number on the left and place-date on the right share a line.
	row := max(leftEnd, rightEnd) + 2.5
	d.font("", size)
	if m.number != "" {
		drawNumber(d, lx, lw, row, m.number, size)
	}
	if !m.noDate {
		d.font("I", 14)
		d.centre(rx, rw, row, dateLine(m.place, m.date))
	}
	d.y = row + lh + 7
}

// bodyLines breaks an organ's name for the narrow left column. When it does
// not fit on one line it breaks before the place ("ỦY BAN NHÂN DÂN" /
// "TỈNH SƠN LÂM"), the way these headers are written by hand; a body still
// too wide breaks after its dash ("HỘI ĐỒNG THI ĐUA –" / "KHEN THƯỞNG"), so
// that compound words stay whole; only otherwise wherever the words allow.
func bodyLines(d *doc, s string, w float64) []string {
	if d.width(s) <= w {
		return []string{s}
	}
	body, place := splitBody(s)
	if place == "" || d.width(place) > w {
		return d.wrap(s, w)
	}
	if d.width(body) <= w {
		return []string{body, place}
	}
	for _, dash := range []string{" – ", " - "} {
		head, tail, ok := strings.Cut(body, dash)
		if ok && d.width(head+dash) <= w && d.width(tail) <= w {
			return []string{head + strings.TrimRight(dash, " "), tail, place}
		}
	}
	return append(d.wrap(body, w), place)
}

// drawNumber writes "Số: 05/QĐ-UBND" centred in the column. A draft's
// number is blank before the slash; the blank is left as space on the page
// because normalised text cannot carry a run of spaces.
func drawNumber(d *doc, x, w, top float64, number string, size float64) {
	head, tail, draft := strings.Cut(number, "/")
	if !draft || strings.TrimSpace(head) != "" {
		d.centre(x, w, top, "Số: "+tdkt.NFC(number))
		return
	}
	const gap = 14.0 // room for a handwritten number
	lead, rest := "Số:", "/"+tdkt.NFC(tail)
	total := d.width(lead) + gap + d.width(rest)
	start := x + (w-total)/2
	d.text(start, top, lead, size)
	d.text(start+d.width(lead)+gap, top, rest, size)
}

// title draws a centred bold heading, wrapped, at the cursor.
func (d *doc) title(s string, size float64) {
	d.paragraph(para{runs: plain("B", s), size: size, x: d.left, w: d.textW(), align: alignCenter, balance: true})
}

// summaryRule draws the short rule under a document's summary.
func (d *doc) summaryRule() {
	d.rule(d.left+d.textW()/2, d.y+1.5, d.textW()/3)
	d.y += 5
}

// signature is one signature column: capital lines, room for the hand and
// the seal, the name.
type signature struct {
	x, w  float64
	lines []string
	name  string
}

// sigBlank is the room left for the signature and the seal.
const sigBlank = 26.0

// height is how tall the column is.
func (s signature) height() float64 {
	return float64(len(s.lines))*lineH(14) + sigBlank + lineH(14)
}

// draw lays the column out from top.
func (s signature) draw(d *doc, top float64) {
	d.font("B", 14)
	lines := make([]string, 0, len(s.lines))
	for _, l := range s.lines {
		lines = append(lines, d.wrap(tdkt.UpperVN(l), s.w)...)
	}
	y := d.block(s.x, s.w, top, lines, alignCenter, 14)
	d.block(s.x, s.w, y+sigBlank, []string{tdkt.NFC(s.name)}, alignCenter, 14)
}

// closing draws the footer of a Decree 30 document: "Nơi nhận:" with the
// recipients on the left, the signature on the right. The two are kept
// together on one page.
func (d *doc) closing(recipients []string, sig signature) {
	lx, lw := d.left, float64(footLeftW)
	sig.x, sig.w = d.left+footLeftW, d.textW()-footLeftW
	d.font("", 11)
	var rec []string
	for i, r := range recipients {
		r = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tdkt.NFC(r)), "-"))
		if r == "" {
			continue
		}
		mark := ";"
		if i == len(recipients)-1 {
			mark = "."
		}
		rec = append(rec, d.wrap("- "+terminate(r, mark), lw-2)...)
	}
	leftH := lineH(12) + float64(len(rec))*lineH(11)
	d.y += 3
	d.ensure(max(leftH, sig.height()))
	top := d.y
	if len(rec) > 0 {
		d.font("BI", 12)
		d.text(lx, top, "Nơi nhận:", 12)
		d.font("", 11)
		d.block(lx, lw, top+lineH(12), rec, alignLeft, 11)
	}
	sig.draw(d, top)
	d.y = top + max(leftH, sig.height())
}
