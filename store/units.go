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
	if err := t.Get(id, u); err != nil {
		return err
	}
	if u.Deleted {
		return nil
	}
	o, err := t.OfficeRecord()
	if err != nil {
		return err
	}
	if err := tdkt.InScope(o.Level, o.Code, u); err != nil {
		return fmt.Errorf("không xóa được %s: %w", u.Name, err)
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

// unitUses says what refers to unit id, one phrase per kind of use. The
// indexed references are counted from their indexes; records that name
// units inside lists (candidates, list entries, cluster members, council
// members) are read only when their stored bytes contain the id, so that
// a province's thousands of dossiers cost a byte search, not a decoding.
func (t *Tx) unitUses(id string) ([]string, error) {
	var uses []string
	for _, c := range []struct {
		index, what string
	}{
		{"unit.parent", "%d đơn vị trực thuộc"},
		{"person.unit", "%d cá nhân"},
		{"award.unit", "%d dòng trong sổ khen thưởng"},
		{"dossier.unit", "%d hồ sơ đã trình"},
	} {
		if n := t.CountIndex(c.index, id); n > 0 {
			uses = append(uses, fmt.Sprintf(c.what, n))
		}
	}
	needle, _ := json.Marshal(id) // the id as it appears in stored JSON
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
		b, err := t.bucket(c.kind)
		if err != nil {
			return nil, err
		}
		n := 0
		err = b.ForEach(func(k, v []byte) error {
			if string(k) == id || !bytes.Contains(v, needle) {
				return nil
			}
			r := tdkt.New(c.kind)
			if err := json.Unmarshal(v, r); err != nil {
				return fmt.Errorf("đọc %s %s: %w", c.kind, k, err)
			}
			if !r.Base().Deleted && (c.names == nil || c.names(r)) {
				n++
			}
			return nil
		})
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
	if err := t.Get(id, m); err != nil {
		return err
	}
	if m.Deleted {
		return nil
	}
	needle, _ := json.Marshal(id)
	b, err := t.bucket(tdkt.KindDossier)
	if err != nil {
		return err
	}
	n := 0
	err = b.ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, needle) {
			return nil
		}
		d := &tdkt.Dossier{}
		if err := json.Unmarshal(v, d); err != nil {
			return fmt.Errorf("đọc hồ sơ %s: %w", k, err)
		}
		if !d.Deleted && d.MovementID == id {
			n++
		}
		return nil
	})
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
// (ErrUnitInUse's sibling message says what); only the office that may
// send the person to others deletes them.
func (t *Tx) DeletePerson(id string) error {
	p := &tdkt.Person{}
	if err := t.Get(id, p); err != nil {
		return err
	}
	if p.Deleted {
		return nil
	}
	o, err := t.OfficeRecord()
	if err != nil {
		return err
	}
	if err := tdkt.InScope(o.Level, o.Code, p); err != nil {
		return fmt.Errorf("không xóa được %s: %w", p.Name, err)
	}
	var uses []string
	if n := t.CountIndex("award.person", id); n > 0 {
		uses = append(uses, fmt.Sprintf("%d dòng trong sổ khen thưởng", n))
	}
	if n := t.CountIndex("dossier.person", id); n > 0 {
		uses = append(uses, fmt.Sprintf("%d hồ sơ", n))
	}
	needle, _ := json.Marshal(id)
	b, err := t.bucket(tdkt.KindDecision)
	if err != nil {
		return err
	}
	n := 0
	err = b.ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, needle) {
			return nil
		}
		d := &tdkt.Decision{}
		if err := json.Unmarshal(v, d); err != nil {
			return fmt.Errorf("đọc quyết định %s: %w", k, err)
		}
		for _, l := range d.List {
			if l.PersonID == id && !d.Deleted {
				n++
				break
			}
		}
		return nil
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
