package store

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sort"
)

// deferredPuts holds the index, search and derived writes of a bulk merge
// until flushPuts (see deferPuts). Most buckets are only written during a
// merge, so their puts are logged as they come and sorted once at the end:
// hashing every search and index key into a map, then copying the keys out
// to sort them, cost more than half as much as bbolt's puts. The few
// buckets the merge reads back (getDerived: counters, award facts, list rows) keep a
// map so that a read sees the merge's own writes.
type deferredPuts struct {
	logs  map[string][][]deferredOp    // bucket → writes in arrival order, in chunks
	reads map[string]map[string][]byte // bucket → key → value, for readBack buckets
	// numbers holds the decision numbers the merge issued (numberKey →
	// decision id), which its deferred index does not show yet
	numbers map[string]string
}

// deferredOp is one logged write. A delete cancels earlier puts of the
// same key (the key is deleted from bbolt at once); seq orders the writes
// of one key.
type deferredOp struct {
	key, val []byte
	seq      uint32
	del      bool
}

// chunkLen is the length of a chunk of the log. The log grows by whole
// chunks rather than by doubling one slice, which copied the hundreds of
// thousands of search keys of an import several times over.
const chunkLen = 4096

// log appends op to bucket name's log.
func (d *deferredPuts) log(name string, op deferredOp) {
	chunks := d.logs[name]
	if n := len(chunks); n == 0 || len(chunks[n-1]) == chunkLen {
		chunks = append(chunks, make([]deferredOp, 0, chunkLen))
	}
	op.seq = uint32((len(chunks)-1)*chunkLen + len(chunks[len(chunks)-1]))
	chunks[len(chunks)-1] = append(chunks[len(chunks)-1], op)
	d.logs[name] = chunks
}

// readBack reports whether a merge reads bucket name back before flushing.
func readBack(name string) bool {
	return name == string(bucketCounts) || name == string(bucketFacts) || name == string(bucketRows)
}

func newDeferredPuts() *deferredPuts {
	return &deferredPuts{logs: map[string][][]deferredOp{}, reads: map[string]map[string][]byte{}, numbers: map[string]string{}}
}

// put records key=val. The caller hands over key and val and does not
// change them afterwards.
func (d *deferredPuts) put(name string, key, val []byte) {
	if readBack(name) {
		m := d.reads[name]
		if m == nil {
			m = map[string][]byte{}
			d.reads[name] = m
		}
		m[string(key)] = val
		return
	}
	d.log(name, deferredOp{key: key, val: val})
}

// del cancels any deferred put of key.
func (d *deferredPuts) del(name string, key []byte) {
	if readBack(name) {
		delete(d.reads[name], string(key))
		return
	}
	if _, ok := d.logs[name]; ok {
		d.log(name, deferredOp{key: key, del: true})
	}
}

// get returns the deferred value of key in a readBack bucket.
func (d *deferredPuts) get(name string, key []byte) ([]byte, bool) {
	v, ok := d.reads[name][string(key)]
	return v, ok
}

// kv is one final write of a bucket.
type kv struct{ key, val []byte }

// sorted returns the final writes of bucket name in key order: for a key
// written more than once the last write wins, and a final delete drops it.
func (d *deferredPuts) sorted(name string) []kv {
	return finalWrites(d.logs[name], d.reads[name], false)
}

// finalWrites is sorted for one bucket's log, or its map for a read-back
// bucket (m not nil). With dels, a final delete is kept as a write with a
// nil value: the search index's deletes wait for the flush (postings.go),
// the other buckets' happen at once.
func finalWrites(chunks [][]deferredOp, m map[string][]byte, dels bool) []kv {
	if m != nil {
		out := make([]kv, 0, len(m))
		for k, v := range m {
			out = append(out, kv{[]byte(k), v})
		}
		slices.SortFunc(out, func(a, b kv) int { return bytes.Compare(a.key, b.key) })
		return out
	}
	ops := sortOps(slices.Concat(chunks...))
	out := make([]kv, 0, len(ops))
	for i, op := range ops {
		if i+1 < len(ops) && bytes.Equal(op.key, ops[i+1].key) {
			continue // a later write of the same key follows
		}
		switch {
		case !op.del:
			out = append(out, kv{op.key, op.val})
		case dels:
			out = append(out, kv{op.key, nil})
		}
	}
	return out
}

// compareOps orders a log by key, and the writes of one key by arrival,
// so that the last write of a key comes last. (A stable sort would do the
// same, but it moves elements by rotations and was slower on an import's
// log.)
func compareOps(a, b deferredOp) int {
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// sortOps sorts ops by compareOps. A long log (an import's search keys:
// hundreds of thousands) is sorted in two halves at once and merged.
func sortOps(ops []deferredOp) []deferredOp {
	if len(ops) < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(ops, compareOps)
		return ops
	}
	lo, hi := ops[:len(ops)/2], ops[len(ops)/2:]
	done := make(chan struct{})
	go func() {
		slices.SortFunc(lo, compareOps)
		close(done)
	}()
	slices.SortFunc(hi, compareOps)
	<-done
	out := make([]deferredOp, 0, len(ops))
	for len(lo) > 0 && len(hi) > 0 {
		if compareOps(hi[0], lo[0]) < 0 {
			out, hi = append(out, hi[0]), hi[1:]
		} else {
			out, lo = append(out, lo[0]), lo[1:]
		}
	}
	out = append(out, lo...)
	return append(out, hi...)
}

// names lists the buckets with deferred writes, in order.
func (d *deferredPuts) names() []string {
	names := make([]string, 0, len(d.logs)+len(d.reads))
	for n := range d.logs {
		names = append(names, n)
	}
	for n := range d.reads {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// writeDeferred puts the deferred keys, bucket by bucket in key order, so
// that bbolt appends to its pages instead of splitting them. The logs are
// handed over: the deferred puts are empty afterwards.
func (t *Tx) writeDeferred() error {
	d := t.deferred
	names := d.names()
	logs := make([][][]deferredOp, len(names))
	maps := make([]map[string][]byte, len(names))
	for i, n := range names {
		logs[i], maps[i] = d.logs[n], d.reads[n]
	}
	d.logs, d.reads = map[string][][]deferredOp{}, map[string]map[string][]byte{}
	// A goroutine sorts the buckets one after the other, one bucket ahead
	// of the puts, so that a long log sorts while the bucket before it is
	// put, and lets each log go once sorted: an office's first bundle
	// logs millions of keys, and holding every bucket's sorted copy at
	// once cost more memory than the time it saved.
	ready := make(chan []kv)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := range names {
			ws := finalWrites(logs[i], maps[i], names[i] == string(bucketSearch))
			logs[i], maps[i] = nil, nil
			select {
			case ready <- ws:
			case <-stop:
				return
			}
		}
	}()
	for _, n := range names {
		ws := <-ready
		b := t.tx.Bucket([]byte(n))
		if b == nil {
			return fmt.Errorf("thiếu bucket %s", n)
		}
		b.FillPercent = fill
		if n == string(bucketSearch) {
			if err := applyPostings(b, ws); err != nil {
				return err
			}
			continue
		}
		for _, w := range ws {
			if err := b.Put(w.key, w.val); err != nil {
				return err
			}
		}
	}
	return nil
}
