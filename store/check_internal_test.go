package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// TestCheckFindsDamage damages a sound file one way at a time — an index
// key gone or added, a posting gone, added or with a wrong mask, a block
// cut short, a text line changed, a bucket gone — and expects Check to name
// the bucket, and nothing on the sound file.
func TestCheckFindsDamage(t *testing.T) {
	db := testOffice(t, "T1")
	err := db.Update("an", func(tx *Tx) error {
		if err := tx.Put(&tdkt.Unit{Meta: tdkt.Meta{ID: "U1"}, Name: "Xã Nậm Cang", Type: tdkt.UnitCommune}); err != nil {
			return err
		}
		for i := range 300 { // "nguyen" and "van" need several blocks
			p := &tdkt.Person{Name: fmt.Sprintf("Nguyễn Văn Sử %d", i), UnitID: "U1"}
			if err := tx.Put(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sound := db.path
	_, soundDigest, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// firstBlock edits the first block of word w among people
	firstBlock := func(w string, edit func([]posting) []posting) func(*bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSearch)
			prefix := []byte("person\x00" + w + "\x00")
			k, v := b.Cursor().Seek(prefix)
			if !bytes.HasPrefix(k, prefix) {
				return fmt.Errorf("no block of %q", w)
			}
			ps, err := decodeBlock(v)
			if err != nil {
				return err
			}
			return b.Put(bytes.Clone(k), encodeBlock(edit(ps)))
		}
	}
	for _, c := range []struct {
		name, where, what string
		damage            func(*bolt.Tx) error
	}{
		{"sound", "", "", func(*bolt.Tx) error { return nil }},
		{"index key gone", "idx:person.unit", "có", func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte("idx:person.unit"))
			k, _ := b.Cursor().First()
			return b.Delete(bytes.Clone(k))
		}},
		{"index key added", "idx:person.unit", "mục thừa", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("idx:person.unit")).Put([]byte("U9\x00T1-P0000001"), nil)
		}},
		{"posting gone", "search", "thiếu 1 mục", firstBlock("nguyen", func(ps []posting) []posting { return append(ps[:1:1], ps[2:]...) })},
		{"posting added", "search", "mục thừa", firstBlock("nguyen", func(ps []posting) []posting {
			extra := posting{append(bytes.Clone(ps[0].id), '0'), ps[0].mask} // sorts right after the first
			return append([]posting{ps[0], extra}, ps[1:]...)
		})},
		{"wrong mask", "search", "mặt nạ", firstBlock("van", func(ps []posting) []posting { ps[3].mask ^= 1 << 7; return ps })},
		{"block cut short", "search", "khối", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSearch)
			k, v := b.Cursor().Seek([]byte("person\x00su\x00"))
			return b.Put(bytes.Clone(k), bytes.Clone(v[:len(v)-3]))
		}},
		{"text changed", "text", "mục thừa hoặc sai", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketText)
			k, v := b.Cursor().Seek([]byte("person\x00"))
			return b.Put(bytes.Clone(k), append(bytes.Clone(v), 'x'))
		}},
		{"text bucket gone", "text", "thiếu bucket", func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketText) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			data, err := os.ReadFile(sound)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = b.Update(c.damage)
			b.Close()
			if err != nil {
				t.Fatal(err)
			}
			d, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			probs, err := d.Check()
			if err != nil {
				t.Fatal(err)
			}
			if c.name == "block cut short" {
				// a search that reaches the block says so, in words a user can act on
				err := d.View(func(tx *Tx) error { _, err := tx.Search("su", 1000); return err })
				if !errors.Is(err, ErrIndexDamaged) {
					t.Errorf("search over a damaged block: %v", err)
				}
			}
			if c.where == "" {
				if len(probs) > 0 {
					t.Errorf("a sound file: %v", probs)
				}
				return
			}
			found := false
			for _, p := range probs {
				found = found || p.Where == c.where && strings.Contains(p.What, c.what)
			}
			if !found {
				t.Errorf("want %s: …%s…, got %v", c.where, c.what, probs)
			}
			// every one of these lies in derived data, which Repair rebuilds
			// from the records, keeping a copy of the file as it was
			for _, p := range probs {
				if !p.Derived {
					t.Errorf("not derived: %v", p)
				}
			}
			d.Close()
			w, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			rep, err := w.Repair(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
			// only the bucket found wrong is rebuilt
			built := map[string]string{"search": "words"}[c.where]
			if built == "" {
				built = c.where
			}
			if err != nil || len(rep.After) > 0 || len(rep.Before) != len(probs) || fmt.Sprint(rep.Built) != "["+built+"]" {
				t.Fatalf("repair: %v, after %v, built %v", err, rep.After, rep.Built)
			}
			if _, digest, err := w.Stats(); err != nil || digest != soundDigest {
				t.Errorf("the records changed in the repair: %v", err)
			}
			var hits []Hit
			if err := w.View(func(tx *Tx) (err error) { hits, err = tx.Search("nguyen van su", 1000); return err }); err != nil || len(hits) != 300 {
				t.Errorf("search after the repair: %d hits, %v", len(hits), err)
			}
			if !strings.HasSuffix(rep.Copy, ".truoc-sua-20261127-090000") {
				t.Errorf("copy %q", rep.Copy)
			}
			c, err := Open(rep.Copy, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if kept, err := c.Check(); err != nil || len(kept) != len(probs) {
				t.Errorf("the copy does not keep the file as it was: %v, %v", kept, err)
			}
		})
	}
}

// TestRepairRefusesDamagedRecords: a record that does not decode cannot
// be rebuilt from; Repair leaves the file as it is.
func TestRepairRefusesDamagedRecords(t *testing.T) {
	db := testOffice(t, "T1")
	if err := db.Update("an", func(tx *Tx) error {
		return tx.Put(&tdkt.Person{Meta: tdkt.Meta{ID: "P1"}, Name: "Lò Văn Pấng"})
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(tdkt.KindPerson)).Put([]byte("P1"), []byte("{hỏng"))
	}); err != nil {
		t.Fatal(err)
	}
	_, before, _ := db.Stats()
	rep, err := db.Repair(time.Now())
	if !errors.Is(err, ErrRecordsDamaged) || len(rep.Built) > 0 || rep.Copy != "" || !strings.Contains(err.Error(), "P1") {
		t.Fatalf("%+v, %v", rep, err)
	}
	if _, after, _ := db.Stats(); after != before {
		t.Error("a refused repair wrote")
	}
	if rep, err := db.Repair(time.Now()); err == nil || len(rep.Before) == 0 {
		t.Fatal("refused once, accepted next")
	}
}

// TestRepairRebuildsAllWhenTheListIsFull: with Check's list full, what it
// did not name may be damaged too, so every derived bucket is rebuilt.
func TestRepairRebuildsAllWhenTheListIsFull(t *testing.T) {
	db := testOffice(t, "T1")
	if err := db.Update("an", func(tx *Tx) error {
		return tx.Put(&tdkt.Person{Meta: tdkt.Meta{ID: "P1"}, Name: "Lò Văn Pấng", UnitID: "U1"})
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("idx:person.unit"))
		for i := range maxProblems + 100 {
			if err := b.Put(fmt.Appendf(nil, "U9\x00P%05d", i), nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rep, err := db.Repair(time.Now())
	if err != nil || len(rep.Before) != maxProblems || len(rep.After) > 0 || len(rep.Built) != 3+len(indexes) {
		t.Fatalf("%d found, built %v, after %v, %v", len(rep.Before), rep.Built, rep.After, err)
	}
}

// TestRepairChecked: the window repairs on the findings it showed, without
// checking first again; it rebuilds what they name, refuses damaged records
// as Repair does, and does nothing on no findings.
func TestRepairChecked(t *testing.T) {
	db := testOffice(t, "T1")
	if err := db.Update("an", func(tx *Tx) error {
		return tx.Put(&tdkt.Person{Meta: tdkt.Meta{ID: "P1"}, Name: "Lò Văn Pấng", UnitID: "U1"})
	}); err != nil {
		t.Fatal(err)
	}
	if rep, err := db.RepairChecked(nil, time.Now()); err != nil || rep.Copy != "" || len(rep.Built) > 0 {
		t.Fatalf("nothing found, yet %+v, %v", rep, err)
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("idx:person.unit")).Put([]byte("U9\x00P1"), nil)
	}); err != nil {
		t.Fatal(err)
	}
	probs, err := db.Check()
	if err != nil || len(probs) == 0 {
		t.Fatalf("the damage went unseen: %v %v", probs, err)
	}
	rep, err := db.RepairChecked(probs, time.Now())
	if err != nil || len(rep.After) > 0 || !slices.Equal(rep.Built, []string{"idx:person.unit"}) || rep.Copy == "" {
		t.Fatalf("built %v, after %v, copy %q, %v", rep.Built, rep.After, rep.Copy, err)
	}
	if _, err := os.Stat(rep.Copy); err != nil {
		t.Errorf("no copy before the repair: %v", err)
	}
	bad := []Problem{{Where: string(tdkt.KindPerson), What: "hỏng"}}
	if _, err := db.RepairChecked(bad, time.Now()); !errors.Is(err, ErrRecordsDamaged) {
		t.Errorf("damaged records repaired: %v", err)
	}
}

// TestCheckMerges: a person merged into a record that is gone, or merges
// that go round, are reported.
func TestCheckMerges(t *testing.T) {
	tests := []struct {
		merged map[string]string
		live   []string
		want   []string
	}{
		{map[string]string{"A": "B"}, []string{"A", "B"}, nil},
		{map[string]string{"A": "B", "B": "C"}, []string{"A", "B", "C"}, nil},
		{map[string]string{"A": "B"}, []string{"A"}, []string{"person A: được gộp vào B, bản ghi không còn: hãy tách ra"}},
		{map[string]string{"A": "B", "B": "A"}, []string{"A", "B"}, []string{
			"person A: các bản ghi gộp vào nhau thành vòng: hãy tách ra", "person B: các bản ghi gộp vào nhau thành vòng: hãy tách ra"}},
	}
	for i, tt := range tests {
		live := map[string]bool{}
		for _, id := range tt.live {
			live[id] = true
		}
		var got []string
		checkMerges(tt.merged, live, func(where, format string, a ...any) { got = append(got, where+": "+fmt.Sprintf(format, a...)) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("%d: %q, want %q", i, got, tt.want)
		}
	}
}
