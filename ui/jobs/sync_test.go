package jobs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tdkt"
	"tdkt/export/bundle"
	"tdkt/store"
	"tdkt/store/demo"
)

// syncDemo is the small province demo with its key pair, a trusted new
// commune and dossiers with scanned attachments (the demo has none), and
// the commune's key pair.
func syncDemo(t *testing.T) (path string, prov, com *bundle.Identity) {
	t.Helper()
	path = smallDemoFile(t)
	prov, err := bundle.NewIdentity(demo.Office, "Sở Nội vụ", tdkt.LevelProvince)
	if err != nil {
		t.Fatal(err)
	}
	if com, err = bundle.NewIdentity("SL-X999", "Xã mới", tdkt.LevelCommune); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update("an", func(tx *store.Tx) error {
		id, err := json.Marshal(prov)
		if err != nil {
			return err
		}
		if err := tx.SetIdentity(id); err != nil {
			return err
		}
		if err := tx.PutPeer(&store.Peer{Code: com.Code, Name: com.Name, Level: com.Level, Sign: com.Sign, Age: com.Age}); err != nil {
			return err
		}
		var d tdkt.Dossier
		for i := range 40 {
			sum, err := tx.PutBlob([]byte(fmt.Sprintf("%%PDF-1.4 bản quét tờ trình %d", i%25)))
			if err != nil {
				return err
			}
			d = tdkt.Dossier{Title: fmt.Sprintf("Đề nghị khen thưởng %d", i), Year: 2026, Status: tdkt.StatusReceived,
				Attachments: []tdkt.Attachment{{Name: "to-trinh.pdf", SHA256: sum}}}
			if err := tx.Put(&d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, prov, com
}

// TestWriteBundleReadsBackAsChosen writes the province's full bundle to a
// new commune from the store and reads it back: the records are those
// Changes chooses, in journal order and byte for byte, with the
// attachments of the dossiers among them, as when the bundle was built in
// memory.
func TestWriteBundleReadsBackAsChosen(t *testing.T) {
	path, prov, com := syncDemo(t)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	sent, err := WriteBundle(db, "an", prov, com.Code, dir, "", true, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(sent.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := bundle.Read(f, com, "", func(string) (bundle.Key, error) { return prov.Key, nil })
	if err != nil {
		t.Fatal(err)
	}
	var want []store.Raw
	wantBlobs := map[string][]byte{}
	err = db.View(func(tx *store.Tx) (err error) {
		want, err = tx.Changes(0, func(r tdkt.Record) bool { return tdkt.Synced(r.Kind()) && tdkt.VisibleTo(com.Code, r) })
		for _, r := range want {
			if d, ok := r.Rec.(*tdkt.Dossier); ok {
				for _, a := range d.Attachments {
					if b := tx.Blob(a.SHA256); b != nil {
						wantBlobs[a.SHA256] = b
					}
				}
			}
		}
		if p, _ := tx.Peer(com.Code); p.SentSeq != 1 || p.SentHash != got.Hash {
			t.Errorf("peer after sending: seq %d, hash %s; want 1, %s", p.SentSeq, p.SentHash, got.Hash)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 1000 || len(wantBlobs) != 25 {
		t.Fatalf("the demo chooses %d records, %d attachments", len(want), len(wantBlobs))
	}
	if sent.Records != len(want) || sent.Blobs != len(wantBlobs) || len(got.Records) != len(want) || len(got.Blobs) != len(wantBlobs) {
		t.Fatalf("sent %d records, %d blobs, read %d, %d; want %d, %d", sent.Records, sent.Blobs,
			len(got.Records), len(got.Blobs), len(want), len(wantBlobs))
	}
	for i, r := range want {
		g := got.Records[i]
		if g.Kind != r.Kind || g.ID != r.ID || !bytes.Equal(g.Data, r.Data) {
			t.Fatalf("record %d: %s %s, want %s %s", i, g.Kind, g.ID, r.Kind, r.ID)
		}
	}
	for sum, b := range wantBlobs {
		if !bytes.Equal(got.Blobs[sum], b) {
			t.Fatalf("attachment %s differs", sum)
		}
	}
	if len(got.Manifest.Parts) != 1+len(wantBlobs) || got.Manifest.Upto == 0 || got.Manifest.Since != 0 {
		t.Errorf("manifest: %d parts, since %d, upto %d", len(got.Manifest.Parts), got.Manifest.Since, got.Manifest.Upto)
	}
}

// TestWriteBundleFailingMidWayLeavesNothing damages a stored attachment, as
// a bad sector would: the bundle fails once its records are written, and
// neither a bundle nor a temporary file is left, nor is the bundle
// recorded as sent.
func TestWriteBundleFailingMidWayLeavesNothing(t *testing.T) {
	path, prov, com := syncDemo(t)
	raw, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = raw.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("blobs"))
		k, v := b.Cursor().Last()
		return b.Put(append([]byte(nil), k...), append(bytes.ToUpper(v), " hỏng"...))
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	if _, err := WriteBundle(db, "an", prov, com.Code, dir, "", true, nil); err == nil {
		t.Fatal("a bundle with a damaged attachment was written")
	} else {
		t.Log(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	db.View(func(tx *store.Tx) error {
		if p, _ := tx.Peer(com.Code); p.SentSeq != 0 {
			t.Errorf("recorded as sent: seq %d", p.SentSeq)
		}
		return nil
	})
}

// newCommune makes the database of commune com, which trusts the
// province prov.
func newCommune(t *testing.T, com, prov *bundle.Identity) *store.DB {
	t.Helper()
	path := t.TempDir() + "/xa.db"
	err := store.Create(path, com.Code, store.Options{}, func(d *store.DB) error {
		return d.Update("setup", func(tx *store.Tx) error {
			id, err := json.Marshal(com)
			if err != nil {
				return err
			}
			if err := tx.SetIdentity(id); err != nil {
				return err
			}
			off := &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: com.Code, Name: com.Name, Level: com.Level, ParentCode: prov.Code}
			if err := tx.Put(off); err != nil {
				return err
			}
			return tx.PutPeer(&store.Peer{Code: prov.Code, Name: prov.Name, Level: prov.Level, Sign: prov.Sign, Age: prov.Age})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestImportBundleInPartsFromTheFile imports the province's full bundle
// into two new communes: whole (it fits one transaction) and in parts of
// 97 records read from the file pass after pass. Both hold the same
// records and attachments, pass Check, count the bundle as applied, and
// the progress only ever goes forward, to the end.
func TestImportBundleInPartsFromTheFile(t *testing.T) {
	path, prov, com := syncDemo(t)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := WriteBundle(db, "an", prov, com.Code, t.TempDir(), "", true, nil)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	dump := func(d *store.DB) map[string]string {
		out := map[string]string{}
		err := d.View(func(tx *store.Tx) error {
			recs, err := tx.Changes(0, func(r tdkt.Record) bool { return tdkt.Synced(r.Kind()) })
			for _, r := range recs {
				out[string(r.Kind)+" "+r.ID] = string(r.Data)
				if dd, ok := r.Rec.(*tdkt.Dossier); ok {
					for _, a := range dd.Attachments {
						out["blob "+a.SHA256] = string(tx.Blob(a.SHA256))
					}
				}
			}
			if p, _ := tx.Peer(prov.Code); p.RecvSeq != 1 {
				t.Errorf("the bundle is not recorded as applied: %+v", p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if probs, err := d.Check(); err != nil || len(probs) > 0 {
			t.Errorf("check: %v %v", err, probs)
		}
		return out
	}
	whole := newCommune(t, com, prov)
	pct, limit := gcPacing()
	res, err := ImportBundle(whole, "an", com, sent.Path, "", nil)
	if err != nil || res.Added != sent.Records || res.Blobs != 25 {
		t.Fatalf("whole: %+v, %v (sent %d)", res, err, sent.Records)
	}
	if p, l := gcPacing(); p != pct || l != limit {
		t.Errorf("the collector's pacing after an import: %d%%, limit %d; before %d%%, %d", p, l, pct, limit)
	}
	want := dump(whole)
	parts := newCommune(t, com, prov)
	var last [2]int
	backwards := false
	res, err = importBundle(parts, "an", com, sent.Path, "", 97, func(done, total int) {
		if float64(done)/float64(total) < float64(last[0])/float64(max(1, last[1])) {
			backwards = true
		}
		last = [2]int{done, total}
	})
	if err != nil || res.Added != sent.Records || res.Blobs != 25 {
		t.Fatalf("in parts: %+v, %v (sent %d)", res, err, sent.Records)
	}
	if backwards || last[0] != last[1] {
		t.Errorf("progress went backwards (%v) or ended at %v", backwards, last)
	}
	got := dump(parts)
	if len(got) != len(want) || len(want) < sent.Records+25 {
		t.Fatalf("in parts: %d records and attachments, whole %d (sent %d + 25)", len(got), len(want), sent.Records)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("in parts: %s differs", k)
		}
	}
	// the same file again: the very bundle applied, nothing changes
	if res, err := importBundle(parts, "an", com, sent.Path, "", 97, nil); err != nil || !res.Duplicate {
		t.Errorf("again: %+v, %v", res, err)
	}
}

// gcPacing reads the collector's percent and memory limit.
func gcPacing() (pct int, limit int64) {
	pct = debug.SetGCPercent(100)
	debug.SetGCPercent(pct)
	return pct, debug.SetMemoryLimit(-1)
}

// TestCollectLess: an import in one transaction lets the heap grow further
// between collections, within the limit, and puts both back afterwards.
func TestCollectLess(t *testing.T) {
	pct, limit := gcPacing()
	restore := collectLess()
	p, l := gcPacing()
	restore()
	if p != importGCPercent || l != min(limit, importMemLimit) {
		t.Errorf("during an import: %d%%, limit %d", p, l)
	}
	if p, l := gcPacing(); p != pct || l != limit {
		t.Errorf("after: %d%%, limit %d; before %d%%, %d", p, l, pct, limit)
	}
	// two overlapping imports, ending in either order, leave the
	// process's pacing (Go's defaults here) as they found it
	for _, firstEndsFirst := range []bool{true, false} {
		a := collectLess()
		b := collectLess()
		if firstEndsFirst {
			a()
			b()
		} else {
			b()
			a()
		}
		if p, l := gcPacing(); p != pct || l != limit {
			t.Errorf("after two imports (first ends first: %v): %d%%, limit %d; before %d%%, %d", firstEndsFirst, p, l, pct, limit)
		}
	}
}
