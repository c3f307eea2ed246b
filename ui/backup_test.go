package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	bolt "go.etcd.io/bbolt"

	"tdkt"
	"tdkt/store"
)

// openRoot starts the real window logic (root) over the database at path
// in a test window, with the tests' clock.
func openRoot(t *testing.T, path string, setup func(*root)) *root {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	r := newRoot(w, path)
	r.now = func() time.Time { return clock }
	r.removable = func(string) bool { return false }
	if setup != nil {
		setup(r)
	}
	r.start()
	t.Cleanup(func() {
		if r.shell != nil {
			for _, it := range r.shell.items {
				it.s.wait()
			}
		}
		r.close()
	})
	r.backupTask.wait()
	return r
}

// addUsers gives the database an administrator, a specialist and a viewer.
func addUsers(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update("setup", func(tx *store.Tx) error {
		for _, u := range []struct {
			u  tdkt.User
			pw string
		}{
			{tdkt.User{Login: "quantri", Name: "Quản Trị Viên", Role: tdkt.RoleAdmin}, "mat-khau-qt"},
			{tdkt.User{Login: "cv", Name: "Chuyên Viên Một", Role: tdkt.RoleSpecialist}, "mat-khau-cv"},
			{tdkt.User{Login: "xem", Name: "Người Xem", Role: tdkt.RoleViewer}, "mat-khau-xem"},
		} {
			if err := tx.AddUser(&u.u, u.pw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// logIn types a login into the login screen shown by r.
func logIn(t *testing.T, l *loginScreen, login, pw string) {
	t.Helper()
	typeInto(l.login.entry, login)
	typeInto(l.password.entry, pw)
	test.Tap(l.ok)
	l.busy.wait()
}

func digest(t *testing.T, db *store.DB) string {
	t.Helper()
	_, d, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestAutoBackupAndRestore: the window writes a backup when it opens; a
// restore from it brings back exactly the data of that moment (the same
// stats digest), after keeping a copy of the data it replaces.
func TestAutoBackupAndRestore(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	r := openRoot(t, fx.path, nil)
	files := listBackups(backupDir(fx.path))
	if len(files) != 1 || files[0].Name != "tdkt-20261126-093000.db" || !files[0].Auto || files[0].Size == 0 {
		t.Fatalf("automatic backups %+v", files)
	}
	if !strings.HasPrefix(r.status.Text, "Đã sao lưu tự động lúc 09:30 26/11/2026") {
		t.Errorf("status line %q", r.status.Text)
	}
	before := digest(t, r.db)
	// opened again without a change: the newest backup is the same data
	r.close()
	r = openRoot(t, fx.path, nil)
	if n := len(listBackups(backupDir(fx.path))); n != 1 || r.backup.file != files[0].Path {
		t.Errorf("%d backups after reopening unchanged (%s)", n, r.backup.file)
	}
	// nothing written since: the periodic backup is skipped
	r.autoBackup()
	r.backupTask.wait()
	if n := len(listBackups(backupDir(fx.path))); n != 1 {
		t.Errorf("%d backups after an idle period", n)
	}
	// a change after the backup
	if err := r.shell.e.update(func(tx *store.Tx) error { return tx.Put(&tdkt.Person{Name: "Người Nhập Sau"}) }); err != nil {
		t.Fatal(err)
	}
	if digest(t, r.db) == before {
		t.Fatal("digest unchanged by a write")
	}
	r.shell.show(navSettings)
	s := r.shell.settings
	s.tabs.Select(s.backupTab)
	p := s.backup
	if len(p.list.rows) != 1 || !p.fileBt.Visible() || p.fileBt.Disabled() {
		t.Fatalf("backup list %d rows", len(p.list.rows))
	}
	p.list.selectRow(0)
	test.Tap(p.selBt)
	if r.shell.e.confirmOK == nil {
		t.Fatalf("no confirmation; message %q", p.msg.Text)
	}
	test.Tap(r.shell.e.confirmOK)
	r.restoreTask.wait()
	if r.restoreErr != nil || r.shell == nil {
		t.Fatalf("restore: %v", r.restoreErr)
	}
	if got := digest(t, r.db); got != before {
		t.Errorf("digest after restore %s, at backup time %s", got, before)
	}
	p = r.shell.settings.backup
	if p.info.Hidden || !strings.Contains(p.info.Text, "Đã khôi phục dữ liệu từ") {
		t.Errorf("restore message %q", p.info.Text)
	}
	// the data replaced was kept, and holds the late person
	var safety string
	for _, b := range listBackups(backupDir(fx.path)) {
		if strings.HasPrefix(b.Name, "truoc-khoi-phuc-") {
			safety = b.Path
		}
	}
	if safety == "" {
		t.Fatal("no copy of the replaced data")
	}
	old, err := store.Open(safety, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	old.View(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindPerson, func(rec tdkt.Record) error {
			found = found || rec.(*tdkt.Person).Name == "Người Nhập Sau"
			return nil
		})
	})
	old.Close()
	if !found {
		t.Error("the copy before the restore lacks the late person")
	}

	// after each period of use, a new backup if something was written
	autos := func() (n int) {
		for _, b := range listBackups(backupDir(fx.path)) {
			if b.Auto {
				n++
			}
		}
		return
	}
	n0 := autos()
	r.backupEvery = time.Hour
	r.now = func() time.Time { return clock.Add(2 * time.Hour) }
	r.tick()
	r.backupTask.wait()
	if autos() != n0 {
		t.Error("a periodic backup without a change")
	}
	if err := r.shell.e.update(func(tx *store.Tx) error { return tx.Put(&tdkt.Person{Name: "Người Sau Khôi Phục"}) }); err != nil {
		t.Fatal(err)
	}
	r.tick()
	r.backupTask.wait()
	if autos() != n0 {
		t.Error("a periodic backup before the period")
	}
	r.now = func() time.Time { return clock.Add(4 * time.Hour) }
	r.tick()
	r.backupTask.wait()
	if autos() != n0+1 || !strings.Contains(r.status.Text, "13:30") {
		t.Errorf("no periodic backup after a change: %d, %q", autos(), r.status.Text)
	}
}

// TestRestoreRefusesJunk: a file that is not a backup of this office is
// refused before anything is closed; and if the store refuses it, the
// window reopens the old data unchanged.
func TestRestoreRefusesJunk(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	r := openRoot(t, fx.path, nil)
	before := digest(t, r.db)
	junk := filepath.Join(t.TempDir(), "rac.db")
	b := make([]byte, 64<<10)
	rand.New(rand.NewSource(1)).Read(b)
	if err := os.WriteFile(junk, b, 0o600); err != nil {
		t.Fatal(err)
	}
	r.shell.show(navSettings)
	p := r.shell.settings.backup
	p.askRestore(junk)
	if r.shell.e.confirmOK != nil || p.msg.Hidden || !strings.Contains(p.msg.Text, "không phải bản sao lưu tdkt hoặc đã bị hỏng") ||
		!strings.Contains(p.msg.Text, "Dữ liệu hiện tại giữ nguyên") {
		t.Errorf("junk: %q", p.msg.Text)
	}
	other := filepath.Join(t.TempDir(), "khac.db")
	if err := store.Create(other, "T2", store.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	p.askRestore(other)
	if r.shell.e.confirmOK != nil || !strings.Contains(p.msg.Text, "của cơ quan T2, không phải của cơ quan này (T1)") {
		t.Errorf("another office: %q", p.msg.Text)
	}
	p.askRestore(fx.path)
	if !strings.Contains(p.msg.Text, "tệp dữ liệu đang mở") {
		t.Errorf("the open file: %q", p.msg.Text)
	}
	// below the window's checks, the store verifies the backup again
	r.restore(junk)
	r.restoreTask.wait()
	if r.restoreErr == nil || r.shell == nil {
		t.Fatalf("junk restored: %v", r.restoreErr)
	}
	if digest(t, r.db) != before {
		t.Error("data changed by a refused restore")
	}
	if p := r.shell.settings.backup; !strings.Contains(p.msg.Text, "Chưa khôi phục được") || !strings.Contains(p.msg.Text, "vẫn giữ nguyên") {
		t.Errorf("refusal message %q", p.msg.Text)
	}
}

// TestAttachmentsInStore: a scan added to a dossier is written into the
// database with it, an old file from the attachments folder moves in on
// the next save, a model's photo likewise, and all of them travel in a
// backup and come back with a restore.
func TestAttachmentsInStore(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	r := openRoot(t, fx.path, nil)
	sh := r.shell
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	fillDossier(ed, fx)
	scan := []byte("%PDF-1.4 bản scan tờ trình số 12")
	ed.addAttachment("tờ trình.pdf", scan)
	ed.addAttachment("virus.exe", []byte("MZ\x90\x00 not a scan"))
	if len(ed.d.Attachments) != 1 || len(sh.e.dialogs) != 1 {
		t.Fatalf("%d attachments, %d dialogs", len(ed.d.Attachments), len(sh.e.dialogs))
	}
	sh.e.dialogs[0].Hide()
	// an attachment of an older version, still in the folder
	old := []byte("%PDF-1.3 bản scan cũ")
	oldSum := sha(old)
	os.MkdirAll(legacyAttachmentDir(fx.path), 0o755)
	if err := os.WriteFile(filepath.Join(legacyAttachmentDir(fx.path), oldSum), old, 0o600); err != nil {
		t.Fatal(err)
	}
	ed.d.Attachments = append(ed.d.Attachments, tdkt.Attachment{Name: "cu.pdf", SHA256: oldSum, Size: int64(len(old)), Type: "application/pdf"})
	ed.onSave()
	if !ed.msg.Hidden {
		t.Fatalf("not saved: %s", ed.msg.Text)
	}
	blob := func(db *store.DB, sum string) (b []byte) {
		db.View(func(tx *store.Tx) error { b = tx.Blob(sum); return nil })
		return
	}
	if !bytes.Equal(blob(r.db, sha(scan)), scan) || !bytes.Equal(blob(r.db, oldSum), old) {
		t.Fatal("attachments not in the store")
	}
	if b, err := sh.e.readBlob(ed.pending, sha(scan)); err != nil || !bytes.Equal(b, scan) {
		t.Errorf("read back: %v", err)
	}
	// the photo of an exemplary model
	sh.show(navUnits)
	pp := sh.units.people
	pp.open(fx.an)
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 5)))
	if err := pp.setPhoto("anh.png", img.Bytes()); err != nil {
		t.Fatal(err)
	}
	pp.model.SetChecked(true)
	typeInto(pp.story.entry, "Gương sáng của ngành giáo dục.")
	pp.onSave()
	if !pp.msg.Hidden || !bytes.Equal(blob(r.db, sha(img.Bytes())), img.Bytes()) || pp.image.Hidden {
		t.Fatalf("photo: %q", pp.msg.Text)
	}
	if err := pp.setPhoto("tai-lieu.pdf", scan); err == nil {
		t.Error("a PDF accepted as a photo")
	}
	sh.e.closeDialogs()

	// a backup carries them; a restore brings them back
	sh.show(navSettings)
	stick := t.TempDir()
	sh.settings.backup.backupTo(stick).wait()
	copies, _ := filepath.Glob(filepath.Join(stick, "tdkt-T1-*.db"))
	if len(copies) != 1 {
		t.Fatalf("manual backup: %v; %q", copies, sh.settings.backup.msg.Text)
	}
	cp, err := store.Open(copies[0], store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(blob(cp, sha(scan)), scan) || !bytes.Equal(blob(cp, sha(img.Bytes())), img.Bytes()) {
		t.Error("backup lacks the attachments")
	}
	cp.Close()
	r.restore(copies[0])
	r.restoreTask.wait()
	if r.restoreErr != nil {
		t.Fatal(r.restoreErr)
	}
	if !bytes.Equal(blob(r.db, sha(scan)), scan) || !bytes.Equal(blob(r.db, oldSum), old) {
		t.Error("attachments lost by the restore")
	}
}

// fillDossier fills a new dossier with one new person proposed for a
// Giấy khen.
func fillDossier(ed *dossierEditor, fx fixture) {
	typeInto(ed.title.entry, "Đề nghị tặng Giấy khen năm 2026")
	typeInto(ed.year.entry, "2026")
	ed.unit.choose(fx.school)
	test.Tap(ed.addP)
	cf := ed.cand
	typeInto(cf.name.entry, "Giàng A Páo")
	typeInto(cf.position.entry, "Nông dân")
	cf.category.set(tdkt.CatFarmer)
	cf.award.set("GK")
	test.Tap(cf.ok)
}

// TestOpenFailures: each reason the database does not open gets its own
// sentence and the buttons that help; nothing is written to the file.
func TestOpenFailures(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	// another window holds it
	other, err := store.Open(fx.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := openRoot(t, fx.path, nil)
	if r.shell != nil || r.msg == nil || !strings.Contains(r.msg.Text, "đang được mở ở một cửa sổ tdkt khác") {
		t.Fatalf("locked: %v", r.msg)
	}
	other.Close()
	test.Tap(r.retryBt)
	r.backupTask.wait()
	if r.shell == nil {
		t.Fatalf("retry: %q", r.msg.Text)
	}
	r.close()

	// a damaged file, with an automatic backup beside it
	db := mustOpen(t, fx.path)
	sum := digest(t, db)
	db.Close()
	junk := make([]byte, 32<<10)
	rand.New(rand.NewSource(2)).Read(junk)
	os.WriteFile(fx.path, junk, 0o600)
	r = openRoot(t, fx.path, nil)
	if r.shell != nil || !strings.Contains(r.msg.Text, "không phải cơ sở dữ liệu tdkt hoặc đã bị hỏng") {
		t.Fatalf("damaged: %q", r.msg.Text)
	}
	if b, _ := os.ReadFile(fx.path); !bytes.Equal(b, junk) {
		t.Error("the damaged file was written to")
	}
	newest, ok := newestBackup(backupDir(fx.path))
	if !ok {
		t.Fatal("no backup beside the file")
	}
	aside := fx.path + ".hong"
	r.putBackup(newest.Path, aside)
	r.backupTask.wait()
	if r.shell == nil || digest(t, r.db) != sum {
		t.Fatalf("not restored over the damaged file: %v", r.msg)
	}
	if b, _ := os.ReadFile(aside); !bytes.Equal(b, junk) {
		t.Error("the damaged file was not kept aside")
	}

	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x: %w", store.ErrNewer), "phiên bản tdkt mới hơn"},
		{fmt.Errorf("x: %w", store.ErrReadOnlyMedia), "chỉ cho đọc"},
		{fmt.Errorf("x: %w", store.ErrDiskFull), "đã đầy"},
	} {
		if got := openMessage(fx.path, c.err); !strings.Contains(got, c.want) {
			t.Errorf("%v: %q", c.err, got)
		}
	}
	// a save that fails on the medium also says so in a dialog
	e := r.shell.e
	e.writeFailed(fmt.Errorf("%w (write tdkt.db: no space left on device)", store.ErrDiskFull))
	if len(e.dialogs) != 1 {
		t.Errorf("%d dialogs after a disk-full save", len(e.dialogs))
	}
	e.writeFailed(errors.New("vai trò Chỉ xem không được phép ghi"))
	if len(e.dialogs) != 1 {
		t.Error("a dialog for an ordinary refusal")
	}
}

func mustOpen(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestRemovableBanner: a database on a USB stick is used, with a warning.
func TestRemovableBanner(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	r := openRoot(t, fx.path, func(r *root) { r.removable = func(string) bool { return true } })
	if r.shell == nil || len(r.banners.Objects) != 1 {
		t.Fatalf("banners: %v", r.banners)
	}
	text := labelsText(r.banners)
	if !strings.Contains(text, "Cơ sở dữ liệu đang nằm trên ổ USB/tháo rời") || !strings.Contains(text, "chỉ dùng USB để chép gói đồng bộ và bản sao lưu") {
		t.Errorf("banner %q", text)
	}
}

// labelsText joins the texts of the labels inside o.
func labelsText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text + "\n"
	case *fyne.Container:
		s := ""
		for _, c := range v.Objects {
			s += labelsText(c)
		}
		return s
	}
	return ""
}

// TestCheckAndRepairInWindow: the search index of the file is damaged (a
// block cut short, as a bad sector would) and its text lines gone. The
// search says so and points to Settings; there "Kiểm tra tệp dữ liệu"
// finds only derived damage and offers the repair, which rebuilds it from
// the records: the file checks clean, the search finds again, the records
// are unchanged, and a copy of the file as it was is kept beside it.
func TestCheckAndRepairInWindow(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := digest(t, db)
	db.Close()
	b, err := bolt.Open(fx.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		w := tx.Bucket([]byte("words"))
		k, v := w.Cursor().Seek([]byte("person\x00"))
		if k == nil {
			return errors.New("no person in the search index")
		}
		if err := w.Put(bytes.Clone(k), bytes.Clone(v[:len(v)-3])); err != nil {
			return err
		}
		return tx.DeleteBucket([]byte("text"))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := openRoot(t, fx.path, nil)
	if r.backup.err == nil {
		t.Fatal("a damaged file was backed up")
	}
	e := r.shell.e
	search := func() error {
		return e.db.View(func(tx *store.Tx) error { _, err := tx.SearchKinds("a", 1000, tdkt.KindPerson); return err })
	}
	if err := search(); !errors.Is(err, store.ErrIndexDamaged) || !strings.Contains(err.Error(), "Kiểm tra tệp dữ liệu") {
		t.Fatalf("search over the damaged block: %v", err)
	}
	r.shell.show(navSettings)
	s := r.shell.settings
	s.tabs.Select(s.backupTab)
	p := s.backup
	test.Tap(p.checkBt)
	p.prog.wait()
	if e.confirmOK == nil {
		t.Fatalf("no repair offered; %q %q", p.msg.Text, p.info.Text)
	}
	test.Tap(e.confirmOK)
	p.prog.wait()
	if p.info.Hidden || !strings.Contains(p.info.Text, "kiểm tra lại: không còn lỗi") {
		t.Fatalf("after the repair: info %q, error %q", p.info.Text, p.msg.Text)
	}
	if probs, err := e.db.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the repair: %v %v", err, probs)
	}
	if err := search(); err != nil {
		t.Errorf("search after the repair: %v", err)
	}
	if got := digest(t, e.db); got != before {
		t.Error("the repair changed the records")
	}
	if copies, _ := filepath.Glob(fx.path + ".truoc-sua-*"); len(copies) != 1 {
		t.Errorf("copies before the repair: %v", copies)
	}
	// the automatic backup the damaged file refused is taken now
	r.backupTask.wait()
	if r.backup.err != nil || r.backup.file == "" || strings.Contains(r.status.Text, "Chưa sao lưu") {
		t.Errorf("no backup after the repair: %v, %q", r.backup.err, r.status.Text)
	}
	// a sound file: said so, nothing offered
	test.Tap(p.checkBt)
	p.prog.wait()
	if !strings.Contains(p.info.Text, "không có lỗi") {
		t.Errorf("check of a sound file: %q %q", p.info.Text, p.msg.Text)
	}
}
