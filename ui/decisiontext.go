package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"tdkt"
)

// para is one paragraph of the preview.
type para struct {
	text         string
	align        fyne.TextAlign
	bold, italic bool
}

// decisionParts lays a decision out in the order of Decree 30/2020
// (appendix I): the two header columns (issuing body and number on the
// left; national motto and the place-and-date line on the right), then the
// title, authority, bases, articles, recipients, signature and the attached
// list. The PDF is the export team's; this is what the specialist checks.
func decisionParts(o *tdkt.Office, cat *tdkt.Catalog, d *tdkt.Decision, unitName func(string) string) (left, right, body []para) {
	c := fyne.TextAlignCenter
	if o.GoverningBody != "" {
		left = append(left, para{text: tdkt.UpperVN(o.GoverningBody), align: c})
	}
	left = append(left, para{text: o.IssuingBody, align: c, bold: true}, para{text: "Số: " + d.NumberText(), align: c})
	date := "ngày … tháng … năm …"
	if !d.Date.IsZero() {
		date = tdkt.DateLine(o.Place, d.Date.Time())
	}
	right = append(right, para{text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align: c, bold: true},
		para{text: "Độc lập - Tự do - Hạnh phúc", align: c, bold: true}, para{text: date, align: c, italic: true})

	p := func(text string, align fyne.TextAlign, bold, italic bool) {
		body = append(body, para{text: text, align: align, bold: bold, italic: italic})
	}
	l := fyne.TextAlignLeading
	p("QUYẾT ĐỊNH", c, true, false)
	p(d.Summary, c, true, false)
	p(d.Authority, c, true, false)
	for _, b := range d.Bases {
		p(b, l, false, true)
	}
	if d.Proposal != "" {
		p(d.Proposal, l, false, true)
	}
	p("QUYẾT ĐỊNH:", c, true, false)
	for i, a := range d.Articles {
		p(fmt.Sprintf("Điều %d. %s", i+1, a), l, false, false)
	}
	p("Nơi nhận:", l, true, true)
	for i, r := range d.Recipients {
		end := ";"
		if i == len(d.Recipients)-1 {
			end = ""
		}
		p("- "+strings.TrimRight(r, ";")+end, l, false, false)
	}
	sig := d.Signer
	switch sig.Mode {
	case "TM":
		p("TM. "+o.IssuingBody, fyne.TextAlignTrailing, true, false)
	case "KT":
		p("KT. CHỦ TỊCH", fyne.TextAlignTrailing, true, false)
	}
	p(sig.Title, fyne.TextAlignTrailing, true, false)
	p("(đã ký)", fyne.TextAlignTrailing, false, true)
	p(sig.Name, fyne.TextAlignTrailing, true, false)
	if len(d.List) > 0 {
		name := d.AwardCode
		if it, ok := cat.Item(d.AwardCode); ok {
			name = it.Name
		}
		p("DANH SÁCH "+tdkt.UpperVN(name), c, true, false)
		dl := "ngày … tháng … năm …"
		if !d.Date.IsZero() {
			dl = tdkt.DateWords(d.Date.Time())
		}
		p(fmt.Sprintf("(Kèm theo Quyết định số %s %s)", d.NumberText(), dl), c, false, true)
		for i, e := range d.List {
			pos := e.Position
			if pos == "" {
				pos = unitName(e.UnitID)
			}
			line := fmt.Sprintf("%d. %s", i+1, e.Name)
			if pos != "" {
				line += " – " + pos
			}
			if e.Bonus > 0 {
				line += ": " + tdkt.Money(e.Bonus) + " đồng"
			}
			p(line, l, false, false)
		}
		t := d.Total()
		p(fmt.Sprintf("Cộng: %d; tổng tiền thưởng %s đồng (%s).", len(d.List), tdkt.Money(t), tdkt.MoneyWords(t)), l, true, false)
	}
	return left, right, body
}

// decisionText is the preview as plain text, one paragraph a line.
func decisionText(o *tdkt.Office, cat *tdkt.Catalog, d *tdkt.Decision, unitName func(string) string) string {
	left, right, body := decisionParts(o, cat, d, unitName)
	var b strings.Builder
	for _, ps := range [][]para{left, right, body} {
		for _, p := range ps {
			b.WriteString(p.text + "\n")
		}
	}
	return b.String()
}

// richText turns paragraphs into a read-only rich text.
func richText(ps []para) *widget.RichText {
	var segs []widget.RichTextSegment
	for _, p := range ps {
		segs = append(segs, &widget.TextSegment{Text: p.text, Style: widget.RichTextStyle{
			Alignment: p.align, TextStyle: fyne.TextStyle{Bold: p.bold, Italic: p.italic}}})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
