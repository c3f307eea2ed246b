package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tdkt"
)

// Attachments (scanned PDFs and images) are stored content-addressed: the
// dossier keeps the SHA-256 of the bytes, and the bytes live in the folder
// "attachments" beside the database file, named by that hash. A file is
// written under a temporary name, synced and renamed, so a power cut leaves
// either the whole file or none. (This belongs in the store, inside the
// database or a blob bucket, so that backups and sync bundles carry it.)

// attachmentDir is the folder of the blobs for the database at dbPath.
func attachmentDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "attachments")
}

// saveAttachment checks the file (tdkt.CheckAttachment: a scanned PDF or
// image by its content, within the size limit), stores it and describes it
// for Dossier.Attachments.
func saveAttachment(dbPath, name string, data []byte) (tdkt.Attachment, error) {
	typ, err := tdkt.CheckAttachment(filepath.Base(name), data, tdkt.MaxAttachment)
	if err != nil {
		return tdkt.Attachment{}, err
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	a := tdkt.Attachment{Name: tdkt.NFC(filepath.Base(name)), SHA256: hash, Size: int64(len(data)), Type: typ}
	dir := attachmentDir(dbPath)
	final := filepath.Join(dir, hash)
	if st, err := os.Stat(final); err == nil && st.Size() == int64(len(data)) {
		return a, nil // same content already stored
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return a, fmt.Errorf("tạo thư mục tệp đính kèm: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+hash+".*.tmp")
	if err != nil {
		return a, fmt.Errorf("ghi tệp đính kèm: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return a, fmt.Errorf("ghi tệp đính kèm: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return a, fmt.Errorf("ghi tệp đính kèm: %w", err)
	}
	if err := f.Close(); err != nil {
		return a, fmt.Errorf("ghi tệp đính kèm: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return a, fmt.Errorf("ghi tệp đính kèm: %w", err)
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return a, nil
}

// readAttachment returns the stored bytes and checks them against the hash.
func readAttachment(dbPath, hash string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(attachmentDir(dbPath), hash))
	if err != nil {
		return nil, fmt.Errorf("không đọc được tệp đính kèm: %w", err)
	}
	sum := sha256.Sum256(b)
	if hex.EncodeToString(sum[:]) != hash {
		return nil, fmt.Errorf("tệp đính kèm %s đã bị thay đổi", hash[:12])
	}
	return b, nil
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
