package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/assets"
	"tdkt/export/bundle"
	"tdkt/store"
)

// The screenshots (TestMain with TDKT_SCREENSHOTS) show the Đồng bộ screen
// with peers, a conflict and bundles waiting, and the import wizard on an
// old register: both need test-only helpers (a second office, excelize).
func init() {
	screenshotFixtures.sync = screenshotSync
	screenshotFixtures.workbook = screenshotWorkbook
}

// createOffice creates an office database as "tdkt office init" does: the
// office record, the default catalogue and, with key, the key pair.
func createOffice(dir, code, name string, lvl tdkt.Level, key bool) (string, error) {
	path := filepath.Join(dir, code+".db")
	parent := ""
	if lvl == tdkt.LevelCommune {
		parent, _, _ = strings.Cut(code, "-")
	}
	err := store.Create(path, code, store.Options{Now: func() time.Time { return clock }}, func(db *store.DB) error {
		err := db.Update("setup", func(tx *store.Tx) error {
			off := &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: code, Name: name, Level: lvl, ParentCode: parent,
				IssuingBody: tdkt.UpperVN("Ủy ban nhân dân " + name), Symbol: "QĐ-UBND", Place: "Sơn Lâm",
				Signers: []tdkt.Signer{{Name: "Hoàng Văn Ký", Title: "CHỦ TỊCH", Mode: "TM"}}}
			if err := tx.Put(off); err != nil {
				return err
			}
			cat, err := tdkt.ParseCatalog(assets.Catalog)
			if err != nil {
				return err
			}
			cat.ID = "catalog"
			return tx.PutSeed(cat)
		})
		if err != nil || !key {
			return err
		}
		var off *tdkt.Office
		db.View(func(tx *store.Tx) (err error) { off, err = tx.OfficeRecord(); return })
		_, err = newIdentity(db, "setup", off)
		return err
	})
	return path, err
}

// screenshotSync gives the open province database (the demo) a key pair
// and three communes: Nậm Xé sent a dossier that both sides then edited
// (its second bundle, which makes the conflict, waits on the stick), Tả
// Phìn sent a bundle not yet imported, and Bản Mế's key was revoked.
func screenshotSync(prov *store.DB, stick string) error {
	dir, err := os.MkdirTemp("", "tdkt-communes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var off *tdkt.Office
	if err := prov.View(func(tx *store.Tx) (err error) { off, err = tx.OfficeRecord(); return }); err != nil {
		return err
	}
	provID, err := loadIdentity(prov)
	if err != nil {
		return err
	}
	if provID == nil {
		if provID, err = newIdentity(prov, "setup", off); err != nil {
			return err
		}
	}
	type commune struct {
		code, name string
		db         *store.DB
		id         *bundle.Identity
	}
	var cs []*commune
	for i, name := range []string{"Xã Nậm Xé", "Xã Tả Phìn", "Xã Bản Mế"} {
		c := &commune{code: fmt.Sprintf("%s-X%03d", off.Code, i+1), name: name}
		path, err := createOffice(dir, c.code, c.name, tdkt.LevelCommune, true)
		if err != nil {
			return err
		}
		if c.db, err = store.Open(path, store.Options{}); err != nil {
			return err
		}
		defer c.db.Close()
		if c.id, err = loadIdentity(c.db); err != nil {
			return err
		}
		if err := trustKey(prov, "setup", c.id.Key); err != nil {
			return err
		}
		if err := trustKey(c.db, "setup", provID.Key); err != nil {
			return err
		}
		cs = append(cs, c)
	}
	dossier := func(c *commune, title, person string) (string, error) {
		var id string
		err := c.db.Update("canbo", func(tx *store.Tx) error {
			u := &tdkt.Unit{Name: "Trường Tiểu học " + strings.TrimPrefix(c.name, "Xã "), Type: tdkt.UnitSchool}
			if err := tx.Put(u); err != nil {
				return err
			}
			d := &tdkt.Dossier{Title: title, Year: 2025, UnitID: u.ID, Method: tdkt.MethodRegular, Status: tdkt.StatusReceived,
				Received: tdkt.D(2025, 12, 2), Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, Name: person, AwardCode: "LDTT"}}}
			err := tx.Put(d)
			id = d.ID
			return err
		})
		return id, err
	}
	retitle := func(db *store.DB, by, id, title string) error {
		return db.Update(by, func(tx *store.Tx) error {
			d := &tdkt.Dossier{}
			if err := tx.Get(id, d); err != nil {
				return err
			}
			d.Title = title
			return tx.Put(d)
		})
	}
	namXe := cs[0]
	id, err := dossier(namXe, "Đề nghị khen thưởng năm 2025 của xã Nậm Xé", "Giàng A Páo")
	if err != nil {
		return err
	}
	sent, err := writeBundle(namXe.db, "canbo", namXe.id, off.Code, stick, "", false, nil)
	if err != nil {
		return err
	}
	if _, err := importBundle(prov, "setup", provID, sent.path, "", nil); err != nil {
		return err
	}
	if err := retitle(prov, "chuyenvien.tinh", id, "Đề nghị khen thưởng năm 2025 của xã Nậm Xé (tỉnh bổ sung số tờ trình)"); err != nil {
		return err
	}
	if err := retitle(namXe.db, "canbo.xa", id, "Đề nghị khen thưởng năm 2025 của xã Nậm Xé (xã sửa tên)"); err != nil {
		return err
	}
	if _, err := writeBundle(namXe.db, "canbo", namXe.id, off.Code, stick, "", false, nil); err != nil {
		return err
	}
	if _, err := dossier(cs[1], "Đề nghị khen thưởng năm 2025 của xã Tả Phìn", "Lò Văn Sáng"); err != nil {
		return err
	}
	if _, err := writeBundle(cs[1].db, "canbo", cs[1].id, off.Code, stick, "", false, nil); err != nil {
		return err
	}
	return revokePeer(prov, "setup", cs[2].code)
}

// screenshotWorkbook writes an old register with one line the catalogue
// does not know.
func screenshotWorkbook(dir string) (string, error) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sổ khen thưởng 2024"
	f.SetSheetName("Sheet1", sh)
	f.SetCellValue(sh, "A1", "ỦY BAN NHÂN DÂN XÃ NẬM XÉ")
	f.SetCellValue(sh, "A2", "SỔ THEO DÕI KHEN THƯỞNG NĂM 2024")
	f.MergeCell(sh, "A2", "I2")
	rows := [][]any{
		{"STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Khen gì", "Năm", "Số, ngày quyết định", "Tiền thưởng", "Ghi chú"},
	}
	people := []struct {
		name, pos, award string
		born             int
	}{
		{"Giàng A Páo", "Trưởng thôn Nậm Xé", "Lao động tiên tiến", 1979},
		{"Lò Thị Mai", "Giáo viên, Trường Tiểu học Nậm Xé", "Chiến sĩ thi đua cơ sở", 1986},
		{"Vàng A Chứ", "Công an viên xã Nậm Xé", "Lao động tiên tiến", 1990},
		{"Sùng Thị Dợ", "Y sĩ, Trạm Y tế xã Nậm Xé", "Lao động tiên tiến", 1988},
		{"Hầu A Lềnh", "Bí thư Đoàn xã Nậm Xé", "Giấy khen của Chủ tịch UBND huyện", 1995},
		{"Thào Thị Mỷ", "Giáo viên, Trường Mầm non Nậm Xé", "Chiến sĩ thi đua cơ sở", 1984},
		{"Lý A Sử", "Chủ nhiệm HTX Nậm Xé", "Lao động tiên tiến", 1981},
	}
	for i, p := range people {
		rows = append(rows, []any{i + 1, p.name, p.born, p.pos, p.award, 2024, "Số 12/QĐ-UBND ngày 15/01/2025", "", ""})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+4)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			return "", err
		}
	}
	path := filepath.Join(dir, "So-khen-thuong-xa-Nam-Xe-2024.xlsx")
	return path, f.SaveAs(path)
}
