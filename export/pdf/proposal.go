package pdf

import (
	"fmt"
	"io"
	"strings"

	"tdkt"
)

// ProposalDoc is a proposal (tờ trình) asking the deciding authority to
// award the candidates the council passed.
type ProposalDoc struct {
	Number    string    // "12/TTr-SNV"; empty leaves the number to be filled in
	Date      tdkt.Date // zero for a draft
	From      string    // the proposing body, e.g. SỞ NỘI VỤ
	To        string    // e.g. Chủ tịch Ủy ban nhân dân tỉnh
	Summary   string    // Về việc đề nghị tặng …
	Meeting   *tdkt.Meeting
	Entries   []tdkt.ListEntry
	AwardName string
	Signer    tdkt.Signer
}

// Proposal writes a tờ trình with the Decree 30 masthead, the request, the
// table of candidates (with their share of the council's votes when the
// meeting is given) and the total bonus.
func Proposal(w io.Writer, off *tdkt.Office, p ProposalDoc) error {
	if off == nil {
		return fmt.Errorf("xuất tờ trình: thiếu cơ quan")
	}
	if len(p.Entries) == 0 {
		return fmt.Errorf("xuất tờ trình: danh sách đề nghị trống")
	}
	doc, err := newDoc(decree30, "Tờ trình "+p.Number)
	if err != nil {
		return fmt.Errorf("xuất tờ trình: %w", err)
	}
	doc.numbered = true
	doc.newSection()
	number := tdkt.NFC(p.Number)
	if number == "" {
		number = "     /TTr"
	}
	// a body under the People's Committee (SỞ NỘI VỤ) proposes under the
	// committee's name; the committee itself under its own governing line,
	// as on its decisions
	governing, issuing := off.IssuingBody, p.From
	if issuing == "" || tdkt.NFC(issuing) == tdkt.NFC(off.IssuingBody) {
		governing, issuing = off.GoverningBody, off.IssuingBody
	}
	masthead{governing: governing, issuing: issuing, number: number, place: off.Place, date: p.Date}.draw(doc)
	doc.title("TỜ TRÌNH", bodySize)
	doc.title(p.Summary, bodySize)
	doc.summaryRule()
	doc.y += 2
	doc.paragraph(para{runs: plain("", "Kính gửi: "+p.To), size: bodySize, x: doc.left, w: doc.textW(), align: alignCenter})
	doc.y += 4

	body := func(runs ...run) {
		doc.paragraph(para{runs: runs, size: bodySize, x: doc.left, w: doc.textW(), indent: indent, align: alignJustify})
		doc.y += paraGap
	}
	from := normalCase(p.From)
	to := tdkt.NFC(p.To)
	body(plain("", "Căn cứ Luật Thi đua, khen thưởng và các văn bản quy định chi tiết, hướng dẫn thi hành;")...)
	if p.Meeting != nil {
		body(plain("", fmt.Sprintf("Căn cứ kết quả họp %s %s (có biên bản kèm theo),",
			normalCase(councilName(off)), dateWords(p.Meeting.Date)))...)
	}
	groups := groupList(p.Entries)
	var counts []string
	for _, g := range groups {
		counts = append(counts, fmt.Sprintf("%d %s", len(g.entries), strings.ToLower(g.label)))
	}
	body(plain("", fmt.Sprintf("%s kính trình %s xem xét, quyết định tặng %s cho %s đã có thành tích xuất sắc, cụ thể như sau:",
		from, to, tdkt.NFC(p.AwardName), strings.Join(counts, ", ")))...)

	votes := votesOf(p.Meeting)
	var total int64
	for _, e := range p.Entries {
		total += e.Bonus
	}
	cols := []column{
		{title: "STT", w: 11, align: alignCenter},
		{title: "Họ và tên / Tên tập thể", w: 48},
		{title: "Chức vụ, đơn vị"},
	}
	if votes != nil {
		cols = append(cols, column{title: "Tỷ lệ phiếu đồng ý (%)", w: 22, align: alignCenter})
	}
	cols = append(cols, column{title: "Tiền thưởng (đồng)", w: 28, align: alignRight})
	cols = fitColumns(cols, 2, doc.textW())
	t := doc.newTable(cols, 12)
	t.begin()
	n := 0
	for gi, g := range groups {
		if len(groups) > 1 {
			t.cells([]cell{{text: roman[gi] + ". " + g.label, style: "B", span: len(cols)}})
		}
		for _, e := range g.entries {
			n++
			row := []string{fmt.Sprint(n), e.Name, e.Position}
			if votes != nil {
				row = append(row, votes[e.DossierID+"|"+e.CandidateID])
			}
			t.row("", append(row, money(e.Bonus))...)
		}
	}
	t.cells([]cell{{text: "Tổng cộng", style: "B", align: alignCenter, span: len(cols) - 1},
		{text: tdkt.Money(total), style: "B", align: alignRight}})
	t.end()
	doc.y += 3
	body(plain("", fmt.Sprintf("Tổng số tiền thưởng: %s đồng (Bằng chữ: %s).", tdkt.Money(total), tdkt.MoneyWords(total)))...)
	body(plain("", fmt.Sprintf("%s kính trình %s xem xét, quyết định./.", from, to))...)

	issuer := p.From
	if issuer == "" {
		issuer = off.IssuingBody
	}
	doc.closing([]string{"Như trên", "Lưu: VT, TĐKT"},
		signature{lines: signatureLines(p.Signer, issuer), name: p.Signer.Name})
	return doc.finish(w, "tờ trình")
}

// votesOf maps "dossier|candidate" to the candidate's share of the votes in
// the meeting, or is nil without a meeting.
func votesOf(m *tdkt.Meeting) map[string]string {
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for _, it := range m.Items {
		if !it.Counted || len(m.Members) == 0 {
			continue
		}
		out[it.DossierID+"|"+it.CandidateID] = percent(tdkt.AgreePercent(it.Ballot, len(m.Members)))
	}
	return out
}
