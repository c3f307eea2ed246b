package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
)

// TestSettings edits the catalogue (refused until cat.Validate accepts it),
// adds a base salary step and changes the signers; all read back.
func TestSettings(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	sh.show(navSettings)
	s := sh.settings
	s.items.selectRow(catalogIndex(s.cat, "CSTDT"))
	typeInto(s.thresh.entry, "150")
	if got := s.thresh.message(); got != "Tỷ lệ phiếu phải từ 0 đến 100" {
		t.Errorf("threshold message %q", got)
	}
	s.onSaveCatalog()
	if s.catMsg.Hidden {
		t.Fatal("catalogue with 150 % saved")
	}
	// another item is not chosen while this one does not read: the typed
	// value stays to be corrected
	s.items.selectRow(catalogIndex(s.cat, "BKT"))
	if s.code.Text == "" || !strings.HasPrefix(s.code.Text, "CSTDT") || s.thresh.entry.Text != "150" ||
		!strings.Contains(s.catMsg.Text, "Chưa chuyển sang hình thức khác") {
		t.Errorf("switched away from a bad value: %q, threshold %q, message %q", s.code.Text, s.thresh.entry.Text, s.catMsg.Text)
	}
	typeInto(s.thresh.entry, "85")
	// typed and not saved, it survives a visit to another screen
	typeInto(s.roundTo.entry, "50.000")
	typeInto(s.offPlace.entry, "Sơn Lâm mới")
	sh.show(navDossiers)
	sh.show(navSettings)
	if s.thresh.entry.Text != "85" || !strings.HasPrefix(s.code.Text, "CSTDT") || s.roundTo.entry.Text != "50.000" || s.offPlace.entry.Text != "Sơn Lâm mới" {
		t.Fatalf("after another screen: threshold %q on %q, rounding %q, place %q", s.thresh.entry.Text, s.code.Text, s.roundTo.entry.Text, s.offPlace.entry.Text)
	}
	typeInto(s.roundTo.entry, "100.000")
	typeInto(s.offPlace.entry, "Thử Nghiệm")
	typeInto(s.critE[0], "Ba năm liên tục đạt Chiến sĩ thi đua cơ sở (tiêu chuẩn của tỉnh)")
	s.onSaveCatalog()
	if !s.catMsg.Hidden {
		t.Fatalf("not saved: %s", s.catMsg.Text)
	}
	typeInto(s.salFrom.entry, "01/07/2026")
	typeInto(s.salAmt.entry, "2.530.000")
	typeInto(s.salBasis.entry, "Nghị định số 999/2026/NĐ-CP")
	s.salBasis.entry.TypedKey(enter)
	if !s.salMsg.Hidden || s.salaries.cell(0, 1) != "2.530.000 đ" {
		t.Fatalf("salary step: %q %q", s.salMsg.Text, s.salaries.cell(0, 1))
	}
	// a mistyped step is deleted; the last one cannot be
	typeInto(s.salFrom.entry, "01/01/2027")
	typeInto(s.salAmt.entry, "25.300.000")
	typeInto(s.salBasis.entry, "gõ nhầm")
	s.salBasis.entry.TypedKey(enter)
	s.salaries.selectRow(0)
	test.Tap(s.salDel)
	test.Tap(sh.e.confirmOK)
	if !s.salMsg.Hidden || len(s.e.cat.BaseSalary) != len(s.salaries.rows) || s.salaries.cell(0, 1) != "2.530.000 đ" {
		t.Fatalf("after deleting: %q, top %q", s.salMsg.Text, s.salaries.cell(0, 1))
	}
	for len(s.e.cat.BaseSalary) > 1 {
		s.salaries.selectRow(0)
		test.Tap(s.salDel)
		test.Tap(sh.e.confirmOK)
	}
	s.salaries.selectRow(0)
	test.Tap(s.salDel)
	test.Tap(sh.e.confirmOK)
	if s.salMsg.Hidden || len(s.e.cat.BaseSalary) != 1 {
		t.Errorf("the last step deleted: %q, %d left", s.salMsg.Text, len(s.e.cat.BaseSalary))
	}
	typeInto(s.salFrom.entry, "01/07/2026")
	typeInto(s.salAmt.entry, "2.530.000")
	typeInto(s.salBasis.entry, "Nghị định số 999/2026/NĐ-CP")
	s.salBasis.entry.TypedKey(enter)
	if len(s.e.cat.BaseSalary) != 2 {
		t.Fatalf("steps %+v (%q)", s.e.cat.BaseSalary, s.salMsg.Text)
	}
	s.addSignerRow(tdkt.Signer{Name: "Phạm Văn Ba", Title: "phó chủ tịch", Mode: "KT"})
	typeInto(s.offProp.entry, "Trưởng ban Thi đua - Khen thưởng.")
	s.offExec.entry.SetText("Chánh Văn phòng UBND tỉnh,\nTrưởng ban Thi đua - Khen thưởng,")
	s.onSaveOffice()
	if !s.offMsg.Hidden {
		t.Fatalf("office: %s", s.offMsg.Text)
	}
	db.View(func(tx *store.Tx) error {
		c, _ := tx.Catalog()
		it, _ := c.Item("CSTDT")
		if it.Threshold != 85 || it.Criteria[0].Text != "Ba năm liên tục đạt Chiến sĩ thi đua cơ sở (tiêu chuẩn của tỉnh)" {
			t.Errorf("item %v %q", it.Threshold, it.Criteria[0].Text)
		}
		if b, _ := c.Bonus("CSTDT", tdkt.SubjectPerson, tdkt.D(2026, 8, 1)); b != 7_600_000 {
			t.Errorf("bonus after the new salary: %d", b)
		}
		o, _ := tx.OfficeRecord()
		if len(o.Signers) != 3 || o.Signers[2].Title != "PHÓ CHỦ TỊCH" || o.Signers[2].Mode != "KT" {
			t.Errorf("signers %+v", o.Signers)
		}
		if o.Proposer != "Trưởng ban Thi đua - Khen thưởng" || o.Executors != "Chánh Văn phòng UBND tỉnh, Trưởng ban Thi đua - Khen thưởng" {
			t.Errorf("wording %q / %q", o.Proposer, o.Executors)
		}
		return nil
	})
}

// TestClustersAndModels: cluster years are checked with tdkt.ValidateCluster
// and ranked with tdkt.Ranking; a person marked as a model shows in the list.
func TestClustersAndModels(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, db := openShell(t, fx.path)
	var a, b string
	err := sh.e.update(func(tx *store.Tx) error {
		x := &tdkt.Unit{Name: "Xã Tân Phúc", Type: tdkt.UnitCommune}
		y := &tdkt.Unit{Name: "Xã Hòa Bình", Type: tdkt.UnitCommune}
		for _, u := range []*tdkt.Unit{x, y} {
			if err := tx.Put(u); err != nil {
				return err
			}
		}
		a, b = x.ID, y.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sh.e.reload()
	sh.show(navMovements)
	p := sh.movements.clusters
	p.edit(&tdkt.Cluster{Years: []tdkt.ClusterYear{{Year: 2026}}})
	p.cur.Members = []string{fx.school, a, b}
	p.edit(p.cur)
	p.onSave()
	if p.name.message() != "Chưa nhập tên cụm, khối" {
		t.Errorf("name message %q", p.name.message())
	}
	typeInto(p.name.entry, "Cụm thi đua số 1")
	p.year.SetSelected("2026")
	p.leader.set(a)
	p.deputy.set(a)
	p.entries[a].SetText("95,5")
	p.entries[b].SetText("97")
	p.entries[fx.school].SetText("80")
	if !strings.HasPrefix(p.ranking.Text, "1. Xã Hòa Bình: 97 điểm\n2. Xã Tân Phúc: 95,5 điểm – trưởng cụm, khối") {
		t.Errorf("ranking %q", p.ranking.Text)
	}
	p.onSave()
	if p.msg.Hidden || !strings.Contains(p.msg.Text, "trưởng và phó cụm/khối phải là hai đơn vị khác nhau") {
		t.Fatalf("leader = deputy accepted: %q", p.msg.Text)
	}
	p.deputy.set(b)
	p.onSave()
	if !p.msg.Hidden || len(p.all) != 1 {
		t.Fatalf("not saved: %q", p.msg.Text)
	}
	db.View(func(tx *store.Tx) error {
		c := &tdkt.Cluster{}
		tx.Get(p.all[0].ID, c)
		y, _ := c.Year(2026)
		if y.LeaderID != a || y.DeputyID != b || len(y.Scores) != 3 {
			t.Errorf("cluster year %+v", y)
		}
		return nil
	})

	sh.show(navUnits)
	u := sh.units
	u.tree.Select(fx.school)
	u.wait()
	if len(u.people.list.rows) != 2 {
		t.Fatalf("people of the school: %d", len(u.people.list.rows))
	}
	u.people.open(fx.an)
	if u.people.awards.cell(0, 1) != "Chiến sĩ thi đua cơ sở" || len(u.people.awards.rows) != 3 {
		t.Errorf("history %d rows", len(u.people.awards.rows))
	}
	u.people.model.SetChecked(true)
	u.people.onSave()
	if u.people.story.message() != "Cần ghi tóm tắt câu chuyện điển hình" {
		t.Errorf("story message %q", u.people.story.message())
	}
	typeInto(u.people.story.entry, "Nhiều năm bám bản dạy chữ cho học sinh vùng cao.")
	typeInto(u.people.since.entry, "2025")
	u.people.onSave()
	u.tabs.SelectIndex(2)
	u.wait()
	if len(u.models.rows) != 1 || u.models.cell(0, 0) != "Nguyễn Văn An" || u.models.cell(0, 4) != "Nhiều năm bám bản dạy chữ cho học sinh vùng cao." {
		t.Errorf("models %d", len(u.models.rows))
	}
}

// TestCatalogWithoutBases: a catalogue saved before it held the decisions'
// legal grounds takes the shipped ones.
func TestCatalogWithoutBases(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update("test", func(tx *store.Tx) error {
		c, err := tx.Catalog()
		if err != nil {
			return err
		}
		c.Bases = nil
		return tx.Put(c)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	sh, _, _ := openShell(t, fx.path)
	def, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	if len(def.Bases) == 0 || !slices.Equal(sh.e.cat.Bases, def.Bases) {
		t.Errorf("grounds %q, want the shipped %q", sh.e.cat.Bases, def.Bases)
	}
}

func TestBaseLines(t *testing.T) {
	got := baseLines("  Căn cứ Luật A;\n\nCăn cứ Nghi\u0323 định B.\n;\n")
	if want := []string{"Căn cứ Luật A", "Căn cứ Nghị định B"}; !slices.Equal(got, want) {
		t.Errorf("baseLines = %q, want %q", got, want)
	}
}
