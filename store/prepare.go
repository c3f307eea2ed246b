package store

import "tdkt"

// prepared is what writing a record derives from the record alone: its
// search keys and text line, and for a live dossier its encoded list row.
// A bulk merge computes it for every received record on every core before
// the records are written one by one: folding and splitting the text was
// a third of the single-threaded part of an import.
type prepared struct {
	keys [][]byte
	text string
	row  []byte
}

// prepare computes prepared for each of recs (nil entries are skipped).
func prepare(recs []tdkt.Record) map[tdkt.Record]*prepared {
	all := make([]prepared, len(recs))
	parallel(len(recs), func(i int) {
		r := recs[i]
		if r == nil {
			return
		}
		p := &all[i]
		p.keys, p.text = searchKeys(r)
		if d, ok := r.(*tdkt.Dossier); ok && !d.Deleted {
			p.row = rowOf(d).encode()
		}
	})
	out := make(map[tdkt.Record]*prepared, len(recs))
	for i, r := range recs {
		if r != nil {
			out[r] = &all[i]
		}
	}
	return out
}

// searchKeysOf is searchKeys(r), prepared ahead when it was.
func (t *Tx) searchKeysOf(r tdkt.Record) ([][]byte, string) {
	if p, ok := t.prep[r]; ok && r != nil {
		return p.keys, p.text
	}
	return searchKeys(r)
}

// rowBytesOf is the encoded list row of live dossier d, prepared ahead
// when it was.
func (t *Tx) rowBytesOf(d *tdkt.Dossier) []byte {
	if p, ok := t.prep[d]; ok && p.row != nil {
		return p.row
	}
	return rowOf(d).encode()
}
