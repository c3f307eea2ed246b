package floors

import (
	"io"
	"time"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
)

// KV is one value to put: its bucket, key and bytes.
type KV struct {
	Bucket     string
	Key, Value []byte
}

// BoltPut opens (creating) the bbolt file at path and puts every value in
// one write transaction, which commits with bbolt's fsync, then closes the
// file: the cost of storing the same bytes an import stores, without
// decoding, indexing, search words, journal or audit.
func BoltPut(path string, kvs []KV) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, kv := range kvs {
			b, err := tx.CreateBucketIfNotExists([]byte(kv.Bucket))
			if err != nil {
				return err
			}
			if err := b.Put(kv.Key, kv.Value); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// Seal encrypts the parts, one after the other, for an age X25519
// recipient: the cost of sealing the same bytes a bundle carries, without
// the manifest, hashes or signature.
func Seal(w io.Writer, recipient string, parts [][]byte) error {
	r, err := age.ParseX25519Recipient(recipient)
	if err != nil {
		return err
	}
	ew, err := age.Encrypt(w, r)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := ew.Write(p); err != nil {
			return err
		}
	}
	return ew.Close()
}

// Open decrypts what Seal wrote, reading it whole: the floor of a bundle's
// decryption.
func Open(r io.Reader, identity string) ([]byte, error) {
	id, err := age.ParseX25519Identity(identity)
	if err != nil {
		return nil, err
	}
	dr, err := age.Decrypt(r, id)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(dr)
}
