package tdkt

import (
	"fmt"
	"math"
	"time"
)

// Member is a council member and whether they attended. A member who is
// absent may still vote in writing (phiếu gửi), which counts toward ballots
// but not toward the quorum.
type Member struct {
	Name    string `json:"name"`
	Role    string `json:"role"` // Chủ tịch Hội đồng, Phó Chủ tịch, Ủy viên, Thư ký
	Present bool   `json:"present"`
	Written bool   `json:"written,omitempty"`
}

// Ballot is the count for one candidate.
type Ballot struct {
	Issued   int `json:"issued"`
	Returned int `json:"returned"`
	Valid    int `json:"valid"`
	Invalid  int `json:"invalid"`
	Agree    int `json:"agree"`
}

// AgendaItem puts one candidate before the council.
type AgendaItem struct {
	DossierID   string `json:"dossier"`
	CandidateID string `json:"candidate"`
	Name        string `json:"name"`
	AwardCode   string `json:"award"`
	Secret      bool   `json:"secret"` // secret ballot rather than show of hands
	Ballot      Ballot `json:"ballot"`
	Counted     bool   `json:"counted"`
	Passed      bool   `json:"passed"`
}

// Meeting is a session of the emulation and commendation council.
type Meeting struct {
	Meta
	Title     string       `json:"title"`
	Date      Date         `json:"date"`
	Start     string       `json:"start,omitempty"` // 08:00
	End       string       `json:"end,omitempty"`
	Place     string       `json:"place,omitempty"`
	Chair     string       `json:"chair"`
	Secretary string       `json:"secretary"`
	Members   []Member     `json:"members"`
	Items     []AgendaItem `json:"items"`
	Closed    bool         `json:"closed"`
}

// Present counts the members present.
func (m *Meeting) Present() int {
	n := 0
	for _, x := range m.Members {
		if x.Present {
			n++
		}
	}
	return n
}

// Quorum reports whether at least num/den of all members are present.
func Quorum(present, total, num, den int) bool {
	return total > 0 && present*den >= total*num
}

// Vote is the evaluation of one ballot against an award's threshold.
type Vote struct {
	Percent float64 // agree votes as a % of all members, 2 decimals
	Passed  bool
	Problem string // why the count cannot be accepted, empty when sound
}

// Evaluate judges a ballot: the percentage is of all members of the council,
// not of those present or of valid ballots, and a meeting without quorum
// passes nothing. A count that does not add up is refused with the reason.
func Evaluate(b Ballot, total, present int, threshold float64, cat *Catalog) Vote {
	switch {
	case total <= 0:
		return Vote{Problem: "Hội đồng chưa có thành viên"}
	case b.Issued < 0 || b.Returned < 0 || b.Valid < 0 || b.Invalid < 0 || b.Agree < 0:
		return Vote{Problem: "số phiếu không được âm"}
	case b.Issued > total:
		return Vote{Problem: fmt.Sprintf("số phiếu phát ra (%d) lớn hơn số thành viên (%d)", b.Issued, total)}
	case b.Returned > b.Issued:
		return Vote{Problem: fmt.Sprintf("số phiếu thu vào (%d) lớn hơn số phiếu phát ra (%d)", b.Returned, b.Issued)}
	case b.Valid+b.Invalid != b.Returned:
		return Vote{Problem: fmt.Sprintf("phiếu hợp lệ (%d) cộng không hợp lệ (%d) phải bằng số phiếu thu vào (%d)", b.Valid, b.Invalid, b.Returned)}
	case b.Agree > b.Valid:
		return Vote{Problem: fmt.Sprintf("số phiếu đồng ý (%d) lớn hơn số phiếu hợp lệ (%d)", b.Agree, b.Valid)}
	}
	v := Vote{Percent: AgreePercent(b, total)}
	if !Quorum(present, total, cat.QuorumNum, cat.QuorumDen) {
		v.Problem = fmt.Sprintf("không đủ túc số: có mặt %d/%d thành viên, cần ít nhất %d/%d", present, total, cat.QuorumNum, cat.QuorumDen)
		return v
	}
	// agree/total >= threshold/100, in integers scaled by 100 so that 90 %
	// of 10 members is exactly 9 votes.
	v.Passed = int64(b.Agree)*10000 >= int64(math.Round(threshold*100))*int64(total)
	return v
}

// AgreePercent is the share of agree votes among all total members of the
// council (not those present, nor the valid ballots), in percent rounded
// to two decimals, as the minutes and the tờ trình print it.
func AgreePercent(b Ballot, total int) float64 {
	if total <= 0 {
		return 0
	}
	return math.Round(float64(b.Agree)*10000/float64(total)) / 100
}

// Needed is the smallest number of agree votes that reaches threshold % of
// total members.
func Needed(total int, threshold float64) int {
	t := int64(math.Round(threshold * 100))
	return int((t*int64(total) + 9999) / 10000)
}

// PutOnAgenda moves dossier d to the council and puts each of its
// candidates on meeting m's agenda, voted by secret ballot where the
// catalogue says the award is (TakeOffAgenda undoes it).
func PutOnAgenda(m *Meeting, d *Dossier, cat *Catalog, by string, at time.Time) error {
	if m.Closed {
		return fmt.Errorf("phiên họp đã kết thúc: không thêm hồ sơ vào chương trình được")
	}
	if err := d.Move(StatusCouncil, "Đưa vào "+m.Title, by, at); err != nil {
		return err
	}
	for _, c := range d.Candidates {
		secret := false
		if it, ok := cat.Item(c.AwardCode); ok {
			secret = it.SecretBallot
		}
		m.Items = append(m.Items, AgendaItem{DossierID: d.ID, CandidateID: c.ID, Name: c.Name, AwardCode: c.AwardCode, Secret: secret})
	}
	return nil
}

// TakeOffAgenda takes dossier d, put on open meeting m's agenda by
// mistake, off it: its candidates leave the agenda and the dossier goes
// back to "ready" with the step in its history. The workflow has no such
// move otherwise (a dossier considered by the council goes on to a
// decision or a refusal), so it is allowed only while the meeting is open
// and none of the dossier's candidates has been counted.
func TakeOffAgenda(m *Meeting, d *Dossier, by string, at time.Time) error {
	switch {
	case m.Closed:
		return fmt.Errorf("phiên họp đã kết thúc: không rút hồ sơ khỏi chương trình được")
	case d.Status != StatusCouncil:
		return fmt.Errorf("hồ sơ đang ở trạng thái %q, không ở Hội đồng", StatusLabel(d.Status))
	}
	var keep []AgendaItem
	found := false
	for _, it := range m.Items {
		if it.DossierID != d.ID {
			keep = append(keep, it)
			continue
		}
		found = true
		if it.Counted {
			return fmt.Errorf("đã ghi số phiếu cho %s: xóa trắng số phiếu của dòng này và lưu trước khi rút hồ sơ", it.Name)
		}
	}
	if !found {
		return fmt.Errorf("hồ sơ không có trong chương trình %s", m.Title)
	}
	m.Items = keep
	d.History = append(d.History, StatusChange{At: at, By: by, From: d.Status, To: StatusReady,
		Reason: "Rút khỏi chương trình " + LowerFirst(m.Title)})
	d.Status = StatusReady
	return nil
}
