package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// BlobPart is how many bytes of attachments an import in parts stores per
// transaction: scans are a few hundred kilobytes each, and a commune's
// first bundle may carry years of them.
const BlobPart = 64 << 20

// ImportParts applies a verified bundle as Tx.Import does, but one of more
// than size records in parts of size, each in a transaction of its own. A
// province's first bundle to a new commune carries every record a commune
// sees — hundreds of thousands — and one bbolt transaction holds all it
// writes in memory until it commits: about 5 GB for the province demo,
// more than an office PC has. A bundle given by a Feed (in.Feed) always
// goes in parts, and is read from its file once per pass below, so that
// it is never held whole either.
//
// Attachments go first, in transactions of about 64 MB (an attachment
// is stored under its hash, so one that arrives before the records that
// name it harms nothing), and a bundle whose attachments exceed that goes
// in parts whatever its number of records.
//
// A bundle is still refused whole: every check Import makes (sender,
// sequence, the scope of every record, every attachment's hash) is made,
// in a first pass, before the first part is written. The records go in
// two passes, every other kind first and awards last, so that an award's
// derived facts are taken with its person, unit and dossier in place, as
// a single merge takes them at its end. The bundle is recorded as applied
// only with its last part; if the work stops between parts (power cut,
// full disk), the parts written stay — each a complete, valid merge of
// records — and importing the same file again applies the rest (what is
// already applied compares equal and is left as it is).
//
// progress, when not nil, is told after each transaction how many of the
// import's transactions are done.
func (db *DB) ImportParts(user string, in *Incoming, size int, progress func(done, total int)) (ImportResult, error) {
	return db.importParts(user, in, partLimits{records: size, recordBytes: RecordPart, blobBytes: BlobPart}, -1, progress)
}

// RecordPart is about how many bytes of records (as received) an import
// in parts writes per transaction, whatever their number: what one
// transaction holds grows with the records' size (about three times
// it), and a dossier weighs as much as twenty awards.
const RecordPart = 16 << 20

// wholeRecords is the most bytes of records a bundle held in memory may
// have to go in one transaction.
const wholeRecords = 64 << 20

// OneTransaction reports whether ImportParts, in parts of size records,
// applies a bundle of n records of recordBytes bytes with blobBytes bytes
// of attachments in one transaction: all of it or nothing, as a routine
// bundle should go. A larger one is better read from its file, pass after
// pass (Incoming.Feed), than held.
func OneTransaction(n, size int, recordBytes, blobBytes int64) bool {
	return size <= 0 || n <= size && recordBytes <= wholeRecords && blobBytes <= BlobPart
}

// partLimits bound what one transaction of an import in parts writes.
type partLimits struct {
	records     int // records
	recordBytes int // about this many bytes of records
	blobBytes   int // about this many bytes of attachments
}

// packer groups the items of a sequence into runs of at most max items
// and about limit bytes, at least one item each, as they come. The first
// pass and the writing passes pack alike, so the parts counted beforehand
// (for the progress, and a PartialImport's total) are those written.
type packer struct {
	max, limit int
	n, held    int // the current run
	runs       int // runs begun
}

// add puts an item of size bytes in the current run, or begins the next
// one with it; it reports whether the current run was full.
func (p *packer) add(size int) (full bool) {
	full = p.n > 0 && (p.n == p.max || p.held+size > p.limit)
	if full || p.n == 0 {
		p.n, p.held = 0, 0
		p.runs++
	}
	p.n++
	p.held += size
	return full
}

// Feed is a verified bundle's records and attachments, read again (from
// its file) on each call to Each instead of held in memory.
type Feed interface {
	// Each calls rec with every record, in the bundle's order, then blob
	// with every attachment, in increasing order of its hash. A nil
	// function skips what it would be given. Each checks what it hands
	// out against the bundle's signed manifest, every time; the callbacks
	// may keep what they are given (a record's Data may be a slice of a
	// larger buffer, which keeping it keeps). It stops at the first error.
	Each(rec func(Raw) error, blob func(sum string, data []byte) error) error
}

// memFeed is the Feed of a bundle held in memory.
type memFeed struct{ in *Incoming }

func (m memFeed) Each(rec func(Raw) error, blob func(string, []byte) error) error {
	for _, r := range m.in.Records {
		if rec == nil {
			break
		}
		if err := rec(r); err != nil {
			return err
		}
	}
	for _, sum := range sortedSums(m.in.Blobs) {
		if blob == nil {
			break
		}
		if err := blob(sum, m.in.Blobs[sum]); err != nil {
			return err
		}
	}
	return nil
}

// Errors that end an import's pass over its feed early.
var (
	errStopped   = errors.New("import stopped (test)")
	errFeedMoved = errors.New("gói đọc lại khác lần đọc trước (tệp bị thay đổi trong khi nhập?): dừng nhập")
)

// importParts is ImportParts within lim, stopping after stop parts of
// records when stop ≥ 0, as an interruption would (for tests).
func (db *DB) importParts(user string, in *Incoming, lim partLimits, stop int, progress func(done, total int)) (ImportResult, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	var res ImportResult
	feed := in.Feed
	if feed == nil {
		var recordBytes, blobBytes int64
		for _, r := range in.Records {
			recordBytes += int64(len(r.Data))
		}
		for _, b := range in.Blobs {
			blobBytes += int64(len(b))
		}
		if OneTransaction(len(in.Records), lim.records, recordBytes, blobBytes) && blobBytes <= int64(lim.blobBytes) {
			err := db.Update(user, func(tx *Tx) (err error) {
				res, err = tx.Import(in)
				return err
			})
			if err == nil {
				progress(1, 1)
			}
			return res, err
		}
		feed = memFeed{in}
	}
	if lim.records <= 0 {
		lim.records = math.MaxInt
	}
	pl, err := db.planImport(in, feed, lim)
	if err != nil || pl.dup {
		res.Duplicate = pl.dup
		return res, err
	}
	recordTx := max(1, pl.parts)
	total := pl.blobs.runs + recordTx
	// every transaction but the last says the import is not finished, so
	// that a power cut between two is told at the next start
	mark := func(tx *Tx, done int) error { return tx.markUnfinished(in, done, total) }
	if pl.blobs.runs > 0 {
		done := 0
		if err := db.importBlobs(user, feed, lim.blobBytes, &res, mark, func(n int) { done = n; progress(n, total) }); err != nil {
			if done > 0 {
				// attachments written stay (harmless: stored by hash),
				// and the import is marked unfinished: say so
				return res, &PartialImport{Done: done, Parts: total, Err: err}
			}
			return res, err
		}
	}
	var chunk []Raw
	written, part := 0, 0
	// flush writes chunk as a part; the last part, which records the
	// bundle as applied, only once both passes have read all they should
	flush := func(last bool) error {
		if part == stop {
			return errStopped
		}
		if last && written+len(chunk) != pl.records {
			if part > 0 {
				return &PartialImport{Done: part, Parts: recordTx, Err: errFeedMoved}
			}
			return errFeedMoved
		}
		err := db.Update(user, func(tx *Tx) error {
			// the checks again: another import may have run meanwhile
			p, dup, err := tx.admit(in)
			if err != nil {
				return err
			}
			if dup {
				res.Duplicate = true
				return nil
			}
			decoded, err := inScope(p, chunk)
			if err != nil {
				return err
			}
			s, err := tx.apply(in.From, chunk, decoded)
			if err != nil {
				return err
			}
			res.Summary = res.Summary.add(s)
			if last {
				return tx.finishImport(p, in, &res)
			}
			return mark(tx, pl.blobs.runs+part+1)
		})
		if err != nil && part > 0 {
			return &PartialImport{Done: part, Parts: recordTx, Err: err}
		}
		if err != nil || res.Duplicate {
			return errOr(err, errStopped)
		}
		written, part = written+len(chunk), part+1
		chunk = chunk[:0] // committed: bbolt holds none of it now
		progress(pl.blobs.runs+part, total)
		return nil
	}
	pk := packer{max: lim.records, limit: lim.recordBytes}
	for _, awards := range []bool{false, true} {
		err := feed.Each(func(r Raw) error {
			if (r.Kind == tdkt.KindAward) != awards {
				return nil
			}
			// a full chunk goes when the next record comes: the one
			// left at the end is the last part
			if pk.add(len(r.Data)) {
				if err := flush(false); err != nil {
					return err
				}
			}
			// kept until its part commits, as a copy: a record from the
			// bundle's file is a slice of its 16 MB part, and the others
			// before the awards keep a few records of every part
			chunk = append(chunk, Raw{Kind: r.Kind, ID: r.ID, Data: bytes.Clone(r.Data)})
			return nil
		}, nil)
		var pi *PartialImport
		if err != nil && part > 0 && !errors.As(err, &pi) && !errors.Is(err, errStopped) {
			// the file could not be read again (the stick was pulled,
			// say) after parts were written: they stay, and say so
			err = &PartialImport{Done: part, Parts: recordTx, Err: err}
		}
		if err != nil {
			return res, stopped(err)
		}
	}
	// the last part; for a bundle without records, the transaction that
	// records it as applied
	return res, stopped(flush(true))
}

// keyUnfinished (in meta), followed by the sender's code, holds the
// UnfinishedImport of an import in parts from that sender that has written
// parts but not its last: one per sender, so that another sender's import
// does not hide it.
var keyUnfinished = []byte("import.unfinished/")

func unfinishedKey(from string) []byte { return append(bytes.Clone(keyUnfinished), from...) }

// UnfinishedImport is an import in parts that stopped between two parts —
// a power cut, a pulled stick — and has not been finished since: what it
// wrote is whole, the rest comes by importing the same bundle again.
type UnfinishedImport struct {
	From  string    `json:"from"`
	Seq   uint64    `json:"seq"`
	Done  int       `json:"done"`  // transactions written
	Parts int       `json:"parts"` // transactions in all
	At    time.Time `json:"at"`    // when the last of them was written
}

func (t *Tx) markUnfinished(in *Incoming, done, parts int) error {
	b, err := json.Marshal(UnfinishedImport{From: in.From, Seq: in.Seq, Done: done, Parts: parts, At: t.db.now().UTC()})
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketMeta).Put(unfinishedKey(in.From), b)
}

// finishedImport clears the mark of an unfinished import once a bundle
// from its sender at least as new is applied whole: bundles apply in
// order, so that one carried what the unfinished one had left.
func (t *Tx) finishedImport(in *Incoming) error {
	m := t.tx.Bucket(bucketMeta)
	key := unfinishedKey(in.From)
	var u UnfinishedImport
	if v := m.Get(key); v == nil || json.Unmarshal(v, &u) == nil && u.Seq > in.Seq {
		return nil
	}
	return m.Delete(key)
}

// Unfinished lists the imports in parts that stopped before their end,
// one per sender.
func (db *DB) Unfinished() ([]UnfinishedImport, error) {
	var out []UnfinishedImport
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMeta).Cursor()
		for k, v := c.Seek(keyUnfinished); k != nil && bytes.HasPrefix(k, keyUnfinished); k, v = c.Next() {
			var u UnfinishedImport
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("đọc %s: %w", k, err)
			}
			out = append(out, u)
		}
		return nil
	})
	return out, err
}

// stopped is nil for errStopped (the import stopped as asked, or found
// its bundle applied already), else err.
func stopped(err error) error {
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

func errOr(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

// importPlan is what the first pass over an import in parts found.
type importPlan struct {
	dup     bool // the very bundle was applied before
	records int  // how many records it carries
	parts   int  // the transactions of records, packed as the passes that write will
	blobs   packer
}

// planImport is an import's first pass: every check Import makes — the
// sender and sequence, each record decoded (a part's worth at a time, and
// let go) and in the sender's scope, each attachment against its hash — before
// anything is written.
func (db *DB) planImport(in *Incoming, feed Feed, lim partLimits) (importPlan, error) {
	pl := importPlan{blobs: packer{max: math.MaxInt, limit: lim.blobBytes}}
	// the records are written others first, then awards: the awards'
	// sizes are kept (4 bytes each) to be packed after the others
	pk := packer{max: lim.records, limit: lim.recordBytes}
	var awards []int32
	err := db.View(func(tx *Tx) error {
		p, dup, err := tx.admit(in)
		if err != nil || dup {
			pl.dup = dup
			return err
		}
		var chunk []Raw
		check := func() error {
			_, err := inScope(p, chunk)
			chunk = chunk[:0]
			return err
		}
		// checked in chunks as the writes will be: as many records, as
		// many bytes
		ck := packer{max: lim.records, limit: lim.recordBytes}
		err = feed.Each(func(r Raw) error {
			pl.records++
			if r.Kind == tdkt.KindAward {
				awards = append(awards, int32(len(r.Data)))
			} else {
				pk.add(len(r.Data))
			}
			if ck.add(len(r.Data)) {
				if err := check(); err != nil {
					return err
				}
			}
			chunk = append(chunk, r)
			return nil
		}, func(sum string, b []byte) error {
			if err := checkBlob(sum, b); err != nil {
				return err
			}
			pl.blobs.add(len(b))
			return nil
		})
		if err == nil && len(chunk) > 0 {
			err = check()
		}
		return err
	})
	for _, n := range awards {
		pk.add(int(n))
	}
	pl.parts = pk.runs
	return pl, err
}

// PartialImport is the error of an import in parts that stopped after
// writing Done of its Parts parts of records: what is written stays (each
// part a complete merge), the bundle does not count as applied, and the
// same file imported again writes the rest.
type PartialImport struct {
	Done, Parts int
	Err         error
}

func (e *PartialImport) Error() string {
	return fmt.Sprintf("đã ghi %d trong %d phần của gói; phần còn lại chưa ghi vì: %v (khắc phục xong, nhập lại chính tệp này để ghi nốt)",
		e.Done, e.Parts, e.Err)
}

func (e *PartialImport) Unwrap() error { return e.Err }

// importBlobs stores the bundle's attachments that this file lacks, about
// size bytes per transaction (at least one attachment each), read from
// feed. planImport has checked each against its hash, and feed checks
// them again as it reads them.
func (db *DB) importBlobs(user string, feed Feed, size int, res *ImportResult, mark func(*Tx, int) error, done func(int)) error {
	var run []blobRef
	n := 0
	pk := packer{max: math.MaxInt, limit: size}
	flush := func() error {
		err := db.Update(user, func(tx *Tx) error {
			for _, b := range run {
				if tx.hasBlob(b.sum) {
					continue
				}
				if err := tx.putCheckedBlob(b.sum, b.data); err != nil {
					return err
				}
				res.Blobs++
			}
			return mark(tx, n+1)
		})
		if err != nil {
			return err
		}
		n++
		done(n)
		run = run[:0]
		return nil
	}
	err := feed.Each(nil, func(sum string, b []byte) error {
		if pk.add(len(b)) {
			if err := flush(); err != nil {
				return err
			}
		}
		run = append(run, blobRef{sum, b})
		return nil
	})
	if err == nil && len(run) > 0 {
		err = flush()
	}
	return err
}

// sortedSums lists the attachments' hashes in order.
func sortedSums(blobs map[string][]byte) []string {
	sums := make([]string, 0, len(blobs))
	for sum := range blobs {
		sums = append(sums, sum)
	}
	sort.Strings(sums)
	return sums
}

// add is the sum of two summaries.
func (s Summary) add(o Summary) Summary {
	return Summary{Added: s.Added + o.Added, Updated: s.Updated + o.Updated,
		Unchanged: s.Unchanged + o.Unchanged, Conflicts: s.Conflicts + o.Conflicts}
}
