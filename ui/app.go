// Package ui is the Fyne window of tdkt: one file per screen, each screen a
// struct holding its widgets and the environment it works on; long work runs
// off the UI goroutine with a progress strip and comes back through fyne.Do.
package ui

import (
	_ "aa.tdkt/locale" // a C locale is repaired before Fyne reads it (see the package)
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
)

// title is the window title, in the window's language.
func title() string { return lang.L("Thi đua – Khen thưởng") }

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
	w := a.NewWindow(title())
	w.Resize(fyne.NewSize(1200, 760))
	r := newRoot(w, path)
	w.SetOnClosed(r.close)
	r.start()
	r.startTicker(5 * time.Second)
	w.ShowAndRun()
	return nil
}

// newApp makes the Fyne application with the chosen language's strings
// installed (TDKT_LANG, else the preference, else Vietnamese), before any
// window content is built.
func newApp() fyne.App {
	// Fyne cannot parse LANG=C and logs an error; the window is Vietnamese
	// by default anyway, so say so.
	if l := os.Getenv("LANG"); l == "" || l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
		os.Setenv("LANG", "vi_VN.UTF-8")
	}
	a := app.NewWithID("vn.tdkt.app")
	setLanguage(chooseLanguage(a.Preferences()))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	return a
}

// Defaults of the automatic backups and the inactivity lock.
const (
	autoBackupKeep  = 10
	autoBackupEvery = 3 * time.Hour
	lockAfter       = 15 * time.Minute
)

// root decides what the window shows: the first-run setup when there is no
// database, a message when it cannot be opened, the login, the shell
// otherwise; over the shell, the inactivity lock. It also runs the
// automatic backups and the restore, which replace the open database.
type root struct {
	win      fyne.Window
	path     string
	db       *store.DB
	readOnly bool // opened "chỉ để xem" from read-only media
	shell    *shell
	view     fyne.CanvasObject // the shell inside its banners and status line
	setup    *setupScreen
	admin    *adminStep
	login    *loginScreen
	lock     *lockScreen
	msg      *widget.Label // the open failure shown, for tests
	retryBt  *widget.Button
	banners  *fyne.Container

	now       func() time.Time
	removable func(string) bool

	idle        *idleWatch
	backupEvery time.Duration
	backup      backupState
	backupTask  *task
	restoreTask *task
	restoreErr  error // the last restore's failure, for tests
	status      *widget.Label
	stop        chan struct{}
	upgraded    chan error    // tests: told when an upgrade at start has ended
	upgradeGate chan struct{} // tests: the upgrade waits for it when set
}

// backupState is what the status line says about the automatic backups.
type backupState struct {
	last   time.Time // when the last one was written
	file   string
	err    error
	clock  uint64 // the database's write counter at the last backup
	reused bool   // the newest backup already held the data at start
}

func newRoot(w fyne.Window, path string) *root {
	r := &root{win: w, path: path, now: time.Now, removable: store.Removable, backupEvery: autoBackupEvery}
	r.idle = &idleWatch{timeout: lockAfter, now: func() time.Time { return r.now() }}
	// TDKT_LOCK_AFTER (a Go duration such as "10m") changes the lock's
	// timeout, for IT staff and for demonstrations
	if d, err := time.ParseDuration(os.Getenv("TDKT_LOCK_AFTER")); err == nil && d > 0 {
		r.idle.timeout = d
	}
	r.status = widget.NewLabel("")
	r.status.Importance = widget.LowImportance
	r.status.Truncation = fyne.TextTruncateEllipsis
	return r
}

func (r *root) start() {
	if _, err := os.Stat(r.path); errors.Is(err, os.ErrNotExist) {
		r.setup = newSetupScreen(r.path, r.win, r.opened)
		r.win.SetContent(r.setup.content())
		return
	}
	if need, err := store.NeedsUpgrade(r.path); err == nil && need {
		r.upgrade()
		return
	}
	if err := r.open(false); err != nil {
		r.showOpenError(err)
	}
}

// upgrade opens a file an older version wrote. The first writable open
// rebuilds the data this version keeps beside the records (tens of seconds
// for a province's history), so the window says what is happening instead
// of staying blank, and the work runs off the UI goroutine. The upgrade is
// one transaction: cut short, the file is as it was.
func (r *root) upgrade() {
	bar := widget.NewProgressBarInfinite()
	r.msg = wrapLabel(lang.L("Tệp dữ liệu do phiên bản trước tạo ra. Chương trình đang nâng cấp cấu trúc để tra cứu và thống kê nhanh hơn; " +
		"việc này chỉ làm một lần và có thể mất một đến vài phút với tệp lớn. Không cần thao tác gì, dữ liệu không thay đổi."))
	file := widget.NewLabel(lang.L("Tệp dữ liệu: ") + r.path)
	file.Importance = widget.LowImportance
	r.win.SetContent(container.NewPadded(container.NewVBox(
		heading(lang.L("Đang nâng cấp tệp dữ liệu…")), r.msg, bar, file)))
	done, gate := r.upgraded, r.upgradeGate
	go func() {
		if gate != nil {
			<-gate
		}
		db, err := store.Open(r.path, store.Options{})
		fyne.Do(func() {
			bar.Stop()
			if err == nil {
				err = r.use(db, false)
			}
			if err != nil {
				r.showOpenError(err)
			}
			if done != nil {
				done <- err
			}
		})
	}()
}

// open opens the database, asks for an account when it has any, shows the
// shell on the overview, and writes the start-up backup.
func (r *root) open(readOnly bool) error {
	db, err := store.Open(r.path, store.Options{ReadOnly: readOnly})
	if err != nil {
		return err
	}
	return r.use(db, readOnly)
}

// use shows the opened database (login first when it has accounts).
func (r *root) use(db *store.DB, readOnly bool) error {
	r.readOnly = readOnly
	if db.HasUsers() {
		r.db = db
		r.showLogin(db)
	} else if err := r.showShell(db, nil); err != nil {
		db.Close()
		return err
	}
	r.autoBackup()
	return nil
}

func (r *root) showLogin(db *store.DB) {
	r.login = newLoginScreen(db, func(u *tdkt.User) {
		if err := r.showShell(db, u); err != nil {
			r.showOpenError(err)
		}
	})
	r.win.SetContent(r.login.content())
	r.win.Canvas().Focus(r.login.login.entry)
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
	r.login, r.admin, r.msg = nil, nil, nil
	r.shell = newShell(e)
	r.shell.settings.app = r
	r.view = r.frame(r.shell.content())
	r.win.SetContent(r.view)
	r.hookActivity()
	r.idle.touch()
	r.shell.show(navOverview)
	r.showBackupStatus()
	return nil
}

// frame puts the shell between its banners (database on a USB stick, opened
// read-only) and the status line, over the layer that notices the mouse.
func (r *root) frame(content fyne.CanvasObject) fyne.CanvasObject {
	top := container.NewVBox()
	r.banners = top
	if r.removable != nil && r.removable(r.path) {
		top.Add(newBanner(top, fmt.Sprintf(lang.L("Cơ sở dữ liệu đang nằm trên ổ USB/tháo rời (%s). Rút ổ ra hoặc mất điện khi đang ghi có thể làm hỏng dữ liệu: "+
			"hãy chép tệp vào ổ cứng của máy rồi mở từ đó; chỉ dùng USB để chép gói đồng bộ và bản sao lưu."), r.path)))
	}
	if r.readOnly {
		top.Add(newBanner(top, lang.L("Đang mở chỉ để xem: ổ đĩa chứa tệp dữ liệu không cho ghi, mọi thay đổi sẽ không lưu được. "+
			"Hãy chép tệp vào ổ cứng của máy rồi mở từ đó để làm việc.")))
	}
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, widget.NewIcon(theme.StorageIcon()), nil, r.status))
	return container.NewStack(newActivityLayer(r.idle.touch), container.NewBorder(top, bottom, nil, nil, content))
}

// opened is called by the setup screen once the file exists. A new office
// is offered an administrator account first; the demo opens at once.
func (r *root) opened() {
	fresh := r.setup != nil && !r.setup.demo
	r.setup = nil
	if !fresh {
		if err := r.open(false); err != nil {
			r.showOpenError(err)
		}
		return
	}
	db, err := store.Open(r.path, store.Options{})
	if err != nil {
		r.showOpenError(err)
		return
	}
	if db.HasUsers() {
		db.Close()
		if err := r.open(false); err != nil {
			r.showOpenError(err)
		}
		return
	}
	r.db = db
	r.admin = newAdminStep(db, r.win, func(u *tdkt.User) {
		if err := r.showShell(db, u); err != nil {
			r.showOpenError(err)
			return
		}
		r.autoBackup()
	})
	r.win.SetContent(r.admin.content())
	r.win.Canvas().Focus(r.admin.login.entry)
}

// showOpenError says why the database did not open and what to do, with
// the buttons that help: try again, open read-only, restore the newest
// backup over a damaged file. Nothing is written to the file.
func (r *root) showOpenError(err error) {
	r.shell, r.view, r.login = nil, nil, nil
	l := wrapLabel(openMessage(r.path, err))
	r.msg = l
	buttons := container.NewHBox()
	retry := widget.NewButtonWithIcon(lang.L("Thử mở lại"), theme.ViewRefreshIcon(), func() {
		if err := r.open(false); err != nil {
			r.showOpenError(err)
		}
	})
	retry.Importance = widget.HighImportance
	r.retryBt = retry
	buttons.Add(retry)
	if errors.Is(err, store.ErrReadOnlyMedia) {
		buttons.Add(widget.NewButtonWithIcon(lang.L("Mở chỉ để xem"), theme.VisibilityIcon(), func() {
			if err := r.open(true); err != nil {
				r.showOpenError(err)
			}
		}))
	}
	if errors.Is(err, store.ErrNotTDKT) {
		if b, ok := newestBackup(backupDir(r.path)); ok {
			buttons.Add(widget.NewButtonWithIcon(lang.L("Khôi phục bản sao lưu ngày ")+b.At.Format("02/01/2006 15:04"), theme.HistoryIcon(), func() {
				r.replaceDamaged(b.Path)
			}))
		}
	}
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	head := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(36, 36), icon), nil, heading(lang.L("Chưa mở được cơ sở dữ liệu")))
	file := widget.NewLabel(lang.L("Tệp dữ liệu: ") + r.path)
	file.Importance = widget.LowImportance
	file.Truncation = fyne.TextTruncateEllipsis
	card := widget.NewCard("", "", container.NewVBox(head, l, file, buttons))
	r.win.SetContent(container.NewVBox(container.NewPadded(boldLabel(title())), container.NewCenter(container.New(&widthLayout{width: 680}, card)), layout.NewSpacer()))
}

// replaceDamaged puts a backup in place of a file that is not a readable
// tdkt database: the damaged file is kept beside it under a new name.
func (r *root) replaceDamaged(from string) {
	aside := r.path + ".hong-" + r.now().Format("20060102-150405")
	d := newConfirm(lang.L("Khôi phục bản sao lưu"), fmt.Sprintf(lang.L("Tệp dữ liệu hiện tại không đọc được. Chương trình sẽ đổi tên nó thành %s (không xóa) "+
		"rồi đặt bản sao lưu %s vào chỗ của nó. Những gì nhập sau lúc sao lưu sẽ không có trong dữ liệu khôi phục."), filepath.Base(aside), filepath.Base(from)), r.win, func() {
		r.putBackup(from, aside)
	})
	d.Show()
}

// putBackup moves the damaged file to aside and restores from in its place;
// on failure the damaged file is put back as it was.
func (r *root) putBackup(from, aside string) {
	if err := os.Rename(r.path, aside); err != nil {
		r.msg.SetText(lang.L("Chưa khôi phục được: ") + err.Error())
		return
	}
	if err := store.Restore(r.path, from); err != nil {
		os.Rename(aside, r.path)
		r.msg.SetText(lang.L("Chưa khôi phục được: ") + err.Error() + lang.L(". Tệp dữ liệu cũ vẫn giữ nguyên."))
		return
	}
	if err := r.open(false); err != nil {
		r.showOpenError(err)
	}
}

func (r *root) close() {
	if r.stop != nil {
		close(r.stop)
		r.stop = nil
	}
	r.backupTask.wait()
	r.restoreTask.wait()
	if r.db != nil {
		r.db.Close()
		r.db = nil
	}
}

// startTicker checks, every period, whether the window should lock and
// whether an automatic backup is due.
func (r *root) startTicker(period time.Duration) {
	r.stop = make(chan struct{})
	stop := r.stop
	go func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				uiAsync(r.tick)
			}
		}
	}()
}

func (r *root) tick() {
	r.checkIdle()
	if r.shell != nil && r.lock == nil && !r.backup.last.IsZero() && r.now().Sub(r.backup.last) >= r.backupEvery {
		r.autoBackup()
	}
}

// openMessage turns store errors into the sentence the window shows: what
// happened, that nothing was damaged, and what to do.
func openMessage(path string, err error) string {
	switch {
	case errors.Is(err, store.ErrNoFile):
		return fmt.Sprintf(lang.L("Chưa có cơ sở dữ liệu tại %s. Hãy kiểm tra đường dẫn, hoặc cắm lại ổ đĩa chứa tệp rồi bấm \"Thử mở lại\"."), path)
	case errors.Is(err, store.ErrLocked):
		return lang.L("Cơ sở dữ liệu đang được mở ở một cửa sổ tdkt khác (trên máy này hoặc trên máy khác dùng chung thư mục). " +
			"Hãy chuyển sang cửa sổ đó để làm việc, hoặc đóng nó rồi bấm \"Thử mở lại\". Dữ liệu không bị ảnh hưởng.")
	case errors.Is(err, store.ErrNewer):
		return fmt.Sprintf(lang.L("Tệp %s do phiên bản tdkt mới hơn tạo ra nên phiên bản đang dùng không mở được. "+
			"Hãy cài phiên bản tdkt mới nhất (hỏi bộ phận công nghệ thông tin) rồi mở lại. Tệp không bị thay đổi."), path)
	case errors.Is(err, store.ErrNotTDKT):
		return fmt.Sprintf(lang.L("Tệp %s không phải cơ sở dữ liệu tdkt hoặc đã bị hỏng. Chương trình không ghi gì vào tệp này. "+
			"Nếu đây là tệp dữ liệu thật, hãy khôi phục bản sao lưu gần nhất (thư mục %s, hoặc bản đã chép ra USB)."), path, backupDir(path))
	case errors.Is(err, store.ErrReadOnlyMedia):
		return fmt.Sprintf(lang.L("Tệp %s nằm trên ổ đĩa hoặc thư mục chỉ cho đọc (đĩa CD, thẻ nhớ gạt khóa, thư mục không có quyền ghi) nên không ghi được. "+
			"Hãy chép tệp vào một thư mục trên ổ cứng của máy rồi mở từ đó, hoặc bấm \"Mở chỉ để xem\". Dữ liệu không bị ảnh hưởng."), path)
	case errors.Is(err, store.ErrDiskFull):
		return fmt.Sprintf(lang.L("Ổ đĩa chứa tệp %s đã đầy nên chưa mở được. Hãy xóa bớt tệp không cần trên ổ đĩa đó rồi bấm \"Thử mở lại\". "+
			"Dữ liệu không bị ảnh hưởng."), path)
	case errors.Is(err, store.ErrNotFound):
		return fmt.Sprintf(lang.L("Tệp %s chưa có thông tin cơ quan hoặc danh mục khen thưởng. Hãy khôi phục từ bản sao lưu hoặc hỏi bộ phận công nghệ thông tin."), path)
	}
	return lang.L("Không mở được cơ sở dữ liệu: ") + err.Error()
}

// haveDisplay refuses early, with a sentence instead of a GLFW panic, when a
// Linux session has no display (an SSH login, a CI job).
func haveDisplay() error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New(lang.L("không có màn hình (DISPLAY chưa đặt): hãy mở tdkt trong phiên đồ họa, hoặc dùng các lệnh như 'tdkt search' (no display)"))
	}
	return nil
}

// hookActivity counts keys typed with nothing focused as activity, and
// keeps Esc away from the dialogs under the lock.
func (r *root) hookActivity() {
	c := r.win.Canvas()
	key := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		r.idle.touch()
		if r.lock == nil && key != nil {
			key(k)
		}
	})
	c.SetOnTypedRune(func(rune) { r.idle.touch() })
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { r.idle.touch() })
	}
}
