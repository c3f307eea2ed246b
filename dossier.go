package tdkt

import (
	"fmt"
	"strings"
	"time"
)

// Status is where a dossier stands.
type Status string

const (
	StatusReceived  Status = "received"  // đã tiếp nhận
	StatusChecking  Status = "checking"  // đang thẩm định
	StatusReturned  Status = "returned"  // trả lại để bổ sung
	StatusReady     Status = "ready"     // đủ điều kiện trình Hội đồng
	StatusCouncil   Status = "council"   // đã xét tại Hội đồng
	StatusProposed  Status = "proposed"  // đã trình cấp trên / chờ quyết định
	StatusAwarded   Status = "awarded"   // đã có quyết định khen thưởng
	StatusRejected  Status = "rejected"  // không khen thưởng
	StatusWithdrawn Status = "withdrawn" // đơn vị rút hồ sơ
)

// Statuses lists the statuses in workflow order.
var Statuses = []Status{StatusReceived, StatusChecking, StatusReturned, StatusReady,
	StatusCouncil, StatusProposed, StatusAwarded, StatusRejected, StatusWithdrawn}

// StatusLabel is the Vietnamese name of a status.
func StatusLabel(s Status) string {
	return map[Status]string{StatusReceived: "Đã tiếp nhận", StatusChecking: "Đang thẩm định",
		StatusReturned: "Trả lại bổ sung", StatusReady: "Đủ điều kiện trình Hội đồng",
		StatusCouncil: "Đã xét tại Hội đồng", StatusProposed: "Đã trình, chờ quyết định",
		StatusAwarded: "Đã khen thưởng", StatusRejected: "Không khen thưởng",
		StatusWithdrawn: "Đơn vị rút hồ sơ"}[s]
}

// transitions is the dossier workflow. A returned dossier comes back as
// received once supplemented; awarded, rejected and withdrawn are final.
var transitions = map[Status][]Status{
	StatusReceived: {StatusChecking, StatusReturned, StatusRejected, StatusWithdrawn},
	StatusChecking: {StatusReady, StatusReturned, StatusRejected, StatusWithdrawn},
	StatusReturned: {StatusReceived, StatusWithdrawn},
	StatusReady:    {StatusCouncil, StatusReturned, StatusWithdrawn},
	StatusCouncil:  {StatusProposed, StatusAwarded, StatusRejected},
	StatusProposed: {StatusAwarded, StatusRejected},
}

// needsReason lists target statuses that must say why.
var needsReason = map[Status]bool{StatusReturned: true, StatusRejected: true, StatusWithdrawn: true}

// StatusChange is one step of a dossier's history.
type StatusChange struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	Reason string    `json:"reason,omitempty"`
}

// Rating is the yearly assessment of how a person or unit did its duties.
type Rating string

const (
	RatingNone      Rating = ""
	RatingFailed    Rating = "failed"    // không hoàn thành nhiệm vụ
	RatingDone      Rating = "done"      // hoàn thành nhiệm vụ
	RatingGood      Rating = "good"      // hoàn thành tốt nhiệm vụ
	RatingExcellent Rating = "excellent" // hoàn thành xuất sắc nhiệm vụ
)

var ratingRank = map[Rating]int{RatingNone: 0, RatingFailed: 1, RatingDone: 2, RatingGood: 3, RatingExcellent: 4}

// RatingLabel is the Vietnamese name of a rating.
func RatingLabel(r Rating) string {
	return map[Rating]string{RatingNone: "chưa đánh giá", RatingFailed: "không hoàn thành nhiệm vụ",
		RatingDone: "hoàn thành nhiệm vụ", RatingGood: "hoàn thành tốt nhiệm vụ",
		RatingExcellent: "hoàn thành xuất sắc nhiệm vụ"}[r]
}

// Scope is the reach of a recognised initiative (sáng kiến).
type Scope string

const (
	ScopeNone     Scope = ""
	ScopeBase     Scope = "base"     // cấp cơ sở
	ScopeProvince Scope = "province" // phạm vi toàn tỉnh
	ScopeNational Scope = "national" // phạm vi toàn quốc
)

var scopeRank = map[Scope]int{ScopeNone: 0, ScopeBase: 1, ScopeProvince: 2, ScopeNational: 3}

// ScopeLabel is the Vietnamese name of an initiative scope.
func ScopeLabel(s Scope) string {
	return map[Scope]string{ScopeNone: "chưa có sáng kiến", ScopeBase: "sáng kiến cấp cơ sở",
		ScopeProvince: "sáng kiến có phạm vi ảnh hưởng toàn tỉnh",
		ScopeNational: "sáng kiến có phạm vi ảnh hưởng toàn quốc"}[s]
}

// Result is what happened to a candidate.
type Result string

const (
	ResultPending Result = ""
	ResultPassed  Result = "passed"  // đạt tại Hội đồng
	ResultFailed  Result = "failed"  // không đạt
	ResultAwarded Result = "awarded" // đã có quyết định
)

// Candidate is one proposed recipient inside a dossier.
type Candidate struct {
	ID         string  `json:"id"` // unique inside the dossier: C1, C2…
	Subject    Subject `json:"subject"`
	PersonID   string  `json:"person,omitempty"`
	UnitID     string  `json:"unit,omitempty"` // the collective, or the person's unit
	Name       string  `json:"name"`           // snapshot for lists
	Position   string  `json:"position,omitempty"`
	AwardCode  string  `json:"award"`
	Summary    string  `json:"summary,omitempty"`
	Rating     Rating  `json:"rating,omitempty"`
	Initiative Scope   `json:"initiative,omitempty"`
	// Disciplined or under investigation: no award (law).
	Disciplined bool `json:"disciplined,omitempty"`
	// Collective figures for share and count criteria.
	Members int             `json:"members,omitempty"`
	Holders map[string]int  `json:"holders,omitempty"` // award code → members holding it this year
	Facts   map[string]bool `json:"facts,omitempty"`
	Result  Result          `json:"result,omitempty"`
}

// DocCheck is one line of the dossier's document checklist.
type DocCheck struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Present bool   `json:"present"`
	Copies  int    `json:"copies,omitempty"`
}

// Attachment is a scanned file stored content-addressed.
type Attachment struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Type   string `json:"type"`
}

// Dossier is an award proposal (hồ sơ đề nghị khen thưởng) from a unit.
type Dossier struct {
	Meta
	Ref         string         `json:"ref,omitempty"` // số tờ trình of the submitter
	Title       string         `json:"title"`
	Year        int            `json:"year"` // the year of the achievements
	UnitID      string         `json:"unit"` // submitting unit
	Method      Method         `json:"method"`
	MovementID  string         `json:"movement,omitempty"`
	Received    Date           `json:"received"`
	Deadline    Date           `json:"deadline,omitempty"`
	Candidates  []Candidate    `json:"candidates"`
	Docs        []DocCheck     `json:"docs,omitempty"`
	Attachments []Attachment   `json:"attachments,omitempty"`
	Status      Status         `json:"status"`
	History     []StatusChange `json:"history,omitempty"`
}

// Candidate returns the candidate with id.
func (d *Dossier) Candidate(id string) (*Candidate, bool) {
	for i := range d.Candidates {
		if d.Candidates[i].ID == id {
			return &d.Candidates[i], true
		}
	}
	return nil, false
}

// CanMove reports whether the workflow allows from → to.
func CanMove(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Move changes the dossier's status, recording who, when and why. Returning,
// rejecting and withdrawing need a reason.
func (d *Dossier) Move(to Status, reason, by string, at time.Time) error {
	reason = NFC(reason)
	if !CanMove(d.Status, to) {
		return fmt.Errorf("không thể chuyển hồ sơ từ %q sang %q", StatusLabel(d.Status), StatusLabel(to))
	}
	if needsReason[to] && reason == "" {
		return fmt.Errorf("cần ghi lý do khi chuyển hồ sơ sang %q", StatusLabel(to))
	}
	d.History = append(d.History, StatusChange{At: at, By: by, From: d.Status, To: to, Reason: reason})
	d.Status = to
	return nil
}

// KeepWorkflow takes from stored — the dossier as it is now in the
// database, changed since d was read from it — what the workflow owns and
// an editor never edits: the status, its history and each candidate's
// result. An editor's save then keeps a move, a council's result or a note
// made meanwhile elsewhere, and still writes what the user typed.
func (d *Dossier) KeepWorkflow(stored *Dossier) {
	d.Status = stored.Status
	d.History = append([]StatusChange(nil), stored.History...)
	for i := range d.Candidates {
		if c, ok := stored.Candidate(d.Candidates[i].ID); ok {
			d.Candidates[i].Result = c.Result
		}
	}
}

// Note records in the dossier's history, without changing its status,
// what became of it since — an award of it revoked or corrected — so that
// whoever opens the dossier sees it.
func (d *Dossier) Note(text, by string, at time.Time) {
	d.History = append(d.History, StatusChange{At: at, By: by, From: d.Status, To: d.Status, Reason: NFC(text)})
}

// Checklist builds the document checklist for the dossier's candidates from
// the catalogue: the union of the documents their awards require, with the
// largest number of copies asked.
func Checklist(cat *Catalog, d *Dossier, enterprise bool) []DocCheck {
	var out []DocCheck
	idx := map[string]int{}
	for _, c := range d.Candidates {
		it, ok := cat.Item(c.AwardCode)
		if !ok {
			continue
		}
		for _, r := range it.Docs {
			switch r.When {
			case "enterprise":
				if !enterprise {
					continue
				}
			case "oneoff":
				if d.Method != MethodOneOff {
					continue
				}
			}
			copies := r.Copies
			if copies == 0 {
				copies = it.Copies
			}
			if i, ok := idx[r.Code]; ok {
				out[i].Copies = max(out[i].Copies, copies)
				continue
			}
			idx[r.Code] = len(out)
			out = append(out, DocCheck{Code: r.Code, Name: r.Name, Copies: copies})
		}
	}
	return out
}

// Missing lists the names of documents not yet ticked.
func (d *Dossier) Missing() []string {
	var m []string
	for _, c := range d.Docs {
		if !c.Present {
			m = append(m, c.Name)
		}
	}
	return m
}

// ValidateDossier checks what the intake form must guarantee before saving.
func ValidateDossier(cat *Catalog, d *Dossier) error {
	var errs []string
	if NFC(d.Title) == "" {
		errs = append(errs, "chưa nhập trích yếu hồ sơ")
	}
	if d.UnitID == "" {
		errs = append(errs, "chưa chọn đơn vị trình")
	}
	if d.Year < 1945 || d.Year > 2100 {
		errs = append(errs, fmt.Sprintf("năm thành tích %d không hợp lệ", d.Year))
	}
	if len(d.Candidates) == 0 {
		errs = append(errs, "hồ sơ chưa có người hoặc tập thể được đề nghị")
	}
	seen := map[string]bool{}
	for i, c := range d.Candidates {
		n := i + 1
		if c.ID == "" || seen[c.ID] {
			errs = append(errs, fmt.Sprintf("đề nghị thứ %d: mã trùng hoặc trống", n))
		}
		seen[c.ID] = true
		if NFC(c.Name) == "" {
			errs = append(errs, fmt.Sprintf("đề nghị thứ %d: chưa có tên", n))
		}
		it, ok := cat.Item(c.AwardCode)
		if !ok {
			errs = append(errs, fmt.Sprintf("đề nghị thứ %d: hình thức khen thưởng %q không có trong danh mục", n, c.AwardCode))
			continue
		}
		if !it.Subject.Allows(c.Subject) {
			errs = append(errs, fmt.Sprintf("đề nghị thứ %d: %s không dành cho %s", n, it.Name, subjectLabel(c.Subject)))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

func subjectLabel(s Subject) string {
	return map[Subject]string{SubjectPerson: "cá nhân", SubjectCollective: "tập thể",
		SubjectBoth: "cá nhân và tập thể", SubjectFamily: "hộ gia đình"}[s]
}
