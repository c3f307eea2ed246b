package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// DossiersSheet is the worksheet name of a dossier list.
const DossiersSheet = "Hồ sơ"

// Layout of the dossier list: title rows, the header on row 5, one row per
// dossier from row 6, then the total.
const (
	DossiersHeaderRow = 5
	DossiersFirstRow  = DossiersHeaderRow + 1
)

// DossierLine is one dossier of the list, as the window shows it.
type DossierLine struct {
	Ref, Title, Unit   string
	Year, Candidates   int
	Awards             string // the awards proposed, short names
	Status             string // the status as the window words it
	Received, Deadline tdkt.Date
}

// DossierList is what heads a dossier list: the office, the filters the
// list was made with ("Năm 2026; trạng thái: Đang thẩm định") and the day.
type DossierList struct {
	Office, Filters string
	Made            tdkt.Date
}

var dossierCols = []registerCol{
	{"STT", 6, false},
	{"Số tờ trình", 16, true},
	{"Trích yếu", 48, true},
	{"Đơn vị trình", 30, true},
	{"Năm thành tích", 10, false},
	{"Số đề nghị", 10, false},
	{"Hình thức đề nghị", 26, true},
	{"Trạng thái", 22, true},
	{"Ngày tiếp nhận", 13, false},
	{"Hạn xử lý", 13, false},
}

// Column numbers of the dossier list.
const (
	dcNo = iota + 1
	dcRef
	dcTitle
	dcUnit
	dcYear
	dcCandidates
	dcAwards
	dcStatus
	dcReceived
	dcDeadline
)

const dossierFont = 12

// Dossiers writes a list of dossiers to w, streamed: a province lists
// twenty years of them. The total row counts the dossiers and adds up
// the candidates they propose.
func Dossiers(w io.Writer, h DossierList, lines []DossierLine) error {
	f, err := newBook(DossiersSheet)
	if err != nil {
		return err
	}
	if err := writeDossiers(f, h, lines); err != nil {
		f.Close()
		return fmt.Errorf("danh sách hồ sơ: %w", err)
	}
	return save(f, w)
}

func writeDossiers(f *excelize.File, h DossierList, lines []DossierLine) error {
	sc := styler{f: f}
	body := cellStyle{size: dossierFont, border: true}
	mod := func(c cellStyle, edit func(*cellStyle)) *excelize.Style { edit(&c); return c.style() }
	var (
		stOffice = sc.add(cellStyle{size: 13, bold: true, hAlign: "left"}.style())
		stTitle  = sc.add(cellStyle{size: 14, bold: true, hAlign: "center"}.style())
		stInfo   = sc.add(cellStyle{size: dossierFont, italic: true, hAlign: "center", wrap: true}.style())
		stHead   = sc.add(cellStyle{size: dossierFont, bold: true, border: true, wrap: true, hAlign: "center", fill: "DDEBF7"}.style())
		stCenter = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "center" }))
		stText   = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "left"; c.wrap = true }))
		stNum    = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "right"; c.numFmt = fmtInt }))
		stDate   = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "center"; c.numFmt = fmtDate }))
		stTotal  = sc.add(mod(body, func(c *cellStyle) { c.bold = true; c.hAlign = "center" }))
		stTotalN = sc.add(mod(body, func(c *cellStyle) { c.bold = true; c.hAlign = "right"; c.numFmt = fmtInt }))
	)
	if sc.err != nil {
		return sc.err
	}
	last := len(dossierCols)
	if err := pageSetup(f, DossiersSheet, 0, DossiersHeaderRow, DossiersHeaderRow); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(DossiersSheet)
	if err != nil {
		return fmt.Errorf("mở luồng ghi: %w", err)
	}
	for i, c := range dossierCols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("đặt độ rộng cột: %w", err)
		}
	}
	topLeft := cellName(1, DossiersFirstRow)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: DossiersHeaderRow, TopLeftCell: topLeft, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomLeft"}},
	}); err != nil {
		return fmt.Errorf("cố định dòng tiêu đề: %w", err)
	}

	var width float64
	for _, c := range dossierCols {
		width += c.width
	}
	filters := nfc(h.Filters)
	if filters == "" {
		filters = "Tất cả hồ sơ"
	}
	heading := []struct {
		row, to int
		text    string
		style   int
		lines   int
	}{
		{1, dcTitle, tdkt.UpperVN(nfc(h.Office)), stOffice, 1},
		{2, last, "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", stTitle, 1},
		{3, last, filters, stInfo, wrappedLines(filters, width*0.9)},
	}
	if !h.Made.IsZero() {
		heading = append(heading, struct {
			row, to int
			text    string
			style   int
			lines   int
		}{4, last, "Ngày lập: " + tdkt.DateShort(h.Made.Time()), stInfo, 1})
	}
	for _, t := range heading {
		if err := sw.SetRow(cellName(1, t.row), []any{excelize.Cell{StyleID: t.style, Value: t.text}},
			excelize.RowOpts{Height: float64(t.lines) * lineHeight(14)}); err != nil {
			return fmt.Errorf("ghi tiêu đề: %w", err)
		}
		if err := sw.MergeCell(cellName(1, t.row), cellName(t.to, t.row)); err != nil {
			return fmt.Errorf("gộp ô tiêu đề: %w", err)
		}
	}
	header := make([]any, last)
	headLines := 1
	for i, c := range dossierCols {
		header[i] = excelize.Cell{StyleID: stHead, Value: c.title}
		headLines = max(headLines, wrappedLines(c.title, boldWidth(c.width)))
	}
	if err := sw.SetRow(cellName(1, DossiersHeaderRow), header,
		excelize.RowOpts{Height: float64(headLines) * lineHeight(dossierFont)}); err != nil {
		return fmt.Errorf("ghi dòng tiêu đề cột: %w", err)
	}

	row, candidates := DossiersHeaderRow, 0
	for i, d := range lines {
		row++
		candidates += d.Candidates
		title, unit := nfc(d.Title), nfc(d.Unit)
		cells := []any{
			excelize.Cell{StyleID: stCenter, Value: i + 1},
			excelize.Cell{StyleID: stText, Value: nfc(d.Ref)},
			excelize.Cell{StyleID: stText, Value: title},
			excelize.Cell{StyleID: stText, Value: unit},
			yearCell(d.Year, stCenter),
			excelize.Cell{StyleID: stNum, Value: d.Candidates},
			excelize.Cell{StyleID: stText, Value: nfc(d.Awards)},
			excelize.Cell{StyleID: stText, Value: nfc(d.Status)},
			dateCell(d.Received, stDate),
			dateCell(d.Deadline, stDate),
		}
		n := max(wrappedLines(title, dossierCols[dcTitle-1].width), wrappedLines(unit, dossierCols[dcUnit-1].width),
			wrappedLines(d.Status, dossierCols[dcStatus-1].width), wrappedLines(d.Ref, dossierCols[dcRef-1].width),
			wrappedLines(d.Awards, dossierCols[dcAwards-1].width))
		if err := sw.SetRow(cellName(1, row), cells, excelize.RowOpts{Height: float64(n) * lineHeight(dossierFont)}); err != nil {
			return fmt.Errorf("ghi dòng %d: %w", row, err)
		}
	}
	row++
	total := []any{
		excelize.Cell{StyleID: stTotal, Value: fmt.Sprintf("Tổng cộng: %s hồ sơ", tdkt.Money(int64(len(lines))))},
		excelize.Cell{StyleID: stTotal}, excelize.Cell{StyleID: stTotal}, excelize.Cell{StyleID: stTotal},
		excelize.Cell{StyleID: stTotal},
		excelize.Cell{StyleID: stTotalN, Value: candidates},
		excelize.Cell{StyleID: stTotal}, excelize.Cell{StyleID: stTotal}, excelize.Cell{StyleID: stTotal}, excelize.Cell{StyleID: stTotal},
	}
	if err := sw.SetRow(cellName(1, row), total, excelize.RowOpts{Height: lineHeight(dossierFont)}); err != nil {
		return fmt.Errorf("ghi dòng tổng: %w", err)
	}
	if err := sw.MergeCell(cellName(1, row), cellName(dcYear, row)); err != nil {
		return fmt.Errorf("gộp ô tổng: %w", err)
	}
	// before Flush, after NewStreamWriter (see register.go's close)
	if len(lines) > 0 {
		ref := cellName(1, DossiersHeaderRow) + ":" + cellName(last, row-1)
		if err := f.AutoFilter(DossiersSheet, ref, nil); err != nil {
			return fmt.Errorf("đặt bộ lọc: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("kết thúc luồng ghi: %w", err)
	}
	return nil
}

// DossierFilters words the filters of a dossier list for its heading:
// the parts given, joined.
func DossierFilters(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}
