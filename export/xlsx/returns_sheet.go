package xlsx

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// ReturnHeader is what a statistical return says about itself besides the
// numbers: who reports to whom, for which year, and who signs.
type ReturnHeader struct {
	Reporter string // đơn vị báo cáo
	Receiver string // đơn vị nhận báo cáo, e.g. Bộ Nội vụ
	Year     int
	Made     tdkt.Date
	Place    string
	Signer   string // thủ trưởng đơn vị
	Preparer string // người lập biểu
}

// Circular is the issuing line printed under the form code (verify the
// date against the Official Gazette copy).
const Circular = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"

// dueLine is the deadline the circular sets for the annual returns.
const dueLine = "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"

// ReturnHeaderRow is the first header row of a return sheet; the rows
// above hold the form code, the parties, the title and the period.
const ReturnHeaderRow = 8

// Return0601 writes return 0601.N (số phong trào thi đua) to w.
func Return0601(w io.Writer, h ReturnHeader, facts []MovementFact) error {
	return writeReturn(w, h, Count0601(facts))
}

// Return0602 writes return 0602.N (khen thưởng cấp Nhà nước) to w.
func Return0602(w io.Writer, h ReturnHeader, facts []Fact) error {
	return writeReturn(w, h, Count0602(facts))
}

// Return0603 writes return 0603.N (khen thưởng cấp tỉnh) to w.
func Return0603(w io.Writer, h ReturnHeader, facts []Fact) error {
	return writeReturn(w, h, Count0603(facts))
}

// writeReturn renders a filled table as the form prints it.
//
// The sheet is laid out in memory first (returnGrid: a few hundred cells)
// and then streamed. Through excelize's ordinary API the same cells cost
// half as much again, most of it in marshalling the worksheet model with
// encoding/xml when the file is written; the StreamWriter writes the XML
// directly. The stream wants rows in order and its settings before the
// first row, which the grid makes easy: the layout code below still places
// cells, merges and heights in whatever order reads best.
func writeReturn(w io.Writer, h ReturnHeader, t Table) error {
	if err := t.Check(); err != nil {
		return err // a bug in the counting; never print a return that does not add up
	}
	name := t.Form // the sheet is named after the form, e.g. "0602.N"
	f, err := newBook(name)
	if err != nil {
		return err
	}
	if err := streamReturn(f, name, h, &t); err != nil {
		f.Close()
		return fmt.Errorf("biểu %s: %w", t.Form, err)
	}
	return save(f, w)
}

// streamReturn lays the return out and streams it into the sheet name.
func streamReturn(f *excelize.File, name string, h ReturnHeader, t *Table) error {
	st, err := newReturnStyles(f)
	if err != nil {
		return err
	}
	l := layoutFor(t)
	g := newReturnGrid(l.last)
	top, numbering := renderReturn(g, st, l, h, t)

	// A return is a one-page form: shrink it to one page rather than let
	// the signature block fall onto a second one. Print settings go in
	// before the stream is opened: the stream keeps the worksheet's
	// settings as they are then, and loses any set after Flush.
	if err := pageSetup(f, name, 1, top, numbering); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("mở luồng ghi: %w", err)
	}
	// Widths and panes must precede the first row; widths in column
	// order, as <cols> requires, and a run of equal widths at once (each
	// call re-flattens every column set so far).
	for c := 1; c <= l.last; {
		end := c
		for end < l.last && l.widths[end+1] == l.widths[c] {
			end++
		}
		if err := sw.SetColWidth(c, end, l.widths[c]); err != nil {
			return fmt.Errorf("đặt độ rộng cột: %w", err)
		}
		c = end + 1
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: l.first - 1, YSplit: numbering,
		TopLeftCell: cellName(l.first, numbering+1), ActivePane: "bottomRight",
	}); err != nil {
		return fmt.Errorf("cố định dòng tiêu đề: %w", err)
	}
	return g.stream(sw)
}

// returnLayout holds the column positions of a return sheet.
type returnLayout struct {
	label, code, unit int // unit is 0 when the form has no unit column
	first, last       int // value columns
	rightStart        int // first column of the right-hand blocks (parties, signature)
	widths            map[int]float64
}

func layoutFor(t *Table) returnLayout {
	l := returnLayout{label: 1, code: 2, widths: map[int]float64{}}
	l.first = 3
	if t.UnitCol {
		l.unit = 3
		l.first = 4
	}
	l.last = l.first + len(t.Cols) - 1
	n := len(t.Cols)
	// The right-hand blocks take the right half of the value columns, but
	// at least three so that the place-and-date line fits.
	l.rightStart = min(l.last-(n+1)/2+1, l.last-2)
	valueWidth := 9.0
	switch {
	case n <= 4:
		valueWidth = 16 // 0601: few columns with long level names
	case n <= 8:
		valueWidth = 13
	}
	l.widths[l.label] = 46
	l.widths[l.code] = 7
	if l.unit != 0 {
		l.widths[l.unit] = 13
	}
	for c := l.first; c <= l.last; c++ {
		l.widths[c] = valueWidth
	}
	return l
}

// width of the columns from..to together.
func (l returnLayout) span(from, to int) float64 {
	w := 0.0
	for c := from; c <= to; c++ {
		w += l.widths[c]
	}
	return w
}

type returnStyles struct {
	code, codeNote, party, title, year, measure int
	head, numbering                             int
	total, heading, item, sub, ofWhich          int
	codeCell, unitCell, num, numBold, emptyCell int
	footDate, footRole, footNote, footName      int
}

// memoStyler creates each distinct style once. Several roles of a return
// share a look (a code cell and a unit cell, an empty cell and an item);
// excelize would return the existing ID for a repeated style too, but only
// after comparing it with every style so far, which is most of what a style
// costs.
type memoStyler struct {
	styler
	ids map[cellStyle]int
}

func (s *memoStyler) add(c cellStyle) int {
	if id, ok := s.ids[c]; ok {
		return id
	}
	id := s.styler.add(c.style())
	s.ids[c] = id
	return id
}

func newReturnStyles(f *excelize.File) (returnStyles, error) {
	s := memoStyler{styler: styler{f: f}, ids: map[cellStyle]int{}}
	const sz = 11
	body := cellStyle{size: sz, border: true, wrap: true, hAlign: "left"}
	mod := func(c cellStyle, edit func(*cellStyle)) cellStyle { edit(&c); return c }
	st := returnStyles{
		code:      s.add(cellStyle{size: 12, bold: true, hAlign: "left"}),
		codeNote:  s.add(cellStyle{size: sz, italic: true, hAlign: "left", wrap: true}),
		party:     s.add(cellStyle{size: sz, hAlign: "left", wrap: true}),
		title:     s.add(cellStyle{size: 13, bold: true, hAlign: "center", wrap: true}),
		year:      s.add(cellStyle{size: 12, italic: true, hAlign: "center"}),
		measure:   s.add(cellStyle{size: sz, italic: true, hAlign: "right"}),
		head:      s.add(cellStyle{size: sz, bold: true, border: true, wrap: true, hAlign: "center", fill: "DDEBF7"}),
		numbering: s.add(cellStyle{size: sz, italic: true, border: true, hAlign: "center"}),
		total:     s.add(mod(body, func(c *cellStyle) { c.bold = true; c.hAlign = "center" })),
		heading:   s.add(mod(body, func(c *cellStyle) { c.bold = true })),
		item:      s.add(body),
		sub:       s.add(mod(body, func(c *cellStyle) { c.indent = 1 })),
		ofWhich:   s.add(mod(body, func(c *cellStyle) { c.italic = true; c.indent = 2 })),
		codeCell:  s.add(mod(body, func(c *cellStyle) { c.hAlign = "center" })),
		unitCell:  s.add(mod(body, func(c *cellStyle) { c.hAlign = "center" })),
		num:       s.add(mod(body, func(c *cellStyle) { c.hAlign = "right"; c.wrap = false; c.numFmt = fmtInt })),
		numBold: s.add(mod(body, func(c *cellStyle) {
			c.hAlign = "right"
			c.wrap = false
			c.bold = true
			c.numFmt = fmtInt
		})),
		emptyCell: s.add(body),
		footDate:  s.add(cellStyle{size: 12, italic: true, hAlign: "center"}),
		footRole:  s.add(cellStyle{size: 12, bold: true, hAlign: "center"}),
		footNote:  s.add(cellStyle{size: sz, italic: true, hAlign: "center"}),
		footName:  s.add(cellStyle{size: 12, bold: true, hAlign: "center"}),
	}
	return st, s.err
}

// renderReturn places the cells, merges and row heights of a return on g
// and returns the first and last rows the print titles repeat.
func renderReturn(s *returnGrid, st returnStyles, l returnLayout, h ReturnHeader, t *Table) (top, numbering int) {
	line := lineHeight(11)

	// Rows 1–3: form code, circular and deadline on the left, the parties
	// on the right, as on the printed form.
	left := l.rightStart - 1
	leftTexts := []string{"Biểu số: " + t.Form + "/BNV-TĐKT", Circular, dueLine}
	rightTexts := []string{"Đơn vị báo cáo: " + tdkt.NFC(h.Reporter),
		"Đơn vị nhận báo cáo: " + tdkt.NFC(h.Receiver), ""}
	for i := range leftTexts {
		r, style := i+1, st.codeNote
		if i == 0 {
			style = st.code
		}
		s.span(1, r, left, r, leftTexts[i], style)
		if rightTexts[i] != "" {
			s.span(l.rightStart, r, l.last, r, rightTexts[i], st.party)
		}
		lines := max(wrappedLines(leftTexts[i], l.span(1, left)),
			wrappedLines(rightTexts[i], l.span(l.rightStart, l.last)))
		s.height(r, float64(lines)*line)
	}

	// Rows 5–7: title, period, unit.
	s.span(1, 5, l.last, 5, t.Title, st.title)
	s.height(5, float64(wrappedLines(t.Title, l.span(1, l.last)*0.85))*lineHeight(13))
	year := "Năm ……"
	if h.Year > 0 {
		year = "Năm " + strconv.Itoa(h.Year)
	}
	s.span(1, 6, l.last, 6, year, st.year)
	if t.Measure != "" {
		s.span(1, 7, l.last, 7, "Đơn vị tính: "+t.Measure, st.measure)
	}

	// The header: fixed columns merged down, "Chia ra" across the parts,
	// group labels, and the Tập thể / Cá nhân split where there is one.
	top = ReturnHeaderRow
	depth := 2
	for _, g := range t.Groups {
		if g.Subs != nil {
			depth = 3
		}
	}
	bottom := top + depth - 1
	s.span(l.label, top, l.label, bottom, "", st.head)
	s.span(l.code, top, l.code, bottom, "Mã số", st.head)
	if l.unit != 0 {
		s.span(l.unit, top, l.unit, bottom, "Đơn vị tính", st.head)
	}
	s.span(l.first, top, l.first, bottom, t.Groups[0].Label, st.head)
	s.span(l.first+1, top, l.last, top, t.Parts, st.head)
	col := l.first + 1
	// Heights: the parts row, the group row and (for split forms) the
	// Tập thể / Cá nhân row. A single group spans the group and sub rows, so
	// what does not fit in the sub row's one line goes to the group row.
	groupHeight := line
	numbering = top + depth
	s.set(l.label, numbering, "A", st.numbering)
	s.set(l.code, numbering, "B", st.numbering)
	if l.unit != 0 {
		s.set(l.unit, numbering, "C", st.numbering)
	}
	s.set(l.first, numbering, t.Groups[0].Number, st.numbering)
	for _, g := range t.Groups[1:] {
		width := max(1, len(g.Subs))
		end := col + width - 1
		n := wrappedLines(g.Label, boldWidth(l.span(col, end)))
		need := float64(n) * line
		if g.Subs == nil {
			s.span(col, top+1, col, bottom, g.Label, st.head)
			if depth == 3 {
				need -= line // the sub row below takes one line
			}
		} else {
			s.span(col, top+1, end, top+1, g.Label, st.head)
			for i, sub := range g.Subs {
				s.set(col+i, bottom, sub, st.head)
			}
		}
		groupHeight = max(groupHeight, need)
		s.span(col, numbering, end, numbering, g.Number, st.numbering)
		col = end + 1
	}
	s.height(top, float64(wrappedLines(t.Parts, boldWidth(l.span(l.first+1, l.last))))*line+4)
	s.height(top+1, groupHeight+4)

	// The lines.
	row := numbering
	for _, ln := range t.Rows {
		row++
		labelStyle := map[LineStyle]int{LineTotal: st.total, LineHeading: st.heading,
			LineItem: st.item, LineSub: st.sub, LineOfWhich: st.ofWhich}[ln.Style]
		s.set(l.label, row, ln.Label, labelStyle)
		s.set(l.code, row, ln.Code, st.codeCell)
		if l.unit != 0 {
			s.set(l.unit, row, ln.Unit, st.unitCell)
		}
		for i := range t.Cols {
			if ln.Values == nil {
				s.set(l.first+i, row, nil, st.emptyCell)
				continue
			}
			style := st.num
			if ln.Style == LineTotal {
				style = st.numBold
			}
			s.set(l.first+i, row, ln.Values[i], style)
		}
		labelWidth := l.widths[l.label] - float64(2*indentOf(ln.Style))
		if ln.Style == LineTotal || ln.Style == LineHeading {
			labelWidth = boldWidth(labelWidth)
		}
		n := wrappedLines(ln.Label, labelWidth)
		if l.unit != 0 {
			n = max(n, wrappedLines(ln.Unit, l.widths[l.unit]))
		}
		if n > 1 {
			s.height(row, float64(n)*line)
		}
	}

	// Signature block: the preparer on the left, the head of the unit on
	// the right, under the place-and-date line.
	r := row + 2
	s.span(l.rightStart, r, l.last, r, dateLine(h.Place, h.Made), st.footDate)
	s.span(1, r+1, l.code, r+1, "NGƯỜI LẬP BIỂU", st.footRole)
	s.span(l.rightStart, r+1, l.last, r+1, "THỦ TRƯỞNG ĐƠN VỊ", st.footRole)
	s.span(1, r+2, l.code, r+2, "(Ký, họ tên)", st.footNote)
	s.span(l.rightStart, r+2, l.last, r+2, "(Ký, họ tên, đóng dấu)", st.footNote)
	s.span(1, r+5, l.code, r+5, tdkt.NFC(h.Preparer), st.footName)
	s.span(l.rightStart, r+5, l.last, r+5, tdkt.NFC(h.Signer), st.footName)
	return top, numbering
}

// indentOf is the indent level the label style prints with.
func indentOf(s LineStyle) int {
	switch s {
	case LineSub:
		return 1
	case LineOfWhich:
		return 2
	}
	return 0
}

// returnGrid is a return sheet laid out in memory before it is streamed:
// the cells by row and column, the merged blocks and the row heights. Its
// set, span and height mean what the sheet type's do. A cell with neither
// a value nor a style is no cell at all, as with the ordinary API.
type returnGrid struct {
	cols    int
	rows    [][]excelize.Cell // by row - 1, then column - 1; nil: no cells
	heights []float64         // by row - 1; 0: the default height
	merges  [][2]string
}

func newReturnGrid(cols int) *returnGrid { return &returnGrid{cols: cols} }

// grow makes room for row.
func (g *returnGrid) grow(row int) {
	for len(g.rows) < row {
		g.rows = append(g.rows, nil)
		g.heights = append(g.heights, 0)
	}
}

// set writes v (a string, an int, or nil to leave the value alone) with a
// style (0 to leave the style alone). Strings are normalised to NFC.
func (g *returnGrid) set(col, row int, v any, style int) {
	if v == nil && style == 0 {
		return
	}
	g.grow(row)
	if g.rows[row-1] == nil {
		g.rows[row-1] = make([]excelize.Cell, g.cols)
	}
	c := &g.rows[row-1][col-1]
	if str, ok := v.(string); ok {
		v = nfc(str)
	}
	if v != nil {
		c.Value = v
	}
	if style != 0 {
		c.StyleID = style
	}
}

// span writes text into a merged block and styles every cell of it, so
// that borders run round the whole block.
func (g *returnGrid) span(col1, row1, col2, row2 int, v any, style int) {
	g.set(col1, row1, v, 0)
	a, b := cellName(col1, row1), cellName(col2, row2)
	if a != b {
		g.merges = append(g.merges, [2]string{a, b})
	}
	if style == 0 {
		return
	}
	for r := row1; r <= row2; r++ {
		for c := col1; c <= col2; c++ {
			g.set(c, r, nil, style)
		}
	}
}

func (g *returnGrid) height(row int, h float64) {
	g.grow(row)
	g.heights[row-1] = h
}

// stream writes the grid's rows in order, then its merges, and ends the
// stream.
func (g *returnGrid) stream(sw *excelize.StreamWriter) error {
	vals := make([]any, g.cols)
	for i, cells := range g.rows {
		ht := g.heights[i]
		if cells == nil && ht == 0 {
			continue // an empty row, which the ordinary API leaves out too
		}
		for c := range vals {
			vals[c] = nil // a nil value is no cell at all
			if cells != nil && (cells[c].StyleID != 0 || cells[c].Value != nil) {
				vals[c] = &cells[c]
			}
		}
		var opts []excelize.RowOpts
		if ht > 0 {
			opts = append(opts, excelize.RowOpts{Height: ht})
		}
		if err := sw.SetRow(cellName(1, i+1), vals, opts...); err != nil {
			return fmt.Errorf("ghi dòng %d: %w", i+1, err)
		}
	}
	for _, m := range g.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return fmt.Errorf("gộp ô %s:%s: %w", m[0], m[1], err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("kết thúc luồng ghi: %w", err)
	}
	return nil
}
