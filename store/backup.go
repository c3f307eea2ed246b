package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

var keyReplica = []byte("replica")

// Replica is this file's replica identity. Sync counters are per replica, so
// a restored copy takes a new one and never reuses counters it may already
// have sent.
func (db *DB) Replica() string {
	var r string
	db.bolt.View(func(tx *bolt.Tx) error {
		r = string(tx.Bucket(bucketMeta).Get(keyReplica))
		return nil
	})
	return r
}

func newReplica() []byte {
	b := make([]byte, 8)
	rand.Read(b)
	return []byte(hex.EncodeToString(b))
}

// Backup writes a consistent copy of the open database to path while the
// window keeps working (a read transaction sees one snapshot). The copy is
// written under a temporary name, synced, reopened and checked, and only
// then renamed into place.
func (db *DB) Backup(path string) error {
	if err := db.copyTo(path, true); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	return nil
}

// copyTo writes a consistent copy of the file to path under a temporary
// name, synced, then renamed into place; with verify, the copy must pass
// Check first (a backup), without it the copy is kept as it is (the file
// before a repair, damage and all).
func (db *DB) copyTo(path string, verify bool) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("chép vào %s: %w", dir, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	err = db.bolt.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		return fmt.Errorf("chép %s: %w", path, err)
	}
	if verify {
		if err := verifyFile(tmp); err != nil {
			return fmt.Errorf("bản sao không đọc lại được: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("chép %s: %w", path, err)
	}
	ok = true
	return syncDir(dir)
}

// verifyFile opens a copy read-only and checks its audit chain and
// structure.
func verifyFile(path string) error {
	c, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer c.Close()
	probs, err := c.Check()
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		return fmt.Errorf("%d lỗi, đầu tiên: %s", len(probs), probs[0])
	}
	return nil
}

// Restore replaces the database at path with the backup at from. The backup
// is verified first; the new file is built beside path, given a new replica
// identity, synced and renamed over the old one, so a power cut leaves
// either the old database or the restored one. The database must not be
// open.
func Restore(path, from string) error {
	if err := verifyFile(from); err != nil {
		return fmt.Errorf("không khôi phục từ %s: %w", from, err)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("khôi phục vào %s: %w", dir, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	src, err := os.Open(from)
	if err != nil {
		f.Close()
		return fmt.Errorf("mở %s: %w", from, err)
	}
	_, err = io.Copy(f, src)
	src.Close()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("chép %s: %w", from, err)
	}
	// the target must not be open in a window: take its lock briefly
	if _, err := os.Stat(path); err == nil {
		cur, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			return openErr(path, err)
		}
		defer cur.Close()
	}
	b, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return openErr(tmp, err)
	}
	err = b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyReplica, newReplica()) })
	if err == nil {
		err = b.Sync()
	}
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("khôi phục: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("khôi phục %s: %w", path, err)
	}
	ok = true
	return syncDir(dir)
}

// AutoBackup writes a rotating backup named tdkt-YYYYMMDD-HHMMSS.db into dir
// and keeps the newest keep of them.
func (db *DB) AutoBackup(dir string, keep int, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("tạo thư mục sao lưu %s: %w", dir, err)
	}
	path := filepath.Join(dir, "tdkt-"+now.Format("20060102-150405")+".db")
	if err := db.Backup(path); err != nil {
		return "", err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return path, nil
	}
	var olds []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "tdkt-") && strings.HasSuffix(n, ".db") {
			olds = append(olds, n)
		}
	}
	sort.Strings(olds)
	for len(olds) > keep {
		if err := os.Remove(filepath.Join(dir, olds[0])); err != nil && !errors.Is(err, os.ErrNotExist) {
			return path, fmt.Errorf("xóa bản sao lưu cũ: %w", err)
		}
		olds = olds[1:]
	}
	return path, nil
}
