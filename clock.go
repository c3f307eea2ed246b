package tdkt

import (
	"fmt"
	"strings"
)

// Clock is a version vector: for each replica (one database file; a restored
// copy is a new replica) the counter of its last write that this version
// includes. Comparing two clocks tells whether one version has seen the
// other or whether they were edited concurrently, offline, in two offices.
type Clock map[string]uint64

// Order is the relation of two clocks.
type Order int

const (
	Equal      Order = iota
	Before           // the first has been seen by the second
	After            // the first has seen the second
	Concurrent       // neither has seen the other: a conflict
)

// Compare orders c against o.
func (c Clock) Compare(o Clock) Order {
	less, more := false, false
	for k, v := range c {
		switch w := o[k]; {
		case v < w:
			less = true
		case v > w:
			more = true
		}
	}
	for k, w := range o {
		if _, ok := c[k]; !ok && w > 0 {
			less = true
		}
	}
	switch {
	case less && more:
		return Concurrent
	case less:
		return Before
	case more:
		return After
	}
	return Equal
}

// Merge is the least clock that has seen both.
func (c Clock) Merge(o Clock) Clock {
	m := make(Clock, len(c)+len(o))
	for k, v := range c {
		m[k] = v
	}
	for k, v := range o {
		if v > m[k] {
			m[k] = v
		}
	}
	return m
}

// OriginOf is the office code that created the record with id: ids are
// "<office>-<kind letter><7 digits>".
func OriginOf(id string) string {
	if len(id) < 10 || id[len(id)-9] != '-' {
		return ""
	}
	return id[:len(id)-9]
}

// Synced reports whether records of kind k travel between offices. The
// office record and the accounts belong to one installation.
func Synced(k Kind) bool { return k != KindOffice && k != KindUser }

// InScope says whether an office of level lvl with code may send rec to
// another office. A commune creates and changes only its own dossiers, and
// the people and units it registered for them; the province owns meetings,
// results, decisions, the register and the catalogue, and may change any
// record it sends down.
func InScope(lvl Level, code string, rec Record) error {
	k := rec.Kind()
	if !Synced(k) {
		return fmt.Errorf("%s không được gửi giữa các cơ quan", KindLabel(k))
	}
	if lvl == LevelProvince {
		return nil
	}
	switch k {
	case KindDossier, KindPerson, KindUnit:
		if OriginOf(rec.Base().ID) == code {
			return nil
		}
		return fmt.Errorf("%s %s do cơ quan khác tạo, %s không được sửa", KindLabel(k), rec.Base().ID, code)
	}
	return fmt.Errorf("%s thuộc thẩm quyền cấp tỉnh, %s không được gửi", strings.ToLower(KindLabel(k)), code)
}

// MergeTravels reports whether a merge of the record with id dupID into
// the one with id keepID holds at every office: every office that gets
// the duplicate (all communes for a province record, its own commune for
// a commune's) must also get the record it is merged into — one the
// province created, or one of the duplicate's own office.
func MergeTravels(dupID, keepID string) bool {
	keep := OriginOf(keepID)
	return !strings.Contains(keep, "-") || keep == OriginOf(dupID)
}

// VisibleTo says whether the province sends rec to the commune with code:
// everything but what other communes created (their dossiers and the people
// and units they registered). Province codes have no dash and commune codes
// extend them ("SL-X001" under "SL"), so an origin with a dash that is not
// code belongs to another commune.
func VisibleTo(code string, rec Record) bool {
	if !Synced(rec.Kind()) {
		return false
	}
	o := OriginOf(rec.Base().ID)
	return o == code || !strings.Contains(o, "-")
}
