package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// ErrRecordsDamaged is Repair's refusal: the records themselves (or the
// audit chain, or bbolt's pages) are damaged, and nothing derived from
// them can set that right.
var ErrRecordsDamaged = errors.New("dữ liệu gốc (bản ghi, nhật ký kiểm tra hoặc cấu trúc tệp) bị hỏng: không tự sửa được; hãy khôi phục bản sao lưu gần nhất")

// RepairReport says what Repair found and did.
type RepairReport struct {
	Before []Problem // what Check found
	Copy   string    // the copy of the file as it was, kept beside it
	Built  []string  // the buckets rebuilt
	After  []Problem // what Check finds afterwards
}

// Repair rebuilds what the file derives from its records — indexes, search
// postings, text lines, award facts and counters, dossier rows — when Check
// finds only those damaged: the records are the truth, and a damaged index
// need not cost the work done since the last backup. A file whose records,
// audit chain or pages are damaged is refused (ErrRecordsDamaged) and left
// as it is.
//
// The file as it was is first copied beside it (name.truoc-sua-
// YYYYMMDD-HHMMSS, synced), then each derived bucket Check found wrong
// (every one, when Check's list is full) is rebuilt in a transaction of
// its own, so that a power cut leaves every bucket either
// as it was or rebuilt whole; running Repair again finishes the work. Check
// runs again at the end (After). Nothing else may have the file open.
func (db *DB) Repair(now time.Time) (RepairReport, error) {
	if db.ro {
		return RepairReport{}, ErrReadOnly
	}
	probs, err := db.Check()
	if err != nil {
		return RepairReport{}, err
	}
	return db.RepairChecked(probs, now)
}

// RepairChecked is Repair on probs, what Check found moments before on
// this open file: the window shows the findings before it offers the
// repair, and checking the file again first would cost as long as the
// rebuild itself on a province's file. Check still runs at the end.
func (db *DB) RepairChecked(probs []Problem, now time.Time) (RepairReport, error) {
	var rep RepairReport
	if db.ro {
		return rep, ErrReadOnly
	}
	var err error
	rep.Before = probs
	if len(probs) == 0 {
		return rep, nil
	}
	var bad []string
	for _, p := range probs {
		if !p.Derived {
			bad = append(bad, p.String())
		}
	}
	if len(bad) > 0 {
		return rep, fmt.Errorf("%w (%d lỗi, ví dụ: %s)", ErrRecordsDamaged, len(bad), strings.Join(first(bad, 3), "; "))
	}
	rep.Copy = db.path + ".truoc-sua-" + now.Format("20060102-150405")
	if err := db.copyTo(rep.Copy, false); err != nil {
		return rep, fmt.Errorf("chép tệp trước khi sửa: %w", err)
	}
	// the buckets Check named, or all of them when its list is full
	named := map[string]bool{}
	for _, p := range probs {
		named[p.Where] = true
	}
	all := len(probs) >= maxProblems
	type step struct {
		name   string
		wheres []string // the Where of Check's findings in what it rebuilds
		build  func(*Tx) error
	}
	steps := []step{
		{string(bucketSearch), []string{"search"}, (*Tx).rebuildSearch},
		{string(bucketText), []string{string(bucketText)}, (*Tx).rebuildText},
		{"award.facts, award.count, dossier.row", []string{string(bucketFacts), string(bucketCounts), string(bucketRows)}, (*Tx).RebuildDerived},
	}
	for _, ix := range indexes {
		steps = append(steps, step{string(ix.bucket()), []string{string(ix.bucket())}, func(t *Tx) error { return t.rebuildIndex(ix) }})
	}
	for _, s := range steps {
		if !all && !slices.ContainsFunc(s.wheres, func(w string) bool { return named[w] }) {
			continue
		}
		err := db.bolt.Update(func(btx *bolt.Tx) error {
			return s.build(&Tx{tx: btx, db: db, writable: true})
		})
		if err != nil {
			return rep, fmt.Errorf("dựng lại %s: %w", s.name, err)
		}
		rep.Built = append(rep.Built, s.name)
	}
	rep.After, err = db.Check()
	return rep, err
}

// rebuildText writes every record's search line anew.
func (t *Tx) rebuildText() error {
	b, err := t.freshBucket(bucketText)
	if err != nil {
		return err
	}
	// kinds in name order, ids in key order: the puts append
	for _, k := range slices.Sorted(slices.Values(tdkt.Kinds)) {
		err := t.Each(k, func(r tdkt.Record) error {
			if _, text := searchKeys(r); text != "" {
				return b.Put(textKey(k, r.Base().ID), []byte(text))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// rebuildSearch files every record's words anew, a few thousand records
// at a time through the blocks' own merge: each batch's ids follow the
// last, so its postings append to their words' blocks.
func (t *Tx) rebuildSearch() error {
	b, err := t.freshBucket(bucketSearch)
	if err != nil {
		return err
	}
	const batch = 5000
	var ops []kv
	n := 0
	flush := func() error {
		slices.SortFunc(ops, func(a, b kv) int { return strings.Compare(string(a.key), string(b.key)) })
		err := applyPostings(b, ops)
		ops, n = ops[:0], 0
		return err
	}
	for _, k := range slices.Sorted(slices.Values(tdkt.Kinds)) {
		err := t.Each(k, func(r tdkt.Record) error {
			keys, text := searchKeys(r)
			mask := u64(textMask(text))
			for _, sk := range keys {
				ops = append(ops, kv{sk, mask})
			}
			if n++; n == batch {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return flush()
}

// freshBucket empties bucket name (deleting and creating it).
func (t *Tx) freshBucket(name []byte) (*bolt.Bucket, error) {
	if t.tx.Bucket(name) != nil {
		if err := t.tx.DeleteBucket(name); err != nil {
			return nil, fmt.Errorf("xóa bucket %s: %w", name, err)
		}
	}
	b, err := t.tx.CreateBucket(name)
	if err != nil {
		return nil, fmt.Errorf("tạo bucket %s: %w", name, err)
	}
	b.FillPercent = fill
	return b, nil
}
