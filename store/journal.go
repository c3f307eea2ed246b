package store

import (
	"bytes"
	"fmt"
	"hash/maphash"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

var (
	bucketJournal   = []byte("journal")
	bucketConflicts = []byte("conflicts")
	bucketPeers     = []byte("peers")
	bucketBlobs     = []byte("blobs")
)

// journal records that the record kind/id changed at local counter tick;
// bundles to a peer carry the records changed after the counter that peer
// acknowledged.
func (t *Tx) journal(tick uint64, k tdkt.Kind, id string) error {
	b := t.tx.Bucket(bucketJournal)
	if b == nil {
		return fmt.Errorf("thiếu bucket journal: %w", ErrNotTDKT)
	}
	b.FillPercent = 1 // append-only
	return b.Put(u64(tick), []byte(string(k)+"\x00"+id))
}

// Clock is the local write counter: the last journal position.
func (t *Tx) Clock() uint64 {
	if v := t.tx.Bucket(bucketMeta).Get(keyClock); len(v) == 8 {
		return be(v)
	}
	return 0
}

// Raw is a record as stored: its kind, id and JSON bytes.
type Raw struct {
	Kind tdkt.Kind   `json:"kind"`
	ID   string      `json:"id"`
	Data []byte      `json:"-"`
	Rec  tdkt.Record `json:"-"`
}

// Changes returns the latest stored version of every record changed after
// local counter since, in journal order, keeping those keep accepts.
func (t *Tx) Changes(since uint64, keep func(tdkt.Record) bool) ([]Raw, error) {
	var out []Raw
	err := t.eachChange(since, keep, func(_ uint64, r Raw) error {
		r.Data = append([]byte(nil), r.Data...) // the stored bytes end with the transaction
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachChange calls fn with the latest stored version of every record
// changed after local counter since that keep accepts, in journal order,
// with the journal position it is met at. A record changed twice is met at
// its first position; order does not matter to a receiver, which compares
// clocks. r.Data is the store's own bytes: valid during the transaction
// only, and not to be modified.
//
// The records are decoded on every core, a chunk at a time, so that what
// is held does not grow with the journal; keep and fn run in order on this
// goroutine.
func (t *Tx) eachChange(since uint64, keep func(tdkt.Record) bool, fn func(tick uint64, r Raw) error) error {
	journal := t.tx.Bucket(bucketJournal)
	seen := newSeenSet(journal)
	type change struct {
		tick uint64
		Raw
	}
	const chunk = 4096
	batch := make([]change, 0, chunk)
	flush := func() error {
		errs := make([]error, len(batch))
		parallel(len(batch), func(i int) {
			r := &batch[i]
			r.Rec = tdkt.New(r.Kind)
			if err := unmarshal(r.Data, r.Rec); err != nil {
				errs[i] = fmt.Errorf("đọc %s %s: %w", r.Kind, r.ID, err)
			}
		})
		for i, r := range batch {
			if errs[i] != nil {
				return errs[i]
			}
			if keep == nil || keep(r.Rec) {
				if err := fn(r.tick, r.Raw); err != nil {
					return err
				}
			}
		}
		clear(batch) // let the decoded records go
		batch = batch[:0]
		return nil
	}
	c := journal.Cursor()
	for k, v := c.Seek(u64(since + 1)); k != nil; k, v = c.Next() {
		tick := be(k)
		if seen.add(tick, v) {
			continue
		}
		kind, id, _ := bytes.Cut(v, []byte{0})
		b := t.tx.Bucket(kind)
		if b == nil {
			continue
		}
		data := b.Get(id)
		if data == nil {
			continue
		}
		batch = append(batch, change{tick, Raw{Kind: kindOf(kind), ID: string(id), Data: data}})
		if len(batch) == chunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// kindOf is the Kind named b, without a new string for each of the
// hundreds of thousands of journal entries a walk meets.
func kindOf(b []byte) tdkt.Kind {
	for _, k := range tdkt.Kinds {
		if string(k) == string(b) {
			return k
		}
	}
	return tdkt.Kind(b)
}

// journalHash hashes journal entries for seenSet; tests make it collide.
var journalHash = maphash.Bytes

// seenSet is the set of records a walk over the journal has met. A
// province's journal holds hundreds of thousands of records, so the set
// keeps a 64-bit hash of each journal entry and the position it was first
// met at, not the entry: a hash met again is checked against the entry at
// that position, so that a collision never drops a record.
type seenSet struct {
	journal *bolt.Bucket
	seed    maphash.Seed
	first   map[uint64]uint64 // hash of an entry → position first met at
	other   map[string]bool   // entries whose hash another entry had first
}

func newSeenSet(journal *bolt.Bucket) *seenSet {
	return &seenSet{journal: journal, seed: maphash.MakeSeed(), first: map[uint64]uint64{}, other: map[string]bool{}}
}

// add records that entry v is met at position tick, and says whether it
// had been met before.
func (s *seenSet) add(tick uint64, v []byte) bool {
	if len(s.other) > 0 && s.other[string(v)] {
		return true
	}
	h := journalHash(s.seed, v)
	at, ok := s.first[h]
	if !ok {
		s.first[h] = tick
		return false
	}
	if bytes.Equal(s.journal.Get(u64(at)), v) {
		return true
	}
	s.other[string(v)] = true
	return false
}
