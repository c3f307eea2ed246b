package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// Derived data kept in step with the records by reindex, so that the home
// screen, the returns and the dossier list read a few small keys instead of
// decoding whole records:
//
//   - award.facts: per live award, the recipient's facts as of when the
//     line was written (person category, unit kind and headcount, priority
//     area, the submitting unit's kind). They are facts of the decision: a
//     person promoted later keeps the category the award was given under.
//     The record itself is not changed, so its bytes, audit chain and
//     version stay the origin office's.
//   - award.count: how many counted (live, not revoked) awards share an
//     achievement year, decision year, form, subject, method and facts.
//   - dossier.row: the few fields the dossier list shows and filters on.
var (
	bucketFacts  = []byte("award.facts")
	bucketCounts = []byte("award.count")
	bucketRows   = []byte("dossier.row")
)

// sep separates the fields of facts and counter keys; no code, enum or id
// contains it.
const sep = "\x1f"

// AwardFacts are what the returns and the home screen need to know about an
// award's recipient, taken when the award was written.
type AwardFacts struct {
	Category tdkt.Category // the person's, for a personal award
	UnitKind tdkt.UnitKind // the award's unit's
	Staff    int           // for a collective: its headcount (recorded, else its registered people)
	Area     bool          // the unit or one it belongs to lies in a priority area
	// From is the kind of the unit that submitted the dossier; "" when the
	// award has no dossier (or it is gone), NoUnit when the dossier's unit
	// is unknown.
	From tdkt.UnitKind
}

// NoUnit is AwardFacts.From for a dossier whose submitting unit is unknown.
const NoUnit tdkt.UnitKind = "?"

func (f AwardFacts) encode() string {
	area := "0"
	if f.Area {
		area = "1"
	}
	return strings.Join([]string{string(f.Category), string(f.UnitKind), strconv.Itoa(f.Staff), area, string(f.From)}, sep)
}

func decodeFacts(s string) (AwardFacts, error) {
	var p [5]string
	if !splitSep(s, p[:]) {
		return AwardFacts{}, fmt.Errorf("dữ kiện khen thưởng sai dạng %q", s)
	}
	return factsOf(p)
}

func factsOf(p [5]string) (AwardFacts, error) {
	staff, err := strconv.Atoi(p[2])
	if err != nil {
		return AwardFacts{}, fmt.Errorf("dữ kiện khen thưởng sai dạng %q: %w", strings.Join(p[:], sep), err)
	}
	return AwardFacts{Category: tdkt.Category(p[0]), UnitKind: tdkt.UnitKind(p[1]), Staff: staff,
		Area: p[3] == "1", From: tdkt.UnitKind(p[4])}, nil
}

// splitSep splits s at sep into exactly len(out) fields, reporting whether
// it has that many. Returns read every counter key: strings.Split's slices
// were most of their cost.
func splitSep(s string, out []string) bool {
	for i := range len(out) - 1 {
		var ok bool
		if out[i], s, ok = strings.Cut(s, sep); !ok {
			return false
		}
	}
	out[len(out)-1] = s
	return !strings.Contains(s, sep)
}

// AwardCount is one counter: N counted awards sharing these values.
type AwardCount struct {
	Year         int // achievement year
	DecisionYear int
	Code         string
	Subject      tdkt.Subject
	Method       tdkt.Method
	AwardFacts
	N int
}

// factsEntry is award.facts' value: the recipient's ids the facts were
// taken for, then the facts, so that an edit that keeps the recipient
// keeps its facts.
func factsEntry(a *tdkt.Award, f AwardFacts) string {
	return a.PersonID + sep + a.UnitID + sep + a.DossierID + sep + f.encode()
}

// storedFacts returns the facts stored for a, if they were taken for a's
// recipient and dossier.
func storedFacts(v []byte, a *tdkt.Award) (AwardFacts, bool) {
	p := strings.SplitN(string(v), sep, 4)
	if len(p) != 4 || p[0] != a.PersonID || p[1] != a.UnitID || p[2] != a.DossierID {
		return AwardFacts{}, false
	}
	f, err := decodeFacts(p[3])
	return f, err == nil
}

// counted reports whether an award counts in the figures.
func counted(a *tdkt.Award) bool { return a != nil && !a.Deleted && !a.Revoked }

// countKey files an award under its achievement year first, so the home
// screen reads one prefix, and its decision year second, so a return reads
// one prefix per achievement year.
func countKey(a *tdkt.Award, f AwardFacts) string {
	return strings.Join([]string{year(a.Year), year(a.DecisionDate.Year), a.AwardCode, string(a.Subject), string(a.Method), f.encode()}, sep)
}

func parseCountKey(k string, n int) (AwardCount, error) {
	var p [10]string // year, decision year, code, subject, method, then the facts
	if !splitSep(k, p[:]) {
		return AwardCount{}, fmt.Errorf("khóa đếm sai dạng %q", k)
	}
	y, err1 := strconv.Atoi(p[0])
	dy, err2 := strconv.Atoi(p[1])
	f, err3 := factsOf([5]string(p[5:]))
	if err1 != nil || err2 != nil || err3 != nil {
		return AwardCount{}, fmt.Errorf("khóa đếm sai dạng %q", k)
	}
	return AwardCount{Year: y, DecisionYear: dy, Code: p[2], Subject: tdkt.Subject(p[3]),
		Method: tdkt.Method(p[4]), AwardFacts: f, N: n}, nil
}

// factCache remembers lookups while a transaction writes many awards; a
// write of a person or unit drops what it could change.
type factCache struct {
	cats  map[string]tdkt.Category
	units map[string]*tdkt.Unit // nil: not found
	staff map[string]int
	from  map[string]tdkt.UnitKind
}

func (t *Tx) cache() *factCache {
	if t.fc == nil {
		t.fc = &factCache{cats: map[string]tdkt.Category{}, units: map[string]*tdkt.Unit{},
			staff: map[string]int{}, from: map[string]tdkt.UnitKind{}}
	}
	return t.fc
}

func (t *Tx) factUnit(id string) (*tdkt.Unit, bool) {
	c := t.cache()
	if u, ok := c.units[id]; ok {
		return u, u != nil
	}
	u := &tdkt.Unit{}
	// a deleted unit still tells its kind, as the register does
	if t.Get(id, u) != nil {
		u = nil
	}
	c.units[id] = u
	return u, u != nil
}

// factsOf takes the recipient's facts from the records as they are now.
func (t *Tx) factsOf(a *tdkt.Award) AwardFacts {
	c := t.cache()
	var f AwardFacts
	if a.PersonID != "" {
		cat, ok := c.cats[a.PersonID]
		if !ok {
			var p struct {
				Category tdkt.Category `json:"category"`
			}
			if t.getPart(tdkt.KindPerson, a.PersonID, &p) {
				cat = p.Category
			}
			c.cats[a.PersonID] = cat
		}
		f.Category = cat
	}
	if u, ok := t.factUnit(a.UnitID); ok {
		f.UnitKind = u.Type
		if a.Subject != tdkt.SubjectPerson {
			staff, ok := c.staff[u.ID]
			if !ok {
				staff = u.Staff
				if staff == 0 {
					staff = t.CountIndex("person.unit", u.ID)
				}
				c.staff[u.ID] = staff
			}
			f.Staff = staff
		}
	}
	f.Area = tdkt.PriorityArea(a.UnitID, t.factUnit)
	if a.DossierID != "" {
		from, ok := c.from[a.DossierID]
		if !ok {
			var d struct {
				UnitID string `json:"unit"`
			}
			if t.getPart(tdkt.KindDossier, a.DossierID, &d) {
				from = NoUnit
				if u, ok := t.factUnit(d.UnitID); ok {
					from = u.Type
				}
			}
			c.from[a.DossierID] = from
		}
		f.From = from
	}
	return f
}

// getPart decodes only the fields of v from the stored record of kind k
// with id: a dossier's unit without its forty candidates.
func (t *Tx) getPart(k tdkt.Kind, id string, v any) bool {
	b := t.tx.Bucket([]byte(k))
	if b == nil {
		return false
	}
	raw := b.Get([]byte(id))
	return raw != nil && json.Unmarshal(raw, v) == nil
}

// awardPart is what the facts and counters read of an award.
type awardPart struct {
	ID           string       `json:"id"`
	Deleted      bool         `json:"deleted"`
	Year         int          `json:"year"`
	AwardCode    string       `json:"award"`
	Method       tdkt.Method  `json:"method"`
	Subject      tdkt.Subject `json:"subject"`
	PersonID     string       `json:"person"`
	UnitID       string       `json:"unit"`
	DecisionDate tdkt.Date    `json:"decisionDate"`
	DossierID    string       `json:"dossier"`
	Revoked      bool         `json:"revoked"`
}

func (p awardPart) award() *tdkt.Award {
	return &tdkt.Award{Meta: tdkt.Meta{ID: p.ID, Deleted: p.Deleted}, Year: p.Year, AwardCode: p.AwardCode,
		Method: p.Method, Subject: p.Subject, PersonID: p.PersonID, UnitID: p.UnitID,
		DecisionDate: p.DecisionDate, DossierID: p.DossierID, Revoked: p.Revoked}
}

// invalidate drops cached lookups a write of rec may change.
func (t *Tx) invalidate(rec tdkt.Record) {
	if t.fc == nil {
		return
	}
	switch r := rec.(type) {
	case *tdkt.Person:
		delete(t.fc.cats, r.ID)
		clear(t.fc.staff) // the person may have moved between units
	case *tdkt.Unit:
		clear(t.fc.units) // flags and kinds reach down the tree
		clear(t.fc.staff)
		clear(t.fc.from)
	case *tdkt.Dossier:
		delete(t.fc.from, r.ID)
	}
}

// getDerived reads key from bucket name, seeing puts deferred by a bulk
// merge: counters are read, changed and written back within one merge.
func (t *Tx) getDerived(name string, key []byte) []byte {
	if t.deferred != nil {
		if v, ok := t.deferred.get(name, key); ok {
			return v
		}
	}
	return t.tx.Bucket([]byte(name)).Get(key)
}

// addCount moves the counter under key by d, dropping it at zero.
func (t *Tx) addCount(key string, d int) error {
	n := 0
	if v := t.getDerived(string(bucketCounts), []byte(key)); len(v) == 8 {
		n = int(be(v))
	}
	n += d
	if n < 0 {
		return fmt.Errorf("bộ đếm khen thưởng âm ở %q (dữ liệu dẫn xuất hỏng, hãy chạy kiểm tra)", strings.ReplaceAll(key, sep, " "))
	}
	if n == 0 {
		return t.del(string(bucketCounts), []byte(key))
	}
	return t.put(string(bucketCounts), []byte(key), u64(uint64(n)))
}

// derive keeps award.facts, award.count and dossier.row in step when old
// is replaced by rec.
func (t *Tx) derive(old, rec tdkt.Record) error {
	t.invalidate(rec)
	switch r := rec.(type) {
	case *tdkt.Award:
		o, _ := old.(*tdkt.Award)
		if t.deferred != nil {
			t.pending = append(t.pending, awardChange{o, r})
			return nil
		}
		return t.deriveAward(o, r)
	case *tdkt.Dossier:
		return t.deriveRow(r)
	}
	return nil
}

// awardChange is one award write whose derived data waits for the end of
// a bulk merge.
type awardChange struct{ old, rec *tdkt.Award }

func (t *Tx) deriveAward(old, a *tdkt.Award) error {
	id := []byte(a.ID)
	prev := t.getDerived(string(bucketFacts), id)
	var oldKey string
	if counted(old) && prev != nil {
		f, ok := storedFacts(prev, old)
		if !ok {
			return fmt.Errorf("dữ kiện khen thưởng %s không khớp bản ghi (dữ liệu dẫn xuất hỏng, hãy chạy kiểm tra)", a.ID)
		}
		oldKey = countKey(old, f)
	}
	var newKey string
	if a.Deleted {
		if prev != nil {
			if err := t.del(string(bucketFacts), id); err != nil {
				return err
			}
		}
	} else {
		f, ok := storedFacts(prev, a)
		if !ok {
			f = t.factsOf(a)
			if err := t.put(string(bucketFacts), id, []byte(factsEntry(a, f))); err != nil {
				return err
			}
		}
		if counted(a) {
			newKey = countKey(a, f)
		}
	}
	if oldKey == newKey {
		return nil
	}
	if oldKey != "" {
		if err := t.addCount(oldKey, -1); err != nil {
			return err
		}
	}
	if newKey != "" {
		return t.addCount(newKey, 1)
	}
	return nil
}

// DossierRow is what the dossier list shows and filters on, kept beside
// each live dossier so that the list never decodes whole dossiers.
type DossierRow struct {
	ID         string
	Ref        string
	Title      string
	Year       int
	UnitID     string
	Status     tdkt.Status
	Received   tdkt.Date
	Deadline   tdkt.Date
	Candidates int
	Awards     []string // distinct award codes proposed
	// Folded is the title, reference and candidates' names, folded, for
	// the list's text filter.
	Folded string
}

// rowFields is the number of fields of an encoded DossierRow.
const rowFields = 11

// encode writes the row as its fields joined by sep (award codes by
// awardSep): a list of 20,000 rows decodes in tens of milliseconds, where
// JSON took several times longer. A separator typed into a title becomes
// a space.
func (r DossierRow) encode() []byte {
	clean := func(s string) string {
		if !strings.ContainsAny(s, sep+awardSep) {
			return s // nearly always: a replacer built per field cost as much as the row
		}
		return strings.NewReplacer(sep, " ", awardSep, " ").Replace(s)
	}
	awards := make([]string, len(r.Awards))
	for i, a := range r.Awards {
		awards[i] = clean(a)
	}
	return []byte(strings.Join([]string{clean(r.ID), clean(r.Ref), clean(r.Title), strconv.Itoa(r.Year), clean(r.UnitID),
		clean(string(r.Status)), r.Received.String(), r.Deadline.String(), strconv.Itoa(r.Candidates),
		strings.Join(awards, awardSep), clean(r.Folded)}, sep))
}

const awardSep = "\x1e"

func decodeRow(v []byte) (DossierRow, error) {
	p := strings.SplitN(string(v), sep, rowFields)
	if len(p) != rowFields {
		return DossierRow{}, fmt.Errorf("dòng hồ sơ sai dạng")
	}
	r := DossierRow{ID: p[0], Ref: p[1], Title: p[2], UnitID: p[4], Status: tdkt.Status(p[5]), Folded: p[10]}
	var err [5]error
	r.Year, err[0] = strconv.Atoi(p[3])
	r.Received, err[1] = isoDate(p[6])
	r.Deadline, err[2] = isoDate(p[7])
	r.Candidates, err[3] = strconv.Atoi(p[8])
	if p[9] != "" {
		r.Awards = strings.Split(p[9], awardSep)
	}
	for _, e := range err {
		if e != nil {
			return DossierRow{}, fmt.Errorf("dòng hồ sơ sai dạng: %w", e)
		}
	}
	return r, nil
}

// isoDate reads what tdkt.Date.String writes, without time.Parse.
func isoDate(s string) (tdkt.Date, error) {
	if s == "" {
		return tdkt.Date{}, nil
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return tdkt.Date{}, fmt.Errorf("ngày %q", s)
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	d, e3 := strconv.Atoi(s[8:])
	if e1 != nil || e2 != nil || e3 != nil {
		return tdkt.Date{}, fmt.Errorf("ngày %q", s)
	}
	return tdkt.D(y, time.Month(m), d), nil
}

func rowOf(d *tdkt.Dossier) DossierRow {
	r := DossierRow{ID: d.ID, Ref: d.Ref, Title: d.Title, Year: d.Year, UnitID: d.UnitID, Status: d.Status,
		Received: d.Received, Deadline: d.Deadline, Candidates: len(d.Candidates)}
	parts := []string{d.Title, d.Ref}
	seen := map[string]bool{}
	for _, c := range d.Candidates {
		parts = append(parts, c.Name)
		if c.AwardCode != "" && !seen[c.AwardCode] {
			seen[c.AwardCode] = true
			r.Awards = append(r.Awards, c.AwardCode)
		}
	}
	r.Folded = tdkt.Fold(strings.Join(parts, " "))
	return r
}

func (t *Tx) deriveRow(d *tdkt.Dossier) error {
	id := []byte(d.ID)
	if d.Deleted {
		if t.getDerived(string(bucketRows), id) == nil {
			return nil
		}
		return t.del(string(bucketRows), id)
	}
	v := t.rowBytesOf(d)
	if bytes.Equal(t.getDerived(string(bucketRows), id), v) {
		return nil
	}
	return t.put(string(bucketRows), id, v)
}

// AwardCounts calls fn for every counter of achievement year y.
func (t *Tx) AwardCounts(y int, fn func(AwardCount) error) error {
	b := t.tx.Bucket(bucketCounts)
	if b == nil {
		return fmt.Errorf("thiếu bucket %s: %w", bucketCounts, ErrNotTDKT)
	}
	prefix := []byte(year(y) + sep)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		ac, err := parseCountKey(string(k), int(be(v)))
		if err != nil {
			return err
		}
		if err := fn(ac); err != nil {
			return err
		}
	}
	return nil
}

// DossierRow reads the list row of a live dossier.
func (t *Tx) DossierRow(id string) (DossierRow, error) {
	v := t.tx.Bucket(bucketRows).Get([]byte(id))
	if v == nil {
		return DossierRow{}, fmt.Errorf("hồ sơ %s: %w", id, ErrNotFound)
	}
	r, err := decodeRow(v)
	if err != nil {
		return r, fmt.Errorf("đọc dòng hồ sơ %s: %w", id, err)
	}
	return r, nil
}

// DossierRowCount is the number of live dossiers: their rows are a few
// megabytes to count where the dossiers are a hundred.
func (t *Tx) DossierRowCount() int { return t.tx.Bucket(bucketRows).Stats().KeyN }

// EachDossierRow calls fn for the row of every live dossier, in id order.
func (t *Tx) EachDossierRow(fn func(DossierRow) error) error {
	return t.tx.Bucket(bucketRows).ForEach(func(k, v []byte) error {
		r, err := decodeRow(v)
		if err != nil {
			return fmt.Errorf("đọc dòng hồ sơ %s: %w", k, err)
		}
		return fn(r)
	})
}

// RebuildDerived recomputes award.facts, award.count and dossier.row from
// the records, taking every award's facts from the people, units and
// dossiers as they are now. The upgrade to schema 2 runs it (the best an
// older file can tell); so does the demo, which writes its people after
// their awards.
func (t *Tx) RebuildDerived() error {
	if !t.writable {
		return ErrReadOnly
	}
	t.fc = nil
	for _, name := range [][]byte{bucketFacts, bucketCounts, bucketRows} {
		if t.tx.Bucket(name) != nil {
			if err := t.tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("xóa bucket %s: %w", name, err)
			}
		}
		if _, err := t.tx.CreateBucket(name); err != nil {
			return fmt.Errorf("tạo bucket %s: %w", name, err)
		}
	}
	fb, rb := t.tx.Bucket(bucketFacts), t.tx.Bucket(bucketRows)
	if t.deferred != nil {
		return fmt.Errorf("dựng lại dữ liệu dẫn xuất giữa một lần hợp nhất")
	}
	fb.FillPercent, rb.FillPercent = fill, fill
	counts := map[string]int{}
	ab, err := t.bucket(tdkt.KindAward)
	if err != nil {
		return err
	}
	// decoding only the fields the facts need, in key order
	err = ab.ForEach(func(k, v []byte) error {
		var p awardPart
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("đọc %s %s: %w", tdkt.KindAward, k, err)
		}
		if p.Deleted {
			return nil
		}
		a := p.award()
		f := t.factsOf(a)
		// ids come in key order, so these puts append
		if err := fb.Put([]byte(a.ID), []byte(factsEntry(a, f))); err != nil {
			return err
		}
		if counted(a) {
			counts[countKey(a, f)]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := putCounts(t.tx.Bucket(bucketCounts), counts); err != nil {
		return err
	}
	return t.Each(tdkt.KindDossier, func(r tdkt.Record) error {
		d := r.(*tdkt.Dossier)
		return rb.Put([]byte(d.ID), rowOf(d).encode())
	})
}

func putCounts(b *bolt.Bucket, counts map[string]int) error {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.FillPercent = fill
	for _, k := range keys {
		if err := b.Put([]byte(k), u64(uint64(counts[k]))); err != nil {
			return err
		}
	}
	return nil
}

// derivedCheck verifies award.facts, award.count and dossier.row against
// the records as Check walks them: one facts entry per live award, taken
// for its recipient; counters equal to a recount; one row per live dossier,
// equal to the row the dossier gives.
type derivedCheck struct {
	facts, counts, rows *bolt.Bucket
	add                 func(string, string, ...any)
	nFacts, nRows       int
	recount             map[string]int
}

func newDerivedCheck(btx *bolt.Tx, add func(string, string, ...any)) *derivedCheck {
	return &derivedCheck{facts: btx.Bucket(bucketFacts), counts: btx.Bucket(bucketCounts),
		rows: btx.Bucket(bucketRows), add: add, recount: map[string]int{}}
}

func (c *derivedCheck) record(r tdkt.Record) {
	if c.facts == nil || c.counts == nil || c.rows == nil || r.Base().Deleted {
		return
	}
	switch v := r.(type) {
	case *tdkt.Award:
		c.nFacts++
		e := c.facts.Get([]byte(v.ID))
		f, ok := storedFacts(e, v)
		if !ok {
			c.add(string(bucketFacts), "thiếu hoặc sai dữ kiện của %s", v.ID)
			return
		}
		if counted(v) {
			c.recount[countKey(v, f)]++
		}
	case *tdkt.Dossier:
		c.nRows++
		want := rowOf(v).encode()
		if !bytes.Equal(c.rows.Get([]byte(v.ID)), want) {
			c.add(string(bucketRows), "thiếu hoặc sai dòng của %s", v.ID)
		}
	}
}

func (c *derivedCheck) finish() {
	for _, b := range []struct {
		b    *bolt.Bucket
		name []byte
	}{{c.facts, bucketFacts}, {c.counts, bucketCounts}, {c.rows, bucketRows}} {
		if b.b == nil {
			c.add(string(b.name), "thiếu bucket")
			return
		}
	}
	if n := c.facts.Stats().KeyN; n != c.nFacts {
		c.add(string(bucketFacts), "có %d mục, cần %d", n, c.nFacts)
	}
	if n := c.rows.Stats().KeyN; n != c.nRows {
		c.add(string(bucketRows), "có %d mục, cần %d", n, c.nRows)
	}
	have := 0
	c.counts.ForEach(func(k, v []byte) error {
		have++
		if want := c.recount[string(k)]; uint64(want) != be(v) {
			c.add(string(bucketCounts), "%q là %d, đếm lại được %d", strings.ReplaceAll(string(k), sep, " "), be(v), want)
		}
		return nil
	})
	if have != len(c.recount) {
		c.add(string(bucketCounts), "có %d bộ đếm, cần %d", have, len(c.recount))
	}
}
