package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/lang"

	"tdkt"
	"tdkt/export"
	"tdkt/store"
)

// screenshotFixtures prepares what the pictures of the Đồng bộ screen and
// the import wizard show. The tests set them (they need a second office and
// excelize, which the program does not link); without them those pictures
// are skipped.
var screenshotFixtures struct {
	// sync gives the open database a key pair, peers and a conflict, and
	// leaves bundles addressed to it in stick
	sync func(db *store.DB, stick string) error
	// workbook writes an old register into dir and returns its path
	workbook func(dir string) (string, error)
}

// Screenshots opens the real window on the database at path (a display is
// needed; run it under Xvfb), visits every screen, saves a PNG of each into
// outDir (01-tong-quan.png …, and 00-thiet-lap-lan-dau.png for the first
// run on a temporary path), then quits. The window works on a temporary
// copy of the file, so that drafting a decision for its picture leaves the
// database as it was.
func Screenshots(path, outDir string) error {
	if err := haveDisplay(); err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", path, store.ErrNoFile)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "tdkt-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// The pictures go into the manual, so the paths they show (data file,
	// backups, USB folder) are relative to a working folder rather than
	// naming the machine that took them.
	if outDir, err = filepath.Abs(outDir); err != nil {
		return err
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	work := "tdkt.db"
	if err := copyFile(path, filepath.Join(tmp, work)); err != nil {
		return err
	}
	if err := os.Chdir(tmp); err != nil {
		return err
	}
	defer os.Chdir(wd)
	if os.Getenv("FYNE_SCALE") == "" {
		os.Setenv("FYNE_SCALE", "1") // pictures of 1280×800 pixels
	}
	a := newApp()
	w := a.NewWindow(title())
	w.Resize(fyne.NewSize(1280, 800))
	r := newRoot(w, work)
	w.SetOnClosed(r.close)
	r.start()
	done := make(chan error, 1)
	go func() {
		err := r.screenshots(outDir)
		done <- err
		fyne.Do(a.Quit)
	}()
	w.ShowAndRun()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return errors.New(lang.L("cửa sổ đóng trước khi chụp xong"))
	}
}

// screenshots runs on its own goroutine: every widget change goes through
// fyne.DoAndWait, and loads are awaited before the capture.
func (r *root) screenshots(outDir string) error {
	time.Sleep(time.Second) // let the window map and draw once
	var sh *shell
	fyne.DoAndWait(func() { sh = r.shell })
	if sh == nil {
		return fmt.Errorf(lang.L("không mở được %s"), r.path)
	}
	shot := func(name string) error {
		time.Sleep(800 * time.Millisecond)
		var img image.Image
		fyne.DoAndWait(func() { img = capture(r.win) })
		if img == nil {
			return fmt.Errorf(lang.L("không chụp được %s"), name)
		}
		f, err := os.Create(filepath.Join(outDir, name+".png"))
		if err != nil {
			return err
		}
		if err := png.Encode(f, img); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	visit := func(i int, name string, then func()) error {
		fyne.DoAndWait(func() { sh.show(i) })
		sh.items[i].s.wait()
		if then != nil {
			fyne.DoAndWait(then)
			sh.items[i].s.wait()
		}
		return shot(name)
	}
	e := sh.e
	// sample records to open
	var commune, dossier, meeting, decision string
	meetingYear, decisionYear := 0, 0
	e.view(func(tx *store.Tx) error {
		// the unit with the most collective awards, and people
		best := 0
		for _, u := range e.liveUnits(false) {
			if tx.CountIndex("person.unit", u.ID) < 3 {
				continue
			}
			if as, _ := awardsOf(tx, u.ID, true); len(as) > best {
				commune, best = u.ID, len(as)
			}
		}
		for _, st := range []tdkt.Status{tdkt.StatusChecking, tdkt.StatusReceived, tdkt.StatusReady} {
			for _, id := range tx.IDs("dossier.status", string(st)) {
				d := &tdkt.Dossier{}
				if tx.Get(id, d) == nil && len(d.Candidates) >= 2 {
					dossier = id
					break
				}
			}
			if dossier != "" {
				break
			}
		}
		y := e.today().Year
		for k := y; k > y-30 && meeting == ""; k-- {
			if ids := tx.IDs("meeting.year", year4(k)); len(ids) > 0 {
				meeting, meetingYear = ids[len(ids)-1], k
			}
		}
		for k := y; k > y-30 && decision == ""; k-- {
			for _, id := range tx.IDs("decision.year", year4(k)) {
				d := &tdkt.Decision{}
				if tx.Get(id, d) == nil && d.Issuer == e.office.Code && len(d.List) > 1 {
					decision, decisionYear = id, k
				}
			}
		}
		return nil
	})
	steps := []struct {
		nav  int
		name string
		then func()
	}{
		{navOverview, "01-tong-quan", nil},
		{navUnits, "02-don-vi", func() {
			if u, ok := e.unit(commune); ok {
				if u.ParentID != "" {
					sh.units.tree.OpenBranch(u.ParentID)
				}
				sh.units.tree.Select(commune)
				sh.units.tree.ScrollTo(commune)
			}
		}},
		{navUnits, "03-ca-nhan", func() {
			sh.units.tabs.SelectIndex(1)
			if len(sh.units.people.list.rows) > 0 {
				sh.units.people.list.selectRow(0)
			}
		}},
		{navUnits, "04-dien-hinh", func() { sh.units.tabs.SelectIndex(2) }},
		{navMovements, "05-phong-trao", nil},
		{navMovements, "06-cum-khoi", func() {
			sh.movements.tabs.SelectIndex(1)
		}},
		{navDossiers, "07-ho-so", nil},
		{navDossiers, "08-ho-so-chi-tiet", func() {
			if dossier != "" {
				sh.dossiers.openID(dossier)
			}
		}},
		{navCouncil, "09-hoi-dong", func() {
			if meeting != "" {
				sh.council.selected = meeting
				sh.council.year.SetSelected(fmt.Sprint(meetingYear))
			}
		}},
		{navDecisions, "10-quyet-dinh-da-ban-hanh", func() {
			if decision != "" {
				sh.decisions.selected = decision
				sh.decisions.year.SetSelected(fmt.Sprint(decisionYear))
			}
		}},
		// drafts from the council's results (on the temporary copy)
		{navDecisions, "11-quyet-dinh-du-thao", func() {
			sh.decisions.tabs.SelectIndex(0)
			sh.decisions.year.SetSelected(fmt.Sprint(e.today().Year))
		}},
		{navDecisions, "12-quyet-dinh-du-thao-xem-truoc", func() { sh.decisions.tabs.SelectIndex(1) }},
		{navRegister, "13-so-khen-thuong", nil},
		{navSettings, "14-cai-dat-danh-muc", func() {
			if i := catalogIndex(e.cat, "CSTDT"); i >= 0 {
				sh.settings.items.selectRow(i)
			}
		}},
		{navSettings, "15-cai-dat-luong-co-so", func() { sh.settings.tabs.SelectIndex(1) }},
		{navSettings, "20-sao-luu", func() { sh.settings.tabs.Select(sh.settings.backupTab) }},
	}
	for _, s := range steps {
		if s.name == "11-quyet-dinh-du-thao" {
			// wait for the year's list, then draft from the council results
			fyne.DoAndWait(s.then)
			sh.decisions.wait()
			fyne.DoAndWait(func() { sh.decisions.onDraft() })
			sh.decisions.wait()
			if err := shot(s.name); err != nil {
				return err
			}
			continue
		}
		if err := visit(s.nav, s.name, s.then); err != nil {
			return err
		}
	}
	// back to the list so the dossier editor does not stay open
	fyne.DoAndWait(func() { sh.dossiers.closeEditor() })
	if err := r.syncShots(sh, shot); err != nil {
		return err
	}

	fyne.DoAndWait(func() {
		s := newSetupScreen(filepath.Join("van-phong-moi", "tdkt.db"), r.win, func() {})
		r.win.SetContent(s.content())
	})
	return shot("00-thiet-lap-lan-dau")
}

// capture takes the window's picture with Canvas().Capture(). Under Xvfb
// with Mesa's software GL the front buffer reads back empty; the screen is
// then read with ImageMagick's "import" when it is installed (what the X
// server shows, dialogs included), else the content is painted by Fyne's
// software painter (no dialogs, and nested scrolls are not clipped).
func capture(w fyne.Window) image.Image {
	img := w.Canvas().Capture()
	if img != nil && !blank(img) {
		return img
	}
	if img := captureX(w); img != nil {
		return img
	}
	content := w.Content()
	size := w.Canvas().Size()
	sc := software.NewCanvas()
	sc.SetPadded(false)
	sc.SetContent(content)
	sc.Resize(size)
	// lay the whole tree out again on this canvas: a layout the window had
	// not yet redone (a bar that grew under a scroll) would otherwise be
	// painted stale
	content.Refresh()
	img = sc.Capture()
	w.SetContent(content)
	return img
}

// captureX reads the X screen with "import -window root" and cuts the
// window out of it (under Xvfb, without a window manager, the window sits
// at the origin); nil when that is not possible.
func captureX(w fyne.Window) image.Image {
	imp, err := exec.LookPath("import")
	if err != nil || os.Getenv("DISPLAY") == "" {
		return nil
	}
	out, err := exec.Command(imp, "-window", "root", "png:-").Output()
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil || blank(img) {
		return nil
	}
	c := w.Canvas()
	r := image.Rect(0, 0, int(c.Size().Width*c.Scale()+0.5), int(c.Size().Height*c.Scale()+0.5)).Intersect(img.Bounds())
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok || r.Empty() {
		return nil
	}
	return sub.SubImage(r)
}

// blank reports whether every pixel is fully transparent.
func blank(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0 {
				return false
			}
		}
	}
	return true
}

// copyFile copies a database for the screenshots, as every file the
// program writes: whole or not at all.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	return export.WriteFile(to, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

func catalogIndex(cat *tdkt.Catalog, code string) int {
	for i, it := range cat.Items {
		if it.Code == code {
			return i
		}
	}
	return -1
}

// syncShots pictures the Đồng bộ screen (peers, a bundle imported with a
// conflict, the conflict side by side) and the import wizard after a check
// that found a line the catalogue does not know.
func (r *root) syncShots(sh *shell, shot func(string) error) error {
	f := screenshotFixtures
	if f.sync == nil || f.workbook == nil {
		return nil
	}
	stick := "USB" // in the working folder Screenshots made
	if err := os.Mkdir(stick, 0o755); err != nil {
		return err
	}
	if err := f.sync(sh.e.db, stick); err != nil {
		return fmt.Errorf(lang.L("chuẩn bị ảnh Đồng bộ: %w"), err)
	}
	s := sh.sync
	closeDialogs := func() {
		for i := 0; i < 10 && len(sh.e.dialogs) > 0; i++ {
			sh.e.dialogs[len(sh.e.dialogs)-1].Hide()
		}
	}
	fyne.DoAndWait(func() {
		sh.show(navSync)
		s.setFolder(stick)
		s.tabs.SelectIndex(0)
	})
	s.wait()
	if err := shot("16-dong-bo"); err != nil {
		return err
	}
	// import the first bundle waiting (the one that makes the conflict)
	fyne.DoAndWait(func() {
		for _, in := range s.files {
			if in.state == lang.L("chưa nhập") {
				s.importFile(in.path, "")
				break
			}
		}
	})
	s.wait()
	fyne.DoAndWait(func() {
		closeDialogs()
		s.tabs.SelectIndex(1)
	})
	if err := shot("17-dong-bo-nhan-goi"); err != nil {
		return err
	}
	fyne.DoAndWait(func() { s.tabs.SelectIndex(2) })
	if err := shot("18-dong-bo-xung-dot"); err != nil {
		return err
	}
	book, err := f.workbook(".")
	if err != nil {
		return err
	}
	reg := sh.register
	fyne.DoAndWait(func() {
		sh.show(navRegister)
	})
	reg.wait()
	fyne.DoAndWait(func() { reg.openImport(book) })
	reg.wait()
	fyne.DoAndWait(func() {
		w := reg.wizard
		for c, h := range w.sheet.Headings {
			if h == "Khen gì" {
				w.fields[c].set(tdkt.FieldAward)
			}
		}
		w.onCheck()
	})
	reg.wait()
	return shot("19-nhap-excel")
}
