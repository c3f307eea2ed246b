package store_test

import (
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/store"
)

func TestIssueDecision(t *testing.T) {
	db, _ := newDB(t)
	u := &tdkt.Unit{Name: "Trường Tiểu học Tân Phúc", Type: tdkt.UnitSchool}
	put(t, db, u)
	a := &tdkt.Person{Name: "Nguyễn Thị Ước", UnitID: u.ID}
	b := &tdkt.Person{Name: "Lò Văn Pẩng", UnitID: u.ID}
	put(t, db, a, b)
	ds := &tdkt.Dossier{Title: "Đề nghị tặng Bằng khen", Year: 2025, UnitID: u.ID, Method: tdkt.MethodRegular, Status: tdkt.StatusCouncil,
		Candidates: []tdkt.Candidate{
			{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: a.ID, Name: a.Name, AwardCode: "BKT", Result: tdkt.ResultPassed},
			{ID: "C2", Subject: tdkt.SubjectPerson, PersonID: b.ID, Name: b.Name, AwardCode: "BKT", Result: tdkt.ResultPassed},
		}}
	put(t, db, ds)
	date := tdkt.D(2026, time.January, 5)
	var cat *tdkt.Catalog
	db.View(func(tx *store.Tx) error { cat, _ = tx.Catalog(); return nil })
	bonus, _ := cat.Bonus("BKT", tdkt.SubjectPerson, date)
	draft := func() *tdkt.Decision {
		return &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Date: date, AwardCode: "BKT", Method: tdkt.MethodRegular,
			Summary: "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh", Signer: tdkt.Signer{Name: "Hoàng Quốc Khánh", Title: "CHỦ TỊCH", Mode: "TM"},
			Status: tdkt.DecisionDraft, List: []tdkt.ListEntry{
				{DossierID: ds.ID, CandidateID: "C1", Subject: tdkt.SubjectPerson, PersonID: a.ID, UnitID: u.ID, Name: a.Name, Bonus: bonus},
				{DossierID: ds.ID, CandidateID: "C2", Subject: tdkt.SubjectPerson, PersonID: b.ID, UnitID: u.ID, Name: b.Name, Bonus: bonus}}}
	}
	d1 := draft()
	put(t, db, d1)
	var issued *tdkt.Decision
	var awards []*tdkt.Award
	err := db.Update("lanhdao", func(tx *store.Tx) (err error) {
		issued, awards, err = tx.IssueDecision(d1.ID, fixed)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if issued.Number != 1 || issued.NumberText() != "01/QĐ-UBND" || len(awards) != 2 {
		t.Fatalf("issued %s with %d awards", issued.NumberText(), len(awards))
	}
	db.View(func(tx *store.Tx) error {
		hist, _ := tx.History(a.ID, false)
		if len(hist) != 1 || hist[0].Year != 2025 || hist[0].Code != "BKT" {
			t.Errorf("history %+v", hist)
		}
		got := &tdkt.Dossier{}
		tx.Get(ds.ID, got)
		if got.Status != tdkt.StatusAwarded || got.Candidates[0].Result != tdkt.ResultAwarded {
			t.Errorf("dossier %s, candidate %s", got.Status, got.Candidates[0].Result)
		}
		if n := tx.NextNumber("T1", 2026); n != 2 {
			t.Errorf("next number %d", n)
		}
		return nil
	})
	if awards[0].Bonus != 2_400_000 || awards[0].Number != "2026/000001" || awards[1].Number != "2026/000002" {
		t.Errorf("award lines %+v %+v", awards[0], awards[1])
	}
	// issued decisions are read-only
	issued.Summary = "sửa"
	err = db.Update("an", func(tx *store.Tx) error { return tx.Put(issued) })
	if err == nil || !strings.Contains(err.Error(), "đã ban hành") {
		t.Fatalf("edit of issued decision: %v", err)
	}
	err = db.Update("an", func(tx *store.Tx) error { return tx.Delete(tdkt.KindDecision, d1.ID) })
	if err == nil {
		t.Fatal("issued decision deleted")
	}
	err = db.Update("an", func(tx *store.Tx) error { _, _, err := tx.IssueDecision(d1.ID, fixed); return err })
	if err == nil {
		t.Fatal("issued twice")
	}
	// the next draft takes number 2; a draft naming a used number is refused
	d2, d3 := draft(), draft()
	d3.Number = 2
	put(t, db, d2, d3)
	db.Update("an", func(tx *store.Tx) error {
		got, _, err := tx.IssueDecision(d2.ID, fixed)
		if err != nil || got.Number != 2 {
			t.Errorf("second decision %v %v", got, err)
		}
		if _, _, err := tx.IssueDecision(d3.ID, fixed); err == nil {
			t.Error("duplicate number issued")
		}
		return nil
	})
	if probs, _ := db.Check(); len(probs) != 0 {
		t.Fatal(probs)
	}
}

func TestClosedMeetingIsLocked(t *testing.T) {
	db, _ := newDB(t)
	m := &tdkt.Meeting{Title: "Phiên họp", Members: []tdkt.Member{{Name: "A", Present: true}},
		Items: []tdkt.AgendaItem{{Name: "Nguyễn Văn An", AwardCode: "CSTDT", Ballot: tdkt.Ballot{Issued: 1, Returned: 1, Valid: 1, Agree: 1}}}}
	put(t, db, m)
	m.Items[0].Ballot.Agree = 0 // still open: allowed
	put(t, db, m)
	m.Closed = true
	put(t, db, m)
	m.Items[0].Ballot.Agree = 1
	if err := db.Update("an", func(tx *store.Tx) error { return tx.Put(m) }); err == nil {
		t.Fatal("closed meeting edited")
	}
	m.Items[0].Ballot.Agree = 0
	m.Place = "Phòng họp số 2" // details outside the count may be corrected
	put(t, db, m)
}

// TestIssueAmendment: issuing an amendment corrects in place the lines it
// withdraws for correction (same number, year, bonus: no second award) and
// marks revoked by its own number and date those it revokes; a line that
// would give someone the decision's award a second time — the old line
// standing, or given again by an earlier amendment — is refused.
func TestIssueAmendment(t *testing.T) {
	db, _ := newDB(t)
	u := &tdkt.Unit{Name: "Trường Tiểu học Tân Phúc", Type: tdkt.UnitSchool}
	put(t, db, u)
	a := &tdkt.Person{Name: "Nguyễn Thị Ước", UnitID: u.ID}
	b := &tdkt.Person{Name: "Lò Văn Pẩng", UnitID: u.ID}
	c := &tdkt.Person{Name: "Vàng A Sình", UnitID: u.ID}
	put(t, db, a, b, c)
	ds := &tdkt.Dossier{Title: "Đề nghị tặng Bằng khen", Year: 2024, UnitID: u.ID, Method: tdkt.MethodRegular, Status: tdkt.StatusCouncil,
		Candidates: []tdkt.Candidate{
			{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: a.ID, Name: a.Name, AwardCode: "BKT", Result: tdkt.ResultPassed},
			{ID: "C2", Subject: tdkt.SubjectPerson, PersonID: b.ID, Name: b.Name, AwardCode: "BKT", Result: tdkt.ResultPassed},
		}}
	put(t, db, ds)
	off := &tdkt.Office{Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM"}
	var cat *tdkt.Catalog
	db.View(func(tx *store.Tx) (err error) { cat, err = tx.Catalog(); return err })
	d := &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Date: tdkt.D(2025, 3, 5), AwardCode: "BKT", Method: tdkt.MethodRegular,
		Summary: "Về việc tặng Bằng khen", Signer: tdkt.Signer{Name: "Hoàng Quốc Khánh"}, Status: tdkt.DecisionDraft, List: []tdkt.ListEntry{
			{DossierID: ds.ID, CandidateID: "C1", Subject: tdkt.SubjectPerson, PersonID: a.ID, UnitID: u.ID, Name: a.Name, Position: "Giáo viên", Bonus: 2_340_000},
			{DossierID: ds.ID, CandidateID: "C2", Subject: tdkt.SubjectPerson, PersonID: b.ID, UnitID: u.ID, Name: b.Name, Position: "Kế toán", Bonus: 2_340_000}}}
	put(t, db, d)
	var first []*tdkt.Award
	if err := db.Update("lanhdao", func(tx *store.Tx) (err error) { d, first, err = tx.IssueDecision(d.ID, fixed); return err }); err != nil {
		t.Fatal(err)
	}
	issue := func(am *tdkt.Decision) ([]*tdkt.Award, error) {
		put(t, db, am)
		var got []*tdkt.Award
		err := db.Update("lanhdao", func(tx *store.Tx) (err error) { _, got, err = tx.IssueDecision(am.ID, fixed); return err })
		return got, err
	}
	line := func(p *tdkt.Person, pos string) tdkt.ListEntry {
		return tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: p.ID, UnitID: u.ID, Name: p.Name, Position: pos}
	}
	day := tdkt.D(2026, 1, 10)
	// adding Ước again while her line stands is refused, and nothing changes
	dup := d.Amendment(off, cat, day)
	if err := dup.AddLine(cat, line(a, "Hiệu trưởng"), day); err != nil {
		t.Fatal(err)
	}
	if _, err := issue(dup); err == nil || !strings.Contains(err.Error(), "Nguyễn Thị Ước đã được tặng Bằng khen của Chủ tịch UBND tỉnh (thành tích năm 2024") {
		t.Fatalf("twice: %v", err)
	}
	// Pẩng's line is corrected; Sình is added
	am := d.Amendment(off, cat, day)
	if err := am.Correct(first[1], b.Name, "Phó Hiệu trưởng", "Ghi sai chức vụ"); err != nil {
		t.Fatal(err)
	}
	if err := am.AddLine(cat, line(c, "Giáo viên"), day); err != nil {
		t.Fatal(err)
	}
	added, err := issue(am)
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		old := &tdkt.Award{}
		tx.Get(first[1].ID, old)
		if old.Revoked || old.Position != "Phó Hiệu trưởng" || old.Number != first[1].Number || old.Year != 2024 ||
			old.Bonus != first[1].Bonus || old.DecisionNo != first[1].DecisionNo ||
			old.CorrectedBy != "Quyết định số 01/QĐ-UBND ngày 10/01/2026: Ghi sai chức vụ" {
			t.Errorf("corrected line %+v", old)
		}
		kept := &tdkt.Award{}
		tx.Get(first[0].ID, kept)
		if kept.Revoked || kept.CorrectedBy != "" {
			t.Error("a line not withdrawn was changed")
		}
		// only Sình is a new line, under the amended decision's year
		if len(added) != 1 || added[0].Name != c.Name || added[0].Year != 2024 || added[0].Bonus == 0 || added[0].DecisionNo != "01/QĐ-UBND" {
			t.Errorf("added lines %+v", added)
		}
		hist, _ := tx.History(b.ID, false)
		if len(hist) != 1 || hist[0].Year != 2024 {
			t.Errorf("Pẩng's history after the correction: %+v", hist)
		}
		// the dossier tells it, its status unchanged
		got := &tdkt.Dossier{}
		tx.Get(ds.ID, got)
		last := got.History[len(got.History)-1]
		if got.Status != tdkt.StatusAwarded || last.To != tdkt.StatusAwarded ||
			last.Reason != "Thông tin khen thưởng của Lò Văn Pẩng (số vào sổ "+first[1].Number+") được sửa: Quyết định số 01/QĐ-UBND ngày 10/01/2026: Ghi sai chức vụ" {
			t.Errorf("dossier after the correction: %s, %+v", got.Status, last)
		}
		return nil
	})
	// a second amendment of the same decision cannot give Pẩng his award
	// again: the first one already did
	again := d.Amendment(off, cat, tdkt.D(2026, 1, 12))
	if err := again.AddLine(cat, line(b, "Phó Hiệu trưởng"), again.Date); err != nil {
		t.Fatal(err)
	}
	if _, err := issue(again); err == nil || !strings.Contains(err.Error(), "Lò Văn Pẩng đã được tặng Bằng khen của Chủ tịch UBND tỉnh (thành tích năm 2024") {
		t.Errorf("given twice by two amendments: %v", err)
	}
	// nor can an amendment of the amendment give Ước hers again
	var amIssued *tdkt.Decision
	db.View(func(tx *store.Tx) error {
		for _, id := range tx.IDs("decision.year", "2026") {
			x := &tdkt.Decision{}
			if tx.Get(id, x) == nil && x.Status == tdkt.DecisionIssued && x.Amends == d.ID && len(x.Withdraws) == 1 {
				amIssued = x
			}
		}
		return nil
	})
	if amIssued == nil {
		t.Fatal("the issued amendment is not found")
	}
	deeper := amIssued.Amendment(off, cat, tdkt.D(2026, 1, 13))
	if err := deeper.AddLine(cat, line(a, "Giáo viên"), deeper.Date); err != nil {
		t.Fatal(err)
	}
	if _, err := issue(deeper); err == nil || !strings.Contains(err.Error(), "Nguyễn Thị Ước đã được tặng") {
		t.Errorf("given twice through an amendment of an amendment: %v", err)
	}
	// corrected again, the line says both corrections
	twice := d.Amendment(off, cat, tdkt.D(2026, 1, 12))
	if err := twice.Correct(first[1], b.Name, "Hiệu phó", "Ghi sai chức vụ"); err != nil {
		t.Fatal(err)
	}
	if _, err := issue(twice); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		old := &tdkt.Award{}
		tx.Get(first[1].ID, old)
		if old.Position != "Hiệu phó" || old.CorrectedBy != "Quyết định số 01/QĐ-UBND ngày 10/01/2026: Ghi sai chức vụ; Quyết định số 02/QĐ-UBND ngày 12/01/2026: Ghi sai chức vụ" {
			t.Errorf("corrected twice: %q, %q", old.Position, old.CorrectedBy)
		}
		return nil
	})
	// Ước's award is revoked on false grounds
	rv := d.Amendment(off, cat, tdkt.D(2026, 1, 15))
	if err := rv.Withdraw(first[0], "Kê khai không đúng thành tích"); err != nil {
		t.Fatal(err)
	}
	if _, err := issue(rv); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if hist, _ := tx.History(a.ID, false); len(hist) != 0 {
			t.Errorf("Ước's history after the revocation: %+v", hist)
		}
		got := &tdkt.Dossier{}
		tx.Get(ds.ID, got)
		if last := got.History[len(got.History)-1]; !strings.HasPrefix(last.Reason, "Khen thưởng của Nguyễn Thị Ước (số vào sổ "+first[0].Number+") bị hủy bỏ: Quyết định số") {
			t.Errorf("dossier after the revocation: %+v", last)
		}
		return nil
	})
	// an amendment of an amendment that only corrected: what it adds takes
	// the first decision's achievement year, not its own
	var onlyFix *tdkt.Decision
	db.View(func(tx *store.Tx) error {
		for _, id := range tx.IDs("decision.year", "2026") {
			x := &tdkt.Decision{}
			if tx.Get(id, x) == nil && x.Status == tdkt.DecisionIssued && x.Amends == d.ID && len(x.List) == 1 && x.List[0].Corrects != "" {
				onlyFix = x
			}
		}
		return nil
	})
	if onlyFix == nil {
		t.Fatal("the correction-only amendment is not found")
	}
	n := &tdkt.Person{Name: "Hoàng Văn Năm", UnitID: u.ID}
	put(t, db, n)
	more := onlyFix.Amendment(off, cat, tdkt.D(2026, 1, 16))
	if err := more.AddLine(cat, line(n, "Giáo viên"), more.Date); err != nil {
		t.Fatal(err)
	}
	if got, err := issue(more); err != nil || len(got) != 1 || got[0].Year != 2024 {
		t.Errorf("added through an amendment of a correction: %v, %+v", err, got)
	}
	// a revoked line cannot be corrected
	late := d.Amendment(off, cat, tdkt.D(2026, 1, 20))
	late.Withdraws = []tdkt.Withdrawal{{AwardID: first[0].ID, Number: first[0].Number, Name: a.Name, Reason: "sai tên", Correct: true,
		Subject: tdkt.SubjectPerson, PersonID: a.ID}}
	late.List = []tdkt.ListEntry{{Subject: tdkt.SubjectPerson, PersonID: a.ID, Name: a.Name, Corrects: first[0].ID}}
	if _, err := issue(late); err == nil || !strings.Contains(err.Error(), "đã bị hủy bỏ") {
		t.Errorf("a revoked line corrected: %v", err)
	}
	if probs, _ := db.Check(); len(probs) != 0 {
		t.Fatal(probs)
	}
}

// TestAmendmentRevokeMergedPerson: a line revoked under one record of a
// person cannot come back under another record of the same person.
func TestAmendmentRevokeMergedPerson(t *testing.T) {
	db, _ := newDB(t)
	put(t, db, &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "T1", Name: "Tỉnh thử", Level: tdkt.LevelProvince})
	u := &tdkt.Unit{Name: "Trường Tiểu học Tân Phúc", Type: tdkt.UnitSchool}
	put(t, db, u)
	keep, dup := &tdkt.Person{Name: "Lò Văn Pẩng", UnitID: u.ID}, &tdkt.Person{Name: "Lo Van Pang"}
	put(t, db, keep, dup)
	var cat *tdkt.Catalog
	db.View(func(tx *store.Tx) (err error) { cat, err = tx.Catalog(); return err })
	d := &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Date: tdkt.D(2025, 3, 5), AwardCode: "BKT", Method: tdkt.MethodRegular,
		Summary: "Về việc tặng Bằng khen", Signer: tdkt.Signer{Name: "Hoàng Quốc Khánh"}, Status: tdkt.DecisionDraft, List: []tdkt.ListEntry{
			{Subject: tdkt.SubjectPerson, PersonID: dup.ID, Name: dup.Name, Bonus: 2_340_000}}}
	put(t, db, d)
	var lines []*tdkt.Award
	if err := db.Update("an", func(tx *store.Tx) (err error) { d, lines, err = tx.IssueDecision(d.ID, fixed); return err }); err != nil {
		t.Fatal(err)
	}
	if err := db.Update("an", func(tx *store.Tx) error { _, err := tx.MergePerson(dup.ID, keep.ID); return err }); err != nil {
		t.Fatal(err)
	}
	am := d.Amendment(&tdkt.Office{Level: tdkt.LevelProvince, IssuingBody: "UBND"}, cat, tdkt.D(2026, 1, 10))
	if err := am.Withdraw(lines[0], "Kê khai sai"); err != nil {
		t.Fatal(err)
	}
	if err := am.AddLine(cat, tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: keep.ID, Name: keep.Name}, am.Date); err != nil {
		t.Fatal(err)
	}
	put(t, db, am)
	err := db.Update("an", func(tx *store.Tx) error { _, _, err := tx.IssueDecision(am.ID, fixed); return err })
	if err == nil || !strings.Contains(err.Error(), "vừa bị hủy bỏ vừa được bổ sung") {
		t.Errorf("revoked and added under another record: %v", err)
	}
}

// TestHandAddedLineYear: a line added by hand to a decision takes the
// achievement year of its lines from dossiers, not the year it is signed
// in; a decision of hand-added lines only takes its own year.
func TestHandAddedLineYear(t *testing.T) {
	db, _ := newDB(t)
	u := &tdkt.Unit{Name: "Trường Tiểu học Tân Phúc", Type: tdkt.UnitSchool}
	put(t, db, u)
	a, b := &tdkt.Person{Name: "Nguyễn Thị Ước", UnitID: u.ID}, &tdkt.Person{Name: "Lò Văn Pẩng", UnitID: u.ID}
	put(t, db, a, b)
	ds := &tdkt.Dossier{Title: "Đề nghị", Year: 2024, UnitID: u.ID, Status: tdkt.StatusCouncil,
		Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, PersonID: a.ID, Name: a.Name, AwardCode: "BKT", Result: tdkt.ResultPassed}}}
	put(t, db, ds)
	issue := func(list ...tdkt.ListEntry) []*tdkt.Award {
		d := &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Date: tdkt.D(2025, 3, 5), AwardCode: "BKT", Method: tdkt.MethodRegular,
			Summary: "Về việc tặng Bằng khen", Signer: tdkt.Signer{Name: "Hoàng Quốc Khánh"}, Status: tdkt.DecisionDraft, List: list}
		put(t, db, d)
		var got []*tdkt.Award
		if err := db.Update("an", func(tx *store.Tx) (err error) { _, got, err = tx.IssueDecision(d.ID, fixed); return err }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := issue(tdkt.ListEntry{DossierID: ds.ID, CandidateID: "C1", Subject: tdkt.SubjectPerson, PersonID: a.ID, Name: a.Name},
		tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: b.ID, Name: b.Name})
	if got[0].Year != 2024 || got[1].Year != 2024 {
		t.Errorf("with a dossier's line: years %d, %d", got[0].Year, got[1].Year)
	}
	if got := issue(tdkt.ListEntry{Subject: tdkt.SubjectPerson, PersonID: b.ID, Name: b.Name}); got[0].Year != 2025 {
		t.Errorf("hand-added only: year %d", got[0].Year)
	}
}
