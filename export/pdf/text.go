package pdf

import (
	"strings"
	"unicode/utf8"

	"tdkt"
)

// align is the horizontal alignment of a paragraph or a cell.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
	alignJustify
)

// run is a piece of a paragraph in one style, e.g. the bold "Điều 1." that
// opens an article.
type run struct {
	style string
	text  string
}

// piece is the part of a word that lies in one run.
type piece struct {
	style string
	text  string
	w     float64
}

// word is what lines break between.
type word struct {
	pieces []piece
	w      float64
}

// para is a paragraph to lay out: runs of text in a size, a box [x, x+w], a
// first-line indent and an alignment.
type para struct {
	runs   []run
	size   float64
	x, w   float64
	indent float64
	align  align
	lead   float64 // line height; lineH(size) when zero
	// balance evens out the lines of a centred heading so that it does not
	// end with one orphaned word.
	balance bool
}

// words splits the runs into words, measuring each piece in its style. A run
// that does not start with a space continues the previous word, so
// "Điều 1." + " Tặng" gives two words while "Tặng" + "," gives one.
func (d *doc) words(runs []run, size float64) []word {
	var out []word
	glued := false
	for _, r := range runs {
		t := tdkt.NFC(r.text)
		if t == "" {
			continue
		}
		d.font(r.style, size)
		startsSpace := strings.HasPrefix(r.text, " ") || strings.HasPrefix(r.text, "\t")
		for i, f := range strings.Fields(t) {
			p := piece{style: r.style, text: f, w: d.pdf.GetStringWidth(f)}
			if i == 0 && glued && !startsSpace && len(out) > 0 {
				last := &out[len(out)-1]
				last.pieces = append(last.pieces, p)
				last.w += p.w
				continue
			}
			out = append(out, word{pieces: []piece{p}, w: p.w})
		}
		glued = !strings.HasSuffix(r.text, " ")
	}
	return out
}

// breakLines breaks words greedily into lines no wider than the box, the first
// one shortened by the indent. A word wider than a line stays alone on it.
func breakLines(ws []word, first, rest, space float64) [][]word {
	var lines [][]word
	var cur []word
	curW, room := 0.0, first
	for _, w := range ws {
		need := w.w
		if len(cur) > 0 {
			need += space
		}
		if len(cur) > 0 && curW+need > room+0.01 {
			lines = append(lines, cur)
			cur, curW, room = nil, 0, rest
			need = w.w
		}
		cur = append(cur, w)
		curW += need
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// paragraph lays out p at the cursor, breaking pages between lines, and
// moves the cursor below it.
func (d *doc) paragraph(p para) {
	lead := p.lead
	if lead == 0 {
		lead = lineH(p.size)
	}
	ws := d.words(p.runs, p.size)
	d.font("", p.size)
	space := d.pdf.GetStringWidth(" ")
	lines := breakLines(ws, p.w-p.indent, p.w, space)
	if p.balance && len(lines) > 1 {
		// The narrowest width that still needs the same number of
		// lines gives lines of even length.
		lo, hi := p.w/2, p.w
		for hi-lo > 0.5 {
			mid := (lo + hi) / 2
			if len(breakLines(ws, mid-p.indent, mid, space)) > len(lines) {
				lo = mid
			} else {
				hi = mid
			}
		}
		lines = breakLines(ws, hi-p.indent, hi, space)
	}
	for i, line := range lines {
		d.ensure(lead)
		x, avail := p.x, p.w
		if i == 0 {
			x, avail = p.x+p.indent, p.w-p.indent
		}
		natural := -space
		for _, w := range line {
			natural += w.w + space
		}
		gap := space
		switch {
		case p.align == alignJustify && i < len(lines)-1 && len(line) > 1:
			gap = space + (avail-natural)/float64(len(line)-1)
		case p.align == alignCenter:
			x += (avail - natural) / 2
		case p.align == alignRight:
			x += avail - natural
		}
		for _, w := range line {
			px := x
			for _, pc := range w.pieces {
				d.font(pc.style, p.size)
				d.pdf.Text(px, baseline(d.y, p.size), pc.text)
				px += pc.w
			}
			x += w.w + gap
		}
		d.y += lead
	}
}

// wrap breaks plain text into lines of at most w in the current font;
// explicit newlines are kept. Words longer than a line are cut between
// letters so that nothing runs out of a table cell.
func (d *doc) wrap(s string, w float64) []string {
	lines := d.wrapLines(s, w)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

// line is a wrapped line with its width in the font it was wrapped in.
type line struct {
	text string
	w    float64
}

// wrapLines is wrap keeping each line's width, so that aligning the line
// does not measure it again. Words are measured once, in font units: a
// line's width in gofpdf is the sum of its runes' widths, so a line of
// words measures exactly the sum of its words and spaces, converted to
// millimetres as GetStringWidth converts it.
func (d *doc) wrapLines(s string, w float64) []line {
	_, unit := d.pdf.GetFontSize()
	mm := func(n int) float64 { return float64(n) * unit / 1000 }
	space := d.pdf.GetStringSymbolWidth(" ")
	var out []line
	for _, src := range strings.Split(s, "\n") {
		// NFC leaves words separated by single spaces, so a line of
		// whole words is a slice of src and needs no joining.
		src = tdkt.NFC(src)
		if src == "" {
			out = append(out, line{})
			continue
		}
		cs, ce, cw := 0, 0, 0 // the current line is src[cs:ce], cw wide
		for rest, pos := src, 0; ; {
			word, next, more := strings.Cut(rest, " ")
			f, fs, fw := word, pos, d.pdf.GetStringSymbolWidth(word)
			for mm(fw) > w {
				// Cut an over-long word: flush the line, then
				// take as many letters as fit.
				if ce > cs {
					out = append(out, line{src[cs:ce], mm(cw)})
					cs, ce = fs, fs
				}
				head, tail := d.cut(f, w)
				out = append(out, line{head, mm(d.pdf.GetStringSymbolWidth(head))})
				f, fs, fw = tail, fs+len(head), d.pdf.GetStringSymbolWidth(tail)
			}
			switch {
			case ce == cs:
				cs, ce, cw = fs, fs+len(f), fw
			case mm(cw+space+fw) <= w+0.01:
				ce, cw = fs+len(f), cw+space+fw
			default:
				out = append(out, line{src[cs:ce], mm(cw)})
				cs, ce, cw = fs, fs+len(f), fw
			}
			if !more {
				break
			}
			rest, pos = next, pos+len(word)+1
		}
		out = append(out, line{src[cs:ce], mm(cw)})
	}
	return out
}

// cut splits s after the most runes that fit in w, at least one. The parts
// are slices of s, so that wrapLines can keep its lines as slices of the
// text.
func (d *doc) cut(s string, w float64) (string, string) {
	_, n := utf8.DecodeRuneInString(s)
	for n < len(s) {
		_, size := utf8.DecodeRuneInString(s[n:])
		if d.pdf.GetStringWidth(s[:n+size]) > w {
			break
		}
		n += size
	}
	return s[:n], s[n:]
}

// block draws lines of plain text in the current font, aligned in
// [x, x+w], from top, and returns the y below them. It does not break pages:
// callers place blocks that are known to fit (mastheads, signatures).
func (d *doc) block(x, w, top float64, lines []string, a align, size float64) float64 {
	for _, l := range lines {
		lx := x
		switch a {
		case alignCenter:
			lx += (w - d.width(l)) / 2
		case alignRight:
			lx += w - d.width(l)
		}
		d.text(lx, top, l, size)
		top += lineH(size)
	}
	return top
}

// blockLines is block for wrapped lines, aligned by the widths they were
// wrapped with; the current font must be the one they were wrapped in.
func (d *doc) blockLines(x, w, top float64, lines []line, a align, size float64) float64 {
	for _, l := range lines {
		lx := x
		switch a {
		case alignCenter:
			lx += (w - l.w) / 2
		case alignRight:
			lx += w - l.w
		}
		d.text(lx, top, l.text, size)
		top += lineH(size)
	}
	return top
}

// plain is a paragraph of one run.
func plain(style, text string) []run { return []run{{style: style, text: text}} }
