package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The search index files, for each kind and folded word, the records whose
// text has the word: a posting (record id and its word mask, see textMask)
// per record. Up to schema 3 every posting was a key of its own, kind 0
// word 0 id, four million keys at province scale: most of the keys of the
// file and most of what an import cost bbolt. Since schema 4 the postings
// of a word are kept in blocks: the key is kind 0 word 0 and the id of the
// block's first posting; the value holds up to maxPostings postings in id
// order. The blocks of a word cover disjoint, increasing id ranges, so
// walking the keys of a word prefix yields the postings in the old key
// order (word, then id).
//
// A block's value is
//
//	uvarint count
//	count × (uvarint shared, uvarint len(rest), rest, 8-byte mask)
//
// where an id is the first shared bytes of the previous id followed by rest
// (ids of one office share their prefix, so a posting is ~14 bytes where
// its key was ~45).

// maxPostings bounds a block: a save rewrites one block per word of the
// record, so blocks stay small (~2 KB), while a common word ("nguyen",
// "khen") spreads over few keys.
const maxPostings = 128

// posting is one record in a word's list.
type posting struct {
	id   []byte
	mask uint64
}

// postOp changes one posting: put id with mask, or delete id (del).
type postOp struct {
	id   []byte
	mask uint64
	del  bool
}

// encodeBlock encodes ps (sorted by id, at least one).
func encodeBlock(ps []posting) []byte {
	size := binary.MaxVarintLen64
	for _, p := range ps {
		size += 2 + len(p.id) + 8 // lengths under 128 take a byte; longer ones grow out
	}
	out := make([]byte, 0, size)
	out = binary.AppendUvarint(out, uint64(len(ps)))
	var prev []byte
	for _, p := range ps {
		n := sharedPrefix(prev, p.id)
		out = binary.AppendUvarint(out, uint64(n))
		out = binary.AppendUvarint(out, uint64(len(p.id)-n))
		out = append(out, p.id[n:]...)
		out = binary.BigEndian.AppendUint64(out, p.mask)
		prev = p.id
	}
	return out
}

func sharedPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// blockCount is the number of postings in block v.
func blockCount(v []byte) int {
	n, k := binary.Uvarint(v)
	if k <= 0 {
		return 0
	}
	return int(n)
}

// walkBlock calls f for each posting of block v in order, until f returns
// false. The id passed to f is reused by the next call. It reports a
// malformed block.
func walkBlock(v []byte, f func(id []byte, mask uint64) bool) error {
	return walkBlockAt(v, func(id []byte, mask uint64, _ int) bool { return f(id, mask) })
}

// walkBlockAt is walkBlock, also passing where in v the posting's mask is.
func walkBlockAt(v []byte, f func(id []byte, mask uint64, at int) bool) error {
	all := len(v)
	n, k := binary.Uvarint(v)
	if k <= 0 {
		return fmt.Errorf("khối chỉ mục hỏng: không đọc được số mục")
	}
	v = v[k:]
	var id []byte
	for i := uint64(0); i < n; i++ {
		shared, k1 := binary.Uvarint(v)
		if k1 <= 0 {
			return fmt.Errorf("khối chỉ mục hỏng ở mục %d", i)
		}
		rest, k2 := binary.Uvarint(v[k1:])
		if k2 <= 0 || shared > uint64(len(id)) || uint64(len(v)-k1-k2) < rest+8 {
			return fmt.Errorf("khối chỉ mục hỏng ở mục %d", i)
		}
		v = v[k1+k2:]
		id = append(id[:shared], v[:rest]...)
		mask := binary.BigEndian.Uint64(v[rest:])
		at := all - len(v) + int(rest)
		v = v[rest+8:]
		if !f(id, mask, at) {
			return nil
		}
	}
	if len(v) != 0 {
		return fmt.Errorf("khối chỉ mục hỏng: thừa %d byte", len(v))
	}
	return nil
}

// decodeBlock returns the postings of block v, ids copied into one
// buffer: a save decodes a block per word of its record, and a copy per
// id was most of that.
func decodeBlock(v []byte) ([]posting, error) {
	size := 0
	if err := walkBlock(v, func(id []byte, _ uint64) bool { size += len(id); return true }); err != nil {
		return nil, err
	}
	buf := make([]byte, 0, size)
	ps := make([]posting, 0, blockCount(v))
	walkBlock(v, func(id []byte, mask uint64) bool {
		start := len(buf)
		buf = append(buf, id...)
		ps = append(ps, posting{buf[start:len(buf):len(buf)], mask})
		return true
	})
	return ps, nil
}

// splitPostingKey splits a flat posting key kind 0 word 0 id into the
// word's prefix (kind 0 word 0) and the id.
func splitPostingKey(k []byte) (prefix, id []byte, ok bool) {
	i := bytes.LastIndexByte(k, 0)
	if i < 0 || bytes.IndexByte(k, 0) == i {
		return nil, nil, false
	}
	return k[: i+1 : i+1], k[i+1:], true
}

// applyPostings applies ops, each a flat posting key with its mask (val
// nil: delete), sorted by key with one op per key, to the blocks of b.
func applyPostings(b *bolt.Bucket, ops []kv) error {
	for len(ops) > 0 {
		prefix, _, ok := splitPostingKey(ops[0].key)
		if !ok {
			return fmt.Errorf("khóa tìm kiếm hỏng %q", ops[0].key)
		}
		n := 1
		for n < len(ops) && bytes.HasPrefix(ops[n].key, prefix) && bytes.LastIndexByte(ops[n].key, 0) == len(prefix)-1 {
			n++
		}
		word := make([]postOp, n)
		for i, op := range ops[:n] {
			word[i] = postOp{id: op.key[len(prefix):], del: op.val == nil}
			if op.val != nil {
				word[i].mask = be(op.val)
			}
		}
		if err := applyWord(b, prefix, word); err != nil {
			return err
		}
		ops = ops[n:]
	}
	return nil
}

// applyWord applies ops (sorted by id, one per id) to the blocks of one
// word, prefix kind 0 word 0. Each op goes to the block whose range holds
// its id (the first block for an id before them all, a new block when the
// word has none); the blocks touched are merged with their ops and written
// again, split when they outgrow maxPostings and dropped when emptied.
func applyWord(b *bolt.Bucket, prefix []byte, ops []postOp) error {
	type group struct {
		key []byte // nil: the word has no block yet
		old []posting
		ops []postOp
	}
	var groups []group
	var patches []kv // blocks whose ops only change masks
	c := b.Cursor()
	if k, _ := c.Seek(prefix); k == nil || !bytes.HasPrefix(k, prefix) {
		// a word new to the index (every word, in a new office's first
		// import): its puts make its blocks, with no block to find
		groups = append(groups, group{ops: ops})
		ops = nil
	}
	for len(ops) > 0 {
		k, v := locateBlock(c, prefix, ops[0].id)
		if k == nil {
			groups = append(groups, group{ops: ops})
			break
		}
		key := bytes.Clone(k)
		n := len(ops)
		if next, _ := c.Next(); next != nil && bytes.HasPrefix(next, prefix) {
			first := next[len(prefix):]
			n, _ = slices.BinarySearchFunc(ops, first, func(op postOp, id []byte) int { return bytes.Compare(op.id, id) })
		}
		if patched, ok := patchMasks(v, ops[:n]); ok {
			patches = append(patches, kv{key, patched})
			ops = ops[n:]
			continue
		}
		old, err := decodeBlock(v)
		if err != nil {
			return fmt.Errorf("%q: %w", bytes.ReplaceAll(k, []byte{0}, []byte{' '}), err)
		}
		groups = append(groups, group{key: key, old: old, ops: ops[:n]})
		ops = ops[n:]
	}
	for _, p := range patches {
		if err := b.Put(p.key, p.val); err != nil {
			return err
		}
	}
	for _, g := range groups {
		ps := mergePostings(g.old, g.ops)
		if g.key != nil && (len(ps) == 0 || !bytes.Equal(ps[0].id, g.key[len(prefix):])) {
			if err := b.Delete(g.key); err != nil {
				return err
			}
		}
		for len(ps) > 0 {
			n := min(len(ps), maxPostings)
			if len(ps) > maxPostings && len(ps) < 2*maxPostings {
				n = len(ps) / 2 // two half blocks leave room on both sides
			}
			key := append(bytes.Clone(prefix), ps[0].id...)
			if err := b.Put(key, encodeBlock(ps[:n])); err != nil {
				return err
			}
			ps = ps[n:]
		}
	}
	return nil
}

// locateBlock finds the block of prefix whose range holds id: the last
// block starting at or before id, else the word's first block; nil when
// the word has none. The cursor is left on the block found.
func locateBlock(c *bolt.Cursor, prefix, id []byte) (k, v []byte) {
	seek := append(bytes.Clone(prefix), id...)
	k, v = c.Seek(seek)
	if k != nil && bytes.Equal(k, seek) {
		return k, v
	}
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k != nil && bytes.HasPrefix(k, prefix) {
		return k, v
	}
	k, v = c.Seek(prefix)
	if k != nil && bytes.HasPrefix(k, prefix) {
		return k, v
	}
	return nil, nil
}

// patchMasks returns a copy of block v with the masks of ops (sorted by
// id) set, when every op puts an id the block holds: a record saved with
// the same words changes only their masks, and a block need not be
// decoded and encoded for that. ok is false when an op adds or deletes.
func patchMasks(v []byte, ops []postOp) (out []byte, ok bool) {
	if len(ops) == 0 {
		return nil, false
	}
	for _, op := range ops {
		if op.del {
			return nil, false
		}
	}
	// find every op's mask first: a block that gains an id is merged
	// instead, and need not have been copied
	at := make([]int, 0, len(ops))
	err := walkBlockAt(v, func(id []byte, _ uint64, off int) bool {
		c := bytes.Compare(id, ops[len(at)].id)
		if c == 0 {
			at = append(at, off)
		}
		return c <= 0 && len(at) < len(ops) // past an op's id: it is not in the block
	})
	if err != nil || len(at) < len(ops) {
		return nil, false
	}
	out = bytes.Clone(v)
	for i, off := range at {
		binary.BigEndian.PutUint64(out[off:], ops[i].mask)
	}
	return out, true
}

// mergePostings returns old (sorted by id) with ops applied.
func mergePostings(old []posting, ops []postOp) []posting {
	out := make([]posting, 0, len(old)+len(ops))
	i, j := 0, 0
	for i < len(old) || j < len(ops) {
		switch {
		case j == len(ops) || i < len(old) && bytes.Compare(old[i].id, ops[j].id) < 0:
			out = append(out, old[i])
			i++
		default:
			if i < len(old) && bytes.Equal(old[i].id, ops[j].id) {
				i++ // replaced or deleted
			}
			if !ops[j].del {
				out = append(out, posting{ops[j].id, ops[j].mask})
			}
			j++
		}
	}
	return out
}

// forEachPosting calls f with every posting of bucket b as its flat key
// (kind 0 word 0 id, reused between calls) and mask, in key order, and
// reports to bad what breaks the layout: a malformed block, a key that is
// not its block's first posting, postings out of order (within a block or
// between the blocks of a word), an empty or overfull block.
func forEachPosting(b *bolt.Bucket, f func(key []byte, mask uint64), bad func(key []byte, err error)) {
	var flat, prev []byte
	b.ForEach(func(k, v []byte) error {
		prefix, first, ok := splitPostingKey(k)
		if !ok {
			bad(k, fmt.Errorf("khóa không đúng dạng"))
			return nil
		}
		n := 0
		err := walkBlock(v, func(id []byte, mask uint64) bool {
			if n == 0 && !bytes.Equal(id, first) {
				bad(k, fmt.Errorf("khóa không phải mục đầu %q", id))
			}
			n++
			flat = append(append(flat[:0], prefix...), id...)
			if prev != nil && bytes.Compare(prev, flat) >= 0 {
				bad(k, fmt.Errorf("mục %q không theo thứ tự", id))
			}
			prev = append(prev[:0], flat...)
			f(flat, mask)
			return true
		})
		switch {
		case err != nil:
			bad(k, err)
		case n == 0:
			bad(k, fmt.Errorf("khối rỗng"))
		case n > maxPostings:
			bad(k, fmt.Errorf("khối có %d mục, tối đa %d", n, maxPostings))
		}
		return nil
	})
}

// postings applies ops (flat posting keys with their masks; val nil:
// delete) to the search index when the transaction ends (flushPostings),
// or when a bulk merge flushes its deferred writes. A block holds many
// records, so writing it once per transaction rather than once per record
// keeps a transaction of thousands of saves (the demo, a list typed in
// from a spreadsheet) from decoding and encoding the same blocks
// thousands of times.
func (t *Tx) postings(ops []kv) {
	d := t.deferred
	if d == nil {
		if t.posts == nil {
			t.posts = newDeferredPuts()
		}
		d = t.posts
	}
	name := string(bucketSearch)
	for _, op := range ops {
		d.log(name, deferredOp{key: op.key, val: op.val, del: op.val == nil})
	}
}

// flushPostings writes the postings the transaction logged. Update calls
// it before commit, and a search in a write transaction before it reads.
func (t *Tx) flushPostings() error {
	if t.posts == nil {
		return nil
	}
	ws := finalWrites(t.posts.logs[string(bucketSearch)], nil, true)
	t.posts = nil
	b := t.tx.Bucket(bucketSearch)
	b.FillPercent = fill
	return applyPostings(b, ws)
}

// blockSearch moves a schema 3 search index (one key per posting) into
// blocks, in one pass over its keys, which are already in posting order,
// and drops it.
func (t *Tx) blockSearch() error {
	old := t.tx.Bucket(bucketOldSearch)
	if old == nil {
		return nil
	}
	b := t.tx.Bucket(bucketSearch)
	b.FillPercent = fill
	var prefix []byte
	var block []posting
	flush := func() error {
		if len(block) == 0 {
			return nil
		}
		key := append(bytes.Clone(prefix), block[0].id...)
		err := b.Put(key, encodeBlock(block))
		block = block[:0]
		return err
	}
	c := old.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		p, id, ok := splitPostingKey(k)
		if !ok || len(v) != 8 {
			return fmt.Errorf("khóa tìm kiếm cũ hỏng %q", bytes.ReplaceAll(k, []byte{0}, []byte{' '}))
		}
		if !bytes.Equal(p, prefix) || len(block) == maxPostings {
			if err := flush(); err != nil {
				return err
			}
			prefix = append(prefix[:0], p...)
		}
		block = append(block, posting{bytes.Clone(id), be(v)})
	}
	if err := flush(); err != nil {
		return err
	}
	return t.tx.DeleteBucket(bucketOldSearch)
}
