package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// Tx is a read or write transaction over the records.
type Tx struct {
	tx       *bolt.Tx
	db       *DB
	user     string
	role     tdkt.Role
	writable bool
	deferred *deferredPuts             // see deferPuts
	self     string                    // id of the writer's own account while it changes its password
	fc       *factCache                // lookups for award facts, see derived.go
	pending  []awardChange             // awards a bulk merge derives at flushPuts
	prep     map[tdkt.Record]*prepared // a bulk merge's records' derived text, see prepare
	posts    *deferredPuts             // search postings written at the end, see postings
}

func allKinds() []tdkt.Kind { return tdkt.Kinds }

// Office is the code of the office that owns the database.
func (t *Tx) Office() string { return t.db.office }

func (t *Tx) bucket(k tdkt.Kind) (*bolt.Bucket, error) {
	b := t.tx.Bucket([]byte(k))
	if b == nil {
		return nil, fmt.Errorf("thiếu bucket %s: %w", k, ErrNotTDKT)
	}
	b.FillPercent = fill
	return b, nil
}

// fill packs pages to 90 % instead of bbolt's 50 %: ids grow in sequence, so
// pages rarely take inserts after they fill, and the file stays about half
// the size.
const fill = 0.9

// Get decodes the record of rec's kind with id into rec. Tombstones are
// returned too; callers check Deleted.
func (t *Tx) Get(id string, rec tdkt.Record) error {
	b, err := t.bucket(rec.Kind())
	if err != nil {
		return err
	}
	v := b.Get([]byte(id))
	if v == nil {
		return fmt.Errorf("%s %s: %w", rec.Kind(), id, ErrNotFound)
	}
	if err := unmarshal(v, rec); err != nil {
		return fmt.Errorf("đọc %s %s: %w", rec.Kind(), id, err)
	}
	return nil
}

// Has reports whether a live record of kind k with id exists.
func (t *Tx) Has(k tdkt.Kind, id string) bool {
	r := tdkt.New(k)
	return t.Get(id, r) == nil && !r.Base().Deleted
}

// Each calls fn for every live record of kind k in id order. fn receives a
// fresh record each time and may keep it.
func (t *Tx) Each(k tdkt.Kind, fn func(tdkt.Record) error) error {
	b, err := t.bucket(k)
	if err != nil {
		return err
	}
	return b.ForEach(func(key, v []byte) error {
		r := tdkt.New(k)
		if err := json.Unmarshal(v, r); err != nil {
			return fmt.Errorf("đọc %s %s: %w", k, key, err)
		}
		if r.Base().Deleted {
			return nil
		}
		return fn(r)
	})
}

// Count is the number of stored records of kind k, tombstones included.
func (t *Tx) Count(k tdkt.Kind) int {
	b := t.tx.Bucket([]byte(k))
	if b == nil {
		return 0
	}
	return b.Stats().KeyN
}

// NewID returns the next id of kind k for this office: office code, a kind
// letter and a zero-padded sequence, so ids sort in creation order and never
// collide between offices.
func (t *Tx) NewID(k tdkt.Kind) (string, error) {
	if !t.writable {
		return "", ErrReadOnly
	}
	m := t.tx.Bucket(bucketMeta)
	key := []byte("seq:" + string(k))
	n := uint64(0)
	if v := m.Get(key); len(v) == 8 {
		n = be(v)
	}
	n++
	if err := m.Put(key, u64(n)); err != nil {
		return "", err
	}
	return FormatID(t.db.office, k, n), nil
}

var kindLetter = map[tdkt.Kind]string{
	tdkt.KindUnit: "U", tdkt.KindPerson: "P", tdkt.KindMovement: "M", tdkt.KindCluster: "C",
	tdkt.KindDossier: "D", tdkt.KindMeeting: "H", tdkt.KindDecision: "Q", tdkt.KindAward: "A",
	tdkt.KindOffice: "O", tdkt.KindCatalog: "K", tdkt.KindUser: "N",
}

// Put writes rec: it stamps version, time and user, keeps the indexes and the
// search words in step with the new content, and appends the audit entry. A
// record without an id gets a new one.
func (t *Tx) Put(rec tdkt.Record) error {
	if !t.writable {
		return ErrReadOnly
	}
	m := rec.Base()
	if m.ID == "" {
		id, err := t.NewID(rec.Kind())
		if err != nil {
			return err
		}
		m.ID = id
	}
	return t.write(rec, "put", false)
}

// PutSeed writes a record every office starts with (the default catalogue)
// without a version clock or stamp, so identical seeds never conflict.
func (t *Tx) PutSeed(rec tdkt.Record) error {
	if !t.writable {
		return ErrReadOnly
	}
	return t.write(rec, "seed", true)
}

// Delete leaves a tombstone for the record so that the deletion can travel
// to other offices; it drops the record from indexes and search.
func (t *Tx) Delete(k tdkt.Kind, id string) error {
	if !t.writable {
		return ErrReadOnly
	}
	r := tdkt.New(k)
	if err := t.Get(id, r); err != nil {
		return err
	}
	if r.Base().Deleted {
		return nil
	}
	r.Base().Deleted = true
	return t.write(r, "delete", false)
}

func (t *Tx) write(rec tdkt.Record, op string, seed bool) error {
	k := rec.Kind()
	b, err := t.bucket(k)
	if err != nil {
		return err
	}
	m := rec.Base()
	key := []byte(m.ID)
	var old tdkt.Record
	if v := b.Get(key); v != nil {
		old = tdkt.New(k)
		if err := json.Unmarshal(v, old); err != nil {
			return fmt.Errorf("đọc %s %s: %w", k, m.ID, err)
		}
	}
	if err := tdkt.Permit(t.role, rec); err != nil && (t.self == "" || rec.Base().ID != t.self) {
		return err
	}
	if old != nil {
		if err := tdkt.Immutable(old, rec); err != nil {
			return err
		}
	}
	tick := t.tick()
	if seed {
		// a seed (the default catalogue) is the same on every office: no
		// clock, no stamp, so that it never conflicts with the province's
		m.Clock, m.UpdatedAt, m.UpdatedBy = nil, time.Time{}, ""
	} else {
		var base tdkt.Clock
		if old != nil {
			base = old.Base().Clock
		}
		m.Clock = base.Merge(m.Clock)
		m.Clock[t.db.replica] = tick
		m.UpdatedAt = t.db.now().UTC().Truncate(1e9)
		m.UpdatedBy = t.user
	}
	v, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("mã hóa %s %s: %w", k, m.ID, err)
	}
	if err := b.Put(key, v); err != nil {
		return fmt.Errorf("ghi %s %s: %w", k, m.ID, err)
	}
	if err := t.reindex(old, rec); err != nil {
		return err
	}
	if err := t.journal(tick, k, m.ID); err != nil {
		return err
	}
	return t.appendAudit(op, k, m.ID, tick, v)
}

// tick advances the office's write counter.
func (t *Tx) tick() uint64 {
	m := t.tx.Bucket(bucketMeta)
	n := uint64(0)
	if v := m.Get(keyClock); len(v) == 8 {
		n = be(v)
	}
	n++
	m.Put(keyClock, u64(n))
	return n
}

// IDs returns the ids filed under value in index name, in id order.
func (t *Tx) IDs(name, value string) []string {
	b := t.tx.Bucket([]byte("idx:" + name))
	if b == nil {
		return nil
	}
	prefix := append([]byte(value), 0)
	var ids []string
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, string(k[len(prefix):]))
	}
	return ids
}

// CountIndex is the number of ids filed under value in index name.
func (t *Tx) CountIndex(name, value string) int {
	b := t.tx.Bucket([]byte("idx:" + name))
	if b == nil {
		return 0
	}
	prefix := append([]byte(value), 0)
	n := 0
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}

// Catalog reads the office's award catalogue.
func (t *Tx) Catalog() (*tdkt.Catalog, error) {
	c := &tdkt.Catalog{}
	if err := t.Get("catalog", c); err != nil {
		return nil, err
	}
	return c, nil
}

// OfficeRecord reads this installation's office record.
func (t *Tx) OfficeRecord() (*tdkt.Office, error) {
	o := &tdkt.Office{}
	if err := t.Get("office", o); err != nil {
		return nil, err
	}
	return o, nil
}

// History is the merit-relevant award history of a person, the records
// merged with it included (PersonAwardIDs), or, with collective, of a
// unit: the register lines that are not revoked.
func (t *Tx) History(id string, collective bool) ([]tdkt.Past, error) {
	var ids []string
	if collective {
		ids = t.IDs("award.unit", id)
	} else {
		ids = t.PersonAwardIDs(id)
	}
	var out []tdkt.Past
	for _, aid := range ids {
		a := &tdkt.Award{}
		if err := t.Get(aid, a); err != nil {
			return nil, err
		}
		// a unit's own history: not its people's lines, nor its households'
		if a.Deleted || a.Revoked || (collective && a.Subject != tdkt.SubjectCollective) {
			continue
		}
		out = append(out, tdkt.Past{Year: a.Year, Code: a.AwardCode, Method: a.Method})
	}
	return out, nil
}

// FamilyHistory is the register history of the household called name in
// the village (or ward) unit: households have no record of their own, so
// their lines are told apart by name, accents and case aside.
func (t *Tx) FamilyHistory(unit, name string) ([]tdkt.Past, error) {
	key := tdkt.Fold(strings.TrimSpace(name))
	var out []tdkt.Past
	for _, aid := range t.IDs("award.unit", unit) {
		a := &tdkt.Award{}
		if err := t.Get(aid, a); err != nil {
			return nil, err
		}
		if a.Deleted || a.Revoked || a.Subject != tdkt.SubjectFamily || tdkt.Fold(strings.TrimSpace(a.Name)) != key {
			continue
		}
		out = append(out, tdkt.Past{Year: a.Year, Code: a.AwardCode, Method: a.Method})
	}
	return out, nil
}

func be(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

// FormatID is the id NewID would give for sequence n; bulk loaders that must
// link records before writing them use it, then call ClaimSequence.
func FormatID(office string, k tdkt.Kind, n uint64) string {
	return fmt.Sprintf("%s-%s%07d", office, kindLetter[k], n)
}

// ClaimSequence moves kind k's sequence to at least n, so that later NewID
// calls do not reuse ids a bulk loader assigned.
func (t *Tx) ClaimSequence(k tdkt.Kind, n uint64) error {
	if !t.writable {
		return ErrReadOnly
	}
	m := t.tx.Bucket(bucketMeta)
	key := []byte("seq:" + string(k))
	if v := m.Get(key); len(v) == 8 && be(v) >= n {
		return nil
	}
	return m.Put(key, u64(n))
}

// unmarshal decodes a stored record. An award, of which there are hundreds
// of thousands, is handed straight to its own decoder: json.Unmarshal
// would scan it twice first (to validate it, then to find its end), and
// the decoder validates what it reads itself, leaving anything unusual to
// json.Unmarshal.
func unmarshal(b []byte, r tdkt.Record) error {
	if a, ok := r.(*tdkt.Award); ok {
		return a.UnmarshalJSON(b)
	}
	return json.Unmarshal(b, r)
}

// EachRaw calls fn for every record of kind k, tombstones included, with the
// bytes as stored.
func (t *Tx) EachRaw(k tdkt.Kind, fn func(r tdkt.Record, raw []byte) error) error {
	b, err := t.bucket(k)
	if err != nil {
		return err
	}
	return b.ForEach(func(key, v []byte) error {
		r := tdkt.New(k)
		if err := json.Unmarshal(v, r); err != nil {
			return fmt.Errorf("đọc %s %s: %w", k, key, err)
		}
		return fn(r, v)
	})
}
