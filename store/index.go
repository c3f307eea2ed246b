package store

import (
	"bytes"
	"fmt"
	"slices"

	"tdkt"
)

// index files record ids under derived values: key = value 0x00 id. Every
// list filter of the window has one, so no list needs a full scan.
type index struct {
	name string
	kind tdkt.Kind
	keys func(tdkt.Record) []string
}

func (ix index) bucket() []byte { return []byte("idx:" + ix.name) }

func year(y int) string { return fmt.Sprintf("%04d", y) }

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// indexes are the secondary indexes. Values are plain strings; years are
// zero-padded so that they sort.
var indexes = []index{
	{"unit.parent", tdkt.KindUnit, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Unit).ParentID) }},
	{"person.unit", tdkt.KindPerson, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Person).UnitID) }},
	// person.model lists the models (điển hình tiên tiến), a few among
	// tens of thousands of people
	{"person.model", tdkt.KindPerson, func(r tdkt.Record) []string {
		if r.(*tdkt.Person).Model != nil {
			return []string{ModelKey}
		}
		return nil
	}},
	// person.merged files a duplicate under the record it was merged into
	{"person.merged", tdkt.KindPerson, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Person).MergedInto) }},
	{"dossier.unit", tdkt.KindDossier, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Dossier).UnitID) }},
	{"dossier.year", tdkt.KindDossier, func(r tdkt.Record) []string { return []string{year(r.(*tdkt.Dossier).Year)} }},
	{"dossier.status", tdkt.KindDossier, func(r tdkt.Record) []string { return []string{string(r.(*tdkt.Dossier).Status)} }},
	{"dossier.person", tdkt.KindDossier, func(r tdkt.Record) []string {
		var out []string
		seen := map[string]bool{}
		for _, c := range r.(*tdkt.Dossier).Candidates {
			if c.PersonID != "" && !seen[c.PersonID] {
				seen[c.PersonID] = true
				out = append(out, c.PersonID)
			}
		}
		return out
	}},
	{"meeting.year", tdkt.KindMeeting, func(r tdkt.Record) []string { return []string{year(r.(*tdkt.Meeting).Date.Year)} }},
	{"decision.year", tdkt.KindDecision, func(r tdkt.Record) []string { return []string{year(r.(*tdkt.Decision).Year)} }},
	// decision.number holds issued numbers per issuer and year: the store
	// refuses a second decision with the same number.
	{"decision.number", tdkt.KindDecision, func(r tdkt.Record) []string {
		if k, ok := issuedNumber(r); ok {
			return []string{k}
		}
		return nil
	}},
	{"award.person", tdkt.KindAward, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Award).PersonID) }},
	{"award.unit", tdkt.KindAward, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Award).UnitID) }},
	{"award.year", tdkt.KindAward, func(r tdkt.Record) []string { return []string{year(r.(*tdkt.Award).Year)} }},
	{"award.decision", tdkt.KindAward, func(r tdkt.Record) []string { return nonEmpty(r.(*tdkt.Award).DecisionID) }},
	{"user.login", tdkt.KindUser, func(r tdkt.Record) []string { return []string{r.(*tdkt.User).Login} }},
	{"user.all", tdkt.KindUser, func(tdkt.Record) []string { return []string{"u"} }},
}

// ModelKey is the value person.model files every model under.
const ModelKey = "m"

// rebuildIndex files every live record of ix's kind anew under ix, for a
// schema that adds the index to files that have its records already.
func (t *Tx) rebuildIndex(ix index) error {
	b, err := t.freshBucket(ix.bucket())
	if err != nil {
		return err
	}
	var keys [][]byte
	err = t.Each(ix.kind, func(r tdkt.Record) error {
		if r.Base().Deleted {
			return nil
		}
		for _, v := range ix.keys(r) {
			keys = append(keys, ixKey(v, r.Base().ID))
		}
		return nil
	})
	if err != nil {
		return err
	}
	// sorted, so that the puts append
	slices.SortFunc(keys, bytes.Compare)
	for _, k := range keys {
		if err := b.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// rebuildNamed rebuilds the index called name.
func (t *Tx) rebuildNamed(name string) error {
	for _, ix := range indexes {
		if ix.name == name {
			return t.rebuildIndex(ix)
		}
	}
	return fmt.Errorf("không có chỉ mục %s", name)
}

func numberKey(issuer string, y, n int) string { return fmt.Sprintf("%s|%04d|%06d", issuer, y, n) }

// issuedNumber is the decision.number key of r when r is a live issued
// decision with a number.
func issuedNumber(r tdkt.Record) (string, bool) {
	d, ok := r.(*tdkt.Decision)
	if !ok || d.Deleted || d.Status != tdkt.DecisionIssued || d.Number == 0 {
		return "", false
	}
	return numberKey(d.Issuer, d.Year, d.Number), true
}

func ixKey(v, id string) []byte {
	k := make([]byte, 0, len(v)+1+len(id))
	k = append(k, v...)
	k = append(k, 0)
	return append(k, id...)
}

// indexKeys lists the (bucket, key) pairs a live record contributes.
func indexKeys(r tdkt.Record) map[string][]string {
	out := map[string][]string{}
	if r == nil || r.Base().Deleted {
		return out
	}
	for _, ix := range indexes {
		if ix.kind != r.Kind() {
			continue
		}
		for _, v := range ix.keys(r) {
			out[string(ix.bucket())] = append(out[string(ix.bucket())], string(ixKey(v, r.Base().ID)))
		}
	}
	return out
}

// reindex replaces old's index and search entries with rec's.
func (t *Tx) reindex(old, rec tdkt.Record) error {
	if err := t.claimNumber(rec); err != nil {
		return err
	}
	if err := t.diffPut(indexKeys(old), indexKeys(rec)); err != nil {
		return err
	}
	if err := t.derive(old, rec); err != nil {
		return err
	}
	return t.researchIndex(old, rec)
}

// claimNumber refuses rec when it is an issued decision whose number
// another decision holds. A bulk merge defers its index puts, so the
// numbers it issues are kept beside them until it flushes (deferredPuts.
// numbers): two decisions of one bundle with the same number are refused
// as two saves would be. (An issued decision is never renumbered, so a
// number once claimed stays claimed.)
func (t *Tx) claimNumber(rec tdkt.Record) error {
	key, issued := issuedNumber(rec)
	if issued {
		taken := t.IDs("decision.number", key)
		if t.deferred != nil {
			if id, ok := t.deferred.numbers[key]; ok {
				taken = append(taken, id)
			}
		}
		for _, id := range taken {
			if id != rec.Base().ID {
				d := rec.(*tdkt.Decision)
				return fmt.Errorf("số quyết định %s năm %d đã được dùng", d.NumberText(), d.Year)
			}
		}
	}
	if issued && t.deferred != nil {
		t.deferred.numbers[key] = rec.Base().ID
	}
	return nil
}

// deferPuts collects index, search and text puts instead of writing them,
// for bulk merges: bbolt inserts keys that arrive in random order into one
// growing node until commit, which costs quadratic copying; putting them
// sorted at the end (flushPuts) appends instead.
func (t *Tx) deferPuts() {
	t.deferred = newDeferredPuts()
}

func (t *Tx) flushPuts() error {
	defer func() { t.deferred, t.pending = nil, nil }()
	if err := t.writeDeferred(); err != nil {
		return err
	}
	if len(t.pending) == 0 {
		return nil
	}
	// Awards take their facts once the whole merge is in place: a bundle
	// lists records in the order they last changed, so a person edited
	// after their award arrives after it, and the people a headcount
	// counts are in the index only now.
	pending := t.pending
	t.pending, t.fc = nil, nil
	t.deferPuts()
	for _, c := range pending {
		if err := t.deriveAward(c.old, c.rec); err != nil {
			return err
		}
	}
	return t.writeDeferred()
}

// put writes key=val into bucket name now, or later when puts are deferred.
func (t *Tx) put(name string, key, val []byte) error {
	if t.deferred != nil {
		t.deferred.put(name, key, val)
		return nil
	}
	b := t.tx.Bucket([]byte(name))
	if b == nil {
		return fmt.Errorf("thiếu bucket %s", name)
	}
	b.FillPercent = fill
	return b.Put(key, val)
}

// del removes key from bucket name, and from the deferred puts.
func (t *Tx) del(name string, key []byte) error {
	if t.deferred != nil {
		t.deferred.del(name, key)
	}
	return t.tx.Bucket([]byte(name)).Delete(key)
}

// diffPut deletes keys only in old and puts keys only in neu, bucket by
// bucket, so that an unchanged record costs no index writes.
func (t *Tx) diffPut(old, neu map[string][]string) error {
	for name, keys := range old {
		keep := set(neu[name])
		for _, k := range keys {
			if !keep[k] {
				if err := t.del(name, []byte(k)); err != nil {
					return err
				}
			}
		}
	}
	for name, keys := range neu {
		had := set(old[name])
		for _, k := range keys {
			if !had[k] {
				if err := t.put(name, []byte(k), nil); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}
