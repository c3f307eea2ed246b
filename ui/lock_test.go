package ui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestInactivityLock: the window locks after the timeout without activity,
// over everything; the same user's password brings back the half-typed
// form; activity postpones the lock; another user's login switches user.
func TestInactivityLock(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	addUsers(t, fx.path)
	r := openRoot(t, fx.path, func(r *root) { r.idle.timeout = 200 * time.Millisecond })
	r.now = time.Now // the lock measures real time
	logIn(t, r.login, "cv", "mat-khau-cv")
	sh := r.shell
	if sh == nil {
		t.Fatal("not logged in")
	}
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	half := "Đề nghị tặng Giấy khen cho tập thể lớp 5A (đang nhập dở"
	typeInto(ed.title.entry, half)
	r.checkIdle()
	if r.lock != nil {
		t.Fatal("locked at once")
	}
	time.Sleep(250 * time.Millisecond)
	r.checkIdle()
	if r.lock == nil {
		t.Fatal("not locked after the timeout")
	}
	c := r.win.Canvas()
	if c.Overlays().Top() != r.lock.overlay || r.lock.overlay.Size() != c.Size() {
		t.Errorf("the lock does not cover the window: %v of %v", r.lock.overlay.Size(), c.Size())
	}
	if l := r.lock.login; l.login.entry.Text != "cv" || !strings.Contains(l.intro.Text, "Chuyên Viên Một") {
		t.Errorf("lock screen %q %q", l.login.entry.Text, l.intro.Text)
	}
	// Esc on the canvas does not reach what lies under the lock
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	// a wrong password keeps it locked
	l := r.lock.login
	logIn(t, l, "cv", "sai-mat-khau")
	if r.lock == nil || l.msg.Hidden {
		t.Fatal("unlocked with a wrong password")
	}
	logIn(t, l, "cv", "mat-khau-cv")
	if r.lock != nil || r.shell != sh {
		t.Fatal("not back to the same window")
	}
	if ed.title.entry.Text != half || sh.dossiers.stack.Objects[0] != ed.view {
		t.Errorf("form after unlocking: %q", ed.title.entry.Text)
	}
	test.Type(ed.title.entry, ")")
	if ed.title.entry.Text != half+")" {
		t.Errorf("typing after unlocking: %q", ed.title.entry.Text)
	}

	// typing in a field postpones the lock
	c.Focus(ed.ref.entry)
	r.checkIdle()
	time.Sleep(150 * time.Millisecond)
	test.Type(ed.ref.entry, "15/TTr")
	time.Sleep(100 * time.Millisecond)
	r.checkIdle()
	if r.lock != nil {
		t.Fatal("locked while typing")
	}
	// activity postpones the lock: a key with nothing focused
	c.Unfocus()
	r.checkIdle()
	time.Sleep(150 * time.Millisecond)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	time.Sleep(100 * time.Millisecond)
	r.checkIdle()
	if r.lock != nil {
		t.Fatal("locked despite a key")
	}
	// the mouse over the window's empty space
	time.Sleep(150 * time.Millisecond)
	test.MoveMouse(c, fyne.NewPos(1270, 790))
	time.Sleep(100 * time.Millisecond)
	r.checkIdle()
	if r.lock != nil {
		t.Fatal("locked despite the mouse")
	}
	time.Sleep(250 * time.Millisecond)
	r.checkIdle()
	if r.lock == nil {
		t.Fatal("not locked again")
	}
	// another user: the window switches to that account
	logIn(t, r.lock.login, "quantri", "mat-khau-qt")
	if r.lock != nil || r.shell == sh || r.shell.e.user != "quantri" || r.shell.e.account.Role != tdkt.RoleAdmin {
		t.Fatalf("not switched: %v", r.shell.e.user)
	}
	if len(c.Overlays().List()) != 0 {
		t.Errorf("%d overlays left", len(c.Overlays().List()))
	}
}

// TestUserAdmin: the first administrator is made from Cài đặt, then an
// account that can log in, disabled, enabled, given a new password; the
// logged-in user changes their own password.
func TestUserAdmin(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	r := openRoot(t, fx.path, nil)
	r.shell.show(navSettings)
	s := r.shell.settings
	s.tabs.Select(s.usersTab)
	p := s.users
	if p.addHdr.Text != "Tạo tài khoản Quản trị đầu tiên" || !p.role.sel.Disabled() || p.admin.Hidden {
		t.Fatalf("first-account mode: %q", p.addHdr.Text)
	}
	typeInto(p.login.entry, "Quan Tri")
	typeInto(p.name.entry, "Quản Trị Viên")
	typeInto(p.pw1.entry, "mat-khau-qt")
	typeInto(p.pw2.entry, "mat-khau-khac")
	test.Tap(p.addBt)
	if p.login.message() == "" || p.pw2.message() != "Hai lần nhập mật khẩu không giống nhau" || r.db.HasUsers() {
		t.Fatalf("messages %q %q", p.login.message(), p.pw2.message())
	}
	typeInto(p.login.entry, "quantri")
	typeInto(p.pw2.entry, "mat-khau-qt")
	test.Tap(p.addBt)
	e := r.shell.e
	if !p.msg.Hidden || e.account == nil || e.user != "quantri" || !r.db.HasUsers() {
		t.Fatalf("first admin: %q", p.msg.Text)
	}
	// an account that can log in
	typeInto(p.login.entry, "cv")
	typeInto(p.name.entry, "Chuyên Viên Một")
	p.role.set(tdkt.RoleSpecialist)
	typeInto(p.pw1.entry, "mat-khau-cv")
	typeInto(p.pw2.entry, "mat-khau-cv")
	p.pw2.entry.TypedKey(enter)
	if !p.msg.Hidden || len(p.list.rows) != 2 {
		t.Fatalf("add: %q", p.msg.Text)
	}
	if u, err := r.db.Login("cv", "mat-khau-cv"); err != nil || u.Role != tdkt.RoleSpecialist || u.Name != "Chuyên Viên Một" {
		t.Fatalf("login of the new account: %v", err)
	}
	// disable and enable
	p.list.selectRow(0) // cv
	test.Tap(p.toggle)
	if _, err := r.db.Login("cv", "mat-khau-cv"); err == nil || !strings.Contains(err.Error(), "đã bị khóa") || p.list.cell(0, 3) != "Đã khóa" {
		t.Fatalf("disabled account logged in: %v", err)
	}
	p.list.selectRow(0)
	test.Tap(p.toggle)
	if _, err := r.db.Login("cv", "mat-khau-cv"); err != nil {
		t.Fatalf("enabled: %v", err)
	}
	// a specialist made a leader, with a corrected name; the logged-in
	// administrator keeps the role
	p.list.selectRow(0) // cv
	test.Tap(p.edit)
	ef := p.editForm
	typeInto(ef.name.entry, "Chuyên Viên Một Đã Sửa")
	ef.role.set(tdkt.RoleLeader)
	test.Tap(ef.ok)
	if u, err := r.db.Login("cv", "mat-khau-cv"); err != nil || u.Role != tdkt.RoleLeader || u.Name != "Chuyên Viên Một Đã Sửa" || !strings.Contains(p.info.Text, "Lãnh đạo") {
		t.Fatalf("edited account: %+v %v (%q)", u, err, p.info.Text)
	}
	p.list.selectRow(1) // quantri
	test.Tap(p.edit)
	ef = p.editForm
	ef.role.set(tdkt.RoleSpecialist)
	test.Tap(ef.ok)
	if !strings.Contains(ef.msg.Text, "không tự bỏ vai trò Quản trị") {
		t.Errorf("self-demotion: %q", ef.msg.Text)
	}
	if u, _ := r.db.Login("quantri", "mat-khau-qt"); u == nil || u.Role != tdkt.RoleAdmin {
		t.Fatalf("the administrator demoted: %+v", u)
	}
	// nobody disables themselves
	p.list.selectRow(1) // quantri
	test.Tap(p.toggle)
	if p.msg.Hidden || !strings.Contains(p.msg.Text, "đang đăng nhập") {
		t.Errorf("self-disable: %q", p.msg.Text)
	}
	// a new password set by the administrator
	p.list.selectRow(0)
	test.Tap(p.reset)
	f := p.pwForm
	typeInto(f.pw1.entry, "mat-khau-moi")
	typeInto(f.pw2.entry, "mat-khau-moi")
	test.Tap(f.ok)
	if p.pwForm != nil {
		t.Fatalf("reset dialog still open: %q", f.msg.Text)
	}
	if _, err := r.db.Login("cv", "mat-khau-moi"); err != nil {
		t.Errorf("reset password: %v", err)
	}
	// the administrator's own password
	test.Tap(p.pwBt)
	f = p.pwForm
	typeInto(f.cur.entry, "sai")
	typeInto(f.pw1.entry, "mat-khau-qt-2")
	typeInto(f.pw2.entry, "mat-khau-qt-2")
	test.Tap(f.ok)
	if p.pwForm == nil || f.msg.Text != "Mật khẩu hiện tại không đúng." {
		t.Fatalf("wrong current password: %q", f.msg.Text)
	}
	typeInto(f.cur.entry, "mat-khau-qt")
	test.Tap(f.ok)
	if _, err := r.db.Login("quantri", "mat-khau-qt-2"); err != nil || p.pwForm != nil {
		t.Errorf("own password: %v", err)
	}
	// the audit log names who did it
	r.db.View(func(tx *store.Tx) error {
		u, _ := tx.UserByLogin("cv")
		entries, _ := tx.Audit(tdkt.KindUser, u.ID)
		for _, en := range entries {
			if en.By != "quantri" {
				t.Errorf("user change by %q", en.By)
			}
		}
		return nil
	})
}

// TestViewerCannotSave: a viewer may open the forms, but the store refuses
// their saves and the window says so; nothing is written. The viewer sees
// neither the accounts nor the restore.
func TestViewerCannotSave(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	addUsers(t, fx.path)
	r := openRoot(t, fx.path, nil)
	logIn(t, r.login, "xem", "mat-khau-xem")
	sh := r.shell
	sh.show(navDossiers)
	sh.dossiers.wait()
	test.Tap(sh.dossiers.addBt)
	ed := sh.dossiers.editor
	fillDossier(ed, fx)
	ed.addAttachment("to-trinh.pdf", []byte("%PDF-1.4 bản scan"))
	test.Tap(ed.saveBt)
	if ed.msg.Hidden || !strings.Contains(ed.msg.Text, "không được phép") {
		t.Errorf("viewer saved: %q", ed.msg.Text)
	}
	n, blob := 0, []byte(nil)
	r.db.View(func(tx *store.Tx) error {
		n = tx.Count(tdkt.KindDossier)
		blob = tx.Blob(sha([]byte("%PDF-1.4 bản scan")))
		return nil
	})
	if n != 0 || blob != nil {
		t.Errorf("%d dossiers, attachment %v written by a viewer", n, blob != nil)
	}
	sh.show(navSettings)
	s := sh.settings
	if !s.users.admin.Hidden || !s.backup.fileBt.Disabled() || s.backup.adminNote.Hidden {
		t.Error("viewer offered accounts or restore")
	}
	s.backup.askRestore(filepath.Join(t.TempDir(), "x.db"))
	if !strings.Contains(s.backup.msg.Text, "Chỉ tài khoản Quản trị") {
		t.Errorf("viewer restore: %q", s.backup.msg.Text)
	}
}

// TestHistoryDialog: the audit entries of a record, newest first, with who
// did what; a dossier's adds its status changes and their reasons.
func TestHistoryDialog(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	addUsers(t, fx.path)
	db, err := store.Open(fx.path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	p := &tdkt.Person{Name: "Hà Thị Lịch Sử", UnitID: fx.school, Category: tdkt.CatOfficer}
	d := &tdkt.Dossier{Title: "Đề nghị tặng Giấy khen", UnitID: fx.school, Year: 2026, Method: tdkt.MethodRegular,
		Received: tdkt.D(2026, 11, 2), Status: tdkt.StatusReceived,
		History: []tdkt.StatusChange{{At: clock, By: "cv", To: tdkt.StatusReceived}}}
	steps := []struct {
		by string
		fn func(tx *store.Tx) error
	}{
		{"cv", func(tx *store.Tx) error { return tx.Put(p) }},
		{"cv", func(tx *store.Tx) error { return tx.Put(d) }},
		{"quantri", func(tx *store.Tx) error { p.Position = "Kế toán"; return tx.Put(p) }},
		{"quantri", func(tx *store.Tx) error {
			if err := d.Move(tdkt.StatusReturned, "Thiếu báo cáo thành tích", "quantri", clock.Add(time.Hour)); err != nil {
				return err
			}
			return tx.Put(d)
		}},
		{"quantri", func(tx *store.Tx) error { return tx.Delete(tdkt.KindPerson, p.ID) }},
	}
	for _, s := range steps {
		if err := db.Update(s.by, s.fn); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	sh, _, _ := openShell(t, fx.path)
	v := sh.e.historyDialog(tdkt.KindPerson, p.ID)
	want := [][3]string{
		{"Quản Trị Viên (quantri)", "xóa", "3"},
		{"Quản Trị Viên (quantri)", "sửa", "2"},
		{"Chuyên Viên Một (cv)", "tạo", "1"},
	}
	if len(v.entries.rows) != len(want) {
		t.Fatalf("%d entries", len(v.entries.rows))
	}
	stamp := regexp.MustCompile(`^\d\d/\d\d/\d{4} \d\d:\d\d$`)
	for i, w := range want {
		if got := [3]string{v.entries.cell(i, 1), v.entries.cell(i, 2), v.entries.cell(i, 3)}; got != w || !stamp.MatchString(v.entries.cell(i, 0)) {
			t.Errorf("entry %d: %q %q", i, got, v.entries.cell(i, 0))
		}
	}
	sh.e.closeDialogs()
	// from the dossier's page
	sh.show(navDossiers)
	sh.dossiers.wait()
	sh.dossiers.openID(d.ID)
	ed := sh.dossiers.editor
	test.Tap(ed.histBt)
	if len(sh.e.dialogs) != 1 {
		t.Fatalf("%d dialogs", len(sh.e.dialogs))
	}
	v = sh.e.historyDialog(tdkt.KindDossier, d.ID)
	if len(v.entries.rows) != 2 || v.entries.cell(0, 2) != "sửa" || v.entries.cell(1, 1) != "Chuyên Viên Một (cv)" {
		t.Errorf("dossier entries %q %q", v.entries.cell(0, 2), v.entries.cell(1, 1))
	}
	if v.status == nil || len(v.status.rows) != 2 || v.status.cell(0, 2) != tdkt.StatusLabel(tdkt.StatusReturned) || v.status.cell(0, 3) != "Thiếu báo cáo thành tích" {
		t.Errorf("status history %d rows", len(v.status.rows))
	}
	// from a person's page
	sh.e.closeDialogs()
	sh.show(navUnits)
	sh.units.people.open(fx.an)
	test.Tap(sh.units.people.histBt)
	if len(sh.e.dialogs) != 1 {
		t.Errorf("person history: %d dialogs", len(sh.e.dialogs))
	}
}

// TestFirstRunAdmin: a new office is offered its administrator account,
// and the window then works as that account.
func TestFirstRunAdmin(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "tdkt.db")
	r := openRoot(t, path, nil)
	s := r.setup
	if s == nil {
		t.Fatal("no setup screen")
	}
	typeInto(s.code.entry, "T9")
	typeInto(s.name.entry, "Phòng Thi đua, Khen thưởng tỉnh Chín")
	typeInto(s.issuing.entry, "Ủy ban nhân dân tỉnh Chín")
	typeInto(s.place.entry, "Chín")
	typeInto(s.sign1.entry, "Nguyễn Văn Ký")
	test.Tap(s.createBt)
	s.busy.wait()
	a := r.admin
	if a == nil {
		t.Fatalf("no administrator step: %q", s.msg.Text)
	}
	typeInto(a.name.entry, "Trần Quản Trị")
	typeInto(a.pw1.entry, "mat-khau-dai")
	typeInto(a.pw2.entry, "mat-khau-dai")
	test.Tap(a.create)
	if r.shell == nil || r.shell.e.account == nil || r.shell.e.user != "quantri" || !r.db.HasUsers() {
		t.Fatalf("not in as the administrator: %q", a.msg.Text)
	}
	r.backupTask.wait()
	if len(listBackups(backupDir(path))) != 1 {
		t.Error("no backup after the first run")
	}
}
