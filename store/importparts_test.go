package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// partsBundle is a province's bundle to commune SL-X001: awards written
// before the people and units they are given to (so that a bundle lists
// them first), people, units and dossiers.
func partsBundle(t *testing.T) *Incoming {
	t.Helper()
	prov := testOffice(t, "SL")
	err := prov.Update("an", func(tx *Tx) error {
		for i := range 150 {
			a := &tdkt.Award{Meta: tdkt.Meta{ID: fmt.Sprintf("A%04d", i)}, Year: 2025, AwardCode: "LDTT", Method: tdkt.MethodRegular,
				Subject: tdkt.SubjectPerson, PersonID: fmt.Sprintf("P%04d", i%60), UnitID: fmt.Sprintf("U%03d", i%12),
				DossierID: fmt.Sprintf("D%04d", i%40), Name: fmt.Sprintf("Lò Văn %d", i), DecisionDate: tdkt.D(2026, 1, 15)}
			if err := tx.Put(a); err != nil {
				return err
			}
		}
		for i := range 12 {
			u := &tdkt.Unit{Meta: tdkt.Meta{ID: fmt.Sprintf("U%03d", i)}, Name: fmt.Sprintf("Trường Tiểu học Bản Xèo %d", i),
				Type: tdkt.UnitSchool, Staff: 5 + i*10, Flags: tdkt.AreaFlags{Remote: i%2 == 0}}
			if err := tx.Put(u); err != nil {
				return err
			}
		}
		for i := range 60 {
			p := &tdkt.Person{Meta: tdkt.Meta{ID: fmt.Sprintf("P%04d", i)}, Name: fmt.Sprintf("Lò Văn %d", i),
				UnitID: fmt.Sprintf("U%03d", i%12), Category: []tdkt.Category{tdkt.CatFarmer, tdkt.CatOfficer}[i%2]}
			if err := tx.Put(p); err != nil {
				return err
			}
		}
		for i := range 40 {
			d := &tdkt.Dossier{Meta: tdkt.Meta{ID: fmt.Sprintf("D%04d", i)}, Title: fmt.Sprintf("Đề nghị khen thưởng năm 2025 số %d", i),
				Year: 2025, UnitID: fmt.Sprintf("U%03d", i%12), Status: tdkt.StatusAwarded}
			if err := tx.Put(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	in := &Incoming{From: "SL", To: "SL-X001", Seq: 1, Hash: "h1"}
	err = prov.View(func(tx *Tx) (err error) {
		in.Upto = tx.Clock()
		in.Records, err = tx.Changes(0, func(r tdkt.Record) bool { return tdkt.Synced(r.Kind()) })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// commune is a new commune office that trusts the province.
func commune(t *testing.T) *DB {
	t.Helper()
	db := testOffice(t, "SL-X001")
	if err := db.Update("an", func(tx *Tx) error {
		return tx.PutPeer(&Peer{Code: "SL", Name: "Sở Nội vụ", Level: tdkt.LevelProvince})
	}); err != nil {
		t.Fatal(err)
	}
	return db
}

// derivedDump is every key and value of the buckets an import derives.
func derivedDump(t *testing.T, db *DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.View(func(tx *Tx) error {
		flat, err := FlatSearch(tx.tx)
		if err != nil {
			return err
		}
		for k, v := range flat {
			out["search|"+k] = v
		}
		return tx.tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			n := string(name)
			if n == string(bucketAudit) || n == string(bucketJournal) || n == string(bucketMeta) || n == string(bucketPeers) {
				return nil // positions and times, not derived from the records
			}
			if n == string(bucketSearch) {
				return nil // blocks split by history: compared as postings
			}
			return b.ForEach(func(k, v []byte) error {
				out[n+"|"+string(k)] = string(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImportPartsMatchesOneTransaction imports the same bundle in one
// transaction, in parts, and in parts interrupted then imported again:
// the records and everything derived from them (indexes, search words,
// list rows, award facts and counters) must be the same, Check must pass,
// and the bundle count as applied only once complete.
func TestImportPartsMatchesOneTransaction(t *testing.T) {
	in := partsBundle(t)
	if len(in.Records) != 262 {
		t.Fatalf("%d records in the bundle", len(in.Records))
	}
	whole := commune(t)
	res, err := whole.ImportParts("an", in, 1000, nil)
	if err != nil || res.Added != len(in.Records) {
		t.Fatalf("one transaction: %+v, %v", res, err)
	}
	want := derivedDump(t, whole)
	if len(want) < 1000 {
		t.Fatalf("only %d derived keys", len(want))
	}
	same := func(name string, db *DB) {
		t.Helper()
		got := derivedDump(t, db)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q = %q, in one transaction %q", name, k, got[k], v)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d keys, in one transaction %d", name, len(got), len(want))
		}
		if probs, err := db.Check(); err != nil || len(probs) > 0 {
			t.Errorf("%s: check: %v %v", name, err, probs)
		}
		db.View(func(tx *Tx) error {
			if p, err := tx.Peer("SL"); err != nil || p.RecvSeq != 1 || p.RecvHash != "h1" || p.Received != in.Upto {
				t.Errorf("%s: peer %+v, %v", name, p, err)
			}
			return nil
		})
	}

	parts := commune(t)
	var steps []string
	progress := func(done, total int) { steps = append(steps, fmt.Sprintf("%d/%d", done, total)) }
	if res, err := parts.ImportParts("an", in, 37, progress); err != nil || res.Added != len(in.Records) {
		t.Fatalf("in parts: %+v, %v", res, err)
	}
	if got := strings.Join(steps, " "); got != "1/8 2/8 3/8 4/8 5/8 6/8 7/8 8/8" {
		t.Errorf("progress %s", got)
	}
	same("in parts", parts)
	if res, err := parts.ImportParts("an", in, 37, nil); err != nil || !res.Duplicate {
		t.Errorf("again: %+v, %v", res, err)
	}

	cut := commune(t)
	res, err = cut.importParts("an", in, partLimits{37, RecordPart, BlobPart}, 3, nil)
	if err != nil || res.Added != 3*37 {
		t.Fatalf("interrupted: %+v, %v", res, err)
	}
	cut.View(func(tx *Tx) error {
		if p, _ := tx.Peer("SL"); p.RecvSeq != 0 {
			t.Errorf("an interrupted import counts as applied: %+v", p)
		}
		return nil
	})
	if probs, err := cut.Check(); err != nil || len(probs) > 0 {
		t.Errorf("interrupted: check: %v %v", err, probs)
	}
	// the next start is told, and how far it got
	if us, err := cut.Unfinished(); err != nil || len(us) != 1 || us[0].From != "SL" || us[0].Seq != in.Seq || us[0].Done != 3 || us[0].Parts != 8 || us[0].At.IsZero() {
		t.Errorf("interrupted: unfinished %+v, %v", us, err)
	}
	res, err = cut.ImportParts("an", in, 37, nil)
	if err != nil || res.Added != len(in.Records)-3*37 || res.Unchanged != 3*37 {
		t.Fatalf("imported again: %+v, %v", res, err)
	}
	same("interrupted, then imported again", cut)
	if us, err := cut.Unfinished(); err != nil || len(us) != 0 {
		t.Errorf("finished: still unfinished %+v, %v", us, err)
	}
	if us, _ := parts.Unfinished(); len(us) != 0 {
		t.Errorf("an import that went through is unfinished: %+v", us)
	}

	// parts bounded by bytes (a dossier weighs more than an award): the
	// transactions counted beforehand are those written
	byBytes := commune(t)
	steps = nil
	if res, err := byBytes.importParts("an", &Incoming{From: in.From, To: in.To, Seq: in.Seq, Hash: in.Hash, Upto: in.Upto, Feed: memFeed{in}}, partLimits{1000, 4000, BlobPart}, -1, progress); err != nil || res.Added != len(in.Records) {
		t.Fatalf("in parts of 4 kB: %+v, %v", res, err)
	}
	if n := len(steps); n < 10 || steps[n-1] != fmt.Sprintf("%d/%d", n, n) {
		t.Errorf("in parts of 4 kB: progress %s", strings.Join(steps, " "))
	}
	same("in parts of 4 kB", byBytes)

	// the same bundle given by a feed (as from its file), records only:
	// a pass to check, one for each half of the records
	fed := commune(t)
	f := &passFeed{mem: memFeed{in}}
	steps = nil
	if res, err := fed.ImportParts("an", &Incoming{From: in.From, To: in.To, Seq: in.Seq, Hash: in.Hash, Upto: in.Upto, Feed: f}, 37, progress); err != nil || res.Added != len(in.Records) {
		t.Fatalf("from a feed: %+v, %v", res, err)
	}
	if got := strings.Join(steps, " "); got != "1/8 2/8 3/8 4/8 5/8 6/8 7/8 8/8" || f.passes != 3 {
		t.Errorf("from a feed: progress %s, %d passes", got, f.passes)
	}
	same("from a feed", fed)
	// even one small enough for one transaction goes in parts: the feed
	// is not held
	fed = commune(t)
	f = &passFeed{mem: memFeed{in}}
	if res, err := fed.ImportParts("an", &Incoming{From: in.From, To: in.To, Seq: in.Seq, Hash: in.Hash, Upto: in.Upto, Feed: f}, 1000, nil); err != nil || res.Added != len(in.Records) || f.passes != 3 {
		t.Fatalf("a small feed: %+v, %v, %d passes", res, err, f.passes)
	}
	same("a small feed", fed)
	if err := fed.Update("an", func(tx *Tx) error {
		_, err := tx.Import(&Incoming{From: in.From, To: in.To, Seq: 2, Feed: f})
		return err
	}); err == nil {
		t.Error("Tx.Import took a feed it cannot hold")
	}
}

// passFeed is a feed that counts its passes and, from pass moveAt on
// (when not 0), gives one more record than before, as a file changed
// between passes might.
type passFeed struct {
	mem    memFeed
	passes int
	moveAt int
	extra  Raw
	// from failAt (when not 0), the pass fails after failAfter records
	failAt, failAfter int
}

func (f *passFeed) Each(rec func(Raw) error, blob func(string, []byte) error) error {
	f.passes++
	if f.failAt > 0 && f.passes == f.failAt {
		n := 0
		return f.mem.Each(func(r Raw) error {
			if n++; n > f.failAfter {
				return errors.New("không đọc được tệp gói")
			}
			return rec(r)
		}, blob)
	}
	if err := f.mem.Each(rec, blob); err != nil {
		return err
	}
	if f.moveAt > 0 && f.passes >= f.moveAt && rec != nil {
		return rec(f.extra)
	}
	return nil
}

// TestImportFeedThatMoves: a bundle that reads otherwise on a later pass
// (its file changed during the import) stops the import with a message,
// and the bundle does not count as applied.
func TestImportFeedThatMoves(t *testing.T) {
	in := partsBundle(t)
	var extra Raw
	for _, r := range in.Records {
		if r.Kind == tdkt.KindAward {
			extra = r
			extra.ID = "A9999"
			extra.Data = bytes.Replace(r.Data, []byte(`"id":"`+r.ID+`"`), []byte(`"id":"A9999"`), 1)
			break
		}
	}
	for _, size := range []int{37, 1000} {
		db := commune(t)
		f := &passFeed{mem: memFeed{in}, moveAt: 3, extra: extra}
		_, err := db.ImportParts("an", &Incoming{From: in.From, To: in.To, Seq: in.Seq, Hash: in.Hash, Feed: f}, size, nil)
		if err == nil || !strings.Contains(err.Error(), "khác lần đọc trước") {
			t.Fatalf("size %d: %v", size, err)
		}
		db.View(func(tx *Tx) error {
			if p, _ := tx.Peer("SL"); p.RecvSeq != 0 {
				t.Errorf("size %d: a bundle that moved counts as applied", size)
			}
			return nil
		})
	}
}

// TestImportFeedOfAttachmentsOnly: a bundle with attachments and no
// records still counts as applied.
func TestImportFeedOfAttachmentsOnly(t *testing.T) {
	blobs := map[string][]byte{}
	for i := range 5 {
		b := []byte(strings.Repeat(fmt.Sprintf("ảnh %d ", i), 300))
		sum := sha256.Sum256(b)
		blobs[hex.EncodeToString(sum[:])] = b
	}
	db := commune(t)
	f := &passFeed{mem: memFeed{&Incoming{Blobs: blobs}}}
	res, err := db.importParts("an", &Incoming{From: "SL", To: "SL-X001", Seq: 1, Hash: "h1", Feed: f}, partLimits{100, RecordPart, 4000}, -1, nil)
	if err != nil || res.Blobs != 5 {
		t.Fatalf("%+v, %v", res, err)
	}
	db.View(func(tx *Tx) error {
		if p, _ := tx.Peer("SL"); p.RecvSeq != 1 {
			t.Errorf("not applied: %+v", p)
		}
		return nil
	})
}

// TestImportPartsRefusedWhole puts a record no office may send (an office
// record) at the end of a bundle imported in parts: nothing is written.
func TestImportPartsRefusedWhole(t *testing.T) {
	in := partsBundle(t)
	off, err := json.Marshal(&tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: "SL-X001", Name: "Xã giả", Level: tdkt.LevelCommune})
	if err != nil {
		t.Fatal(err)
	}
	in.Records = append(in.Records, Raw{Kind: tdkt.KindOffice, ID: "office", Data: off})
	db := commune(t)
	var before uint64
	db.View(func(tx *Tx) error { before = tx.Clock(); return nil })
	_, err = db.ImportParts("an", in, 37, nil)
	if err == nil || !strings.Contains(err.Error(), "ngoài thẩm quyền") {
		t.Fatalf("a bundle with an office record: %v", err)
	}
	db.View(func(tx *Tx) error {
		if tx.Clock() != before || tx.Count(tdkt.KindAward) != 0 {
			t.Errorf("a refused bundle wrote: clock %d → %d", before, tx.Clock())
		}
		return nil
	})
}

// TestImportPartsBlobs imports a bundle whose attachments exceed one
// transaction's share: they are stored a few at a time, each once (one was
// here before), and the bundle counts as applied.
func TestImportPartsBlobs(t *testing.T) {
	in := partsBundle(t)
	in.Blobs = map[string][]byte{}
	for i := range 30 {
		b := []byte(strings.Repeat(fmt.Sprintf("bản quét %d ", i), 100))
		sum := sha256.Sum256(b)
		in.Blobs[hex.EncodeToString(sum[:])] = b
	}
	db := commune(t)
	var had string
	if err := db.Update("an", func(tx *Tx) (err error) {
		for _, b := range in.Blobs {
			had, err = tx.PutBlob(b)
			return err
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	last := ""
	res, err := db.importParts("an", in, partLimits{1000, RecordPart, 4000}, -1, func(done, total int) { last = fmt.Sprintf("%d/%d", done, total) }) // records fit in one part, attachments do not
	if err != nil || res.Added != len(in.Records) || res.Blobs != 29 {
		t.Fatalf("%+v, %v", res, err)
	}
	if last != "16/16" { // 30 attachments of 1.4–1.5 kB, two per 4 kB: 15 transactions, and the records
		t.Errorf("progress ended at %s", last)
	}
	db.View(func(tx *Tx) error {
		for sum, b := range in.Blobs {
			if !bytes.Equal(tx.Blob(sum), b) {
				t.Errorf("attachment %s (stored before: %v) missing", sum[:8], sum == had)
			}
		}
		if p, _ := tx.Peer("SL"); p.RecvSeq != 1 {
			t.Errorf("peer %+v", p)
		}
		return nil
	})
	if probs, err := db.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", err, probs)
	}

	// attachments go before the records: an import stopped before its
	// first part of records has stored them all, and counts as not applied
	cut := commune(t)
	if res, err := cut.importParts("an", in, partLimits{1000, RecordPart, 4000}, 0, nil); err != nil || res.Blobs != 30 || res.Added != 0 {
		t.Fatalf("stopped before the records: %+v, %v", res, err)
	}
	if us, _ := cut.Unfinished(); len(us) != 1 || us[0].Done == 0 || us[0].Done >= us[0].Parts {
		t.Errorf("stopped after the attachments: unfinished %+v", us)
	}
	cut.View(func(tx *Tx) error {
		if p, _ := tx.Peer("SL"); p.RecvSeq != 0 || tx.Count(tdkt.KindAward) != 0 {
			t.Errorf("stopped import: peer %+v, %d awards", p, tx.Count(tdkt.KindAward))
		}
		return nil
	})
	if res, err := cut.importParts("an", in, partLimits{1000, RecordPart, 4000}, -1, nil); err != nil || res.Blobs != 0 || res.Added != len(in.Records) {
		t.Fatalf("imported again: %+v, %v", res, err)
	}
}

// TestImportPartsStopsOnError meets, in a later part, a record it cannot
// merge (the commune's own copy of a person is unreadable): the parts
// before it stay, the error says how far the import got and why, and the
// bundle is not applied.
func TestImportPartsStopsOnError(t *testing.T) {
	in := partsBundle(t)
	db := commune(t)
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(tdkt.KindPerson)).Put([]byte("P0040"), []byte("{hỏng"))
	}); err != nil {
		t.Fatal(err)
	}
	_, err := db.ImportParts("an", in, 37, nil)
	var part *PartialImport
	if !errors.As(err, &part) || part.Done != 1 || part.Parts != 8 ||
		!strings.Contains(err.Error(), "đã ghi 1 trong 8 phần") || !strings.Contains(err.Error(), "P0040") {
		t.Fatalf("%v", err)
	}
	db.View(func(tx *Tx) error {
		if p, _ := tx.Peer("SL"); p.RecvSeq != 0 || tx.Count(tdkt.KindUnit) != 12 {
			t.Errorf("after the error: peer %+v, %d units", p, tx.Count(tdkt.KindUnit))
		}
		return nil
	})
}

// TestImportRefusesMismatchedEnvelope sends a record whose envelope names
// another id than its content: refused whole, before anything is written.
func TestImportRefusesMismatchedEnvelope(t *testing.T) {
	in := partsBundle(t)
	in.Records[len(in.Records)-1].ID = "D9999"
	for _, size := range []int{1000, 37} {
		db := commune(t)
		_, err := db.ImportParts("an", in, size, nil)
		if err == nil || !strings.Contains(err.Error(), "không khớp") {
			t.Fatalf("size %d: %v", size, err)
		}
		db.View(func(tx *Tx) error {
			if n := tx.Count(tdkt.KindUnit) + tx.Count(tdkt.KindAward); n != 0 {
				t.Errorf("size %d: %d records written", size, n)
			}
			return nil
		})
	}
}

func TestPacker(t *testing.T) {
	tests := []struct {
		max, limit int
		sizes      []int
		want       string // "|" where a run ends
	}{
		{3, 100, []int{1, 1, 1, 1, 1, 1, 1}, "111|111|1"},
		{10, 5, []int{2, 2, 2, 9, 1, 5}, "22|2|9|1|5"},
		{10, 5, []int{5, 5}, "5|5"},
		{2, 5, nil, ""},
	}
	for _, tt := range tests {
		p := packer{max: tt.max, limit: tt.limit}
		got := ""
		for _, n := range tt.sizes {
			if p.add(n) {
				got += "|"
			}
			got += fmt.Sprint(n)
		}
		if got != tt.want || p.runs != strings.Count(tt.want, "|")+min(1, len(tt.sizes)) {
			t.Errorf("%d items / %d bytes, %v: %q (%d runs), want %q", tt.max, tt.limit, tt.sizes, got, p.runs, tt.want)
		}
	}
}

// TestImportFeedUnreadable: the file can no longer be read (the stick was
// pulled) in the middle of the awards' pass: the parts written are
// reported as such, and the same file imported again finishes the import.
func TestImportFeedUnreadable(t *testing.T) {
	in := partsBundle(t)
	db := commune(t)
	f := &passFeed{mem: memFeed{in}, failAt: 3, failAfter: 100}
	head := Incoming{From: in.From, To: in.To, Seq: in.Seq, Hash: in.Hash, Upto: in.Upto}
	withFeed := head
	withFeed.Feed = f
	_, err := db.ImportParts("an", &withFeed, 37, nil)
	var part *PartialImport
	if !errors.As(err, &part) || part.Done != 5 || part.Parts != 8 || !strings.Contains(err.Error(), "không đọc được tệp gói") {
		t.Fatalf("%v", err)
	}
	withFeed.Feed = memFeed{in}
	if res, err := db.ImportParts("an", &withFeed, 37, nil); err != nil || res.Added != len(in.Records)-5*37 {
		t.Fatalf("again: %+v, %v", res, err)
	}
	db.View(func(tx *Tx) error {
		if p, _ := tx.Peer("SL"); p.RecvSeq != 1 {
			t.Errorf("not applied: %+v", p)
		}
		return nil
	})
}

// TestUnfinishedPerSender: one sender's unfinished import is not hidden by
// another's, and a bundle from its sender at least as new clears it.
func TestUnfinishedPerSender(t *testing.T) {
	db := commune(t)
	mark := func(from string, seq uint64) {
		if err := db.Update("an", func(tx *Tx) error { return tx.markUnfinished(&Incoming{From: from, Seq: seq}, 1, 4) }); err != nil {
			t.Fatal(err)
		}
	}
	finish := func(from string, seq uint64) {
		if err := db.Update("an", func(tx *Tx) error { return tx.finishedImport(&Incoming{From: from, Seq: seq}) }); err != nil {
			t.Fatal(err)
		}
	}
	senders := func() (out []string) {
		us, err := db.Unfinished()
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range us {
			out = append(out, fmt.Sprintf("%s#%d", u.From, u.Seq))
		}
		return out
	}
	mark("SL", 4)
	mark("SL-X002", 2)
	finish("SL-X002", 2)
	if got := strings.Join(senders(), " "); got != "SL#4" {
		t.Errorf("after the other sender finished: %q", got)
	}
	finish("SL", 3) // an older bundle does not finish it
	if got := strings.Join(senders(), " "); got != "SL#4" {
		t.Errorf("after an older bundle: %q", got)
	}
	finish("SL", 5)
	if got := senders(); len(got) != 0 {
		t.Errorf("after a newer bundle: %q", got)
	}
}
