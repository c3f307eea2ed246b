package export_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"tdkt/export"
)

func TestWriteFileCompleteOrAbsent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	if err := export.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "xin chào"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "xin chào" {
		t.Fatalf("content %q", b)
	}
	boom := errors.New("boom")
	err := export.WriteFile(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "xin chào" {
		t.Fatalf("failed render changed the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
	if err := export.WriteFile(filepath.Join(dir, "no", "such", "dir.pdf"), func(io.Writer) error { return nil }); err == nil {
		t.Fatal("missing folder accepted")
	}
}
