package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/unicode/norm"

	"tdkt"
	"tdkt/store"
)

// storedUnits reads every live unit from the database, by name.
func storedUnits(t *testing.T, db *store.DB) map[string]*tdkt.Unit {
	t.Helper()
	out := map[string]*tdkt.Unit{}
	err := db.View(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindUnit, func(r tdkt.Record) error {
			u := r.(*tdkt.Unit)
			out[u.Name] = u
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAddAndEditUnits: units are added from the unit tree (kind guessed
// from the name, under the commune shown), refused with a message and
// nothing written when blank, duplicate or below themselves, and changed
// from their page.
func TestAddAndEditUnits(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navUnits)
	s := sh.units

	// blank: the field says so, nothing is stored
	test.Tap(s.unitAdd)
	f := s.form
	if f == nil || len(sh.e.dialogs) != 1 {
		t.Fatalf("no form (%d dialogs)", len(sh.e.dialogs))
	}
	f.submit()
	if got := f.name.message(); got != "Chưa nhập tên đơn vị" {
		t.Errorf("blank name message %q", got)
	}
	// a second school of the same name at the top: refused
	typeInto(f.name.entry, "truong tieu hoc tan phuc")
	if k, _ := f.kind.get(); k != tdkt.UnitSchool {
		t.Errorf("kind guessed from the name: %s", k)
	}
	f.submit()
	if f.msg.Hidden || !strings.Contains(f.msg.Text, "đã có đơn vị Trường Tiểu học Tân Phúc") {
		t.Errorf("duplicate message %q", f.msg.Text)
	}
	if n := len(storedUnits(t, db)); n != 1 {
		t.Fatalf("%d units stored after refusals", n)
	}
	// a commune: stored, shown in the tree and on its page
	typeInto(f.name.entry, "Xã  Tân Phúc ")
	if k, _ := f.kind.get(); k != tdkt.UnitCommune {
		t.Errorf("kind guessed from the name: %s", k)
	}
	test.Type(f.code.entry, "TP")
	test.Tap(f.ok)
	if !f.msg.Hidden {
		t.Fatalf("commune refused: %q", f.msg.Text)
	}
	xa := storedUnits(t, db)["Xã Tân Phúc"]
	if xa == nil || xa.Type != tdkt.UnitCommune || xa.Code != "TP" || xa.ParentID != "" {
		t.Fatalf("stored commune %+v", xa)
	}
	if len(sh.e.dialogs) != 0 || s.unitID != xa.ID || s.unitTitle.Text != "Xã Tân Phúc" {
		t.Errorf("after saving: %d dialogs, page of %q (%s)", len(sh.e.dialogs), s.unitTitle.Text, s.unitID)
	}

	// a village added while the commune is shown goes under it; a kind
	// the user chose is kept whatever the name says
	test.Tap(s.unitAdd)
	f = s.form
	if f.parent.id != xa.ID {
		t.Errorf("new unit's parent %q, want the commune shown", f.parent.id)
	}
	f.kind.sel.SetSelected(unitKindLabel(tdkt.UnitEnterprise))
	typeInto(f.name.entry, "Thôn Lếch")
	if k, _ := f.kind.get(); k != tdkt.UnitEnterprise {
		t.Errorf("the chosen kind was overridden by the name: %s", k)
	}
	f.kind.set(tdkt.UnitVillage)
	test.Tap(f.ok)
	thon := storedUnits(t, db)["Thôn Lếch"]
	if thon == nil || thon.ParentID != xa.ID || thon.Type != tdkt.UnitVillage {
		t.Fatalf("stored village %+v", thon)
	}
	if ids := s.childIDs(xa.ID); len(ids) != 1 || ids[0] != thon.ID {
		t.Errorf("the commune's branch: %v", ids)
	}
	// decomposed (NFD) input is the same name; an overlong one is refused
	test.Tap(s.unitAdd)
	f = s.form
	f.parent.set("")
	typeInto(f.name.entry, norm.NFD.String("Xã Tân Phúc"))
	test.Tap(f.ok)
	if !strings.Contains(f.msg.Text, "đã có đơn vị Xã Tân Phúc") {
		t.Errorf("NFD duplicate: %q", f.msg.Text)
	}
	typeInto(f.name.entry, strings.Repeat("Thôn ", 41))
	test.Tap(f.ok)
	if !strings.Contains(f.msg.Text, "dài quá 200 ký tự") {
		t.Errorf("overlong name: %q", f.msg.Text)
	}
	f.dlg.Hide()
	// the same village name again under the commune: refused
	test.Tap(s.unitAdd)
	f = s.form
	f.parent.set(xa.ID)
	typeInto(f.name.entry, "thon lech")
	test.Tap(f.ok)
	if !strings.Contains(f.msg.Text, "đã có đơn vị Thôn Lếch thuộc Xã Tân Phúc") {
		t.Errorf("duplicate village message %q", f.msg.Text)
	}
	f.dlg.Hide()

	// the commune put below its own village: refused, nothing written
	s.tree.Select(xa.ID)
	test.Tap(s.unitEdit)
	f = s.form
	if f.name.text() != "Xã Tân Phúc" || f.parent.exclude != xa.ID {
		t.Errorf("edit form: name %q, excludes %q", f.name.text(), f.parent.exclude)
	}
	f.parent.set(thon.ID)
	test.Tap(f.ok)
	if !strings.Contains(f.msg.Text, "thuộc Xã Tân Phúc") {
		t.Errorf("cycle message %q", f.msg.Text)
	}
	if got := storedUnits(t, db)["Xã Tân Phúc"]; got.ParentID != "" {
		t.Fatalf("refused change stored: %+v", got)
	}
	// renamed: stored (the same unit, by this user), the page shows the new name
	f.parent.set("")
	typeInto(f.name.entry, "Xã Tân Phúc Mới")
	test.Tap(f.ok)
	got := storedUnits(t, db)["Xã Tân Phúc Mới"]
	if got == nil || got.ID != xa.ID || got.UpdatedBy != "chuyenvien" {
		t.Fatalf("renamed commune %+v (was %+v)", got, xa)
	}
	if s.unitTitle.Text != "Xã Tân Phúc Mới" || sh.e.unitName(xa.ID) != "Xã Tân Phúc Mới" {
		t.Errorf("page %q, cached name %q", s.unitTitle.Text, sh.e.unitName(xa.ID))
	}
}

// TestIntakeAddsUnit: a new office's first dossier: the unit is not in the
// list yet, and the picker adds it, named as typed, and chooses it.
func TestIntakeAddsUnit(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	test.Tap(ed.unit.button)
	if ed.unit.addBt == nil {
		t.Fatal("the dossier's unit list offers no new unit")
	}
	typeInto(ed.unit.query, "Truong Mam non Hoa Ban")
	test.Tap(ed.unit.addBt)
	f := ed.unit.form
	if f == nil || f.name.text() != "Truong Mam non Hoa Ban" {
		t.Fatalf("form not opened with the typed name")
	}
	typeInto(f.name.entry, "Trường Mầm non Hoa Ban")
	if k, _ := f.kind.get(); k != tdkt.UnitSchool {
		t.Errorf("kind %s", k)
	}
	test.Tap(f.ok)
	u := storedUnits(t, db)["Trường Mầm non Hoa Ban"]
	if u == nil {
		t.Fatal("unit not stored")
	}
	if ed.unit.id != u.ID || ed.unit.button.Text != "Trường Mầm non Hoa Ban" || len(sh.e.dialogs) != 0 {
		t.Errorf("dossier's unit %q (%q), %d dialogs open", ed.unit.id, ed.unit.button.Text, len(sh.e.dialogs))
	}
	// Enter on a name nothing matches opens the form too
	test.Tap(ed.unit.button)
	typeInto(ed.unit.query, "Thon Moi")
	ed.unit.query.TypedKey(enter)
	if ed.unit.form == f || ed.unit.form.name.text() != "Thon Moi" {
		t.Fatal("Enter on an unknown name did not open the form")
	}
	ed.unit.form.dlg.Hide()
	// the filter's picker (any unit) does not add units
	test.Tap(sh.dossiers.unit.button)
	if sh.dossiers.unit.addBt != nil {
		t.Error("the list filter offers to add a unit")
	}
}

// TestDeleteUnitFromPage: a unit entered by mistake is deleted after the
// question; one with people is refused with what names it, and kept.
func TestDeleteUnitFromPage(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navUnits)
	s := sh.units

	s.tree.Select(fx.school)
	test.Tap(s.unitDel)
	test.Tap(sh.e.confirmOK)
	s.wait()
	if s.unitMsg.Hidden || !strings.Contains(s.unitMsg.Text, "2 cá nhân") {
		t.Errorf("refusal %q", s.unitMsg.Text)
	}
	if storedUnits(t, db)["Trường Tiểu học Tân Phúc"] == nil {
		t.Fatal("a unit with people was deleted")
	}

	test.Tap(s.unitAdd)
	typeInto(s.form.name.entry, "Thôn Nhầm")
	test.Tap(s.form.ok)
	nham := storedUnits(t, db)["Thôn Nhầm"]
	if nham == nil || s.unitID != nham.ID {
		t.Fatalf("new unit %+v, page of %s", nham, s.unitID)
	}
	test.Tap(s.unitDel)
	test.Tap(sh.e.confirmOK)
	s.wait()
	if !s.unitMsg.Hidden {
		t.Fatalf("refused: %q", s.unitMsg.Text)
	}
	var gone tdkt.Unit
	if err := db.View(func(tx *store.Tx) error { return tx.Get(nham.ID, &gone) }); err != nil || !gone.Deleted {
		t.Fatalf("not deleted: %v %+v", err, gone)
	}
	if _, ok := sh.e.unit(nham.ID); ok || s.unitID != "" || !s.unitDel.Disabled() {
		t.Errorf("after deleting: cached %v, page of %q, delete enabled %v", ok, s.unitID, !s.unitDel.Disabled())
	}
	for _, id := range s.childIDs("") {
		if id == nham.ID {
			t.Error("the deleted unit is still in the tree")
		}
	}
	// its name is free again
	test.Tap(s.unitAdd)
	typeInto(s.form.name.entry, "Thôn Nhầm")
	test.Tap(s.form.ok)
	if !s.form.msg.Hidden {
		t.Errorf("the name of a deleted unit is refused: %q", s.form.msg.Text)
	}
}

// TestIntakeHousehold: a household (Gia đình văn hóa) is proposed by its
// name and village; only household awards are offered; no person is
// created for it; the once-a-year rule reads its own history, not its
// neighbours'.
func TestIntakeHousehold(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	thon := &tdkt.Unit{Name: "Thôn Lếch", Type: tdkt.UnitVillage}
	err = db.Update("test", func(tx *store.Tx) error {
		if err := tx.Put(thon); err != nil {
			return err
		}
		// a neighbour was a Gia đình văn hóa for 2026 already
		return tx.Put(&tdkt.Award{Year: 2026, AwardCode: "GDVH", Method: tdkt.MethodRegular, Subject: tdkt.SubjectFamily,
			UnitID: thon.ID, Name: "Hộ bà Lò Thị Mai", DecisionNo: "3/QĐ-UBND", DecisionDate: tdkt.D(2026, 11, 1)})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	sh, _, db := openShell(t, fx.path)
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	typeInto(ed.title.entry, "Đề nghị công nhận Gia đình văn hóa năm 2026")
	typeInto(ed.year.entry, "2026")
	ed.unit.choose(thon.ID)

	test.Tap(ed.addF)
	cf := ed.cand
	if cf == nil || len(cf.award.values) == 0 {
		t.Fatal("no household form")
	}
	for _, code := range cf.award.values {
		if it, _ := sh.e.cat.Item(code); it.Subject != tdkt.SubjectFamily {
			t.Errorf("%s offered to a household", code)
		}
	}
	test.Tap(cf.ok)
	if cf.name.message() != "Chưa nhập tên hộ gia đình" || cf.unitErr.Hidden {
		t.Errorf("blank household: %q, village message shown %v", cf.name.message(), !cf.unitErr.Hidden)
	}
	typeInto(cf.name.entry, "Hộ ông  Giàng A Páo")
	cf.unit.choose(thon.ID)
	cf.award.set("GDVH")
	cf.facts["family_criteria"].SetChecked(true)
	test.Tap(cf.ok)
	if ed.cand != nil || len(ed.d.Candidates) != 1 {
		t.Fatal("household not added")
	}
	c := ed.d.Candidates[0]
	if c.Subject != tdkt.SubjectFamily || c.Name != "Hộ ông Giàng A Páo" || c.UnitID != thon.ID || c.Position != "Thôn Lếch" {
		t.Errorf("candidate %+v", c)
	}
	sh.dossiers.wait()
	if got := ed.eligText(c.ID); got != "Đủ" {
		t.Errorf("eligibility %q (the neighbour's award must not count)", got)
	}
	test.Tap(ed.saveBt)
	if !ed.msg.Hidden {
		t.Fatalf("not saved: %q", ed.msg.Text)
	}
	n := 0
	db.View(func(tx *store.Tx) error { n = tx.Count(tdkt.KindPerson); return nil })
	if n != 2 { // the fixture's two teachers
		t.Errorf("%d people after saving a household", n)
	}
}

// TestPersonForm: people are added to the unit shown and corrected from
// their page; tdkt.CleanPerson's refusals are shown and nothing is
// written; a person without a gender is not shown as a woman.
func TestPersonForm(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navUnits)
	s := sh.units
	s.tree.Select(fx.school)
	s.wait()
	pp := s.people
	before := len(pp.list.rows)

	test.Tap(pp.addBt)
	f := pp.form
	if f == nil || f.unit.id != fx.school {
		t.Fatalf("form %+v: the new person's unit is not the one shown", f)
	}
	test.Tap(f.ok)
	if f.name.message() != "Chưa nhập họ và tên" {
		t.Errorf("blank name: %q", f.name.message())
	}
	typeInto(f.name.entry, "  giàng   thị  mai ")
	f.gender.set(tdkt.Female)
	typeInto(f.birth.entry, "12/05/1990")
	typeInto(f.idNumber.entry, "012090000123") // 0: a man born in the 1900s
	test.Tap(f.ok)
	if f.msg.Hidden || !strings.Contains(f.msg.Text, "chữ số thứ 4 (0) không khớp giới tính") {
		t.Errorf("CCCD refusal %q", f.msg.Text)
	}
	n := 0
	db.View(func(tx *store.Tx) error { n = tx.Count(tdkt.KindPerson); return nil })
	if n != 2 {
		t.Fatalf("%d people after a refusal", n)
	}
	typeInto(f.idNumber.entry, "012190000123")
	test.Tap(f.ok)
	if !f.msg.Hidden {
		t.Fatalf("refused: %q", f.msg.Text)
	}
	mai := pp.person
	if mai == nil || mai.Name != "Giàng Thị Mai" || mai.Gender != tdkt.Female || mai.Birth != tdkt.D(1990, 5, 12) || mai.UnitID != fx.school {
		t.Fatalf("stored %+v", mai)
	}
	if len(pp.list.rows) != before+1 || !strings.HasPrefix(pp.info.Text, "Nữ, sinh ngày 12/05/1990") {
		t.Errorf("list %d rows (was %d), page %q", len(pp.list.rows), before, pp.info.Text)
	}
	// added while a search is listed, a matching person joins the list
	typeInto(pp.query, "giang")
	test.Tap(pp.addBt)
	typeInto(pp.form.name.entry, "Giàng A Páo")
	test.Tap(pp.form.ok)
	found := false
	for _, x := range pp.list.rows {
		found = found || x.Name == "Giàng A Páo"
	}
	if !found || !strings.Contains(pp.header.Text, "2 cá nhân") {
		t.Errorf("search after adding: %q, rows %d", pp.header.Text, len(pp.list.rows))
	}

	// a person entered through a dossier has no gender yet: shown so, then
	// corrected from the page
	var an tdkt.Person
	db.View(func(tx *store.Tx) error { return tx.Get(fx.an, &an) })
	an.Gender = ""
	if err := sh.e.update(func(tx *store.Tx) error { return tx.Put(&an) }); err != nil {
		t.Fatal(err)
	}
	pp.open(fx.an)
	if !strings.HasPrefix(pp.info.Text, "(chưa ghi giới tính)") {
		t.Errorf("no gender shown as %q", pp.info.Text)
	}
	test.Tap(pp.editBt)
	f = pp.form
	if f.name.text() != "Nguyễn Văn An" {
		t.Fatalf("edit form for %q", f.name.text())
	}
	f.gender.set(tdkt.Male)
	typeInto(f.position.entry, "Tổ trưởng chuyên môn")
	test.Tap(f.ok)
	db.View(func(tx *store.Tx) error { return tx.Get(fx.an, &an) })
	if an.Gender != tdkt.Male || an.Position != "Tổ trưởng chuyên môn" || an.Category != tdkt.CatOfficer {
		t.Errorf("corrected %+v", an)
	}
	if !strings.HasPrefix(pp.info.Text, "Nam") {
		t.Errorf("page after correcting: %q", pp.info.Text)
	}
	// deleting: refused for a person the register names, done for one
	// entered by mistake
	test.Tap(pp.delBt)
	test.Tap(sh.e.confirmOK)
	if pp.msg.Hidden || !strings.Contains(pp.msg.Text, "dòng trong sổ khen thưởng") {
		t.Errorf("deleting a person with awards: %q", pp.msg.Text)
	}
	pp.open(mai.ID)
	rows := len(pp.list.rows)
	test.Tap(pp.delBt)
	test.Tap(sh.e.confirmOK)
	live := true
	db.View(func(tx *store.Tx) error { live = tx.Has(tdkt.KindPerson, mai.ID); return nil })
	if live || pp.person != nil || len(pp.list.rows) != rows-1 {
		t.Errorf("after deleting: live %v, %d rows (was %d)", live, len(pp.list.rows), rows)
	}
}

// TestLeaveDossierAsks: going back to the list from a dossier changed
// since it was opened or saved asks first; untouched, or saved, it does
// not.
func TestLeaveDossierAsks(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, _ := openShell(t, fx.path)
	sh.show(navDossiers)
	s := sh.dossiers
	s.wait()
	listShown := func() bool { return len(s.stack.Objects) == 1 && s.stack.Objects[0] == s.listView }

	// a new dossier, untouched: back at once
	test.Tap(s.addBt)
	s.wait()
	test.Tap(s.editor.backBt)
	if !listShown() || len(sh.e.dialogs) != 0 {
		t.Fatalf("untouched new dossier: list %v, %d dialogs", listShown(), len(sh.e.dialogs))
	}
	// typed into: asks; Hủy keeps the form and the text
	test.Tap(s.addBt)
	ed := s.editor
	typeInto(ed.title.entry, "Đề nghị tặng Giấy khen")
	test.Tap(ed.backBt)
	if listShown() || len(sh.e.dialogs) != 1 || sh.e.confirmOK == nil {
		t.Fatalf("changed dossier left without asking")
	}
	sh.e.dialogs[0].Hide()
	if listShown() || ed.title.entry.Text != "Đề nghị tặng Giấy khen" {
		t.Fatal("cancelling lost the form")
	}
	// saved: back at once
	typeInto(ed.year.entry, "2026")
	ed.unit.choose(fx.school)
	test.Tap(ed.addP)
	typeInto(ed.cand.name.entry, "Giàng A Páo")
	ed.cand.award.set("GK")
	test.Tap(ed.cand.ok)
	test.Tap(ed.saveBt)
	if !ed.msg.Hidden {
		t.Fatalf("not saved: %q", ed.msg.Text)
	}
	s.wait()
	test.Tap(ed.backBt)
	if !listShown() {
		t.Fatalf("saved dossier: asked anyway (%d dialogs)", len(sh.e.dialogs))
	}
	// reopened and left alone after its checks ran: back at once; a
	// checklist box ticked: asks, and Đồng ý leaves
	s.openID(ed.d.ID)
	s.wait()
	test.Tap(s.editor.backBt)
	if !listShown() {
		t.Fatal("reopened dossier: asked though nothing changed")
	}
	s.openID(ed.d.ID)
	s.wait()
	s.editor.d.Docs[0].Present = !s.editor.d.Docs[0].Present
	test.Tap(s.editor.backBt)
	if listShown() {
		t.Fatal("a changed checklist left without asking")
	}
	test.Tap(sh.e.confirmOK)
	if !listShown() {
		t.Fatal("Đồng ý did not leave")
	}
}

// TestRecordExternalAward: an award another authority decided is written
// into the register from its screen, numbered and shown; without a
// recipient it is refused and nothing is written.
func TestRecordExternalAward(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navRegister)
	r := sh.register
	r.wait()
	test.Tap(r.recordBt)
	f := r.record
	if f == nil {
		t.Fatal("no form")
	}
	f.award.set("BKTTG")
	typeInto(f.year.entry, "2025")
	typeInto(f.number.entry, "88/QĐ-TTg")
	typeInto(f.date.entry, "15/06/2026")
	typeInto(f.signer.entry, "Thủ tướng Chính phủ")
	bonus, _ := sh.e.cat.Bonus("BKTTG", tdkt.SubjectPerson, tdkt.D(2026, 6, 15))
	if f.bonus.entry.Text != tdkt.Money(bonus) {
		t.Errorf("bonus suggested %q, catalogue %d", f.bonus.entry.Text, bonus)
	}
	test.Tap(f.ok)
	if f.msg.Hidden || !strings.Contains(f.msg.Text, "chưa chọn cá nhân") {
		t.Fatalf("no recipient: %q", f.msg.Text)
	}
	typeInto(f.search, "nguyen van an")
	if len(f.found) == 0 {
		t.Fatal("search found nobody")
	}
	f.results.Select(0)
	test.Tap(f.ok)
	if !f.msg.Hidden {
		t.Fatalf("refused: %q", f.msg.Text)
	}
	r.wait()
	var line *tdkt.Award
	for _, row := range r.all {
		if row.a.DecisionNo == "88/QĐ-TTg" {
			line = row.a
		}
	}
	if line == nil || r.year.Selected != "2025" || line.PersonID != fx.an || line.Bonus != bonus || line.Number == "" ||
		line.Position != "Giáo viên – Trường Tiểu học Tân Phúc" {
		t.Fatalf("register line %+v (year shown %s)", line, r.year.Selected)
	}
	var hist []tdkt.Past
	db.View(func(tx *store.Tx) (err error) { hist, err = tx.History(fx.an, false); return })
	found := false
	for _, h := range hist {
		found = found || h.Code == "BKTTG"
	}
	if !found {
		t.Error("the recorded award is not in the person's history")
	}

	// revoked: the line stays, marked, and leaves the history
	for i, row := range r.table.rows {
		if row.a.ID == line.ID {
			r.table.selectRow(i)
		}
	}
	if r.sel == nil || r.sel.ID != line.ID || r.revokeBt.Disabled() {
		t.Fatal("line not chosen for revoking")
	}
	// a filter that hides the chosen line unchooses it
	typeInto(r.query, "khong ai co ten nay")
	if r.sel != nil || !r.revokeBt.Disabled() {
		t.Fatal("a hidden line stays chosen for revoking")
	}
	typeInto(r.query, "")
	for i, row := range r.table.rows {
		if row.a.ID == line.ID {
			r.table.selectRow(i)
		}
	}
	test.Tap(r.revokeBt)
	rf := r.revoke
	typeInto(rf.number.entry, "15/QĐ-TTg")
	typeInto(rf.date.entry, "01/06/2026") // before the award's own decision
	typeInto(rf.reason.entry, "Kê khai không đúng thành tích")
	test.Tap(rf.ok)
	if rf.msg.Hidden || !strings.Contains(rf.msg.Text, "trước ngày quyết định khen thưởng") {
		t.Fatalf("early revocation: %q", rf.msg.Text)
	}
	typeInto(rf.date.entry, "20/11/2026")
	test.Tap(rf.ok)
	r.wait()
	var got tdkt.Award
	db.View(func(tx *store.Tx) error { return tx.Get(line.ID, &got) })
	if !got.Revoked || got.RevokedBy != "Quyết định số 15/QĐ-TTg ngày 20/11/2026: Kê khai không đúng thành tích" {
		t.Fatalf("revoked line %+v", got)
	}
	db.View(func(tx *store.Tx) (err error) { hist, err = tx.History(fx.an, false); return })
	for _, h := range hist {
		if h.Code == "BKTTG" {
			t.Error("a revoked award still counts in the history")
		}
	}
	shown := false
	for _, row := range r.table.rows {
		if row.a.ID == line.ID {
			shown = strings.HasSuffix(r.table.cols[3].Value(row), "(đã hủy bỏ)")
		}
	}
	if !shown || !r.revokeBt.Disabled() {
		t.Errorf("revoked line shown marked %v; revoke still enabled %v", shown, !r.revokeBt.Disabled())
	}
	// a specialist does not write the register: the buttons say so at once
	sh.e.account = &tdkt.User{Login: "cv", Role: tdkt.RoleSpecialist}
	r.refresh()
	r.table.selectRow(0)
	if !r.recordBt.Disabled() || !r.revokeBt.Disabled() {
		t.Errorf("a specialist may press record %v, revoke %v", !r.recordBt.Disabled(), !r.revokeBt.Disabled())
	}
}

// TestLocalOnlyNote: at a commune, the form of a unit the province created
// says that a change stays on this machine (the bundle would not carry
// it); the commune's own units say nothing.
func TestLocalOnlyNote(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, _ := openShell(t, fx.path)
	o := *sh.e.office
	o.Level, o.Code = tdkt.LevelCommune, "T1-X001"
	sh.e.office = &o
	sh.show(navUnits)
	s := sh.units
	s.tree.Select(fx.school)
	test.Tap(s.unitEdit)
	if s.form.note.Hidden || !strings.Contains(s.form.note.Text, "do cơ quan khác tạo (T1)") {
		t.Errorf("province's unit: note %q (hidden %v)", s.form.note.Text, s.form.note.Hidden)
	}
	s.form.dlg.Hide()
	test.Tap(s.unitAdd)
	if !s.form.note.Hidden {
		t.Errorf("a new unit: note %q", s.form.note.Text)
	}
}
