package pdf

import (
	"fmt"
	"io"
	"strings"

	"tdkt"
)

// councilName is the council of the office's level: "HỘI ĐỒNG THI ĐUA –
// KHEN THƯỞNG" followed by the place of the issuing body, e.g. "TỈNH SƠN
// LÂM".
func councilName(off *tdkt.Office) string {
	_, place := splitBody(off.IssuingBody)
	return strings.TrimSpace("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG " + place)
}

// awardGroup gathers the agenda items of one award, in agenda order.
type awardGroup struct {
	code  string
	name  string
	items []tdkt.AgendaItem
}

// groupAgenda groups agenda items by award in the order awards first
// appear on the agenda.
func groupAgenda(items []tdkt.AgendaItem, cat *tdkt.Catalog) []awardGroup {
	var out []awardGroup
	idx := map[string]int{}
	for _, it := range items {
		i, ok := idx[it.AwardCode]
		if !ok {
			i = len(out)
			idx[it.AwardCode] = i
			out = append(out, awardGroup{code: it.AwardCode, name: itemName(cat, it.AwardCode)})
		}
		out[i].items = append(out[i].items, it)
	}
	return out
}

// itemName is the catalogue name of an award, or its code when unknown.
func itemName(cat *tdkt.Catalog, code string) string {
	if it, ok := cat.Item(code); ok {
		return it.Name
	}
	return code
}

// threshold is the share of all members an award needs.
func threshold(cat *tdkt.Catalog, code string) float64 {
	if it, ok := cat.Item(code); ok {
		return it.Threshold
	}
	return 0
}

// Minutes writes the minutes (biên bản) of a council meeting: attendance,
// agenda, voting method, the results table with percentages of all members,
// the ballot counts, the conclusion and the signatures of secretary and
// chair. Percentages use the Vietnamese decimal comma ("93,33").
func Minutes(w io.Writer, off *tdkt.Office, m *tdkt.Meeting, cat *tdkt.Catalog) error {
	if off == nil || m == nil || cat == nil {
		return fmt.Errorf("xuất biên bản: thiếu cơ quan, phiên họp hoặc danh mục")
	}
	doc, err := newDoc(decree30, "Biên bản họp Hội đồng Thi đua – Khen thưởng")
	if err != nil {
		return fmt.Errorf("xuất biên bản: %w", err)
	}
	doc.numbered = true
	doc.newSection()
	council := councilName(off)
	masthead{issuing: council, number: "     /BB-HĐTĐKT", place: off.Place, date: m.Date}.draw(doc)
	doc.title("BIÊN BẢN", bodySize)
	doc.title("Họp "+normalCase(council), bodySize)
	if t := tdkt.NFC(m.Title); t != "" {
		doc.paragraph(para{runs: plain("I", "("+t+")"), size: 13, x: doc.left, w: doc.textW(),
			align: alignCenter, balance: true})
	}
	doc.summaryRule()
	doc.y += 2

	body := func(runs ...run) {
		doc.paragraph(para{runs: runs, size: bodySize, x: doc.left, w: doc.textW(), indent: indent, align: alignJustify})
		doc.y += paraGap
	}
	label := func(l string) run { return run{style: "B", text: l} }

	total := len(m.Members)
	when := "Vào " + dateWords(m.Date) + "."
	if strings.TrimSpace(m.Start) != "" {
		when = "Bắt đầu lúc " + clock(m.Start) + ", " + dateWords(m.Date) + "."
	}
	body(label("1. Thời gian:"), run{text: " " + when})
	if p := tdkt.NFC(m.Place); p != "" {
		body(label("2. Địa điểm:"), run{text: " " + terminate(p, ".")})
	}
	body(label("3. Chủ trì:"), run{text: " " + withRole(m, m.Chair) + "."})
	body(label("Thư ký:"), run{text: " " + withRole(m, m.Secretary) + "."})
	body(label("4. Thành phần:"), run{text: " " + attendance(m, cat)})
	body(label("5. Nội dung:"), run{text: " " + agenda(m, cat)})
	groups := groupAgenda(m.Items, cat)
	body(label("6. Hình thức biểu quyết:"), run{text: " " + method(groups)})
	body(label("7. Kết quả:"), run{text: fmt.Sprintf(" Tỷ lệ phiếu đồng ý được tính trên tổng số %d thành viên Hội đồng, kể cả thành viên vắng mặt.", total)})
	problems := resultsTable(doc, m, groups, cat)
	doc.y += 2
	for _, g := range groups {
		body(plain("", ballotSummary(g))...)
	}
	for _, p := range problems {
		body(plain("I", p)...)
	}
	body(label("8. Kết luận:"), run{text: " " + conclusion(m, groups, cat)})
	end := "Cuộc họp kết thúc"
	if strings.TrimSpace(m.End) != "" {
		end += " lúc " + clock(m.End)
	}
	body(plain("", end+" cùng ngày. Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thống nhất thông qua./.")...)

	secretary := signature{x: doc.left, w: doc.textW() / 2, lines: []string{"THƯ KÝ"}, name: m.Secretary}
	chair := signature{x: doc.left + doc.textW()/2, w: doc.textW() / 2, lines: []string{chairTitle(m)}, name: m.Chair}
	doc.y += 4
	doc.ensure(chair.height())
	top := doc.y
	secretary.draw(doc, top)
	chair.draw(doc, top)
	return doc.finish(w, "biên bản họp Hội đồng")
}

// member finds a council member by name.
func member(m *tdkt.Meeting, name string) (tdkt.Member, bool) {
	for _, x := range m.Members {
		if tdkt.NFC(x.Name) == tdkt.NFC(name) {
			return x, true
		}
	}
	return tdkt.Member{}, false
}

// withRole is "name, role" when the person is a member with a role.
func withRole(m *tdkt.Meeting, name string) string {
	name = tdkt.NFC(name)
	if name == "" {
		return "…"
	}
	if x, ok := member(m, name); ok && tdkt.NFC(x.Role) != "" {
		return name + ", " + tdkt.NFC(x.Role)
	}
	return name
}

// chairTitle is the chair's signature title: the council's chairman signs
// as such, anyone else chairing signs as "CHỦ TỌA".
func chairTitle(m *tdkt.Meeting) string {
	if x, ok := member(m, m.Chair); ok {
		if r := tdkt.Fold(x.Role); r == "chu tich hoi dong" || r == "chu tich" {
			return "CHỦ TỊCH HỘI ĐỒNG"
		}
	}
	return "CHỦ TỌA"
}

// attendance states who attended, who did not (and voted in writing), and
// whether the quorum was met.
func attendance(m *tdkt.Meeting, cat *tdkt.Catalog) string {
	total, present := len(m.Members), m.Present()
	var b strings.Builder
	fmt.Fprintf(&b, "Có mặt %d/%d thành viên Hội đồng.", present, total)
	var absent []string
	for _, x := range m.Members {
		if x.Present {
			continue
		}
		s := tdkt.NFC(x.Name)
		if x.Written {
			s += " (có phiếu biểu quyết bằng văn bản)"
		}
		absent = append(absent, s)
	}
	if len(absent) > 0 {
		fmt.Fprintf(&b, " Vắng mặt %d thành viên: %s.", len(absent), strings.Join(absent, "; "))
	} else {
		b.WriteString(" Không có thành viên vắng mặt.")
	}
	if tdkt.Quorum(present, total, cat.QuorumNum, cat.QuorumDen) {
		fmt.Fprintf(&b, " Số thành viên có mặt bảo đảm tỷ lệ tối thiểu %d/%d tổng số thành viên theo quy định.", cat.QuorumNum, cat.QuorumDen)
	} else {
		fmt.Fprintf(&b, " Số thành viên có mặt không bảo đảm tỷ lệ tối thiểu %d/%d tổng số thành viên theo quy định.", cat.QuorumNum, cat.QuorumDen)
	}
	return b.String()
}

// agenda says what was considered: how many candidates for each award.
func agenda(m *tdkt.Meeting, cat *tdkt.Catalog) string {
	groups := groupAgenda(m.Items, cat)
	if len(groups) == 0 {
		return "Hội đồng không xem xét trường hợp nào."
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = fmt.Sprintf("%s: %d trường hợp", g.name, len(g.items))
	}
	return fmt.Sprintf("Xem xét, bình xét %d trường hợp đề nghị khen thưởng, gồm: %s.", len(m.Items), strings.Join(parts, "; "))
}

// method says how each award was voted on.
func method(groups []awardGroup) string {
	var secret, hands []string
	for _, g := range groups {
		s := false
		for _, it := range g.items {
			s = s || it.Secret
		}
		if s {
			secret = append(secret, g.name)
		} else {
			hands = append(hands, g.name)
		}
	}
	var parts []string
	if len(secret) > 0 {
		parts = append(parts, "bỏ phiếu kín đối với "+strings.Join(secret, ", "))
	}
	if len(hands) > 0 {
		parts = append(parts, "biểu quyết giơ tay đối với "+strings.Join(hands, ", "))
	}
	if len(parts) == 0 {
		return "…"
	}
	s := strings.Join(parts, "; ") + "."
	return capFirst(s)
}

// resultsTable draws the results table and returns, as sentences, the
// counts that could not be accepted.
func resultsTable(doc *doc, m *tdkt.Meeting, groups []awardGroup, cat *tdkt.Catalog) []string {
	cols := fitColumns([]column{
		{title: "STT", w: 11, align: alignCenter},
		{title: "Họ và tên / Tên tập thể"},
		{title: "Hình thức đề nghị", w: 38},
		{title: "Số phiếu đồng ý", w: 20, align: alignCenter},
		{title: "Tỷ lệ % trên tổng số thành viên", w: 26, align: alignCenter},
		{title: "Kết quả", w: 22, align: alignCenter},
	}, 1, doc.textW())
	t := doc.newTable(cols, 12)
	t.begin()
	var problems []string
	total, present := len(m.Members), m.Present()
	n := 0
	for _, g := range groups {
		for _, it := range g.items {
			n++
			votes, pct, result := "", "", "Chưa kiểm phiếu"
			if it.Counted {
				v := tdkt.Evaluate(it.Ballot, total, present, threshold(cat, it.AwardCode), cat)
				votes, pct = fmt.Sprint(it.Ballot.Agree), percent(v.Percent)
				result = "Không đạt"
				if v.Passed {
					result = "Đạt"
				}
				if v.Problem != "" {
					problems = append(problems, fmt.Sprintf("Lưu ý (STT %d, %s): %s.", n, tdkt.NFC(it.Name), v.Problem))
				}
			}
			t.row("", fmt.Sprint(n), it.Name, g.name, votes, pct, result)
		}
	}
	t.end()
	return problems
}

// ballotSummary reports the paper count of an award's vote: once for the
// group when every candidate's count agrees, otherwise per candidate.
func ballotSummary(g awardGroup) string {
	secret := false
	var counted []tdkt.AgendaItem
	for _, it := range g.items {
		secret = secret || it.Secret
		if it.Counted {
			counted = append(counted, it)
		}
	}
	if len(counted) == 0 {
		return g.name + ": chưa kiểm phiếu."
	}
	if !secret {
		return fmt.Sprintf("%s: biểu quyết giơ tay, kết quả theo bảng trên.", g.name)
	}
	paper := func(b tdkt.Ballot) string {
		return fmt.Sprintf("số phiếu phát ra %d, số phiếu thu vào %d, số phiếu hợp lệ %d, số phiếu không hợp lệ %d",
			b.Issued, b.Returned, b.Valid, b.Invalid)
	}
	same := true
	for _, it := range counted[1:] {
		b, a := it.Ballot, counted[0].Ballot
		same = same && b.Issued == a.Issued && b.Returned == a.Returned && b.Valid == a.Valid && b.Invalid == a.Invalid
	}
	if same {
		return fmt.Sprintf("Kiểm phiếu %s: %s.", g.name, paper(counted[0].Ballot))
	}
	parts := make([]string, len(counted))
	for i, it := range counted {
		parts[i] = tdkt.NFC(it.Name) + ": " + paper(it.Ballot)
	}
	return fmt.Sprintf("Kiểm phiếu %s — %s.", g.name, strings.Join(parts, "; "))
}

// conclusion counts, per award, the candidates who reached the threshold.
func conclusion(m *tdkt.Meeting, groups []awardGroup, cat *tdkt.Catalog) string {
	total, present := len(m.Members), m.Present()
	var parts []string
	for _, g := range groups {
		passed := 0
		for _, it := range g.items {
			if it.Counted && tdkt.Evaluate(it.Ballot, total, present, threshold(cat, it.AwardCode), cat).Passed {
				passed++
			}
		}
		parts = append(parts, fmt.Sprintf("%s: %d/%d trường hợp đạt (yêu cầu từ %s%% tổng số thành viên trở lên)",
			g.name, passed, len(g.items), share(threshold(cat, g.code))))
	}
	if len(parts) == 0 {
		return "Không có trường hợp nào được xem xét."
	}
	return "Hội đồng thống nhất đề nghị cấp có thẩm quyền khen thưởng các trường hợp đạt tỷ lệ phiếu theo quy định, cụ thể: " +
		strings.Join(parts, "; ") + "."
}
