package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// CandidatesSheet is the worksheet name of the candidate list.
const CandidatesSheet = "Kết quả biểu quyết"

// Layout of the candidate sheet: title rows, the header on row 5, one row
// per agenda item from row 6.
const (
	CandidatesHeaderRow = 5
	CandidatesFirstRow  = CandidatesHeaderRow + 1
)

var candidateCols = []registerCol{
	{"STT", 6, false},
	{"Họ tên / Tập thể", 30, true},
	{"Hình thức đề nghị", 30, true},
	{"Phiếu phát ra", 9, false},
	{"Phiếu thu vào", 9, false},
	{"Phiếu hợp lệ", 9, false},
	{"Phiếu không hợp lệ", 10, false},
	{"Phiếu đồng ý", 9, false},
	{"Tỷ lệ đồng ý (% tổng số thành viên)", 13, false},
	{"Kết quả", 11, false},
	{"Ghi chú", 28, true},
}

// Column numbers of the candidate sheet.
const (
	ccNo = iota + 1
	ccName
	ccAward
	ccIssued
	ccReturned
	ccValid
	ccInvalid
	ccAgree
	ccPercent
	ccResult
	ccNote
)

// Candidates writes the council's candidate list with the ballot results
// to w. The agreement rate is a percentage of all members of the council,
// absent ones included (tdkt.Evaluate), written as a number with a
// percentage format; the result is "Đạt" when the item's catalogue
// threshold is reached with a quorum present. A Ghi chú column says why a
// count was not accepted (no quorum, ballots that do not add up) and
// which items were voted by show of hands.
func Candidates(w io.Writer, title string, m *tdkt.Meeting, cat *tdkt.Catalog) error {
	if m == nil || cat == nil {
		return errors.New("danh sách biểu quyết: thiếu phiên họp hoặc danh mục khen thưởng")
	}
	f, err := newBook(CandidatesSheet)
	if err != nil {
		return err
	}
	if err := renderCandidates(f, title, m, cat); err != nil {
		f.Close()
		return fmt.Errorf("danh sách biểu quyết: %w", err)
	}
	return save(f, w)
}

func renderCandidates(f *excelize.File, title string, m *tdkt.Meeting, cat *tdkt.Catalog) error {
	sc := styler{f: f}
	const sz = 12
	body := cellStyle{size: sz, border: true}
	mod := func(c cellStyle, edit func(*cellStyle)) *excelize.Style { edit(&c); return c.style() }
	var (
		stTitle   = sc.add(cellStyle{size: 14, bold: true, hAlign: "center", wrap: true}.style())
		stInfo    = sc.add(cellStyle{size: sz, italic: true, hAlign: "center", wrap: true}.style())
		stHead    = sc.add(cellStyle{size: sz, bold: true, border: true, wrap: true, hAlign: "center", fill: "DDEBF7"}.style())
		stCenter  = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "center" }))
		stText    = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "left"; c.wrap = true }))
		stNum     = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "right"; c.numFmt = fmtInt }))
		stPercent = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "right"; c.numFmt = fmtPercent }))
		stPass    = sc.add(mod(body, func(c *cellStyle) { c.hAlign = "center"; c.bold = true }))
	)
	if sc.err != nil {
		return sc.err
	}
	s := &sheet{f: f, name: CandidatesSheet}
	last := len(candidateCols)
	for i, c := range candidateCols {
		s.width(i+1, i+1, c.width)
	}
	var width float64
	for _, c := range candidateCols {
		width += c.width
	}

	if strings.TrimSpace(title) == "" {
		title = "Danh sách đề nghị khen thưởng và kết quả biểu quyết"
	}
	total, present := len(m.Members), m.Present()
	s.span(1, 1, last, 1, tdkt.UpperVN(tdkt.NFC(title)), stTitle)
	s.height(1, float64(wrappedLines(title, width*0.85))*lineHeight(14))
	var meeting []string
	if t := tdkt.NFC(m.Title); t != "" {
		meeting = append(meeting, t)
	}
	if !m.Date.IsZero() {
		meeting = append(meeting, "ngày "+tdkt.DateShort(m.Date.Time()))
	}
	if p := tdkt.NFC(m.Place); p != "" {
		meeting = append(meeting, "tại "+p)
	}
	s.span(1, 2, last, 2, strings.Join(meeting, ", "), stInfo)
	s.span(1, 3, last, 3, fmt.Sprintf(
		"Tổng số thành viên Hội đồng: %d; có mặt: %d; vắng mặt: %d. Tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng.",
		total, present, total-present), stInfo)
	s.height(3, float64(wrappedLines("Tổng số thành viên Hội đồng: 00; có mặt: 00; vắng mặt: 00. Tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng.", width))*lineHeight(sz))

	headLines := 1
	for i, c := range candidateCols {
		s.set(i+1, CandidatesHeaderRow, c.title, stHead)
		headLines = max(headLines, wrappedLines(c.title, boldWidth(c.width)))
	}
	s.height(CandidatesHeaderRow, float64(headLines)*lineHeight(sz))

	row := CandidatesHeaderRow
	for i, it := range m.Items {
		row++
		item, ok := cat.Item(it.AwardCode)
		if !ok {
			return fmt.Errorf("ứng viên %s: không có hình thức khen thưởng mã %q trong danh mục", it.Name, it.AwardCode)
		}
		b := it.Ballot
		v := tdkt.Evaluate(b, total, present, item.Threshold, cat)
		// Evaluate reports a quorum failure and a count that does not add
		// up the same way; the rate is meaningful only in the first case.
		sound := tdkt.Evaluate(b, total, total, item.Threshold, cat).Problem == ""

		var notes []string
		if !it.Secret {
			notes = append(notes, "Biểu quyết giơ tay")
		}
		result := "Chưa kiểm phiếu"
		if it.Counted {
			result = "Không đạt"
			if v.Passed {
				result = "Đạt"
			}
			if v.Problem != "" {
				notes = append(notes, v.Problem)
			}
			notes = append(notes, "cần "+strconv.Itoa(tdkt.Needed(total, item.Threshold))+
				" phiếu ("+strconv.FormatFloat(item.Threshold, 'f', -1, 64)+"%)")
		}

		s.set(ccNo, row, i+1, stCenter)
		s.set(ccName, row, it.Name, stText)
		s.set(ccAward, row, item.Name, stText)
		for col, n := range map[int]int{ccIssued: b.Issued, ccReturned: b.Returned,
			ccValid: b.Valid, ccInvalid: b.Invalid, ccAgree: b.Agree} {
			if it.Counted {
				s.set(col, row, n, stNum)
			} else {
				s.set(col, row, nil, stNum)
			}
		}
		if it.Counted && sound {
			// A fraction with a percentage format: 0.9 shows as 90.00%.
			s.set(ccPercent, row, v.Percent/100, stPercent)
		} else {
			s.set(ccPercent, row, nil, stPercent)
		}
		s.set(ccResult, row, result, stPass)
		note := strings.Join(notes, "; ")
		s.set(ccNote, row, note, stText)

		lines := max(wrappedLines(tdkt.NFC(it.Name), candidateCols[ccName-1].width),
			wrappedLines(item.Name, candidateCols[ccAward-1].width),
			wrappedLines(note, candidateCols[ccNote-1].width))
		if lines > 1 {
			s.height(row, float64(lines)*lineHeight(sz))
		}
	}
	if s.err != nil {
		return s.err
	}
	if err := f.SetPanes(CandidatesSheet, &excelize.Panes{
		Freeze: true, YSplit: CandidatesHeaderRow,
		TopLeftCell: cellName(1, CandidatesFirstRow), ActivePane: "bottomLeft",
	}); err != nil {
		return fmt.Errorf("cố định dòng tiêu đề: %w", err)
	}
	return pageSetup(f, CandidatesSheet, 0, CandidatesHeaderRow, CandidatesHeaderRow)
}
