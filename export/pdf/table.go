package pdf

// column is one column of a ruled table.
type column struct {
	title string
	w     float64 // mm
	align align   // of the body cells; titles are centred
}

// cell is one cell of a row; span > 1 merges it with the cells to its right.
type cell struct {
	text  string
	style string
	align align
	span  int
}

// table draws ruled tables that break across pages with the header row
// repeated on each page, rows growing with their wrapped text.
type table struct {
	d        *doc
	x        float64
	cols     []column
	size     float64 // body font size
	headSize float64
	padX     float64
	padY     float64
}

// newTable starts a table at the left margin.
func (d *doc) newTable(cols []column, size float64) *table {
	return &table{d: d, x: d.left, cols: cols, size: size, headSize: size - 1, padX: 1.2, padY: 1}
}

// laidCell is a cell measured for drawing.
type laidCell struct {
	cell
	x, w  float64
	lines []line
}

// measure wraps the cells and returns them with the row height.
func (t *table) measure(cs []cell, size float64) ([]laidCell, float64) {
	out := make([]laidCell, 0, len(cs))
	x, col, rows := t.x, 0, 1
	for _, c := range cs {
		span := max(c.span, 1)
		w := 0.0
		for i := col; i < col+span && i < len(t.cols); i++ {
			w += t.cols[i].w
		}
		col += span
		t.d.font(c.style, size)
		lines := t.d.wrapLines(c.text, w-2*t.padX)
		rows = max(rows, len(lines))
		out = append(out, laidCell{cell: c, x: x, w: w, lines: lines})
		x += w
	}
	return out, float64(rows)*lineH(size) + 2*t.padY
}

// draw rules the cells of one row at the cursor and writes their text,
// centred vertically.
func (t *table) draw(cs []laidCell, h, size float64) {
	d := t.d
	d.pdf.SetLineWidth(0.2)
	for _, c := range cs {
		d.pdf.Rect(c.x, d.y, c.w, h, "D")
		d.font(c.style, size)
		top := d.y + (h-float64(len(c.lines))*lineH(size))/2
		d.blockLines(c.x+t.padX, c.w-2*t.padX, top, c.lines, c.align, size)
	}
	d.y += h
}

// header draws the column titles at the cursor.
func (t *table) header() {
	cs := make([]cell, len(t.cols))
	for i, c := range t.cols {
		cs[i] = cell{text: c.title, style: "B", align: alignCenter}
	}
	laid, h := t.measure(cs, t.headSize)
	t.draw(laid, h, t.headSize)
}

// begin draws the header, keeping it on the same page as at least the first
// row, and arranges for it to be repeated after every page break.
func (t *table) begin() {
	cs := make([]cell, len(t.cols))
	for i, c := range t.cols {
		cs[i] = cell{text: c.title, style: "B"}
	}
	_, h := t.measure(cs, t.headSize)
	t.d.y += 1
	t.d.ensure(h + 2*lineH(t.size) + 2*t.padY)
	t.header()
	t.d.onNewPage = t.header
}

// end stops repeating the header.
func (t *table) end() { t.d.onNewPage = nil }

// row draws a body row with the columns' alignments, breaking the page
// first when it does not fit. It returns the row's top and height.
func (t *table) row(style string, texts ...string) (float64, float64) {
	return t.cells(t.bodyCells(style, texts...))
}

// bodyCells gives texts the columns' alignments.
func (t *table) bodyCells(style string, texts ...string) []cell {
	cs := make([]cell, len(texts))
	for i, s := range texts {
		a := alignLeft
		if i < len(t.cols) {
			a = t.cols[i].align
		}
		cs[i] = cell{text: s, style: style, align: a}
	}
	return cs
}

// cells draws a row of explicit cells; see row.
func (t *table) cells(cs []cell) (float64, float64) { return t.keep(cs, 0) }

// keep draws a row like cells but moves it to the next page unless extra
// millimetres fit below it too, so that the last row goes with the total.
func (t *table) keep(cs []cell, extra float64) (float64, float64) {
	laid, h := t.measure(cs, t.size)
	t.d.ensure(h + extra)
	top := t.d.y
	t.draw(laid, h, t.size)
	return top, h
}

// width is the table's total width.
func (t *table) width() float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.w
	}
	return w
}

// fitColumns stretches the column marked flexible so that the table spans w.
func fitColumns(cols []column, flex int, w float64) []column {
	sum := 0.0
	for i, c := range cols {
		if i != flex {
			sum += c.w
		}
	}
	out := append([]column(nil), cols...)
	out[flex].w = w - sum
	return out
}
