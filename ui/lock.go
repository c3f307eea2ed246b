package ui

import (
	"fmt"
	"image/color"
	"reflect"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
)

// The inactivity lock. Fyne has no window-wide hook for the mouse and hands
// keys to the focused widget only, so activity is gathered from three
// places: the canvas's key handlers (keys with nothing focused), a layer
// under the whole window that sees the mouse wherever no widget takes it,
// and a fingerprint of what the keyboard and clicks change — the focused
// field, its text and cursor, the open dialog, the screen shown — taken at
// every check. A user who only hovers over buttons or scrolls a table for
// the whole timeout is taken as away; the lock loses nothing, so that errs
// on the safe side.

// idleWatch remembers the last activity.
type idleWatch struct {
	timeout time.Duration // lockAfter; tests set milliseconds
	now     func() time.Time

	mu   sync.Mutex
	last time.Time
	sig  string // fingerprint at the last check
}

func (w *idleWatch) touch() {
	w.mu.Lock()
	w.last = w.now()
	w.mu.Unlock()
}

// idleFor is the time since the last activity.
func (w *idleWatch) idleFor() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now().Sub(w.last)
}

// activityLayer lies under the window's content: the mouse reaches it
// wherever no widget wants it (labels, margins, empty space). It draws
// nothing and is neither tappable nor focusable, so clicks on empty space
// still take the focus away from a field, as before.
type activityLayer struct {
	widget.BaseWidget
	touch func()
}

func newActivityLayer(touch func()) *activityLayer {
	l := &activityLayer{touch: touch}
	l.ExtendBaseWidget(l)
	return l
}

func (l *activityLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (l *activityLayer) MouseIn(*desktop.MouseEvent)    { l.touch() }
func (l *activityLayer) MouseMoved(*desktop.MouseEvent) { l.touch() }
func (l *activityLayer) MouseOut()                      {}
func (l *activityLayer) MouseDown(*desktop.MouseEvent)  { l.touch() }
func (l *activityLayer) MouseUp(*desktop.MouseEvent)    { l.touch() }

var (
	_ desktop.Hoverable = (*activityLayer)(nil)
	_ desktop.Mouseable = (*activityLayer)(nil)
)

// fingerprint sums up what typing and clicking change.
func (r *root) fingerprint() string {
	c := r.win.Canvas()
	s := fmt.Sprintf("%p|%p|%d", c.Focused(), c.Overlays().Top(), len(c.Overlays().List()))
	s += focusedState(c.Focused())
	if sh := r.shell; sh != nil {
		s += fmt.Sprintf("|%d", sh.cur)
		if len(sh.stack.Objects) > 0 {
			s += fmt.Sprintf("|%p", sh.stack.Objects[0])
		}
		s += fmt.Sprintf("|%d|%d", sh.e.version, len(sh.e.dialogs))
	}
	return s
}

// checkIdle locks the window once nobody has used it for the timeout. It
// runs on the UI goroutine, from the ticker (tests call it directly).
func (r *root) checkIdle() {
	if r.lock != nil || r.shell == nil || r.shell.e.account == nil || r.db == nil || !r.db.HasUsers() {
		r.idle.touch()
		return
	}
	if sig := r.fingerprint(); sig != r.idle.sig {
		r.idle.sig = sig
		r.idle.touch()
		return
	}
	if r.idle.idleFor() >= r.idle.timeout {
		r.lockNow()
	}
}

// lockScreen is the login shown over everything while the window is
// locked; what lies under it (forms half filled, open dialogs) is kept.
type lockScreen struct {
	login   *loginScreen
	overlay *fyne.Container
}

// lockNow covers the window with the login screen.
func (r *root) lockNow() {
	if r.lock != nil || r.shell == nil {
		return
	}
	who := r.shell.e.account
	l := newLoginScreen(r.db, r.unlocked)
	l.intro.SetText(fmt.Sprintf(lang.L("Màn hình đã khóa sau %s không sử dụng. %s (%s) hãy nhập mật khẩu để làm tiếp: "+
		"mọi thứ đang nhập dở vẫn còn nguyên. Người khác đăng nhập thì chương trình chuyển sang tài khoản của người đó."),
		durationText(r.idle.timeout), who.Name, who.Login))
	l.ok.SetText(lang.L("Mở khóa"))
	l.title.SetText(lang.L("Màn hình đã khóa – ") + title())
	l.login.set(who.Login)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	icon := widget.NewIcon(theme.NewPrimaryThemedResource(theme.LoginIcon()))
	head := container.NewCenter(container.NewGridWrap(fyne.NewSize(56, 56), icon))
	box := container.NewVBox(head, container.New(&widthLayout{width: 520}, widget.NewCard("", "", l.form())))
	r.lock = &lockScreen{login: l, overlay: container.NewStack(bg, container.NewCenter(box))}
	c := r.win.Canvas()
	c.Overlays().Add(r.lock.overlay)
	r.lock.overlay.Resize(c.Size())
	c.Focus(l.password.entry)
}

// unlocked is the lock's login: the same account goes back to where it
// was; another account closes the previous one's work and opens its own.
func (r *root) unlocked(u *tdkt.User) {
	if r.lock == nil {
		return
	}
	r.win.Canvas().Overlays().Remove(r.lock.overlay)
	r.lock = nil
	r.idle.touch()
	if r.shell != nil && r.shell.e.account != nil && r.shell.e.account.Login == u.Login {
		r.shell.e.account = u
		return
	}
	if r.shell != nil {
		r.shell.e.closeDialogs()
	}
	if err := r.showShell(r.db, u); err != nil {
		r.showOpenError(err)
	}
}

// closeDialogs hides every open dialog, top first.
func (e *env) closeDialogs() {
	for len(e.dialogs) > 0 {
		n := len(e.dialogs)
		e.dialogs[n-1].Hide()
		if len(e.dialogs) == n { // a dialog without the env's close hook
			e.dialogs = e.dialogs[:n-1]
		}
	}
}

// durationText is "15 phút" or "30 giây".
func durationText(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf(lang.L("%d giờ"), d/time.Hour)
	case d >= time.Minute:
		return fmt.Sprintf(lang.L("%d phút"), d/time.Minute)
	case d >= time.Second:
		return fmt.Sprintf(lang.L("%d giây"), d/time.Second)
	}
	return lang.L("một lúc")
}

// focusedState sums up the state the keyboard changes in the focused
// widget: an entry's text length and cursor (whatever type embeds
// widget.Entry), a select's choice, a check's tick.
func focusedState(f fyne.Focusable) string {
	v := reflect.ValueOf(f)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return ""
	}
	el := v.Elem()
	s := ""
	for _, name := range []string{"Text", "Selected", "CursorRow", "CursorColumn", "Checked"} {
		fv := el.FieldByName(name)
		if !fv.IsValid() || !fv.CanInterface() {
			continue
		}
		if fv.Kind() == reflect.String {
			s += fmt.Sprintf("|%d", fv.Len())
		} else {
			s += fmt.Sprintf("|%v", fv.Interface())
		}
	}
	return s
}
