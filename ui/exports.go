package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"tdkt"
	"tdkt/export"
)

// exportJob is one file the window writes: a document or a sheet. render
// reads what it needs from the store and writes the content; a job that can
// stop between rows watches ctx and reports how far it is.
type exportJob struct {
	what      string // "Quyết định số 05/QĐ-UBND", for the strip and the messages
	name      string // the proposed file name, with its extension
	stoppable bool   // the strip offers "Hủy"
	noOpen    bool   // no "Mở tệp" afterwards (a key file)
	note      string // said after the file is written
	render    func(ctx context.Context, w io.Writer, report func(done, total int)) error
}

// exporter writes a screen's files: it asks for the destination with
// Fyne's save dialog, writes off the UI goroutine through export.WriteFile
// (the file is complete or absent) with its own progress strip, and offers
// to open the result in the system viewer.
type exporter struct {
	e    *env
	prog *progress

	// the last outcome, for tests
	last    string
	lastErr error
	done    *dialog.CustomDialog
	openBt  *widget.Button
}

func newExporter(e *env) *exporter {
	return &exporter{e: e, prog: newProgress()}
}

// ask shows the save dialog for job and writes the file where the user
// chose.
func (x *exporter) ask(job exportJob) {
	if x.prog.current().running() {
		x.e.showInfo(lang.L("Đang xuất tệp"), lang.L("Một tệp khác đang được ghi; hãy chờ xong rồi thử lại."))
		return
	}
	ext := filepath.Ext(job.name)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			x.e.showError(fmt.Errorf(lang.L("Không chọn được nơi lưu: %w"), err))
			return
		}
		if w == nil {
			return // cancelled
		}
		path := uriPath(w.URI())
		w.Close()
		if ext != "" && !strings.EqualFold(filepath.Ext(path), ext) {
			// the dialog created the name as typed; the file gets its extension
			removeIfEmpty(path)
			path += ext
		}
		x.write(job, path)
	}, x.e.win)
	d.SetFileName(job.name)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	d.SetTitleText(lang.L("Lưu ") + tdkt.LowerFirst(job.what))
	d.SetConfirmText(lang.L("Lưu"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(fyne.NewSize(900, 600))
	x.e.show(d)
}

// write renders job into path off the UI goroutine.
func (x *exporter) write(job exportJob, path string) *task {
	if job.stoppable {
		x.prog.cancel.Show()
	} else {
		x.prog.cancel.Hide()
	}
	x.last, x.lastErr = "", nil
	return x.prog.run(lang.L("Đang xuất ")+tdkt.LowerFirst(job.what)+"…", func(ctx context.Context, report func(int, int)) (func(), error) {
		err := export.WriteFile(path, func(w io.Writer) error {
			if err := job.render(ctx, w, report); err != nil {
				return err
			}
			if ctx.Err() != nil {
				return errCancelled
			}
			return nil
		})
		if err != nil {
			removeIfEmpty(path) // the save dialog created it empty
			if errors.Is(err, errCancelled) || ctx.Err() != nil {
				return nil, errCancelled
			}
			return nil, fmt.Errorf(lang.L("Không xuất được %s: %w"), tdkt.LowerFirst(job.what), err)
		}
		if ctx.Err() != nil {
			// Hủy was pressed while the finished file was being synced and
			// renamed into place: the user asked for no file, so none stays
			// (the save dialog had already emptied any file of that name).
			os.Remove(path)
			return nil, errCancelled
		}
		return func() { x.finished(job, path) }, nil
	}, func(err error) {
		x.lastErr = err
		x.e.showError(err)
	})
}

// wait blocks until the running export has finished (tests).
func (x *exporter) wait() { x.prog.wait() }

// finished says where the file is and offers to open it.
func (x *exporter) finished(job exportJob, path string) {
	x.last = path
	var d *dialog.CustomDialog
	open := widget.NewButtonWithIcon(lang.L("Mở tệp"), theme.FileIcon(), func() {
		d.Hide()
		if err := openFile(path); err != nil {
			x.e.showError(fmt.Errorf(lang.L("Máy chưa mở được tệp bằng chương trình xem (%v). Tệp đã lưu tại %s: hãy mở bằng tay"), err, path))
		}
	})
	open.Importance = widget.HighImportance
	closeBt := widget.NewButtonWithIcon(lang.L("Đóng"), theme.CancelIcon(), func() { d.Hide() })
	msg := fmt.Sprintf(lang.L("Đã ghi %s vào tệp:\n%s"), tdkt.LowerFirst(job.what), path)
	if job.note != "" {
		msg += "\n" + job.note
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Đã xuất tệp"), wrapLabel(msg), x.e.win)
	if job.noOpen {
		open = nil
		d.SetButtons([]fyne.CanvasObject{closeBt})
	} else {
		d.SetButtons([]fyne.CanvasObject{closeBt, open})
	}
	d.Resize(fyne.NewSize(560, 200))
	x.done, x.openBt = d, open
	x.e.show(d)
}

// openFile hands a file to the system's viewer (PDF reader, spreadsheet).
func openFile(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	u, err := url.Parse(storage.NewFileURI(abs).String())
	if err != nil {
		return err
	}
	return fyne.CurrentApp().OpenURL(u)
}

// removeIfEmpty removes a file the save dialog created when nothing was
// written into it, so that a failed or cancelled export leaves no empty
// file behind.
func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
}

// fileName builds a file name from parts, without Vietnamese marks or
// characters that file systems refuse: ("QĐ", "05/QĐ-UBND", "2026") gives
// "QD-05-QD-UBND-2026"; ext is appended.
func fileName(ext string, parts ...string) string {
	var b strings.Builder
	dash := false
	for _, p := range parts {
		for _, r := range tdkt.NFC(p) {
			// tdkt.Fold drops the marks and lower-cases; keep the case
			if f := []rune(tdkt.Fold(string(r))); len(f) == 1 {
				if unicode.IsUpper(r) {
					r = unicode.ToUpper(f[0])
				} else {
					r = f[0]
				}
			}
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
				b.WriteRune(r)
				dash = false
			} else if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-.") + ext
}
