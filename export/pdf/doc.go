// Package pdf renders the board's official documents — award decisions with
// their attached lists, council minutes, ballot papers, certificates printed
// onto pre-printed blanks, proposals (tờ trình) and public notices — as PDF
// files laid out after Decree 30/2020/NĐ-CP.
//
// Every function builds its own gofpdf instance and loads its own copy of the
// fonts, so documents may be rendered from several goroutines at once.
package pdf

import (
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"

	"tdkt"
	"tdkt/assets"
)

// family is the font family name used inside the documents. It maps to
// Liberation Serif 2.x, which is metric-compatible with Times New Roman (the
// font Decree 30 asks for) and, unlike 1.x, covers Vietnamese.
const family = "Times"

// ptMM converts typographic points to millimetres.
const ptMM = 25.4 / 72

// fontFiles maps gofpdf styles to the embedded font files.
var fontFiles = map[string]string{
	"":   "fonts/LiberationSerif-Regular.ttf",
	"B":  "fonts/LiberationSerif-Bold.ttf",
	"I":  "fonts/LiberationSerif-Italic.ttf",
	"BI": "fonts/LiberationSerif-BoldItalic.ttf",
}

// pageSpec describes the paper and the margins of a document, in mm.
type pageSpec struct {
	size      string // "A4" or "A3"
	landscape bool

	left, top, right, bottom float64
}

// decree30 is the page of administrative documents: A4 portrait with margins
// inside the ranges of Decree 30 (top/bottom 20–25, left 30–35, right 15–20).
var decree30 = pageSpec{size: "A4", left: 30, top: 20, right: 15, bottom: 20}

// doc wraps one gofpdf instance with the cursor and pagination the layouts
// need. The vertical cursor y is kept here rather than in gofpdf because all
// text is placed explicitly and page breaks are decided by the layouts.
type doc struct {
	pdf                      *gofpdf.Fpdf
	pageW, pageH             float64
	left, top, right, bottom float64
	y                        float64

	// numbered turns on page numbers in the top margin. Numbering counts
	// from sectionStart so that an attached list is numbered on its own, as
	// Decree 30 wants for appendices; the first page of a section shows none.
	numbered     bool
	sectionStart int
	// onNewPage runs after every page break that the layouts trigger, e.g.
	// to repeat a table header.
	onNewPage func()

	// style and size are the font selected in gofpdf. gofpdf writes a font
	// operator into the page for every SetFont, even when the font does
	// not change, and table cells select theirs once to be measured and
	// again to be drawn; font skips the selections that change nothing.
	style string
	size  float64
}

// newDoc creates a document with the fonts loaded and no page yet.
func newDoc(spec pageSpec, title string) (*doc, error) {
	orientation := "P"
	if spec.landscape {
		orientation = "L"
	}
	size := spec.size
	if size == "" {
		size = "A4"
	}
	if size != "A4" && size != "A3" {
		return nil, fmt.Errorf("khổ giấy không hỗ trợ %q (chỉ A4 hoặc A3)", size)
	}
	f := gofpdf.New(orientation, "mm", size, "")
	// The bytes are read afresh for every document: gofpdf keeps and
	// subsets them, and they must not be shared between goroutines.
	for _, style := range []string{"", "B", "I", "BI"} {
		b, err := assets.Fonts.ReadFile(fontFiles[style])
		if err != nil {
			return nil, fmt.Errorf("đọc phông chữ %s: %w", fontFiles[style], err)
		}
		f.AddUTF8FontFromBytes(family, style, b)
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("nạp phông chữ: %w", err)
	}
	f.SetMargins(spec.left, spec.top, spec.right)
	f.SetAutoPageBreak(false, spec.bottom)
	f.SetCellMargin(0)
	f.SetCreator("tdkt", true)
	f.SetTitle(tdkt.NFC(title), true)
	w, h := f.GetPageSize()
	d := &doc{pdf: f, pageW: w, pageH: h, left: spec.left, top: spec.top,
		right: spec.right, bottom: spec.bottom}
	f.SetHeaderFuncMode(d.pageHeader, false)
	f.SetFont(family, "", 13)
	d.style, d.size = "", 13
	return d, nil
}

// finish writes the document to w.
func (d *doc) finish(w io.Writer, what string) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("xuất PDF %s: %w", what, err)
	}
	return nil
}

// textW is the width between the margins.
func (d *doc) textW() float64 { return d.pageW - d.left - d.right }

// limit is the lowest y that content may reach.
func (d *doc) limit() float64 { return d.pageH - d.bottom }

// addPage starts a page and puts the cursor at the top margin.
func (d *doc) addPage() {
	d.breakPage()
	d.y = d.top
}

// newSection starts a page whose numbering begins again at 1.
func (d *doc) newSection() {
	d.onNewPage = nil
	// Set before AddPage, which runs the header hook.
	d.sectionStart = d.pdf.PageNo() + 1
	d.breakPage()
	d.y = d.top
}

// breakPage adds a page. gofpdf selects the current font on the new page,
// runs the header hook (which may select another through font) and then
// restores the font it had, so the font selected afterwards is the one
// from before.
func (d *doc) breakPage() {
	style, size := d.style, d.size
	d.pdf.AddPage()
	d.style, d.size = style, size
}

// ensure breaks the page when h millimetres do not fit below the cursor.
// It reports whether it did.
func (d *doc) ensure(h float64) bool {
	if d.y+h <= d.limit()+0.01 || d.y <= d.top+0.01 {
		return false
	}
	d.addPage()
	if d.onNewPage != nil {
		d.onNewPage()
	}
	return true
}

// pageHeader is gofpdf's header hook: the page number, centred in the top
// margin, from the second page of a section on (Decree 30).
func (d *doc) pageHeader() {
	if !d.numbered {
		return
	}
	n := d.pdf.PageNo() - d.sectionStart + 1
	if n < 2 {
		return
	}
	d.font("", 13)
	d.centre(d.left, d.textW(), d.top/2-lineH(13)/2, fmt.Sprint(n))
}

// font selects the document font in a style ("", "B", "I", "BI") and size.
func (d *doc) font(style string, size float64) {
	if style == d.style && size == d.size {
		return
	}
	d.pdf.SetFont(family, style, size)
	d.style, d.size = style, size
}

// lineH is the line height used for a font size: single spacing as word
// processors set Times New Roman, which Decree 30 accepts as the minimum.
func lineH(size float64) float64 { return size * ptMM * 1.2 }

// width measures s in the current font.
func (d *doc) width(s string) float64 { return d.pdf.GetStringWidth(tdkt.NFC(s)) }

// text draws s with its line box's top at y; the baseline follows the rule
// gofpdf's own cells use, so mixed calls line up.
func (d *doc) text(x, top float64, s string, size float64) {
	d.pdf.Text(x, baseline(top, size), tdkt.NFC(s))
}

// baseline is the baseline of a line of font size size whose box starts at
// top.
func baseline(top, size float64) float64 {
	return top + lineH(size)/2 + 0.3*size*ptMM
}

// centre draws one line of s centred in [x, x+w] in the current font.
func (d *doc) centre(x, w, top float64, s string) {
	size, _ := d.pdf.GetFontSize()
	d.text(x+(w-d.width(s))/2, top, s, size)
}

// rule draws a horizontal hairline of width w centred on cx.
func (d *doc) rule(cx, y, w float64) {
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(cx-w/2, y, cx+w/2, y)
}
