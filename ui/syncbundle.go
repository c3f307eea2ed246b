package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/export/bundle"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// The bundle work of the Đồng bộ screen, on the store and bundle APIs. It
// does what cmd/tdkt/sync.go does for "tdkt sync export|import" and "tdkt
// office trust|revoke" (re-implemented here: ui does not import the
// command).

// loadIdentity reads this office's key pair; nil without an error when the
// office has none yet.
func loadIdentity(db *store.DB) (*bundle.Identity, error) { return jobs.LoadIdentity(db) }

// newIdentity makes the office's key pair and stores it (administrators
// only; the store checks).
func newIdentity(db *store.DB, by string, off *tdkt.Office) (*bundle.Identity, error) {
	if err := store.ValidOfficeCode(off.Code, off.Level); err != nil {
		return nil, err
	}
	id, err := bundle.NewIdentity(off.Code, tdkt.NFC(off.Name), off.Level)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(id, "", "  ")
	if err != nil {
		return nil, err
	}
	err = db.Update(by, func(tx *store.Tx) error {
		if len(tx.Identity()) > 0 {
			return errors.New(lang.L("cơ quan đã có cặp khóa"))
		}
		return tx.SetIdentity(b)
	})
	if err != nil {
		return nil, err
	}
	return id, nil
}

// keyFile is the public key file another office trusts.
func keyFile(k bundle.Key) ([]byte, error) { return json.MarshalIndent(k, "", "  ") }

// trustKey trusts an office's key; a different key of an office already
// trusted must be revoked first.
func trustKey(db *store.DB, by string, k bundle.Key) error {
	return db.Update(by, func(tx *store.Tx) error {
		p, err := tx.Peer(k.Code)
		if err != nil {
			p = &store.Peer{}
		} else if !bytes.Equal(p.Sign, k.Sign) && !p.Revoked {
			return fmt.Errorf(lang.L("%s đã có khóa khác; hãy thu hồi khóa cũ trước khi tin cậy khóa mới"), k.Code)
		}
		p.Code, p.Name, p.Level, p.Sign, p.Age, p.Revoked = k.Code, k.Name, k.Level, k.Sign, k.Age, false
		return tx.PutPeer(p)
	})
}

// revokePeer stops trusting an office's key: its bundles are refused and
// none are made for it.
func revokePeer(db *store.DB, by, code string) error {
	return db.Update(by, func(tx *store.Tx) error {
		p, err := tx.Peer(code)
		if err != nil {
			return err
		}
		p.Revoked = true
		return tx.PutPeer(p)
	})
}

// sentBundle is what writeBundle wrote.
type sentBundle struct {
	path           string
	seq            uint64
	records, blobs int
}

// writeBundle writes the bundle for peer to into dir (jobs.WriteBundle).
func writeBundle(db *store.DB, by string, me *bundle.Identity, to, dir, pw string, full bool, report func(int, int)) (sentBundle, error) {
	s, err := jobs.WriteBundle(db, by, me, to, dir, pw, full, report)
	return sentBundle{path: s.Path, seq: s.Seq, records: s.Records, blobs: s.Blobs}, err
}

// trustFrom looks the sender up for the bundle reader.
func trustFrom(tx *store.Tx) bundle.Trust { return jobs.TrustFrom(tx) }

// receivedBundle is what importBundle applied.
type receivedBundle struct {
	store.ImportResult
	from string
	seq  uint64
}

// importBundle verifies a bundle completely, then applies it in one
// transaction, or a large one in parts (jobs.ImportBundle).
func importBundle(db *store.DB, by string, me *bundle.Identity, path, pw string, report func(int, int)) (receivedBundle, error) {
	r, err := jobs.ImportBundle(db, by, me, path, pw, report)
	return receivedBundle{ImportResult: r.ImportResult, from: r.From, seq: r.Seq}, err
}

// bundleFile is a bundle found in the USB folder addressed to this office.
type bundleFile struct {
	path string
	from string
	seq  uint64
}

// parseBundleName reads "<from>_<to>_<seq>.tdkt" (bundle.Name).
func parseBundleName(name string) (from, to string, seq uint64, ok bool) {
	base, found := strings.CutSuffix(name, ".tdkt")
	if !found {
		return "", "", 0, false
	}
	parts := strings.Split(base, "_")
	if len(parts) != 3 {
		return "", "", 0, false
	}
	n, err := strconv.ParseUint(parts[2], 10, 64)
	if err != nil || parts[0] == "" || parts[1] == "" {
		return "", "", 0, false
	}
	return parts[0], parts[1], n, true
}

// bundlesFor lists the bundles in dir addressed to office me, by sender and
// number.
func bundlesFor(dir, me string) ([]bundleFile, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []bundleFile
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		from, to, seq, ok := parseBundleName(e.Name())
		if ok && to == me {
			out = append(out, bundleFile{path: filepath.Join(dir, e.Name()), from: from, seq: seq})
		}
	}
	// ReadDir sorts by name and the number is zero-padded: sender, then number
	return out, nil
}
