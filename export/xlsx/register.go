package xlsx

import (
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// RegisterRow is one line of the award register: the award, the catalogue
// name of its item and the name of the unit the recipient belongs to today
// (after the 2025 mergers), which the caller resolves with
// tdkt.CurrentUnit.
type RegisterRow struct {
	Award     *tdkt.Award
	AwardName string
	Unit      string // current unit name
}

// Header is the heading of a register.
type Header struct {
	Office string // e.g. ỦY BAN NHÂN DÂN TỈNH SƠN LÂM
	Title  string // empty for "SỔ THEO DÕI KHEN THƯỞNG"
	From   int    // first year covered, 0 if open
	To     int    // last year covered, 0 if open
	Made   tdkt.Date
}

// RegisterSheet is the name of the register's worksheet.
const RegisterSheet = "Sổ khen thưởng"

// Layout of the register sheet: four title rows, the column header on
// row 5, data from row 6. Tests and callers that post-process the file use
// these instead of guessing.
const (
	RegisterHeaderRow = 5
	RegisterFirstRow  = RegisterHeaderRow + 1
)

// registerCol describes one column of the register.
type registerCol struct {
	title string
	width float64
	wrap  bool // long text: the row height follows it
}

var registerCols = []registerCol{
	{"STT", 6, false},
	{"Số vào sổ", 13, false},
	{"Họ và tên / Tên tập thể", 26, true},
	{"Chức vụ, đơn vị", 34, true},
	{"Cá nhân/ Tập thể", 10, false},
	{"Hình thức khen thưởng", 28, true},
	{"Năm thành tích", 9, false},
	{"Số quyết định", 14, false},
	{"Ngày quyết định", 12, false},
	{"Người ký", 18, true},
	{"Tiền thưởng (đồng)", 14, false},
	{"Đã in bằng", 8, false},
}

// Column numbers (1-based) the code refers to by meaning.
const (
	rcNo = iota + 1
	rcNumber
	rcName
	rcPosition
	rcSubject
	rcAward
	rcYear
	rcDecision
	rcDate
	rcSigner
	rcBonus
	rcPrinted
)

const registerFont = 11

// Register writes the award register as a workbook to w. It iterates rows
// once and streams them to disk through excelize's StreamWriter, so a
// register of several hundred thousand awards never sits in memory as a
// sheet; only the compressed file is assembled in memory at the end. If
// rows yields an error, nothing is written to w. rows is iterated on a
// goroutine of Register's own, a few hundred lines ahead of the writing,
// and is over when Register returns.
//
// The sheet has a frozen header, an autofilter over the data, A4 landscape
// printing one page wide with the header repeated, and a total row that
// counts the awards and sums the bonuses (formulas with cached values, so
// the totals are right even before a spreadsheet recalculates).
func Register(w io.Writer, h Header, rows iter.Seq2[RegisterRow, error]) error {
	if h.From != 0 && h.To != 0 && h.From > h.To {
		return fmt.Errorf("sổ khen thưởng: năm bắt đầu %d sau năm kết thúc %d", h.From, h.To)
	}
	f, err := newBook(RegisterSheet)
	if err != nil {
		return err
	}
	if err := writeRegister(f, h, rows); err != nil {
		f.Close()
		return fmt.Errorf("sổ khen thưởng: %w", err)
	}
	return save(f, w)
}

// registerStyles are the cell styles of the register.
type registerStyles struct {
	office, title, period, made   int
	header                        int
	text, wrap, center, num, date int
	totalLabel, totalCount        int
	totalNum, totalText           int
}

func newRegisterStyles(f *excelize.File) (registerStyles, error) {
	s := styler{f: f}
	const sz = registerFont
	cell := cellStyle{size: sz, border: true}
	with := func(c cellStyle, edit func(*cellStyle)) *excelize.Style { edit(&c); return c.style() }
	st := registerStyles{
		office: s.add(cellStyle{size: 12, bold: true, hAlign: "center"}.style()),
		title:  s.add(cellStyle{size: 14, bold: true, hAlign: "center"}.style()),
		period: s.add(cellStyle{size: 12, italic: true, hAlign: "center"}.style()),
		made:   s.add(cellStyle{size: sz, italic: true, hAlign: "right"}.style()),
		header: s.add(cellStyle{size: sz, bold: true, border: true, fill: "DDEBF7",
			hAlign: "center", wrap: true}.style()),
		text:       s.add(with(cell, func(c *cellStyle) { c.hAlign = "left" })),
		wrap:       s.add(with(cell, func(c *cellStyle) { c.hAlign = "left"; c.wrap = true })),
		center:     s.add(with(cell, func(c *cellStyle) { c.hAlign = "center" })),
		num:        s.add(with(cell, func(c *cellStyle) { c.hAlign = "right"; c.numFmt = fmtInt })),
		date:       s.add(with(cell, func(c *cellStyle) { c.hAlign = "center"; c.numFmt = fmtDate })),
		totalLabel: s.add(with(cell, func(c *cellStyle) { c.bold = true; c.hAlign = "center" })),
		// The count reads "3 khen thưởng" but stays a number.
		totalCount: s.add(with(cell, func(c *cellStyle) {
			c.bold = true
			c.hAlign = "left"
			c.numFmt = `#,##0" khen thưởng"`
		})),
		totalNum: s.add(with(cell, func(c *cellStyle) {
			c.bold = true
			c.hAlign = "right"
			c.numFmt = fmtInt
		})),
		totalText: s.add(with(cell, func(c *cellStyle) { c.bold = true; c.hAlign = "left" })),
	}
	return st, s.err
}

// registerSheetRows is how many award lines one sheet holds. A sheet ends
// at 1,048,576 rows (Excel's limit, which excelize enforces); the register
// of a large province over 20 years has more awards than that, so it goes
// on over further sheets, each with its own titles, header and sheet total.
const registerSheetRows = 1_000_000

func writeRegister(f *excelize.File, h Header, rows iter.Seq2[RegisterRow, error]) error {
	return writeRegisterSheets(f, h, rows, registerSheetRows)
}

// registerWriter streams the register onto as many sheets as it needs.
type registerWriter struct {
	f        *excelize.File
	h        Header
	st       registerStyles
	perSheet int

	sheets []string
	sw     *excelize.StreamWriter
	row    int   // last row written on the current sheet
	n      int   // lines written on every sheet so far (STT)
	total  int64 // bonuses of every sheet so far
	sheetN int   // lines on the current sheet
	sheetT int64 // bonuses on the current sheet
}

// registerSheetName is the name of the i-th (0-based) register sheet.
func registerSheetName(i int) string {
	if i == 0 {
		return RegisterSheet
	}
	return fmt.Sprintf("%s (%d)", RegisterSheet, i+1)
}

func writeRegisterSheets(f *excelize.File, h Header, rows iter.Seq2[RegisterRow, error], perSheet int) error {
	st, err := newRegisterStyles(f)
	if err != nil {
		return err
	}
	r := &registerWriter{f: f, h: h, st: st, perSheet: perSheet}
	if err := r.open(); err != nil {
		return err
	}
	last := len(registerCols)

	// Data rows. The cells are prepared (normalised, measured for their
	// height) in a goroutine a few batches ahead of the stream writer, the
	// slowest stage: on two cores that work, and whatever rows costs to
	// produce, overlaps the writing. vals is reused for every row: the
	// stream writer copies the values out during SetRow, and pointers to
	// the prepared Cells avoid an allocation per cell.
	vals := make([]any, last)
	batches := make(chan registerBatch, 4)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(batches)
		prepareRegister(rows, st, batches, stop)
	}()
	// However the writing ends, the preparing goroutine (and with it the
	// iteration of rows) is over before Register returns.
	defer func() {
		close(stop)
		<-done
	}()
	for b := range batches {
		for i := range b.rows {
			if r.sheetN == r.perSheet {
				if err := r.close(false); err != nil {
					return err
				}
				if err := r.open(); err != nil {
					return err
				}
			}
			r.row++
			r.n++
			r.sheetN++
			cells := b.cells[i*last : (i+1)*last]
			cells[rcNo-1] = excelize.Cell{StyleID: st.center, Value: r.n}
			for j := range cells {
				vals[j] = &cells[j]
			}
			r.total += b.rows[i].bonus
			r.sheetT += b.rows[i].bonus
			var opts []excelize.RowOpts
			if l := b.rows[i].lines; l > 1 {
				opts = append(opts, excelize.RowOpts{Height: float64(l) * lineHeight(registerFont)})
			}
			if err := r.sw.SetRow(cellName(1, r.row), vals, opts...); err != nil {
				return fmt.Errorf("ghi dòng %d: %w", r.n, err)
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return r.close(true)
}

// open starts the next sheet: print settings, column widths, frozen panes,
// the title rows and the column header.
func (r *registerWriter) open() error {
	name := registerSheetName(len(r.sheets))
	if len(r.sheets) > 0 {
		if _, err := r.f.NewSheet(name); err != nil {
			return fmt.Errorf("thêm tờ %s: %w", name, err)
		}
	}
	r.sheets = append(r.sheets, name)
	r.row, r.sheetN, r.sheetT = RegisterHeaderRow, 0, 0
	st, last := r.st, len(registerCols)
	// Print settings, panes and column widths must all be in place before
	// the first row is streamed (see DESIGN.md: after Flush they are lost,
	// and the stream writes <cols> and <sheetViews> with the first row).
	if err := pageSetup(r.f, name, 0, RegisterHeaderRow, RegisterHeaderRow); err != nil {
		return err
	}
	sw, err := r.f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("mở luồng ghi: %w", err)
	}
	r.sw = sw
	for i, c := range registerCols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("đặt độ rộng cột: %w", err)
		}
	}
	// Freeze the header and the identifying columns (STT, số vào sổ, name)
	// so a wide register scrolls without losing who a line is about.
	topLeft := cellName(rcPosition, RegisterFirstRow)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: rcName, YSplit: RegisterHeaderRow,
		TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}},
	}); err != nil {
		return fmt.Errorf("cố định dòng tiêu đề: %w", err)
	}

	// Title rows.
	title := r.h.Title
	if strings.TrimSpace(title) == "" {
		title = "Sổ theo dõi khen thưởng"
	}
	per := period(r.h.From, r.h.To)
	if len(r.sheets) > 1 {
		per += fmt.Sprintf(" – tờ %d (tiếp theo)", len(r.sheets))
	}
	heading := []struct {
		row   int
		from  int
		to    int
		text  string
		style int
	}{
		{1, 1, rcAward - 2, tdkt.UpperVN(nfc(r.h.Office)), st.office},
		{2, 1, last, tdkt.UpperVN(nfc(title)), st.title},
		{3, 1, last, per, st.period},
		{4, 1, last, madeLine(r.h.Made), st.made},
	}
	for _, t := range heading {
		if err := sw.SetRow(cellName(1, t.row), []any{excelize.Cell{StyleID: t.style, Value: t.text}},
			excelize.RowOpts{Height: lineHeight(14)}); err != nil {
			return fmt.Errorf("ghi tiêu đề: %w", err)
		}
		if err := sw.MergeCell(cellName(t.from, t.row), cellName(t.to, t.row)); err != nil {
			return fmt.Errorf("gộp ô tiêu đề: %w", err)
		}
	}
	header := make([]any, last)
	headerLines := 1
	for i, c := range registerCols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.title}
		headerLines = max(headerLines, wrappedLines(c.title, boldWidth(c.width)))
	}
	if err := sw.SetRow(cellName(1, RegisterHeaderRow), header,
		excelize.RowOpts{Height: float64(headerLines) * lineHeight(registerFont)}); err != nil {
		return fmt.Errorf("ghi dòng tiêu đề cột: %w", err)
	}
	return nil
}

// close ends the current sheet with its total row and autofilter. A
// register on one sheet has one "Tổng cộng" row, with formulas; on several
// sheets each has its own "Cộng tờ N", and the last also a grand total of
// every sheet (values: a formula across sheets would break when a sheet is
// renamed).
func (r *registerWriter) close(final bool) error {
	st, sw, last := r.st, r.sw, len(registerCols)
	lastData := r.row
	count := r.sheetN
	many := len(r.sheets) > 1 || !final

	// The total row sits below the filtered range so that sorting or
	// filtering the list never moves it.
	totalRow := lastData + 1
	countCell := excelize.Cell{StyleID: st.totalCount, Value: count}
	sumCell := excelize.Cell{StyleID: st.totalNum, Value: r.sheetT}
	if count > 0 {
		countCell.Formula = fmt.Sprintf("COUNT(%s:%s)", cellName(rcNo, RegisterFirstRow), cellName(rcNo, lastData))
		sumCell.Formula = fmt.Sprintf("SUM(%s:%s)", cellName(rcBonus, RegisterFirstRow), cellName(rcBonus, lastData))
	}
	label := "Tổng cộng"
	if many {
		label = fmt.Sprintf("Cộng tờ %d", len(r.sheets))
	}
	write := func(row int, label string, countCell, sumCell excelize.Cell) error {
		totals := make([]any, last)
		for i := range totals {
			totals[i] = excelize.Cell{StyleID: st.totalText}
		}
		totals[rcNo-1] = excelize.Cell{StyleID: st.totalLabel, Value: label}
		totals[rcName-1] = countCell
		totals[rcBonus-1] = sumCell
		if err := sw.SetRow(cellName(1, row), totals); err != nil {
			return fmt.Errorf("ghi dòng tổng cộng: %w", err)
		}
		if err := sw.MergeCell(cellName(rcNo, row), cellName(rcNumber, row)); err != nil {
			return fmt.Errorf("gộp ô tổng cộng: %w", err)
		}
		return nil
	}
	if err := write(totalRow, label, countCell, sumCell); err != nil {
		return err
	}
	if final && many {
		grand := fmt.Sprintf("Tổng cộng (%d tờ)", len(r.sheets))
		if err := write(totalRow+1, grand,
			excelize.Cell{StyleID: st.totalCount, Value: r.n},
			excelize.Cell{StyleID: st.totalNum, Value: r.total}); err != nil {
			return err
		}
	}

	// The autofilter range depends on the number of rows, known only now.
	// AutoFilter edits the worksheet model the stream writer serialises at
	// Flush; it must not run before NewStreamWriter, because it replaces
	// the sheet properties and would drop fitToPage.
	name := r.sheets[len(r.sheets)-1]
	ref := cellName(1, RegisterHeaderRow) + ":" + cellName(last, lastData)
	if err := r.f.AutoFilter(name, ref, nil); err != nil {
		return fmt.Errorf("đặt bộ lọc: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("kết thúc luồng ghi: %w", err)
	}
	return nil
}

// registerBatch is a run of prepared register lines: registerCols cells
// per line, all but the number (STT), which the writer fills in; and the
// error that ended the rows, if any.
type registerBatch struct {
	cells []excelize.Cell
	rows  []preparedLine
	err   error
}

type preparedLine struct {
	bonus int64
	lines int // text lines of the tallest wrapped cell
}

// registerBatchRows is the number of lines prepared per batch.
const registerBatchRows = 256

// prepareRegister turns rows into batches of cells until rows ends, fails
// (the error is sent as the last batch's err) or stop closes.
func prepareRegister(rows iter.Seq2[RegisterRow, error], st registerStyles, out chan<- registerBatch, stop <-chan struct{}) {
	last := len(registerCols)
	send := func(b registerBatch) bool {
		select {
		case out <- b:
			return true
		case <-stop:
			return false
		}
	}
	newBatch := func() registerBatch {
		return registerBatch{cells: make([]excelize.Cell, 0, registerBatchRows*last),
			rows: make([]preparedLine, 0, registerBatchRows)}
	}
	b := newBatch()
	n := 0 // lines so far, for the messages
	for r, err := range rows {
		n++
		if err == nil && r.Award == nil {
			err = fmt.Errorf("dòng %d không có khen thưởng", n)
		} else if err != nil {
			err = fmt.Errorf("đọc dòng %d: %w", n, err)
		}
		if err != nil {
			b.err = err
			send(b)
			return
		}
		a := r.Award
		award := nfc(r.AwardName)
		if award == "" {
			award = a.AwardCode
		}
		if a.CorrectedBy != "" {
			award += " (đã sửa: " + nfc(a.CorrectedBy) + ")"
		}
		if a.Revoked {
			if a.RevokedBy != "" {
				award += " (đã hủy bỏ: " + nfc(a.RevokedBy) + ")"
			} else {
				award += " (đã hủy bỏ)"
			}
		}
		b.cells = append(b.cells,
			excelize.Cell{}, // STT: numbered by the writer
			excelize.Cell{StyleID: st.center, Value: nfc(a.Number)},
			excelize.Cell{StyleID: st.wrap, Value: nfc(a.Name)},
			excelize.Cell{StyleID: st.wrap, Value: positionUnit(a.Position, r.Unit)},
			excelize.Cell{StyleID: st.center, Value: subjectLabel(a.Subject)},
			excelize.Cell{StyleID: st.wrap, Value: award},
			yearCell(a.Year, st.center),
			excelize.Cell{StyleID: st.center, Value: nfc(a.DecisionNo)},
			dateCell(a.DecisionDate, st.date),
			excelize.Cell{StyleID: st.wrap, Value: nfc(a.Signer)},
			excelize.Cell{StyleID: st.num, Value: a.Bonus},
			excelize.Cell{StyleID: st.center, Value: yesNo(a.CertPrinted)},
		)
		cells := b.cells[len(b.cells)-last:]
		lines := 1
		for _, c := range []int{rcName, rcPosition, rcAward, rcSigner} {
			if s, _ := cells[c-1].Value.(string); s != "" {
				lines = max(lines, wrappedLines(s, registerCols[c-1].width))
			}
		}
		b.rows = append(b.rows, preparedLine{bonus: a.Bonus, lines: lines})
		if len(b.rows) == registerBatchRows {
			if !send(b) {
				return
			}
			b = newBatch()
		}
	}
	if len(b.rows) > 0 {
		send(b)
	}
}

// period is the line under the title: "Năm 2025", "Từ năm 2020 đến năm
// 2025", or empty when no years are given.
func period(from, to int) string {
	switch {
	case from == 0 && to == 0:
		return ""
	case from == to:
		return "Năm " + strconv.Itoa(from)
	case to == 0:
		return "Từ năm " + strconv.Itoa(from)
	case from == 0:
		return "Đến năm " + strconv.Itoa(to)
	}
	return "Từ năm " + strconv.Itoa(from) + " đến năm " + strconv.Itoa(to)
}

func madeLine(d tdkt.Date) string {
	if d.IsZero() {
		return ""
	}
	return "Ngày lập sổ: " + tdkt.DateShort(d.Time())
}

// positionUnit fills the "Chức vụ, đơn vị" column. Award.Position is the
// text of the decision's list ("Giáo viên Trường THCS A"); unit is the
// recipient's unit as it is called today. The unit is appended unless the
// position already names it, so a merged unit shows both the old wording
// and the unit that answers for the award now.
func positionUnit(position, unit string) string {
	position, unit = nfc(position), nfc(unit)
	switch {
	case unit == "":
		return position
	case position == "":
		return unit
	// Case-insensitive but not accent-insensitive: both texts come from
	// the store in NFC, and tdkt.Fold would cost more than the rest of the
	// row. Lower-casing maps rune by rune, so an exact match is also a
	// case-insensitive one: the common case skips both copies.
	case strings.Contains(position, unit),
		strings.Contains(strings.ToLower(position), strings.ToLower(unit)):
		return position
	}
	return position + ", " + unit
}

func subjectLabel(s tdkt.Subject) string {
	switch s {
	case tdkt.SubjectPerson:
		return "Cá nhân"
	case tdkt.SubjectCollective:
		return "Tập thể"
	case tdkt.SubjectFamily:
		return "Hộ gia đình"
	}
	return string(s)
}

func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

// yearCell writes a year as a number, or leaves the cell empty (but
// bordered) when it is unknown rather than printing 0.
func yearCell(y, style int) excelize.Cell {
	if y == 0 {
		return excelize.Cell{StyleID: style}
	}
	return excelize.Cell{StyleID: style, Value: y}
}

// dateCell writes a real Excel date (a serial number with a date format)
// so that the column sorts and filters by date.
func dateCell(d tdkt.Date, style int) excelize.Cell {
	if d.IsZero() {
		return excelize.Cell{StyleID: style}
	}
	return excelize.Cell{StyleID: style, Value: d.Time()}
}
