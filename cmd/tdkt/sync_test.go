package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	tdktpkg "tdkt"
	"tdkt/store"
)

// office is one simulated installation with its database file.
type office struct {
	code, db string
}

func setupOffices(t *testing.T) (dir string, p, a, b office) {
	t.Helper()
	dir = t.TempDir()
	p = office{"SL", filepath.Join(dir, "tinh.db")}
	a = office{"SL-X001", filepath.Join(dir, "xa1.db")}
	b = office{"SL-X002", filepath.Join(dir, "xa2.db")}
	for _, o := range []struct {
		o     office
		name  string
		level string
	}{{p, "Sở Nội vụ tỉnh Sơn Lâm", "province"}, {a, "Xã Nậm Xé", "commune"}, {b, "Xã Tả Phìn", "commune"}} {
		if _, _, err := runCLI(t, "office", "init", "--db", o.o.db, "--code", o.o.code, "--name", o.name, "--level", o.level); err != nil {
			t.Fatal(err)
		}
		if _, _, err := runCLI(t, "office", "export-key", "--db", o.o.db, "--out", filepath.Join(dir, o.o.code+".key")); err != nil {
			t.Fatal(err)
		}
	}
	trust := func(o office, keyOf string) {
		if _, _, err := runCLI(t, "office", "trust", "--db", o.db, filepath.Join(dir, keyOf+".key")); err != nil {
			t.Fatal(err)
		}
	}
	trust(p, a.code)
	trust(p, b.code)
	trust(a, p.code)
	trust(b, p.code)
	return dir, p, a, b
}

func write(t *testing.T, o office, fn func(tx *store.Tx) error) {
	t.Helper()
	d, err := store.Open(o.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Update("an", fn); err != nil {
		t.Fatal(err)
	}
}

func send(t *testing.T, from, to office, stick string) string {
	t.Helper()
	out, _, err := runCLI(t, "sync", "export", "--db", from.db, "--to", to.code, "--out", stick)
	if err != nil {
		t.Fatalf("%s → %s: %v", from.code, to.code, err)
	}
	return strings.TrimSpace(out)
}

func receive(t *testing.T, o office, bundle string) string {
	t.Helper()
	out, _, err := runCLI(t, "sync", "import", "--db", o.db, bundle)
	if err != nil {
		t.Fatalf("%s imports %s: %v", o.code, filepath.Base(bundle), err)
	}
	return out
}

// visibleDigest hashes the synced records of a database that commune may
// see (all of them when commune is empty).
func visibleDigest(t *testing.T, db, commune string) string {
	t.Helper()
	d, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var lines []string
	d.View(func(tx *store.Tx) error {
		for _, k := range tdktpkg.Kinds {
			if !tdktpkg.Synced(k) {
				continue
			}
			tx.EachRaw(k, func(r tdktpkg.Record, raw []byte) error {
				if commune == "" || tdktpkg.VisibleTo(commune, r) {
					h := sha256.Sum256(raw)
					lines = append(lines, string(k)+" "+r.Base().ID+" "+hex.EncodeToString(h[:8]))
				}
				return nil
			})
		}
		return nil
	})
	sort.Strings(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(h[:])
}

func dossier(code, title string) *tdktpkg.Dossier {
	return &tdktpkg.Dossier{Title: title, Year: 2026, UnitID: code + "-U0000001", Method: tdktpkg.MethodRegular, Status: tdktpkg.StatusReceived,
		Candidates: []tdktpkg.Candidate{{ID: "C1", Subject: tdktpkg.SubjectPerson, Name: "Giàng A Páo", AwardCode: "BKT"}}}
}

func TestThreeOfficesConvergeInEveryOrder(t *testing.T) {
	orders := [][]string{
		{"A>P", "B>P", "P>A", "P>B"},
		{"P>A", "P>B", "B>P", "A>P", "P>A", "P>B"},
		{"B>P", "P>B", "A>P", "P>A", "P>B"},
	}
	for _, order := range orders {
		t.Run(strings.Join(order, ","), func(t *testing.T) {
			dir, p, a, b := setupOffices(t)
			stick := filepath.Join(dir, "usb")
			os.MkdirAll(stick, 0o755)
			write(t, p, func(tx *store.Tx) error {
				return tx.Put(&tdktpkg.Movement{Name: "Thi đua chuyển đổi số", Level: tdktpkg.LevelProvince})
			})
			write(t, a, func(tx *store.Tx) error {
				if err := tx.Put(&tdktpkg.Unit{Name: "Xã Nậm Xé", Type: tdktpkg.UnitCommune}); err != nil {
					return err
				}
				return tx.Put(dossier(a.code, "Đề nghị của xã Nậm Xé"))
			})
			write(t, b, func(tx *store.Tx) error { return tx.Put(dossier(b.code, "Đề nghị của xã Tả Phìn")) })
			offices := map[string]office{"P": p, "A": a, "B": b}
			// repeat the order until nothing changes (two passes suffice)
			for pass := 0; pass < 2; pass++ {
				for _, step := range order {
					from, to := offices[step[:1]], offices[step[2:]]
					receive(t, to, send(t, from, to, stick))
				}
			}
			for _, c := range []office{a, b} {
				if got, want := visibleDigest(t, c.db, ""), visibleDigest(t, p.db, c.code); got != want {
					t.Errorf("%s and the province disagree on what %s may see", c.code, c.code)
				}
			}
			if visibleDigest(t, a.db, "") == visibleDigest(t, b.db, "") {
				t.Error("communes see each other's dossiers")
			}
		})
	}
}

func TestConcurrentEditsAndEditBeatsDelete(t *testing.T) {
	dir, p, a, _ := setupOffices(t)
	stick := filepath.Join(dir, "usb")
	os.MkdirAll(stick, 0o755)
	d1, d2 := dossier(a.code, "Hồ sơ một"), dossier(a.code, "Hồ sơ hai")
	write(t, a, func(tx *store.Tx) error {
		if err := tx.Put(d1); err != nil {
			return err
		}
		return tx.Put(d2)
	})
	receive(t, p, send(t, a, p, stick))
	receive(t, a, send(t, p, a, stick))
	// offline: both edit d1; the commune deletes d2 while the province edits it
	write(t, a, func(tx *store.Tx) error {
		d := &tdktpkg.Dossier{}
		tx.Get(d1.ID, d)
		d.Title = "Hồ sơ một (xã sửa)"
		if err := tx.Put(d); err != nil {
			return err
		}
		return tx.Delete(tdktpkg.KindDossier, d2.ID)
	})
	write(t, p, func(tx *store.Tx) error {
		for _, id := range []string{d1.ID, d2.ID} {
			d := &tdktpkg.Dossier{}
			tx.Get(id, d)
			if err := d.Move(tdktpkg.StatusChecking, "", "chuyên viên tỉnh", d.UpdatedAt); err != nil {
				return err
			}
			if err := tx.Put(d); err != nil {
				return err
			}
		}
		return nil
	})
	toP := send(t, a, p, stick)
	toA := send(t, p, a, stick)
	if out := receive(t, p, toP); !strings.Contains(out, "conflicts\t2") {
		t.Errorf("province import: %s", out)
	}
	if out := receive(t, a, toA); !strings.Contains(out, "conflicts\t2") {
		t.Errorf("commune import: %s", out)
	}
	for _, o := range []office{p, a} {
		out, _, err := runCLI(t, "conflicts", "--db", o.db)
		if err != nil || strings.Count(out, "\n") != 2 {
			t.Errorf("%s conflicts: %q %v", o.code, out, err)
		}
		dd, _ := store.Open(o.db, store.Options{ReadOnly: true})
		dd.View(func(tx *store.Tx) error {
			if !tx.Has(tdktpkg.KindDossier, d2.ID) {
				t.Errorf("%s: the delete beat the province's edit", o.code)
			}
			return nil
		})
		dd.Close()
	}
	if visibleDigest(t, a.db, "") != visibleDigest(t, p.db, a.code) {
		t.Error("after the conflict the two offices differ")
	}
	// resolving on one side propagates and clears the flag on both
	write(t, p, func(tx *store.Tx) error {
		d := &tdktpkg.Dossier{}
		tx.Get(d1.ID, d)
		d.Title = "Hồ sơ một (đã thống nhất)"
		return tx.Resolve(d)
	})
	receive(t, a, send(t, p, a, stick))
	out, _, _ := runCLI(t, "conflicts", "--db", a.db)
	if strings.Contains(out, d1.ID) {
		t.Errorf("the commune still lists the settled conflict: %q", out)
	}
	dd, _ := store.Open(a.db, store.Options{ReadOnly: true})
	dd.View(func(tx *store.Tx) error {
		d := &tdktpkg.Dossier{}
		tx.Get(d1.ID, d)
		if d.Title != "Hồ sơ một (đã thống nhất)" || d.Conflict {
			t.Errorf("commune has %q (conflict %v)", d.Title, d.Conflict)
		}
		return nil
	})
	dd.Close()
}
func TestBundleRefusedWholeAndReplay(t *testing.T) {
	dir, p, a, b := setupOffices(t)
	stick := filepath.Join(dir, "usb")
	os.MkdirAll(stick, 0o755)
	write(t, a, func(tx *store.Tx) error { return tx.Put(dossier(a.code, "Đề nghị")) })
	first := send(t, a, p, stick)
	receive(t, p, first)
	before := visibleDigest(t, p.db, "")
	// the same bundle again changes nothing
	if out := receive(t, p, first); !strings.HasPrefix(out, "duplicate") {
		t.Errorf("second import: %q", out)
	}
	write(t, a, func(tx *store.Tx) error { return tx.Put(dossier(a.code, "Đề nghị 2")) })
	second := send(t, a, p, stick)
	third := send(t, a, p, stick)
	receive(t, p, third) // a lost bundle (second) does not block: bundles are cumulative
	mid := visibleDigest(t, p.db, "")
	if _, _, err := runCLI(t, "sync", "import", "--db", p.db, second); err == nil || !strings.Contains(err.Error(), "cũ hơn") {
		t.Errorf("older bundle after a newer one: %v", err)
	}
	if visibleDigest(t, p.db, "") != mid || mid == before {
		t.Error("digest after refusal changed, or the newer bundle did nothing")
	}
	// a bundle for another office, and a revoked sender
	toB := send(t, p, b, stick)
	if _, _, err := runCLI(t, "sync", "import", "--db", a.db, toB); err == nil {
		t.Error("commune A read a bundle encrypted for commune B")
	}
	if _, _, err := runCLI(t, "office", "revoke", "--db", p.db, a.code); err != nil {
		t.Fatal(err)
	}
	write(t, a, func(tx *store.Tx) error { return tx.Put(dossier(a.code, "Đề nghị 3")) })
	if _, _, err := runCLI(t, "sync", "import", "--db", p.db, send(t, a, p, stick)); err == nil || !strings.Contains(err.Error(), "thu hồi") {
		t.Errorf("revoked sender: %v", err)
	}
	if visibleDigest(t, p.db, "") != mid {
		t.Error("a refused bundle changed the database")
	}
}

func TestOutOfScopeBundleRefused(t *testing.T) {
	dir, p, a, _ := setupOffices(t)
	stick := filepath.Join(dir, "usb")
	os.MkdirAll(stick, 0o755)
	// the province issues a decision; the commune gets it
	write(t, p, func(tx *store.Tx) error {
		return tx.Put(&tdktpkg.Decision{Issuer: "SL", Symbol: "QĐ-UBND", Year: 2026, Number: 1, Status: tdktpkg.DecisionDraft, Summary: "Về việc"})
	})
	receive(t, a, send(t, p, a, stick))
	before := visibleDigest(t, p.db, "")
	// a forged commune bundle carrying a province-owned record
	d, _ := store.Open(a.db, store.Options{})
	var rec store.Raw
	d.View(func(tx *store.Tx) error {
		raws, _ := tx.Changes(0, func(r tdktpkg.Record) bool { return r.Kind() == tdktpkg.KindDecision })
		rec = raws[0]
		return nil
	})
	dec := &tdktpkg.Decision{}
	json.Unmarshal(rec.Data, dec)
	dec.Summary = "Về việc (xã sửa)"
	dec.Clock[strings.Repeat("f", 16)] = 99
	forged, _ := json.Marshal(dec)
	me, _ := identity(d)
	d.Close()
	bundle := filepath.Join(stick, "forged.tdkt")
	writeForged(t, bundle, me, p, store.Raw{Kind: tdktpkg.KindDecision, ID: dec.ID, Data: forged})
	_, _, err := runCLI(t, "sync", "import", "--db", p.db, bundle)
	if err == nil || !strings.Contains(err.Error(), "thẩm quyền") {
		t.Fatalf("out-of-scope bundle: %v", err)
	}
	if visibleDigest(t, p.db, "") != before {
		t.Error("refused bundle changed the province's database")
	}
}

// TestFilesTravel: a commune's dossier scan and a model's photo reach the
// province with the records that name them.
func TestFilesTravel(t *testing.T) {
	dir, p, a, _ := setupOffices(t)
	scan, photo := []byte("%PDF-1.4 tờ trình"), []byte("\x89PNG\r\n\x1a\n ảnh gương điển hình")
	var sums []string
	write(t, a, func(tx *store.Tx) error {
		s1, err := tx.PutBlob(scan)
		if err != nil {
			return err
		}
		s2, err := tx.PutBlob(photo)
		if err != nil {
			return err
		}
		sums = []string{s1, s2}
		d := dossier(a.code, "Đề nghị tặng Bằng khen")
		d.Attachments = []tdktpkg.Attachment{{Name: "to-trinh.pdf", SHA256: s1}}
		if err := tx.Put(d); err != nil {
			return err
		}
		return tx.Put(&tdktpkg.Person{Name: "Lò Văn Pọm", UnitID: a.code + "-U0000001",
			Model: &tdktpkg.Exemplary{Since: "2025", Story: "Trồng rừng phòng hộ", Photo: s2}})
	})
	receive(t, p, send(t, a, p, dir))
	d, err := store.Open(p.db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.View(func(tx *store.Tx) error {
		for i, want := range [][]byte{scan, photo} {
			if got := tx.Blob(sums[i]); string(got) != string(want) {
				t.Errorf("file %d at the province: %q, want %q", i, got, want)
			}
		}
		return nil
	})
}
