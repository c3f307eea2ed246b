package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tdkt"
)

func TestEncodeEntryAsMarshal(t *testing.T) {
	at := time.Date(2026, 11, 27, 1, 2, 3, 0, time.UTC)
	for _, e := range []Entry{
		{},
		{Seq: 1, At: at, By: "an", Op: "put", Kind: tdkt.KindDossier, ID: "SL-X001-D0000001", Version: 7, Sum: "ab", Prev: ""},
		{Seq: 99, At: at, By: "Nguyễn <Văn> & \"An\"", Op: "sync:SL-X001", Kind: tdkt.KindAward, ID: "A\x00B\u2028", Version: 1 << 40,
			Sum: "00", Prev: "ff"},
	} {
		got := e
		v, err := encodeEntry(&got)
		if err != nil {
			t.Fatal(err)
		}
		if got.Hash != e.digest() {
			t.Errorf("%+v: hash %s, digest %s", e, got.Hash, e.digest())
		}
		want, _ := json.Marshal(got)
		if !bytes.Equal(v, want) {
			t.Errorf("encodeEntry\n%s\njson.Marshal\n%s", v, want)
		}
	}
}

// testOffice creates an office database with no records.
func testOffice(t *testing.T, code string) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), code+".db")
	opts := Options{Now: func() time.Time { return time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC) }}
	if err := Create(path, code, opts, nil); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestApplyKeepsReceivedBytes applies one office's changes to another: a
// version taken as received is stored byte for byte, a merged one is
// encoded anew, and in both cases the audit chain verifies and names the
// stored bytes.
func TestApplyKeepsReceivedBytes(t *testing.T) {
	a, b := testOffice(t, "SL-X001"), testOffice(t, "SL")
	changes := func() []Raw {
		var raws []Raw
		if err := a.View(func(tx *Tx) (err error) { raws, err = tx.Changes(0, nil); return err }); err != nil {
			t.Fatal(err)
		}
		return raws
	}
	var ids []string
	if err := a.Update("an", func(tx *Tx) error {
		for _, name := range []string{"Giàng A Páo", "Lò Thị Xuân", "Nguyễn Văn <An> & Bình"} {
			d := &tdkt.Dossier{Title: "Đề nghị " + name, Year: 2026, UnitID: "SL-X001-U0000001",
				Status: tdkt.StatusReceived, Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, Name: name}}}
			if err := tx.Put(d); err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	apply := func(raws []Raw) Summary {
		var s Summary
		if err := b.Update("an", func(tx *Tx) (err error) { s, err = tx.Apply("SL-X001", raws); return err }); err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := changes()
	if s := apply(first); s.Added != 3 {
		t.Fatalf("first apply: %+v", s)
	}
	// the province edits the first dossier offline, the commune the first
	// two: a conflict, an update and an unchanged record
	if err := b.Update("an", func(tx *Tx) error {
		d := &tdkt.Dossier{}
		if err := tx.Get(ids[0], d); err != nil {
			return err
		}
		d.Title += " (tỉnh sửa)"
		return tx.Put(d)
	}); err != nil {
		t.Fatal(err)
	}
	if err := a.Update("an", func(tx *Tx) error {
		for _, id := range ids[:2] {
			d := &tdkt.Dossier{}
			if err := tx.Get(id, d); err != nil {
				return err
			}
			d.Title += " (xã sửa)"
			if err := tx.Put(d); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if s := apply(changes()); s.Conflicts != 1 || s.Updated != 1 || s.Unchanged != 1 {
		t.Fatalf("second apply: %+v", s)
	}
	sent := map[string][]byte{}
	for _, r := range changes() {
		sent[r.ID] = r.Data
	}
	err := b.View(func(tx *Tx) error {
		last := map[string]string{}
		if err := tx.VerifyAudit(last); err != nil {
			return err
		}
		for _, id := range ids {
			v := tx.tx.Bucket([]byte(tdkt.KindDossier)).Get([]byte(id))
			merged := id == ids[0]
			if same := bytes.Equal(v, sent[id]); same == merged {
				t.Errorf("%s: stored bytes equal the sent ones: %v, want %v", id, same, !merged)
			}
			sum := sha256.Sum256(v)
			if last[string(tdkt.KindDossier)+"\x00"+id] != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: the last audit entry does not name the stored bytes", id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if probs, err := b.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", err, probs)
	}
}

// TestDecodeAll decodes enough records to use both cores and checks each
// result and error against its own record.
func TestDecodeAll(t *testing.T) {
	var recs []Raw
	for i := range 1000 {
		d := &tdkt.Dossier{Meta: tdkt.Meta{ID: fmt.Sprintf("SL-X001-D%07d", i)}, Title: fmt.Sprintf("Hồ sơ %d", i), Year: 2026}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, Raw{Kind: tdkt.KindDossier, ID: d.ID, Data: b})
	}
	recs[700].Data = []byte(`{"id":`)
	recs[900].Kind = "nope"
	got, errs := decodeAll(recs)
	for i, r := range recs {
		switch i {
		case 700, 900:
			if errs[i] == nil || got[i] != nil {
				t.Errorf("record %d: %v, %v; want an error", i, got[i], errs[i])
			}
			continue
		}
		if errs[i] != nil {
			t.Fatalf("record %d: %v", i, errs[i])
		}
		if d, ok := got[i].(*tdkt.Dossier); !ok || d.ID != r.ID || d.Title != fmt.Sprintf("Hồ sơ %d", i) {
			t.Errorf("record %d decoded as %+v", i, got[i])
		}
	}
}

// TestChangesInJournalOrder lists enough changes to decode them on both
// cores, with keep turning some away: the rest come in journal order,
// each decoded from its own bytes.
func TestChangesInJournalOrder(t *testing.T) {
	db := testOffice(t, "SL-X001")
	var ids []string
	if err := db.Update("an", func(tx *Tx) error {
		for i := range 600 {
			d := &tdkt.Dossier{Title: fmt.Sprintf("Hồ sơ %d", i), Year: 2020 + i%7, UnitID: "SL-X001-U0000001",
				Status: tdkt.StatusReceived}
			if err := tx.Put(d); err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var got []Raw
	err := db.View(func(tx *Tx) (err error) {
		got, err = tx.Changes(0, func(r tdkt.Record) bool {
			d, ok := r.(*tdkt.Dossier)
			return ok && d.Year != 2023
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, id := range ids {
		if 2020+i%7 != 2023 {
			want = append(want, id)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d changes, want %d", len(got), len(want))
	}
	for i, r := range got {
		d, ok := r.Rec.(*tdkt.Dossier)
		if r.ID != want[i] || !ok || d.ID != r.ID {
			t.Fatalf("change %d: %s %+v, want %s", i, r.ID, r.Rec, want[i])
		}
		var again tdkt.Dossier
		if err := json.Unmarshal(r.Data, &again); err != nil || again.Title != d.Title {
			t.Fatalf("change %d: data %s does not decode to its record %q", i, r.Data, d.Title)
		}
	}
}

// TestPreparedApplyMatchesPlain applies the same records twice, once with
// their derived text prepared ahead on every core (as a bundle import
// does) and once without: the records and everything derived from them
// (search keys, text lines, list rows, indexes) must be the same bytes,
// and both databases must pass Check.
func TestPreparedApplyMatchesPlain(t *testing.T) {
	a := testOffice(t, "SL-X001")
	if err := a.Update("an", func(tx *Tx) error {
		for i := range 700 { // enough for both cores
			name := fmt.Sprintf("Giàng A Páo %d", i)
			d := &tdkt.Dossier{Title: fmt.Sprintf("Đề nghị khen thưởng Trường Tiểu học Bản Xèo số %d", i), Ref: fmt.Sprintf("%d/TTr-UBND", i),
				Year: 2020 + i%7, UnitID: "SL-X001-U0000001", Status: tdkt.StatusReceived,
				Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, Name: name, AwardCode: "GK_CT_XA"},
					{ID: "C2", Subject: tdkt.SubjectPerson, Name: "Lò Thị Xuân — H'Mông", AwardCode: "LDTT"}}}
			if i%50 == 0 {
				d.Deleted = true
			}
			if err := tx.Put(d); err != nil {
				return err
			}
			if err := tx.Put(&tdkt.Person{Name: name, Position: "Giáo viên", UnitID: "SL-X001-U0000001"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var raws []Raw
	if err := a.View(func(tx *Tx) (err error) { raws, err = tx.Changes(0, nil); return err }); err != nil {
		t.Fatal(err)
	}
	var got [2]map[string]string
	for i, ahead := range []bool{true, false} {
		b := testOffice(t, "SL")
		err := b.Update("an", func(tx *Tx) error {
			var decoded []tdkt.Record
			if ahead {
				var errs []error
				decoded, errs = decodeAll(raws)
				for _, err := range errs {
					if err != nil {
						return err
					}
				}
			}
			s, err := tx.apply("SL-X001", raws, decoded)
			if err == nil && s.Added != len(raws) {
				err = fmt.Errorf("added %d of %d", s.Added, len(raws))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if probs, err := b.Check(); err != nil || len(probs) > 0 {
			t.Errorf("prepared %v: check: %v %v", ahead, err, probs)
		}
		got[i] = derivedDump(t, b)
	}
	if len(got[0]) < 1000 {
		t.Fatalf("only %d derived keys", len(got[0]))
	}
	for k, v := range got[1] {
		if got[0][k] != v {
			t.Errorf("%q: prepared %q, plain %q", k, got[0][k], v)
		}
	}
	if len(got[0]) != len(got[1]) {
		t.Errorf("prepared wrote %d keys, plain %d", len(got[0]), len(got[1]))
	}
}

// TestCheckBlobs finds the one attachment of hundreds (checked on every
// core) whose bytes do not match its name.
func TestCheckBlobs(t *testing.T) {
	blobs := map[string][]byte{}
	for i := range 600 {
		b := []byte(fmt.Sprintf("scan %d", i))
		sum := sha256.Sum256(b)
		blobs[hex.EncodeToString(sum[:])] = b
	}
	if err := checkBlobs(blobs); err != nil {
		t.Fatalf("good blobs: %v", err)
	}
	sum := sha256.Sum256([]byte("scan 7"))
	bad := hex.EncodeToString(sum[:])
	blobs[bad] = []byte("scan 7, altered")
	if err := checkBlobs(blobs); err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("altered blob: %v", err)
	}
}

// TestMergeRefusesTakenNumber: a bulk merge defers its index, yet two
// issued decisions with one number are refused within one merge as across
// two, while distinct numbers go in together.
func TestMergeRefusesTakenNumber(t *testing.T) {
	changes := func(db *DB) []Raw {
		t.Helper()
		var raws []Raw
		if err := db.View(func(tx *Tx) (err error) { raws, err = tx.Changes(0, nil); return err }); err != nil {
			t.Fatal(err)
		}
		return raws
	}
	issue := func(db *DB, ds ...*tdkt.Decision) {
		t.Helper()
		if err := db.Update("an", func(tx *Tx) error {
			for _, d := range ds {
				if err := tx.Put(d); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	decision := func(n int, summary string) *tdkt.Decision {
		return &tdkt.Decision{Issuer: "T1", Symbol: "QĐ-UBND", Year: 2026, Number: n, Status: tdkt.DecisionIssued, Summary: summary}
	}
	merge := func(db *DB, raws []Raw) error {
		return db.Update("an", func(tx *Tx) error { _, err := tx.Apply("SL-X001", raws); return err })
	}
	a1, a2 := testOffice(t, "SL-X001"), testOffice(t, "SL-X002")
	issue(a1, decision(5, "khen thưởng công tác năm 2026"))
	issue(a2, decision(5, "khen thưởng phong trào thi đua"))
	both := append(changes(a1), changes(a2)...)

	for name, parts := range map[string][][]Raw{"one merge": {both}, "two merges": {both[:1], both[1:]}} {
		b := testOffice(t, "SL")
		var err error
		for _, p := range parts {
			if err = merge(b, p); err != nil {
				break
			}
		}
		if err == nil || !strings.Contains(err.Error(), "đã được dùng") {
			t.Errorf("%s: a second decision numbered 5 was taken: %v", name, err)
		}
		if probs, err := b.Check(); err != nil || len(probs) > 0 {
			t.Errorf("%s: check: %v %v", name, err, probs)
		}
	}

	// numbers that differ go in one merge
	issue(a1, decision(6, "khen thưởng đột xuất"), decision(7, "khen thưởng chuyên đề"))
	b := testOffice(t, "SL")
	if err := merge(b, changes(a1)); err != nil {
		t.Fatalf("a merge of numbers 5, 6 and 7 refused: %v", err)
	}
	var numbers []int
	if err := b.View(func(tx *Tx) error {
		numbers = tx.UsedNumbers("T1", 2026)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(numbers)
	if !slices.Equal(numbers, []int{5, 6, 7}) {
		t.Errorf("numbers after the merge: %v, want [5 6 7]", numbers)
	}
	if probs, err := b.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", err, probs)
	}
}
