package store_test

import (
	"errors"
	"strings"
	"testing"

	"tdkt"
	"tdkt/store"
)

func TestRolesAreEnforcedBelowTheWindow(t *testing.T) {
	db, _ := newDB(t)
	// before any account exists the set-up may write; the first must be admin
	err := db.Update("setup", func(tx *store.Tx) error {
		return tx.AddUser(&tdkt.User{Login: "cv", Name: "Chuyên viên", Role: tdkt.RoleSpecialist}, "matkhau123")
	})
	if err == nil || !strings.Contains(err.Error(), "Quản trị") {
		t.Fatalf("first account as specialist: %v", err)
	}
	if err := db.Update("setup", func(tx *store.Tx) error {
		return tx.AddUser(&tdkt.User{Login: "admin", Name: "Quản trị viên", Role: tdkt.RoleAdmin}, "matkhau123")
	}); err != nil {
		t.Fatal(err)
	}
	add := func(by, login string, role tdkt.Role) error {
		return db.Update(by, func(tx *store.Tx) error {
			return tx.AddUser(&tdkt.User{Login: login, Name: "Người " + login, Role: role}, "matkhau123")
		})
	}
	for _, u := range []struct {
		login string
		role  tdkt.Role
	}{{"cv", tdkt.RoleSpecialist}, {"ld", tdkt.RoleLeader}, {"xem", tdkt.RoleViewer}} {
		if err := add("admin", u.login, u.role); err != nil {
			t.Fatal(err)
		}
	}
	if err := add("cv", "cv2", tdkt.RoleSpecialist); err == nil {
		t.Fatal("a specialist created an account")
	}
	if err := add("admin", "cv", tdkt.RoleViewer); err == nil {
		t.Fatal("duplicate login accepted")
	}
	write := func(by string, r tdkt.Record) error {
		return db.Update(by, func(tx *store.Tx) error { return tx.Put(r) })
	}
	if err := write("ai-do", &tdkt.Person{Name: "Lạ"}); !errors.Is(err, store.ErrAuth) {
		t.Errorf("unknown user wrote: %v", err)
	}
	if err := write("xem", &tdkt.Person{Name: "Lạ"}); err == nil {
		t.Error("viewer wrote a person")
	}
	if err := write("cv", &tdkt.Person{Name: "Nguyễn Văn An"}); err != nil {
		t.Errorf("specialist could not enter a person: %v", err)
	}
	issued := &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Year: 2026, Number: 1, Status: tdkt.DecisionIssued}
	if err := write("cv", issued); err == nil || !strings.Contains(err.Error(), "Lãnh đạo") {
		t.Errorf("specialist issued a decision: %v", err)
	}
	if err := write("cv", &tdkt.Award{Name: "X"}); err == nil {
		t.Error("specialist wrote the register")
	}
	if err := write("ld", issued); err != nil {
		t.Errorf("leader could not issue: %v", err)
	}
	cat := &tdkt.Catalog{}
	db.View(func(tx *store.Tx) error { cat, _ = tx.Catalog(); return nil })
	if err := write("ld", cat); err == nil {
		t.Error("leader changed the catalogue")
	}
	if err := write("admin", cat); err != nil {
		t.Errorf("admin could not save the catalogue: %v", err)
	}
	// login
	if _, err := db.Login("cv", "matkhau123"); err != nil {
		t.Errorf("login: %v", err)
	}
	for _, bad := range [][2]string{{"cv", "sai"}, {"khongco", "matkhau123"}} {
		if _, err := db.Login(bad[0], bad[1]); !errors.Is(err, store.ErrAuth) {
			t.Errorf("login %v: %v", bad, err)
		}
	}
	// the audit log says who wrote what
	db.View(func(tx *store.Tx) error {
		u, _ := tx.UserByLogin("cv")
		if strings.Contains(u.Hash, "matkhau") || !strings.HasPrefix(u.Hash, "$2") {
			t.Errorf("password stored as %q", u.Hash)
		}
		entries, _ := tx.Audit(tdkt.KindDecision, issued.ID)
		if len(entries) != 1 || entries[0].By != "ld" {
			t.Errorf("audit of the decision %+v", entries)
		}
		return nil
	})
	if err := db.Update("admin", func(tx *store.Tx) error { return tx.SetPassword("cv", "ngắn") }); err == nil {
		t.Error("short password accepted")
	}
	// everyone changes their own password, nobody else's
	if err := db.Update("cv", func(tx *store.Tx) error { return tx.SetPassword("cv", "mật khẩu mới 1") }); err != nil {
		t.Errorf("own password: %v", err)
	}
	if _, err := db.Login("cv", "mật khẩu mới 1"); err != nil {
		t.Errorf("login with the new password: %v", err)
	}
	if err := db.Update("cv", func(tx *store.Tx) error { return tx.SetPassword("ld", "mật khẩu mới 2") }); err == nil {
		t.Error("a specialist changed another user's password")
	}
}

// TestSaveUserKeepsAnAdministrator: an administrator may demote or lock
// another while one stays; nobody demotes or locks the account they are
// logged in with, nor the last enabled administrator.
func TestSaveUserKeepsAnAdministrator(t *testing.T) {
	db, _ := newDB(t)
	for i, login := range []string{"qt1", "qt2"} {
		by := "qt1"
		if i == 0 {
			by = "setup"
		}
		if err := db.Update(by, func(tx *store.Tx) error {
			return tx.AddUser(&tdkt.User{Login: login, Name: "Quản trị " + login, Role: tdkt.RoleAdmin}, "matkhau123")
		}); err != nil {
			t.Fatal(err)
		}
	}
	save := func(by, login string, change func(*tdkt.User)) error {
		return db.Update(by, func(tx *store.Tx) error {
			u, err := tx.UserByLogin(login)
			if err != nil {
				return err
			}
			change(u)
			return tx.SaveUser(u)
		})
	}
	demote := func(u *tdkt.User) { u.Role = tdkt.RoleLeader }
	if err := save("qt1", "qt1", demote); err == nil || !strings.Contains(err.Error(), "đang đăng nhập") {
		t.Errorf("self-demotion: %v", err)
	}
	if err := save("qt1", "qt1", func(u *tdkt.User) { u.Disabled = true }); err == nil {
		t.Error("an administrator locked themselves")
	}
	if err := save("qt1", "qt2", demote); err != nil {
		t.Fatalf("demoting another while one stays: %v", err)
	}
	// qt2, now a leader, cannot write accounts; qt1 is the last: locking
	// it from a second administrator's session is what remains to try
	if err := db.Update("qt1", func(tx *store.Tx) error {
		return tx.AddUser(&tdkt.User{Login: "qt3", Name: "Quản trị 3", Role: tdkt.RoleAdmin, Disabled: true}, "matkhau123")
	}); err != nil {
		t.Fatal(err)
	}
	if err := save("qt1", "qt3", func(u *tdkt.User) { u.Name = "Quản trị Ba" }); err != nil {
		t.Errorf("renaming a locked administrator: %v", err)
	}
	if err := save("qt1", "qt2", func(u *tdkt.User) { u.Name = "Lãnh đạo Hai" }); err != nil {
		t.Errorf("renaming a leader: %v", err)
	}
	if err := save("qt1", "qt1", func(u *tdkt.User) { u.Name = "Quản trị Một" }); err != nil {
		t.Errorf("renaming oneself: %v", err)
	}
}
