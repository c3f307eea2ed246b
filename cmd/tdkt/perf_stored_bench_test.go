package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tdkt/bench/floors"
	"tdkt/bench/measure"
)

// BenchmarkSyncStored is a second reference for the import into a new
// office, beside BenchmarkSync's floor (which puts only the received
// records and scans): bbolt putting, into a copy of the same new office,
// every key and value the import left in the file — records, scans,
// indexes, search words, list rows, award facts, journal and audit — in
// one transaction. tdkt against it is what the import costs beyond bbolt
// storing what tdkt chose to store; the floor against it is what that
// choice costs.
func BenchmarkSyncStored(b *testing.B) {
	s := newBenchSync(b, benchImportScans)
	if s.readErr != nil {
		b.Fatalf("the import bundle does not read: %v", s.readErr)
	}
	benchStored(b, s, s.prov)
}

// benchStored imports s's bundle into a copy of pristine, then times bbolt
// putting every key the import added or changed into fresh synced copies
// of pristine, in one transaction.
func benchStored(b *testing.B, s *benchSync, pristine string) {
	work := filepath.Join(b.TempDir(), "work.db")
	d, me := openCopy(b, pristine, work)
	_, err := syncImport(d, "setup", me, s.bundle, "")
	d.Close()
	if err != nil {
		b.Fatal(err)
	}
	kvs, err := boltAdded(pristine, work)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "stored.db")
	var n int64
	for _, kv := range kvs {
		n += int64(len(kv.Key) + len(kv.Value))
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := measure.CopyFile(out, pristine); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := floors.BoltPut(out, kvs); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(kvs)), "keys")
	b.ReportMetric(float64(n)/1e6, "MB")
}

// boltAdded lists the values of after's top-level buckets that before
// lacks or holds differently, bucket by bucket in key order.
func boltAdded(before, after string) ([]floors.KV, error) {
	old := map[string]map[string][]byte{}
	if err := eachBolt(before, func(bucket string, k, v []byte) {
		if old[bucket] == nil {
			old[bucket] = map[string][]byte{}
		}
		old[bucket][string(k)] = v
	}); err != nil {
		return nil, err
	}
	var out []floors.KV
	err := eachBolt(after, func(bucket string, k, v []byte) {
		if w, ok := old[bucket][string(k)]; !ok || !bytes.Equal(v, w) {
			out = append(out, floors.KV{Bucket: bucket, Key: k, Value: v})
		}
	})
	return out, err
}

// eachBolt calls fn with copies of every key and value of path's
// top-level buckets (tdkt nests none).
func eachBolt(path string, fn func(bucket string, k, v []byte)) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			return bk.ForEach(func(k, v []byte) error {
				fn(string(name), bytes.Clone(k), bytes.Clone(v))
				return nil
			})
		})
	})
}

// BenchmarkSyncStoredProvince is the same reference for the import into a
// copy of the demo's own database: bbolt putting, into a synced copy of
// it, every key the import added or changed (search blocks patched,
// counters, and all that is new), in one transaction. Set against
// BenchmarkSync's import-province it says how much of that import is bbolt
// storing what tdkt stores in a large file, and how much tdkt's own work.
// Finding what changed holds both files' keys in memory, so it runs at
// province scale only.
func BenchmarkSyncStoredProvince(b *testing.B) {
	demo := measure.DB(b)
	if st, err := os.Stat(demo); err != nil || st.Size() > 2<<30 {
		b.Skip("the demo database is over 2 GB (or missing): finding what an import changed would hold it all in memory")
	}
	s := newBenchSync(b, benchImportScans)
	if s.readErr != nil {
		b.Fatalf("the import bundle does not read: %v", s.readErr)
	}
	benchStored(b, s, s.provinceCopy(b, demo))
}
