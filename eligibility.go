package tdkt

import (
	"fmt"
	"sort"
	"strings"
)

// Past is one award in a recipient's history.
type Past struct {
	Year   int
	Code   string
	Method Method
}

// Finding is the outcome of one criterion, in words.
type Finding struct {
	Text   string // the condition
	OK     bool
	Detail string // why it holds or fails, from the history
}

// Eligibility is the outcome of all criteria of an award for a candidate.
type Eligibility struct {
	OK       bool
	Findings []Finding
	// Alternatives, when the item has them: one slice per path.
	Paths [][]Finding
}

// Reasons lists the details of the failed findings, for messages.
func (e Eligibility) Reasons() []string {
	var r []string
	for _, f := range e.Findings {
		if !f.OK {
			r = append(r, f.Detail)
		}
	}
	if len(e.Paths) > 0 && !pathsOK(e.Paths) {
		for i, p := range e.Paths {
			for _, f := range p {
				if !f.OK {
					r = append(r, fmt.Sprintf("(cách %d) %s", i+1, f.Detail))
				}
			}
		}
	}
	return r
}

func pathsOK(paths [][]Finding) bool {
	for _, p := range paths {
		ok := true
		for _, f := range p {
			ok = ok && f.OK
		}
		if ok {
			return true
		}
	}
	return false
}

// Check applies the catalogue's general criteria and the item's criteria to a
// candidate proposed for year, given the recipient's award history. Awards
// made by non-merit methods (thematic, one-off) are left out of every chain,
// as the law says. It never stops at the first failure: the specialist sees
// every reason at once.
func Check(cat *Catalog, c *Candidate, year int, hist []Past) Eligibility {
	it, ok := cat.Item(c.AwardCode)
	if !ok {
		return Eligibility{Findings: []Finding{{Text: "Hình thức khen thưởng có trong danh mục",
			Detail: fmt.Sprintf("không có hình thức khen thưởng mã %q trong danh mục", c.AwardCode)}}}
	}
	var merit []Past
	for _, p := range hist {
		if cat.IsMerit(p.Method) {
			merit = append(merit, p)
		}
	}
	ev := evaluator{cat: cat, item: it, c: c, year: year, hist: hist, merit: merit}
	var e Eligibility
	e.OK = true
	for _, cr := range append(append([]Criterion(nil), cat.General...), it.Criteria...) {
		if cr.For != "" && cr.For != c.Subject {
			continue
		}
		f := ev.eval(cr)
		e.Findings = append(e.Findings, f)
		e.OK = e.OK && f.OK
	}
	for _, alt := range it.Alternatives {
		var p []Finding
		for _, cr := range alt {
			if cr.For != "" && cr.For != c.Subject {
				continue
			}
			p = append(p, ev.eval(cr))
		}
		if len(p) > 0 {
			e.Paths = append(e.Paths, p)
		}
	}
	if len(e.Paths) > 0 {
		e.OK = e.OK && pathsOK(e.Paths)
	}
	return e
}

type evaluator struct {
	cat   *Catalog
	item  *Item
	c     *Candidate
	year  int
	hist  []Past
	merit []Past
}

func (ev evaluator) names(codes []string) string {
	var n []string
	for _, code := range codes {
		if it, ok := ev.cat.Item(code); ok {
			n = append(n, it.Name)
		} else {
			n = append(n, code)
		}
	}
	return strings.Join(n, " hoặc ")
}

// years returns the sorted distinct years in which the merit history holds
// any of codes.
func (ev evaluator) years(codes []string) []int {
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	set := map[int]bool{}
	for _, p := range ev.merit {
		if want[p.Code] {
			set[p.Year] = true
		}
	}
	var ys []int
	for y := range set {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

func (ev evaluator) eval(cr Criterion) Finding {
	f := Finding{Text: cr.Text}
	switch cr.Type {
	case "consecutive":
		f.OK, f.Detail = ev.consecutive(cr)
	case "within":
		f.OK, f.Detail = ev.within(cr)
	case "prior":
		ys := ev.years(cr.Awards)
		var before []int
		for _, y := range ys {
			if y < ev.year {
				before = append(before, y)
			}
		}
		if len(before) > 0 {
			f.OK, f.Detail = true, fmt.Sprintf("đã được tặng %s (năm %s)", ev.names(cr.Awards), joinYears(before))
		} else {
			f.Detail = fmt.Sprintf("chưa được tặng %s trước năm %d", ev.names(cr.Awards), ev.year)
		}
	case "rating":
		want := Rating(cr.Min)
		f.OK = ratingRank[ev.c.Rating] >= ratingRank[want]
		f.Detail = fmt.Sprintf("năm %d được đánh giá %s; cần từ %s trở lên", ev.year, RatingLabel(ev.c.Rating), RatingLabel(want))
	case "initiative":
		want := Scope(cr.Min)
		f.OK = scopeRank[ev.c.Initiative] >= scopeRank[want]
		f.Detail = fmt.Sprintf("hồ sơ ghi: %s; cần %s trở lên", ScopeLabel(ev.c.Initiative), ScopeLabel(want))
	case "share":
		held := ev.c.Holders[cr.Of]
		f.OK = ev.c.Members > 0 && float64(held)*100 >= cr.Percent*float64(ev.c.Members)
		pct := 0.0
		if ev.c.Members > 0 {
			pct = float64(held) * 100 / float64(ev.c.Members)
		}
		f.Detail = fmt.Sprintf("%d/%d thành viên đạt %s (%.1f%%); cần ít nhất %.0f%%", held, ev.c.Members, ev.names([]string{cr.Of}), pct, cr.Percent)
	case "count":
		held := ev.c.Holders[cr.Of]
		f.OK = held >= cr.N
		f.Detail = fmt.Sprintf("có %d thành viên đạt %s; cần ít nhất %d", held, ev.names([]string{cr.Of}), cr.N)
	case "fact":
		f.OK = ev.c.Facts[cr.Key]
		if f.OK {
			f.Detail = "đã xác nhận: " + LowerFirst(cr.Text)
		} else {
			f.Detail = "chưa xác nhận: " + LowerFirst(cr.Text)
		}
	case "clean":
		f.OK = !ev.c.Disciplined
		if f.OK {
			f.Detail = "không bị kỷ luật, không trong thời gian bị xem xét xử lý"
		} else {
			f.Detail = "đang bị kỷ luật hoặc đang bị xem xét xử lý kỷ luật, điều tra: chưa được khen thưởng"
		}
	case "once":
		f.OK = true
		f.Detail = fmt.Sprintf("chưa được tặng %s cho thành tích năm %d", ev.item.Name, ev.year)
		for _, p := range ev.hist {
			if p.Code == ev.item.Code && p.Year == ev.year {
				f.OK = false
				f.Detail = fmt.Sprintf("đã được tặng %s cho thành tích năm %d (một thành tích chỉ khen một lần)", ev.item.Name, ev.year)
			}
		}
	default:
		f.Detail = fmt.Sprintf("tiêu chuẩn loại %q không được hỗ trợ", cr.Type)
	}
	return f
}

// consecutive finds the longest run of consecutive years holding the awards
// that ends in the review year or the year before.
func (ev evaluator) consecutive(cr Criterion) (bool, string) {
	has := map[int]bool{}
	for _, y := range ev.years(cr.Awards) {
		has[y] = true
	}
	best, bestEnd := 0, 0
	for _, end := range []int{ev.year, ev.year - 1} {
		n := 0
		for y := end; has[y]; y-- {
			n++
		}
		if n > best {
			best, bestEnd = n, end
		}
	}
	name := ev.names(cr.Awards)
	if best >= cr.N {
		return true, fmt.Sprintf("%d năm liên tục đạt %s (%d–%d)", best, name, bestEnd-best+1, bestEnd)
	}
	if best == 0 {
		return false, fmt.Sprintf("cần %d năm liên tục đạt %s đến năm %d hoặc %d; chưa có năm nào liền kề", cr.N, name, ev.year-1, ev.year)
	}
	return false, fmt.Sprintf("cần %d năm liên tục đạt %s; mới có %d năm liên tục (%d–%d)", cr.N, name, best, bestEnd-best+1, bestEnd)
}

func (ev evaluator) within(cr Criterion) (bool, string) {
	from := ev.year - cr.Years + 1
	var in []int
	for _, p := range ev.merit {
		for _, a := range cr.Awards {
			if p.Code == a && p.Year >= from && p.Year <= ev.year {
				in = append(in, p.Year)
			}
		}
	}
	sort.Ints(in)
	name := ev.names(cr.Awards)
	if len(in) >= cr.N {
		return true, fmt.Sprintf("%d lần đạt %s trong %d–%d (năm %s)", len(in), name, from, ev.year, joinYears(in))
	}
	if len(in) == 0 {
		return false, fmt.Sprintf("cần ít nhất %d lần đạt %s trong %d–%d; chưa có lần nào", cr.N, name, from, ev.year)
	}
	return false, fmt.Sprintf("cần ít nhất %d lần đạt %s trong %d–%d; mới có %d (năm %s)", cr.N, name, from, ev.year, len(in), joinYears(in))
}

func joinYears(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = fmt.Sprint(y)
	}
	return strings.Join(s, ", ")
}

// LowerFirst is s with its first letter in lower case.
func LowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// QuotaCheck is the outcome of a quota rule.
type QuotaCheck struct {
	Proposed, Base, Max int
	Over                bool
	Message             string
}

// CheckQuota compares the number proposed for an item with its quota over
// base (e.g. the unit's Lao động tiên tiến of the year). ok is false when the
// item has no quota.
func CheckQuota(cat *Catalog, code string, proposed, base int) (QuotaCheck, bool) {
	it, found := cat.Item(code)
	if !found || it.Quota == nil {
		return QuotaCheck{}, false
	}
	q := it.Quota
	baseName := "đơn vị dẫn đầu cụm, khối"
	if b, ok := cat.Item(q.Of); ok {
		baseName = b.Name
	}
	// Max rounds down: the quota is a ceiling, and a share of a small unit
	// must not round up into an extra award.
	max := int(float64(base) * q.Percent / 100)
	r := QuotaCheck{Proposed: proposed, Base: base, Max: max, Over: proposed > max}
	if r.Over {
		r.Message = fmt.Sprintf("Đề nghị %d %s, vượt hạn mức %.0f%% của %d %s (tối đa %d)", proposed, it.Name, q.Percent, base, baseName, max)
	} else {
		r.Message = fmt.Sprintf("Đề nghị %d %s, trong hạn mức %.0f%% của %d %s (tối đa %d)", proposed, it.Name, q.Percent, base, baseName, max)
	}
	return r, true
}
