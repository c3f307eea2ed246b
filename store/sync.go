package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"tdkt"
)

// Summary is what an import did.
type Summary struct {
	Added, Updated, Unchanged, Conflicts int
}

// Apply merges records received from office from in this transaction, by
// their version clocks: a version this file has already seen is skipped (so
// a replayed or older bundle changes nothing); a newer one replaces the
// stored one byte for byte; two versions edited concurrently become a
// conflict. A conflict is resolved the same way on every office so that
// all converge — an edit beats a delete, otherwise the later stamp (then the
// larger bytes) wins — and the losing version is kept beside the record
// until a person resolves it. Scope is the caller's business (it refuses a
// bundle whole before calling Apply).
func (t *Tx) Apply(from string, recs []Raw) (Summary, error) {
	return t.apply(from, recs, nil)
}

// apply is Apply with the records already decoded by the caller (Import
// decodes every record for its scope check): decoded[i], when decoded is
// not nil, is a fresh decoding of recs[i].Data that apply may change.
func (t *Tx) apply(from string, recs []Raw, decoded []tdkt.Record) (Summary, error) {
	var s Summary
	if !t.writable {
		return s, ErrReadOnly
	}
	t.deferPuts()
	if decoded != nil {
		t.prep = prepare(decoded)
	}
	defer func() { t.deferred, t.prep = nil, nil }()
	if err := t.applyAll(from, recs, decoded, &s); err != nil {
		return s, err
	}
	return s, t.flushPuts()
}

// decodeRaw decodes one received record and checks that it is what its
// envelope says.
func decodeRaw(in Raw) (tdkt.Record, error) {
	if !tdkt.Synced(in.Kind) {
		return nil, fmt.Errorf("%s %s: không nhận loại bản ghi này", in.Kind, in.ID)
	}
	r := tdkt.New(in.Kind)
	if r == nil {
		return nil, fmt.Errorf("loại bản ghi không biết %q", in.Kind)
	}
	if err := json.Unmarshal(in.Data, r); err != nil {
		return nil, fmt.Errorf("%s %s: %w", in.Kind, in.ID, err)
	}
	if r.Base().ID != in.ID || in.ID == "" {
		return nil, fmt.Errorf("%s: mã bản ghi %q không khớp %q", in.Kind, r.Base().ID, in.ID)
	}
	return r, nil
}

func (t *Tx) applyAll(from string, recs []Raw, decoded []tdkt.Record, s *Summary) error {
	// The audit chain's end is read once and carried from record to
	// record: reading and decoding the last entry for every record cost
	// as much as writing the entry.
	tail, err := t.auditTail()
	if err != nil {
		return err
	}
	op := "sync:" + from
	for i, in := range recs {
		var r tdkt.Record
		if decoded != nil && decoded[i] != nil {
			if !tdkt.Synced(in.Kind) || decoded[i].Kind() != in.Kind || decoded[i].Base().ID != in.ID || in.ID == "" {
				return fmt.Errorf("%s %s: bản ghi đã giải mã không khớp", in.Kind, in.ID)
			}
			r = decoded[i]
		} else if r, err = decodeRaw(in); err != nil {
			return err
		}
		b, err := t.bucket(in.Kind)
		if err != nil {
			return err
		}
		var old tdkt.Record
		if v := b.Get([]byte(in.ID)); v != nil {
			old = tdkt.New(in.Kind)
			if err := json.Unmarshal(v, old); err != nil {
				return fmt.Errorf("đọc %s %s: %w", in.Kind, in.ID, err)
			}
		}
		neu := r
		// A version taken as received is stored as the bytes received: no
		// second encoding, and every office holds the same bytes.
		raw := in.Data
		switch {
		case old == nil:
			s.Added++
		default:
			switch r.Base().Clock.Compare(old.Base().Clock) {
			case tdkt.Equal, tdkt.Before:
				s.Unchanged++
				continue
			case tdkt.After:
				s.Updated++
				if err := t.dropSeenConflicts(r); err != nil {
					return err
				}
			case tdkt.Concurrent:
				win, lose, err := resolve(old, r)
				if err != nil {
					return err
				}
				win.Base().Clock = old.Base().Clock.Merge(r.Base().Clock)
				win.Base().Conflict = true
				if err := t.keepConflict(lose); err != nil {
					return err
				}
				neu, raw = win, nil // merged: encoded anew
				delete(t.prep, win) // changed since it was prepared
				s.Conflicts++
			}
		}
		if err := t.store(old, neu, raw, op, &tail); err != nil {
			return err
		}
	}
	return nil
}

// resolve picks the version that stays current in a conflict; the choice
// depends only on the two versions, never on which office applies it.
func resolve(a, b tdkt.Record) (win, lose tdkt.Record, err error) {
	ad, bd := a.Base().Deleted, b.Base().Deleted
	switch {
	case ad && !bd:
		return b, a, nil
	case bd && !ad:
		return a, b, nil
	}
	if c := a.Base().UpdatedAt.Compare(b.Base().UpdatedAt); c != 0 {
		if c > 0 {
			return a, b, nil
		}
		return b, a, nil
	}
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	if bytes.Compare(ab, bb) >= 0 {
		return a, b, nil
	}
	return b, a, nil
}

// store writes a received or merged version as it is (no new stamp), with
// its indexes, journal and audit entries: raw, when not nil, is rec's
// encoding as received; the audit entry follows tail.
func (t *Tx) store(old, rec tdkt.Record, raw []byte, op string, tail *auditTail) error {
	k := rec.Kind()
	b, err := t.bucket(k)
	if err != nil {
		return err
	}
	v := raw
	if v == nil {
		if v, err = json.Marshal(rec); err != nil {
			return err
		}
	}
	if err := b.Put([]byte(rec.Base().ID), v); err != nil {
		return err
	}
	if err := t.reindex(old, rec); err != nil {
		return err
	}
	tick := t.tick()
	if err := t.journal(tick, k, rec.Base().ID); err != nil {
		return err
	}
	_, err = t.appendAuditAt(tail, op, k, rec.Base().ID, tick, v)
	return err
}

// dropSeenConflicts forgets kept conflict copies that a newer, resolved
// version from another office has seen: the conflict was settled there.
func (t *Tx) dropSeenConflicts(r tdkt.Record) error {
	if r.Base().Conflict {
		return nil
	}
	prefix := conflictKey(r.Kind(), r.Base().ID)
	b := t.tx.Bucket(bucketConflicts)
	var del [][]byte
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		o := tdkt.New(r.Kind())
		if err := json.Unmarshal(v, o); err != nil {
			return err
		}
		if cmp := o.Base().Clock.Compare(r.Base().Clock); cmp == tdkt.Before || cmp == tdkt.Equal {
			del = append(del, append([]byte(nil), k...))
		}
	}
	for _, k := range del {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func conflictKey(k tdkt.Kind, id string) []byte { return []byte(string(k) + "\x00" + id + "\x00") }

func (t *Tx) keepConflict(lose tdkt.Record) error {
	v, err := json.Marshal(lose)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(v)
	key := append(conflictKey(lose.Kind(), lose.Base().ID), hex.EncodeToString(sum[:8])...)
	return t.tx.Bucket(bucketConflicts).Put(key, v)
}

// Conflict is a record two offices edited offline: the version that is
// current and the versions that lost the automatic choice.
type Conflict struct {
	Kind    tdkt.Kind
	ID      string
	Current tdkt.Record
	Others  []tdkt.Record
}

// Conflicts lists the unresolved conflicts, by kind and id.
func (t *Tx) Conflicts() ([]Conflict, error) {
	byKey := map[string]*Conflict{}
	var keys []string
	err := t.tx.Bucket(bucketConflicts).ForEach(func(k, v []byte) error {
		parts := bytes.SplitN(k, []byte{0}, 3)
		if len(parts) != 3 {
			return nil
		}
		key := string(parts[0]) + "\x00" + string(parts[1])
		c, ok := byKey[key]
		if !ok {
			cur := tdkt.New(tdkt.Kind(parts[0]))
			if err := t.Get(string(parts[1]), cur); err != nil {
				return err
			}
			c = &Conflict{Kind: tdkt.Kind(parts[0]), ID: string(parts[1]), Current: cur}
			byKey[key] = c
			keys = append(keys, key)
		}
		o := tdkt.New(c.Kind)
		if err := json.Unmarshal(v, o); err != nil {
			return err
		}
		c.Others = append(c.Others, o)
		return nil
	})
	sort.Strings(keys)
	out := make([]Conflict, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out, err
}

// Resolve saves the version a person chose or merged for a conflicted
// record as a new local version (whose clock has seen both sides, so it
// wins everywhere) and drops the kept copies.
func (t *Tx) Resolve(rec tdkt.Record) error {
	var others []tdkt.Record
	cs, err := t.Conflicts()
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Kind == rec.Kind() && c.ID == rec.Base().ID {
			others = c.Others
		}
	}
	if len(others) == 0 {
		return fmt.Errorf("%s %s không có xung đột cần giải quyết", tdkt.KindLabel(rec.Kind()), rec.Base().ID)
	}
	cl := rec.Base().Clock
	for _, o := range others {
		cl = cl.Merge(o.Base().Clock)
	}
	rec.Base().Clock = cl
	rec.Base().Conflict = false
	prefix := conflictKey(rec.Kind(), rec.Base().ID)
	b := t.tx.Bucket(bucketConflicts)
	var del [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		del = append(del, append([]byte(nil), k...))
	}
	for _, k := range del {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return t.Put(rec)
}
