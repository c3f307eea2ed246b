// Package store keeps an office's records in one embedded bbolt file: record
// buckets per kind, secondary indexes, a folded-word search index and an
// append-only audit chain, all written in the same transaction as the
// record they describe.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterr "go.etcd.io/bbolt/errors"
)

// Schema is the version of the layout this code writes. Opening a file with
// a newer schema is refused; an older one is migrated.
const Schema = 5

// Errors callers tell apart. Their texts are Vietnamese with the English
// meaning after, since the window and the command line both show them.
var (
	ErrLocked  = errors.New("cơ sở dữ liệu đang được mở ở một cửa sổ khác (database is already open in another window)")
	ErrNotTDKT = errors.New("tệp không phải cơ sở dữ liệu tdkt (not a tdkt database)")
	// ErrNeedsUpgrade: a read-only open of a file an older version wrote;
	// one writable open upgrades it.
	ErrNeedsUpgrade = errors.New("tệp dữ liệu do phiên bản cũ tạo ra, cần mở một lần ở chế độ ghi để nâng cấp cấu trúc (database needs a schema upgrade)")
	ErrNewer        = errors.New("cơ sở dữ liệu do phiên bản tdkt mới hơn tạo ra, hãy cập nhật chương trình (database schema is newer than this program)")
	ErrNotFound     = errors.New("không tìm thấy bản ghi (record not found)")
	ErrExists       = errors.New("tệp đã tồn tại (file already exists)")
	ErrReadOnly     = errors.New("cơ sở dữ liệu đang mở chỉ đọc (database is read-only)")
	ErrNoFile       = errors.New("không có tệp cơ sở dữ liệu (database file does not exist)")
	// ErrIndexDamaged: the search index cannot be read where a search
	// needs it. It is derived from the records, which are not harmed.
	ErrIndexDamaged = errors.New("chỉ mục tìm kiếm trong tệp bị hỏng; hồ sơ, bản ghi không mất — vào Cài đặt → Sao lưu & khôi phục → " +
		"\"Kiểm tra tệp dữ liệu\" để dựng lại chỉ mục từ các bản ghi (dòng lệnh: tdkt check --repair) (search index damaged)")
)

var (
	bucketMeta  = []byte("meta")
	bucketAudit = []byte("audit")
	// bucketSearch holds the search index in blocks of postings
	// (postings.go); bucketOldSearch is the one key per posting of schema
	// 3 and before, read only by the upgrade.
	bucketSearch    = []byte("words")
	bucketOldSearch = []byte("search")
	bucketText      = []byte("text")
	keySchema       = []byte("schema")
	keyOffice       = []byte("office")
	keyClock        = []byte("clock")
)

// Options tune Open and Create.
type Options struct {
	ReadOnly bool
	// Timeout waits for another process's lock; bbolt's default waits
	// forever, which a user reads as a frozen window.
	Timeout time.Duration
	// Now is the clock for updated-at stamps; the demo uses a fixed one so
	// that the same seed gives the same digest.
	Now func() time.Time
	// NoSync skips fsync per commit, for bulk generation into a temporary
	// file that is synced once before it is renamed into place.
	NoSync bool
	// Replica names a new database's replica in version vectors; empty
	// means a random one. The demo sets it so that a seed gives one digest.
	Replica string
}

// DB is an open office database.
type DB struct {
	bolt    *bolt.DB
	path    string
	now     func() time.Time
	office  string
	replica string
	ro      bool
}

func boltOptions(o Options) *bolt.Options {
	t := o.Timeout
	if t == 0 {
		t = time.Second
	}
	bo := &bolt.Options{Timeout: t, ReadOnly: o.ReadOnly, NoSync: o.NoSync, NoFreelistSync: false}
	if !o.ReadOnly {
		// Only writes grow the file; a reader maps what is there.
		bo.InitialMmapSize = initialMmap
	}
	return bo
}

// openErr turns bbolt's errors into the ones users can act on.
func openErr(path string, err error) error {
	switch {
	case errors.Is(err, bolterr.ErrTimeout):
		return fmt.Errorf("%s: %w", path, ErrLocked)
	case errors.Is(err, bolterr.ErrInvalid), errors.Is(err, bolterr.ErrVersionMismatch),
		errors.Is(err, bolterr.ErrChecksum), errors.Is(err, bolterr.ErrInvalidMapping):
		return fmt.Errorf("%s: %w", path, ErrNotTDKT)
	}
	return fmt.Errorf("mở %s: %w", path, mediaErr(err))
}

// Open opens an existing tdkt database. It never creates a file: a missing
// path is an error, so a typo cannot leave an empty database behind.
func Open(path string, o Options) (*DB, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoFile)
	}
	if err != nil {
		return nil, fmt.Errorf("mở %s: %w", path, err)
	}
	if st.IsDir() || st.Size() == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrNotTDKT)
	}
	b, err := bolt.Open(path, 0o600, boltOptions(o))
	if err != nil {
		return nil, openErr(path, err)
	}
	db := &DB{bolt: b, path: path, now: o.Now, ro: o.ReadOnly}
	if db.now == nil {
		db.now = time.Now
	}
	if err := db.checkSchema(); err != nil {
		b.Close()
		return nil, err
	}
	if !o.ReadOnly {
		// buckets added by later versions of the same schema (new kinds,
		// new indexes) appear on the first writable open
		if err := b.Update(ensureBuckets); err != nil {
			b.Close()
			return nil, fmt.Errorf("mở %s: %w", path, err)
		}
	}
	return db, nil
}

func (db *DB) checkSchema() error {
	var ver uint64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return fmt.Errorf("%s: %w", db.path, ErrNotTDKT)
		}
		v := m.Get(keySchema)
		if len(v) != 8 {
			return fmt.Errorf("%s: %w", db.path, ErrNotTDKT)
		}
		ver = binary.BigEndian.Uint64(v)
		db.office = string(m.Get(keyOffice))
		db.replica = string(m.Get(keyReplica))
		return nil
	})
	if err != nil {
		return err
	}
	if ver > Schema {
		return fmt.Errorf("%s (schema %d > %d): %w", db.path, ver, Schema, ErrNewer)
	}
	if ver < Schema {
		if db.ro {
			return fmt.Errorf("%s (schema %d): %w", db.path, ver, ErrNeedsUpgrade)
		}
		return db.migrate(ver)
	}
	return nil
}

// NeedsUpgrade tells whether the file at path was written by an older
// schema, so that the first writable Open will upgrade it. The upgrade of a
// large file takes a while (tens of seconds for a province's 20 years), so
// the window says so before it starts instead of seeming to hang.
func NeedsUpgrade(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, fmt.Errorf("mở %s: %w", path, err)
	}
	if st.IsDir() || st.Size() == 0 {
		return false, fmt.Errorf("%s: %w", path, ErrNotTDKT)
	}
	b, err := bolt.Open(path, 0o600, boltOptions(Options{ReadOnly: true, Timeout: time.Second}))
	if err != nil {
		return false, openErr(path, err)
	}
	defer b.Close()
	var ver uint64
	err = b.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil || len(m.Get(keySchema)) != 8 {
			return fmt.Errorf("%s: %w", path, ErrNotTDKT)
		}
		ver = binary.BigEndian.Uint64(m.Get(keySchema))
		return nil
	})
	return err == nil && ver < Schema, err
}

// migrations[v] upgrades a file from schema v to v+1 inside one transaction,
// after the buckets of this version exist.
var migrations = map[uint64]func(t *Tx) error{
	// 2: award facts and counters and dossier list rows (derived.go);
	// search keys carry their record's word mask (search.go)
	1: func(t *Tx) error {
		if err := t.RebuildDerived(); err != nil {
			return err
		}
		return t.rebuildSearchMasks()
	},
	// 3: an index of models (person.model)
	2: func(t *Tx) error { return t.rebuildNamed("person.model") },
	// 4: search postings in blocks (postings.go)
	3: func(t *Tx) error { return t.blockSearch() },
	// 5: an index of merged people (person.merged)
	4: func(t *Tx) error { return t.rebuildNamed("person.merged") },
}

func (db *DB) migrate(from uint64) error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := ensureBuckets(tx); err != nil {
			return err
		}
		t := &Tx{tx: tx, db: db, writable: true}
		for v := from; v < Schema; v++ {
			m, ok := migrations[v]
			if !ok {
				return fmt.Errorf("không có bước nâng cấp từ schema %d", v)
			}
			if err := m(t); err != nil {
				return fmt.Errorf("nâng cấp schema %d: %w", v, err)
			}
		}
		if err := t.flushPostings(); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(Schema))
	})
}

// Create makes a new database for office at path. The file is built under a
// temporary name and renamed into place only once initialised and synced, so
// a power cut never leaves a half-made database at path. init, when not nil,
// runs on the new database before the rename (the demo fills it there).
func Create(path, office string, o Options, init func(*DB) error) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("tạo tệp tạm trong %s: %w", dir, err)
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // bbolt initialises a file it creates itself
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	b, err := bolt.Open(tmp, 0o600, boltOptions(o))
	if err != nil {
		return openErr(tmp, err)
	}
	replica := []byte(o.Replica)
	if len(replica) == 0 {
		replica = newReplica()
	}
	db := &DB{bolt: b, path: tmp, now: o.Now, office: office, replica: string(replica)}
	if db.now == nil {
		db.now = time.Now
	}
	err = b.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := m.Put(keySchema, u64(Schema)); err != nil {
			return err
		}
		if err := m.Put(keyOffice, []byte(office)); err != nil {
			return err
		}
		if err := m.Put(keyReplica, replica); err != nil {
			return err
		}
		return ensureBuckets(tx)
	})
	if err == nil && init != nil {
		err = init(db)
	}
	if err == nil {
		err = b.Sync()
	}
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("khởi tạo %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("đổi tên %s: %w", path, err)
	}
	ok = true
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // some platforms cannot open directories; the rename stands
	}
	defer d.Close()
	d.Sync()
	return nil
}

func ensureBuckets(tx *bolt.Tx) error {
	names := [][]byte{bucketAudit, bucketSearch, bucketText, bucketJournal, bucketConflicts, bucketPeers, bucketBlobs,
		bucketFacts, bucketCounts, bucketRows}
	for _, k := range allKinds() {
		names = append(names, []byte(k))
	}
	for _, ix := range indexes {
		names = append(names, ix.bucket())
	}
	for _, n := range names {
		if _, err := tx.CreateBucketIfNotExists(n); err != nil {
			return fmt.Errorf("tạo bucket %s: %w", n, err)
		}
	}
	return nil
}

// Close releases the file and its lock.
func (db *DB) Close() error { return db.bolt.Close() }

// Path is the file the database lives in.
func (db *DB) Path() string { return db.path }

// Office is the code of the office that owns this database.
func (db *DB) Office() string { return db.office }

// View runs fn in a read transaction.
func (db *DB) View(fn func(*Tx) error) error {
	return db.bolt.View(func(btx *bolt.Tx) error { return fn(&Tx{tx: btx, db: db}) })
}

// Update runs fn in one write transaction on behalf of user. Every record fn
// writes gets its audit entry in the same transaction, so the log and the
// data cannot disagree after a crash.
func (db *DB) Update(user string, fn func(*Tx) error) error {
	if db.ro {
		return ErrReadOnly
	}
	return mediaErr(db.bolt.Update(func(btx *bolt.Tx) error {
		t := &Tx{tx: btx, db: db, user: user, writable: true}
		role, err := t.roleOf(user)
		if err != nil {
			return err
		}
		t.role = role
		if err := fn(t); err != nil {
			return err
		}
		return t.flushPostings()
	}))
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}
