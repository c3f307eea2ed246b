package xlsx

import (
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// The fixed shapes of the forms: lines (with headings) × value columns.
var shapes = map[string]struct{ lines, cols int }{
	"0601.N": {15, 4},
	"0602.N": {24, 13},
	"0603.N": {26, 8},
}

func codesOf(t Table) []string {
	var c []string
	for _, l := range t.Rows {
		c = append(c, l.Code)
	}
	return c
}

var (
	allClasses = []tdkt.Class{tdkt.ClassTitle, tdkt.ClassForm, tdkt.ClassOrder, tdkt.ClassMedal,
		tdkt.ClassHonour, tdkt.ClassPrize, tdkt.ClassBadge}
	allAuthorities = []tdkt.Authority{tdkt.AuthCommune, tdkt.AuthProvince, tdkt.AuthPM, tdkt.AuthPresident}
	allUnitKinds   = []tdkt.UnitKind{tdkt.UnitProvince, tdkt.UnitDepartment, tdkt.UnitCommune, tdkt.UnitAgency,
		tdkt.UnitSchool, tdkt.UnitEnterprise, tdkt.UnitVillage, tdkt.UnitArmed, ""}
	allCodes      = []string{"CSTDTQ", "CTDCP", "CTDT", "TTLDXS", "BKTTG", "BKT", "GTHCM", "GTNN", "KNC", "HCLD3", "AHLD", "X"}
	allSubmitters = []string{SubmitterCentral, SubmitterProvince, SubmitterDepartment, SubmitterCommune,
		SubmitterEnterprise, "Trường Đại học Sơn Lâm", ""}
)

// randomFacts draws facts over every value the mapping knows, plus some it
// does not (empty method and category, "both" as a subject).
func randomFacts(r *rand.Rand, n int) []Fact {
	pick := func(k int) int { return r.IntN(k) }
	subjects := []tdkt.Subject{tdkt.SubjectPerson, tdkt.SubjectPerson, tdkt.SubjectCollective,
		tdkt.SubjectFamily, tdkt.SubjectBoth}
	cats := append(slices.Clone(tdkt.Categories), "")
	methods := append(slices.Clone(tdkt.Methods), "")
	facts := make([]Fact, n)
	for i := range facts {
		facts[i] = Fact{
			Code:      allCodes[pick(len(allCodes))],
			Class:     allClasses[pick(len(allClasses))],
			Authority: allAuthorities[pick(len(allAuthorities))],
			Subject:   subjects[pick(len(subjects))],
			Category:  cats[pick(len(cats))],
			UnitKind:  allUnitKinds[pick(len(allUnitKinds))],
			Method:    methods[pick(len(methods))],
			Submitter: allSubmitters[pick(len(allSubmitters))],
		}
	}
	return facts
}

func randomMovements(r *rand.Rand, n int) []MovementFact {
	levels := []tdkt.Level{tdkt.LevelCentral, tdkt.LevelProvince, tdkt.LevelCommune, ""}
	scopes := []string{"Toàn quốc", "Toàn tỉnh", "Ngành giáo dục", "cụm/khối", "Khối các sở", "Xã Quảng Lâm", "Trường THCS", ""}
	ms := make([]MovementFact, n)
	for i := range ms {
		ms[i] = MovementFact{Level: levels[r.IntN(len(levels))], Scope: scopes[r.IntN(len(scopes))],
			Cluster: r.IntN(5) == 0, Thematic: r.IntN(2) == 0, Years: r.IntN(7)}
		if r.IntN(3) == 0 {
			ms[i].Months = r.IntN(80)
		}
	}
	return ms
}

// tables fills the three returns from the same random data.
func tables(seed uint64, n int) []Table {
	r := rand.New(rand.NewPCG(seed, seed+1))
	facts := randomFacts(r, n)
	return []Table{Count0601(randomMovements(r, n)), Count0602(facts), Count0603(facts)}
}

func TestReturnShapeIsFixed(t *testing.T) {
	empty := []Table{Count0601(nil), Count0602(nil), Count0603(nil)}
	full := tables(7, 500)
	for i, e := range empty {
		f := full[i]
		want := shapes[e.Form]
		if len(e.Rows) != want.lines || len(e.Cols) != want.cols {
			t.Errorf("%s empty: %d lines × %d columns, want %d × %d", e.Form, len(e.Rows), len(e.Cols), want.lines, want.cols)
		}
		if !slices.Equal(codesOf(e), codesOf(f)) || !slices.Equal(e.Cols, f.Cols) {
			t.Errorf("%s: the structure changes with the data", e.Form)
		}
		for _, l := range e.Rows {
			if l.Style == LineHeading {
				if l.Values != nil || l.Code != "" {
					t.Errorf("%s heading %q has a code or numbers", e.Form, l.Label)
				}
				continue
			}
			if len(l.Values) != len(e.Cols) {
				t.Errorf("%s line %s has %d values for %d columns", e.Form, l.Code, len(l.Values), len(e.Cols))
			}
			for _, v := range l.Values {
				if v != 0 {
					t.Errorf("%s line %s is not zero without data", e.Form, l.Code)
				}
			}
		}
		if err := e.Check(); err != nil {
			t.Error(err)
		}
		// Codes are unique and non-empty lines are never dropped.
		seen := map[string]bool{}
		for _, c := range codesOf(e) {
			if c != "" && seen[c] {
				t.Errorf("%s: code %s twice", e.Form, c)
			}
			seen[c] = true
		}
	}
}

// TestReturnTotalsAddUp checks every identity of the forms on random data
// (fixed seeds), and the grand totals against an independent count.
func TestReturnTotalsAddUp(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		r := rand.New(rand.NewPCG(seed, 99))
		facts := randomFacts(r, 3000)
		moves := randomMovements(r, 800)
		for _, tb := range []Table{Count0601(moves), Count0602(facts), Count0603(facts)} {
			if err := tb.Check(); err != nil {
				t.Errorf("seed %d: %v", seed, err)
			}
			// Spell the identities out once more, without Check.
			total, _ := tb.Line("01")
			for _, s := range tb.RowSums {
				for c := range tb.Cols {
					sum := 0
					for _, p := range s.Parts {
						sum += tb.Rows[p].Values[c]
					}
					got := tb.Rows[s.Total].Values[c]
					if got < sum || (!s.AtLeast && got != sum) {
						t.Errorf("seed %d %s line %s col %d: %d vs parts %d", seed, tb.Form, tb.Rows[s.Total].Code, c, got, sum)
					}
				}
			}
			for _, l := range tb.Rows {
				if l.Values == nil {
					continue
				}
				sum := 0
				for _, v := range l.Values[1:] {
					sum += v
				}
				if l.Values[0] != sum {
					t.Errorf("seed %d %s line %s: total column %d, parts %d", seed, tb.Form, l.Code, l.Values[0], sum)
				}
			}
			var want int
			switch tb.Form {
			case "0601.N":
				want = len(moves)
			case "0602.N":
				want = countIf(facts, func(f Fact) bool { return IsState(f.Authority) && validSubject(f.Subject) })
			case "0603.N":
				want = countIf(facts, func(f Fact) bool { return f.Authority == tdkt.AuthProvince && validSubject(f.Subject) })
			}
			if total.Values[0] != want {
				t.Errorf("seed %d %s: total %d, want %d", seed, tb.Form, total.Values[0], want)
			}
			if tb.Form != "0601.N" && total.Values[0]+tb.Excluded != len(facts) {
				t.Errorf("seed %d %s: %d counted + %d excluded != %d facts", seed, tb.Form, total.Values[0], tb.Excluded, len(facts))
			}
		}
		// Farmers and enterprises, counted independently.
		t3 := Count0603(facts)
		farmers := countIf(facts, func(f Fact) bool {
			return f.Authority == tdkt.AuthProvince && f.Subject == tdkt.SubjectPerson && f.Category == tdkt.CatFarmer
		})
		if got := t3.Value("10.2", 0); got != farmers {
			t.Errorf("seed %d: 0603 farmers %d, want %d", seed, got, farmers)
		}
		firms := countIf(facts, func(f Fact) bool {
			return IsState(f.Authority) && f.Subject == tdkt.SubjectCollective && f.UnitKind == tdkt.UnitEnterprise
		})
		t2 := Count0602(facts)
		if got := t2.Value("07", 0); got != firms {
			t.Errorf("seed %d: 0602 enterprises %d, want %d", seed, got, firms)
		}
	}
}

func countIf(facts []Fact, ok func(Fact) bool) int {
	n := 0
	for _, f := range facts {
		if ok(f) {
			n++
		}
	}
	return n
}

func repeat(f Fact, n int) []Fact {
	out := make([]Fact, n)
	for i := range out {
		out[i] = f
	}
	return out
}

// Column indices of the forms, spelled out so that a change of the form
// tables shows here.
const (
	c2OrderTT, c2OrderCN = 1, 2
	c2PrizeHCM           = 3
	c2HonourTT           = 5
	c2FlagGov            = 7
	c2MeritPMCN          = 9
	c2EmulatorNational   = 10
	c2OtherTT            = 11

	c3MeritTT, c3MeritCN = 1, 2
	c3Emulator           = 3
	c3Flag               = 4
	c3Badge              = 5
	c3OtherTT            = 6
)

type cellWant struct {
	code  string
	col   int
	value int
}

func TestReturnCountsLandInTheRightCells(t *testing.T) {
	bkt := Fact{Code: "BKT", Class: tdkt.ClassForm, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectPerson,
		Category: tdkt.CatFarmer, Method: tdkt.MethodRegular, Submitter: SubmitterCommune}
	cases := []struct {
		name     string
		count    func([]Fact) Table
		facts    []Fact
		want     []cellWant
		excluded int
	}{
		{"3 farmers with Bằng khen tỉnh", Count0603, repeat(bkt, 3), []cellWant{
			{"01", 0, 3}, {"01", c3MeritCN, 3}, {"05", c3MeritCN, 3}, {"10", c3MeritCN, 3},
			{"10.2", c3MeritCN, 3}, {"10.1", c3MeritCN, 0}, {"10.2", c3MeritTT, 0}, {"02", 0, 0},
			{"11", c3MeritCN, 3}, {"19", c3MeritCN, 3}, {"18", 0, 0}}, 0},
		{"enterprise collectives with the provincial flag", Count0603, repeat(Fact{Code: "CTDT", Class: tdkt.ClassTitle,
			Authority: tdkt.AuthProvince, Subject: tdkt.SubjectCollective, UnitKind: tdkt.UnitEnterprise,
			Method: tdkt.MethodThematic, Submitter: "Doanh nghiệp"}, 2), []cellWant{
			{"01", c3Flag, 2}, {"02", c3Flag, 2}, {"03", c3Flag, 2}, {"12", c3Flag, 2}, {"20", c3Flag, 2}}, 0},
		{"household, excellent collective, badge, emulation fighter", Count0603, []Fact{
			{Code: "BKT", Class: tdkt.ClassForm, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectFamily, Method: tdkt.MethodOneOff},
			{Code: "TTLDXS", Class: tdkt.ClassTitle, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectCollective,
				UnitKind: tdkt.UnitSchool, Method: tdkt.MethodRegular, Submitter: SubmitterDepartment},
			{Code: "KNC", Class: tdkt.ClassBadge, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectPerson,
				Category: tdkt.CatOfficer, Method: tdkt.MethodDedicated},
			{Code: "CSTDT", Class: tdkt.ClassTitle, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectPerson,
				Category: tdkt.CatLeaderDept, Method: tdkt.MethodRegular},
		}, []cellWant{
			{"04", c3MeritTT, 1}, {"13", c3MeritTT, 1}, {"21", c3MeritTT, 1},
			{"02", c3OtherTT, 1}, {"03", 0, 0}, {"18", c3OtherTT, 1},
			{"10", c3Badge, 1}, {"10.1", 0, 0}, {"15", c3Badge, 1},
			{"07", c3Emulator, 1}, {"01", 0, 4}}, 0},
		{"commune and state awards stay out of 0603", Count0603, []Fact{
			{Code: "GK", Class: tdkt.ClassForm, Authority: tdkt.AuthCommune, Subject: tdkt.SubjectPerson},
			{Code: "BKTTG", Class: tdkt.ClassForm, Authority: tdkt.AuthPM, Subject: tdkt.SubjectPerson},
		}, []cellWant{{"01", 0, 0}}, 2},
		{"state awards", Count0602, []Fact{
			{Code: "HCLD3", Class: tdkt.ClassOrder, Authority: tdkt.AuthPresident, Subject: tdkt.SubjectPerson,
				Category: tdkt.CatLeaderDept, Method: tdkt.MethodDedicated},
			{Code: "HCLD3", Class: tdkt.ClassOrder, Authority: tdkt.AuthPresident, Subject: tdkt.SubjectCollective,
				UnitKind: tdkt.UnitEnterprise, Method: tdkt.MethodRegular},
			{Code: "GTHCM", Class: tdkt.ClassPrize, Authority: tdkt.AuthPresident, Subject: tdkt.SubjectPerson,
				Category: tdkt.CatOfficer, Method: tdkt.MethodRegular},
			{Code: "AHLD", Class: tdkt.ClassHonour, Authority: tdkt.AuthPresident, Subject: tdkt.SubjectCollective,
				Method: tdkt.MethodOneOff},
			{Code: "CTDCP", Class: tdkt.ClassTitle, Authority: tdkt.AuthPM, Subject: tdkt.SubjectCollective,
				Method: tdkt.MethodRegular, Submitter: SubmitterCentral},
			{Code: "BKTTG", Class: tdkt.ClassForm, Authority: tdkt.AuthPM, Subject: tdkt.SubjectPerson,
				Category: tdkt.CatWorker, Method: tdkt.MethodForeign},
			{Code: "CSTDTQ", Class: tdkt.ClassTitle, Authority: tdkt.AuthPM, Subject: tdkt.SubjectPerson,
				Category: tdkt.CatEntrepreneur, Method: tdkt.MethodSeniority},
			{Code: "KNC", Class: tdkt.ClassBadge, Authority: tdkt.AuthPM, Subject: tdkt.SubjectCollective},
			{Code: "BKT", Class: tdkt.ClassForm, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectPerson},
		}, []cellWant{
			{"01", 0, 8}, {"02", c2FlagGov, 1}, {"03", 0, 7},
			{"09", c2OrderCN, 1}, {"11", c2OrderCN, 1}, {"19", c2OrderCN, 1},
			{"06", c2OrderTT, 1}, {"07", c2OrderTT, 1},
			{"14", c2PrizeHCM, 1}, {"14.1", c2PrizeHCM, 0},
			{"06", c2HonourTT, 1}, {"17", c2HonourTT, 1},
			{"06", c2FlagGov, 1},
			{"14", c2MeritPMCN, 1}, {"14.1", c2MeritPMCN, 1}, {"18", c2MeritPMCN, 1},
			{"12", c2EmulatorNational, 1}, {"20", c2EmulatorNational, 1},
			{"06", c2OtherTT, 1}, {"15", c2OtherTT, 1}, // no method: counted as regular
			{"21", 0, 0}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := c.count(c.facts)
			for _, w := range c.want {
				if _, ok := tb.Line(w.code); !ok {
					t.Fatalf("%s has no line %s", tb.Form, w.code)
				}
				if got := tb.Value(w.code, w.col); got != w.value {
					t.Errorf("%s line %s column %q = %d, want %d", tb.Form, w.code, tb.Cols[w.col], got, w.value)
				}
			}
			if tb.Excluded != c.excluded {
				t.Errorf("excluded %d, want %d", tb.Excluded, c.excluded)
			}
			if err := tb.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestReturnNotes(t *testing.T) {
	tb := Count0603([]Fact{
		{Class: tdkt.ClassForm, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectPerson},
		{Class: tdkt.ClassForm, Authority: tdkt.AuthProvince, Subject: tdkt.SubjectBoth},
		{Class: tdkt.ClassForm, Authority: tdkt.AuthCommune, Subject: tdkt.SubjectPerson},
	})
	joined := strings.Join(tb.Notes, "\n")
	for _, want := range []string{"chưa có đối tượng", "chưa rõ phương thức", "không rõ là tập thể", "không thuộc thẩm quyền"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes %q lack %q", joined, want)
		}
	}
	if tb.Excluded != 2 || tb.Value("01", 0) != 1 || tb.Value("10", c3MeritCN) != 1 {
		t.Errorf("excluded %d, total %d", tb.Excluded, tb.Value("01", 0))
	}
}

func TestCount0601(t *testing.T) {
	tb := Count0601([]MovementFact{
		{Level: tdkt.LevelProvince, Scope: "Toàn tỉnh", Years: 1},
		{Level: tdkt.LevelCommune, Scope: "Cụm thi đua số 3", Cluster: true, Thematic: true, Years: 3},
		{Level: tdkt.LevelCentral, Scope: "Toàn quốc", Years: 5},
		{Level: tdkt.LevelProvince, Scope: "Ngành giáo dục", Months: 18},
		{Level: tdkt.LevelCommune, Scope: "Xã Quảng Lâm", Thematic: true, Years: 0},
		{Level: tdkt.LevelProvince, Scope: "Khối các sở, ngành", Months: 36},
	})
	for _, w := range []cellWant{
		{"01", 0, 6}, {"01", 1, 1}, {"01", 2, 3}, {"01", 3, 2},
		{"03", 2, 2}, {"07", 2, 1}, {"12", 2, 3},
		{"04", 3, 1}, {"09", 3, 1}, {"11", 3, 2},
		{"02", 1, 1}, {"10", 1, 1},
		{"08", 2, 1}, {"05", 3, 1}, {"06", 3, 1},
		{"04", 2, 1}, {"09", 2, 1},
	} {
		if got := tb.Value(w.code, w.col); got != w.value {
			t.Errorf("0601 line %s column %q = %d, want %d", w.code, tb.Cols[w.col], got, w.value)
		}
	}
	if err := tb.Check(); err != nil {
		t.Error(err)
	}
}

func TestNewMovementFact(t *testing.T) {
	asOf := tdkt.D(2025, 12, 31)
	for _, c := range []struct {
		start, end tdkt.Date
		line       string
	}{
		{tdkt.D(2025, 1, 1), tdkt.D(2025, 12, 31), "07"},
		{tdkt.D(2021, 1, 1), tdkt.D(2025, 12, 31), "10"},
		{tdkt.D(2025, 5, 1), tdkt.D(2025, 7, 31), "06"},
		{tdkt.D(2024, 7, 1), tdkt.D(2025, 12, 31), "08"},
		{tdkt.D(2023, 1, 1), tdkt.Date{}, "09"}, // open, measured to asOf
	} {
		m := &tdkt.Movement{Level: tdkt.LevelProvince, Scope: "Toàn tỉnh", Start: c.start, End: c.end}
		if got := durationLine(NewMovementFact(m, asOf)); got != c.line {
			t.Errorf("%s–%s: line %s, want %s", c.start, c.end, got, c.line)
		}
	}
}

// TestReturnSheets renders each return and reads every number back from
// the cell the form puts it in.
func TestReturnSheets(t *testing.T) {
	h := testHeader()
	r := rand.New(rand.NewPCG(42, 43))
	facts := randomFacts(r, 400)
	moves := randomMovements(r, 60)
	renders := []struct {
		table  Table
		render func(io.Writer) error
		empty  func(io.Writer) error
		titles string
	}{
		{Count0601(moves), func(w io.Writer) error { return Return0601(w, h, moves) },
			func(w io.Writer) error { return Return0601(w, h, nil) }, "'0601.N'!$8:$10"},
		{Count0602(facts), func(w io.Writer) error { return Return0602(w, h, facts) },
			func(w io.Writer) error { return Return0602(w, h, nil) }, "'0602.N'!$8:$11"},
		{Count0603(facts), func(w io.Writer) error { return Return0603(w, h, facts) },
			func(w io.Writer) error { return Return0603(w, h, nil) }, "'0603.N'!$8:$11"},
	}
	for _, rd := range renders {
		tb := rd.table
		t.Run(tb.Form, func(t *testing.T) {
			path := writeFile(t, tb.Form+".xlsx", rd.render)
			f := openBook(t, path)
			sh := tb.Form
			l := layoutFor(&tb)
			wantText(t, f, sh, "A1", "Biểu số: "+tb.Form+"/BNV-TĐKT")
			wantText(t, f, sh, "A2", Circular)
			wantText(t, f, sh, cellName(l.rightStart, 1), "Đơn vị báo cáo: Sở Nội vụ tỉnh Sơn Lâm")
			wantText(t, f, sh, cellName(l.rightStart, 2), "Đơn vị nhận báo cáo: Bộ Nội vụ")
			wantText(t, f, sh, "A5", tb.Title)
			wantText(t, f, sh, "A6", "Năm 2025")

			// Find the first line and compare every cell with the table.
			first := 0
			for row := ReturnHeaderRow; row < ReturnHeaderRow+6; row++ {
				if text(t, f, sh, cellName(1, row)) == "Tổng số" {
					first = row
					break
				}
			}
			if first == 0 {
				t.Fatal("no Tổng số line")
			}
			for i, ln := range tb.Rows {
				row := first + i
				if got := text(t, f, sh, cellName(1, row)); got != ln.Label {
					t.Errorf("row %d label %q, want %q", row, got, ln.Label)
				}
				if ln.Code != "" {
					wantText(t, f, sh, cellName(2, row), ln.Code)
				}
				if ln.Unit != "" {
					wantText(t, f, sh, cellName(3, row), ln.Unit)
				}
				for c := range tb.Cols {
					ref := cellName(l.first+c, row)
					if ln.Values == nil {
						if v := raw(t, f, sh, ref); v != "" {
							t.Errorf("heading cell %s = %q, want empty", ref, v)
						}
						continue
					}
					wantNumber(t, f, sh, ref, float64(ln.Values[c]))
				}
			}
			// Header merged as on the form, numbering row, footer.
			merged, err := f.GetMergeCells(sh)
			if err != nil {
				t.Fatal(err)
			}
			if !hasMerge(merged, cellName(l.first+1, ReturnHeaderRow), tb.Parts) {
				t.Errorf("no merged %q header at %s", tb.Parts, cellName(l.first+1, ReturnHeaderRow))
			}
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			all := flatten(rows)
			for _, want := range []string{"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Hoàng Thị Nguyệt", "Đỗ Văn Ước",
				"Sơn Lâm, ngày 10 tháng 12 năm 2025", "(Ký, họ tên, đóng dấu)"} {
				if !strings.Contains(all, want) {
					t.Errorf("sheet lacks %q", want)
				}
			}
			p, err := f.GetPanes(sh)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Freeze || p.YSplit != first-1 || p.XSplit != l.first-1 {
				t.Errorf("panes %+v, want frozen above row %d and left of column %d", p, first, l.first)
			}
			checkPrintSetup(t, f, sh, 1, rd.titles)

			// Empty input: the same sheet, zeros in it.
			ef := openBook(t, writeFile(t, "empty-"+tb.Form+".xlsx", rd.empty))
			erows, err := ef.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			if len(erows) != len(rows) {
				t.Errorf("empty return has %d rows, with data %d", len(erows), len(rows))
			}
			wantNumber(t, ef, sh, cellName(l.first, first), 0)
			wantNumber(t, ef, sh, cellName(l.last, first+len(tb.Rows)-1), 0)
		})
	}
}

func hasMerge(merged []excelize.MergeCell, start, value string) bool {
	for _, m := range merged {
		if m.GetStartAxis() == start && m.GetCellValue() == value {
			return true
		}
	}
	return false
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		for _, c := range r {
			b.WriteString(c)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestWeightedFactsCountAsRepeated: a fact with N stands for N equal
// facts, so callers holding counters get the table the awards one by one
// give, notes and exclusions included.
func TestWeightedFactsCountAsRepeated(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	facts := randomFacts(r, 300)
	var each, weighted []Fact
	for i, f := range facts {
		n := 1 + i%4
		each = append(each, repeat(f, n)...)
		f.N = n
		weighted = append(weighted, f)
	}
	for _, c := range []struct {
		name  string
		count func([]Fact) Table
	}{{"0602", Count0602}, {"0603", Count0603}} {
		want, got := c.count(each), c.count(weighted)
		if !slices.EqualFunc(want.Rows, got.Rows, func(a, b Line) bool { return slices.Equal(a.Values, b.Values) }) ||
			want.Excluded != got.Excluded || !slices.Equal(want.Notes, got.Notes) {
			t.Errorf("%s: weighted facts give another table:\n%+v\nwant\n%+v", c.name, got, want)
		}
		if want.Rows[0].Values[0] == 0 {
			t.Errorf("%s: nothing counted, the comparison proves nothing", c.name)
		}
	}
}

// TestDescribe0601 says where a movement is counted, and Count0601
// counts it there.
func TestDescribe0601(t *testing.T) {
	tests := []struct {
		m     MovementFact
		want  string
		col   int
		lines []string
	}{
		{MovementFact{Level: tdkt.LevelCentral, Scope: "Toàn quốc", Years: 5, Months: 60},
			"Biểu 0601.N: cột Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương); Toàn quốc (mã số 02); Từ 5 năm trở lên (mã số 10); Thi đua thường xuyên hằng năm (mã số 12).",
			1, []string{"02", "10", "12"}},
		{MovementFact{Level: tdkt.LevelProvince, Scope: "toàn tỉnh", Cluster: true, Thematic: true, Months: 12},
			"Biểu 0601.N: cột Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương; Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức (mã số 04); 1 năm (mã số 07); Thi đua theo chuyên đề (mã số 11).",
			2, []string{"04", "07", "11"}},
		{MovementFact{Level: tdkt.LevelCommune, Scope: "xã", Months: 3},
			"Biểu 0601.N: cột Cơ quan, tổ chức, đơn vị; Cơ quan, tổ chức, đơn vị (mã số 05); Dưới 1 năm (mã số 06); Thi đua thường xuyên hằng năm (mã số 12).",
			3, []string{"05", "06", "12"}},
	}
	for _, tt := range tests {
		if got := Describe0601(tt.m); got != tt.want {
			t.Errorf("%+v:\n got %q\nwant %q", tt.m, got, tt.want)
		}
		tab := Count0601([]MovementFact{tt.m})
		for _, c := range append([]string{"01"}, tt.lines...) {
			if n := tab.Value(c, tt.col); n != 1 {
				t.Errorf("%+v: line %s column %d counts %d", tt.m, c, tt.col, n)
			}
		}
	}
}
