package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tdkt"
	"tdkt/store"
)

// TestLogin: a database with accounts asks for one, and the window then
// writes as that account (the store applies its role).
func TestLogin(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	db, err := store.Open(fx.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update("setup", func(tx *store.Tx) error {
		if err := tx.AddUser(&tdkt.User{Login: "quantri", Name: "Quản Trị Viên", Role: tdkt.RoleAdmin}, "mat-khau-dai"); err != nil {
			return err
		}
		return tx.AddUser(&tdkt.User{Login: "xem", Name: "Người Xem", Role: tdkt.RoleViewer}, "mat-khau-xem")
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	r := newRoot(w, fx.path)
	r.start()
	defer r.close()
	if r.login == nil || r.shell != nil {
		t.Fatal("no login screen")
	}
	l := r.login
	typeInto(l.login.entry, "quantri")
	typeInto(l.password.entry, "sai")
	test.Tap(l.ok)
	l.busy.wait()
	if r.shell != nil || l.msg.Text != "Sai tên đăng nhập hoặc mật khẩu." {
		t.Fatalf("wrong password: %q", l.msg.Text)
	}
	typeInto(l.login.entry, "xem")
	typeInto(l.password.entry, "mat-khau-xem")
	test.Tap(l.ok)
	l.busy.wait()
	if r.shell == nil || r.shell.e.user != "xem" {
		t.Fatal("not logged in")
	}
	// a viewer may look but not write: the store says so, the form shows it
	sh := r.shell
	sh.show(navMovements)
	sh.movements.edit(&tdkt.Movement{Level: tdkt.LevelProvince})
	typeInto(sh.movements.name.entry, "Phong trào thử")
	typeInto(sh.movements.start.entry, "01/01/2026")
	sh.movements.onSave()
	if sh.movements.msg.Hidden || !strings.Contains(sh.movements.msg.Text, "không được phép") {
		t.Errorf("viewer wrote: %q", sh.movements.msg.Text)
	}
	for _, it := range sh.items {
		it.s.wait()
	}
}
