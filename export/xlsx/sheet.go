package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"tdkt"
)

// fontName is the Decree 30 face. Spreadsheet programs without it (a Linux
// LibreOffice) substitute the metric-compatible Liberation Serif, so column
// widths computed for it hold everywhere.
const fontName = "Times New Roman"

// Number formats. Excel shows "#,##0" with the separators of the reader's
// locale, which on a Vietnamese Windows gives 2.340.000.
const (
	fmtInt     = "#,##0"
	fmtDate    = "dd/mm/yyyy"
	fmtPercent = "0.00%"
)

// A4 in the ECMA-376 paperSize enumeration.
const paperA4 = 9

// cellName returns the A1 reference of a 1-based column and row. The
// package only addresses small, fixed column ranges, so unlike
// excelize.CoordinatesToCellName it needs no error path.
func cellName(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}

// colName returns the letters of a 1-based column number.
func colName(col int) string {
	var b [4]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// styler creates styles and keeps the first error, so that a sheet's dozen
// style definitions read as a list instead of a ladder of error checks.
type styler struct {
	f   *excelize.File
	err error
}

func (s *styler) add(st *excelize.Style) int {
	if s.err != nil {
		return 0
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		s.err = fmt.Errorf("tạo kiểu ô: %w", err)
	}
	return id
}

// cellStyle describes the styles this package uses; style turns it into an
// excelize.Style. Keeping the vocabulary small keeps the sheets consistent.
type cellStyle struct {
	size         float64
	bold, italic bool
	border       bool
	fill         string // background colour, for header cells
	hAlign       string // left, center, right
	vAlign       string // top, center
	wrap         bool
	numFmt       string
	indent       int
}

func (c cellStyle) style() *excelize.Style {
	st := &excelize.Style{
		Font: &excelize.Font{Family: fontName, Size: c.size, Bold: c.bold, Italic: c.italic},
		Alignment: &excelize.Alignment{Horizontal: c.hAlign, Vertical: c.vAlign,
			WrapText: c.wrap, Indent: c.indent},
	}
	if st.Alignment.Vertical == "" {
		st.Alignment.Vertical = "center"
	}
	if c.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if c.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}}
	}
	if c.numFmt != "" {
		f := c.numFmt
		st.CustomNumFmt = &f
	}
	return st
}

// sheet writes cells of one worksheet through the normal (in-memory)
// excelize API and keeps the first error, like bufio.Writer. The candidate
// list uses it: merged headers are simpler this way. The returns lay out
// a returnGrid and stream it instead, because marshalling the in-memory
// worksheet at Write was most of a return's cost.
type sheet struct {
	f    *excelize.File
	name string
	err  error
}

func (s *sheet) fail(what string, err error) {
	if err != nil && s.err == nil {
		s.err = fmt.Errorf("%s: %w", what, err)
	}
}

// set writes v (a string, an int or a float64) with a style. Strings are
// normalised to NFC so that text typed in decomposed form reads and sorts
// like the rest.
func (s *sheet) set(col, row int, v any, style int) {
	if s.err != nil {
		return
	}
	ref := cellName(col, row)
	if str, ok := v.(string); ok {
		v = nfc(str)
	}
	if v != nil {
		s.fail("ghi ô "+ref, s.f.SetCellValue(s.name, ref, v))
	}
	if style != 0 {
		s.fail("định dạng ô "+ref, s.f.SetCellStyle(s.name, ref, ref, style))
	}
}

// span writes text into a merged block and styles every cell of it, so
// that borders run round the whole block.
func (s *sheet) span(col1, row1, col2, row2 int, v any, style int) {
	if s.err != nil {
		return
	}
	s.set(col1, row1, v, 0)
	a, b := cellName(col1, row1), cellName(col2, row2)
	if a != b {
		s.fail("gộp ô "+a+":"+b, s.f.MergeCell(s.name, a, b))
	}
	if style != 0 {
		s.fail("định dạng ô "+a+":"+b, s.f.SetCellStyle(s.name, a, b, style))
	}
}

func (s *sheet) width(col1, col2 int, w float64) {
	if s.err == nil {
		s.fail("đặt độ rộng cột", s.f.SetColWidth(s.name, colName(col1), colName(col2), w))
	}
}

func (s *sheet) height(row int, h float64) {
	if s.err == nil {
		s.fail("đặt chiều cao dòng", s.f.SetRowHeight(s.name, row, h))
	}
}

// pageSetup prepares a sheet for printing: A4 landscape, one page wide and
// tall pages tall (0: as many as needed), narrow margins, page numbers in
// the footer and the header rows firstHeader..lastHeader repeated on every
// page.
//
// excelize writes these settings when the sheet is flushed; for a streamed
// sheet they are silently lost if set after StreamWriter.Flush, so callers
// run this before creating the StreamWriter.
func pageSetup(f *excelize.File, name string, tall, firstHeader, lastHeader int) error {
	size, orient, one := paperA4, "landscape", 1
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("đặt khổ giấy: %w", err)
	}
	// fitToWidth/fitToHeight only take effect with the sheet's fitToPage flag.
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("đặt in vừa trang: %w", err)
	}
	// Margins in inches: about 1.5 cm left, 1 cm right, 1.5 cm top and bottom.
	left, right, top, bottom, hf := 0.6, 0.4, 0.6, 0.6, 0.3
	center := true
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &left, Right: &right, Top: &top, Bottom: &bottom, Header: &hf, Footer: &hf,
		Horizontally: &center,
	}); err != nil {
		return fmt.Errorf("đặt lề trang: %w", err)
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: "&C&\"" + fontName + ",Regular\"&10Trang &P/&N",
	}); err != nil {
		return fmt.Errorf("đặt chân trang: %w", err)
	}
	if lastHeader > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(name), firstHeader, lastHeader),
			Scope:    name,
		}); err != nil {
			return fmt.Errorf("đặt dòng tiêu đề lặp lại khi in: %w", err)
		}
	}
	return nil
}

// quoteSheet quotes a sheet name for a formula reference; Vietnamese names
// contain spaces and non-ASCII letters.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// newBook starts a workbook whose only sheet is called name, with the
// Decree 30 font as the default so that empty cells and column widths
// match the text.
func newBook(name string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetDefaultFont(fontName); err != nil {
		f.Close()
		return nil, fmt.Errorf("đặt phông chữ: %w", err)
	}
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, fmt.Errorf("đặt tên trang tính: %w", err)
	}
	return f, nil
}

// save writes the finished workbook to w and releases its temporary files.
func save(f *excelize.File, w io.Writer) error {
	// excelize's Write assembles the whole archive in a bytes.Buffer before
	// copying it out: for the register of a large province that is a few
	// hundred MB held at once, growing with the rows. Its zip-writer hook
	// lets the archive go straight to w instead (the buffer stays empty).
	// The one thing excelize does to the buffer afterwards, marking entries
	// over 4 GB as zip64, cannot apply: a register sheet is capped at a
	// million lines, well under 4 GB of XML.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if err := f.Write(w); err != nil {
		f.Close()
		return fmt.Errorf("ghi tệp Excel: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("đóng tệp Excel: %w", err)
	}
	return nil
}

// lineHeight is the height in points of one line of text of the given
// font size, as Excel lays it out (about 1.3 × the size).
func lineHeight(size float64) float64 {
	return math.Ceil(size * 1.3)
}

// wrappedLines estimates how many lines text takes in a column of the given
// width (in Excel's character units) when wrapped at spaces. Excel does not
// grow rows that a program writes with wrapped text, so the row height has
// to come from this estimate. It takes one character per width unit: a
// Times New Roman letter is a little narrower than the digit that defines
// the unit, but capitals are wider and a row too tall is harmless where one
// too short hides text. Bold text is wider still; callers pass boldWidth.
func wrappedLines(text string, width float64) int {
	perLine := max(1, int(width))
	lines := 0
	for part := range strings.SplitSeq(text, "\n") {
		lines++
		used := 0
		for word := range strings.FieldsSeq(part) {
			n := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = n
			case used+1+n <= perLine:
				used += 1 + n
			default:
				lines++
				used = n
			}
			// A word longer than the line breaks inside itself.
			for used > perLine {
				lines++
				used -= perLine
			}
		}
	}
	return max(lines, 1)
}

// boldWidth is the width to estimate bold text with.
func boldWidth(width float64) float64 { return width * 0.88 }

// dateLine is the place-and-date line of a signature block, with dots for
// whatever is not known so that it can be filled in by hand.
func dateLine(place string, d tdkt.Date) string {
	place = tdkt.NFC(place)
	if place == "" {
		place = "……………"
	}
	if d.IsZero() {
		return place + ", ngày …… tháng …… năm ……"
	}
	return tdkt.DateLine(place, d.Time())
}

// nfc is tdkt.NFC (composed form, whitespace collapsed) without its
// allocations for text that is already clean, which is nearly all text
// since the store keeps it normalised; the register calls it for every
// text cell of hundreds of thousands of rows.
func nfc(s string) string {
	if tidy(s) && norm.NFC.IsNormalString(s) {
		return s
	}
	return tdkt.NFC(s)
}

// tidy reports whether s has no leading, trailing or repeated whitespace
// and no whitespace other than the ASCII space.
func tidy(s string) bool {
	space := true // at the start, a space would be leading
	for _, r := range s {
		if unicode.IsSpace(r) {
			if r != ' ' || space {
				return false
			}
			space = true
			continue
		}
		space = false
	}
	return s == "" || !space
}
