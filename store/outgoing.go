package store

import (
	"fmt"

	"tdkt"
)

// Outgoing is what a bundle to a peer carries, before encoding.
type Outgoing struct {
	From, To string
	Seq      uint64
	Prev     string // hash of the previous bundle made for this peer
	Since    uint64 // records changed after this local position (0: full)
	Upto     uint64 // local journal position covered
	Ack      uint64 // the peer's position this office has applied
	Records  []Raw
	Blobs    map[string][]byte
}

// Outgoing collects the records the peer lacks: those changed since the
// position it acknowledged (or all, for a full bundle), that this office may
// send it — a commune only what is in its scope, the province everything but
// other communes' own records. It changes nothing; MarkSent records the
// bundle once its file is safely written.
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
	keep := func(r tdkt.Record) bool {
		if !tdkt.Synced(r.Kind()) {
			return false
		}
		if me.Level == tdkt.LevelProvince {
			return tdkt.VisibleTo(to, r)
		}
		return tdkt.InScope(me.Level, me.Code, r) == nil
	}
	recs, err := t.Changes(since, keep)
	if err != nil {
		return nil, err
	}
	out := &Outgoing{From: me.Code, To: to, Seq: p.SentSeq + 1, Prev: p.SentHash, Since: since,
		Upto: t.Clock(), Ack: p.Received, Records: recs, Blobs: map[string][]byte{}}
	for _, r := range recs {
		d, ok := r.Rec.(*tdkt.Dossier)
		if !ok {
			continue
		}
		for _, a := range d.Attachments {
			if b := t.Blob(a.SHA256); b != nil {
				out.Blobs[a.SHA256] = b
			}
		}
	}
	return out, nil
}
