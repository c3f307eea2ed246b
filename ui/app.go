// Package ui is the Fyne window of tdkt: one file per screen, each screen a
// struct holding its widgets and the environment it works on; long work runs
// off the UI goroutine with a progress strip and comes back through fyne.Do.
package ui

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
)

// Title is the window title.
const Title = "Thi đua – Khen thưởng"

// Run opens the window on the database at path (the default path when
// empty) and blocks until the window closes.
func Run(path string) error {
	if path == "" {
		path = store.DefaultPath()
	}
	if err := haveDisplay(); err != nil {
		return err
	}
	a := newApp()
	w := a.NewWindow(Title)
	w.Resize(fyne.NewSize(1200, 760))
	r := newRoot(w, path)
	w.SetOnClosed(r.close)
	r.start()
	w.ShowAndRun()
	return nil
}

// newApp makes the Fyne application with the Vietnamese strings installed.
func newApp() fyne.App {
	// Fyne cannot parse LANG=C and logs an error; the window is Vietnamese
	// anyway, so say so.
	if l := os.Getenv("LANG"); l == "" || l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
		os.Setenv("LANG", "vi_VN.UTF-8")
	}
	registerTranslations()
	a := app.NewWithID("vn.tdkt.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	return a
}

// root decides what the window shows: the first-run setup when there is no
// database, a message when it cannot be opened, the shell otherwise.
type root struct {
	win   fyne.Window
	path  string
	db    *store.DB
	shell *shell
	setup *setupScreen
	login *loginScreen
}

func newRoot(w fyne.Window, path string) *root { return &root{win: w, path: path} }

func (r *root) start() {
	if _, err := os.Stat(r.path); errors.Is(err, os.ErrNotExist) {
		r.setup = newSetupScreen(r.path, r.win, r.opened)
		r.win.SetContent(r.setup.content())
		return
	}
	if err := r.open(); err != nil {
		r.showMessage(openMessage(r.path, err))
	}
}

// open opens the database, asks for an account when it has any, and shows
// the shell on the overview.
func (r *root) open() error {
	db, err := store.Open(r.path, store.Options{})
	if err != nil {
		return err
	}
	if db.HasUsers() {
		r.db = db
		r.login = newLoginScreen(db, func(u *tdkt.User) {
			if err := r.showShell(db, u); err != nil {
				r.showMessage(openMessage(r.path, err))
			}
		})
		r.win.SetContent(r.login.content())
		r.win.Canvas().Focus(r.login.login.entry)
		return nil
	}
	if err := r.showShell(db, nil); err != nil {
		db.Close()
		return err
	}
	return nil
}

// showShell builds the main window for user (nil: no accounts, the PC's
// login is written in the audit log).
func (r *root) showShell(db *store.DB, u *tdkt.User) error {
	e, err := newEnv(db, r.path, r.win)
	if err != nil {
		return err
	}
	if u != nil {
		e.user, e.account = u.Login, u
	}
	r.db = db
	r.login = nil
	r.shell = newShell(e)
	r.win.SetContent(r.shell.content())
	r.shell.show(navOverview)
	return nil
}

// opened is called by the setup screen once the file exists.
func (r *root) opened() {
	if err := r.open(); err != nil {
		r.showMessage(openMessage(r.path, err))
	}
}

func (r *root) showMessage(msg string) {
	l := wrapLabel(msg)
	retry := widget.NewButton("Thử mở lại", func() {
		if err := r.open(); err != nil {
			l.SetText(openMessage(r.path, err))
		}
	})
	r.win.SetContent(container.NewPadded(container.NewVBox(heading(Title), l, container.NewHBox(retry), layout.NewSpacer())))
}

func (r *root) close() {
	if r.db != nil {
		r.db.Close()
		r.db = nil
	}
}

// openMessage turns store errors into the sentence the window shows.
func openMessage(path string, err error) string {
	switch {
	case errors.Is(err, store.ErrNoFile):
		return fmt.Sprintf("Chưa có cơ sở dữ liệu tại %s.", path)
	case errors.Is(err, store.ErrLocked):
		return "Cơ sở dữ liệu đang được mở ở một cửa sổ tdkt khác. Hãy đóng cửa sổ đó rồi bấm \"Thử mở lại\"."
	case errors.Is(err, store.ErrNotTDKT):
		return fmt.Sprintf("Tệp %s không phải cơ sở dữ liệu tdkt hoặc đã bị hỏng.", path)
	case errors.Is(err, store.ErrNewer):
		return "Cơ sở dữ liệu do phiên bản tdkt mới hơn tạo ra. Hãy cập nhật chương trình."
	case errors.Is(err, store.ErrNotFound):
		return fmt.Sprintf("Tệp %s chưa có thông tin cơ quan hoặc danh mục khen thưởng.", path)
	}
	return "Không mở được cơ sở dữ liệu: " + err.Error()
}

// haveDisplay refuses early, with a sentence instead of a GLFW panic, when a
// Linux session has no display (an SSH login, a CI job).
func haveDisplay() error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("không có màn hình (DISPLAY chưa đặt): hãy mở tdkt trong phiên đồ họa, hoặc dùng các lệnh như 'tdkt search' (no display)")
	}
	return nil
}
