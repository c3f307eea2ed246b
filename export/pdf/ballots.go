package pdf

import (
	"fmt"
	"io"

	"tdkt"
)

// ballotSpec leaves narrow margins: ballot papers are cut apart and are not
// Decree 30 documents.
var ballotSpec = pageSpec{size: "A4", left: 15, top: 10, right: 15, bottom: 10}

// ballotHead is the prepared top part of a ballot paper.
type ballotHead struct {
	council []string
	sub     []string // meeting title and date, italic
}

const (
	ballotSmall = 11.0 // masthead lines
	ballotTitle = 18.0 // "PHIẾU BẦU"
	ballotText  = 12.0 // subtitle and table
	ballotNote  = 11.0
	boxSide     = 5.0 // the squares members tick
)

// prepare wraps the head's lines for the page width.
func (h *ballotHead) prepare(d *doc, off *tdkt.Office, m *tdkt.Meeting) {
	d.font("B", ballotSmall)
	h.council = bodyLines(d, councilName(off), 80)
	d.font("I", ballotText)
	h.sub = nil
	if t := tdkt.NFC(m.Title); t != "" {
		h.sub = d.wrap(t, d.textW())
	}
	h.sub = append(h.sub, "Phiên họp "+dateWords(m.Date))
}

// height is the head's height, down to the table.
func (h *ballotHead) height() float64 {
	left := float64(len(h.council))*lineH(ballotSmall) + 1
	right := lineH(ballotSmall) + lineH(ballotText) + 1
	return max(left, right) + 5 + lineH(ballotTitle) + float64(len(h.sub))*lineH(ballotText) + 3
}

// draw lays the head out at the cursor.
func (h *ballotHead) draw(d *doc) {
	top := d.y
	lx, lw := d.left, 80.0
	rx, rw := d.left+80, d.textW()-80
	d.font("B", ballotSmall)
	y := d.block(lx, lw, top, h.council, alignCenter, ballotSmall)
	d.rule(lx+lw/2, y+0.8, lw/3)
	d.centre(rx, rw, top, nationTitle)
	d.font("B", ballotText)
	d.centre(rx, rw, top+lineH(ballotSmall), nationMotto)
	d.rule(rx+rw/2, top+lineH(ballotSmall)+lineH(ballotText)+0.6, d.width(nationMotto))
	d.y = top + max(y+1-top, lineH(ballotSmall)+lineH(ballotText)+1) + 5
	d.font("B", ballotTitle)
	d.centre(d.left, d.textW(), d.y, "PHIẾU BẦU")
	d.y += lineH(ballotTitle)
	d.font("I", ballotText)
	d.y = d.block(d.left, d.textW(), d.y, h.sub, alignCenter, ballotText) + 3
}

// Ballots writes the ballot papers for the secret-ballot items of a
// meeting, one paper per council member. Two papers share an A4 page,
// separated by a dashed cut line, when the candidate list is short enough;
// otherwise each paper takes its own page and a long list runs on over
// further pages with the table header repeated.
func Ballots(w io.Writer, off *tdkt.Office, m *tdkt.Meeting, cat *tdkt.Catalog) error {
	if off == nil || m == nil || cat == nil {
		return fmt.Errorf("in phiếu bầu: thiếu cơ quan, phiên họp hoặc danh mục")
	}
	var items []tdkt.AgendaItem
	for _, it := range m.Items {
		if it.Secret {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return fmt.Errorf("in phiếu bầu: phiên họp không có nội dung bỏ phiếu kín")
	}
	if len(m.Members) == 0 {
		return fmt.Errorf("in phiếu bầu: Hội đồng chưa có thành viên")
	}
	doc, err := newDoc(ballotSpec, "Phiếu bầu")
	if err != nil {
		return fmt.Errorf("in phiếu bầu: %w", err)
	}
	var head ballotHead
	head.prepare(doc, off, m)
	t := ballotTable(doc)
	rows := make([][]cell, len(items))
	height := head.height() + 3 + lineH(ballotNote)
	hdr := make([]cell, len(t.cols))
	for i, c := range t.cols {
		hdr[i] = cell{text: c.title, style: "B"}
	}
	_, hh := t.measure(hdr, t.headSize)
	height += hh
	for i, it := range items {
		rows[i] = t.bodyCells("", fmt.Sprint(i+1), it.Name, itemName(cat, it.AwardCode), "", "")
		_, rh := t.measure(rows[i], t.size)
		height += rh
	}
	slot := doc.pageH / 2
	perPage := 1
	if height <= slot-doc.top-doc.bottom {
		perPage = 2
	}
	for p := range m.Members {
		pos := p % perPage
		if pos == 0 {
			doc.addPage()
		} else {
			cutLine(doc, slot)
			doc.y = slot + doc.top
		}
		head.draw(doc)
		t.begin()
		// A paper running over pages says so, in case the sheets part.
		doc.onNewPage = func() {
			doc.font("I", ballotNote)
			doc.text(doc.left, doc.y, "Phiếu bầu (tiếp theo)", ballotNote)
			doc.y += lineH(ballotNote) + 1
			t.header()
		}
		for _, r := range rows {
			top, h := t.cells(r)
			box(doc, t, 3, top, h)
			box(doc, t, 4, top, h)
		}
		t.end()
		doc.y += 3
		doc.font("I", ballotNote)
		doc.text(doc.left, doc.y, "Ghi chú: Đánh dấu X vào ô tương ứng.", ballotNote)
	}
	return doc.finish(w, "phiếu bầu")
}

// ballotTable is the candidates' table of a paper.
func ballotTable(d *doc) *table {
	cols := fitColumns([]column{
		{title: "STT", w: 11, align: alignCenter},
		{title: "Họ và tên / Tên tập thể"},
		{title: "Hình thức đề nghị", w: 52},
		{title: "Đồng ý", w: 22, align: alignCenter},
		{title: "Không đồng ý", w: 27, align: alignCenter},
	}, 1, d.textW())
	t := d.newTable(cols, ballotText)
	// Room enough for a cross drawn by hand.
	t.padY = 2
	return t
}

// box draws the square to tick, centred in column col of a row.
func box(d *doc, t *table, col int, top, h float64) {
	x := t.x
	for i := 0; i < col; i++ {
		x += t.cols[i].w
	}
	d.pdf.SetLineWidth(0.3)
	d.pdf.Rect(x+(t.cols[col].w-boxSide)/2, top+(h-boxSide)/2, boxSide, boxSide, "D")
}

// cutLine draws the dashed line along which two papers are cut apart.
func cutLine(d *doc, y float64) {
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetDashPattern([]float64{2, 1.5}, 0)
	d.pdf.Line(5, y, d.pageW-5, y)
	d.pdf.SetDashPattern([]float64{}, 0)
}
