package store

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"slices"
	"testing"

	"tdkt"
)

// outgoingOffice is a commune with dossiers, some changed twice, with
// attachments (one shared, one whose scan was never stored), and a trusted
// province that has acknowledged the first changes. It returns the
// acknowledged position.
func outgoingOffice(t *testing.T) (*DB, uint64) {
	t.Helper()
	db := testOffice(t, "SL-X001")
	var acked uint64
	var ids []string
	put := func(from, to int) {
		err := db.Update("an", func(tx *Tx) error {
			for i := from; i < to; i++ {
				scan := []byte(fmt.Sprintf("%%PDF-1.4 bản quét %d", i%40))
				sum := fmt.Sprintf("%x", i) // no such blob
				if i%9 != 0 {
					var err error
					if sum, err = tx.PutBlob(scan); err != nil {
						return err
					}
				}
				d := &tdkt.Dossier{Title: fmt.Sprintf("Hồ sơ %d", i), Year: 2026, UnitID: "SL-X001-U0000001",
					Status: tdkt.StatusReceived, Attachments: []tdkt.Attachment{{Name: "to-trinh.pdf", SHA256: sum}}}
				if err := tx.Put(d); err != nil {
					return err
				}
				ids = append(ids, d.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	err := db.Update("an", func(tx *Tx) error {
		return tx.Put(&tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "SL-X001", Name: "Xã Nậm Xé",
			Level: tdkt.LevelCommune, ParentCode: "SL"})
	})
	if err != nil {
		t.Fatal(err)
	}
	put(0, 300)
	db.View(func(tx *Tx) error { acked = tx.Clock(); return nil })
	put(300, 700)
	// change some of both halves again, some twice
	err = db.Update("an", func(tx *Tx) error {
		for n, i := range []int{5, 250, 310, 650, 5, 310} {
			var d tdkt.Dossier
			if err := tx.Get(ids[i], &d); err != nil {
				return err
			}
			d.Title += fmt.Sprintf(" (sửa %d)", n)
			if err := tx.Put(&d); err != nil {
				return err
			}
		}
		// a model's photo travels with the person, like a scan
		photo, err := tx.PutBlob([]byte("\x89PNG\r\n\x1a\n ảnh gương điển hình"))
		if err != nil {
			return err
		}
		if err := tx.Put(&tdkt.Person{Name: "Lò Văn Pọm", UnitID: "SL-X001-U0000001",
			Model: &tdkt.Exemplary{Since: "2025", Story: "Trồng rừng", Photo: photo}}); err != nil {
			return err
		}
		// the office record changes too, and never travels
		if err := tx.Put(&tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "SL-X001", Name: "UBND xã Nậm Xé",
			Level: tdkt.LevelCommune, ParentCode: "SL"}); err != nil {
			return err
		}
		return tx.PutPeer(&Peer{Code: "SL", Name: "Sở Nội vụ", Level: tdkt.LevelProvince, Acked: acked})
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, acked
}

// TestOutgoingReadsAgainWhatItChose checks that what Outgoing yields, read
// again from the transaction, is what Changes collects with the same choice
// and the attachments of those dossiers, for a full and an incremental
// bundle, whatever the number of passes.
func TestOutgoingReadsAgainWhatItChose(t *testing.T) {
	db, acked := outgoingOffice(t)
	for _, full := range []bool{true, false} {
		err := db.View(func(tx *Tx) error {
			og, err := tx.Outgoing("SL", full)
			if err != nil {
				return err
			}
			since := acked
			if full {
				since = 0
			}
			if og.Since != since || og.Upto != tx.Clock() || og.Seq != 1 {
				t.Fatalf("full %v: since %d, upto %d, seq %d", full, og.Since, og.Upto, og.Seq)
			}
			want, err := tx.Changes(since, func(r tdkt.Record) bool {
				return tdkt.Synced(r.Kind()) && tdkt.InScope(tdkt.LevelCommune, "SL-X001", r) == nil
			})
			if err != nil {
				return err
			}
			wantBlobs := map[string][]byte{}
			photos := 0
			for _, r := range want {
				if d, ok := r.Rec.(*tdkt.Dossier); ok {
					for _, a := range d.Attachments {
						if b := tx.Blob(a.SHA256); b != nil {
							wantBlobs[a.SHA256] = b
						}
					}
				}
				if p, ok := r.Rec.(*tdkt.Person); ok && p.Model != nil {
					wantBlobs[p.Model.Photo] = tx.Blob(p.Model.Photo)
					photos++
				}
			}
			if photos != 1 {
				t.Fatalf("full %v: %d model photos to send, want 1", full, photos)
			}
			if og.Records != len(want) || og.Blobs != len(wantBlobs) || len(want) < 300 || len(wantBlobs) < 30 {
				t.Fatalf("full %v: %d records, %d blobs; want %d, %d", full, og.Records, og.Blobs, len(want), len(wantBlobs))
			}
			if !full {
				// what the sync screen and `tdkt sync status` show as waiting
				if n, err := tx.Pending("SL"); err != nil || n != og.Records {
					t.Fatalf("Pending: %d, %v; the bundle carries %d", n, err, og.Records)
				}
			}
			for pass := range 2 {
				i := 0
				err := og.EachRecord(func(kind tdkt.Kind, id string, data []byte) error {
					if i >= len(want) || kind != want[i].Kind || id != want[i].ID || !bytes.Equal(data, want[i].Data) {
						return fmt.Errorf("pass %d, record %d: %s %s", pass, i, kind, id)
					}
					i++
					return nil
				})
				if err != nil || i != len(want) {
					t.Fatalf("full %v: %v after %d records", full, err, i)
				}
				var sums []string
				err = og.EachBlob(func(sum string, data []byte) error {
					if !bytes.Equal(data, wantBlobs[sum]) {
						return fmt.Errorf("pass %d: blob %s", pass, sum)
					}
					sums = append(sums, sum)
					return nil
				})
				if err != nil || len(sums) != len(wantBlobs) || !slices.IsSorted(sums) {
					t.Fatalf("full %v: %v; %d blobs, sorted %v", full, err, len(sums), slices.IsSorted(sums))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestChangesOnceEachWhenHashesCollide makes every journal entry hash
// alike: a record must still come once, at its first position, and no
// record may be taken for another.
func TestChangesOnceEachWhenHashesCollide(t *testing.T) {
	db, acked := outgoingOffice(t)
	ids := func(since uint64) []string {
		var out []string
		err := db.View(func(tx *Tx) error {
			raws, err := tx.Changes(since, nil)
			for _, r := range raws {
				out = append(out, string(r.Kind)+" "+r.ID)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// the reference: the journal walked with every entry kept whole
	reference := func(since uint64) []string {
		var out []string
		seen := map[string]bool{}
		db.View(func(tx *Tx) error {
			c := tx.tx.Bucket(bucketJournal).Cursor()
			for k, v := c.Seek(u64(since + 1)); k != nil; k, v = c.Next() {
				if !seen[string(v)] {
					seen[string(v)] = true
					out = append(out, string(bytes.Replace(v, []byte{0}, []byte(" "), 1)))
				}
			}
			return nil
		})
		return out
	}
	defer func(h func(maphash.Seed, []byte) uint64) { journalHash = h }(journalHash)
	for _, since := range []uint64{0, acked} {
		want := reference(since)
		journalHash = maphash.Bytes
		if got := ids(since); !slices.Equal(got, want) {
			t.Fatalf("since %d: %d changes, want %d", since, len(got), len(want))
		}
		journalHash = func(maphash.Seed, []byte) uint64 { return 7 }
		if got := ids(since); !slices.Equal(got, want) {
			t.Fatalf("since %d, colliding hashes: %d changes, want %d", since, len(got), len(want))
		}
	}
}
