package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"tdkt"
)

// This file holds the statistical returns of Circular 02/2023/TT-BNV as
// data (forms) and the counting that fills them (Count0601, Count0602,
// Count0603). The sheets in returns_sheet.go only render a Table, so the
// window can show exactly the numbers that are printed.
//
// The row and column structure follows the forms as published with the
// circular, as far as a public rendering of them could be found (see
// docs/returns.md for the source and every assumption). Lines marked
// "(verify)" in comments are this package's reading, not the circular's
// text.

// Fact is one award as the returns 0602.N and 0603.N count it. The caller
// builds it from the register (tdkt.Award), the catalogue item, the
// recipient (person category, unit kind) and the dossier (who submitted
// it); NewFact fills what the award and the item know.
type Fact struct {
	Code      string         // catalogue item code
	Class     tdkt.Class     // title, form, order, medal, honour, prize, badge
	Authority tdkt.Authority // who decided: president/pm (0602), province (0603)
	Subject   tdkt.Subject   // person, collective or family
	Category  tdkt.Category  // for a person: the recipient row
	UnitKind  tdkt.UnitKind  // for a collective: enterprises are counted apart
	Method    tdkt.Method
	Submitter string // submitting body group, e.g. "Sở, ban, ngành", "UBND cấp xã", "Doanh nghiệp"
	// N is how many awards share these values, so that a caller holding
	// counters passes one fact per counter; 0 means one award.
	N int
}

// weight is the number of awards f stands for.
func (f Fact) weight() int {
	if f.N > 0 {
		return f.N
	}
	return 1
}

// NewFact fills a Fact from a register line and its catalogue item. The
// caller adds the recipient's Category (from the person), UnitKind (from
// the collective's unit) and Submitter (from the dossier).
func NewFact(a *tdkt.Award, it *tdkt.Item) Fact {
	return Fact{Code: it.Code, Class: it.Class, Authority: it.Authority,
		Subject: a.Subject, Method: a.Method}
}

// MovementFact is one emulation movement as return 0601.N counts it.
type MovementFact struct {
	Level    tdkt.Level // launching level; "central" for the national council (verify: no tdkt constant)
	Scope    string     // toàn quốc, toàn tỉnh, ngành, cụm/khối, xã, cơ quan …
	Cluster  bool       // organised by a cluster or bloc (cụm, khối thi đua)
	Thematic bool       // chuyên đề; false for the regular yearly movement
	// Years is the planned length in whole years: 0 for a campaign shorter
	// than a year, 1 for a one-year movement, 5 for a 2021–2025 movement.
	Years int
	// Months, when positive, is the length in months and decides the
	// duration band instead of Years, which cannot tell 18 months (band
	// "từ 1 năm đến dưới 3 năm") from 12 (band "1 năm").
	Months int
}

// NewMovementFact derives a MovementFact from a movement; an open movement
// is measured up to asOf (usually the last day of the reporting year).
func NewMovementFact(m *tdkt.Movement, asOf tdkt.Date) MovementFact {
	end := m.End
	if end.IsZero() {
		end = asOf
	}
	days := int(end.Time().Sub(m.Start.Time()).Hours()/24) + 1 // both days count
	months := 0
	if days > 0 {
		// Nearest whole month, so that 01/01–31/12 is 12 months, not 11.97.
		months = int(float64(days)/30.4375 + 0.5)
	}
	return MovementFact{Level: m.Level, Scope: m.Scope, Cluster: m.ClusterID != "",
		Thematic: m.Thematic, Years: months / 12, Months: max(months, 1)}
}

// LineStyle says how a line of a return is printed and what its numbers
// mean.
type LineStyle int

const (
	LineItem    LineStyle = iota // an ordinary counted line ("- Tập thể")
	LineTotal                    // the grand total (mã số 01)
	LineHeading                  // a section heading without numbers ("1. Chia theo …")
	LineSub                      // a second-level line ("+ Doanh nhân")
	LineOfWhich                  // "Trong đó": a subset of the line above, not a part
)

// Line is one row of a return.
type Line struct {
	Code   string // mã số as printed, e.g. "06"; empty for headings
	Label  string // row label as printed, with its leading "- " or "+ "
	Unit   string // đơn vị tính, for the forms that have the column
	Style  LineStyle
	Values []int // one per column of the table; nil for headings
}

// Group is a column heading: the total column or one award group, split
// into Tập thể / Cá nhân when Subs is set.
type Group struct {
	Label  string
	Number string   // column number printed under the header ("2", "1=(2+3+4)")
	Subs   []string // sub-column labels; nil for a single column
}

// Sum is an identity the numbers of a table obey: the line (or column)
// Total equals the sum of Parts, or is at least that sum when AtLeast is
// set ("trong đó" lines are a subset, and what is left is not printed).
type Sum struct {
	Total   int
	Parts   []int
	AtLeast bool
}

// Table is a filled statistical return: the fixed structure of the form
// with the counts in it. Its shape never depends on the data; lines with
// zeros stay.
type Table struct {
	Form     string   // "0602.N"
	Title    string   // SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC
	Measure  string   // unit of the whole table ("Phong trào") when there is no unit column
	UnitCol  bool     // the form has a "Đơn vị tính" column
	Parts    string   // heading over the part columns ("Chia ra")
	Cols     []string // flat column labels, e.g. "Bằng khen của Thủ tướng Chính phủ – Tập thể"
	Groups   []Group  // the same columns as printed, grouped; Groups[0] is the total
	Rows     []Line
	RowSums  []Sum // identities between lines (indices into Rows)
	ColSums  []Sum // identities between columns (indices into Cols)
	Excluded int   // facts that belong to another return (another level of award)
	Notes    []string
}

// Line returns the line with the given mã số.
func (t *Table) Line(code string) (*Line, bool) {
	for i := range t.Rows {
		if t.Rows[i].Code == code {
			return &t.Rows[i], true
		}
	}
	return nil, false
}

// Value returns the count at line code, column col (0 is the total
// column); 0 for an unknown line.
func (t *Table) Value(code string, col int) int {
	l, ok := t.Line(code)
	if !ok || col < 0 || col >= len(l.Values) {
		return 0
	}
	return l.Values[col]
}

// Check verifies every row and column identity and returns the first that
// fails. The counting keeps them by construction; the check guards edits.
func (t *Table) Check() error {
	for _, s := range t.RowSums {
		for c := range t.Cols {
			sum := 0
			for _, p := range s.Parts {
				sum += t.Rows[p].Values[c]
			}
			if got := t.Rows[s.Total].Values[c]; got != sum && !(s.AtLeast && got > sum) {
				return fmt.Errorf("biểu %s: dòng mã số %s, cột %q là %d, tổng các dòng thành phần là %d",
					t.Form, t.Rows[s.Total].Code, t.Cols[c], got, sum)
			}
		}
	}
	for _, s := range t.ColSums {
		for _, l := range t.Rows {
			if l.Values == nil {
				continue
			}
			sum := 0
			for _, p := range s.Parts {
				sum += l.Values[p]
			}
			if got := l.Values[s.Total]; got != sum && !(s.AtLeast && got > sum) {
				return fmt.Errorf("biểu %s: dòng mã số %s, cột %q là %d, tổng các cột thành phần là %d",
					t.Form, l.Code, t.Cols[s.Total], got, sum)
			}
		}
	}
	return nil
}

// form is the fixed structure of a return, declared once as data.
type form struct {
	code, title, measure, parts string
	unitCol                     bool
	groups                      []Group
	lines                       []Line // without values
	rowSums                     [][]string
	ofWhich                     [][]string // first code ≥ sum of the others
}

// Sub-column labels of the split groups.
const (
	subCollective = "Tập thể"
	subPerson     = "Cá nhân"
)

var splitTC = []string{subCollective, subPerson}

// newTable lays out an empty table of the form: every line, every column,
// zeros everywhere but in headings.
func (fm *form) newTable() Table {
	t := Table{Form: fm.code, Title: fm.title, Measure: fm.measure, UnitCol: fm.unitCol,
		Parts: fm.parts, Groups: fm.groups}
	for _, g := range fm.groups {
		if g.Subs == nil {
			t.Cols = append(t.Cols, g.Label)
			continue
		}
		for _, s := range g.Subs {
			t.Cols = append(t.Cols, g.Label+" – "+s)
		}
	}
	idx := map[string]int{}
	for _, l := range fm.lines {
		if l.Style != LineHeading {
			l.Values = make([]int, len(t.Cols))
			idx[l.Code] = len(t.Rows)
		}
		t.Rows = append(t.Rows, l)
	}
	sums := func(codes [][]string, atLeast bool) {
		for _, cs := range codes {
			s := Sum{Total: idx[cs[0]], AtLeast: atLeast}
			for _, c := range cs[1:] {
				s.Parts = append(s.Parts, idx[c])
			}
			t.RowSums = append(t.RowSums, s)
		}
	}
	sums(fm.rowSums, false)
	sums(fm.ofWhich, true)
	// The total column is the sum of all the others.
	all := Sum{Total: 0}
	for c := 1; c < len(t.Cols); c++ {
		all.Parts = append(all.Parts, c)
	}
	t.ColSums = []Sum{all}
	return t
}

// add counts one into column col (and the total column) of each line.
func (t *Table) add(col int, codes ...string) { t.addN(col, 1, codes...) }

// addN counts n awards on each of the lines codes, in the total column and
// col.
func (t *Table) addN(col, n int, codes ...string) {
	for _, code := range codes {
		l, ok := t.Line(code)
		if !ok {
			panic("xlsx: form has no line " + code) // a bug in the form tables
		}
		l.Values[0] += n
		if col > 0 {
			l.Values[col] += n
		}
	}
}

// colOf returns the flat column index of group g (1-based over the part
// groups, as Groups[g]) for a recipient subject: the Tập thể sub-column for
// collectives and households, Cá nhân for persons.
func (t *Table) colOf(g int, s tdkt.Subject) int {
	col := 0
	for i := 0; i < g; i++ {
		col += max(1, len(t.Groups[i].Subs))
	}
	if t.Groups[g].Subs != nil && s == tdkt.SubjectPerson {
		col++
	}
	return col
}

func (t *Table) note(format string, args ...any) {
	t.Notes = append(t.Notes, fmt.Sprintf(format, args...))
}

// ---------------------------------------------------------------------
// 0601.N Số phong trào thi đua

var form0601 = form{
	code:    "0601.N",
	title:   "SỐ PHONG TRÀO THI ĐUA",
	measure: "Phong trào",
	parts:   "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
	groups: []Group{
		{Label: "Tổng số", Number: "1=(2+3+4)"},
		{Label: "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)", Number: "2"},
		{Label: "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", Number: "3"},
		{Label: "Cơ quan, tổ chức, đơn vị", Number: "4"},
	},
	lines: []Line{
		{Code: "01", Label: "Tổng số", Style: LineTotal},
		{Label: "1. Chia theo phạm vi tổ chức thi đua", Style: LineHeading},
		{Code: "02", Label: "- Toàn quốc"},
		{Code: "03", Label: "- Bộ, ban, ngành, đoàn thể, địa phương"},
		{Code: "04", Label: "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức"},
		{Code: "05", Label: "- Cơ quan, tổ chức, đơn vị"},
		{Label: "2. Chia theo thời hạn thi đua", Style: LineHeading},
		{Code: "06", Label: "- Dưới 1 năm"},
		{Code: "07", Label: "- 1 năm"},
		{Code: "08", Label: "- Từ 1 năm đến dưới 3 năm"},
		{Code: "09", Label: "- Từ 3 năm đến dưới 5 năm"},
		{Code: "10", Label: "- Từ 5 năm trở lên"},
		{Label: "3. Chia theo phương thức tổ chức phong trào thi đua", Style: LineHeading},
		{Code: "11", Label: "- Thi đua theo chuyên đề"},
		{Code: "12", Label: "- Thi đua thường xuyên hằng năm"},
	},
	rowSums: [][]string{
		{"01", "02", "03", "04", "05"},
		{"01", "06", "07", "08", "09", "10"},
		{"01", "11", "12"},
	},
}

// Count0601 fills return 0601.N from the movements of the year.
func Count0601(facts []MovementFact) Table {
	t := form0601.newTable()
	for _, m := range facts {
		col, lines := place0601(m)
		t.add(col, append([]string{"01"}, lines...)...)
	}
	return t
}

// place0601 is where return 0601.N counts a movement: its column, by
// launching level, and its lines of scope, duration and kind. A commune,
// or anything below the province, launches as a "cơ quan, tổ chức, đơn vị"
// (verify).
func place0601(m MovementFact) (col int, lines []string) {
	col = 3
	switch m.Level {
	case tdkt.LevelCentral:
		col = 1
	case tdkt.LevelProvince:
		col = 2
	}
	kind := "12"
	if m.Thematic {
		kind = "11"
	}
	return col, []string{scopeLine(m), durationLine(m), kind}
}

// Describe0601 says in words where return 0601.N counts a movement, so
// that whoever enters it sees how it will be reported.
func Describe0601(m MovementFact) string {
	col, lines := place0601(m)
	label := func(code string) string {
		for _, l := range form0601.lines {
			if l.Code == code {
				return strings.TrimPrefix(l.Label, "- ")
			}
		}
		return code
	}
	var ls []string
	for _, c := range lines {
		ls = append(ls, fmt.Sprintf("%s (mã số %s)", label(c), c))
	}
	return fmt.Sprintf("Biểu 0601.N: cột %s; %s.", form0601.groups[col].Label, strings.Join(ls, "; "))
}

// scopeLine maps a movement's scope to its line. The scope is free text in
// tdkt.Movement ("toàn tỉnh", "cụm/khối", "ngành", "xã"), so it is matched
// on folded words; whatever is not national, provincial or sectoral is a
// movement of a body (cơ quan, tổ chức, đơn vị), which includes a commune
// (verify).
func scopeLine(m MovementFact) string {
	words := tdkt.FoldWords(m.Scope)
	has := func(w string) bool {
		for _, x := range words {
			if x == w {
				return true
			}
		}
		return false
	}
	first := ""
	if len(words) > 0 {
		first = words[0]
	}
	switch {
	case m.Cluster || first == "cum" || first == "khoi":
		return "04"
	case has("quoc"):
		return "02"
	case has("tinh") || has("nganh") || has("phuong") && has("dia") || first == "bo" || has("doan"):
		return "03"
	}
	return "05"
}

// durationLine maps a movement's length to its band. The form's bands
// read "1 năm" and "từ 1 năm đến dưới 3 năm"; the first is taken as exactly
// one year and the second as more than one (verify).
func durationLine(m MovementFact) string {
	months := m.Months
	if months <= 0 {
		months = m.Years * 12
	}
	switch {
	case months < 12:
		return "06"
	case months == 12:
		return "07"
	case months < 36:
		return "08"
	case months < 60:
		return "09"
	}
	return "10"
}

// ---------------------------------------------------------------------
// Lines shared by 0602.N and 0603.N: recipients and methods.

// recipientLines lists the recipient lines with their codes; the codes
// differ between the two forms, the labels do not.
func recipientLines(c []string) []Line {
	return []Line{
		{Code: c[0], Label: "- Tập thể", Unit: "Tập thể"},
		{Code: c[1], Label: "Trong đó: Doanh nghiệp", Unit: "Doanh nghiệp", Style: LineOfWhich},
		{Code: c[2], Label: "- Hộ gia đình", Unit: "Hộ"},
		{Code: c[3], Label: "- Cá nhân", Unit: "Người"},
		{Code: c[4], Label: "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", Unit: "Người", Style: LineSub},
		{Code: c[5], Label: "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", Unit: "Người", Style: LineSub},
		{Code: c[6], Label: "+ Doanh nhân", Unit: "Người", Style: LineSub},
		{Code: c[7], Label: "+ Các cấp lãnh đạo khác từ phó phòng trở lên", Unit: "Người", Style: LineSub},
		{Code: c[8], Label: "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
			Unit: "Người", Style: LineSub},
		// The two "trong đó" lines below are this package's addition
		// (verify): the law and the reform ask to report workers and
		// farmers, and the form has no line for them.
		{Code: c[8] + ".1", Label: "Trong đó: - Công nhân", Unit: "Người", Style: LineOfWhich},
		{Code: c[8] + ".2", Label: "- Nông dân", Unit: "Người", Style: LineOfWhich},
	}
}

// methodLines lists the method lines in the forms' order.
func methodLines(c []string) []Line {
	labels := []string{"- Thường xuyên", "- Chuyên đề", "- Đột xuất", "- Đối ngoại", "- Cống hiến", "- Niên hạn", "- Kháng chiến"}
	lines := make([]Line, len(labels))
	for i, l := range labels {
		lines[i] = Line{Code: c[i], Label: l}
	}
	return lines
}

// methodIndex is the position of a method among methodLines. Awards for
// resistance service (kháng chiến) have no tdkt.Method: the line stays 0.
func methodIndex(m tdkt.Method) (int, bool) {
	switch m {
	case tdkt.MethodRegular:
		return 0, true
	case tdkt.MethodThematic:
		return 1, true
	case tdkt.MethodOneOff:
		return 2, true
	case tdkt.MethodForeign:
		return 3, true
	case tdkt.MethodDedicated:
		return 4, true
	case tdkt.MethodSeniority:
		return 5, true
	}
	return 0, false
}

// categoryIndex is the position of a person's category among the five
// individual lines. Ordinary officers (cán bộ, công chức, viên chức who
// lead nothing) work directly and share the direct workers' line, since
// the form's five lines must cover every person (verify).
func categoryIndex(c tdkt.Category) (int, bool) {
	switch c {
	case tdkt.CatLeaderProvince:
		return 0, true
	case tdkt.CatLeaderDept:
		return 1, true
	case tdkt.CatEntrepreneur:
		return 2, true
	case tdkt.CatLeaderOther:
		return 3, true
	case tdkt.CatWorker, tdkt.CatFarmer, tdkt.CatDirectOther, tdkt.CatOfficer:
		return 4, true
	}
	return 4, false
}

// codes is a helper to declare line codes compactly.
func codes(s string) []string { return strings.Fields(s) }

// countAward adds f's awards to the recipient and method lines of t, whose
// codes are rc (recipients, as recipientLines) and mc (methods).
func (t *Table) countAward(f Fact, col int, rc, mc []string, unknown map[string]int) {
	n := f.weight()
	switch f.Subject {
	case tdkt.SubjectCollective:
		t.addN(col, n, rc[0])
		if f.UnitKind == tdkt.UnitEnterprise {
			t.addN(col, n, rc[1])
		}
	case tdkt.SubjectFamily:
		t.addN(col, n, rc[2])
	case tdkt.SubjectPerson:
		i, ok := categoryIndex(f.Category)
		if !ok {
			unknown["category"] += n
		}
		t.addN(col, n, rc[3], rc[4+i])
		switch f.Category {
		case tdkt.CatWorker:
			t.addN(col, n, rc[8]+".1")
		case tdkt.CatFarmer:
			t.addN(col, n, rc[8]+".2")
		}
	}
	i, ok := methodIndex(f.Method)
	if !ok {
		// The law's default method; counting it keeps the method section
		// adding up to the total.
		unknown["method"] += n
	}
	t.addN(col, n, mc[i])
}

// validSubject reports whether a fact names one kind of recipient; an item's
// "both" is not a recipient.
func validSubject(s tdkt.Subject) bool {
	return s == tdkt.SubjectPerson || s == tdkt.SubjectCollective || s == tdkt.SubjectFamily
}

func (t *Table) noteUnknown(unknown map[string]int) {
	if n := unknown["category"]; n > 0 {
		t.note("%d cá nhân chưa có đối tượng (lãnh đạo, doanh nhân, người trực tiếp lao động…) được tính vào dòng người trực tiếp công tác, lao động", n)
	}
	if n := unknown["method"]; n > 0 {
		t.note("%d khen thưởng chưa rõ phương thức được tính là thường xuyên", n)
	}
	if n := unknown["subject"]; n > 0 {
		t.note("%d khen thưởng không rõ là tập thể, hộ gia đình hay cá nhân nên không được tính", n)
	}
}

// ---------------------------------------------------------------------
// 0602.N Số lượng khen thưởng cấp Nhà nước

// Submitter groups. For 0602.N the form counts by the body that signs the
// proposal to the Prime Minister: a province's office always submits as the
// province, whoever proposed to it, so only SubmitterCentral goes to the
// central line. For 0603.N they are the bodies proposing to the province
// chairman.
const (
	SubmitterCentral    = "Bộ, ban, ngành, đoàn thể Trung ương"
	SubmitterProvince   = "Tỉnh, thành phố trực thuộc Trung ương"
	SubmitterDepartment = "Sở, ban, ngành"
	SubmitterCommune    = "UBND cấp xã"
	SubmitterEnterprise = "Doanh nghiệp"
	SubmitterOther      = "Cơ quan, tổ chức, đơn vị khác"
)

var form0602 = form{
	code:    "0602.N",
	title:   "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
	parts:   "Chia ra",
	unitCol: true,
	groups: []Group{
		{Label: "Tổng số", Number: "1"},
		{Label: "Các loại huân chương, huy chương", Number: "2", Subs: splitTC},
		{Label: "Giải thưởng Hồ Chí Minh", Number: "3"},
		{Label: "Giải thưởng Nhà nước", Number: "4"},
		{Label: "Danh hiệu vinh dự Nhà nước", Number: "5", Subs: splitTC},
		{Label: "Cờ thi đua của Chính phủ", Number: "6"},
		{Label: "Bằng khen của Thủ tướng Chính phủ", Number: "7", Subs: splitTC},
		{Label: "Chiến sĩ thi đua toàn quốc", Number: "8"},
		{Label: "Các hình thức khen thưởng khác", Number: "9", Subs: splitTC},
	},
	lines: slices.Concat(
		[]Line{
			{Code: "01", Label: "Tổng số", Style: LineTotal},
			{Label: "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", Style: LineHeading},
			{Code: "02", Label: "- " + SubmitterCentral, Unit: "Bộ, ngành"},
			{Code: "03", Label: "- " + SubmitterProvince, Unit: "Tỉnh, TP"},
			// Mã số 04 and 05 are not in the only rendering of the form
			// that could be found (verify against the circular).
			{Label: "2. Chia theo đối tượng khen thưởng", Style: LineHeading},
		},
		recipientLines(codes("06 07 08 09 10 11 12 13 14")),
		[]Line{{Label: "3. Chia theo phương thức khen thưởng", Style: LineHeading}},
		methodLines(codes("15 16 17 18 19 20 21")),
	),
	rowSums: [][]string{
		{"01", "02", "03"},
		{"01", "06", "08", "09"},
		{"09", "10", "11", "12", "13", "14"},
		{"01", "15", "16", "17", "18", "19", "20", "21"},
	},
	ofWhich: [][]string{{"06", "07"}, {"14", "14.1", "14.2"}},
}

// Group positions in form0602.groups.
const (
	g2Orders = iota + 1
	g2PrizeHCM
	g2PrizeState
	g2Honour
	g2FlagGov
	g2MeritPM
	g2EmulatorNational
	g2Other
)

// Codes of the default catalogue the returns need where class, subject and
// authority do not tell items apart (verify after a province edits its
// catalogue: a "return column" field on tdkt.Item would make this data).
const (
	codePrizeHCM   = "GTHCM" // Giải thưởng Hồ Chí Minh
	codePrizeState = "GTNN"  // Giải thưởng Nhà nước
	codeFlagPrefix = "CTD"   // Cờ thi đua (CTDCP, CTDT)
)

// group0602 chooses the award group of a state-level award.
func group0602(f Fact) int {
	switch f.Class {
	case tdkt.ClassOrder, tdkt.ClassMedal:
		return g2Orders
	case tdkt.ClassHonour:
		return g2Honour
	case tdkt.ClassPrize:
		switch strings.ToUpper(f.Code) {
		case codePrizeHCM:
			return g2PrizeHCM
		case codePrizeState:
			return g2PrizeState
		}
	case tdkt.ClassForm:
		return g2MeritPM
	case tdkt.ClassTitle:
		// The state's only titles: the Government's flag for collectives,
		// national emulation fighter for persons.
		if f.Subject == tdkt.SubjectPerson {
			return g2EmulatorNational
		}
		return g2FlagGov
	}
	return g2Other
}

// IsState reports whether an award is decided at state level (President or
// Prime Minister) and so belongs to return 0602.N.
func IsState(a tdkt.Authority) bool {
	return a == tdkt.AuthPresident || a == tdkt.AuthPM
}

// Count0602 fills return 0602.N from the awards of the year. Facts of other
// levels are left out and counted in Excluded.
func Count0602(facts []Fact) Table {
	t := form0602.newTable()
	rc, mc := codes("06 07 08 09 10 11 12 13 14"), codes("15 16 17 18 19 20 21")
	unknown := map[string]int{}
	folds, central := folder{}, tdkt.Fold(SubmitterCentral)
	for _, f := range facts {
		n := f.weight()
		if !IsState(f.Authority) {
			t.Excluded += n
			continue
		}
		if !validSubject(f.Subject) {
			unknown["subject"] += n
			t.Excluded += n
			continue
		}
		col := t.colOf(group0602(f), f.Subject)
		line := "03"
		if folds.fold(f.Submitter) == central {
			line = "02"
		}
		t.addN(col, n, "01", line)
		t.countAward(f, col, rc, mc, unknown)
	}
	if t.Excluded > unknown["subject"] {
		t.note("%d khen thưởng không thuộc cấp Nhà nước không được tính vào biểu này", t.Excluded-unknown["subject"])
	}
	t.noteUnknown(unknown)
	return t
}

// ---------------------------------------------------------------------
// 0603.N Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và
// tỉnh, thành phố trực thuộc Trung ương

var form0603 = form{
	code:    "0603.N",
	title:   "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
	parts:   "Chia ra",
	unitCol: true,
	groups: []Group{
		{Label: "Tổng số", Number: "1"},
		// The Tập thể / Cá nhân split of Bằng khen is this package's
		// (verify): the form has one column.
		{Label: "Bằng khen", Number: "2", Subs: splitTC},
		{Label: "Chiến sĩ thi đua cấp bộ, cấp tỉnh", Number: "3"},
		{Label: "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", Number: "4"},
		{Label: "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", Number: "5"},
		// Not on the form (verify): provincial titles such as Tập thể lao
		// động xuất sắc need a column for the total to add up.
		{Label: "Danh hiệu, hình thức khen thưởng khác", Number: "6", Subs: splitTC},
	},
	lines: slices.Concat(
		[]Line{
			{Code: "01", Label: "Tổng số", Style: LineTotal},
			{Label: "1. Chia theo đối tượng khen thưởng", Style: LineHeading},
		},
		recipientLines(codes("02 03 04 05 06 07 08 09 10")),
		[]Line{{Label: "2. Chia theo phương thức khen thưởng", Style: LineHeading}},
		methodLines(codes("11 12 13 14 15 16 17")),
		// Not on the form (verify): the province's own breakdown by the
		// body that submitted the proposal.
		[]Line{
			{Label: "3. Chia theo đơn vị trình khen thưởng", Style: LineHeading},
			{Code: "18", Label: "- Sở, ban, ngành, đoàn thể cấp tỉnh"},
			{Code: "19", Label: "- Ủy ban nhân dân cấp xã"},
			{Code: "20", Label: "- Doanh nghiệp, hợp tác xã"},
			{Code: "21", Label: "- " + SubmitterOther},
		},
	),
	rowSums: [][]string{
		{"01", "02", "04", "05"},
		{"05", "06", "07", "08", "09", "10"},
		{"01", "11", "12", "13", "14", "15", "16", "17"},
		{"01", "18", "19", "20", "21"},
	},
	ofWhich: [][]string{{"02", "03"}, {"10", "10.1", "10.2"}},
}

const (
	g3Merit = iota + 1
	g3Emulator
	g3Flag
	g3Badge
	g3Other
)

// group0603 chooses the award group of a provincial award.
func group0603(f Fact) int {
	switch f.Class {
	case tdkt.ClassForm:
		return g3Merit
	case tdkt.ClassBadge:
		return g3Badge
	case tdkt.ClassTitle:
		if f.Subject == tdkt.SubjectPerson {
			return g3Emulator
		}
		if strings.HasPrefix(strings.ToUpper(f.Code), codeFlagPrefix) {
			return g3Flag
		}
	}
	return g3Other
}

// submitterLines0603 maps folded submitter groups to their 0603.N line.
// The keys are folded once here rather than per fact: tdkt.Fold
// normalises twice and allocates, and a year has thousands of facts.
var submitterLines0603 = map[string]string{
	tdkt.Fold(SubmitterDepartment): "18", tdkt.Fold("Sở, ban, ngành, đoàn thể cấp tỉnh"): "18",
	tdkt.Fold(SubmitterCommune): "19", tdkt.Fold("Ủy ban nhân dân cấp xã"): "19",
	tdkt.Fold(SubmitterEnterprise): "20", tdkt.Fold("Doanh nghiệp, hợp tác xã"): "20",
}

// submitterLine0603 maps a submitter group to its line; anything not
// recognised is "cơ quan, tổ chức, đơn vị khác". folds caches the folded
// submitters of one count: facts repeat a handful of groups.
func submitterLine0603(s string, folds folder) string {
	if line, ok := submitterLines0603[folds.fold(s)]; ok {
		return line
	}
	return "21"
}

// folder memoises tdkt.Fold over the few distinct strings of one count.
type folder map[string]string

func (m folder) fold(s string) string {
	f, ok := m[s]
	if !ok {
		f = tdkt.Fold(s)
		m[s] = f
	}
	return f
}

// Count0603 fills return 0603.N from the awards of the year. Only awards
// decided by the province chairman count: state-level awards are in
// 0602.N, and awards of commune chairmen (Giấy khen, Lao động tiên tiến,
// Chiến sĩ thi đua cơ sở …) belong to no return of the circular. Both are
// counted in Excluded.
func Count0603(facts []Fact) Table {
	t := form0603.newTable()
	rc, mc := codes("02 03 04 05 06 07 08 09 10"), codes("11 12 13 14 15 16 17")
	unknown := map[string]int{}
	folds := folder{}
	for _, f := range facts {
		n := f.weight()
		if f.Authority != tdkt.AuthProvince {
			t.Excluded += n
			continue
		}
		if !validSubject(f.Subject) {
			unknown["subject"] += n
			t.Excluded += n
			continue
		}
		col := t.colOf(group0603(f), f.Subject)
		t.addN(col, n, "01", submitterLine0603(f.Submitter, folds))
		t.countAward(f, col, rc, mc, unknown)
	}
	if t.Excluded > unknown["subject"] {
		t.note("%d khen thưởng không thuộc thẩm quyền Chủ tịch UBND tỉnh (cấp Nhà nước hoặc cấp xã) không được tính vào biểu này", t.Excluded-unknown["subject"])
	}
	t.noteUnknown(unknown)
	return t
}
