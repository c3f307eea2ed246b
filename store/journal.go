package store

import (
	"bytes"
	"fmt"

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
// local counter since, in journal order, keeping those keep accepts. The
// records are decoded on every core, a chunk at a time so that the records
// keep turns away are never all held at once; keep runs in order on this
// goroutine.
func (t *Tx) Changes(since uint64, keep func(tdkt.Record) bool) ([]Raw, error) {
	c := t.tx.Bucket(bucketJournal).Cursor()
	seen := map[string]bool{}
	var out []Raw
	const chunk = 4096
	batch := make([]Raw, 0, chunk)
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
				out = append(out, r)
			}
		}
		batch = batch[:0]
		return nil
	}
	for k, v := c.Seek(u64(since + 1)); k != nil; k, v = c.Next() {
		if seen[string(v)] {
			continue
		}
		seen[string(v)] = true
		kind, id, _ := bytes.Cut(v, []byte{0})
		b := t.tx.Bucket(kind)
		if b == nil {
			continue
		}
		data := b.Get(id)
		if data == nil {
			continue
		}
		batch = append(batch, Raw{Kind: tdkt.Kind(kind), ID: string(id), Data: append([]byte(nil), data...)})
		if len(batch) == chunk {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	// a record changed twice appears at its first position; order does not
	// matter to the receiver, which compares clocks
	return out, nil
}
