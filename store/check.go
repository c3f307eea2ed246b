package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// Stat is the count of live records of one kind.
type Stat struct {
	Kind  tdkt.Kind
	Count int
}

// Stats counts live records per kind and computes a digest of the logical
// content: every record of every kind, in key order. Indexes, the search
// index and the audit log are derived or historical and are left out, so two
// files with the same records have the same digest whatever their pages.
func (db *DB) Stats() ([]Stat, string, error) {
	var out []Stat
	h := sha256.New()
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, k := range tdkt.Kinds {
			b := tx.Bucket([]byte(k))
			if b == nil {
				out = append(out, Stat{k, 0}) // a kind newer than the file
				continue
			}
			n := 0
			err := b.ForEach(func(key, v []byte) error {
				fmt.Fprintf(h, "%s\x00%s\x00%d\x00", k, key, len(v))
				h.Write(v)
				var m tdkt.Meta
				if json.Unmarshal(v, &m) == nil && !m.Deleted {
					n++
				}
				return nil
			})
			if err != nil {
				return err
			}
			out = append(out, Stat{k, n})
		}
		return nil
	})
	return out, hex.EncodeToString(h.Sum(nil)), err
}

// maxProblems is the most findings Check lists.
const maxProblems = 1000

// Problem is one finding of Check.
type Problem struct {
	Where, What string
	// Derived: the problem lies in what the file derives from its records
	// (indexes, search postings, text lines, award facts and counters,
	// dossier rows), which Repair rebuilds.
	Derived bool
}

func (p Problem) String() string { return p.Where + ": " + p.What }

// Check verifies the file: bbolt's own page structure, that every record
// decodes under its key, that indexes and the search index hold exactly what
// the records imply, and that the audit chain is whole and ends, for every
// record, with the record as stored. It returns every problem found.
//
// The derived buckets are compared by tallies first: an order-free sum of
// a keyed hash of every key (and value, where it matters) the records imply,
// against the same sum over what the buckets hold. Only a bucket whose
// tally differs is compared key by key, in a second walk over the records,
// to name what is missing or extra: holding every expected key at once took
// 2.3 GB for a province file, and a sound file needs none of it.
func (db *DB) Check() ([]Problem, error) {
	var probs []Problem
	adder := func(derived bool) func(string, string, ...any) {
		return func(where, format string, a ...any) {
			if len(probs) < maxProblems {
				probs = append(probs, Problem{Where: where, What: fmt.Sprintf(format, a...), Derived: derived})
			}
		}
	}
	add, addDerived := adder(false), adder(true)
	err := db.bolt.View(func(btx *bolt.Tx) error {
		for err := range btx.Check() {
			add("bbolt", "%v", err)
		}
		t := &Tx{tx: btx, db: db}
		last := map[string]string{}
		if err := t.VerifyAudit(last); err != nil {
			add("audit", "%v", err)
		}
		h := newHasher()
		want := map[string]*tally{} // bucket → what the records imply
		for _, ix := range indexes {
			want[string(ix.bucket())] = &tally{}
		}
		want[string(bucketSearch)], want[string(bucketText)] = &tally{}, &tally{}
		dv := newDerivedCheck(btx, addDerived)
		merged, livePeople := map[string]string{}, map[string]bool{}
		walkRecords(btx, func(k tdkt.Kind, key, v []byte, r tdkt.Record, err error) {
			where := string(k) + " " + string(key)
			if err != nil {
				add(where, "%v", err)
				return
			}
			if r.Base().ID != string(key) {
				add(where, "mã bên trong là %q", r.Base().ID)
			}
			sum := sha256.Sum256(v)
			if last[string(k)+"\x00"+string(key)] != hex.EncodeToString(sum[:]) {
				add(where, "bản ghi không khớp với nhật ký (sửa ngoài chương trình?)")
			}
			implied(r, func(bucket string, k, v []byte) { want[bucket].add(h, k, v) })
			dv.record(r)
			if p, ok := r.(*tdkt.Person); ok && !p.Deleted {
				livePeople[p.ID] = true
				if p.MergedInto != "" {
					merged[p.ID] = p.MergedInto
				}
			}
		}, add)
		checkMerges(merged, livePeople, add)
		var differ []string
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if !bucketTally(btx, name, h).equal(want[name]) {
				differ = append(differ, name)
			}
		}
		if len(differ) > 0 {
			compareDerived(btx, differ, addDerived)
		}
		dv.finish()
		return nil
	})
	return probs, err
}

// checkMerges finds people merged into a record that is gone, and merges
// that go round in a loop: both leave lines that count for nobody shown.
func checkMerges(merged map[string]string, live map[string]bool, add func(string, string, ...any)) {
	for _, id := range slices.Sorted(maps.Keys(merged)) {
		into := merged[id]
		if !live[into] {
			add("person "+id, "được gộp vào %s, bản ghi không còn: hãy tách ra", into)
			continue
		}
		at := into
		for range maxMerges {
			next, ok := merged[at]
			if !ok {
				break
			}
			if next == id {
				add("person "+id, "các bản ghi gộp vào nhau thành vòng: hãy tách ra")
				break
			}
			at = next
		}
	}
}

// walkRecords calls fn with every record of every kind, decoded (err when
// it does not decode); add is told of a missing kind bucket.
func walkRecords(btx *bolt.Tx, fn func(k tdkt.Kind, key, v []byte, r tdkt.Record, err error), add func(string, string, ...any)) {
	for _, k := range tdkt.Kinds {
		b := btx.Bucket([]byte(k))
		if b == nil {
			if add != nil {
				add(string(k), "thiếu bucket")
			}
			continue
		}
		b.ForEach(func(key, v []byte) error {
			r := tdkt.New(k)
			if err := json.Unmarshal(v, r); err != nil {
				fn(k, key, v, nil, fmt.Errorf("không giải mã được: %v", err))
				return nil
			}
			fn(k, key, v, r, nil)
			return nil
		})
	}
}

// implied calls put with every key a record implies in the index, search
// and text buckets, with the value that matters (a posting's mask, a
// text line; nil for index keys, whose values are empty).
func implied(r tdkt.Record, put func(bucket string, k, v []byte)) {
	for bucket, keys := range indexKeys(r) {
		// a value may repeat (one person twice in a dossier): its key once
		slices.Sort(keys)
		for _, ik := range slices.Compact(keys) {
			put(bucket, []byte(ik), nil)
		}
	}
	keys, text := searchKeys(r)
	mask := u64(textMask(text))
	for _, sk := range keys {
		put(string(bucketSearch), sk, mask)
	}
	if text != "" {
		put(string(bucketText), textKey(r.Kind(), r.Base().ID), []byte(text))
	}
}

// bucketTally is the tally of what bucket name holds, as implied tallies
// it: postings by flat key and mask (a block the layout check rejects
// spoils it), text lines by key and line, index keys alone.
func bucketTally(btx *bolt.Tx, name string, h *hasher) *tally {
	b := btx.Bucket([]byte(name))
	t := &tally{}
	if b == nil {
		t.broken = true
		return t
	}
	switch name {
	case string(bucketSearch):
		forEachPosting(b, func(k []byte, mask uint64) { t.add(h, k, u64(mask)) }, func([]byte, error) { t.broken = true })
	case string(bucketText):
		b.ForEach(func(k, v []byte) error { t.add(h, k, v); return nil })
	default:
		b.ForEach(func(k, _ []byte) error { t.add(h, k, nil); return nil })
	}
	return t
}

// compareDerived compares the buckets named key by key with what the
// records imply, naming what is missing, extra or wrong.
func compareDerived(btx *bolt.Tx, names []string, add func(string, string, ...any)) {
	want := map[string]map[string]bool{}
	for _, n := range names {
		want[n] = map[string]bool{}
	}
	wantText, wantMask := map[string]string{}, map[string]uint64{}
	walkRecords(btx, func(_ tdkt.Kind, _, _ []byte, r tdkt.Record, err error) {
		if err != nil {
			return // named by the first walk
		}
		implied(r, func(bucket string, k, v []byte) {
			switch {
			case want[bucket] == nil:
			case bucket == string(bucketText):
				wantText[string(k)] = string(v)
			default:
				want[bucket][string(k)] = true
			}
		})
		if want[string(bucketSearch)] != nil {
			if _, text := searchKeys(r); text != "" {
				wantMask[string(textKey(r.Kind(), r.Base().ID))] = textMask(text)
			}
		}
	}, nil)
	for _, n := range names {
		switch n {
		case string(bucketSearch):
			checkPostings(btx.Bucket(bucketSearch), want[n], wantMask, add)
		case string(bucketText):
			compareText(btx.Bucket(bucketText), wantText, add)
		default:
			compareKeys(btx.Bucket([]byte(n)), n, want[n], add)
		}
	}
}

// compareText names the text lines missing, extra or wrong.
func compareText(tb *bolt.Bucket, want map[string]string, add func(string, string, ...any)) {
	if tb == nil {
		add("text", "thiếu bucket")
		return
	}
	n := 0
	tb.ForEach(func(k, v []byte) error {
		n++
		if w, ok := want[string(k)]; !ok || w != string(v) {
			add("text", "mục thừa hoặc sai %q", strings.ReplaceAll(string(k), "\x00", " "))
		}
		return nil
	})
	if n != len(want) {
		add("text", "có %d mục, cần %d", n, len(want))
	}
}

// tally is an order-free digest of a set of entries: their count and two
// sums of independently keyed 64-bit hashes. Two sets with equal tallies
// are, short of a 2^-128 accident, the same.
type tally struct {
	n      int
	a, b   uint64
	broken bool // the bucket is missing or its layout is wrong
}

func (t *tally) add(h *hasher, k, v []byte) {
	x, y := h.sum(k, v)
	t.n++
	t.a += x
	t.b += y
}

func (t *tally) equal(o *tally) bool {
	return !t.broken && !o.broken && t.n == o.n && t.a == o.a && t.b == o.b
}

// hasher hashes an entry (key, value) with two seeds of this process.
type hasher struct{ h [2]maphash.Hash }

func newHasher() *hasher {
	h := &hasher{}
	h.h[0].SetSeed(maphash.MakeSeed())
	h.h[1].SetSeed(maphash.MakeSeed())
	return h
}

func (h *hasher) sum(k, v []byte) (uint64, uint64) {
	var n [binary.MaxVarintLen64]byte
	out := [2]uint64{}
	for i := range h.h {
		x := &h.h[i]
		x.Reset()
		x.Write(binary.AppendUvarint(n[:0], uint64(len(k)))) // where the key ends
		x.Write(k)
		x.Write(v)
		out[i] = x.Sum64()
	}
	return out[0], out[1]
}

func compareKeys(b *bolt.Bucket, name string, want map[string]bool, add func(string, string, ...any)) {
	if b == nil {
		add(name, "thiếu bucket")
		return
	}
	have := 0
	b.ForEach(func(k, _ []byte) error {
		have++
		if !want[string(k)] {
			add(name, "mục thừa %q", strings.ReplaceAll(string(k), "\x00", " "))
		}
		return nil
	})
	if have != len(want) {
		var missing []string
		for k := range want {
			if b.Get([]byte(k)) == nil {
				missing = append(missing, strings.ReplaceAll(k, "\x00", " "))
			}
		}
		sort.Strings(missing)
		if len(missing) > 3 {
			missing = missing[:3]
		}
		add(name, "có %d mục, cần %d (thiếu ví dụ %q)", have, len(want), missing)
	}
}

// checkPostings verifies the search index: its blocks are well formed
// (forEachPosting), it holds exactly the postings in want (flat keys,
// marked false as they are found), and every posting carries the mask of
// its record's text (masks by text key).
func checkPostings(b *bolt.Bucket, want map[string]bool, masks map[string]uint64, add func(string, string, ...any)) {
	if b == nil {
		add("search", "thiếu bucket")
		return
	}
	show := func(k []byte) string { return strings.ReplaceAll(string(k), "\x00", " ") }
	badMasks := 0
	var tk []byte
	forEachPosting(b, func(k []byte, mask uint64) {
		if w, ok := want[string(k)]; !ok || !w {
			add("search", "mục thừa %q", show(k))
			return
		}
		want[string(k)] = false
		first, last := bytes.IndexByte(k, 0), bytes.LastIndexByte(k, 0)
		tk = append(append(tk[:0], k[:first+1]...), k[last+1:]...)
		if m, ok := masks[string(tk)]; ok && m != mask {
			if badMasks++; badMasks <= 3 {
				add("search", "mặt nạ sai ở %q", show(k))
			}
		}
	}, func(k []byte, err error) {
		add("search", "khối %q: %v", show(k), err)
	})
	var missing []string
	for k, w := range want {
		if w {
			missing = append(missing, show([]byte(k)))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		add("search", "thiếu %d mục (ví dụ %q)", len(missing), missing[:min(3, len(missing))])
	}
}
