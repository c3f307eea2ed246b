package demo

import (
	"fmt"
	"time"

	"tdkt"
)

var returnReasons = []string{
	"Thiếu báo cáo thành tích có xác nhận của cấp trình khen",
	"Biên bản họp xét thiếu chữ ký của Chủ tịch Hội đồng",
	"Chưa có văn bản công nhận sáng kiến",
}

// current makes the dossiers of the year under review, spread over every
// status a board sees in November, and marks exemplary models.
func (g *gen) current() error {
	statuses := []tdkt.Status{tdkt.StatusReceived, tdkt.StatusChecking, tdkt.StatusReturned, tdkt.StatusReady,
		tdkt.StatusReady, tdkt.StatusProposed, tdkt.StatusRejected, tdkt.StatusWithdrawn, tdkt.StatusReceived, tdkt.StatusChecking}
	n := max(20, len(g.communes)*3)
	var live []*unit
	for _, u := range g.units {
		if u.rec.MergedInto == "" && len(u.people) > 0 {
			live = append(live, u)
		}
	}
	for i := 0; i < n; i++ {
		u := live[g.r.IntN(len(live))]
		st := statuses[i%len(statuses)]
		d := &tdkt.Dossier{Meta: tdkt.Meta{ID: g.id(tdkt.KindDossier)}, Year: Current, UnitID: u.rec.ID, Method: tdkt.MethodRegular,
			Received: tdkt.D(Current, time.Month(10+g.r.IntN(2)), 1+g.r.IntN(25)), Deadline: tdkt.D(Current, 12, 15),
			Title: fmt.Sprintf("Đề nghị khen thưởng năm %d – %s", Current, u.rec.Name),
			Ref:   fmt.Sprintf("%02d/TTr-%s", 1+g.r.IntN(90), abbrev(u.rec.Name)), Status: tdkt.StatusReceived}
		if i%17 == 5 {
			d.Method = tdkt.MethodOneOff
			d.Title = "Đề nghị khen thưởng đột xuất thành tích cứu người trong lũ quét – " + u.rec.Name
		}
		for j := 0; j < 1+g.r.IntN(4); j++ {
			p := u.people[g.r.IntN(len(u.people))]
			code := "BKT"
			switch {
			case run(p.awards, Current-1, "CSTDCS") >= 2:
				code = "CSTDT"
			case ever(p.awards, Current, "BKT") && count(p.awards, Current-5, Current-1, "CSTDCS") >= 2:
				code = "BKTTG"
			}
			if st == tdkt.StatusProposed {
				code = "BKTTG"
			}
			c := tdkt.Candidate{ID: fmt.Sprintf("C%d", j+1), Subject: tdkt.SubjectPerson, PersonID: p.rec.ID, UnitID: u.rec.ID,
				Name: p.rec.Name, Position: p.rec.Position, AwardCode: code, Rating: tdkt.RatingExcellent,
				Initiative: []tdkt.Scope{tdkt.ScopeBase, tdkt.ScopeProvince}[g.r.IntN(2)],
				Summary:    "Hoàn thành xuất sắc nhiệm vụ năm " + fmt.Sprint(Current) + "; là tấm gương tiêu biểu trong phong trào thi đua ở cơ sở.",
				Facts:      map[string]bool{"two_years_excellent": g.chance(0.5), "five_years_good": g.chance(0.7)}}
			if d.Method == tdkt.MethodOneOff {
				c.AwardCode = "BKT"
				c.Summary = "Dũng cảm cứu 03 người dân bị nước lũ cuốn trôi."
			}
			if g.chance(0.05) {
				c.Disciplined = true
			}
			d.Candidates = append(d.Candidates, c)
		}
		if g.chance(0.4) && u.rec.Type != tdkt.UnitVillage {
			d.Candidates = append(d.Candidates, tdkt.Candidate{ID: fmt.Sprintf("C%d", len(d.Candidates)+1), Subject: tdkt.SubjectCollective,
				UnitID: u.rec.ID, Name: u.rec.Name, AwardCode: "TTLDXS", Rating: tdkt.RatingExcellent, Members: len(u.people),
				Holders: map[string]int{"LDTT": len(u.people) * (60 + g.r.IntN(30)) / 100, "CSTDCS": g.r.IntN(3)},
				Facts:   map[string]bool{"all_done": true, "no_discipline": g.chance(0.9)},
				Summary: "Tập thể đoàn kết, hoàn thành xuất sắc các chỉ tiêu được giao."})
		}
		d.Docs = tdkt.Checklist(g.cat, d, u.rec.Type == tdkt.UnitEnterprise)
		for k := range d.Docs {
			d.Docs[k].Present = st != tdkt.StatusReturned || k > 0
		}
		at := d.Received.Time().Add(9 * time.Hour)
		d.History = []tdkt.StatusChange{{At: at, By: "demo", To: tdkt.StatusReceived}}
		path := map[tdkt.Status][]tdkt.Status{
			tdkt.StatusChecking:  {tdkt.StatusChecking},
			tdkt.StatusReturned:  {tdkt.StatusChecking, tdkt.StatusReturned},
			tdkt.StatusReady:     {tdkt.StatusChecking, tdkt.StatusReady},
			tdkt.StatusProposed:  {tdkt.StatusChecking, tdkt.StatusReady, tdkt.StatusCouncil, tdkt.StatusProposed},
			tdkt.StatusRejected:  {tdkt.StatusChecking, tdkt.StatusRejected},
			tdkt.StatusWithdrawn: {tdkt.StatusWithdrawn},
		}[st]
		for k, to := range path {
			reason := ""
			switch to {
			case tdkt.StatusReturned:
				reason = returnReasons[g.r.IntN(len(returnReasons))]
			case tdkt.StatusRejected:
				reason = "Không đủ tiêu chuẩn: chưa đủ số năm liên tục đạt Chiến sĩ thi đua cơ sở"
			case tdkt.StatusWithdrawn:
				reason = "Đơn vị có công văn xin rút hồ sơ để bổ sung thành tích"
			}
			if err := d.Move(to, reason, "demo", at.AddDate(0, 0, 3*(k+1))); err != nil {
				return fmt.Errorf("hồ sơ %s: %w", d.ID, err)
			}
		}
		if st == tdkt.StatusProposed {
			for k := range d.Candidates {
				d.Candidates[k].Result = tdkt.ResultPassed
			}
		}
		if err := g.put(d); err != nil {
			return err
		}
	}
	// exemplary models: people with a provincial title or better
	stories := []string{
		"Nhiều năm bám bản, vận động đồng bào đưa con em đến trường, xóa bỏ hủ tục.",
		"Đi đầu chuyển đổi cây trồng, giúp nhiều hộ trong thôn thoát nghèo.",
		"Sáng kiến cải tiến quy trình giúp tiết kiệm hàng trăm triệu đồng mỗi năm.",
		"Tận tụy với người bệnh ở xã biên giới, nhiều lần vượt lũ đi cấp cứu.",
	}
	for i, p := range g.people {
		if ever(p.awards, Current, "CSTDT") && i%3 == 0 {
			p.rec.Model = &tdkt.Exemplary{Since: fmt.Sprint(Last), Story: stories[i%len(stories)]}
		}
	}
	return nil
}
