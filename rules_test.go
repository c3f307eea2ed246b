package tdkt_test

import (
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/assets"
)

func catalog(t *testing.T) *tdkt.Catalog {
	t.Helper()
	c, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatalf("embedded catalogue: %v", err)
	}
	return c
}

func TestCatalogHasEveryTitleAndForm(t *testing.T) {
	c := catalog(t)
	for _, name := range []string{"Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cơ sở",
		"Lao động tiên tiến", "Cờ thi đua của Chính phủ", "Cờ thi đua cấp tỉnh", "Tập thể lao động xuất sắc",
		"Tập thể lao động tiên tiến", "Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Chủ tịch UBND tỉnh",
		"Giấy khen", "Huân chương Lao động hạng Ba", "Huân chương Sao vàng", "Huân chương Hồ Chí Minh",
		"Huân chương Độc lập hạng Nhất", "Huân chương Quân công hạng Ba", "Huân chương Bảo vệ Tổ quốc hạng Nhì",
		"Huân chương Chiến công hạng Ba", "Huân chương Đại đoàn kết dân tộc", "Huân chương Dũng cảm",
		"Huân chương Hữu nghị", "Anh hùng Lao động", "Anh hùng Lực lượng vũ trang nhân dân",
		"Giải thưởng Hồ Chí Minh", "Giải thưởng Nhà nước", "Kỷ niệm chương", "Gia đình văn hóa"} {
		found := false
		for _, it := range c.Items {
			found = found || it.Name == name
		}
		if !found {
			t.Errorf("catalogue lacks %q", name)
		}
	}
}

func TestCatalogValidateRejects(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(c *tdkt.Catalog)
		wants string
	}{
		{"duplicate code", func(c *tdkt.Catalog) { c.Items = append(c.Items, c.Items[0]) }, "bị trùng"},
		{"threshold over 100", func(c *tdkt.Catalog) { c.Items[0].Threshold = 120 }, "ngoài khoảng"},
		{"unknown award in criterion", func(c *tdkt.Catalog) { c.Items[0].Criteria[0].Awards = []string{"XYZ"} }, "XYZ"},
		{"unknown criterion type", func(c *tdkt.Catalog) { c.Items[0].Criteria[0].Type = "magic" }, "magic"},
		{"no salary", func(c *tdkt.Catalog) { c.BaseSalary = nil }, "lương cơ sở"},
		{"no legal grounds", func(c *tdkt.Catalog) { c.Bases = nil }, "thiếu căn cứ"},
		{"bad quorum", func(c *tdkt.Catalog) { c.QuorumNum = 4 }, "túc số"},
		{"negative coefficient", func(c *tdkt.Catalog) { c.Items[1].CoefPerson = -1 }, "âm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := catalog(t)
			tt.edit(c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.wants) {
				t.Fatalf("Validate() = %v, want error containing %q", err, tt.wants)
			}
		})
	}
	if _, err := tdkt.ParseCatalog([]byte("{not json")); err == nil {
		t.Fatal("ParseCatalog accepted broken JSON")
	}
}

func TestBonus(t *testing.T) {
	c := catalog(t)
	after := tdkt.D(2024, time.July, 1)   // 2,340,000 in force
	before := tdkt.D(2024, time.June, 30) // 1,800,000 in force
	tests := []struct {
		code    string
		subject tdkt.Subject
		date    tdkt.Date
		want    int64
	}{
		{"LDTT", tdkt.SubjectPerson, after, 800_000},              // 0.3 × 2,340,000 = 702,000 ↑
		{"CSTDCS", tdkt.SubjectPerson, after, 2_400_000},          // 1.0 × = 2,340,000 ↑
		{"CSTDT", tdkt.SubjectPerson, after, 7_100_000},           // 3.0 × = 7,020,000 ↑
		{"CSTDTQ", tdkt.SubjectPerson, after, 10_600_000},         // 4.5 × = 10,530,000 ↑
		{"TTLDXS", tdkt.SubjectCollective, after, 3_600_000},      // 1.5 × = 3,510,000 ↑
		{"CTDCP", tdkt.SubjectCollective, after, 28_100_000},      // 12 × = 28,080,000 ↑
		{"LDTT", tdkt.SubjectPerson, before, 600_000},             // 0.3 × 1,800,000 = 540,000 ↑
		{"CSTDCS", tdkt.SubjectPerson, before, 1_800_000},         // exact multiple stays
		{"HCLD3", tdkt.SubjectCollective, after, 21_100_000},      // 9 × = 21,060,000 ↑
		{"HCHN", tdkt.SubjectPerson, after, 0},                    // no bonus
		{"LDTT", tdkt.SubjectPerson, tdkt.D(2010, 6, 1), 300_000}, // 0.3 × 730,000 = 219,000 ↑
	}
	for _, tt := range tests {
		got, err := c.Bonus(tt.code, tt.subject, tt.date)
		if err != nil || got != tt.want {
			t.Errorf("Bonus(%s, %s, %s) = %d, %v; want %d", tt.code, tt.subject, tt.date, got, err, tt.want)
		}
	}
	c.RoundTo = 0
	if got, _ := c.Bonus("LDTT", tdkt.SubjectPerson, after); got != 702_000 {
		t.Errorf("unrounded LĐTT = %d, want 702000", got)
	}
	if _, err := c.Bonus("LDTT", tdkt.SubjectPerson, tdkt.D(1990, 1, 1)); err == nil {
		t.Error("bonus before any base salary should fail")
	}
	if _, err := c.Bonus("NOPE", tdkt.SubjectPerson, after); err == nil {
		t.Error("unknown code should fail")
	}
}

func TestSalaryOn(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		d    tdkt.Date
		want int64
	}{
		{tdkt.D(2024, 7, 1), 2_340_000},
		{tdkt.D(2024, 6, 30), 1_800_000},
		{tdkt.D(2023, 7, 1), 1_800_000},
		{tdkt.D(2023, 6, 30), 1_490_000},
		{tdkt.D(2026, 11, 26), 2_340_000},
	}
	for _, tt := range tests {
		if got, err := c.SalaryOn(tt.d); err != nil || got != tt.want {
			t.Errorf("SalaryOn(%s) = %d, %v; want %d", tt.d, got, err, tt.want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		name      string
		b         tdkt.Ballot
		total     int
		present   int
		threshold float64
		passed    bool
		percent   float64
		problem   string
	}{
		{"90% of 15 needs 14", tdkt.Ballot{15, 15, 15, 0, 14}, 15, 15, 90, true, 93.33, ""},
		{"13 of 15 is 86.67%", tdkt.Ballot{15, 15, 15, 0, 13}, 15, 15, 90, false, 86.67, ""},
		{"percent of all members, not of present", tdkt.Ballot{12, 12, 12, 0, 12}, 15, 12, 90, false, 80, ""},
		{"absent members vote in writing", tdkt.Ballot{15, 15, 15, 0, 14}, 15, 11, 90, true, 93.33, ""},
		{"exactly 90% of 10", tdkt.Ballot{10, 10, 10, 0, 9}, 10, 10, 90, true, 90, ""},
		{"70% of 15 needs 11", tdkt.Ballot{15, 15, 14, 1, 11}, 15, 14, 70, true, 73.33, ""},
		{"10 of 15 fails 70%", tdkt.Ballot{15, 15, 15, 0, 10}, 15, 15, 70, false, 66.67, ""},
		{"no quorum: 9 of 15 present", tdkt.Ballot{15, 15, 15, 0, 15}, 15, 9, 70, false, 100, "túc số"},
		{"quorum exactly 2/3", tdkt.Ballot{15, 15, 15, 0, 15}, 15, 10, 70, true, 100, ""},
		{"agree above valid", tdkt.Ballot{15, 15, 14, 1, 15}, 15, 15, 70, false, 0, "đồng ý"},
		{"valid+invalid ≠ returned", tdkt.Ballot{15, 15, 13, 1, 10}, 15, 15, 70, false, 0, "hợp lệ"},
		{"returned above issued", tdkt.Ballot{14, 15, 15, 0, 10}, 15, 15, 70, false, 0, "thu vào"},
		{"issued above members", tdkt.Ballot{16, 16, 16, 0, 15}, 15, 15, 70, false, 0, "phát ra"},
		{"empty council", tdkt.Ballot{}, 0, 0, 70, false, 0, "thành viên"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tdkt.Evaluate(tt.b, tt.total, tt.present, tt.threshold, c)
			if v.Passed != tt.passed || (tt.problem == "" && v.Percent != tt.percent) {
				t.Errorf("Evaluate = %+v; want passed=%v percent=%v", v, tt.passed, tt.percent)
			}
			if (tt.problem == "") != (v.Problem == "") || !strings.Contains(v.Problem, tt.problem) {
				t.Errorf("problem = %q, want containing %q", v.Problem, tt.problem)
			}
		})
	}
	for _, tt := range []struct {
		total     int
		threshold float64
		want      int
	}{{15, 90, 14}, {10, 90, 9}, {15, 70, 11}, {15, 80, 12}, {9, 90, 9}, {21, 90, 19}} {
		if got := tdkt.Needed(tt.total, tt.threshold); got != tt.want {
			t.Errorf("Needed(%d, %v) = %d, want %d", tt.total, tt.threshold, got, tt.want)
		}
	}
}

func TestCheckEligibility(t *testing.T) {
	c := catalog(t)
	h := func(pairs ...any) []tdkt.Past {
		var out []tdkt.Past
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, tdkt.Past{Year: pairs[i].(int), Code: pairs[i+1].(string), Method: tdkt.MethodRegular})
		}
		return out
	}
	person := func(code string) *tdkt.Candidate {
		return &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: code, Rating: tdkt.RatingExcellent, Initiative: tdkt.ScopeProvince}
	}
	thematic := append(h(2022, "CSTDCS", 2023, "CSTDCS"), tdkt.Past{Year: 2024, Code: "CSTDCS", Method: tdkt.MethodThematic})
	tests := []struct {
		name   string
		c      *tdkt.Candidate
		year   int
		hist   []tdkt.Past
		ok     bool
		reason string
	}{
		{"CSTĐ tỉnh after 3 consecutive CSTĐCS", person("CSTDT"), 2024, h(2022, "CSTDCS", 2023, "CSTDCS", 2024, "CSTDCS"), true, ""},
		{"chain may end the year before", person("CSTDT"), 2025, h(2022, "CSTDCS", 2023, "CSTDCS", 2024, "CSTDCS"), true, ""},
		{"broken chain", person("CSTDT"), 2024, h(2021, "CSTDCS", 2022, "CSTDCS", 2024, "CSTDCS"), false, "mới có 1 năm liên tục (2024–2024)"},
		{"no CSTĐCS at all", person("CSTDT"), 2024, nil, false, "chưa có năm nào"},
		{"thematic award does not count", person("CSTDT"), 2024, thematic, false, "mới có 2 năm liên tục (2022–2023)"},
		{"initiative too small", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "CSTDT", Rating: tdkt.RatingExcellent, Initiative: tdkt.ScopeBase},
			2024, h(2022, "CSTDCS", 2023, "CSTDCS", 2024, "CSTDCS"), false, "toàn tỉnh"},
		{"disciplined", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "LDTT", Rating: tdkt.RatingGood, Disciplined: true}, 2024, nil, false, "kỷ luật"},
		{"one achievement one award", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "LDTT", Rating: tdkt.RatingGood}, 2024, h(2024, "LDTT"), false, "một thành tích chỉ khen một lần"},
		{"LĐTT needs good rating", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "LDTT", Rating: tdkt.RatingDone}, 2024, nil, false, "hoàn thành tốt nhiệm vụ"},
		{"CSTĐ toàn quốc after 2 consecutive provincial", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "CSTDTQ", Initiative: tdkt.ScopeNational}, 2024, h(2021, "CSTDT", 2024, "CSTDT"), false, "Chiến sĩ thi đua cấp tỉnh"},
		{"BK tỉnh by 2 consecutive CSTĐCS", person("BKT"), 2024, h(2023, "CSTDCS", 2024, "CSTDCS"), true, ""},
		{"BK tỉnh by excellence path", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "BKT", Initiative: tdkt.ScopeBase, Facts: map[string]bool{"two_years_excellent": true}}, 2024, nil, true, ""},
		{"BK tỉnh with neither path", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "BKT"}, 2024, h(2022, "CSTDCS"), false, "(cách 2)"},
		{"BK Thủ tướng needs prior BK tỉnh", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "BKTTG", Facts: map[string]bool{"five_years_good": true}}, 2024,
			h(2020, "CSTDCS", 2022, "CSTDCS", 2024, "CSTDCS"), false, "chưa được tặng Bằng khen của Chủ tịch UBND tỉnh trước năm 2024"},
		{"BK Thủ tướng complete", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "BKTTG", Facts: map[string]bool{"five_years_good": true}}, 2024,
			h(2019, "BKT", 2020, "CSTDCS", 2022, "CSTDCS", 2024, "CSTDCS"), true, ""},
		{"BK Thủ tướng: CSTĐCS outside 5 years", &tdkt.Candidate{Subject: tdkt.SubjectPerson, AwardCode: "BKTTG", Facts: map[string]bool{"five_years_good": true}}, 2024,
			h(2018, "BKT", 2019, "CSTDCS", 2022, "CSTDCS", 2024, "CSTDCS"), false, "mới có 2"},
		{"TTLĐXS with 70% LĐTT", &tdkt.Candidate{Subject: tdkt.SubjectCollective, AwardCode: "TTLDXS", Members: 20,
			Holders: map[string]int{"LDTT": 14, "CSTDCS": 1}, Facts: map[string]bool{"all_done": true, "no_discipline": true}}, 2024, nil, true, ""},
		{"TTLĐXS with 65% LĐTT", &tdkt.Candidate{Subject: tdkt.SubjectCollective, AwardCode: "TTLDXS", Members: 20,
			Holders: map[string]int{"LDTT": 13, "CSTDCS": 1}, Facts: map[string]bool{"all_done": true, "no_discipline": true}}, 2024, nil, false, "13/20"},
		{"unknown award", &tdkt.Candidate{AwardCode: "XYZ"}, 2024, nil, false, "XYZ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tdkt.Check(c, tt.c, tt.year, tt.hist)
			if e.OK != tt.ok {
				t.Fatalf("OK = %v, want %v; reasons %q", e.OK, tt.ok, e.Reasons())
			}
			if tt.reason != "" && !strings.Contains(strings.Join(e.Reasons(), " | "), tt.reason) {
				t.Errorf("reasons %q lack %q", e.Reasons(), tt.reason)
			}
			if tt.ok && len(e.Reasons()) != 0 {
				t.Errorf("eligible but reasons %q", e.Reasons())
			}
		})
	}
}

func TestCheckQuota(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		code           string
		proposed, base int
		max            int
		over, has      bool
	}{
		{"CSTDCS", 3, 20, 3, false, true},
		{"CSTDCS", 4, 20, 3, true, true},
		{"CSTDCS", 1, 6, 0, true, true}, // 15% of 6 rounds down to 0
		{"CTDCP", 2, 10, 2, false, true},
		{"CTDCP", 3, 10, 2, true, true},
		{"LDTT", 100, 10, 0, false, false},
	}
	for _, tt := range tests {
		q, has := tdkt.CheckQuota(c, tt.code, tt.proposed, tt.base)
		if has != tt.has || q.Max != tt.max || q.Over != tt.over {
			t.Errorf("CheckQuota(%s, %d, %d) = %+v, %v", tt.code, tt.proposed, tt.base, q, has)
		}
		if tt.over && !strings.Contains(q.Message, "vượt hạn mức") {
			t.Errorf("message %q", q.Message)
		}
	}
}

func TestNextNumber(t *testing.T) {
	tests := []struct {
		used []int
		want int
	}{
		{nil, 1}, {[]int{1, 2, 3}, 4}, {[]int{3, 1}, 2}, {[]int{2, 2, 5}, 1}, {[]int{1, 1, 2}, 3}, {[]int{1, 2, 4, 5}, 3},
	}
	for _, tt := range tests {
		if got := tdkt.NextNumber(tt.used); got != tt.want {
			t.Errorf("NextNumber(%v) = %d, want %d", tt.used, got, tt.want)
		}
	}
	for _, tt := range []struct {
		n    int
		want string
	}{{5, "05/QĐ-UBND"}, {10, "10/QĐ-UBND"}, {123, "123/QĐ-UBND"}} {
		if got := tdkt.NumberText(tt.n, "QĐ-UBND"); got != tt.want {
			t.Errorf("NumberText(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestDossierMove(t *testing.T) {
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	d := &tdkt.Dossier{Status: tdkt.StatusReceived}
	if err := d.Move(tdkt.StatusReturned, "  ", "an", at); err == nil || !strings.Contains(err.Error(), "lý do") {
		t.Fatalf("return without reason: %v", err)
	}
	if err := d.Move(tdkt.StatusAwarded, "", "an", at); err == nil {
		t.Fatal("received → awarded should be refused")
	}
	steps := []struct {
		to     tdkt.Status
		reason string
	}{{tdkt.StatusChecking, ""}, {tdkt.StatusReturned, "Thiếu biên bản"}, {tdkt.StatusReceived, ""},
		{tdkt.StatusChecking, ""}, {tdkt.StatusReady, ""}, {tdkt.StatusCouncil, ""}, {tdkt.StatusAwarded, ""}}
	for _, s := range steps {
		if err := d.Move(s.to, s.reason, "an", at); err != nil {
			t.Fatalf("move to %s: %v", s.to, err)
		}
	}
	if len(d.History) != len(steps) || d.History[1].Reason != "Thiếu biên bản" || d.Status != tdkt.StatusAwarded {
		t.Fatalf("history %+v", d.History)
	}
	if err := d.Move(tdkt.StatusChecking, "", "an", at); err == nil {
		t.Fatal("awarded is final")
	}
}

func TestValidateDossierAndChecklist(t *testing.T) {
	c := catalog(t)
	d := &tdkt.Dossier{Title: "Đề nghị khen thưởng", UnitID: "U1", Year: 2026, Method: tdkt.MethodOneOff,
		Candidates: []tdkt.Candidate{
			{ID: "C1", Subject: tdkt.SubjectPerson, Name: "Nguyễn Văn An", AwardCode: "CSTDT"},
			{ID: "C2", Subject: tdkt.SubjectCollective, Name: "Trường Tiểu học Tân Phúc", AwardCode: "BKTTG"},
		}}
	if err := tdkt.ValidateDossier(c, d); err != nil {
		t.Fatalf("valid dossier refused: %v", err)
	}
	docs := tdkt.Checklist(c, d, true)
	have := map[string]int{}
	for _, x := range docs {
		have[x.Code] = x.Copies
	}
	for code, copies := range map[string]int{"totrinh": 2, "sangkien": 1, "dotxuat": 2, "hiepy": 2, "doanhnghiep": 2} {
		if have[code] != copies {
			t.Errorf("checklist %s copies = %d, want %d (all: %v)", code, have[code], copies, have)
		}
	}
	bad := &tdkt.Dossier{Year: 1800, Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectCollective, AwardCode: "CSTDT"}, {ID: "C1", AwardCode: "ZZZ"}}}
	err := tdkt.ValidateDossier(c, bad)
	for _, want := range []string{"trích yếu", "đơn vị trình", "năm thành tích", "không dành cho tập thể", "mã trùng", "ZZZ", "chưa có tên"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

func TestCurrentUnit(t *testing.T) {
	units := map[string]*tdkt.Unit{
		"a": {MergedInto: "b"}, "b": {MergedInto: "c"}, "c": {},
		"x": {MergedInto: "y"}, "y": {MergedInto: "x"},
	}
	get := func(id string) (*tdkt.Unit, bool) { u, ok := units[id]; return u, ok }
	for id, want := range map[string]string{"a": "c", "b": "c", "c": "c", "zz": "zz", "x": "x"} {
		if got := tdkt.CurrentUnit(id, get); got != want {
			t.Errorf("CurrentUnit(%s) = %s, want %s", id, got, want)
		}
	}
}

func TestClusterRankingAndValidation(t *testing.T) {
	c := &tdkt.Cluster{Name: "Cụm 1", Members: []string{"a", "b", "c"}, Years: []tdkt.ClusterYear{
		{Year: 2025, LeaderID: "b", DeputyID: "a", Scores: []tdkt.Score{{"a", 950}, {"b", 980.5}, {"c", 950}}}}}
	if err := tdkt.ValidateCluster(c); err != nil {
		t.Fatal(err)
	}
	r := tdkt.Ranking(c.Years[0].Scores)
	if r[0].UnitID != "b" || r[1].UnitID != "a" || r[2].UnitID != "c" {
		t.Fatalf("ranking %v", r)
	}
	c.Years[0].DeputyID = "zz"
	if err := tdkt.ValidateCluster(c); err == nil {
		t.Fatal("deputy outside the cluster accepted")
	}
}

func TestDateText(t *testing.T) {
	var d tdkt.Date
	if err := d.UnmarshalText([]byte("2024-02-30")); err == nil {
		t.Fatal("30 February accepted")
	}
	if err := d.UnmarshalText([]byte("2024-03-05")); err != nil || d != tdkt.D(2024, 3, 5) {
		t.Fatalf("got %v %v", d, err)
	}
	if got := tdkt.DateLine("Lào Cai", d.Time()); got != "Lào Cai, ngày 05 tháng 3 năm 2024" {
		t.Fatalf("DateLine = %q", got)
	}
}

func mustCatalog() []byte { return assets.Catalog }

func TestSmallCollectiveAndPriorityArea(t *testing.T) {
	c := catalog(t)
	if c.SmallLimit() != 30 {
		t.Fatalf("small limit %d", c.SmallLimit())
	}
	tests := []struct {
		u     *tdkt.Unit
		staff int
		want  bool
	}{
		{&tdkt.Unit{Type: tdkt.UnitVillage}, 0, true},
		{&tdkt.Unit{Type: tdkt.UnitSchool}, 30, true},
		{&tdkt.Unit{Type: tdkt.UnitSchool}, 31, false},
		{&tdkt.Unit{Type: tdkt.UnitSchool, Staff: 12}, 80, true}, // recorded headcount wins
		{&tdkt.Unit{Type: tdkt.UnitAgency}, 0, false},
		{nil, 5, false},
	}
	for i, tt := range tests {
		if got := c.SmallCollective(tt.u, tt.staff); got != tt.want {
			t.Errorf("case %d: SmallCollective = %v", i, got)
		}
	}
	c.SmallStaff = 10
	if c.SmallCollective(&tdkt.Unit{Type: tdkt.UnitSchool}, 20) {
		t.Error("the catalogue's limit is not applied")
	}
	units := map[string]*tdkt.Unit{
		"xa":   {Flags: tdkt.AreaFlags{Border: true}},
		"tr":   {ParentID: "xa"},
		"ph":   {},
		"loop": {ParentID: "loop"},
	}
	get := func(id string) (*tdkt.Unit, bool) { u, ok := units[id]; return u, ok }
	for id, want := range map[string]bool{"tr": true, "xa": true, "ph": false, "loop": false, "none": false} {
		if got := tdkt.PriorityArea(id, get); got != want {
			t.Errorf("PriorityArea(%s) = %v", id, got)
		}
	}
}

func TestLatestSalary(t *testing.T) {
	c := catalog(t)
	if s := c.LatestSalary(); s.Amount != 2_340_000 || s.From != tdkt.D(2024, 7, 1) {
		t.Fatalf("latest %+v", s)
	}
}

// TestTakeOffAgenda: a dossier put on an open meeting's agenda by mistake
// goes back to "ready" with its candidates off the agenda; not once the
// meeting is closed or one of them is counted.
func TestTakeOffAgenda(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	mk := func() (*tdkt.Meeting, *tdkt.Dossier) {
		d := &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Status: tdkt.StatusCouncil}
		m := &tdkt.Meeting{Title: "Phiên họp Hội đồng tháng 11", Items: []tdkt.AgendaItem{
			{DossierID: "D0", CandidateID: "C1", Name: "Lò Văn A", Counted: true},
			{DossierID: "D1", CandidateID: "C1", Name: "Lò Thị B"},
			{DossierID: "D1", CandidateID: "C2", Name: "Thôn Lếch"},
		}}
		return m, d
	}
	m, d := mk()
	if err := tdkt.TakeOffAgenda(m, d, "an", at); err != nil {
		t.Fatal(err)
	}
	last := d.History[len(d.History)-1]
	if len(m.Items) != 1 || m.Items[0].DossierID != "D0" || d.Status != tdkt.StatusReady ||
		last.From != tdkt.StatusCouncil || last.Reason != "Rút khỏi chương trình phiên họp Hội đồng tháng 11" || last.By != "an" {
		t.Fatalf("items %+v, dossier %s, history %+v", m.Items, d.Status, last)
	}
	for name, breakIt := range map[string]func(m *tdkt.Meeting, d *tdkt.Dossier){
		"closed meeting":    func(m *tdkt.Meeting, _ *tdkt.Dossier) { m.Closed = true },
		"counted":           func(m *tdkt.Meeting, _ *tdkt.Dossier) { m.Items[2].Counted = true },
		"not at council":    func(_ *tdkt.Meeting, d *tdkt.Dossier) { d.Status = tdkt.StatusReady },
		"not on the agenda": func(m *tdkt.Meeting, _ *tdkt.Dossier) { m.Items = m.Items[:1] },
	} {
		m, d := mk()
		breakIt(m, d)
		before := len(m.Items)
		if err := tdkt.TakeOffAgenda(m, d, "an", at); err == nil || len(m.Items) != before {
			t.Errorf("%s: %v, %d items left of %d", name, err, len(m.Items), before)
		}
	}
}

// TestPutOnAgenda: a ready dossier goes to the council with each candidate
// on the agenda, by secret ballot where the catalogue says; not onto a
// closed meeting nor from a state the workflow does not allow.
func TestPutOnAgenda(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	var secretCode, openCode string
	for _, it := range cat.Items {
		if it.SecretBallot && secretCode == "" {
			secretCode = it.Code
		}
		if !it.SecretBallot && openCode == "" {
			openCode = it.Code
		}
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	mk := func() (*tdkt.Meeting, *tdkt.Dossier) {
		d := &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Status: tdkt.StatusReady, Candidates: []tdkt.Candidate{
			{ID: "C1", Name: "Lò Thị B", AwardCode: secretCode}, {ID: "C2", Name: "Thôn Lếch", AwardCode: openCode}}}
		return &tdkt.Meeting{Title: "Phiên họp Hội đồng tháng 11"}, d
	}
	m, d := mk()
	if err := tdkt.PutOnAgenda(m, d, cat, "an", at); err != nil {
		t.Fatal(err)
	}
	if d.Status != tdkt.StatusCouncil || len(m.Items) != 2 || !m.Items[0].Secret || m.Items[1].Secret ||
		d.History[len(d.History)-1].Reason != "Đưa vào Phiên họp Hội đồng tháng 11" {
		t.Fatalf("dossier %s, items %+v, history %+v", d.Status, m.Items, d.History)
	}
	// and back off
	if err := tdkt.TakeOffAgenda(m, d, "an", at); err != nil || len(m.Items) != 0 || d.Status != tdkt.StatusReady {
		t.Errorf("taken off: %v, %+v, %s", err, m.Items, d.Status)
	}
	m, d = mk()
	m.Closed = true
	if err := tdkt.PutOnAgenda(m, d, cat, "an", at); err == nil || len(m.Items) != 0 || d.Status != tdkt.StatusReady {
		t.Errorf("closed meeting: %v", err)
	}
	m, d = mk()
	d.Status = tdkt.StatusAwarded
	if err := tdkt.PutOnAgenda(m, d, cat, "an", at); err == nil || len(m.Items) != 0 {
		t.Errorf("an awarded dossier put on the agenda: %v", err)
	}
}

// TestAgreePercent: the share of agree votes is of all members, to two
// decimals.
func TestAgreePercent(t *testing.T) {
	for _, tt := range []struct {
		agree, total int
		want         float64
	}{{9, 10, 90}, {2, 3, 66.67}, {10, 15, 66.67}, {0, 7, 0}, {5, 0, 0}} {
		if got := tdkt.AgreePercent(tdkt.Ballot{Agree: tt.agree}, tt.total); got != tt.want {
			t.Errorf("%d of %d: %v, want %v", tt.agree, tt.total, got, tt.want)
		}
	}
}
