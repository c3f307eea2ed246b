package store

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestBlockRoundTrip(t *testing.T) {
	ps := []posting{{[]byte("A1"), 1}, {[]byte("A10"), 2}, {[]byte("A100"), 1 << 63}, {[]byte("B"), 0}, {[]byte("T1-P-000042"), 7}}
	v := encodeBlock(ps)
	got, err := decodeBlock(v)
	if err != nil || !slices.EqualFunc(got, ps, func(a, b posting) bool { return string(a.id) == string(b.id) && a.mask == b.mask }) {
		t.Fatalf("decode(encode) = %v, %v", got, err)
	}
	if blockCount(v) != len(ps) {
		t.Errorf("blockCount = %d", blockCount(v))
	}
	// a block cut anywhere is reported, not read past its end
	for n := range len(v) {
		if _, err := decodeBlock(v[:n]); err == nil {
			t.Errorf("block cut at %d of %d read without error", n, len(v))
		}
	}
	if _, err := decodeBlock(append(slices.Clone(v), 0)); err == nil {
		t.Error("a trailing byte read without error")
	}
}

// TestApplyPostingsModel applies random batches of puts and deletes, one
// posting up to hundreds at a time, over words that share beginnings,
// and compares the blocks with a plain map after every batch.
func TestApplyPostingsModel(t *testing.T) {
	b, err := bolt.Open(filepath.Join(t.TempDir(), "p.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket(bucketSearch); return err })

	words := []string{"person\x00a\x00", "person\x00an\x00", "person\x00anh\x00", "unit\x00an\x00"}
	id := func(n int) string {
		if n%5 == 0 {
			return fmt.Sprintf("SL-P%d", n) // another office, unpadded: ids of several lengths
		}
		return fmt.Sprintf("T1-P-%06d", n)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	model := map[string]uint64{}
	maxBlocks := 0
	for round := range 80 {
		n := 1 + rng.IntN(3)
		if round%3 == 0 {
			n = 1 + rng.IntN(600)
		}
		batch := map[string]kv{}
		for range n {
			k := words[rng.IntN(len(words))] + id(rng.IntN(1500))
			if rng.IntN(10) < 3 {
				batch[k] = kv{[]byte(k), nil}
				delete(model, k)
			} else {
				m := rng.Uint64()
				batch[k] = kv{[]byte(k), u64(m)}
				model[k] = m
			}
		}
		ops := slices.SortedFunc(maps.Values(batch), func(a, b kv) int { return strings.Compare(string(a.key), string(b.key)) })
		if err := b.Update(func(tx *bolt.Tx) error { return applyPostings(tx.Bucket(bucketSearch), ops) }); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		got := map[string]uint64{}
		b.View(func(tx *bolt.Tx) error {
			bk := tx.Bucket(bucketSearch)
			maxBlocks = max(maxBlocks, bk.Stats().KeyN)
			forEachPosting(bk, func(k []byte, m uint64) { got[string(k)] = m }, func(k []byte, err error) {
				t.Errorf("round %d: block %q: %v", round, k, err)
			})
			return nil
		})
		if !maps.Equal(got, model) {
			t.Fatalf("round %d: %d postings, want %d", round, len(got), len(model))
		}
	}
	if len(model) < 3*maxPostings || maxBlocks < len(words)*3 {
		t.Errorf("too small to split blocks: %d postings, at most %d blocks", len(model), maxBlocks)
	}
}

// FuzzBlock feeds arbitrary bytes to the block reader, as a damaged file
// would: it must report them, never panic or read past them, and the
// postings of a block it accepts must read back the same once encoded
// again (not always the same bytes: a block may spell an id with a shorter
// shared prefix than encodeBlock would).
func FuzzBlock(f *testing.F) {
	f.Add(encodeBlock([]posting{{[]byte("T1-P-000001"), 3}, {[]byte("T1-P-000002"), 5}}))
	f.Add(encodeBlock([]posting{{[]byte("A"), 0}}))
	f.Add([]byte{2, 0, 1, 'A', 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, v []byte) {
		ps, err := decodeBlock(v)
		if err != nil {
			return
		}
		var n int
		if err := walkBlock(v, func([]byte, uint64) bool { n++; return true }); err != nil || n != len(ps) || blockCount(v) != n {
			t.Fatalf("decode gave %d postings, walk %d (%v), count %d", len(ps), n, err, blockCount(v))
		}
		if len(ps) == 0 {
			return
		}
		if again := encodeBlock(ps); !bytes.Equal(again, v) {
			back, err := decodeBlock(again)
			if err != nil || len(back) != len(ps) {
				t.Fatalf("re-encoded block reads %d postings, %v", len(back), err)
			}
			for i := range ps {
				if !bytes.Equal(back[i].id, ps[i].id) || back[i].mask != ps[i].mask {
					t.Fatalf("posting %d: %q/%x, was %q/%x", i, back[i].id, back[i].mask, ps[i].id, ps[i].mask)
				}
			}
		}
	})
}

// BenchmarkApplyPostingsNew puts 200,000 postings of 20,000 words into an
// empty index in one transaction, as an import into a new office does.
func BenchmarkApplyPostingsNew(b *testing.B) {
	var ops []kv
	mask := u64(1)
	for w := range 20000 {
		for i := range 10 {
			ops = append(ops, kv{[]byte(fmt.Sprintf("dossier\x00w%05d\x00T1-D%07d", w, w*7+i)), mask})
		}
	}
	slices.SortFunc(ops, func(a, b kv) int { return bytes.Compare(a.key, b.key) })
	for range b.N {
		b.StopTimer()
		db, err := bolt.Open(filepath.Join(b.TempDir(), "p.db"), 0o600, &bolt.Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		err = db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucket(bucketSearch)
			if err != nil {
				return err
			}
			return applyPostings(bk, ops)
		})
		b.StopTimer()
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
