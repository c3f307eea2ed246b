package tdkt_test

import (
	"encoding/json"
	"strings"
	"testing"

	"tdkt"
	"tdkt/assets"
)

func TestBodyInText(t *testing.T) {
	for in, want := range map[string]string{
		"ỦY BAN NHÂN DÂN TỈNH SƠN LÂM":        "Ủy ban nhân dân tỉnh Sơn Lâm",
		"ỦY BAN NHÂN DÂN XÃ MƯỜNG PỒN":        "Ủy ban nhân dân xã Mường Pồn",
		"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG": "Ủy ban nhân dân thành phố Hải Phòng",
		"SỞ NỘI VỤ":                           "Sở nội vụ",
		"":                                    "",
	} {
		if got := tdkt.BodyInText(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
}

// TestOfficeWording: who proposes and who carries out a decision, as set,
// or the level's usual wording — a commune's never names the Department.
func TestOfficeWording(t *testing.T) {
	for _, c := range []struct {
		o          tdkt.Office
		prop, exec string
	}{
		{tdkt.Office{Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM"},
			"Giám đốc Sở Nội vụ", "Chánh Văn phòng Ủy ban nhân dân tỉnh Sơn Lâm, Giám đốc Sở Nội vụ"},
		{tdkt.Office{Level: tdkt.LevelCommune, IssuingBody: "ỦY BAN NHÂN DÂN XÃ NẬM XÉ"},
			"công chức phụ trách công tác thi đua, khen thưởng",
			"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, công chức phụ trách công tác thi đua, khen thưởng"},
		{tdkt.Office{Level: tdkt.LevelCommune, Proposer: "Trưởng phòng Văn hóa - Xã hội", Executors: "Chánh Văn phòng"},
			"Trưởng phòng Văn hóa - Xã hội", "Chánh Văn phòng"},
	} {
		p, e := tdkt.OfficeWording(&c.o)
		if p != c.prop || e != c.exec {
			t.Errorf("%s: %q / %q, want %q / %q", c.o.Level, p, e, c.prop, c.exec)
		}
		if c.o.Level == tdkt.LevelCommune && strings.Contains(p+e, "Sở Nội vụ") {
			t.Errorf("a commune's decision names the Department: %q / %q", p, e)
		}
	}
}

// TestDraftDecision drafts a province's decision for two people and a
// collective passed at one meeting and reads back every part the law
// lays out: summary, authority, grounds ending with the council's result,
// proposer, the three articles, recipients, signer and the list.
func TestDraftDecision(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	o := &tdkt.Office{Code: "SL", Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM", Symbol: "QĐ-UBND",
		Signers: []tdkt.Signer{{Name: "Nguyễn Văn An", Title: "CHỦ TỊCH", Mode: "TM"}}}
	units := map[string]*tdkt.Unit{
		"U1": {Meta: tdkt.Meta{ID: "U1"}, Name: "Sở Giáo dục và Đào tạo"},
		"U2": {Meta: tdkt.Meta{ID: "U2"}, Name: "Trường Tiểu học Bản Xèo", ParentID: "U1"},
	}
	unit := func(id string) (*tdkt.Unit, bool) { u, ok := units[id]; return u, ok }
	m := &tdkt.Meeting{Meta: tdkt.Meta{ID: "M1"}, Title: "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh", Date: tdkt.D(2026, 3, 2)}
	d24 := &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2024}
	d25 := &tdkt.Dossier{Meta: tdkt.Meta{ID: "D2"}, Year: 2025}
	lines := []tdkt.DraftLine{
		{Dossier: d25, Candidate: tdkt.Candidate{ID: "C1", Subject: tdkt.SubjectPerson, Name: "Giàng A Páo", Position: "Giáo viên", UnitID: "U2"}, Meeting: m},
		{Dossier: d24, Candidate: tdkt.Candidate{ID: "C2", Subject: tdkt.SubjectPerson, Name: "Lò Thị Xuân", Position: "Hiệu trưởng Trường Tiểu học Bản Xèo", UnitID: "U2"}},
		{Dossier: d25, Candidate: tdkt.Candidate{ID: "C3", Subject: tdkt.SubjectCollective, Name: "Trường Tiểu học Bản Xèo", UnitID: "U2"}},
	}
	date := tdkt.D(2026, 3, 10)
	d, err := tdkt.DraftDecision(o, cat, "BKT", tdkt.MethodRegular, lines, date, unit)
	if err != nil {
		t.Fatal(err)
	}
	if d.Summary != "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh" || d.Authority != "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LÂM" ||
		d.Status != tdkt.DecisionDraft || d.Date != date || d.MeetingID != "M1" || d.Signer.Name != "Nguyễn Văn An" {
		t.Errorf("heading: %+v", d)
	}
	if n := len(d.Bases); n != len(cat.Bases)+1 || d.Bases[n-1] != "Căn cứ kết quả phiên họp Hội đồng Thi đua – Khen thưởng tỉnh ngày 02/03/2026." {
		t.Errorf("grounds: %q", d.Bases)
	}
	for _, b := range d.Bases[:len(d.Bases)-1] {
		if !strings.HasSuffix(b, ";") {
			t.Errorf("ground %q does not end with ;", b)
		}
	}
	if d.Proposal != "Theo đề nghị của Giám đốc Sở Nội vụ." {
		t.Errorf("proposal %q", d.Proposal)
	}
	want := []string{
		"Tặng Bằng khen của Chủ tịch UBND tỉnh cho 02 cá nhân và 01 tập thể (có danh sách kèm theo), đã có thành tích xuất sắc trong phong trào thi đua năm 2024, 2025.",
		d.BonusArticle(),
		"Chánh Văn phòng Ủy ban nhân dân tỉnh Sơn Lâm, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
	}
	if strings.Join(d.Articles, "\n") != strings.Join(want, "\n") {
		t.Errorf("articles:\n%s\nwant\n%s", strings.Join(d.Articles, "\n"), strings.Join(want, "\n"))
	}
	if d.Total() == 0 || !strings.Contains(d.Articles[1], tdkt.Money(d.Total())+" đồng") {
		t.Errorf("bonus article %q for a total of %d", d.Articles[1], d.Total())
	}
	pos := []string{"Giáo viên – Trường Tiểu học Bản Xèo", "Hiệu trưởng Trường Tiểu học Bản Xèo", "Sở Giáo dục và Đào tạo"}
	for i, e := range d.List {
		if e.Position != pos[i] || e.CandidateID != lines[i].Candidate.ID || e.DossierID != lines[i].Dossier.ID {
			t.Errorf("line %d: %+v, want position %q", i, e, pos[i])
		}
		bonus, _ := cat.Bonus("BKT", e.Subject, date)
		if e.Bonus != bonus {
			t.Errorf("line %d: bonus %d, want %d", i, e.Bonus, bonus)
		}
	}
	if _, err := tdkt.DraftDecision(o, cat, "NOPE", tdkt.MethodRegular, lines, date, unit); err == nil {
		t.Error("a code missing from the catalogue drafted")
	}
}

// TestDraftReason: Điều 1 gives the reason its method calls for.
func TestDraftReason(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	o := &tdkt.Office{Level: tdkt.LevelCommune, IssuingBody: "ỦY BAN NHÂN DÂN XÃ NẬM XÉ"}
	lines := []tdkt.DraftLine{{Dossier: &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2025},
		Candidate: tdkt.Candidate{ID: "C1", Subject: tdkt.SubjectPerson, Name: "Vàng A Sình"}}}
	none := func(string) (*tdkt.Unit, bool) { return nil, false }
	for _, c := range []struct {
		m      tdkt.Method
		reason string
	}{
		{tdkt.MethodRegular, "đã có thành tích xuất sắc trong phong trào thi đua năm 2025."},
		{tdkt.MethodOneOff, "đã có thành tích xuất sắc đột xuất."},
		{tdkt.MethodThematic, "đã có thành tích xuất sắc trong phong trào thi đua chuyên đề năm 2025."},
		{tdkt.MethodDedicated, "đã có quá trình cống hiến xuất sắc."},
		{tdkt.MethodSeniority, "đã có thời gian công tác đủ niên hạn theo quy định."},
	} {
		d, err := tdkt.DraftDecision(o, cat, "GK", c.m, lines, tdkt.D(2026, 1, 5), none)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(d.Articles[0], "cho 01 cá nhân (có danh sách kèm theo), "+c.reason) {
			t.Errorf("%s: %q", c.m, d.Articles[0])
		}
		if d.Summary != "Về việc tặng Giấy khen" || strings.Contains(d.Proposal+d.Articles[2], "Sở Nội vụ") || d.Bases[len(d.Bases)-1][len(d.Bases[len(d.Bases)-1])-1] != '.' {
			t.Errorf("%s: %q / %q / %q", c.m, d.Summary, d.Proposal, d.Bases)
		}
	}
}

func TestAmendment(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	o := &tdkt.Decision{Meta: tdkt.Meta{ID: "Q1"}, Issuer: "SL", Number: 12, Symbol: "QĐ-UBND", Year: 2025, Date: tdkt.D(2025, 12, 1),
		AwardCode: "BKT", Method: tdkt.MethodRegular, Authority: "CHỦ TỊCH", Bases: []string{"Căn cứ A."},
		Recipients: []string{"Như Điều 3;"}, Signer: tdkt.Signer{Name: "Nguyễn Văn An"}, Status: tdkt.DecisionIssued}
	off := &tdkt.Office{Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM"}
	a := o.Amendment(off, cat, tdkt.D(2026, 2, 3))
	if a.Amends != "Q1" || a.Status != tdkt.DecisionDraft || a.Year != 2026 || a.Number != 0 || a.Signer != o.Signer ||
		a.Summary != "Về việc sửa đổi, bổ sung Quyết định số 12/QĐ-UBND ngày 01/12/2025" || len(a.Articles) != 2 {
		t.Errorf("amendment: %+v", a)
	}
	if !strings.HasPrefix(a.Articles[1], "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh Sơn Lâm, Giám đốc Sở Nội vụ") {
		t.Errorf("effect and execution: %q", a.Articles[1])
	}
	a.Bases[0] = "changed"
	if o.Bases[0] != "Căn cứ A." {
		t.Error("the amendment shares its grounds with the decision it amends")
	}
}

// TestAmendmentWithdraws: an amendment takes back lines of the decision it
// amends, each once and with a reason — to correct them (given again as
// they should read, without a second bonus) or to revoke them (object and
// money recovered) — and its articles say what it corrects, revokes and
// adds.
func TestAmendmentWithdraws(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	o := &tdkt.Decision{Meta: tdkt.Meta{ID: "Q1"}, Number: 12, Symbol: "QĐ-UBND", Date: tdkt.D(2025, 12, 1), AwardCode: "BKT", Status: tdkt.DecisionIssued}
	off := &tdkt.Office{Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM"}
	am := o.Amendment(off, cat, tdkt.D(2026, 2, 3))
	binh := &tdkt.Award{Meta: tdkt.Meta{ID: "A1"}, Number: "2025/000007", Name: "Lò Thị Bình", Position: "Kế toán", DecisionID: "Q1",
		Subject: tdkt.SubjectPerson, PersonID: "P1", UnitID: "U1"}
	sinh := &tdkt.Award{Meta: tdkt.Meta{ID: "A4"}, Number: "2025/000010", Name: "Vàng A Sình", DecisionID: "Q1", Subject: tdkt.SubjectPerson, PersonID: "P4"}
	other := &tdkt.Award{Meta: tdkt.Meta{ID: "A2"}, Number: "2025/000008", Name: "Vàng A Sình", DecisionID: "Q9"}
	revoked := &tdkt.Award{Meta: tdkt.Meta{ID: "A3"}, Number: "2025/000009", Name: "Giàng A Pao", DecisionID: "Q1", Revoked: true, RevokedBy: "Quyết định số 01"}
	plain := &tdkt.Decision{Status: tdkt.DecisionDraft}
	fix := func(d *tdkt.Decision, a *tdkt.Award, reason string) error {
		return d.Correct(a, a.Name, "Phó Hiệu trưởng", reason)
	}
	tests := []struct {
		d      *tdkt.Decision
		a      *tdkt.Award
		reason string
		do     func(*tdkt.Decision, *tdkt.Award, string) error
		want   string // part of the refusal; "" when taken back
	}{
		{am, binh, "  ", fix, "chưa ghi lý do"},
		{am, other, "sai", fix, "không thuộc quyết định được sửa đổi"},
		{am, revoked, "sai", (*tdkt.Decision).Withdraw, "đã bị hủy bỏ"},
		{plain, binh, "sai", fix, "chỉ quyết định sửa đổi"},
		{am, binh, "Ghi sai chức vụ.", fix, ""},
		{am, binh, "lần nữa", (*tdkt.Decision).Withdraw, "đã có trong phần bãi bỏ"},
		{am, sinh, "Kê khai không đúng thành tích", (*tdkt.Decision).Withdraw, ""},
	}
	for i, tt := range tests {
		err := tt.do(tt.d, tt.a, tt.reason)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%d: %v", i, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%d: got %v, want %q", i, err, tt.want)
		}
	}
	if len(am.Withdraws) != 2 || am.Withdraws[0] != (tdkt.Withdrawal{AwardID: "A1", Number: "2025/000007", Name: "Lò Thị Bình", Reason: "Ghi sai chức vụ.",
		Correct: true, Subject: tdkt.SubjectPerson, PersonID: "P1", UnitID: "U1"}) {
		t.Fatalf("withdrawals %+v", am.Withdraws)
	}
	// Bình's line, as it should read, is in the list: same recipient and
	// unit, no bonus
	if len(am.List) != 1 || am.List[0] != (tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: "P1", UnitID: "U1", Name: "Lò Thị Bình",
		Position: "Phó Hiệu trưởng", Corrects: "A1"}) {
		t.Fatalf("list %+v", am.List)
	}
	if err := am.AddLine(cat, tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: "P5", Name: "Hoàng Văn Năm"}, tdkt.D(2026, 2, 3)); err != nil {
		t.Fatal(err)
	}
	issue := func() error {
		d := *am
		d.Signer, d.Date = tdkt.Signer{Name: "A"}, tdkt.D(2026, 2, 3)
		return tdkt.ValidateIssue(&d)
	}
	if err := issue(); err != nil {
		t.Errorf("a correction with its line: %v", err)
	}
	arts := am.AmendmentArticles(off, cat, o)
	want := "Sửa đổi, bổ sung Quyết định số 12/QĐ-UBND ngày 01/12/2025 như sau: " +
		"sửa thông tin của Lò Thị Bình (số vào sổ 2025/000007; lý do: Ghi sai chức vụ) tại danh sách kèm theo Quyết định số 12/QĐ-UBND ngày 01/12/2025 như dòng tương ứng trong danh sách kèm theo Quyết định này (không thay đổi hình thức và tiền thưởng đã nhận); " +
		"hủy bỏ việc tặng Bằng khen của Chủ tịch UBND tỉnh đối với Vàng A Sình (số vào sổ 2025/000010; lý do: Kê khai không đúng thành tích) tại danh sách kèm theo Quyết định số 12/QĐ-UBND ngày 01/12/2025; thu hồi hiện vật và tiền thưởng đã nhận; " +
		"bổ sung 01 cá nhân có tên trong danh sách kèm theo Quyết định này."
	if len(arts) != 3 || arts[0] != want || arts[1] != am.BonusArticle() || !strings.HasPrefix(arts[2], "Quyết định này có hiệu lực") {
		t.Errorf("articles:\n%q\nwant first\n%q", arts, want)
	}
	// a date moves the new line's bonus, never the corrected one's
	if err := am.Rebonus(cat, tdkt.D(2026, 7, 1)); err != nil || am.List[0].Bonus != 0 || am.List[1].Bonus == 0 {
		t.Errorf("rebonus: %v, %d, %d", err, am.List[0].Bonus, am.List[1].Bonus)
	}
	// Sình revoked and added again is a contradiction
	am.List = append(am.List, tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: "P4", Name: "Vàng A Sình"})
	if err := issue(); err == nil || !strings.Contains(err.Error(), "Vàng A Sình vừa bị hủy bỏ vừa được bổ sung") {
		t.Errorf("revoked and added: %v", err)
	}
	am.RemoveLine(2)
	// the corrected line removed, its correction goes with it
	am.RemoveLine(0)
	if len(am.Withdraws) != 1 || am.Withdraws[0].AwardID != "A4" || len(am.List) != 1 {
		t.Errorf("after removing the corrected line: %+v / %+v", am.Withdraws, am.List)
	}
	// kept after all, Sình's withdrawal goes
	if err := am.KeepLine(0, cat, tdkt.D(2026, 2, 3)); err != nil || len(am.Withdraws) != 0 {
		t.Errorf("kept: %v, %+v", err, am.Withdraws)
	}
	// a corrected line whose withdrawal is gone is refused at issue
	am.List = append(am.List, tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: "P1", Name: "Lò Thị Bình", Corrects: "A1"})
	if err := issue(); err == nil || !strings.Contains(err.Error(), "không còn dòng bãi bỏ tương ứng") {
		t.Errorf("a stray corrected line: %v", err)
	}
	if err := tdkt.ValidateIssue(&tdkt.Decision{Date: tdkt.D(2026, 1, 1), Signer: tdkt.Signer{Name: "A"}, Summary: "S",
		Withdraws: []tdkt.Withdrawal{{AwardID: "A9", Name: "X"}}}); err == nil || !strings.Contains(err.Error(), "chỉ quyết định sửa đổi") {
		t.Errorf("withdrawals outside an amendment: %v", err)
	}
}

// TestDraftOnlyOwnAwards: an office drafts the awards its own Chairman
// decides; a commune proposes the province's upward, the province leaves
// Giấy khen to communes and agencies, both propose the State's upward.
func TestDraftOnlyOwnAwards(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	lines := []tdkt.DraftLine{{Dossier: &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2026},
		Candidate: tdkt.Candidate{ID: "C1", Subject: tdkt.SubjectPerson, Name: "Vàng A Sình"}}}
	none := func(string) (*tdkt.Unit, bool) { return nil, false }
	tests := []struct {
		lvl  tdkt.Level
		code string
		want string // part of the refusal; "" when drafted
	}{
		{tdkt.LevelCommune, "GK", ""},
		{tdkt.LevelCommune, "LDTT", ""},
		{tdkt.LevelCommune, "BKT", "Bằng khen của Chủ tịch UBND tỉnh: thuộc thẩm quyền cấp trên"},
		{tdkt.LevelCommune, "HCLD3", "thuộc thẩm quyền cấp trên"},
		{tdkt.LevelProvince, "BKT", ""},
		{tdkt.LevelProvince, "CSTDT", ""},
		{tdkt.LevelProvince, "GK", "Giấy khen: thuộc thẩm quyền Chủ tịch UBND cấp xã hoặc thủ trưởng"},
		{tdkt.LevelProvince, "BKTTG", "thuộc thẩm quyền cấp trên"},
	}
	for _, tt := range tests {
		o := &tdkt.Office{Level: tt.lvl, IssuingBody: "ỦY BAN NHÂN DÂN", Symbol: "QĐ-UBND"}
		d, err := tdkt.DraftDecision(o, cat, tt.code, tdkt.MethodRegular, lines, tdkt.D(2026, 12, 1), none)
		switch {
		case tt.want == "" && (err != nil || d == nil):
			t.Errorf("%s drafting %s: %v", tt.lvl, tt.code, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s drafting %s: %v, want %q", tt.lvl, tt.code, err, tt.want)
		}
		it, _ := cat.Item(tt.code)
		if got := tdkt.Decides(tt.lvl, it.Authority); got != (tt.want == "") {
			t.Errorf("Decides(%s, %s) = %v", tt.lvl, it.Authority, got)
		}
	}
}

// TestDraftProposal: a commune proposes the province's awards to the
// province's Chairman, a province the State's to the Prime Minister; the
// list and bonus are a decision's; what an office decides itself, or a
// lower level decides, is not proposed.
func TestDraftProposal(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]*tdkt.Unit{"U1": {Meta: tdkt.Meta{ID: "U1"}, Name: "Trường Tiểu học Tả Van"}}
	unit := func(id string) (*tdkt.Unit, bool) { u, ok := units[id]; return u, ok }
	m := &tdkt.Meeting{Meta: tdkt.Meta{ID: "M1"}, Title: "Phiên họp Hội đồng", Date: tdkt.D(2026, 11, 20)}
	lines := []tdkt.DraftLine{
		{Dossier: &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2026}, Meeting: m,
			Candidate: tdkt.Candidate{ID: "C1", Subject: tdkt.SubjectPerson, Name: "Lò Thị Hoa", Position: "Giáo viên", UnitID: "U1"}},
		{Dossier: &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2025},
			Candidate: tdkt.Candidate{ID: "C2", Subject: tdkt.SubjectCollective, Name: "Trường Tiểu học Tả Van", UnitID: "U1"}},
	}
	xa := &tdkt.Office{Level: tdkt.LevelCommune, IssuingBody: "ỦY BAN NHÂN DÂN XÃ TẢ VAN",
		Signers: []tdkt.Signer{{Name: "Lò Văn Páo", Title: "CHỦ TỊCH", Mode: "TM"}}}
	date := tdkt.D(2026, 11, 27)
	p, err := tdkt.DraftProposal(xa, cat, "BKT", lines, date, unit)
	if err != nil {
		t.Fatal(err)
	}
	bonus, _ := cat.Bonus("BKT", tdkt.SubjectPerson, date)
	if p.From != "ỦY BAN NHÂN DÂN XÃ TẢ VAN" || p.To != "Chủ tịch Ủy ban nhân dân tỉnh" ||
		p.Summary != "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh" || p.Meeting != m ||
		p.Signer.Name != "Lò Văn Páo" || p.Date != date || len(p.List) != 2 {
		t.Fatalf("proposal %+v", p)
	}
	if e := p.List[0]; e.Position != "Giáo viên – Trường Tiểu học Tả Van" || e.Bonus != bonus || bonus == 0 {
		t.Errorf("first line %+v (bonus %d)", e, bonus)
	}
	if p, err := tdkt.DraftProposal(xa, cat, "HCLD3", lines[:1], date, unit); err != nil || p.To != "Chủ tịch Ủy ban nhân dân tỉnh" {
		t.Errorf("commune to the State, through the province: %+v %v", p, err)
	}
	if p, err := tdkt.DraftProposal(&tdkt.Office{Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM"}, cat, "CSTDTQ", lines[:1], date, unit); err != nil ||
		p.To != "Thủ tướng Chính phủ" || p.AwardName != "danh hiệu Chiến sĩ thi đua toàn quốc" {
		t.Errorf("province to the State: %+v %v", p, err)
	}
	for _, c := range []struct {
		lvl        tdkt.Level
		code, want string
	}{
		{tdkt.LevelCommune, "GK", "thuộc thẩm quyền của cơ quan này"},
		{tdkt.LevelProvince, "BKT", "thuộc thẩm quyền của cơ quan này"},
		{tdkt.LevelProvince, "LDTT", "không trình cấp trên"},
	} {
		if _, err := tdkt.DraftProposal(&tdkt.Office{Level: c.lvl}, cat, c.code, lines, date, unit); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s proposing %s: %v", c.lvl, c.code, err)
		}
	}
}

// TestDraftFamilies: households are counted as households in Điều 1, not
// as collectives, and listed with their village.
func TestDraftFamilies(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]*tdkt.Unit{"T1": {Meta: tdkt.Meta{ID: "T1"}, Name: "Thôn Lếch", ParentID: "X"}}
	unit := func(id string) (*tdkt.Unit, bool) { u, ok := units[id]; return u, ok }
	d := &tdkt.Dossier{Meta: tdkt.Meta{ID: "D1"}, Year: 2026}
	lines := []tdkt.DraftLine{
		{Dossier: d, Candidate: tdkt.Candidate{ID: "C1", Subject: tdkt.SubjectFamily, Name: "Hộ ông Giàng A Páo", Position: "Thôn Lếch", UnitID: "T1"}},
		{Dossier: d, Candidate: tdkt.Candidate{ID: "C2", Subject: tdkt.SubjectFamily, Name: "Hộ bà Lò Thị Mai", Position: "Thôn Lếch", UnitID: "T1"}},
	}
	o := &tdkt.Office{Level: tdkt.LevelCommune, IssuingBody: "ỦY BAN NHÂN DÂN XÃ TẢ VAN"}
	dec, err := tdkt.DraftDecision(o, cat, "GDVH", tdkt.MethodRegular, lines, tdkt.D(2026, 12, 20), unit)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dec.Articles[0], "Tặng danh hiệu Gia đình văn hóa cho 02 hộ gia đình (có danh sách kèm theo)") {
		t.Errorf("Điều 1: %q", dec.Articles[0])
	}
	if e := dec.List[1]; e.Subject != tdkt.SubjectFamily || e.Position != "Thôn Lếch" || e.Bonus == 0 {
		t.Errorf("list line %+v", e)
	}
}

// TestRevokeAward: a register line is revoked by a decision with its
// number, date and reason, once; an incomplete revocation changes nothing.
func TestRevokeAward(t *testing.T) {
	today := tdkt.D(2026, 11, 27)
	line := func() *tdkt.Award {
		return &tdkt.Award{Number: "2026/000007", DecisionDate: tdkt.D(2026, 1, 10)}
	}
	for name, c := range map[string]struct {
		no     string
		date   tdkt.Date
		reason string
		want   string
	}{
		"no number":     {"", tdkt.D(2026, 11, 20), "Kê khai sai thành tích", "chưa nhập số quyết định hủy bỏ"},
		"no date":       {"15/QĐ-UBND", tdkt.Date{}, "Kê khai sai thành tích", "chưa nhập ngày"},
		"before award":  {"15/QĐ-UBND", tdkt.D(2025, 12, 1), "Kê khai sai thành tích", "trước ngày quyết định khen thưởng 10/01/2026"},
		"in the future": {"15/QĐ-UBND", tdkt.D(2026, 12, 1), "Kê khai sai thành tích", "chưa tới"},
		"no reason":     {"15/QĐ-UBND", tdkt.D(2026, 11, 20), " ", "chưa ghi lý do"},
	} {
		a := line()
		if err := tdkt.RevokeAward(a, c.no, c.date, c.reason, today); err == nil || !strings.Contains(err.Error(), c.want) || a.Revoked {
			t.Errorf("%s: %v (revoked %v), want %q", name, err, a.Revoked, c.want)
		}
	}
	a := line()
	if err := tdkt.RevokeAward(a, "15/QĐ-UBND", tdkt.D(2026, 11, 20), "Kê khai sai thành tích", today); err != nil {
		t.Fatal(err)
	}
	if !a.Revoked || a.RevokedBy != "Quyết định số 15/QĐ-UBND ngày 20/11/2026: Kê khai sai thành tích" {
		t.Errorf("revoked %+v", a)
	}
	if err := tdkt.RevokeAward(a, "16/QĐ-UBND", tdkt.D(2026, 11, 21), "lần hai", today); err == nil || !strings.Contains(err.Error(), "đã bị hủy bỏ") {
		t.Errorf("revoked twice: %v", err)
	}
	// the line round-trips through the register's own decoder
	b, _ := json.Marshal(a)
	var back tdkt.Award
	if err := json.Unmarshal(b, &back); err != nil || back.RevokedBy != a.RevokedBy || !back.Revoked {
		t.Errorf("decoded %+v %v", back, err)
	}
}

// TestAddLine: a draft gains a person or collective by hand, with the
// award's bonus on its date; not twice, not one the award is not for, not
// on an issued decision.
func TestAddLine(t *testing.T) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	date := tdkt.D(2026, 12, 1)
	d := &tdkt.Decision{AwardCode: "CSTDCS", Date: date, Status: tdkt.DecisionDraft}
	person := tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: "P1", UnitID: "U1", Name: "Lò Thị Hoa", Position: "Giáo viên"}
	if err := d.AddLine(cat, person, date); err != nil {
		t.Fatal(err)
	}
	want, _ := cat.Bonus("CSTDCS", tdkt.SubjectPerson, date)
	if len(d.List) != 1 || d.List[0].Bonus != want || want == 0 {
		t.Fatalf("list %+v (bonus %d)", d.List, want)
	}
	for name, c := range map[string]struct {
		d    *tdkt.Decision
		e    tdkt.ListEntry
		want string
	}{
		"twice":        {d, person, "đã có trong danh sách"},
		"collective":   {d, tdkt.ListEntry{Subject: tdkt.SubjectCollective, UnitID: "U1", Name: "Trường"}, "không dành cho tập thể"},
		"nobody":       {d, tdkt.ListEntry{Subject: tdkt.SubjectPerson, Name: "Ai đó"}, "chưa chọn cá nhân"},
		"issued":       {&tdkt.Decision{AwardCode: "CSTDCS", Status: tdkt.DecisionIssued}, person, "đã ban hành"},
		"unknown item": {&tdkt.Decision{AwardCode: "NOPE"}, person, "danh mục không có"},
	} {
		before := len(c.d.List)
		if err := c.d.AddLine(cat, c.e, date); err == nil || !strings.Contains(err.Error(), c.want) || len(c.d.List) != before {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

func TestPositionAt(t *testing.T) {
	for _, c := range []struct{ pos, unit, want string }{
		{"Giáo viên", "Trường Tiểu học Tả Van", "Giáo viên – Trường Tiểu học Tả Van"},
		{"Hiệu trưởng Trường Tiểu học Tả Van", "Trường Tiểu học Tả Van", "Hiệu trưởng Trường Tiểu học Tả Van"},
		{"", "Trường Tiểu học Tả Van", "Trường Tiểu học Tả Van"},
		{" Giáo viên ", "", "Giáo viên"},
		{"", "", ""},
	} {
		if got := tdkt.PositionAt(c.pos, c.unit); got != c.want {
			t.Errorf("PositionAt(%q, %q) = %q, want %q", c.pos, c.unit, got, c.want)
		}
	}
}

// TestHandRevocable: only a line recorded by hand is revoked by hand.
func TestHandRevocable(t *testing.T) {
	if err := tdkt.HandRevocable(&tdkt.Award{Number: "2025/000001", DecisionNo: "88/QĐ-TTg"}); err != nil {
		t.Errorf("recorded by hand: %v", err)
	}
	err := tdkt.HandRevocable(&tdkt.Award{Number: "2025/000002", DecisionID: "SL-Q0000001", DecisionNo: "05/QĐ-UBND"})
	if err == nil || !strings.Contains(err.Error(), "hủy bỏ bằng quyết định sửa đổi") {
		t.Errorf("a line of an issued decision: %v", err)
	}
}
