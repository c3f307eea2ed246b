package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// loginScreen asks for an account when the database has any (the store
// then refuses writes from anyone else, and applies the account's role).
// The inactivity lock shows the same screen over the window.
type loginScreen struct {
	db       *store.DB
	done     func(*tdkt.User)
	title    *widget.Label
	intro    *widget.Label
	login    *field
	password *field
	msg      *widget.Label
	ok       *widget.Button
	busy     *task
}

func newLoginScreen(db *store.DB, done func(*tdkt.User)) *loginScreen {
	s := &loginScreen{db: db, done: done}
	s.title = heading(title())
	s.intro = wrapLabel(lang.L("Cơ sở dữ liệu này có tài khoản người dùng: hãy đăng nhập."))
	s.login = newField(lang.L("Tên đăng nhập"), newEntry(), required(lang.L("tên đăng nhập")))
	pw := newEntry()
	pw.Password = true
	s.password = newField(lang.L("Mật khẩu"), pw, required(lang.L("mật khẩu")))
	s.login.entry.OnSubmitted = func(string) { s.onLogin() }
	s.password.entry.OnSubmitted = func(string) { s.onLogin() }
	s.msg = dangerLabel()
	s.msg.Hide()
	s.ok = widget.NewButtonWithIcon(lang.L("Đăng nhập"), theme.LoginIcon(), s.onLogin)
	s.ok.Importance = widget.HighImportance
	return s
}

func (s *loginScreen) form() fyne.CanvasObject {
	return container.NewVBox(s.title, s.intro,
		formRows(lang.L("Tên đăng nhập"), s.login, lang.L("Mật khẩu"), s.password), s.msg, container.NewHBox(layout.NewSpacer(), s.ok))
}

func (s *loginScreen) content() fyne.CanvasObject {
	form := s.form()
	return container.NewCenter(container.New(&widthLayout{width: 480}, widget.NewCard("", "", form)))
}

// widthLayout gives its objects a fixed width and the height they need at
// that width (wrapped labels grow downwards), stacked.
type widthLayout struct{ width float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(l.width, h))
		o.Move(fyne.NewPos((size.Width-l.width)/2, y))
		y += h
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h += o.MinSize().Height
	}
	return fyne.NewSize(l.width, h)
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
					s.msg.SetText(lang.L("Sai tên đăng nhập hoặc mật khẩu."))
				} else {
					s.msg.SetText(capFirst(err.Error()) + ".")
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
