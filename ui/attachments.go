package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"tdkt"
	"tdkt/store"
)

// Attachments (scanned PDFs and images, photos of exemplary models) are
// stored content-addressed inside the database (tx.PutBlob, keyed by their
// SHA-256), written in the same transaction as the record that lists them,
// so that backups and sync bundles carry them. A file chosen in a form is
// checked at once (tdkt.CheckAttachment) and kept in memory until the save.
// Versions before this kept the bytes in the folder "attachments" beside
// the database, named by the hash: such files are still read, and moved
// into the database on the next save of the record.

// legacyAttachmentDir is the folder of the old attachment files.
func legacyAttachmentDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "attachments")
}

// newAttachment checks a chosen file and describes it for a record.
func newAttachment(name string, data []byte) (tdkt.Attachment, error) {
	typ, err := tdkt.CheckAttachment(filepath.Base(name), data, tdkt.MaxAttachment)
	if err != nil {
		return tdkt.Attachment{}, err
	}
	return tdkt.Attachment{Name: tdkt.NFC(filepath.Base(name)), SHA256: sha(data), Size: int64(len(data)), Type: typ}, nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// readLegacyAttachment reads an old attachment file and checks its hash.
func readLegacyAttachment(dbPath, hash string) ([]byte, error) {
	if len(hash) != 64 || strings.ContainsAny(hash, `/\.`) {
		return nil, fmt.Errorf(lang.L("mã tệp đính kèm %q không hợp lệ"), hash)
	}
	b, err := os.ReadFile(filepath.Join(legacyAttachmentDir(dbPath), hash))
	if err != nil {
		return nil, err
	}
	if sha(b) != hash {
		return nil, fmt.Errorf(lang.L("tệp đính kèm %s… đã bị thay đổi"), hash[:12])
	}
	return b, nil
}

// blobs are the bytes chosen in a form and not saved yet, by hash.
type blobs map[string][]byte

// store writes into tx every listed attachment the database does not hold
// yet: from the form, else from the old folder. An attachment found
// nowhere stops the save, so that a record never lists missing content.
func (b blobs) store(tx *store.Tx, dbPath string, hashes ...string) error {
	for _, h := range hashes {
		if h == "" || tx.Blob(h) != nil {
			continue
		}
		data, ok := b[h]
		if !ok {
			var err error
			if data, err = readLegacyAttachment(dbPath, h); err != nil {
				return fmt.Errorf(lang.L("không tìm thấy nội dung tệp đính kèm %s… (cả trong cơ sở dữ liệu lẫn thư mục attachments)"), h[:min(12, len(h))])
			}
		}
		if sha(data) != h {
			return fmt.Errorf(lang.L("nội dung tệp đính kèm %s… không khớp mã băm"), h[:12])
		}
		if _, err := tx.PutBlob(data); err != nil {
			return fmt.Errorf(lang.L("ghi tệp đính kèm: %w"), err)
		}
	}
	return nil
}

// readBlob returns an attachment's bytes: from the form, the database or
// the old folder.
func (e *env) readBlob(pending blobs, hash string) ([]byte, error) {
	if b, ok := pending[hash]; ok {
		return b, nil
	}
	var b []byte
	e.view(func(tx *store.Tx) error { b = tx.Blob(hash); return nil })
	if b != nil {
		return b, nil
	}
	b, err := readLegacyAttachment(e.path, hash)
	if err != nil {
		return nil, fmt.Errorf(lang.L("không đọc được tệp đính kèm %s…: %w"), hash[:min(12, len(hash))], err)
	}
	return b, nil
}

// openAttachment writes the bytes to a temporary file and opens it with
// the program the PC uses for that type.
func (e *env) openAttachment(pending blobs, a tdkt.Attachment) {
	b, err := e.readBlob(pending, a.SHA256)
	if err != nil {
		e.showError(err)
		return
	}
	dir := filepath.Join(os.TempDir(), "tdkt-"+a.SHA256[:12])
	if err := os.MkdirAll(dir, 0o700); err != nil {
		e.showError(err)
		return
	}
	name := filepath.Join(dir, safeFileName(a.Name))
	if err := os.WriteFile(name, b, 0o600); err != nil {
		e.showError(err)
		return
	}
	u, err := url.Parse(storage.NewFileURI(name).String())
	if err == nil {
		err = fyne.CurrentApp().OpenURL(u)
	}
	if err != nil {
		e.showError(fmt.Errorf(lang.L("không mở được %s: %w"), name, err))
	}
}

// saveAttachmentAs asks where to write the attachment.
func (e *env) saveAttachmentAs(pending blobs, a tdkt.Attachment) {
	b, err := e.readBlob(pending, a.SHA256)
	if err != nil {
		e.showError(err)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			e.showError(err)
			return
		}
		if w == nil {
			return
		}
		_, err = w.Write(b)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			e.showError(fmt.Errorf(lang.L("chưa lưu được %s: %w"), w.URI().Name(), err))
		}
	}, e.win)
	d.SetFileName(safeFileName(a.Name))
	d.Resize(fyne.NewSize(800, 560))
	e.show(d)
}

// safeFileName keeps a stored name usable as a file name.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, filepath.Base(s))
	if s == "" || s == "." {
		return "tep-dinh-kem"
	}
	return s
}

// sizeText is a file size for people: "1,2 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.ReplaceAll(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",")
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
