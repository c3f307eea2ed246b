package pdf

import (
	"fmt"
	"io"
	"strings"

	"tdkt"
)

// Body text of Decree 30 documents.
const (
	bodySize = 14.0
	indent   = 12.7 // first-line indent, 1.27 cm
	paraGap  = 1.5  // space after a paragraph, about 6 pt with the leading
)

// Decision writes an award decision in the layout of Decree 30/2020
// (appendix I) followed, on a new page, by its attached list.
func Decision(w io.Writer, off *tdkt.Office, d *tdkt.Decision, cat *tdkt.Catalog) error {
	if off == nil || d == nil || cat == nil {
		return fmt.Errorf("xuất quyết định: thiếu cơ quan, quyết định hoặc danh mục")
	}
	item, ok := cat.Item(d.AwardCode)
	if !ok && len(d.List) > 0 {
		return fmt.Errorf("xuất quyết định %s: không có hình thức khen thưởng mã %q trong danh mục", d.NumberText(), d.AwardCode)
	}
	doc, err := newDoc(decree30, "Quyết định "+d.NumberText())
	if err != nil {
		return fmt.Errorf("xuất quyết định: %w", err)
	}
	doc.numbered = true
	doc.newSection()
	decisionBody(doc, off, d, item)
	if len(d.List) > 0 {
		doc.newSection()
		decisionList(doc, d, item)
	}
	return doc.finish(w, "quyết định "+d.NumberText())
}

// decisionBody lays out the decision itself.
func decisionBody(doc *doc, off *tdkt.Office, d *tdkt.Decision, item *tdkt.Item) {
	masthead{governing: off.GoverningBody, issuing: off.IssuingBody, number: d.NumberText(),
		place: off.Place, date: d.Date}.draw(doc)

	doc.title("QUYẾT ĐỊNH", bodySize)
	doc.title(d.Summary, bodySize)
	doc.summaryRule()
	doc.y += 2
	doc.title(tdkt.UpperVN(d.Authority), bodySize)
	doc.y += 3

	body := func(runs []run) {
		doc.paragraph(para{runs: runs, size: bodySize, x: doc.left, w: doc.textW(),
			indent: indent, align: alignJustify})
		doc.y += paraGap
	}
	bases := nonEmpty(d.Bases...)
	proposal := strings.TrimSpace(d.Proposal)
	for i, b := range bases {
		mark := ";"
		if i == len(bases)-1 && proposal == "" {
			mark = "."
		}
		body(plain("I", terminate(b, mark)))
	}
	if proposal != "" {
		body(plain("I", terminate(proposal, ".")))
	}

	doc.y += 1
	doc.title("QUYẾT ĐỊNH:", bodySize)
	doc.y += 2
	for i, a := range articles(d, item) {
		body([]run{{style: "B", text: fmt.Sprintf("Điều %d.", i+1)}, {text: " " + a}})
	}
	doc.closing(d.Recipients, signature{lines: signatureLines(d.Signer, off.IssuingBody), name: d.Signer.Name})
}

// articles returns the articles to print. Điều 1 points to the attached
// list when there is one; a draft without articles gets the usual first
// article so that it can still be previewed.
func articles(d *tdkt.Decision, item *tdkt.Item) []string {
	arts := nonEmpty(d.Articles...)
	if len(arts) == 0 && item != nil {
		arts = []string{"Tặng " + item.Name + " cho các cá nhân, tập thể đã có thành tích xuất sắc."}
	}
	if len(arts) > 0 && len(d.List) > 0 {
		arts[0] = withList(arts[0])
	}
	return arts
}
