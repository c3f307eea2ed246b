package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/export"
	"tdkt/export/bundle"
	"tdkt/store"
)

// The bundle work of the Đồng bộ screen, on the store and bundle APIs. It
// does what cmd/tdkt/sync.go does for "tdkt sync export|import" and "tdkt
// office trust|revoke" (re-implemented here: ui does not import the
// command).

// loadIdentity reads this office's key pair; nil without an error when the
// office has none yet.
func loadIdentity(db *store.DB) (*bundle.Identity, error) {
	var b []byte
	db.View(func(tx *store.Tx) error { b = tx.Identity(); return nil })
	if len(b) == 0 {
		return nil, nil
	}
	return bundle.ParseIdentity(b)
}

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
			return errors.New("cơ quan đã có cặp khóa")
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
			return fmt.Errorf("%s đã có khóa khác; hãy thu hồi khóa cũ trước khi tin cậy khóa mới", k.Code)
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

// writeBundle writes the bundle for peer to into dir: encoded in memory,
// written completely or not at all, read back and compared, and only then
// recorded as sent. pw, when set, encrypts for the passphrase instead of the
// peer's key.
// report, when not nil, is told the phase (of 4) reached.
func writeBundle(db *store.DB, by string, me *bundle.Identity, to, dir, pw string, full bool, report func(int, int)) (sentBundle, error) {
	if report == nil {
		report = func(int, int) {}
	}
	var og *store.Outgoing
	var peer *store.Peer
	err := db.View(func(tx *store.Tx) (err error) {
		if peer, err = tx.Peer(to); err != nil {
			return err
		}
		og, err = tx.Outgoing(to, full)
		return err
	})
	if err != nil {
		return sentBundle{}, err
	}
	report(1, 4)
	b := &bundle.Bundle{Manifest: bundle.Manifest{Seq: og.Seq, Prev: og.Prev, Since: og.Since, Upto: og.Upto, Ack: og.Ack},
		Blobs: og.Blobs}
	for _, r := range og.Records {
		b.Records = append(b.Records, bundle.Record{Kind: r.Kind, ID: r.ID, Data: r.Data})
	}
	var buf bytes.Buffer
	hash, err := bundle.Write(&buf, b, me, bundle.Key{Code: peer.Code, Age: peer.Age, Sign: peer.Sign}, pw)
	if err != nil {
		return sentBundle{}, err
	}
	report(2, 4)
	path := filepath.Join(dir, bundle.Name(me.Code, to, og.Seq))
	if err := export.WriteFile(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return sentBundle{}, err
	}
	report(3, 4)
	back, err := os.ReadFile(path)
	if err != nil || sha256.Sum256(back) != sha256.Sum256(buf.Bytes()) {
		os.Remove(path)
		return sentBundle{}, fmt.Errorf("đọc lại %s không khớp nội dung đã ghi (USB lỗi?): %v", path, err)
	}
	if err := db.Update(by, func(tx *store.Tx) error { return tx.MarkSent(to, og.Seq, hash) }); err != nil {
		return sentBundle{}, err
	}
	return sentBundle{path: path, seq: og.Seq, records: len(og.Records), blobs: len(og.Blobs)}, nil
}

// trustFrom looks the sender up for the bundle reader.
func trustFrom(tx *store.Tx) bundle.Trust {
	return func(code string) (bundle.Key, error) {
		p, err := tx.Peer(code)
		if err != nil {
			return bundle.Key{}, err
		}
		if p.Revoked {
			return bundle.Key{}, fmt.Errorf("khóa của %s đã bị thu hồi", code)
		}
		return bundle.Key{Code: p.Code, Name: p.Name, Level: p.Level, Sign: p.Sign, Age: p.Age}, nil
	}
}

// receivedBundle is what importBundle applied.
type receivedBundle struct {
	store.ImportResult
	from string
	seq  uint64
}

// importBundle verifies a bundle completely, then applies it in one
// transaction; a refused bundle changes nothing.
// report, when not nil, is told the phase (of 2) reached.
func importBundle(db *store.DB, by string, me *bundle.Identity, path, pw string, report func(int, int)) (receivedBundle, error) {
	var res receivedBundle
	if report == nil {
		report = func(int, int) {}
	}
	f, err := os.Open(path)
	if err != nil {
		return res, fmt.Errorf("mở gói: %w", err)
	}
	defer f.Close()
	var b *bundle.Bundle
	err = db.View(func(tx *store.Tx) (err error) {
		b, err = bundle.Read(f, me, pw, trustFrom(tx))
		return err
	})
	if err != nil {
		return res, err
	}
	report(1, 2)
	res.from, res.seq = b.Manifest.From, b.Manifest.Seq
	in := &store.Incoming{From: b.Manifest.From, To: b.Manifest.To, Seq: b.Manifest.Seq, Prev: b.Manifest.Prev,
		Hash: b.Hash, Upto: b.Manifest.Upto, Ack: b.Manifest.Ack, Blobs: b.Blobs}
	for _, r := range b.Records {
		in.Records = append(in.Records, store.Raw{Kind: r.Kind, ID: r.ID, Data: r.Data})
	}
	err = db.Update(by, func(tx *store.Tx) (err error) {
		res.ImportResult, err = tx.Import(in)
		return err
	})
	return res, err
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
