// Package jobs holds the work the window and the headless commands share —
// feeding the register and the returns from the store, writing and reading
// sync bundles — so that each is written once. It imports no GUI package.
package jobs

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"

	"tdkt"
	"tdkt/export"
	"tdkt/export/bundle"
	"tdkt/store"
)

// LoadIdentity reads this office's key pair; nil without an error when the
// office has none yet.
func LoadIdentity(db *store.DB) (*bundle.Identity, error) {
	var b []byte
	db.View(func(tx *store.Tx) error { b = tx.Identity(); return nil })
	if len(b) == 0 {
		return nil, nil
	}
	return bundle.ParseIdentity(b)
}

// Sent is what WriteBundle wrote.
type Sent struct {
	Path           string
	Seq            uint64
	Records, Blobs int
}

// WriteBundle writes the bundle for peer to into dir: streamed into a
// temporary file, hashed on the way, renamed into place only when complete,
// read back and compared, and only then recorded as sent. pw, when set,
// encrypts for the passphrase instead of the peer's key.
// report, when not nil, is told the phase (of 4) reached.
func WriteBundle(db *store.DB, by string, me *bundle.Identity, to, dir, pw string, full bool, report func(int, int)) (Sent, error) {
	if report == nil {
		report = func(int, int) {}
	}
	// The records and attachments are read from one read transaction
	// while the file is written, twice (see bundle.Source), and never
	// held: a province's first bundle is hundreds of megabytes. (A write
	// meanwhile waits for it only if the database file must grow.) The
	// file is hashed as it is written so that the read-back can be
	// compared without keeping it either.
	var sent Sent
	var hash string
	written := sha256.New()
	err := db.View(func(tx *store.Tx) error {
		peer, err := tx.Peer(to)
		if err != nil {
			return err
		}
		og, err := tx.Outgoing(to, full)
		if err != nil {
			return err
		}
		report(1, 4)
		sent = Sent{Path: filepath.Join(dir, bundle.Name(me.Code, to, og.Seq)), Seq: og.Seq, Records: og.Records, Blobs: og.Blobs}
		m := bundle.Manifest{Seq: og.Seq, Prev: og.Prev, Since: og.Since, Upto: og.Upto, Ack: og.Ack}
		return export.WriteFile(sent.Path, func(w io.Writer) (err error) {
			hash, err = bundle.WriteFrom(io.MultiWriter(w, written), m, outgoing{og}, me,
				bundle.Key{Code: peer.Code, Age: peer.Age, Sign: peer.Sign}, pw)
			if err == nil {
				report(2, 4)
			}
			return err
		})
	})
	if err != nil {
		return Sent{}, err
	}
	report(3, 4)
	back, err := fileSum(sent.Path)
	if err != nil || !bytes.Equal(back, written.Sum(nil)) {
		os.Remove(sent.Path)
		return Sent{}, fmt.Errorf("đọc lại %s không khớp nội dung đã ghi (USB lỗi?): %v", sent.Path, err)
	}
	if err := db.Update(by, func(tx *store.Tx) error { return tx.MarkSent(to, sent.Seq, hash) }); err != nil {
		return Sent{}, err
	}
	return sent, nil
}

// outgoing is the bundle source over the store's choice of records.
type outgoing struct{ og *store.Outgoing }

func (o outgoing) Records(yield func(bundle.Record) error) error {
	return o.og.EachRecord(func(kind tdkt.Kind, id string, data []byte) error {
		return yield(bundle.Record{Kind: kind, ID: id, Data: data})
	})
}

func (o outgoing) Blobs(yield func(string, []byte) error) error { return o.og.EachBlob(yield) }

// fileSum is the SHA-256 of the file at path, read from the medium.
func fileSum(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// TrustFrom looks the sender up for the bundle reader.
func TrustFrom(tx *store.Tx) bundle.Trust {
	return func(code string) (bundle.Key, error) {
		p, err := tx.Peer(code)
		if err != nil {
			return bundle.Key{}, err
		}
		if p.Revoked {
			return bundle.Key{}, fmt.Errorf("khóa của %s đã bị thu hồi", code)
		}
		return bundle.Key{Code: p.Code, Name: p.Name, Level: p.Level, Sign: p.Sign, Age: p.Age}, nil
	}
}

// Received is what ImportBundle applied.
type Received struct {
	store.ImportResult
	From string
	Seq  uint64
}

// ImportBundle verifies a bundle completely, then applies it in one
// transaction, or in parts of ImportPart records when it is larger (see
// store.DB.ImportParts); a refused bundle changes nothing. A larger bundle
// is not held in memory: it is read from its file once to check it and
// again for each pass that writes.
// report, when not nil, is told the progress: the first half while the
// bundle is read and checked, then after each transaction.
func ImportBundle(db *store.DB, by string, me *bundle.Identity, path, pw string, report func(int, int)) (Received, error) {
	return importBundle(db, by, me, path, pw, ImportPart, report)
}

// importBundle is ImportBundle in parts of part records.
func importBundle(db *store.DB, by string, me *bundle.Identity, path, pw string, part int, report func(int, int)) (Received, error) {
	var res Received
	if report == nil {
		report = func(int, int) {}
	}
	f, err := os.Open(path)
	if err != nil {
		return res, fmt.Errorf("mở gói: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return res, fmt.Errorf("mở gói: %w", err)
	}
	var r *bundle.Reader
	err = db.View(func(tx *store.Tx) (err error) {
		r, err = bundle.Open(f, st.Size(), me, pw, TrustFrom(tx))
		return err
	})
	if err != nil {
		return res, err
	}
	m := r.Manifest
	res.From, res.Seq = m.From, m.Seq
	in := &store.Incoming{From: m.From, To: m.To, Seq: m.Seq, Prev: m.Prev, Hash: r.Hash, Upto: m.Upto, Ack: m.Ack}
	if store.OneTransaction(r.Records(), part, r.RecordBytes(), r.BlobBytes()) {
		defer collectLess()()
		b, err := r.ReadAll()
		if err != nil {
			return res, err
		}
		in.Blobs = b.Blobs
		in.Records = make([]store.Raw, len(b.Records))
		for i, rec := range b.Records {
			in.Records[i] = store.Raw{Kind: rec.Kind, ID: rec.ID, Data: rec.Data}
		}
		report(1, 2)
	} else {
		in.Feed = &feed{r: r, total: r.Records(), report: report}
	}
	// the reading is the first half, the transactions share the second
	res.ImportResult, err = db.ImportParts(by, in, part, func(done, total int) { report(total+done, 2*total) })
	return res, err
}

// An import in one transaction allocates as it goes and keeps most of it
// until it commits: the bundle, the decoded records, the index writes and
// bbolt's dirty pages. Paced as usual (a collection each time the heap
// doubles), the collector went over that growing live heap again and again:
// a third of the time of a 10,000-record import (measured: warm imports of
// 590–810 ms against 460–560 ms with the heap let grow to four times what
// is live, for a peak heap of 285 MB instead of 235). Such a bundle is
// bounded (store.OneTransaction), and so is what this costs; an import in
// parts is not made faster by it (each part's commit is most of its time)
// and would hold more than twice the memory, so it keeps the usual pacing.
const (
	importGCPercent = 300
	importMemLimit  = 1 << 30 // all the Go runtime holds, whatever the percent
)

// collectLess makes the collector run less often for the length of an
// import — the heap may grow to four times what is live, within
// importMemLimit in all — and returns what puts the pacing back. The
// setting is the process's, and two imports can overlap (the window starts
// a second while the first, no longer shown, finishes): one that finds the
// other's setting puts back Go's defaults instead, so that the process is
// never left with an import's pacing.
func collectLess() (restore func()) {
	pct := debug.SetGCPercent(importGCPercent)
	limit := debug.SetMemoryLimit(-1) // reads it
	debug.SetMemoryLimit(min(limit, importMemLimit))
	if pct == importGCPercent {
		pct = 100
	}
	if limit == importMemLimit {
		limit = math.MaxInt64
	}
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}

// feed gives store a bundle's records and attachments from its file, pass
// after pass. The first pass, which checks the whole bundle before
// anything is written, reports its progress as the first half.
type feed struct {
	r      *bundle.Reader
	total  int // records in the bundle
	passes int
	report func(int, int)
}

func (f *feed) Each(rec func(store.Raw) error, blob func(string, []byte) error) error {
	f.passes++
	var onRec func(bundle.Record) error
	if rec != nil {
		n, first := 0, f.passes == 1
		onRec = func(r bundle.Record) error {
			if n++; first && n%1000 == 0 {
				f.report(n, 2*f.total)
			}
			return rec(store.Raw{Kind: r.Kind, ID: r.ID, Data: r.Data})
		}
	}
	return f.r.Each(onRec, blob)
}

// ImportPart is the number of records an import writes per transaction
// (store.DB.ImportParts): a bundle up to this size goes in one; a
// province's first bundle to a commune, hundreds of thousands of records,
// in parts whose memory is bounded.
const ImportPart = 20000
