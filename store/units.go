package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"tdkt"
)

// ErrUnitInUse refuses to delete a unit something still names.
var ErrUnitInUse = errors.New("đơn vị đang được dùng")

// DeleteUnit deletes a unit entered by mistake. A unit anything refers to
// is kept (ErrUnitInUse, saying what refers to it): the register, dossiers,
// people, units under it or merged into it, clusters, meetings and
// decisions would otherwise name a unit that no longer exists. Such a unit
// is renamed or merged instead. Only the office that may send the unit to
// others deletes it (tdkt.InScope: a commune the units it created), so
// that the deletion travels like any change.
func (t *Tx) DeleteUnit(id string) error {
	u := &tdkt.Unit{}
	if done, err := t.deletable(id, u, func() string { return u.Name }); done || err != nil {
		return err
	}
	uses, err := t.unitUses(id)
	if err != nil {
		return err
	}
	if len(uses) > 0 {
		return fmt.Errorf("%w: %s còn %s; hãy sửa tên hoặc để nguyên", ErrUnitInUse, u.Name, strings.Join(uses, ", "))
	}
	return t.Delete(tdkt.KindUnit, id)
}

// deletable reads the record id into rec and says whether this office may
// delete it: done when it is deleted already; an error when it is another
// office's to delete (tdkt.InScope), so that a deletion travels like any
// change.
func (t *Tx) deletable(id string, rec tdkt.Record, name func() string) (done bool, err error) {
	if err := t.Get(id, rec); err != nil {
		return false, err
	}
	if rec.Base().Deleted {
		return true, nil
	}
	o, err := t.OfficeRecord()
	if err != nil {
		return false, err
	}
	if err := tdkt.InScope(o.Level, o.Code, rec); err != nil {
		return false, fmt.Errorf("không xóa được %s: %w", name(), err)
	}
	return false, nil
}

// indexUses says, one phrase per index, how many records an index files
// under id ("%d cá nhân").
func (t *Tx) indexUses(id string, indexes ...[2]string) []string {
	var uses []string
	for _, c := range indexes {
		if n := t.CountIndex(c[0], id); n > 0 {
			uses = append(uses, fmt.Sprintf(c[1], n))
		}
	}
	return uses
}

// naming counts the live records of kind k, other than id itself, that
// name id where names says (nil: any mention). Records are decoded only
// when their stored bytes contain the quoted id, so that a province's
// thousands of dossiers cost a byte search, not a decoding.
func (t *Tx) naming(k tdkt.Kind, id string, names func(tdkt.Record) bool) (int, error) {
	b, err := t.bucket(k)
	if err != nil {
		return 0, err
	}
	needle, _ := json.Marshal(id) // the id as it appears in stored JSON
	n := 0
	err = b.ForEach(func(key, v []byte) error {
		if string(key) == id || !bytes.Contains(v, needle) {
			return nil
		}
		r := tdkt.New(k)
		if err := json.Unmarshal(v, r); err != nil {
			return fmt.Errorf("đọc %s %s: %w", k, key, err)
		}
		if !r.Base().Deleted && (names == nil || names(r)) {
			n++
		}
		return nil
	})
	return n, err
}

// unitUses says what refers to unit id, one phrase per kind of use: the
// indexed references from their indexes, the rest (candidates, list
// entries, cluster members, council items) by naming.
func (t *Tx) unitUses(id string) ([]string, error) {
	uses := t.indexUses(id,
		[2]string{"unit.parent", "%d đơn vị trực thuộc"},
		[2]string{"person.unit", "%d cá nhân"},
		[2]string{"award.unit", "%d dòng trong sổ khen thưởng"},
		[2]string{"dossier.unit", "%d hồ sơ đã trình"})
	for _, c := range []struct {
		kind  tdkt.Kind
		what  string
		names func(tdkt.Record) bool
	}{
		{tdkt.KindUnit, "%d đơn vị cũ hợp nhất vào", func(r tdkt.Record) bool { return r.(*tdkt.Unit).MergedInto == id }},
		{tdkt.KindDossier, "%d hồ sơ đề nghị khen thưởng đơn vị hoặc người của đơn vị", func(r tdkt.Record) bool {
			d := r.(*tdkt.Dossier)
			for _, c := range d.Candidates {
				if c.UnitID == id {
					return d.UnitID != id // counted as submitted already
				}
			}
			return false
		}},
		{tdkt.KindDecision, "%d quyết định", func(r tdkt.Record) bool {
			for _, l := range r.(*tdkt.Decision).List {
				if l.UnitID == id {
					return true
				}
			}
			return false
		}},
		// clusters (members, leaders, scores), council meetings and
		// movements: any mention of the id
		{tdkt.KindCluster, "%d cụm, khối thi đua", nil},
		{tdkt.KindMeeting, "%d phiên họp", nil},
		{tdkt.KindMovement, "%d phong trào thi đua", nil},
	} {
		n, err := t.naming(c.kind, id, c.names)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			uses = append(uses, fmt.Sprintf(c.what, n))
		}
	}
	return uses, nil
}

// DeleteMovement deletes an emulation movement entered by mistake; one a
// dossier names (its achievements were proposed under it) is kept.
func (t *Tx) DeleteMovement(id string) error {
	m := &tdkt.Movement{}
	if done, err := t.deletable(id, m, func() string { return m.Name }); done || err != nil {
		return err
	}
	n, err := t.naming(tdkt.KindDossier, id, func(r tdkt.Record) bool { return r.(*tdkt.Dossier).MovementID == id })
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("phong trào %s đang được %d hồ sơ ghi là phong trào của thành tích; hãy sửa hoặc để nguyên", m.Name, n)
	}
	return t.Delete(tdkt.KindMovement, id)
}

// DeletePerson deletes a person entered by mistake (a duplicate typed in a
// dossier, say). One the register, a dossier or a decision names is kept
// (ErrPersonInUse, saying what); only the office that may send the person
// to others deletes them.
func (t *Tx) DeletePerson(id string) error {
	p := &tdkt.Person{}
	if done, err := t.deletable(id, p, func() string { return p.Name }); done || err != nil {
		return err
	}
	uses := t.indexUses(id,
		[2]string{"award.person", "%d dòng trong sổ khen thưởng"},
		[2]string{"dossier.person", "%d hồ sơ"},
		[2]string{"person.merged", "%d bản ghi trùng đã gộp vào (hãy tách ra trước)"})
	n, err := t.naming(tdkt.KindDecision, id, func(r tdkt.Record) bool {
		for _, l := range r.(*tdkt.Decision).List {
			if l.PersonID == id {
				return true
			}
		}
		return false
	})
	if err != nil {
		return err
	}
	if n > 0 {
		uses = append(uses, fmt.Sprintf("%d quyết định", n))
	}
	if len(uses) > 0 {
		return fmt.Errorf("%w: %s có tên trong %s", ErrPersonInUse, p.Name, strings.Join(uses, ", "))
	}
	return t.Delete(tdkt.KindPerson, id)
}

// ErrPersonInUse refuses to delete a person something still names.
var ErrPersonInUse = errors.New("cá nhân đang được dùng")

// maxMerges bounds a walk along MergedInto: a chain longer than this is a
// loop a bad bundle made, not people.
const maxMerges = 64

// KeptPerson follows id's MergedInto to the record kept for that person
// (id itself when it was never merged).
func (t *Tx) KeptPerson(id string) string {
	b := t.tx.Bucket([]byte(tdkt.KindPerson))
	if b == nil {
		return id
	}
	for range maxMerges {
		// most people were never merged: their bytes say so without a
		// decoding (History asks for every candidate, the register's
		// import for every line)
		raw := b.Get([]byte(id))
		if !bytes.Contains(raw, []byte(`"mergedInto"`)) {
			return id
		}
		var p struct {
			MergedInto string `json:"mergedInto"`
		}
		// a record merged into one this office lacks counts as its own
		if json.Unmarshal(raw, &p) != nil || p.MergedInto == "" || !t.Has(tdkt.KindPerson, p.MergedInto) {
			return id
		}
		id = p.MergedInto
	}
	return id
}

// SamePerson lists the records of one person: the one kept for id and
// every record merged into it, directly or through another.
func (t *Tx) SamePerson(id string) []string {
	out := []string{t.KeptPerson(id)}
	seen := map[string]bool{out[0]: true}
	for i := 0; i < len(out) && len(out) < maxMerges; i++ {
		for _, m := range t.IDs("person.merged", out[i]) {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// PersonAwardIDs lists the register lines of person id and of the records
// merged with it.
func (t *Tx) PersonAwardIDs(id string) []string {
	if id == "" {
		return nil
	}
	same := t.SamePerson(id)
	if len(same) == 1 {
		return t.IDs("award.person", id)
	}
	var out []string
	for _, p := range same {
		out = append(out, t.IDs("award.person", p)...)
	}
	return out
}

// MergePerson merges the duplicate record dupID into keepID
// (tdkt.MergePerson) in one transaction: both records are written, nothing
// that names the duplicate is changed.
func (t *Tx) MergePerson(dupID, keepID string) (*tdkt.Person, error) {
	dup, keep := &tdkt.Person{}, &tdkt.Person{}
	if err := t.Get(dupID, dup); err != nil {
		return nil, err
	}
	if err := t.Get(keepID, keep); err != nil {
		return nil, err
	}
	if err := tdkt.MergePerson(dup, keep, t.db.office, tdkt.DateOf(t.db.now())); err != nil {
		return nil, err
	}
	if err := t.Put(dup); err != nil {
		return nil, err
	}
	if err := t.Put(keep); err != nil {
		return nil, err
	}
	return keep, nil
}

// UnmergePerson undoes a merge (tdkt.UnmergePerson): the record id counts
// as its own person again, and the record it was merged into gives back
// what it took from it.
func (t *Tx) UnmergePerson(id string) error {
	p := &tdkt.Person{}
	if err := t.Get(id, p); err != nil {
		return err
	}
	if p.MergedInto == "" {
		return fmt.Errorf("%s chưa được gộp vào ai", p.Name)
	}
	keep := &tdkt.Person{}
	if err := t.Get(p.MergedInto, keep); err != nil {
		return err
	}
	if err := tdkt.UnmergePerson(p, keep, t.db.office); err != nil {
		return err
	}
	if err := t.Put(keep); err != nil {
		return err
	}
	return t.Put(p)
}
