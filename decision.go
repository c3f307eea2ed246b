package tdkt

import (
	"fmt"
	"sort"
	"strings"
)

// DecisionStatus is draft or issued; an issued decision is never edited.
type DecisionStatus string

const (
	DecisionDraft  DecisionStatus = "draft"
	DecisionIssued DecisionStatus = "issued"
)

// ListEntry is one line of the list attached to a decision.
type ListEntry struct {
	DossierID   string  `json:"dossier,omitempty"`
	CandidateID string  `json:"candidate,omitempty"`
	Subject     Subject `json:"subject"`
	PersonID    string  `json:"person,omitempty"`
	UnitID      string  `json:"unit,omitempty"`
	Name        string  `json:"name"`
	Position    string  `json:"position,omitempty"` // chức vụ – đơn vị
	Bonus       int64   `json:"bonus"`
	// Corrects is the register line an amendment's line gives again,
	// corrected (Decision.Correct); empty for a line that awards.
	Corrects string `json:"corrects,omitempty"`
}

// Decision is an award decision (quyết định khen thưởng).
type Decision struct {
	Meta
	Issuer     string      `json:"issuer"` // office code: one number series per issuer
	Symbol     string      `json:"symbol"` // QĐ-UBND
	Year       int         `json:"year"`
	Number     int         `json:"number"` // 0 until issued
	Date       Date        `json:"date"`
	AwardCode  string      `json:"award"`
	Method     Method      `json:"method"`
	Summary    string      `json:"summary"`   // Về việc tặng …
	Authority  string      `json:"authority"` // CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …
	Bases      []string    `json:"bases"`     // căn cứ
	Proposal   string      `json:"proposal"`  // Theo đề nghị của …
	Articles   []string    `json:"articles"`
	Signer     Signer      `json:"signer"`
	Recipients []string    `json:"recipients"` // nơi nhận
	List       []ListEntry `json:"list"`
	MeetingID  string      `json:"meeting,omitempty"`
	Amends     string      `json:"amends,omitempty"` // id of the decision amended or revoked
	// Withdraws are the amended decision's register lines this amendment
	// takes back (bãi bỏ); issuing it revokes them.
	Withdraws []Withdrawal   `json:"withdraws,omitempty"`
	Status    DecisionStatus `json:"status"`
}

// Withdrawal is one register line of an amended decision that the
// amendment takes back, with why; the number, name and recipient are kept
// for the decision's text and its checks.
type Withdrawal struct {
	AwardID string `json:"award"`
	Number  string `json:"number"` // số vào sổ
	Name    string `json:"name"`
	Reason  string `json:"reason"`
	// Correct: the line is withdrawn to be given again corrected (a wrong
	// name or position) by the amendment's line that Corrects it, which
	// carries no bonus (already paid); issuing corrects the register line
	// in place (CorrectAward). Otherwise the award is revoked (hủy bỏ) and
	// its object and money are to be recovered.
	Correct  bool    `json:"correct,omitempty"`
	Subject  Subject `json:"subject,omitempty"`
	PersonID string  `json:"person,omitempty"`
	UnitID   string  `json:"unit,omitempty"`
}

// For reports whether list line e is for the recipient of withdrawn line w.
func (w Withdrawal) For(e ListEntry) bool {
	switch {
	case w.Subject != e.Subject:
		return false
	case w.Subject == SubjectPerson:
		return w.PersonID != "" && w.PersonID == e.PersonID
	case w.Subject == SubjectFamily:
		return w.UnitID == e.UnitID && Fold(w.Name) == Fold(e.Name)
	}
	return w.UnitID != "" && w.UnitID == e.UnitID
}

// NumberText is "05/QĐ-UBND": numbers below 10 take a leading zero (Decree 30).
func NumberText(n int, symbol string) string {
	return fmt.Sprintf("%02d/%s", n, symbol)
}

// NumberText of the decision, or "…/QĐ-UBND" while it is a draft.
func (d *Decision) NumberText() string {
	if d.Number == 0 {
		return "     /" + d.Symbol
	}
	return NumberText(d.Number, d.Symbol)
}

// Total is the sum of the bonuses in the attached list.
func (d *Decision) Total() int64 {
	var t int64
	for _, e := range d.List {
		t += e.Bonus
	}
	return t
}

// NextNumber is the next free number in a yearly series given the numbers
// already used: the lowest positive number not taken, so that the series has
// neither duplicates nor gaps.
func NextNumber(used []int) int {
	s := append([]int(nil), used...)
	sort.Ints(s)
	n := 1
	for _, u := range s {
		if u == n {
			n++
		} else if u > n {
			break
		}
	}
	return n
}

// ValidateIssue checks that a draft may be issued.
func ValidateIssue(d *Decision) error {
	var errs []string
	if d.Status == DecisionIssued {
		return fmt.Errorf("quyết định %s đã ban hành, không được sửa; hãy ra quyết định sửa đổi", d.NumberText())
	}
	if d.Date.IsZero() {
		errs = append(errs, "chưa có ngày ký")
	}
	if d.Signer.Name == "" {
		errs = append(errs, "chưa chọn người ký")
	}
	if len(d.List) == 0 && d.Amends == "" {
		errs = append(errs, "danh sách khen thưởng trống")
	}
	if len(d.Withdraws) > 0 && d.Amends == "" {
		errs = append(errs, "chỉ quyết định sửa đổi mới bãi bỏ được dòng của quyết định khác")
	}
	for _, w := range d.Withdraws {
		fixed, readded := false, false
		for _, e := range d.List {
			fixed = fixed || e.Corrects == w.AwardID
			readded = readded || e.Corrects == "" && w.For(e)
		}
		switch {
		case w.Correct && !fixed:
			errs = append(errs, fmt.Sprintf("sửa thông tin của %s nhưng danh sách kèm theo không còn dòng đã sửa", w.Name))
		case !w.Correct && readded:
			errs = append(errs, fmt.Sprintf("%s vừa bị hủy bỏ vừa được bổ sung; nếu chỉ sửa thông tin, hãy chọn \"sửa thông tin\" khi bãi bỏ dòng", w.Name))
		}
	}
	for _, e := range d.List {
		if e.Corrects != "" && !d.Corrected(e) {
			errs = append(errs, fmt.Sprintf("dòng sửa thông tin của %s không còn dòng bãi bỏ tương ứng", e.Name))
		}
	}
	if NFC(d.Summary) == "" {
		errs = append(errs, "chưa có trích yếu")
	}
	if len(errs) > 0 {
		return fmt.Errorf("chưa thể ban hành: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Award is one line of the award register (sổ theo dõi khen thưởng), created
// when a decision is issued.
type Award struct {
	Meta
	Number       string  `json:"number"` // số vào sổ
	Year         int     `json:"year"`
	AwardCode    string  `json:"award"`
	Method       Method  `json:"method"`
	Subject      Subject `json:"subject"`
	PersonID     string  `json:"person,omitempty"`
	UnitID       string  `json:"unit,omitempty"`
	Name         string  `json:"name"`
	Position     string  `json:"position,omitempty"`
	DecisionID   string  `json:"decision,omitempty"`
	DecisionNo   string  `json:"decisionNo"`
	DecisionDate Date    `json:"decisionDate"`
	Signer       string  `json:"signer,omitempty"`
	Bonus        int64   `json:"bonus"`
	CertPrinted  bool    `json:"certPrinted,omitempty"`
	DossierID    string  `json:"dossier,omitempty"`
	Revoked      bool    `json:"revoked,omitempty"`
	// RevokedBy says by which decision, when and why a revoked line was
	// revoked ("Quyết định số 15/QĐ-UBND ngày 20/11/2026: …")
	RevokedBy string `json:"revokedBy,omitempty"`
	// CorrectedBy says by which decision, when and why the line's name,
	// position or unit were corrected (đính chính): the award, its number,
	// year, decision and bonus stay.
	CorrectedBy string `json:"correctedBy,omitempty"`
}

// ValidateRecorded checks a register line entered by hand for an award
// another authority decided (an order from the President, a Prime
// Minister's Bằng khen, an agency's Giấy khen…): a catalogue award its
// subject may receive, an achievement year, the decision's number and a
// date neither before that year nor after today, who receives it, and a
// bonus that is not negative.
func ValidateRecorded(cat *Catalog, a *Award, today Date) error {
	it, ok := cat.Item(a.AwardCode)
	if !ok {
		return fmt.Errorf("chưa chọn hình thức khen thưởng")
	}
	var errs []string
	if !it.Subject.Allows(a.Subject) {
		errs = append(errs, fmt.Sprintf("%s không dành cho %s", it.Name, subjectLabel(a.Subject)))
	}
	if !ValidYear(a.Year, today) {
		errs = append(errs, fmt.Sprintf("năm thành tích %d không hợp lệ", a.Year))
	}
	if strings.TrimSpace(a.DecisionNo) == "" {
		errs = append(errs, "chưa nhập số quyết định")
	}
	switch {
	case a.DecisionDate.IsZero():
		errs = append(errs, "chưa nhập ngày quyết định")
	case a.DecisionDate.Year < a.Year:
		errs = append(errs, fmt.Sprintf("ngày quyết định %s trước năm thành tích %d", DateShort(a.DecisionDate.Time()), a.Year))
	case today.Before(a.DecisionDate):
		errs = append(errs, fmt.Sprintf("ngày quyết định %s chưa tới", DateShort(a.DecisionDate.Time())))
	}
	switch {
	case a.Subject == SubjectPerson && a.PersonID == "":
		errs = append(errs, "chưa chọn cá nhân")
	case a.Subject != SubjectPerson && a.UnitID == "":
		errs = append(errs, "chưa chọn tập thể")
	}
	if strings.TrimSpace(a.Name) == "" {
		errs = append(errs, "chưa có tên người, tập thể được khen")
	}
	if a.Bonus < 0 {
		errs = append(errs, "tiền thưởng không được âm")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// RevokeAward marks register line a revoked (hủy bỏ) by decision number
// no of date, for reason: the law takes an award back when it was given on
// false grounds, and the line stays in the register, marked, so that its
// history and the money to recover are not lost. Counts, eligibility and
// returns leave a revoked line out.
func RevokeAward(a *Award, no string, date Date, reason string, today Date) error {
	no, reason = NFC(no), NFC(reason)
	var errs []string
	if a.Revoked {
		return fmt.Errorf("dòng sổ %s đã bị hủy bỏ: %s", a.Number, a.RevokedBy)
	}
	if no == "" {
		errs = append(errs, "chưa nhập số quyết định hủy bỏ")
	}
	switch {
	case date.IsZero():
		errs = append(errs, "chưa nhập ngày quyết định hủy bỏ")
	case date.Before(a.DecisionDate):
		errs = append(errs, fmt.Sprintf("ngày hủy bỏ %s trước ngày quyết định khen thưởng %s", DateShort(date.Time()), DateShort(a.DecisionDate.Time())))
	case today.Before(date):
		errs = append(errs, fmt.Sprintf("ngày hủy bỏ %s chưa tới", DateShort(date.Time())))
	}
	if reason == "" {
		errs = append(errs, "chưa ghi lý do hủy bỏ")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	a.Revoked = true
	a.RevokedBy = fmt.Sprintf("Quyết định số %s ngày %s: %s", no, DateShort(date.Time()), reason)
	return nil
}

// CorrectAward corrects register line a as line e of amendment no of
// date gives it again, for reason: the name and the position as e writes
// them. The award itself — its recipient, unit, number, year, decision and
// bonus — stays, and so does its place in the counts and returns: a
// correction is not a second award.
func CorrectAward(a *Award, e ListEntry, no string, date Date, reason string) error {
	if a.Revoked {
		return fmt.Errorf("dòng sổ %s đã bị hủy bỏ: %s", a.Number, a.RevokedBy)
	}
	if e.Corrects != a.ID {
		return fmt.Errorf("dòng %s không phải dòng sửa của dòng sổ %s", e.Name, a.Number)
	}
	a.Name, a.Position = NFC(e.Name), NFC(e.Position)
	note := fmt.Sprintf("Quyết định số %s ngày %s: %s", no, DateShort(date.Time()), NFC(reason))
	if a.CorrectedBy != "" {
		note = a.CorrectedBy + "; " + note
	}
	a.CorrectedBy = note
	return nil
}

// HandRevocable says whether register line a may be revoked by hand, by
// the number of a decision typed in: only a line recorded by hand (the
// decision of another authority). A line of a decision this program
// issued is taken back by a decision amending it, which the program
// drafts, numbers and prints.
func HandRevocable(a *Award) error {
	if a.DecisionID != "" {
		return fmt.Errorf("dòng sổ %s thuộc Quyết định số %s do cơ quan ban hành trên chương trình: hủy bỏ bằng quyết định sửa đổi (màn hình Quyết định → chọn quyết định → Lập quyết định sửa đổi → Bãi bỏ dòng…)", a.Number, a.DecisionNo)
	}
	return nil
}

// AwardsFromDecision builds the register lines of an issued decision.
func AwardsFromDecision(d *Decision, newID func() string, number func(i int) string) []*Award {
	out := make([]*Award, 0, len(d.List))
	for i, e := range d.List {
		out = append(out, &Award{
			Meta: Meta{ID: newID()}, Number: number(i), Year: d.Year, AwardCode: d.AwardCode,
			Method: d.Method, Subject: e.Subject, PersonID: e.PersonID, UnitID: e.UnitID,
			Name: e.Name, Position: e.Position, DecisionID: d.ID, DecisionNo: d.NumberText(),
			DecisionDate: d.Date, Signer: d.Signer.Name, Bonus: e.Bonus, DossierID: e.DossierID,
		})
	}
	return out
}

// Immutable refuses changes the law forbids: an issued decision is never
// edited or deleted (a mistake is fixed by a new decision that amends or
// revokes it), and a closed council meeting keeps its ballots as counted.
// old is the stored record, neu the one about to replace it.
func Immutable(old, neu Record) error {
	switch o := old.(type) {
	case *Decision:
		if o.Status != DecisionIssued {
			return nil
		}
		n := neu.(*Decision)
		if n.Deleted || !sameDecision(o, n) {
			return fmt.Errorf("quyết định %s đã ban hành, không được sửa hoặc xóa; hãy ra quyết định sửa đổi, bổ sung", o.NumberText())
		}
	case *Meeting:
		if !o.Closed {
			return nil
		}
		n := neu.(*Meeting)
		if n.Deleted || !n.Closed || !sameItems(o.Items, n.Items) || !sameMembers(o.Members, n.Members) {
			return fmt.Errorf("phiên họp %q đã kết thúc và khóa, không được sửa kết quả", o.Title)
		}
	}
	return nil
}

// sameDecision compares everything but the record's metadata.
func sameDecision(a, b *Decision) bool {
	x, y := *a, *b
	x.Meta, y.Meta = Meta{}, Meta{}
	return fmt.Sprintf("%#v", x) == fmt.Sprintf("%#v", y)
}

func sameItems(a, b []AgendaItem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameMembers(a, b []Member) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
