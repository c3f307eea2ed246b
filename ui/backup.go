package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// Backups. The window writes a rotating backup into the folder "backups"
// beside the database when it opens and every three hours while it stays
// open (when something was written meanwhile); Cài đặt → Sao lưu & khôi
// phục copies the database to a chosen folder or stick and puts a backup
// back in place of the current data (administrators only).

// appHooks is what the settings need from the window around them: the
// restore replaces the open database, which only the root may do.
type appHooks interface {
	restore(from string)
	backupStatus() (string, widget.Importance)
	autoBackup()
}

// backupDir is the folder of the automatic backups of the database at path.
func backupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// backupFile is one backup in the folder.
type backupFile struct {
	Path string
	Name string
	At   time.Time
	Size int64
	Auto bool // tdkt-YYYYMMDD-HHMMSS.db, rotated
}

// listBackups lists the backups in dir, newest first.
func listBackups(dir string) []backupFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []backupFile
	for _, en := range entries {
		n := en.Name()
		if en.IsDir() || !strings.HasSuffix(n, ".db") || strings.HasPrefix(n, ".") {
			continue
		}
		info, err := en.Info()
		if err != nil {
			continue
		}
		b := backupFile{Path: filepath.Join(dir, n), Name: n, At: info.ModTime(), Size: info.Size()}
		stamp := strings.TrimSuffix(n, ".db")
		switch {
		case strings.HasPrefix(n, "tdkt-"):
			stamp = strings.TrimPrefix(stamp, "tdkt-")
			b.Auto = true
		case strings.HasPrefix(n, "truoc-khoi-phuc-"):
			stamp = strings.TrimPrefix(stamp, "truoc-khoi-phuc-")
		}
		if t, err := time.ParseInLocation("20060102-150405", stamp, time.Local); err == nil {
			b.At = t
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out
}

// newestBackup is the newest automatic backup in dir.
func newestBackup(dir string) (backupFile, bool) {
	for _, b := range listBackups(dir) {
		if b.Auto {
			return b, true
		}
	}
	return backupFile{}, false
}

// goBackground runs work off the UI goroutine; its result is handed to the
// UI goroutine without waiting for it (fyne.Do), so the UI goroutine may
// wait for such a task without a deadlock. Under the tests, task.wait
// applies the result.
func goBackground(work func() func()) *task {
	t := &task{cancel: func() {}, done: make(chan struct{})}
	go func() {
		defer close(t.done)
		if apply := work(); apply != nil {
			if applyInWait {
				t.apply = apply
			} else {
				uiAsync(apply)
			}
		}
	}()
	return t
}

// autoBackup writes the rotating backup, off the UI goroutine, unless
// nothing was written since the last one: every write advances the
// database's clock, so a backup with the same replica and clock holds the
// same data. Opening the window ten times a day without a change must not
// rotate the older backups away.
func (r *root) autoBackup() {
	db := r.db
	if db == nil || r.backupTask.running() {
		return
	}
	var clock uint64
	db.View(func(tx *store.Tx) error { clock = tx.Clock(); return nil })
	now := r.now()
	if !r.backup.last.IsZero() && r.backup.err == nil && clock == r.backup.clock {
		r.backup.last = now // nothing new to keep: wait another period
		return
	}
	dir := backupDir(r.path)
	start := r.backup.last.IsZero()
	replica := db.Replica()
	r.status.SetText(lang.L("Đang sao lưu tự động…"))
	r.status.Importance = widget.LowImportance
	r.status.Refresh()
	r.backupTask = goBackground(func() func() {
		var file string
		var err error
		reused := false
		if b, ok := newestBackup(dir); start && ok && sameContent(b.Path, replica, clock) {
			file, reused = b.Path, true
		} else {
			file, err = db.AutoBackup(dir, autoBackupKeep, now)
		}
		return func() {
			r.backup = backupState{last: now, file: file, err: err, clock: clock, reused: reused}
			r.showBackupStatus()
			if r.shell != nil && r.shell.settings.backup != nil {
				r.shell.settings.backup.reload()
			}
		}
	})
}

// sameContent reports whether the backup at path was taken from the
// replica at the given clock (no write since).
func sameContent(path, replica string, clock uint64) bool {
	b, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return false
	}
	defer b.Close()
	var c uint64
	b.View(func(tx *store.Tx) error { c = tx.Clock(); return nil })
	return c == clock && b.Replica() == replica
}

// backupStatus is the sentence of the status line.
func (r *root) backupStatus() (string, widget.Importance) {
	b := r.backup
	switch {
	case b.err != nil:
		return fmt.Sprintf(lang.L("Chưa sao lưu tự động được lúc %s: %s. Hãy kiểm tra ổ đĩa, rồi bấm \"Kiểm tra tệp dữ liệu\" hoặc sao lưu bằng tay ở Cài đặt → Sao lưu & khôi phục."),
			b.last.Format("15:04"), b.err), widget.WarningImportance
	case b.file != "" && b.reused:
		return fmt.Sprintf(lang.L("Dữ liệu chưa thay đổi từ bản sao lưu %s; sẽ sao lưu tự động lại sau mỗi %s làm việc khi có thay đổi."),
			b.file, durationText(r.backupEvery)), widget.LowImportance
	case b.file != "":
		return fmt.Sprintf(lang.L("Đã sao lưu tự động lúc %s vào %s (giữ %d bản gần nhất; sao lưu lại sau mỗi %s làm việc)."),
			b.last.Format("15:04 02/01/2006"), b.file, autoBackupKeep, durationText(r.backupEvery)), widget.LowImportance
	case r.backupTask.running():
		return lang.L("Đang sao lưu tự động…"), widget.LowImportance
	}
	return lang.L("Chưa có bản sao lưu tự động trong lần mở này."), widget.LowImportance
}

func (r *root) showBackupStatus() {
	text, imp := r.backupStatus()
	r.status.SetText(text)
	r.status.Importance = imp
	r.status.Refresh()
}

// restore replaces the open database with the backup at from: the data as
// it is now is first copied to "backups/truoc-khoi-phuc-….db", the database
// is closed, store.Restore puts the backup in place (or changes nothing),
// and the window opens the file again with fresh screens. The user stays
// logged in when the backup has the same account; otherwise the window asks
// for a login.
func (r *root) restore(from string) {
	if r.shell == nil || r.db == nil || r.restoreTask.running() {
		return
	}
	old, db := r.shell, r.db
	login, hadAccount := old.e.user, old.e.account != nil
	if applyInWait {
		for _, it := range old.items {
			it.s.wait()
		}
	}
	old.e.closeDialogs()
	r.backupTask.wait()
	bar := widget.NewProgressBarInfinite()
	r.win.SetContent(container.NewCenter(container.NewVBox(heading(lang.L("Đang khôi phục dữ liệu…")),
		widget.NewLabel(lang.L("Từ bản sao lưu ")+from), bar)))
	r.shell, r.view, r.db = nil, nil, nil
	now := r.now()
	path := r.path
	r.restoreTask = goBackground(func() func() {
		dir := backupDir(path)
		safety := filepath.Join(dir, "truoc-khoi-phuc-"+now.Format("20060102-150405")+".db")
		err := os.MkdirAll(dir, 0o755)
		if err == nil {
			err = db.Backup(safety)
		}
		if err != nil {
			err = fmt.Errorf(lang.L("chưa sao lưu được dữ liệu hiện tại trước khi khôi phục: %w"), err)
			return func() { bar.Stop(); r.afterRestore(db, nil, err, login, hadAccount, from, "") }
		}
		db.Close()
		rerr := store.Restore(path, from)
		ndb, oerr := store.Open(path, store.Options{})
		return func() { bar.Stop(); r.afterRestore(ndb, oerr, rerr, login, hadAccount, from, safety) }
	})
}

// afterRestore shows the reopened database and says what happened.
func (r *root) afterRestore(db *store.DB, openErr, restoreErr error, login string, hadAccount bool, from, safety string) {
	r.restoreErr = restoreErr
	if openErr != nil {
		r.showOpenError(openErr)
		return
	}
	r.db = db
	r.backup = backupState{last: r.now()}
	if restoreErr == nil {
		// the data is the backup's: nothing to back up until a write
		db.View(func(tx *store.Tx) error { r.backup.clock = tx.Clock(); return nil })
		r.backup.file, r.backup.reused = from, true
	}
	var u *tdkt.User
	if db.HasUsers() {
		if hadAccount {
			db.View(func(tx *store.Tx) error {
				if x, err := tx.UserByLogin(login); err == nil && !x.Disabled {
					u = x
				}
				return nil
			})
		}
		if u == nil {
			r.showLogin(db)
			if restoreErr == nil {
				r.login.intro.SetText(fmt.Sprintf(lang.L("Đã khôi phục dữ liệu từ %s. Bản sao lưu không có tài khoản %s đang dùng: hãy đăng nhập bằng một tài khoản có trong bản sao lưu."),
					filepath.Base(from), login))
			}
			return
		}
	}
	if err := r.showShell(db, u); err != nil {
		r.showOpenError(err)
		return
	}
	r.shell.show(navSettings)
	s := r.shell.settings
	s.tabs.Select(s.backupTab)
	p := s.backup
	if restoreErr != nil {
		p.fail(fmt.Errorf(lang.L("chưa khôi phục được: %w. Dữ liệu hiện tại vẫn giữ nguyên"), restoreErr))
		r.shell.e.show(newMessage(lang.L("Chưa khôi phục được"), capFirst(restoreErr.Error())+lang.L(".\n\nDữ liệu hiện tại vẫn giữ nguyên, không có gì bị thay đổi."), r.win))
		return
	}
	p.done(fmt.Sprintf(lang.L("Đã khôi phục dữ liệu từ %s. Dữ liệu trước khi khôi phục được giữ ở %s."), from, safety))
}

// backupPane is the tab Cài đặt → Sao lưu & khôi phục.
type backupPane struct {
	s *settingsScreen
	e *env

	status    *widget.Label
	list      *dataTable[backupFile]
	sel       int
	nowBt     *widget.Button
	checkBt   *widget.Button
	fileBt    *widget.Button
	selBt     *widget.Button
	adminNote *widget.Label
	msg       *widget.Label
	info      *widget.Label
	prog      *progress
}

func newBackupPane(s *settingsScreen) *backupPane {
	p := &backupPane{s: s, e: s.e, sel: -1}
	p.status = wrapLabel("")
	p.list = newDataTable([]DataColumn[backupFile]{
		{lang.L("Thời điểm sao lưu"), 150, func(b backupFile) string { return b.At.Format("02/01/2006 15:04:05") }},
		{lang.L("Loại"), 150, func(b backupFile) string {
			if b.Auto {
				return lang.L("Tự động")
			}
			if strings.HasPrefix(b.Name, "truoc-khoi-phuc-") {
				return lang.L("Trước khi khôi phục")
			}
			return lang.L("Khác")
		}},
		{lang.L("Dung lượng"), 110, func(b backupFile) string { return sizeText(b.Size) }},
		{lang.L("Tệp"), 330, func(b backupFile) string { return b.Name }},
	}, func(i int, _ backupFile) {
		p.sel = i
		if p.canRestore() {
			p.selBt.Enable()
		}
	})
	p.nowBt = widget.NewButtonWithIcon(lang.L("Sao lưu ngay…"), theme.DocumentSaveIcon(), p.onBackupNow)
	p.nowBt.Importance = widget.HighImportance
	p.checkBt = widget.NewButtonWithIcon(lang.L("Kiểm tra tệp dữ liệu"), theme.SearchIcon(), func() { p.check() })
	p.fileBt = widget.NewButtonWithIcon(lang.L("Khôi phục từ bản sao lưu…"), theme.HistoryIcon(), p.onRestoreFile)
	p.selBt = widget.NewButtonWithIcon(lang.L("Khôi phục bản đã chọn"), theme.HistoryIcon(), p.onRestoreSelected)
	p.adminNote = wrapLabel(lang.L("Chỉ tài khoản Quản trị được khôi phục dữ liệu."))
	p.adminNote.Importance = widget.LowImportance
	p.msg = dangerLabel()
	p.msg.Hide()
	p.info = wrapLabel("")
	p.info.Importance = widget.SuccessImportance
	p.info.Hide()
	p.prog = newProgress()
	return p
}

func (p *backupPane) content() fyne.CanvasObject {
	openDir := widget.NewButtonWithIcon(lang.L("Mở thư mục sao lưu"), theme.FolderOpenIcon(), func() {
		dir := backupDir(p.e.path)
		os.MkdirAll(dir, 0o755)
		if u, err := url.Parse(storage.NewFileURI(dir).String()); err == nil {
			fyne.CurrentApp().OpenURL(u)
		}
	})
	reload := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), p.reload)
	top := container.NewVBox(
		heading(lang.L("Sao lưu & khôi phục")),
		wrapLabel(lang.L("Bản sao lưu là một bản chép đầy đủ của tệp dữ liệu, kể cả tệp đính kèm và ảnh. Hãy sao lưu ra USB hoặc ổ khác thường xuyên "+
			"và cất USB ở nơi khác máy tính: khi máy hỏng, mất hoặc nhiễm mã độc, dữ liệu chỉ lấy lại được từ bản sao lưu.")),
		container.NewHBox(p.nowBt, p.checkBt), p.prog.box, p.msg, p.info,
		widget.NewSeparator(),
		boldLabel(lang.L("Bản sao lưu tự động (thư mục ")+backupDir(p.e.path)+")"),
		p.status,
	)
	bottom := container.NewVBox(container.NewHBox(p.selBt, p.fileBt, openDir, reload), p.adminNote)
	return container.NewPadded(container.NewBorder(top, bottom, nil, nil, p.list.table))
}

// reload lists the backups folder and the state of the automatic backups.
func (p *backupPane) reload() {
	if p.s.app != nil {
		text, imp := p.s.app.backupStatus()
		if imp == widget.LowImportance {
			imp = widget.MediumImportance
		}
		p.status.SetText(text)
		p.status.Importance = imp
		p.status.Refresh()
	}
	p.list.setRows(listBackups(backupDir(p.e.path)))
	p.sel = -1
	p.selBt.Disable()
	if p.canRestore() {
		p.fileBt.Enable()
		p.adminNote.Hide()
	} else {
		p.fileBt.Disable()
		p.adminNote.Show()
	}
}

// canRestore: administrators only (everyone acts as one while the database
// has no account), and only inside the full window.
func (p *backupPane) canRestore() bool {
	return p.s.app != nil && (p.e.account == nil || p.e.account.Role == tdkt.RoleAdmin)
}

func (p *backupPane) fail(err error) {
	p.info.Hide()
	p.msg.SetText(capFirst(err.Error()) + ".")
	p.msg.Show()
}

func (p *backupPane) done(text string) {
	p.msg.Hide()
	p.info.SetText(text)
	p.info.Show()
}

func (p *backupPane) onBackupNow() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			p.fail(err)
			return
		}
		if u != nil {
			p.backupTo(uriPath(u))
		}
	}, p.e.win)
	d.Resize(fyne.NewSize(800, 560))
	p.e.show(d)
}

// backupName is the file a manual backup goes to in dir:
// tdkt-<office>-<date>.db, with the time added when that exists already.
func backupName(dir, office string, now time.Time) string {
	name := filepath.Join(dir, fmt.Sprintf("tdkt-%s-%s.db", office, now.Format("20060102")))
	if _, err := os.Stat(name); err == nil {
		name = filepath.Join(dir, fmt.Sprintf("tdkt-%s-%s.db", office, now.Format("20060102-150405")))
	}
	return name
}

// backupTo writes a verified copy of the open database into dir.
func (p *backupPane) backupTo(dir string) *task {
	p.msg.Hide()
	p.info.Hide()
	target := backupName(dir, p.e.db.Office(), p.e.now())
	db := p.e.db
	return p.prog.run(lang.L("Đang sao lưu vào ")+target+"…", func(ctx context.Context, _ func(int, int)) (func(), error) {
		if err := db.Backup(target); err != nil {
			return nil, err
		}
		size := int64(0)
		if st, err := os.Stat(target); err == nil {
			size = st.Size()
		}
		return func() {
			where := ""
			if store.Removable(target) {
				where = lang.L(" (ổ USB/tháo rời: hãy tháo ổ an toàn trước khi rút)")
			}
			p.done(fmt.Sprintf(lang.L("Đã sao lưu và kiểm tra lại bản sao: %s, %s%s."), target, sizeText(size), where))
		}, nil
	}, func(err error) { p.fail(fmt.Errorf(lang.L("chưa sao lưu được: %w"), err)) })
}

// check runs store.DB.Check on the open file. When only what is derived
// from the records is damaged (a search that reports a damaged index leads
// here), an administrator is offered the repair; damaged records can only
// be restored from a backup.
func (p *backupPane) check() *task {
	p.msg.Hide()
	p.info.Hide()
	db := p.e.db
	return p.prog.run(lang.L("Đang kiểm tra tệp dữ liệu (tệp lớn mất vài chục giây)…"), func(context.Context, func(int, int)) (func(), error) {
		probs, err := db.Check()
		if err != nil {
			return nil, err
		}
		return func() { p.checked(probs) }, nil
	}, func(err error) { p.fail(fmt.Errorf(lang.L("chưa kiểm tra được: %w"), err)) })
}

func (p *backupPane) checked(probs []store.Problem) {
	if len(probs) == 0 {
		p.done(lang.L("Tệp dữ liệu không có lỗi: cấu trúc tệp, các bản ghi, nhật ký kiểm tra, chỉ mục và tìm kiếm đều khớp nhau."))
		return
	}
	var records []string
	for _, pr := range probs {
		if !pr.Derived {
			records = append(records, pr.String())
		}
	}
	if len(records) > 0 {
		p.fail(fmt.Errorf(lang.L("tệp dữ liệu có %d lỗi ở chính các bản ghi, nhật ký kiểm tra hoặc cấu trúc tệp (ví dụ: %s): không tự sửa được; hãy khôi phục bản sao lưu gần nhất"),
			len(records), records[0]))
		return
	}
	if !p.canRestore() {
		p.fail(fmt.Errorf(lang.L("tệp dữ liệu có %d lỗi ở chỉ mục, tìm kiếm hoặc số liệu tổng hợp (bản ghi còn nguyên): tài khoản Quản trị dựng lại được ở đây"), len(probs)))
		return
	}
	msg := fmt.Sprintf(lang.L("Tệp dữ liệu có %d lỗi, chỉ ở phần dẫn xuất từ các bản ghi (chỉ mục, tìm kiếm, số liệu tổng hợp, dòng danh sách hồ sơ), ví dụ: %s.\n\n"+
		"Các bản ghi còn nguyên: chương trình dựng lại các phần đó từ bản ghi, không mất việc đã làm. Trước khi sửa, tệp được chép nguyên trạng "+
		"cạnh tệp dữ liệu (…truoc-sua-…); cuối cùng tệp được kiểm tra lại. Với tệp lớn việc này mất vài phút."), len(probs), probs[0])
	p.e.confirm(lang.L("Dựng lại phần dẫn xuất?"), msg, func() { p.repair(probs) })
}

// repair rebuilds what probs, the check just shown, found damaged
// (store.DB.RepairChecked: the file is not checked again first, only
// after) and reopens the screens on the rebuilt data.
func (p *backupPane) repair(probs []store.Problem) *task {
	p.msg.Hide()
	p.info.Hide()
	db, e := p.e.db, p.e
	now := e.now()
	return p.prog.run(lang.L("Đang dựng lại chỉ mục và số liệu từ các bản ghi…"), func(context.Context, func(int, int)) (func(), error) {
		rep, err := db.RepairChecked(probs, now)
		if err != nil {
			return nil, err
		}
		return func() {
			e.version++
			if err := e.reload(); err != nil {
				e.showError(err)
			}
			if len(rep.After) > 0 {
				p.fail(fmt.Errorf(lang.L("đã dựng lại nhưng kiểm tra lại vẫn còn %d lỗi (ví dụ: %s); bản chép trước khi sửa: %s"), len(rep.After), rep.After[0], rep.Copy))
				return
			}
			p.done(fmt.Sprintf(lang.L("Đã dựng lại %d phần từ các bản ghi; kiểm tra lại: không còn lỗi. Tệp trước khi sửa được chép vào %s (xóa đi khi đã dùng lại bình thường)."),
				len(rep.Built), rep.Copy))
			if p.s.app != nil {
				p.s.app.autoBackup() // the backups a damaged file refused
			}
		}, nil
	}, func(err error) { p.fail(fmt.Errorf(lang.L("chưa sửa được: %w"), err)) })
}

func (p *backupPane) onRestoreFile() {
	if !p.canRestore() {
		return
	}
	p.e.openPath(lang.L("Chọn bản sao lưu (.db) để khôi phục"), lang.L("Mở"), backupDir(p.e.path), []string{".db"}, p.askRestore)
}

func dirExists(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && st.IsDir()
}

func (p *backupPane) onRestoreSelected() {
	if p.sel < 0 || p.sel >= len(p.list.rows) {
		return
	}
	p.askRestore(p.list.rows[p.sel].Path)
}

// backupInfo describes a backup before it is restored.
type backupInfo struct {
	office string
	counts map[tdkt.Kind]int
	at     time.Time
}

// inspectBackup opens a backup read-only: it must be a tdkt database of
// this office, and not the open file itself.
func inspectBackup(path, current, office string) (backupInfo, error) {
	var bi backupInfo
	st, err := os.Stat(path)
	if err != nil {
		return bi, fmt.Errorf(lang.L("không đọc được tệp %s"), path)
	}
	if cur, err := os.Stat(current); err == nil && os.SameFile(st, cur) {
		return bi, errors.New(lang.L("đây chính là tệp dữ liệu đang mở, không phải một bản sao lưu"))
	}
	bi.at = st.ModTime()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	switch {
	case errors.Is(err, store.ErrNotTDKT):
		return bi, fmt.Errorf(lang.L("tệp %s không phải bản sao lưu tdkt hoặc đã bị hỏng"), filepath.Base(path))
	case errors.Is(err, store.ErrNewer):
		return bi, fmt.Errorf(lang.L("bản sao lưu %s do phiên bản tdkt mới hơn tạo ra: hãy cập nhật chương trình trước"), filepath.Base(path))
	case err != nil:
		return bi, err
	}
	defer db.Close()
	bi.office = db.Office()
	if bi.office != office {
		return bi, fmt.Errorf(lang.L("bản sao lưu %s là của cơ quan %s, không phải của cơ quan này (%s)"), filepath.Base(path), bi.office, office)
	}
	stats, _, err := db.Stats()
	if err != nil {
		return bi, err
	}
	bi.counts = map[tdkt.Kind]int{}
	for _, s := range stats {
		bi.counts[s.Kind] = s.Count
	}
	return bi, nil
}

// askRestore checks the backup, explains what a restore does, and restores
// on "Đồng ý".
func (p *backupPane) askRestore(path string) {
	p.msg.Hide()
	p.info.Hide()
	if !p.canRestore() {
		p.fail(errors.New(lang.L("chỉ tài khoản Quản trị được khôi phục dữ liệu")))
		return
	}
	bi, err := inspectBackup(path, p.e.path, p.e.db.Office())
	if err != nil {
		p.fail(fmt.Errorf(lang.L("không khôi phục: %w. Dữ liệu hiện tại giữ nguyên"), err))
		return
	}
	msg := fmt.Sprintf(lang.L("Khôi phục từ bản sao lưu %s (lưu lúc %s): %s hồ sơ, %s cá nhân, %s đơn vị, %s quyết định.\n\n"+
		"Toàn bộ dữ liệu hiện tại sẽ được thay bằng bản sao lưu này: những gì nhập sau lúc sao lưu sẽ không còn. "+
		"Trước khi thay, chương trình tự chép dữ liệu hiện tại vào thư mục sao lưu (tệp truoc-khoi-phuc-….db) để có thể lấy lại. "+
		"Các màn hình sẽ được mở lại; nội dung đang nhập dở chưa lưu sẽ mất."),
		filepath.Base(path), bi.at.Format("15:04 02/01/2006"), num(bi.counts[tdkt.KindDossier]), num(bi.counts[tdkt.KindPerson]),
		num(bi.counts[tdkt.KindUnit]), num(bi.counts[tdkt.KindDecision]))
	p.e.confirm(lang.L("Khôi phục dữ liệu từ bản sao lưu?"), msg, func() { p.s.app.restore(path) })
}

// newConfirm is a confirmation dialog outside the shell (no env yet).
func newConfirm(title, msg string, win fyne.Window, yes func()) dialog.Dialog {
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.L("Đồng ý"), theme.ConfirmIcon(), func() {
		d.Hide()
		yes()
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, wrapLabel(msg), win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(560, 240))
	return d
}

// newMessage is a dialog with a wrapped message and "Đóng".
func newMessage(title, msg string, win fyne.Window) dialog.Dialog {
	d := dialog.NewCustom(title, lang.L("Đóng"), wrapLabel(msg), win)
	d.Resize(fyne.NewSize(560, 240))
	return d
}

// newBanner is a warning strip at the top of the window; its close button
// takes it out of parent.
func newBanner(parent *fyne.Container, text string) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	bg.FillColor = withAlpha(bg.FillColor, 0x40)
	l := wrapLabel(text)
	l.TextStyle.Bold = true
	var box *fyne.Container
	closeBt := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { parent.Remove(box) })
	closeBt.Importance = widget.LowImportance
	box = container.NewStack(bg, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.WarningIcon())), container.NewCenter(closeBt), l))
	return box
}

// withAlpha is c made translucent.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
