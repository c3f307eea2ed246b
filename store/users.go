package store

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"

	"tdkt"
)

// ErrAuth is a failed login; it never says which of name or password was
// wrong.
var ErrAuth = errors.New("sai tên đăng nhập hoặc mật khẩu (wrong login or password)")

// roleOf resolves the role of login for a write transaction. Until the first
// account exists (a new database, the demo, the set-up wizard) every writer
// acts as administrator, so that the first run can create one.
func (t *Tx) roleOf(login string) (tdkt.Role, error) {
	if t.CountIndex("user.all", "u") == 0 {
		return tdkt.RoleAdmin, nil
	}
	u, err := t.UserByLogin(login)
	if err != nil {
		return "", fmt.Errorf("người dùng %q: %w", login, ErrAuth)
	}
	if u.Disabled {
		return "", fmt.Errorf("tài khoản %q đã bị khóa", login)
	}
	return u.Role, nil
}

// UserByLogin finds a live account.
func (t *Tx) UserByLogin(login string) (*tdkt.User, error) {
	for _, id := range t.IDs("user.login", login) {
		u := &tdkt.User{}
		if err := t.Get(id, u); err == nil && !u.Deleted {
			return u, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", login, ErrNotFound)
}

// Role is the role this transaction writes with.
func (t *Tx) Role() tdkt.Role { return t.role }

// AddUser creates an account with a bcrypt hash of password. Logins are
// unique; passwords need 8 characters at least.
func (t *Tx) AddUser(u *tdkt.User, password string) error {
	if err := tdkt.ValidateUser(u); err != nil {
		return err
	}
	if _, err := t.UserByLogin(u.Login); err == nil {
		return fmt.Errorf("tên đăng nhập %q đã có", u.Login)
	}
	if t.CountIndex("user.all", "u") == 0 && u.Role != tdkt.RoleAdmin {
		return fmt.Errorf("tài khoản đầu tiên phải là Quản trị")
	}
	if err := t.setHash(u, password); err != nil {
		return err
	}
	return t.Put(u)
}

// SaveUser writes a change to an existing account (its name, role or
// lock) after checking, against the accounts as stored, that an office
// keeps an administrator: nobody takes the administrator role from, or
// locks, the account they are logged in with, nor the last enabled
// administrator.
func (t *Tx) SaveUser(u *tdkt.User) error {
	old := &tdkt.User{}
	if err := t.Get(u.ID, old); err != nil {
		return err
	}
	if old.Role == tdkt.RoleAdmin && !old.Disabled && (u.Role != tdkt.RoleAdmin || u.Disabled) {
		if old.Login == t.user {
			return fmt.Errorf("không tự bỏ vai trò Quản trị hay khóa tài khoản đang đăng nhập")
		}
		others := 0
		for _, id := range t.IDs("user.all", "u") {
			x := &tdkt.User{}
			if id != u.ID && t.Get(id, x) == nil && !x.Deleted && x.Role == tdkt.RoleAdmin && !x.Disabled {
				others++
			}
		}
		if others == 0 {
			return fmt.Errorf("%s là tài khoản Quản trị cuối cùng còn dùng được", old.Login)
		}
	}
	return t.Put(u)
}

// SetPassword replaces an account's password: an administrator's for
// anyone, every user's for their own account (nothing else of it).
func (t *Tx) SetPassword(login, password string) error {
	u, err := t.UserByLogin(login)
	if err != nil {
		return err
	}
	if err := t.setHash(u, password); err != nil {
		return err
	}
	if login == t.user {
		t.self = u.ID
		defer func() { t.self = "" }()
	}
	return t.Put(u)
}

func (t *Tx) setHash(u *tdkt.User, password string) error {
	if len([]rune(password)) < 8 {
		return fmt.Errorf("mật khẩu cần ít nhất 8 ký tự")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("mã hóa mật khẩu: %w", err)
	}
	u.Hash = string(h)
	return nil
}

// Login checks a password and returns the account.
func (db *DB) Login(login, password string) (*tdkt.User, error) {
	var u *tdkt.User
	err := db.View(func(tx *Tx) error {
		var err error
		u, err = tx.UserByLogin(login)
		return err
	})
	if err != nil {
		// spend the same time as a real check so a wrong name is not faster
		bcrypt.CompareHashAndPassword([]byte("$2a$10$7EqJtq98hPqEX7fNZaFWoO5s7CYMhTZWXcQC0Fm9nsl3ZG2Ytlabq"), []byte(password))
		return nil, ErrAuth
	}
	if u.Disabled {
		return nil, fmt.Errorf("tài khoản %q đã bị khóa", login)
	}
	if bcrypt.CompareHashAndPassword([]byte(u.Hash), []byte(password)) != nil {
		return nil, ErrAuth
	}
	return u, nil
}

// HasUsers reports whether any account exists (the window asks to log in
// only then).
func (db *DB) HasUsers() bool {
	n := 0
	db.View(func(tx *Tx) error { n = tx.CountIndex("user.all", "u"); return nil })
	return n > 0
}
