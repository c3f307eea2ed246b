package pdf

import (
	"fmt"
	"strings"

	"tdkt"
)

// listGroup is one section of the attached list.
type listGroup struct {
	label   string
	entries []tdkt.ListEntry
}

// groupList puts individuals first, then collectives, then households, each
// in Vietnamese order: people by given name (tdkt.CompareNames, through
// collation keys), the others by their whole name (collate).
func groupList(list []tdkt.ListEntry) []listGroup {
	groups := []listGroup{{label: "CÁ NHÂN"}, {label: "TẬP THỂ"}, {label: "HỘ GIA ĐÌNH"}}
	for _, e := range list {
		switch e.Subject {
		case tdkt.SubjectPerson:
			groups[0].entries = append(groups[0].entries, e)
		case tdkt.SubjectFamily:
			groups[2].entries = append(groups[2].entries, e)
		default:
			groups[1].entries = append(groups[1].entries, e)
		}
	}
	sortEntries(groups[0].entries, tdkt.NewNameKey)
	sortEntries(groups[1].entries, collateKey)
	sortEntries(groups[2].entries, tdkt.NewNameKey)
	var out []listGroup
	for _, g := range groups {
		if len(g.entries) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// listHeading is the second part of the list's title, who receives what:
// "CÁ NHÂN, TẬP THỂ ĐƯỢC TẶNG" and "BẰNG KHEN …", kept apart so that a
// heading too long for one line breaks between them and not inside the
// award's name.
func listHeading(groups []listGroup, item *tdkt.Item) (string, string) {
	var who []string
	for _, g := range groups {
		who = append(who, g.label)
	}
	what := ""
	if item != nil {
		what = tdkt.UpperVN(item.Name)
		if item.Class == tdkt.ClassTitle {
			what = "DANH HIỆU " + what
		}
	}
	return strings.Join(who, ", ") + " ĐƯỢC TẶNG", what
}

// roman numbers the groups of a list.
var roman = []string{"I", "II", "III", "IV"}

// decisionList lays out the list attached to the decision.
func decisionList(doc *doc, d *tdkt.Decision, item *tdkt.Item) {
	groups := groupList(d.List)
	doc.title("DANH SÁCH", bodySize)
	who, what := listHeading(groups, item)
	doc.font("B", bodySize)
	if doc.width(who+" "+what) <= doc.textW() {
		doc.title(who+" "+what, bodySize)
	} else {
		doc.title(who, bodySize)
		doc.title(what, bodySize)
	}
	number := d.NumberText()
	if d.Number == 0 {
		number = "…/" + d.Symbol
	}
	doc.paragraph(para{runs: plain("I", fmt.Sprintf("(Kèm theo Quyết định số %s %s của %s)",
		number, dateWords(d.Date), normalCase(d.Authority))),
		size: bodySize, x: doc.left, w: doc.textW(), align: alignCenter, balance: true})
	doc.summaryRule()
	doc.y += 2

	total := d.Total()
	cols := []column{
		{title: "STT", w: 12, align: alignCenter},
		{title: "Họ và tên / Tên tập thể", w: 50},
		{title: "Chức vụ, đơn vị"},
	}
	if total != 0 {
		cols = append(cols, column{title: "Tiền thưởng (đồng)", w: 30, align: alignRight})
	}
	cols = fitColumns(cols, 2, doc.textW())
	t := doc.newTable(cols, 13)
	var rows [][]cell
	n := 0
	for gi, g := range groups {
		if len(groups) > 1 {
			rows = append(rows, []cell{{text: roman[gi] + ". " + g.label, style: "B", span: len(cols)}})
		}
		for _, e := range g.entries {
			n++
			row := []string{fmt.Sprint(n), e.Name, e.Position}
			if total != 0 {
				row = append(row, money(e.Bonus))
			}
			rows = append(rows, t.bodyCells("", row...))
		}
	}
	// What must share a page with the last row: the total and the amount
	// in words.
	var sum []cell
	var words string
	tail := 0.0
	if total != 0 {
		sum = []cell{{text: "Tổng cộng", style: "B", align: alignCenter, span: 3},
			{text: tdkt.Money(total), style: "B", align: alignRight}}
		words = "Bằng chữ: " + tdkt.MoneyWords(total) + "./."
		_, h := t.measure(sum, t.size)
		doc.font("I", 13)
		tail = h + 2 + float64(len(doc.wrap(words, doc.textW())))*lineH(13)
	}
	t.begin()
	for i, r := range rows {
		if i == len(rows)-1 {
			t.keep(r, tail)
		} else {
			t.cells(r)
		}
	}
	if sum != nil {
		t.cells(sum)
	}
	t.end()
	if words != "" {
		doc.y += 2
		doc.paragraph(para{runs: plain("I", words), size: 13, x: doc.left, w: doc.textW()})
	}
}

// money is a bonus in figures, empty for none.
func money(v int64) string {
	if v == 0 {
		return ""
	}
	return tdkt.Money(v)
}
