package store

import (
	"fmt"
	"sort"

	"tdkt"
)

// blobPart is how many bytes of attachments an import in parts stores per
// transaction: scans are a few hundred kilobytes each, and a commune's
// first bundle may carry years of them.
const blobPart = 64 << 20

// ImportParts applies a verified bundle as Tx.Import does, but one of more
// than size records in parts of size, each in a transaction of its own. A
// province's first bundle to a new commune carries every record a commune
// sees — hundreds of thousands — and one bbolt transaction holds all it
// writes in memory until it commits: about 5 GB for the province demo,
// more than an office PC has.
//
// Attachments go first, in transactions of about 64 MB (an attachment
// is stored under its hash, so one that arrives before the records that
// name it harms nothing), and a bundle whose attachments exceed that goes
// in parts whatever its number of records.
//
// A bundle is still refused whole: every check Import makes (sender,
// sequence, the scope of every record, every attachment's hash) is made
// before the first part is written. The records go in two passes, every
// other kind first and awards last, so that an award's derived facts are
// taken with its person, unit and dossier in place, as a single merge
// takes them at its end. The bundle is recorded as applied only with its
// last part; if the work stops between parts (power cut, full disk), the
// parts written stay — each a complete, valid merge of records — and
// importing the same file again applies the rest (what is already applied
// compares equal and is left as it is).
//
// progress, when not nil, is told after each transaction how many of the
// import's transactions are done.
func (db *DB) ImportParts(user string, in *Incoming, size int, progress func(done, total int)) (ImportResult, error) {
	return db.importParts(user, in, size, blobPart, -1, progress)
}

// importParts is ImportParts with blobSize bytes of attachments per
// transaction, stopping after stop parts of records when stop ≥ 0, as an
// interruption would (for tests).
func (db *DB) importParts(user string, in *Incoming, size, blobSize, stop int, progress func(done, total int)) (ImportResult, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	var res ImportResult
	blobBytes := 0
	for _, b := range in.Blobs {
		blobBytes += len(b)
	}
	if size <= 0 || len(in.Records) <= size && blobBytes <= blobSize {
		err := db.Update(user, func(tx *Tx) (err error) {
			res, err = tx.Import(in)
			return err
		})
		if err == nil {
			progress(1, 1)
		}
		return res, err
	}
	err := db.View(func(tx *Tx) error {
		p, dup, err := tx.admit(in)
		if err != nil || dup {
			res.Duplicate = dup
			return err
		}
		for start := 0; start < len(in.Records); start += size {
			// decoded a part at a time, and let go
			if _, err := inScope(p, in.Records[start:min(start+size, len(in.Records))]); err != nil {
				return err
			}
		}
		return checkBlobs(in.Blobs)
	})
	if err != nil || res.Duplicate {
		return res, err
	}
	blobTx := blobTransactions(in.Blobs, blobSize)
	total := blobTx + (len(in.Records)+size-1)/size
	if err := db.importBlobs(user, in, blobSize, &res, func(done int) { progress(done, total) }); err != nil {
		return res, err
	}
	recs := make([]Raw, 0, len(in.Records))
	for _, awards := range []bool{false, true} {
		for _, r := range in.Records {
			if (r.Kind == tdkt.KindAward) == awards {
				recs = append(recs, r)
			}
		}
	}
	for part, start := 0, 0; start < len(recs); part, start = part+1, start+size {
		if part == stop {
			return res, nil
		}
		chunk := recs[start:min(start+size, len(recs))]
		last := start+size >= len(recs)
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
			return nil
		})
		if err != nil && part > 0 {
			return res, &PartialImport{Done: part, Parts: (len(recs) + size - 1) / size, Err: err}
		}
		if err != nil || res.Duplicate {
			return res, err
		}
		progress(blobTx+part+1, total)
	}
	return res, nil
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
// size bytes per transaction.
func (db *DB) importBlobs(user string, in *Incoming, size int, res *ImportResult, done func(int)) error {
	sums := sortedSums(in.Blobs)
	for i := 1; len(sums) > 0; i++ {
		n := blobRun(in.Blobs, sums, size)
		err := db.Update(user, func(tx *Tx) error {
			for _, sum := range sums[:n] {
				if tx.hasBlob(sum) {
					continue
				}
				if err := tx.putCheckedBlob(sum, in.Blobs[sum]); err != nil {
					return err
				}
				res.Blobs++
			}
			return nil
		})
		if err != nil {
			return err
		}
		done(i)
		sums = sums[n:]
	}
	return nil
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

// blobRun is how many of the attachments sums (at least one) go in one
// transaction of about size bytes.
func blobRun(blobs map[string][]byte, sums []string, size int) int {
	n, held := 0, 0
	for n < len(sums) && (n == 0 || held+len(blobs[sums[n]]) <= size) {
		held += len(blobs[sums[n]])
		n++
	}
	return n
}

// blobTransactions is how many transactions importBlobs takes.
func blobTransactions(blobs map[string][]byte, size int) int {
	sums, n := sortedSums(blobs), 0
	for len(sums) > 0 {
		sums = sums[blobRun(blobs, sums, size):]
		n++
	}
	return n
}

// add is the sum of two summaries.
func (s Summary) add(o Summary) Summary {
	return Summary{Added: s.Added + o.Added, Updated: s.Updated + o.Updated,
		Unchanged: s.Unchanged + o.Unchanged, Conflicts: s.Conflicts + o.Conflicts}
}
