package pdf

import (
	"fmt"
	"io"
	"strings"

	"tdkt"
)

// NoticeEntry is one candidate on a public notice.
type NoticeEntry struct {
	Name, Unit, Award, Achievements string
}

// NoticeDoc is a public notice (thông báo công khai) of candidates put up for
// comments before they are proposed.
type NoticeDoc struct {
	Title    string // e.g. Công khai danh sách đề nghị khen thưởng …
	Date     tdkt.Date
	Entries  []NoticeEntry
	From, To tdkt.Date // the comment period
	Contact  string    // where comments go
}

// Notice writes the notice for the notice board: the candidates with a short
// account of their achievements, the comment period and where to send
// comments. It is signed by the office's first signer, if any.
func Notice(w io.Writer, off *tdkt.Office, n NoticeDoc) error {
	if off == nil {
		return fmt.Errorf("xuất thông báo: thiếu cơ quan")
	}
	if len(n.Entries) == 0 {
		return fmt.Errorf("xuất thông báo: danh sách công khai trống")
	}
	if !n.From.IsZero() && !n.To.IsZero() && n.To.Before(n.From) {
		return fmt.Errorf("xuất thông báo: thời hạn góp ý kết thúc (%s) trước khi bắt đầu (%s)", n.To, n.From)
	}
	doc, err := newDoc(decree30, "Thông báo "+n.Title)
	if err != nil {
		return fmt.Errorf("xuất thông báo: %w", err)
	}
	doc.numbered = true
	doc.newSection()
	masthead{governing: off.GoverningBody, issuing: off.IssuingBody, number: "     /" + symbolFor(off.Symbol, "TB"),
		place: off.Place, date: n.Date}.draw(doc)
	doc.title("THÔNG BÁO", bodySize)
	doc.title(n.Title, bodySize)
	doc.summaryRule()
	doc.y += 3
	body := func(text string) {
		doc.paragraph(para{runs: plain("", text), size: bodySize, x: doc.left, w: doc.textW(), indent: indent, align: alignJustify})
		doc.y += paraGap
	}
	body("Thực hiện quy định của pháp luật về thi đua, khen thưởng, " + normalCase(off.IssuingBody) +
		" thông báo công khai danh sách các cá nhân, tập thể được đề nghị khen thưởng để lấy ý kiến của cán bộ, công chức, viên chức, người lao động và Nhân dân, cụ thể như sau:")

	cols := fitColumns([]column{
		{title: "STT", w: 10, align: alignCenter},
		{title: "Họ và tên / Tên tập thể", w: 36},
		{title: "Đơn vị", w: 34},
		{title: "Hình thức đề nghị", w: 30},
		{title: "Tóm tắt thành tích"},
	}, 4, doc.textW())
	t := doc.newTable(cols, 12)
	t.begin()
	for i, e := range n.Entries {
		t.row("", fmt.Sprint(i+1), e.Name, e.Unit, e.Award, e.Achievements)
	}
	t.end()
	doc.y += 3
	body(fmt.Sprintf("Thời gian tiếp nhận ý kiến: từ %s đến %s.", dateWords(n.From), dateWords(n.To)))
	contact := strings.TrimSpace(n.Contact)
	if contact == "" {
		contact = normalCase(off.IssuingBody)
	}
	body("Ý kiến góp ý xin gửi về: " + terminate(contact, "."))
	body("Thông báo này được niêm yết công khai tại trụ sở cơ quan và đăng trên trang thông tin điện tử của cơ quan./.")

	var sig signature
	if len(off.Signers) > 0 {
		sig = signature{lines: signatureLines(off.Signers[0], off.IssuingBody), name: off.Signers[0].Name}
	}
	doc.closing([]string{"Các cơ quan, đơn vị có liên quan", "Lưu: VT, TĐKT"}, sig)
	return doc.finish(w, "thông báo")
}

// Models writes the year's list of exemplary models (điển hình tiên tiến):
// every person with a model record, in Vietnamese name order, with their
// unit (units maps unit id to name) and their story.
func Models(w io.Writer, off *tdkt.Office, year int, people []*tdkt.Person, units map[string]string) error {
	if off == nil {
		return fmt.Errorf("xuất danh sách điển hình: thiếu cơ quan")
	}
	var models []*tdkt.Person
	for _, p := range people {
		if p != nil && p.Model != nil && !p.Deleted {
			models = append(models, p)
		}
	}
	// Stable so that namesakes keep the caller's order.
	sortPeople(models)
	doc, err := newDoc(decree30, fmt.Sprintf("Điển hình tiên tiến năm %d", year))
	if err != nil {
		return fmt.Errorf("xuất danh sách điển hình: %w", err)
	}
	doc.numbered = true
	doc.newSection()
	masthead{governing: off.GoverningBody, issuing: off.IssuingBody, noDate: true}.draw(doc)
	doc.title("DANH SÁCH", bodySize)
	doc.title(fmt.Sprintf("ĐIỂN HÌNH TIÊN TIẾN NĂM %d", year), bodySize)
	doc.summaryRule()
	doc.y += 3
	if len(models) == 0 {
		doc.paragraph(para{runs: plain("I", "Chưa có điển hình tiên tiến nào được ghi nhận."), size: bodySize,
			x: doc.left, w: doc.textW(), align: alignCenter})
	}
	for i, p := range models {
		var who []string
		if pos := tdkt.NFC(p.Position); pos != "" {
			who = append(who, pos)
		}
		if u := tdkt.NFC(units[p.UnitID]); u != "" {
			who = append(who, u)
		}
		runs := []run{{style: "B", text: fmt.Sprintf("%d. %s", i+1, p.Name)}}
		if len(who) > 0 {
			runs = append(runs, run{text: " – " + strings.Join(who, ", ")})
		}
		if s := tdkt.NFC(p.Model.Since); s != "" {
			runs = append(runs, run{style: "I", text: " (điển hình từ " + s + ")"})
		}
		// Keep the name with at least the first lines of the story.
		doc.ensure(3 * lineH(bodySize))
		doc.paragraph(para{runs: runs, size: bodySize, x: doc.left, w: doc.textW(), indent: indent, align: alignJustify})
		if s := tdkt.NFC(p.Model.Story); s != "" {
			doc.paragraph(para{runs: plain("", s), size: bodySize, x: doc.left, w: doc.textW(), indent: indent, align: alignJustify})
		}
		doc.y += 2 * paraGap
	}
	return doc.finish(w, "danh sách điển hình tiên tiến")
}
