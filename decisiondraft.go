package tdkt

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The wording of a drafted award decision. It is printed, so it stays
// Vietnamese whatever the window's language; the window and any other
// caller draft through these functions so that a decision reads the same
// whoever made it.

// DraftLine is one candidate the council passed, for a draft decision.
type DraftLine struct {
	Dossier   *Dossier
	Candidate Candidate
	Meeting   *Meeting // the meeting that passed it, or nil
}

// DraftDecision drafts office o's decision awarding code by method to the
// candidates of lines, dated date: summary, authority, the catalogue's
// grounds and the council's result, the proposer, the three articles
// (the award and its reason, the bonus, who carries it out), recipients,
// the first signer and the attached list with each line's bonus on date.
// unit looks a unit up by its ID (names in the list's position column).
func DraftDecision(o *Office, cat *Catalog, code string, method Method, lines []DraftLine, date Date,
	unit func(id string) (*Unit, bool)) (*Decision, error) {
	it, ok := cat.Item(code)
	if !ok {
		return nil, fmt.Errorf("danh mục không có hình thức %q", code)
	}
	if why := NotDecidedHere(o.Level, it.Authority); why != "" {
		return nil, fmt.Errorf("%s: %s", it.Name, why)
	}
	d := &Decision{Issuer: o.Code, Symbol: o.Symbol, Year: date.Year, Date: date, AwardCode: code, Method: method,
		Status: DecisionDraft}
	if it.Class == ClassTitle {
		d.Summary = "Về việc tặng danh hiệu " + it.Name
	} else {
		d.Summary = "Về việc tặng " + it.Name
	}
	d.Authority = "CHỦ TỊCH " + o.IssuingBody
	// the catalogue's grounds, each closed by ";" (the last by "." below)
	for _, b := range cat.Bases {
		d.Bases = append(d.Bases, b+";")
	}
	list, meeting, years, err := draftList(cat, code, lines, date, unit)
	if err != nil {
		return nil, err
	}
	d.List = list
	if meeting != nil {
		d.MeetingID = meeting.ID
	}
	if meeting != nil {
		d.Bases = append(d.Bases, "Căn cứ kết quả "+LowerFirst(meeting.Title)+" ngày "+DateShort(meeting.Date.Time())+";")
	}
	if last := len(d.Bases) - 1; last >= 0 {
		d.Bases[last] = strings.TrimSuffix(d.Bases[last], ";") + "."
	}
	proposer, executors := OfficeWording(o)
	d.Proposal = "Theo đề nghị của " + proposer + "."
	var ys []string
	for _, y := range years {
		ys = append(ys, strconv.Itoa(y))
	}
	title := it.Name
	if it.Class == ClassTitle {
		title = "danh hiệu " + it.Name
	}
	d.Articles = []string{
		fmt.Sprintf("Tặng %s cho %s (có danh sách kèm theo), %s.", title, whoText(list), achievement(method, strings.Join(ys, ", "))),
		d.BonusArticle(),
		executors + ", Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
	}
	d.Recipients = []string{"Như Điều 3;", "Lưu: VT, NV."}
	if len(o.Signers) > 0 {
		d.Signer = o.Signers[0]
	}
	return d, nil
}

// whoText counts a list's lines as a decision names them: "02 cá nhân và
// 01 tập thể".
func whoText(list []ListEntry) string {
	persons, collectives, families := 0, 0, 0
	for _, e := range list {
		switch e.Subject {
		case SubjectPerson:
			persons++
		case SubjectFamily:
			families++
		default:
			collectives++
		}
	}
	var who []string
	if persons > 0 {
		who = append(who, fmt.Sprintf("%02d cá nhân", persons))
	}
	if collectives > 0 {
		who = append(who, fmt.Sprintf("%02d tập thể", collectives))
	}
	if families > 0 {
		who = append(who, fmt.Sprintf("%02d hộ gia đình", families))
	}
	return strings.Join(who, " và ")
}

// draftList is the attached list of a decision or proposal awarding code
// to the candidates of lines: each line's position with its unit, and its
// bonus on date. It also gives the meeting that passed them (the last
// named) and the achievement years, in order.
func draftList(cat *Catalog, code string, lines []DraftLine, date Date, unit func(id string) (*Unit, bool)) ([]ListEntry, *Meeting, []int, error) {
	unitName := func(id string) string {
		if id == "" {
			return ""
		}
		if u, ok := unit(id); ok {
			return u.Name
		}
		return id
	}
	var list []ListEntry
	var meeting *Meeting
	seen := map[int]bool{}
	var years []int
	for _, l := range lines {
		c := l.Candidate
		if !seen[l.Dossier.Year] {
			seen[l.Dossier.Year] = true
			years = append(years, l.Dossier.Year)
		}
		if l.Meeting != nil {
			meeting = l.Meeting
		}
		bonus, err := cat.Bonus(code, c.Subject, date)
		if err != nil {
			return nil, nil, nil, err
		}
		pos := c.Position
		if c.Subject == SubjectPerson {
			pos = PositionAt(pos, unitName(c.UnitID))
		} else if u, ok := unit(c.UnitID); ok && pos == "" {
			pos = unitName(u.ParentID)
		}
		list = append(list, ListEntry{DossierID: l.Dossier.ID, CandidateID: c.ID, Subject: c.Subject,
			PersonID: c.PersonID, UnitID: c.UnitID, Name: c.Name, Position: pos, Bonus: bonus})
	}
	sort.Ints(years)
	return list, meeting, years, nil
}

// PositionAt is the "chức vụ, đơn vị" text of a person's line in a
// decision's list, a tờ trình or the register: the position, a dash and
// the unit ("Giáo viên – Trường Tiểu học Tả Van"), either alone when the
// other is empty, and the unit once when the position names it already.
func PositionAt(position, unit string) string {
	position, unit = strings.TrimSpace(position), strings.TrimSpace(unit)
	switch {
	case unit == "" || strings.Contains(position, unit):
		return position
	case position == "":
		return unit
	}
	return position + " – " + unit
}

// Proposal is the wording of a tờ trình: office o asks the authority
// above it to award what the office may not decide itself.
type Proposal struct {
	From      string // the proposing body: ỦY BAN NHÂN DÂN XÃ …
	To        string // Chủ tịch Ủy ban nhân dân tỉnh; Thủ tướng Chính phủ
	Summary   string // Về việc đề nghị tặng …
	AwardName string // as the request names it ("danh hiệu …" for titles)
	Meeting   *Meeting
	List      []ListEntry
	Signer    Signer
	Date      Date
}

// DraftProposal drafts office o's proposal that the authority above it
// award code to the candidates of lines, dated date. It refuses an award
// the office decides itself (that is a decision) or one a lower level
// decides. A commune proposes everything to the province's Chairman; a
// province's proposals for State awards go to the Prime Minister, who
// proposes orders and medals to the President.
func DraftProposal(o *Office, cat *Catalog, code string, lines []DraftLine, date Date,
	unit func(id string) (*Unit, bool)) (*Proposal, error) {
	it, ok := cat.Item(code)
	if !ok {
		return nil, fmt.Errorf("danh mục không có hình thức %q", code)
	}
	switch own := authorityOf(o.Level); {
	case it.Authority == own:
		return nil, fmt.Errorf("%s thuộc thẩm quyền của cơ quan này: lập dự thảo quyết định, không lập tờ trình", it.Name)
	case !Above(o.Level, it.Authority):
		return nil, fmt.Errorf("%s không trình cấp trên: %s", it.Name, NotDecidedHere(o.Level, it.Authority))
	}
	list, meeting, _, err := draftList(cat, code, lines, date, unit)
	if err != nil {
		return nil, err
	}
	p := &Proposal{From: o.IssuingBody, To: "Thủ tướng Chính phủ", AwardName: it.Name, Meeting: meeting, List: list, Date: date}
	if it.Authority == AuthProvince || o.Level == LevelCommune {
		// a commune proposes to the province's Chairman, who proposes the
		// State's awards on to the Prime Minister
		p.To = "Chủ tịch Ủy ban nhân dân tỉnh"
	}
	if it.Class == ClassTitle {
		p.AwardName = "danh hiệu " + it.Name
	}
	p.Summary = "Về việc đề nghị tặng " + p.AwardName
	if len(o.Signers) > 0 {
		p.Signer = o.Signers[0]
	}
	return p, nil
}

// achievement is the reason clause of Điều 1 for the award method.
func achievement(m Method, years string) string {
	switch m {
	case MethodOneOff:
		return "đã có thành tích xuất sắc đột xuất"
	case MethodThematic:
		return "đã có thành tích xuất sắc trong phong trào thi đua chuyên đề năm " + years
	case MethodDedicated:
		return "đã có quá trình cống hiến xuất sắc"
	case MethodSeniority:
		return "đã có thời gian công tác đủ niên hạn theo quy định"
	}
	return "đã có thành tích xuất sắc trong phong trào thi đua năm " + years
}

// AddLine adds a recipient to draft d's list by hand — a person or
// collective an amendment adds (bổ sung), or one the council's list
// missed: a subject the award is for, not on the list already, with the
// award's bonus on the decision's date (date when d has none yet).
func (d *Decision) AddLine(cat *Catalog, e ListEntry, date Date) error {
	if d.Status == DecisionIssued {
		return fmt.Errorf("quyết định đã ban hành, không thêm dòng được; hãy ra quyết định sửa đổi, bổ sung")
	}
	it, ok := cat.Item(d.AwardCode)
	if !ok {
		return fmt.Errorf("danh mục không có hình thức %q", d.AwardCode)
	}
	if !it.Subject.Allows(e.Subject) {
		return fmt.Errorf("%s không dành cho %s", it.Name, subjectLabel(e.Subject))
	}
	switch {
	case e.Subject == SubjectFamily && (e.UnitID == "" || strings.TrimSpace(e.Name) == ""):
		return fmt.Errorf("chưa có tên hộ gia đình hoặc thôn, bản của hộ")
	case e.Subject == SubjectPerson && e.PersonID == "":
		return fmt.Errorf("chưa chọn cá nhân")
	case e.Subject != SubjectPerson && e.UnitID == "":
		return fmt.Errorf("chưa chọn tập thể")
	}
	for _, l := range d.List {
		if (e.Subject == SubjectPerson && l.PersonID == e.PersonID) || (e.Subject == SubjectCollective && l.Subject == SubjectCollective && l.UnitID == e.UnitID) ||
			(e.Subject == SubjectFamily && l.Subject == SubjectFamily && l.UnitID == e.UnitID && Fold(l.Name) == Fold(e.Name)) {
			return fmt.Errorf("%s đã có trong danh sách", l.Name)
		}
	}
	if !d.Date.IsZero() {
		date = d.Date
	}
	bonus, err := cat.Bonus(d.AwardCode, e.Subject, date)
	if err != nil {
		return err
	}
	e.Bonus = bonus
	e.Corrects = ""
	d.List = append(d.List, e)
	return nil
}

// Corrected reports whether list line e gives again, corrected, a line
// this amendment withdraws for correction.
func (d *Decision) Corrected(e ListEntry) bool {
	if e.Corrects == "" {
		return false
	}
	for _, w := range d.Withdraws {
		if w.Correct && w.AwardID == e.Corrects {
			return true
		}
	}
	return false
}

// Rebonus sets each line's bonus for the decision's award on date (the
// base salary in force that day); a line that corrects a withdrawn one
// gets none, its bonus having been paid under the amended decision.
func (d *Decision) Rebonus(cat *Catalog, date Date) error {
	for i := range d.List {
		l := &d.List[i]
		b, err := cat.Bonus(d.AwardCode, l.Subject, date)
		if err != nil {
			return err
		}
		if l.Corrects != "" {
			b = 0
		}
		l.Bonus = b
	}
	return nil
}

// BonusArticle is the decision's bonus article (Điều 2) for its list as it
// stands: the total in figures and words, from the emulation fund.
func (d *Decision) BonusArticle() string {
	t := d.Total()
	if t == 0 {
		return "Khen thưởng theo Điều 1 không kèm tiền thưởng."
	}
	return fmt.Sprintf("Kèm theo danh hiệu, hình thức khen thưởng là tiền thưởng theo quy định; tổng số tiền %s đồng (%s), chi từ Quỹ Thi đua, khen thưởng.",
		Money(t), LowerFirst(MoneyWords(t)))
}

// Amendment drafts office o's decision amending d, dated today: an issued
// decision is never edited. Its articles are AmendmentArticles' for an
// amendment that so far neither withdraws nor adds a line.
func (d *Decision) Amendment(o *Office, cat *Catalog, today Date) *Decision {
	a := &Decision{Issuer: d.Issuer, Symbol: d.Symbol, Year: today.Year, Date: today, AwardCode: d.AwardCode,
		Method: d.Method, Authority: d.Authority, Bases: append([]string(nil), d.Bases...), Proposal: d.Proposal,
		Summary:    fmt.Sprintf("Về việc sửa đổi, bổ sung Quyết định số %s ngày %s", d.NumberText(), DateShort(d.Date.Time())),
		Recipients: append([]string(nil), d.Recipients...), Signer: d.Signer, Amends: d.ID, Status: DecisionDraft}
	a.Articles = a.AmendmentArticles(o, cat, d)
	return a
}

// AmendmentArticles drafts the articles of amendment d of decision amended
// for its withdrawals and list as they stand: what it takes back and adds
// (Điều 1), the bonus of what it adds (Điều 2, when it adds any), and its
// effect and who carries it out.
func (d *Decision) AmendmentArticles(o *Office, cat *Catalog, amended *Decision) []string {
	ref := fmt.Sprintf("Quyết định số %s ngày %s", amended.NumberText(), DateShort(amended.Date.Time()))
	what := "khen thưởng"
	if it, ok := cat.Item(d.AwardCode); cat != nil && ok {
		what = "việc tặng " + it.Name
		if it.Class == ClassTitle {
			what = "việc tặng danh hiệu " + it.Name
		}
	}
	line := func(w Withdrawal) string {
		return fmt.Sprintf("%s (số vào sổ %s; lý do: %s)", w.Name, w.Number, strings.TrimRight(w.Reason, " .;"))
	}
	var fixes, revokes []string
	for _, w := range d.Withdraws {
		if w.Correct {
			fixes = append(fixes, line(w))
		} else {
			revokes = append(revokes, line(w))
		}
	}
	var added []ListEntry
	for _, e := range d.List {
		if e.Corrects == "" {
			added = append(added, e)
		}
	}
	var parts []string
	if len(fixes) > 0 {
		parts = append(parts, fmt.Sprintf("sửa thông tin của %s tại danh sách kèm theo %s như dòng tương ứng trong danh sách kèm theo Quyết định này (không thay đổi hình thức và tiền thưởng đã nhận)",
			strings.Join(fixes, ", "), ref))
	}
	if len(revokes) > 0 {
		parts = append(parts, fmt.Sprintf("hủy bỏ %s đối với %s tại danh sách kèm theo %s; thu hồi hiện vật và tiền thưởng đã nhận",
			what, strings.Join(revokes, ", "), ref))
	}
	if len(added) > 0 {
		parts = append(parts, fmt.Sprintf("bổ sung %s có tên trong danh sách kèm theo Quyết định này", whoText(added)))
	}
	first := fmt.Sprintf("Sửa đổi, bổ sung %s như sau: …", ref)
	if len(parts) > 0 {
		first = fmt.Sprintf("Sửa đổi, bổ sung %s như sau: %s.", ref, strings.Join(parts, "; "))
	}
	arts := []string{first}
	if len(added) > 0 {
		arts = append(arts, d.BonusArticle())
	}
	_, executors := OfficeWording(o)
	return append(arts, fmt.Sprintf("Quyết định này có hiệu lực kể từ ngày ký. %s, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.", executors))
}

// Withdraw adds register line a of the amended decision to what amendment
// d takes back, for reason: a line given on false grounds, revoked on
// issue (RevokeAward) — its object and money to be recovered — and kept
// in the register, marked.
func (d *Decision) Withdraw(a *Award, reason string) error {
	return d.withdraw(a, reason, false)
}

// Correct withdraws register line a of the amended decision for
// correction and gives it again in d's list with name and position as
// they should read (a wrong name or position), for reason: same
// recipient, unit and award, no bonus (it was paid). On issue the register
// line is corrected in place (CorrectAward).
func (d *Decision) Correct(a *Award, name, position, reason string) error {
	name, position = NFC(name), NFC(position)
	if name == "" {
		return fmt.Errorf("chưa nhập tên đúng của người, tập thể được khen")
	}
	if err := d.withdraw(a, reason, true); err != nil {
		return err
	}
	d.List = append(d.List, ListEntry{Subject: a.Subject, PersonID: a.PersonID, UnitID: a.UnitID,
		Name: name, Position: position, Corrects: a.ID})
	return nil
}

func (d *Decision) withdraw(a *Award, reason string, correct bool) error {
	reason = NFC(reason)
	switch {
	case d.Status == DecisionIssued:
		return fmt.Errorf("quyết định đã ban hành, không sửa được")
	case d.Amends == "":
		return fmt.Errorf("chỉ quyết định sửa đổi mới bãi bỏ được dòng của quyết định khác")
	case a.DecisionID != d.Amends:
		return fmt.Errorf("dòng sổ %s (%s) không thuộc quyết định được sửa đổi", a.Number, a.Name)
	case a.Deleted:
		return fmt.Errorf("dòng sổ %s đã bị xóa", a.Number)
	case a.Revoked:
		return fmt.Errorf("dòng sổ %s đã bị hủy bỏ: %s", a.Number, a.RevokedBy)
	case reason == "":
		return fmt.Errorf("chưa ghi lý do bãi bỏ")
	}
	for _, w := range d.Withdraws {
		if w.AwardID == a.ID {
			return fmt.Errorf("%s đã có trong phần bãi bỏ", a.Name)
		}
	}
	d.Withdraws = append(d.Withdraws, Withdrawal{AwardID: a.ID, Number: a.Number, Name: a.Name, Reason: reason, Correct: correct,
		Subject: a.Subject, PersonID: a.PersonID, UnitID: a.UnitID})
	return nil
}

// KeepLine drops withdrawal i from amendment d, and with a correction the
// corrected line it added; bonuses follow on date.
func (d *Decision) KeepLine(i int, cat *Catalog, date Date) error {
	if i < 0 || i >= len(d.Withdraws) {
		return fmt.Errorf("không có dòng bãi bỏ thứ %d", i+1)
	}
	id := d.Withdraws[i].AwardID
	d.Withdraws = append(d.Withdraws[:i:i], d.Withdraws[i+1:]...)
	d.List = slices.DeleteFunc(d.List, func(e ListEntry) bool { return e.Corrects == id })
	return d.Rebonus(cat, date)
}

// RemoveLine drops line i of d's list; a corrected line takes its
// withdrawal with it (the correction is dropped whole).
func (d *Decision) RemoveLine(i int) {
	if i < 0 || i >= len(d.List) {
		return
	}
	if id := d.List[i].Corrects; id != "" {
		d.Withdraws = slices.DeleteFunc(d.Withdraws, func(w Withdrawal) bool { return w.AwardID == id })
	}
	d.List = append(d.List[:i:i], d.List[i+1:]...)
}

// OfficeWording is who proposes and who carries out the office's award
// decisions, as set in Settings, or its level's usual wording: a province's
// decisions are proposed by the Department of Home Affairs, a commune's by
// its emulation officer — not the Department, which a commune's decision
// named before these were settings.
func OfficeWording(o *Office) (proposer, executors string) {
	proposer, executors = o.Proposer, o.Executors
	if o.Level == LevelCommune {
		if proposer == "" {
			proposer = "công chức phụ trách công tác thi đua, khen thưởng"
		}
		if executors == "" {
			executors = "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, công chức phụ trách công tác thi đua, khen thưởng"
		}
		return proposer, executors
	}
	if proposer == "" {
		proposer = "Giám đốc Sở Nội vụ"
	}
	if executors == "" {
		executors = "Chánh Văn phòng " + BodyInText(o.IssuingBody) + ", Giám đốc Sở Nội vụ"
	}
	return proposer, executors
}

// BodyInText writes an all-caps body name as in running text: "Ủy ban nhân
// dân tỉnh Sơn Lâm": the first word, and the place name after the level
// word (tỉnh, thành phố, xã, phường, đặc khu), are capitalised.
func BodyInText(s string) string {
	words := strings.Fields(strings.ToLower(NFC(s)))
	place := len(words)
	for i, w := range words {
		if w == "tỉnh" || w == "xã" || w == "phường" || (w == "phố" && i > 0 && words[i-1] == "thành") || (w == "khu" && i > 0 && words[i-1] == "đặc") {
			place = i + 1
			break
		}
	}
	if len(words) > 0 {
		r := []rune(words[0])
		words[0] = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	if place < len(words) {
		rest := TitleCaseVN(strings.Join(words[place:], " "))
		words = append(words[:place], rest)
	}
	return strings.Join(words, " ")
}
