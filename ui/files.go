package ui

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"tdkt"
)

// openBytes asks for a file with one of exts and hands its name and bytes
// (read up to one byte past tdkt.MaxAttachment, so the checker can refuse
// an oversized file by its size) to use.
func (e *env) openBytes(exts []string, use func(name string, b []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, tdkt.MaxAttachment+1))
		if err != nil {
			e.showError(err)
			return
		}
		use(r.URI().Name(), b)
	}, e.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(800, 560))
	e.show(d)
}

// openPath asks for a file with one of exts, starting in dir when it is a
// folder that exists, and hands its local path to use. confirm names the
// action ("Mở", "Nhập"); an error opening the file is shown, a cancel does
// nothing.
func (e *env) openPath(title, confirm, dir string, exts []string, use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			e.showError(fmt.Errorf(lang.L("Không mở được tệp: %w"), err))
			return
		}
		if r == nil {
			return
		}
		path := uriPath(r.URI())
		r.Close()
		use(path)
	}, e.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if dirExists(dir) {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(fyne.NewSize(900, 600))
	e.show(d)
}

// awardCodes lists the catalogue's items after an empty "any" entry, for
// the award filters of lists.
func (e *env) awardCodes() []string {
	codes := []string{""}
	for _, it := range e.cat.Items {
		codes = append(codes, it.Code)
	}
	return codes
}

// awardFilterLabel names a filter entry: "Mọi hình thức" or the item.
func (e *env) awardFilterLabel(c string) string {
	if c == "" {
		return lang.L("Mọi hình thức")
	}
	return e.itemName(c)
}
