package store_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
	"tdkt/store"
	"tdkt/store/demo"
)

func TestBackupWipeRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "office.db")
	if err := demo.Generate(path, "small", 3, nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := db.Stats()
	replica := db.Replica()
	bak := filepath.Join(dir, "stick", "backup.db")
	os.MkdirAll(filepath.Dir(bak), 0o755)
	if err := db.Backup(bak); err != nil { // hot: the database stays open
		t.Fatal(err)
	}
	db.Close()
	os.Remove(path) // wipe
	if err := store.Restore(path, bak); err != nil {
		t.Fatal(err)
	}
	got, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if _, d, _ := got.Stats(); d != want {
		t.Fatalf("digest after restore %s, want %s", d, want)
	}
	if got.Replica() == replica || got.Replica() == "" {
		t.Errorf("restored copy kept replica identity %q", replica)
	}
	if probs, _ := got.Check(); len(probs) != 0 {
		t.Fatal(probs)
	}
}

func TestRestoreRefusesBadBackupAndOpenTarget(t *testing.T) {
	dir := t.TempDir()
	db, path := newDB(t)
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("x", 10000)), 0o600)
	before, _ := os.ReadFile(path)
	if err := store.Restore(path, junk); !errors.Is(err, store.ErrNotTDKT) {
		t.Fatalf("restore from junk: %v", err)
	}
	bak := filepath.Join(dir, "b.db")
	if err := db.Backup(bak); err != nil {
		t.Fatal(err)
	}
	if err := store.Restore(path, bak); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("restore over an open database: %v", err)
	}
	if after, _ := os.ReadFile(path); string(before) != string(after) {
		t.Fatal("failed restore changed the database")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s", e.Name())
		}
	}
}

func TestAutoBackupRotates(t *testing.T) {
	db, _ := newDB(t)
	dir := filepath.Join(t.TempDir(), "backups")
	at := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		if _, err := db.AutoBackup(dir, 3, at.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 || entries[0].Name() != "tdkt-20261126-100000.db" {
		t.Fatalf("kept %v", entries)
	}
}

// tamper edits a copy of the database with raw bbolt.
func tamper(t *testing.T, src string, fn func(audit *bolt.Bucket)) string {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "tampered.db")
	copyFile(t, src, cp)
	b, err := bolt.Open(cp, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(tx *bolt.Tx) error { fn(tx.Bucket([]byte("audit"))); return nil }); err != nil {
		t.Fatal(err)
	}
	b.Close()
	return cp
}

func key(n uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, n)
	return k
}

func TestAuditTamperingNamesFirstBadEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	if err := demo.Generate(path, "small", 5, nil); err != nil {
		t.Fatal(err)
	}
	edit := func(n uint64, f func(e map[string]any)) func(*bolt.Bucket) {
		return func(b *bolt.Bucket) {
			var e map[string]any
			json.Unmarshal(b.Get(key(n)), &e)
			f(e)
			v, _ := json.Marshal(e)
			b.Put(key(n), v)
		}
	}
	tests := []struct {
		name  string
		fn    func(*bolt.Bucket)
		first uint64
	}{
		{"edit who", edit(40, func(e map[string]any) { e["by"] = "kẻ gian" }), 40},
		{"edit checksum", edit(7, func(e map[string]any) { e["sum"] = strings.Repeat("0", 64) }), 7},
		{"delete entry", func(b *bolt.Bucket) { b.Delete(key(100)) }, 100},
		{"delete last entry", func(b *bolt.Bucket) {
			k, _ := b.Cursor().Last()
			b.Delete(k)
		}, 0}, // chain still whole; Check sees the record out of step
		{"reorder entries", func(b *bolt.Bucket) {
			x, y := append([]byte(nil), b.Get(key(20))...), append([]byte(nil), b.Get(key(21))...)
			b.Put(key(20), y)
			b.Put(key(21), x)
		}, 20},
		{"rewrite whole tail consistently except the link", edit(300, func(e map[string]any) { e["prev"] = strings.Repeat("a", 64) }), 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp := tamper(t, path, tt.fn)
			db, err := store.Open(cp, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			err = db.View(func(tx *store.Tx) error { return tx.VerifyAudit(nil) })
			var ae *store.AuditError
			if tt.first == 0 {
				if err != nil {
					t.Fatalf("verify: %v", err)
				}
				if probs, _ := db.Check(); len(probs) == 0 {
					t.Fatal("check did not see the record out of step with its log")
				}
				return
			}
			if !errors.As(err, &ae) || ae.Seq != tt.first {
				t.Fatalf("verify = %v, want first bad entry %d", err, tt.first)
			}
		})
	}
}

func TestRecordEditedOutsideIsCaught(t *testing.T) {
	db, path := newDB(t)
	p := &tdkt.Person{Name: "Nguyễn Văn An"}
	put(t, db, p)
	db.Close()
	cp := filepath.Join(t.TempDir(), "c.db")
	copyFile(t, path, cp)
	b, _ := bolt.Open(cp, 0o600, nil)
	b.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket([]byte("person"))
		v := strings.Replace(string(bk.Get([]byte(p.ID))), "Nguyễn Văn An", "Nguyễn Văn Ăn", 1)
		return bk.Put([]byte(p.ID), []byte(v))
	})
	b.Close()
	c, err := store.Open(cp, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	probs, _ := c.Check()
	found := false
	for _, pr := range probs {
		found = found || strings.Contains(pr.String(), "không khớp với nhật ký")
	}
	if !found {
		t.Fatalf("check missed an edit made outside the program: %v", probs)
	}
}
