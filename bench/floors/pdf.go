package floors

import (
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"
)

// Fonts are the TrueType files of one family by gofpdf style ("", "B",
// "I", "BI"): the same files tdkt embeds.
type Fonts map[string][]byte

const family = "Serif"

// newPDF starts a document with the four faces embedded from bytes, the
// way tdkt loads them (AddUTF8FontFromBytes; gofpdf subsets them at
// Output).
func newPDF(orientation string, fonts Fonts) (*gofpdf.Fpdf, error) {
	f := gofpdf.New(orientation, "mm", "A4", "")
	for _, style := range []string{"", "B", "I", "BI"} {
		b, ok := fonts[style]
		if !ok {
			return nil, fmt.Errorf("thiếu phông kiểu %q", style)
		}
		// a copy per document: gofpdf keeps the slice
		f.AddUTF8FontFromBytes(family, style, append([]byte(nil), b...))
	}
	f.SetAutoPageBreak(false, 0)
	f.SetCellMargin(0)
	return f, f.Error()
}

// lineH is single spacing for a size in points, in millimetres.
func lineH(size float64) float64 { return size * 25.4 / 72 * 1.2 }

// Field is a text placed in a box: X, Y (top) and W in millimetres; the
// text wraps inside W with gofpdf's own SplitText.
type Field struct {
	X, Y, W float64
	Size    float64
	Style   string
	Align   string // "L", "C" or "R"
	Text    string
}

// Certificates writes one landscape A4 page per entry of pages, each with
// its fields wrapped by gofpdf and drawn line by line.
func Certificates(w io.Writer, fonts Fonts, pages [][]Field) error {
	f, err := newPDF("L", fonts)
	if err != nil {
		return err
	}
	for _, p := range pages {
		f.AddPage()
		for _, fd := range p {
			f.SetFont(family, fd.Style, fd.Size)
			y := fd.Y
			for _, l := range f.SplitText(fd.Text, fd.W) {
				f.SetXY(fd.X, y)
				f.CellFormat(fd.W, lineH(fd.Size), l, "", 0, fd.Align, false, 0, "")
				y += lineH(fd.Size)
			}
		}
	}
	return f.Output(w)
}

// Table is the list attached to a decision: column widths in millimetres
// (summing to the text width), a header row and the body rows, each cell
// wrapped inside its column.
type Table struct {
	Widths []float64
	Header []string
	Rows   [][]string
}

// Decision writes a Decree 30 page (A4 portrait, margins 30/20/15/20) with
// the body paragraphs justified by gofpdf's MultiCell, then the list on new
// pages as a bordered table whose header repeats on every page. Cells wrap
// with SplitText and are drawn line by line.
func Decision(w io.Writer, fonts Fonts, body []string, t Table) error {
	f, err := newPDF("P", fonts)
	if err != nil {
		return err
	}
	const left, top, right, bottom = 30.0, 20.0, 15.0, 20.0
	f.SetMargins(left, top, right)
	_, pageH := f.GetPageSize()
	limit := pageH - bottom
	f.AddPage()
	f.SetFont(family, "", 14)
	for _, p := range body {
		if f.GetY()+lineH(14) > limit {
			f.AddPage()
		}
		f.MultiCell(0, lineH(14), p, "", "J", false)
	}
	f.AddPage()
	const size = 13
	lh := lineH(size)
	row := func(cells []string, style string) {
		f.SetFont(family, style, size)
		lines := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			lines[i] = f.SplitText(c, t.Widths[i]-2)
			n = max(n, len(lines[i]))
		}
		h := float64(n)*lh + 2
		y := f.GetY()
		if y+h > limit {
			f.AddPage()
			y = f.GetY()
			if style == "" {
				f.SetY(y)
				header(f, t, lh)
				y = f.GetY()
			}
		}
		x := left
		for i := range cells {
			f.Rect(x, y, t.Widths[i], h, "D")
			for j, l := range lines[i] {
				f.SetXY(x+1, y+1+float64(j)*lh)
				f.CellFormat(t.Widths[i]-2, lh, l, "", 0, "L", false, 0, "")
			}
			x += t.Widths[i]
		}
		f.SetXY(left, y+h)
	}
	row(t.Header, "B")
	for _, r := range t.Rows {
		row(r, "")
	}
	return f.Output(w)
}

func header(f *gofpdf.Fpdf, t Table, lh float64) {
	f.SetFont(family, "B", 13)
	x, y := f.GetX(), f.GetY()
	h := lh + 2
	for i, c := range t.Header {
		f.Rect(x, y, t.Widths[i], h, "D")
		f.SetXY(x+1, y+1)
		f.CellFormat(t.Widths[i]-2, lh, c, "", 0, "C", false, 0, "")
		x += t.Widths[i]
	}
	f.SetXY(30, y+h)
	f.SetFont(family, "", 13)
}
