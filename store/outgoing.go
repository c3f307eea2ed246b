package store

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"tdkt"
)

// Outgoing is what a bundle to a peer carries. It is chosen by one walk
// over the journal and then read again from the transaction, as often as
// the bundle writer needs, instead of being held: a province's first
// bundle to a commune is hundreds of megabytes. It is only valid in the
// transaction that made it, as long as that transaction writes nothing.
type Outgoing struct {
	From, To string
	Seq      uint64
	Prev     string // hash of the previous bundle made for this peer
	Since    uint64 // records changed after this local position (0: full)
	Upto     uint64 // local journal position covered
	Ack      uint64 // the peer's position this office has applied
	Records  int    // how many records it carries
	Blobs    int    // how many attachments

	tx    *Tx
	kept  []uint64  // bit i set: the record at journal position Since+1+i goes
	blobs []blobRef // the attachments that go, in order of their hash
}

// blobRef is an attachment that goes: its bytes as the transaction maps
// them, not a copy, so that it is looked up once.
type blobRef struct {
	sum  string
	data []byte
}

// Outgoing chooses the records the peer lacks: those changed since the
// position it acknowledged (or all, for a full bundle), that this office may
// send it — a commune only what is in its scope, the province everything but
// other communes' own records — with the attachments of the dossiers among
// them. It changes nothing; MarkSent records the bundle once its file is
// safely written.
func (t *Tx) Outgoing(to string, full bool) (*Outgoing, error) {
	p, err := t.Peer(to)
	if err != nil {
		return nil, err
	}
	if p.Revoked {
		return nil, fmt.Errorf("khóa của %s đã bị thu hồi", to)
	}
	me, err := t.OfficeRecord()
	if err != nil {
		return nil, err
	}
	since := p.Acked
	if full {
		since = 0
	}
	keep := sendable(me, to)
	out := &Outgoing{From: me.Code, To: to, Seq: p.SentSeq + 1, Prev: p.SentHash, Since: since,
		Upto: t.Clock(), Ack: p.Received, tx: t}
	// one bit per journal position: a few hundred kilobytes for millions
	// of changes, where the records themselves would be gigabytes
	if out.Upto > since {
		out.kept = make([]uint64, (out.Upto-since+63)/64)
	}
	blobs := t.tx.Bucket(bucketBlobs)
	found := map[string][]byte{}
	err = t.eachChange(since, keep, func(tick uint64, r Raw) error {
		i := tick - since - 1
		if i >= uint64(len(out.kept))*64 {
			return fmt.Errorf("nhật ký có vị trí %d sau bộ đếm %d: dữ liệu hỏng", tick, out.Upto)
		}
		out.kept[i/64] |= 1 << (i % 64)
		out.Records++
		for _, sum := range tdkt.Files(r.Rec) {
			if _, ok := found[sum]; ok {
				continue
			}
			if b := blobs.Get([]byte(sum)); b != nil {
				found[sum] = b
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range slices.Sorted(maps.Keys(found)) {
		out.blobs = append(out.blobs, blobRef{s, found[s]})
	}
	out.Blobs = len(out.blobs)
	return out, nil
}

// sendable reports whether office me sends record r to peer to: a
// commune only what is in its scope, the province everything but other
// communes' own records.
func sendable(me *tdkt.Office, to string) func(tdkt.Record) bool {
	return func(r tdkt.Record) bool {
		if !tdkt.Synced(r.Kind()) {
			return false
		}
		if me.Level == tdkt.LevelProvince {
			return tdkt.VisibleTo(to, r)
		}
		return tdkt.InScope(me.Level, me.Code, r) == nil
	}
}

// Pending counts the records the next bundle to peer to would carry (those
// changed since the position it acknowledged that Outgoing would send),
// without keeping them.
func (t *Tx) Pending(to string) (int, error) {
	p, err := t.Peer(to)
	if err != nil {
		return 0, err
	}
	me, err := t.OfficeRecord()
	if err != nil {
		return 0, err
	}
	send, n := sendable(me, to), 0
	err = t.eachChange(p.Acked, func(r tdkt.Record) bool {
		if send(r) {
			n++
		}
		return false
	}, func(uint64, Raw) error { return nil })
	return n, err
}

// EachRecord calls fn with every record that goes, in journal order, read
// from the transaction. data is the store's own bytes: valid until the
// transaction ends, and not to be modified.
func (o *Outgoing) EachRecord(fn func(kind tdkt.Kind, id string, data []byte) error) error {
	c := o.tx.tx.Bucket(bucketJournal).Cursor()
	end := uint64(len(o.kept)) * 64
	for k, v := c.Seek(u64(o.Since + 1)); k != nil; k, v = c.Next() {
		i := be(k) - o.Since - 1
		if i >= end {
			break
		}
		if o.kept[i/64]&(1<<(i%64)) == 0 {
			continue
		}
		kind, id, _ := bytes.Cut(v, []byte{0})
		var data []byte
		if b := o.tx.tx.Bucket(kind); b != nil {
			data = b.Get(id)
		}
		if data == nil {
			// the transaction sees what it saw when the record was chosen
			return fmt.Errorf("bản ghi %s %s không còn trong giao dịch đọc", kind, id)
		}
		if err := fn(kindOf(kind), string(id), data); err != nil {
			return err
		}
	}
	return nil
}

// EachBlob calls fn with every attachment that goes, in order of its
// hash. data is the store's own bytes: valid until the transaction ends,
// and not to be modified.
func (o *Outgoing) EachBlob(fn func(sum string, data []byte) error) error {
	for _, b := range o.blobs {
		if err := fn(b.sum, b.data); err != nil {
			return err
		}
	}
	return nil
}
