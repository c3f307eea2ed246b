package store

import (
	"fmt"
	"strings"
	"time"

	"tdkt"
)

// UsedNumbers lists the numbers issued in issuer's series for year.
func (t *Tx) UsedNumbers(issuer string, year int) []int {
	var used []int
	for _, id := range t.IDs("decision.year", year4(year)) {
		d := &tdkt.Decision{}
		if t.Get(id, d) == nil && !d.Deleted && d.Status == tdkt.DecisionIssued && d.Issuer == issuer {
			used = append(used, d.Number)
		}
	}
	return used
}

func year4(y int) string { return fmt.Sprintf("%04d", y) }

// NextNumber proposes the next free number of issuer's series for year.
func (t *Tx) NextNumber(issuer string, year int) int {
	return tdkt.NextNumber(t.UsedNumbers(issuer, year))
}

// IssueDecision issues the draft decision id in one transaction: it takes
// the next free number of the issuer's yearly series (unless the draft names
// a free one), marks it issued, writes the register lines and marks the
// candidates and their dossiers awarded. Afterwards the decision is
// read-only.
func (t *Tx) IssueDecision(id string, at time.Time) (*tdkt.Decision, []*tdkt.Award, error) {
	d := &tdkt.Decision{}
	if err := t.Get(id, d); err != nil {
		return nil, nil, err
	}
	if err := tdkt.ValidateIssue(d); err != nil {
		return nil, nil, err
	}
	d.Year = d.Date.Year
	used := t.UsedNumbers(d.Issuer, d.Year)
	if d.Number == 0 {
		d.Number = tdkt.NextNumber(used)
	}
	for _, u := range used {
		if u == d.Number {
			return nil, nil, fmt.Errorf("số %s năm %d đã được dùng", tdkt.NumberText(d.Number, d.Symbol), d.Year)
		}
	}
	d.Status = tdkt.DecisionIssued
	// an amendment's corrected lines correct the old lines (amend): they
	// are not new register lines and take no register number
	fresh := *d
	fresh.List = nil
	for _, e := range d.List {
		if e.Corrects == "" {
			fresh.List = append(fresh.List, e)
		}
	}
	var awards []*tdkt.Award
	var err error
	awards = tdkt.AwardsFromDecision(&fresh, func() string {
		id, e := t.NewID(tdkt.KindAward)
		if e != nil && err == nil {
			err = e
		}
		return id
	}, func(int) string {
		n, e := t.nextCounter("register:" + year4(d.Year))
		if e != nil && err == nil {
			err = e
		}
		return fmt.Sprintf("%d/%06d", d.Year, n)
	})
	if err != nil {
		return nil, nil, err
	}
	if err := t.Put(d); err != nil {
		return nil, nil, err
	}
	dossiers := map[string]*tdkt.Dossier{}
	for _, a := range awards {
		// the achievement year is the dossier's, not the decision's
		if a.DossierID != "" {
			ds, ok := dossiers[a.DossierID]
			if !ok {
				ds = &tdkt.Dossier{}
				if err := t.Get(a.DossierID, ds); err != nil {
					return nil, nil, err
				}
				dossiers[a.DossierID] = ds
			}
			a.Year = ds.Year
		}
	}
	// a line added by hand (no dossier) is for the achievement year of
	// the decision's other lines, not the year it is signed in
	// (amendments: amend, from the decision first amended)
	if d.Amends == "" {
		years := map[int]int{}
		for _, a := range awards {
			if a.DossierID != "" {
				years[a.Year]++
			}
		}
		y := commonYear(years, d.Year)
		for _, a := range awards {
			if a.DossierID == "" {
				a.Year = y
			}
		}
	}
	if err := t.amend(d, awards, at); err != nil {
		return nil, nil, err
	}
	for _, a := range awards {
		if err := t.Put(a); err != nil {
			return nil, nil, err
		}
	}
	for _, e := range d.List {
		ds, ok := dossiers[e.DossierID]
		if !ok {
			continue
		}
		if c, ok := ds.Candidate(e.CandidateID); ok {
			c.Result = tdkt.ResultAwarded
		}
	}
	for _, ds := range dossiers {
		if tdkt.CanMove(ds.Status, tdkt.StatusAwarded) {
			if err := ds.Move(tdkt.StatusAwarded, "Quyết định "+d.NumberText(), t.user, at); err != nil {
				return nil, nil, err
			}
		}
		if err := t.Put(ds); err != nil {
			return nil, nil, err
		}
	}
	return d, awards, nil
}

// amend applies issued amendment d to the decision it amends. A line
// withdrawn for correction is corrected in place (tdkt.CorrectAward): same
// number, year, decision and bonus, so counts and returns do not move; one
// withdrawn otherwise is marked revoked by d. The lines d adds (added)
// without a dossier take the amended decision's achievement year (its
// most common). A line that would award someone a second time within the
// decision first amended and its amendments (at any depth) — its own line
// still standing, or one an amendment gave — is refused. (Two Bằng khen
// for two achievements, by two decisions, are not a duplicate.)
func (t *Tx) amend(d *tdkt.Decision, added []*tdkt.Award, at time.Time) error {
	if d.Amends == "" {
		return nil
	}
	old := map[string]*tdkt.Award{}
	for _, id := range t.IDs("award.decision", d.Amends) {
		a := &tdkt.Award{}
		if err := t.Get(id, a); err != nil {
			return err
		}
		if !a.Deleted && a.DecisionID == d.Amends {
			old[a.ID] = a
		}
	}
	// the achievement year of added lines: that of the decision first
	// amended (an amendment that only corrects has no lines of its own)
	years := map[int]int{}
	orig := t.original(d.Amends)
	for _, id := range t.IDs("award.decision", orig) {
		a := &tdkt.Award{}
		if t.Get(id, a) == nil && !a.Deleted && a.DecisionID == orig {
			years[a.Year]++
		}
	}
	if len(years) == 0 {
		for _, a := range old {
			years[a.Year]++
		}
	}
	year := commonYear(years, d.Year)
	today := tdkt.DateOf(at.In(time.Local))
	for _, w := range d.Withdraws {
		a, ok := old[w.AwardID]
		if !ok {
			return fmt.Errorf("dòng sổ %s (%s) không còn trong quyết định được sửa đổi", w.Number, w.Name)
		}
		if w.Correct {
			for _, e := range d.List {
				if e.Corrects == w.AwardID {
					if err := tdkt.CorrectAward(a, e, d.NumberText(), d.Date, w.Reason); err != nil {
						return fmt.Errorf("sửa thông tin %s: %w", w.Name, err)
					}
				}
			}
		} else if err := tdkt.RevokeAward(a, d.NumberText(), d.Date, w.Reason, today); err != nil {
			return fmt.Errorf("hủy bỏ %s: %w", w.Name, err)
		}
		if err := t.Put(a); err != nil {
			return err
		}
		if err := t.NoteAward(a, at); err != nil {
			return err
		}
	}
	// someone revoked here and added again under another of their
	// records would be paid what the articles say to recover
	revoked := map[string]bool{}
	for _, w := range d.Withdraws {
		if !w.Correct && w.Subject == tdkt.SubjectPerson && w.PersonID != "" {
			for _, id := range t.SamePerson(w.PersonID) {
				revoked[id] = true
			}
		}
	}
	for _, a := range added {
		if a.Subject == tdkt.SubjectPerson && revoked[a.PersonID] {
			return fmt.Errorf("%s vừa bị hủy bỏ vừa được bổ sung (hai bản ghi của cùng một người)", a.Name)
		}
		if a.DossierID == "" {
			a.Year = year
		}
		if o := t.standing(a, t.original(d.Amends)); o != nil {
			award := a.AwardCode
			if cat, err := t.Catalog(); err == nil {
				if it, ok := cat.Item(a.AwardCode); ok {
					award = it.Name
				}
			}
			return fmt.Errorf("%s đã được tặng %s (thành tích năm %d, số vào sổ %s, Quyết định số %s): không khen lần nữa trong cùng quyết định; nếu cần sửa dòng đó, hãy bãi bỏ nó để sửa thông tin",
				a.Name, award, o.Year, o.Number, o.DecisionNo)
		}
	}
	return nil
}

// commonYear is the most common of the achievement years counted in
// years (the later on a tie), or fallback when there are none.
func commonYear(years map[int]int, fallback int) int {
	year, most := fallback, 0
	for y, n := range years {
		if n > most || (n == most && y > year) {
			year, most = y, n
		}
	}
	return year
}

// NoteAward tells the dossier award line a came from (if any) that the
// line was revoked or corrected, in its history (tdkt.Dossier.Note).
func (t *Tx) NoteAward(a *tdkt.Award, at time.Time) error {
	if a.DossierID == "" {
		return nil
	}
	ds := &tdkt.Dossier{}
	if t.Get(a.DossierID, ds) != nil || ds.Deleted {
		return nil // gone: nothing to tell
	}
	text := ""
	switch {
	case a.Revoked:
		text = fmt.Sprintf("Khen thưởng của %s (số vào sổ %s) bị hủy bỏ: %s", a.Name, a.Number, a.RevokedBy)
	case a.CorrectedBy != "":
		last := a.CorrectedBy[strings.LastIndex(a.CorrectedBy, "; ")+1:] // the correction just made
		text = fmt.Sprintf("Thông tin khen thưởng của %s (số vào sổ %s) được sửa: %s", a.Name, a.Number, strings.TrimSpace(last))
	default:
		return nil
	}
	ds.Note(text, t.user, at)
	return t.Put(ds)
}

// original follows a decision's Amends to the decision first amended: a
// decision, its amendments and theirs award once.
func (t *Tx) original(id string) string {
	for range 32 {
		d := &tdkt.Decision{}
		if t.Get(id, d) != nil || d.Amends == "" {
			return id
		}
		id = d.Amends
	}
	return id
}

// standing finds a counted register line giving a's recipient (any record
// of that person) a's award by decision orig, or by an amendment of it
// (at any depth), if there is one: within one decision someone is awarded
// once, whatever the year.
func (t *Tx) standing(a *tdkt.Award, orig string) *tdkt.Award {
	var ids []string
	if a.Subject == tdkt.SubjectPerson {
		ids = t.PersonAwardIDs(a.PersonID)
	} else {
		ids = t.IDs("award.unit", a.UnitID)
	}
	for _, id := range ids {
		o := &tdkt.Award{}
		if id == a.ID || t.Get(id, o) != nil || o.Deleted || o.Revoked || o.Subject != a.Subject || o.AwardCode != a.AwardCode {
			continue
		}
		if a.Subject == tdkt.SubjectFamily && tdkt.Fold(o.Name) != tdkt.Fold(a.Name) {
			continue
		}
		if o.DecisionID == "" || t.original(o.DecisionID) != orig {
			continue
		}
		return o
	}
	return nil
}

func (t *Tx) nextCounter(name string) (uint64, error) {
	m := t.tx.Bucket(bucketMeta)
	key := []byte(name)
	n := uint64(0)
	if v := m.Get(key); len(v) == 8 {
		n = be(v)
	}
	n++
	return n, m.Put(key, u64(n))
}

// ClaimRegister moves year's register counter to at least n, for bulk
// loaders that numbered register lines themselves.
func (t *Tx) ClaimRegister(year int, n uint64) error {
	m := t.tx.Bucket(bucketMeta)
	key := []byte("register:" + year4(year))
	if v := m.Get(key); len(v) == 8 && be(v) >= n {
		return nil
	}
	return m.Put(key, u64(n))
}

// IssuerOffice is the office whose masthead a decision carries: this office
// for its own series, otherwise one built from the issuing unit (a commune's
// people's committee, a department) or the state body.
func (t *Tx) IssuerOffice(d *tdkt.Decision) (*tdkt.Office, error) {
	off, err := t.OfficeRecord()
	if err != nil {
		return nil, err
	}
	if d.Issuer == "" || d.Issuer == off.Code {
		return off, nil
	}
	o := *off
	o.Symbol = d.Symbol
	o.GoverningBody = ""
	switch d.Issuer {
	case "TTg":
		o.IssuingBody, o.Place = "THỦ TƯỚNG CHÍNH PHỦ", "Hà Nội"
		return &o, nil
	case "CTN":
		o.IssuingBody, o.Place = "CHỦ TỊCH NƯỚC", "Hà Nội"
		return &o, nil
	}
	u := &tdkt.Unit{}
	if err := t.Get(d.Issuer, u); err != nil {
		return nil, fmt.Errorf("đơn vị ban hành %s: %w", d.Issuer, err)
	}
	switch u.Type {
	case tdkt.UnitCommune:
		o.IssuingBody = "ỦY BAN NHÂN DÂN " + tdkt.UpperVN(u.Name)
	default:
		o.GoverningBody = off.IssuingBody
		o.IssuingBody = tdkt.UpperVN(u.Name)
	}
	return &o, nil
}

// RecordAward writes a register line entered by hand for an award another
// authority decided, after tdkt.ValidateRecorded; it takes the next number
// of its decision year's register, and refuses a line the register already has
// (the same recipient, award, year and decision).
func (t *Tx) RecordAward(a *tdkt.Award, cat *tdkt.Catalog, today tdkt.Date) error {
	if err := tdkt.ValidateRecorded(cat, a, today); err != nil {
		return err
	}
	var ids []string
	if a.Subject == tdkt.SubjectPerson {
		ids = t.PersonAwardIDs(a.PersonID)
	} else {
		ids = t.IDs("award.unit", a.UnitID)
	}
	for _, aid := range ids {
		o := &tdkt.Award{}
		if t.Get(aid, o) == nil && !o.Deleted && o.Subject == a.Subject && o.AwardCode == a.AwardCode && o.Year == a.Year &&
			strings.EqualFold(strings.TrimSpace(o.DecisionNo), strings.TrimSpace(a.DecisionNo)) &&
			(a.Subject != tdkt.SubjectFamily || tdkt.Fold(o.Name) == tdkt.Fold(a.Name)) {
			award := o.AwardCode
			if it, ok := cat.Item(o.AwardCode); ok {
				award = it.Name
			}
			return fmt.Errorf("sổ đã có dòng này: %s – %s năm %d, quyết định %s (số vào sổ %s)", o.Name, award, o.Year, o.DecisionNo, o.Number)
		}
	}
	// numbered in the series of its decision's year, as an issued
	// decision numbers its lines
	y := a.DecisionDate.Year
	n, err := t.nextCounter("register:" + year4(y))
	if err != nil {
		return err
	}
	a.Number = fmt.Sprintf("%d/%06d", y, n)
	return t.Put(a)
}
