package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// loginScreen asks for an account when the database has any (the store
// then refuses writes from anyone else, and applies the account's role).
// Accounts themselves are managed by the users team's commands.
type loginScreen struct {
	db       *store.DB
	done     func(*tdkt.User)
	login    *field
	password *field
	msg      *widget.Label
	ok       *widget.Button
	busy     *task
}

func newLoginScreen(db *store.DB, done func(*tdkt.User)) *loginScreen {
	s := &loginScreen{db: db, done: done}
	s.login = newField("Tên đăng nhập", newEntry(), required("tên đăng nhập"))
	pw := newEntry()
	pw.Password = true
	s.password = newField("Mật khẩu", pw, required("mật khẩu"))
	s.login.entry.OnSubmitted = func(string) { s.onLogin() }
	s.password.entry.OnSubmitted = func(string) { s.onLogin() }
	s.msg = dangerLabel()
	s.msg.Hide()
	s.ok = widget.NewButtonWithIcon("Đăng nhập", theme.LoginIcon(), s.onLogin)
	s.ok.Importance = widget.HighImportance
	return s
}

func (s *loginScreen) content() fyne.CanvasObject {
	form := container.NewVBox(heading(Title), wrapLabel("Cơ sở dữ liệu này có tài khoản người dùng: hãy đăng nhập."),
		formRows("Tên đăng nhập", s.login, "Mật khẩu", s.password), s.msg, container.NewHBox(layout.NewSpacer(), s.ok))
	box := container.NewGridWrap(fyne.NewSize(460, form.MinSize().Height+40), widget.NewCard("", "", form))
	return container.NewCenter(box)
}

// onLogin checks the password off the UI goroutine (bcrypt is slow on
// purpose).
func (s *loginScreen) onLogin() {
	if s.busy.running() {
		return
	}
	if err := checkAll(s.login, s.password); err != nil {
		return
	}
	login, pw := tdkt.NFC(s.login.entry.Text), s.password.entry.Text
	s.ok.Disable()
	s.busy = runBackground(func() func() {
		u, err := s.db.Login(login, pw)
		return func() {
			s.ok.Enable()
			if err != nil {
				if errors.Is(err, store.ErrAuth) {
					s.msg.SetText("Sai tên đăng nhập hoặc mật khẩu.")
				} else {
					s.msg.SetText(err.Error())
				}
				s.msg.Show()
				s.password.set("")
				return
			}
			s.msg.Hide()
			s.done(u)
		}
	})
}
