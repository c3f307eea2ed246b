package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"tdkt"
)

// MarkSent records that the bundle seq with hash was written for peer to.
func (t *Tx) MarkSent(to string, seq uint64, hash string) error {
	p, err := t.Peer(to)
	if err != nil {
		return err
	}
	p.SentSeq, p.SentHash = seq, hash
	return t.putPeerState(p)
}

// putPeerState saves exchange counters; any writer may, since importing
// and exporting are part of a specialist's work.
func (t *Tx) putPeerState(p *Peer) error {
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketPeers).Put([]byte(p.Code), v)
}

// Incoming is a verified bundle from a peer, before it is applied.
type Incoming struct {
	From, To string
	Seq      uint64
	Prev     string
	Hash     string
	Upto     uint64
	Ack      uint64
	Records  []Raw
	Blobs    map[string][]byte
	// Feed, when set, gives the records and attachments instead, read
	// from the bundle's file as often as DB.ImportParts needs.
	Feed Feed
}

// ImportResult says what an import did.
type ImportResult struct {
	Summary
	Duplicate bool // the very bundle was imported before: nothing changed
	Blobs     int
}

// Import applies a verified bundle in this one transaction, or refuses it
// whole: the sender must be trusted and not revoked, the bundle addressed
// to this office, newer than the last one applied from the sender and, when
// it directly follows it, chained to it; every record must lie in the
// sender's scope; every attachment must match its hash.
func (t *Tx) Import(in *Incoming) (ImportResult, error) {
	var res ImportResult
	if in.Feed != nil {
		return res, errors.New("gói đọc từ tệp được nhập theo từng phần (DB.ImportParts)")
	}
	p, dup, err := t.admit(in)
	if err != nil || dup {
		res.Duplicate = dup
		return res, err
	}
	decoded, err := inScope(p, in.Records)
	if err != nil {
		return res, err
	}
	if err := checkBlobs(in.Blobs); err != nil {
		return res, err
	}
	// each record decoded for the scope check is the one applied
	s, err := t.apply(in.From, in.Records, decoded)
	if err != nil {
		return res, err
	}
	res.Summary = s
	return res, t.finishImport(p, in, &res)
}

// admit checks that the bundle may be applied: the sender trusted and not
// revoked, the bundle addressed to this office, newer than the last one
// applied from the sender and, when it directly follows it, chained to it.
// dup reports the very bundle applied before.
func (t *Tx) admit(in *Incoming) (p *Peer, dup bool, err error) {
	if p, err = t.Peer(in.From); err != nil {
		return nil, false, err
	}
	if p.Revoked {
		return nil, false, fmt.Errorf("khóa của %s đã bị thu hồi: không nhận gói", in.From)
	}
	if in.To != t.db.office {
		return nil, false, fmt.Errorf("gói gửi cho %s, không phải cơ quan này (%s)", in.To, t.db.office)
	}
	switch {
	case in.Seq == p.RecvSeq && in.Hash == p.RecvHash:
		return p, true, nil
	case in.Seq <= p.RecvSeq:
		return nil, false, fmt.Errorf("gói số %d của %s cũ hơn gói đã nhập (số %d): không nhận", in.Seq, in.From, p.RecvSeq)
	case in.Seq == p.RecvSeq+1 && in.Prev != p.RecvHash:
		return nil, false, fmt.Errorf("gói số %d của %s không nối tiếp gói số %d đã nhập: không nhận", in.Seq, in.From, p.RecvSeq)
	}
	return p, false, nil
}

// inScope decodes recs and checks that each lies in peer p's scope.
func inScope(p *Peer, recs []Raw) ([]tdkt.Record, error) {
	decoded, errs := decodeAll(recs)
	for i := range recs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if r := decoded[i]; r.Kind() != recs[i].Kind || r.Base().ID != recs[i].ID || recs[i].ID == "" {
			return nil, fmt.Errorf("gói có bản ghi %s %s không khớp nội dung của nó: không nhận", recs[i].Kind, recs[i].ID)
		}
		if err := tdkt.InScope(p.Level, p.Code, decoded[i]); err != nil {
			return nil, fmt.Errorf("gói ghi ngoài thẩm quyền của %s: %w; không nhận cả gói", p.Code, err)
		}
	}
	return decoded, nil
}

// finishImport stores the bundle's attachments and records it as applied.
func (t *Tx) finishImport(p *Peer, in *Incoming, res *ImportResult) error {
	// in order, so that bbolt appends rather than inserts into a new
	// office's growing node
	for _, sum := range sortedSums(in.Blobs) {
		if !t.hasBlob(sum) {
			if err := t.putCheckedBlob(sum, in.Blobs[sum]); err != nil {
				return err
			}
			res.Blobs++
		}
	}
	p.RecvSeq, p.RecvHash = in.Seq, in.Hash
	p.Received = max(p.Received, in.Upto)
	p.Acked = max(p.Acked, in.Ack)
	if err := t.finishedImport(in); err != nil {
		return err
	}
	return t.putPeerState(p)
}

// checkBlob checks one attachment against its hash.
func checkBlob(sum string, b []byte) error {
	h := sha256.Sum256(b)
	if hex.EncodeToString(h[:]) != sum {
		return fmt.Errorf("tệp đính kèm %s không khớp mã băm: không nhận", sum)
	}
	return nil
}

// checkBlobs checks every attachment against its hash, on every core.
func checkBlobs(blobs map[string][]byte) error {
	sums := make([]string, 0, len(blobs))
	for sum := range blobs {
		sums = append(sums, sum)
	}
	sort.Strings(sums) // the same one named whichever order the map gives
	bad := make([]bool, len(sums))
	parallel(len(sums), func(i int) {
		h := sha256.Sum256(blobs[sums[i]])
		bad[i] = hex.EncodeToString(h[:]) != sums[i]
	})
	for i, sum := range sums {
		if bad[i] {
			return fmt.Errorf("tệp đính kèm %s không khớp mã băm: không nhận", sum)
		}
	}
	return nil
}

// decodeAll decodes received records on every core: decoding is most of
// what an import costs outside bbolt, and it needs no transaction.
// errs[i] says why record i cannot be taken.
func decodeAll(recs []Raw) ([]tdkt.Record, []error) {
	out := make([]tdkt.Record, len(recs))
	errs := make([]error, len(recs))
	decode := func(i int) {
		r := recs[i]
		rec := tdkt.New(r.Kind)
		if rec == nil {
			errs[i] = fmt.Errorf("gói có loại bản ghi không biết %q: không nhận", r.Kind)
			return
		}
		if err := unmarshal(r.Data, rec); err != nil {
			errs[i] = fmt.Errorf("gói có bản ghi %s %s hỏng: %w", r.Kind, r.ID, err)
			return
		}
		out[i] = rec
	}
	parallel(len(recs), decode)
	return out, errs
}

// parallel calls fn(0) … fn(n-1) on every core, in chunks of 64 indexes
// (so that the workers do not contend on the counter), or in order on
// this goroutine when n is too small to be worth it. fn must only touch
// what belongs to its index.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+255)/256)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				end := int(next.Add(64))
				start := end - 64
				if start >= n {
					return
				}
				for i := start; i < min(end, n); i++ {
					fn(i)
				}
			}
		})
	}
	wg.Wait()
}

// PutBlob stores an attachment under its SHA-256 and returns the hash.
func (t *Tx) PutBlob(b []byte) (string, error) {
	if !t.writable {
		return "", ErrReadOnly
	}
	h := sha256.Sum256(b)
	sum := hex.EncodeToString(h[:])
	return sum, t.tx.Bucket(bucketBlobs).Put([]byte(sum), b)
}

// putCheckedBlob stores attachment b under sum, which checkBlobs has
// found to be its hash: an import hashes its attachments once.
func (t *Tx) putCheckedBlob(sum string, b []byte) error {
	if !t.writable {
		return ErrReadOnly
	}
	return t.tx.Bucket(bucketBlobs).Put([]byte(sum), b)
}

// hasBlob reports whether the attachment sum is stored.
func (t *Tx) hasBlob(sum string) bool {
	return t.tx.Bucket(bucketBlobs).Get([]byte(sum)) != nil
}

// Blob returns a stored attachment, or nil.
func (t *Tx) Blob(sum string) []byte {
	if v := t.tx.Bucket(bucketBlobs).Get([]byte(sum)); v != nil {
		return append([]byte(nil), v...)
	}
	return nil
}
