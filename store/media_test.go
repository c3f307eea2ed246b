package store_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tdkt"
	"tdkt/store"
)

// mountTmpfs mounts a small file system for the test, or skips when this
// machine does not allow it (not root, no mount).
func mountTmpfs(t *testing.T, size string, opts ...string) string {
	t.Helper()
	dir := t.TempDir()
	args := append([]string{"-t", "tmpfs", "-o", "size=" + size}, opts...)
	if out, err := exec.Command("mount", append(args, "tmpfs", dir)...).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func TestDiskFullIsClearAndHarmless(t *testing.T) {
	dir := mountTmpfs(t, "1m")
	path := filepath.Join(dir, "o.db")
	if err := store.Create(path, "T1", store.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var last error
	n := 0
	for i := 0; i < 2000 && last == nil; i++ {
		last = db.Update("an", func(tx *store.Tx) error {
			return tx.Put(&tdkt.Person{Name: "Nguyễn Văn An " + strings.Repeat("x", 2000)})
		})
		if last == nil {
			n++
		}
	}
	if !errors.Is(last, store.ErrDiskFull) {
		t.Fatalf("after %d records: %v", n, last)
	}
	if !strings.Contains(last.Error(), "ổ đĩa đã đầy") {
		t.Errorf("message %q", last)
	}
	db.Close()
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ro.View(func(tx *store.Tx) error {
		if c := tx.Count(tdkt.KindPerson); c != n {
			t.Errorf("%d people after a full disk, %d committed", c, n)
		}
		return nil
	})
	if probs, _ := ro.Check(); len(probs) != 0 {
		t.Errorf("check after a full disk: %v", probs[0])
	}
}

func TestReadOnlyMedia(t *testing.T) {
	dir := mountTmpfs(t, "4m")
	path := filepath.Join(dir, "o.db")
	if err := store.Create(path, "T1", store.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	_, err := store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrReadOnlyMedia) {
		t.Fatalf("open on read-only media: %v", err)
	}
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reading from read-only media: %v", err)
	}
	db.Close()
}

func TestRemovableOnFixedDisk(t *testing.T) {
	if store.Removable(os.TempDir()) {
		t.Skip("this machine's temporary folder is on a removable drive")
	}
	if store.Removable(filepath.Join(t.TempDir(), "none.db")) {
		t.Error("a temp folder reported as removable")
	}
}
