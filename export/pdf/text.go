package pdf

import (
	"strings"

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
	var out []string
	for _, src := range strings.Split(s, "\n") {
		fields := strings.Fields(tdkt.NFC(src))
		if len(fields) == 0 {
			out = append(out, "")
			continue
		}
		cur := ""
		for _, f := range fields {
			for d.pdf.GetStringWidth(f) > w {
				// Cut an over-long word: flush the line, then
				// take as many letters as fit.
				if cur != "" {
					out = append(out, cur)
					cur = ""
				}
				head, tail := d.cut(f, w)
				out = append(out, head)
				f = tail
			}
			switch {
			case cur == "":
				cur = f
			case d.pdf.GetStringWidth(cur+" "+f) <= w+0.01:
				cur += " " + f
			default:
				out = append(out, cur)
				cur = f
			}
		}
		out = append(out, cur)
	}
	return out
}

// cut splits s after the most runes that fit in w, at least one.
func (d *doc) cut(s string, w float64) (string, string) {
	rs := []rune(s)
	n := 1
	for n < len(rs) && d.pdf.GetStringWidth(string(rs[:n+1])) <= w {
		n++
	}
	return string(rs[:n]), string(rs[n:])
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

// plain is a paragraph of one run.
func plain(style, text string) []run { return []run{{style: style, text: text}} }
