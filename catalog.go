package tdkt

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// Subject says who may receive an award item.
type Subject string

const (
	SubjectPerson     Subject = "person"
	SubjectCollective Subject = "collective"
	SubjectBoth       Subject = "both"
	SubjectFamily     Subject = "family" // hộ gia đình
)

// Allows reports whether an item for subject s may go to recipient r.
func (s Subject) Allows(r Subject) bool {
	return s == r || (s == SubjectBoth && (r == SubjectPerson || r == SubjectCollective))
}

// Method is the way an award is made (law art. 7 ff.).
type Method string

const (
	MethodRegular   Method = "regular"   // thường xuyên
	MethodThematic  Method = "thematic"  // chuyên đề
	MethodOneOff    Method = "oneoff"    // đột xuất
	MethodDedicated Method = "dedicated" // cống hiến
	MethodSeniority Method = "seniority" // niên hạn
	MethodForeign   Method = "foreign"   // đối ngoại
)

// Methods lists the methods in the order of the returns.
var Methods = []Method{MethodRegular, MethodThematic, MethodOneOff, MethodDedicated, MethodSeniority, MethodForeign}

// MethodLabel is the Vietnamese name of a method.
func MethodLabel(m Method) string {
	return map[Method]string{MethodRegular: "Thường xuyên", MethodThematic: "Chuyên đề",
		MethodOneOff: "Đột xuất", MethodDedicated: "Cống hiến", MethodSeniority: "Niên hạn",
		MethodForeign: "Đối ngoại"}[m]
}

// Authority is who decides an award.
type Authority string

const (
	AuthCommune   Authority = "commune"   // Chủ tịch UBND cấp xã
	AuthProvince  Authority = "province"  // Chủ tịch UBND cấp tỉnh
	AuthPM        Authority = "pm"        // Thủ tướng Chính phủ
	AuthPresident Authority = "president" // Chủ tịch nước
)

// rank orders the deciders from the commune up.
func (a Authority) rank() int {
	return map[Authority]int{AuthCommune: 1, AuthProvince: 2, AuthPM: 3, AuthPresident: 4}[a]
}

// authorityOf is the decider an office of level lvl stands for.
func authorityOf(lvl Level) Authority {
	if lvl == LevelProvince {
		return AuthProvince
	}
	return AuthCommune
}

// Decides reports whether an office of level lvl drafts and issues the
// decisions for an award its catalogue gives to authority a. Each award
// has one decider under the law (the catalogue says who): an office
// drafts only its own Chairman's, proposes
// the higher ones upward, and leaves the lower ones (Giấy khen, Lao động
// tiên tiến…) to the Chairman of the commune or the head of the agency.
func Decides(lvl Level, a Authority) bool { return a == authorityOf(lvl) }

// Above reports whether an award of authority a is decided above an
// office of level lvl: the office proposes it upward with a tờ trình.
func Above(lvl Level, a Authority) bool { return a.rank() > authorityOf(lvl).rank() }

// NotDecidedHere says why an office of level lvl drafts no decision for an
// award of authority a ("" when it does): proposed to a higher level, or
// decided by a lower one.
func NotDecidedHere(lvl Level, a Authority) string {
	switch own := authorityOf(lvl); {
	case a == own:
		return ""
	case Above(lvl, a):
		return "thuộc thẩm quyền cấp trên: lập tờ trình đề nghị cấp trên khen thưởng"
	default:
		return "thuộc thẩm quyền Chủ tịch UBND cấp xã hoặc thủ trưởng cơ quan, đơn vị"
	}
}

// Class groups items the way the law does.
type Class string

const (
	ClassTitle  Class = "title"  // danh hiệu thi đua
	ClassForm   Class = "form"   // bằng khen, giấy khen, cờ
	ClassOrder  Class = "order"  // huân chương
	ClassMedal  Class = "medal"  // huy chương
	ClassHonour Class = "honour" // danh hiệu vinh dự nhà nước
	ClassPrize  Class = "prize"  // giải thưởng
	ClassBadge  Class = "badge"  // kỷ niệm chương
)

// Criterion is one condition of an award, as data. Type selects the check:
//
//	consecutive  N consecutive years holding any of Awards, the last in the
//	             review year or the year before
//	within       at least N of Awards in the Years years up to the review year
//	prior        any of Awards in an earlier year
//	rating       the candidate's rating for the year at least Min
//	initiative   a recognised initiative of scope at least Min
//	share        a collective with at least Percent % of members holding Of
//	count        a collective with at least N members holding Of
//	fact         a fact the specialist confirms in the dossier (Key)
//	clean        not disciplined or under investigation
//	once         not already holding this item for the review year
//	             (one achievement, one award)
type Criterion struct {
	Type    string   `json:"type"`
	Awards  []string `json:"awards,omitempty"`
	N       int      `json:"n,omitempty"`
	Years   int      `json:"years,omitempty"`
	Min     string   `json:"min,omitempty"`
	Of      string   `json:"of,omitempty"`
	Percent float64  `json:"percent,omitempty"`
	Key     string   `json:"key,omitempty"`
	For     Subject  `json:"for,omitempty"` // person or collective only; empty for both
	Text    string   `json:"text"`          // the condition in words, shown to the user
	Verify  bool     `json:"verify,omitempty"`
}

// DocReq is a document a dossier must hold (law art. 84).
type DocReq struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Copies int    `json:"copies,omitempty"`
	// When names a condition under which the document is needed: "cstd"
	// (any Chiến sĩ thi đua), "enterprise", "oneoff".
	When string `json:"when,omitempty"`
}

// Quota caps how many of an item may be given relative to a base count, to
// stop "rampant, hollow" awarding: e.g. Chiến sĩ thi đua cơ sở at most 15 %
// of the unit's Lao động tiên tiến.
type Quota struct {
	Of      string  `json:"of"` // award code of the base, or "cluster_leaders"
	Percent float64 `json:"percent"`
	Text    string  `json:"text"`
	Verify  bool    `json:"verify,omitempty"`
}

// Item is one title or form of award in the catalogue.
type Item struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Short     string    `json:"short,omitempty"`
	Class     Class     `json:"class"`
	Subject   Subject   `json:"subject"`
	Authority Authority `json:"authority"`
	Law       string    `json:"law,omitempty"` // article of Luật TĐKT 2022
	// Coefficients of the base salary; collective 0 means 2× person for
	// orders and the same as person otherwise is NOT assumed: zero is zero.
	CoefPerson     float64     `json:"coefPerson,omitempty"`
	CoefCollective float64     `json:"coefCollective,omitempty"`
	Threshold      float64     `json:"threshold"` // % of all council members
	SecretBallot   bool        `json:"secretBallot,omitempty"`
	Copies         int         `json:"copies"`
	Docs           []DocReq    `json:"docs"`
	Criteria       []Criterion `json:"criteria,omitempty"`
	// Alternatives: when present, at least one list must hold in full.
	Alternatives [][]Criterion `json:"alternatives,omitempty"`
	Quota        *Quota        `json:"quota,omitempty"`
	PublicDays   int           `json:"publicDays,omitempty"` // working days of public comment
	Verify       []string      `json:"verify,omitempty"`     // fields not confirmed in the law text
	Order        int           `json:"order"`
}

// Salary is a base salary (lương cơ sở) in force from a date.
type Salary struct {
	From   Date   `json:"from"`
	Amount int64  `json:"amount"`
	Basis  string `json:"basis,omitempty"`
}

// Catalog is the law as data: every award item, the base salary history and
// the council rules. An embedded default ships with the binary; a province
// overrides it by editing.
type Catalog struct {
	Meta
	Source     string   `json:"source"`
	Items      []Item   `json:"items"`
	BaseSalary []Salary `json:"baseSalary"`
	// RoundTo: bonus amounts are rounded up to a multiple of this (đồng).
	RoundTo int64 `json:"roundTo"`
	// Quorum: at least QuorumNum/QuorumDen of all members present.
	QuorumNum int `json:"quorumNum"`
	QuorumDen int `json:"quorumDen"`
	// General criteria apply to every item (law: no award while disciplined).
	General []Criterion `json:"general,omitempty"`
	// NonMerit methods do not count toward merit chains (law art. 5 and 7).
	NonMerit []Method `json:"nonMerit"`
	// SmallStaff: a collective of at most this many people counts as small,
	// one the reform asks to favour (verify: common practice, not law).
	SmallStaff int `json:"smallStaff,omitempty"`
	// Bases are the legal grounds (căn cứ) an award decision cites first,
	// one per line without its closing ";" or ".". They follow the law — a
	// 2025 decree replaced the 2023 one — so they are data, not wording in
	// the program.
	Bases []string `json:"bases,omitempty"`
}

// defaultSmallStaff applies to catalogues saved before SmallStaff existed.
const defaultSmallStaff = 30

// SmallLimit is the headcount up to which a collective counts as small.
func (c *Catalog) SmallLimit() int {
	if c.SmallStaff > 0 {
		return c.SmallStaff
	}
	return defaultSmallStaff
}

// SmallCollective reports whether a unit with staff people (its recorded
// headcount, or the people registered in it) is a small collective: a
// village, hamlet or team always is.
func (c *Catalog) SmallCollective(u *Unit, staff int) bool {
	if u == nil {
		return false
	}
	if u.Type == UnitVillage {
		return true
	}
	if u.Staff > 0 {
		staff = u.Staff
	}
	return staff > 0 && staff <= c.SmallLimit()
}

// PriorityArea reports whether the unit, or a unit it belongs to, lies in a
// remote, border, island, ethnic-minority or especially difficult area.
func PriorityArea(id string, get func(string) (*Unit, bool)) bool {
	seen := map[string]bool{}
	for id != "" && !seen[id] {
		seen[id] = true
		u, ok := get(id)
		if !ok {
			return false
		}
		if u.Flags.Any() {
			return true
		}
		id = u.ParentID
	}
	return false
}

// ParseCatalog decodes and validates a catalogue file.
func ParseCatalog(b []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("đọc danh mục: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

var criterionTypes = map[string]bool{"consecutive": true, "within": true, "prior": true,
	"rating": true, "initiative": true, "share": true, "count": true, "fact": true, "clean": true, "once": true}

// Validate checks that the catalogue is usable: unique codes, thresholds in
// range, criteria naming known items, a salary history, the decisions'
// legal grounds.
func (c *Catalog) Validate() error {
	if len(c.Items) == 0 {
		return fmt.Errorf("danh mục không có hình thức khen thưởng nào")
	}
	if c.QuorumDen <= 0 || c.QuorumNum <= 0 || c.QuorumNum > c.QuorumDen {
		return fmt.Errorf("tỷ lệ túc số %d/%d không hợp lệ", c.QuorumNum, c.QuorumDen)
	}
	if c.RoundTo < 0 {
		return fmt.Errorf("mức làm tròn tiền thưởng âm")
	}
	if len(c.BaseSalary) == 0 {
		return fmt.Errorf("danh mục thiếu mức lương cơ sở")
	}
	if len(c.Bases) == 0 {
		// a decision without its legal grounds cannot be issued
		return fmt.Errorf("danh mục thiếu căn cứ của quyết định khen thưởng (ít nhất một dòng)")
	}
	for _, s := range c.BaseSalary {
		if s.Amount <= 0 || s.From.IsZero() {
			return fmt.Errorf("mức lương cơ sở không hợp lệ: %d từ %s", s.Amount, s.From)
		}
	}
	codes := map[string]bool{}
	for _, it := range c.Items {
		if it.Code == "" || it.Name == "" {
			return fmt.Errorf("hình thức khen thưởng thiếu mã hoặc tên: %q", it.Code)
		}
		if codes[it.Code] {
			return fmt.Errorf("mã %s bị trùng trong danh mục", it.Code)
		}
		codes[it.Code] = true
	}
	check := func(it Item, cr Criterion) error {
		if !criterionTypes[cr.Type] {
			return fmt.Errorf("%s: loại tiêu chuẩn không biết %q", it.Code, cr.Type)
		}
		for _, a := range cr.Awards {
			if !codes[a] {
				return fmt.Errorf("%s: tiêu chuẩn nêu mã không có trong danh mục %q", it.Code, a)
			}
		}
		if (cr.Type == "share" || cr.Type == "count") && !codes[cr.Of] {
			return fmt.Errorf("%s: tiêu chuẩn nêu mã không có trong danh mục %q", it.Code, cr.Of)
		}
		return nil
	}
	for _, it := range c.Items {
		if it.Threshold < 0 || it.Threshold > 100 {
			return fmt.Errorf("%s: tỷ lệ phiếu %.1f%% ngoài khoảng 0–100", it.Code, it.Threshold)
		}
		if it.CoefPerson < 0 || it.CoefCollective < 0 {
			return fmt.Errorf("%s: hệ số tiền thưởng âm", it.Code)
		}
		all := append([]Criterion(nil), it.Criteria...)
		for _, alt := range it.Alternatives {
			all = append(all, alt...)
		}
		for _, cr := range all {
			if err := check(it, cr); err != nil {
				return err
			}
		}
		if q := it.Quota; q != nil && q.Of != "cluster_leaders" && !codes[q.Of] {
			return fmt.Errorf("%s: hạn mức dựa trên mã không có %q", it.Code, q.Of)
		}
	}
	return nil
}

// Item returns the catalogue item with the code.
func (c *Catalog) Item(code string) (*Item, bool) {
	for i := range c.Items {
		if c.Items[i].Code == code {
			return &c.Items[i], true
		}
	}
	return nil, false
}

// SalaryOn is the base salary in force on day d: the latest step that starts
// on or before d.
func (c *Catalog) SalaryOn(d Date) (int64, error) {
	steps := append([]Salary(nil), c.BaseSalary...)
	sort.Slice(steps, func(i, j int) bool { return steps[i].From.Before(steps[j].From) })
	var amt int64
	for _, s := range steps {
		if s.From.Compare(d) <= 0 {
			amt = s.Amount
		}
	}
	if amt == 0 {
		return 0, fmt.Errorf("chưa có mức lương cơ sở áp dụng cho ngày %s", d)
	}
	return amt, nil
}

// LatestSalary is the newest base-salary step (the zero Salary when the
// catalogue has none).
func (c *Catalog) LatestSalary() Salary {
	var last Salary
	for _, s := range c.BaseSalary {
		if last.From.Before(s.From) {
			last = s
		}
	}
	return last
}

// Bonus is the bonus for item code given to recipient subject r by a decision
// dated d: coefficient × base salary in force that day, rounded up to the
// catalogue's unit. Coefficients are applied in thousandths so that float
// noise never moves a sum across a rounding step.
func (c *Catalog) Bonus(code string, r Subject, d Date) (int64, error) {
	it, ok := c.Item(code)
	if !ok {
		return 0, fmt.Errorf("không có hình thức khen thưởng mã %q", code)
	}
	coef := it.CoefPerson
	if r == SubjectCollective || r == SubjectFamily {
		coef = it.CoefCollective
	}
	if coef == 0 {
		return 0, nil
	}
	base, err := c.SalaryOn(d)
	if err != nil {
		return 0, err
	}
	milli := int64(math.Round(coef * 1000))
	amt := (milli*base + 999) / 1000
	if c.RoundTo > 1 {
		amt = (amt + c.RoundTo - 1) / c.RoundTo * c.RoundTo
	}
	return amt, nil
}

// IsMerit reports whether an award made by method m counts toward merit
// chains.
func (c *Catalog) IsMerit(m Method) bool {
	for _, x := range c.NonMerit {
		if x == m {
			return false
		}
	}
	return true
}
