package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// Problem is one finding of Check.
type Problem struct{ Where, What string }

func (p Problem) String() string { return p.Where + ": " + p.What }

// Check verifies the file: bbolt's own page structure, that every record
// decodes under its key, that indexes and the search index hold exactly what
// the records imply, and that the audit chain is whole and ends, for every
// record, with the record as stored. It returns every problem found.
func (db *DB) Check() ([]Problem, error) {
	var probs []Problem
	add := func(where, format string, a ...any) {
		if len(probs) < 1000 {
			probs = append(probs, Problem{where, fmt.Sprintf(format, a...)})
		}
	}
	err := db.bolt.View(func(btx *bolt.Tx) error {
		for err := range btx.Check() {
			add("bbolt", "%v", err)
		}
		t := &Tx{tx: btx, db: db}
		last := map[string]string{}
		if err := t.VerifyAudit(last); err != nil {
			add("audit", "%v", err)
		}
		wantIdx := map[string]map[string]bool{}
		for _, ix := range indexes {
			wantIdx[string(ix.bucket())] = map[string]bool{}
		}
		wantSearch, wantText := map[string]bool{}, map[string]string{}
		wantMask := map[string]uint64{}
		dv := newDerivedCheck(btx, add)
		for _, k := range tdkt.Kinds {
			b := btx.Bucket([]byte(k))
			if b == nil {
				add(string(k), "thiếu bucket")
				continue
			}
			b.ForEach(func(key, v []byte) error {
				where := string(k) + " " + string(key)
				r := tdkt.New(k)
				if err := json.Unmarshal(v, r); err != nil {
					add(where, "không giải mã được: %v", err)
					return nil
				}
				if r.Base().ID != string(key) {
					add(where, "mã bên trong là %q", r.Base().ID)
				}
				sum := sha256.Sum256(v)
				if last[string(k)+"\x00"+string(key)] != hex.EncodeToString(sum[:]) {
					add(where, "bản ghi không khớp với nhật ký (sửa ngoài chương trình?)")
				}
				for bucket, keys := range indexKeys(r) {
					for _, ik := range keys {
						wantIdx[bucket][ik] = true
					}
				}
				keys, text := searchEntries(r)
				for _, sk := range keys {
					wantSearch[sk] = true
				}
				if text != "" {
					wantText[string(textKey(k, r.Base().ID))] = text
					wantMask[string(textKey(k, r.Base().ID))] = textMask(text)
				}
				dv.record(r)
				return nil
			})
		}
		for bucket, want := range wantIdx {
			compareKeys(btx.Bucket([]byte(bucket)), bucket, want, add)
		}
		checkPostings(btx.Bucket(bucketSearch), wantSearch, wantMask, add)
		tb := btx.Bucket(bucketText)
		n := 0
		tb.ForEach(func(k, v []byte) error {
			n++
			if want, ok := wantText[string(k)]; !ok || want != string(v) {
				add("text", "mục thừa hoặc sai %q", strings.ReplaceAll(string(k), "\x00", " "))
			}
			return nil
		})
		if n != len(wantText) {
			add("text", "có %d mục, cần %d", n, len(wantText))
		}
		dv.finish()
		return nil
	})
	return probs, err
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
