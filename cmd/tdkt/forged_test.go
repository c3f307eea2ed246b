package main

import (
	"os"
	"testing"

	"tdkt/export/bundle"
	"tdkt/store"
)

// writeForged signs a bundle by hand, as a commune that tries to write
// outside its scope would.
func writeForged(t *testing.T, path string, me *bundle.Identity, to office, recs ...store.Raw) {
	t.Helper()
	d, err := store.Open(to.db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var tid *bundle.Identity
	d.View(func(tx *store.Tx) error { tid, err = bundle.ParseIdentity(tx.Identity()); return err })
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	key := tid.Key // the receiver's public half
	b := &bundle.Bundle{Manifest: bundle.Manifest{Seq: 99}}
	for _, r := range recs {
		b.Records = append(b.Records, bundle.Record{Kind: r.Kind, ID: r.ID, Data: r.Data})
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := bundle.Write(f, b, me, key, ""); err != nil {
		t.Fatal(err)
	}
}
