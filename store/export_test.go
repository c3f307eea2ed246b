package store

import (
	"bytes"
	"errors"

	bolt "go.etcd.io/bbolt"
)

// Helpers for the external tests, which read and shape files with bbolt.

// FlatSearch returns the postings of tx's search index as flat keys (kind
// 0 word 0 id) with their 8-byte masks, so that files whose blocks split
// differently compare equal when their postings are the same. It fails on
// a block forEachPosting finds wrong.
func FlatSearch(tx *bolt.Tx) (map[string]string, error) {
	out := map[string]string{}
	if tx.Bucket(bucketSearch) == nil {
		return out, nil
	}
	var bad error
	forEachPosting(tx.Bucket(bucketSearch), func(k []byte, mask uint64) {
		out[string(k)] = string(u64(mask))
	}, func(k []byte, err error) {
		bad = errors.Join(bad, err)
	})
	return out, bad
}

// UnblockSearch rewrites the search index as schema 3 kept it: a bucket
// "search" with a key per posting and its mask as the value.
func UnblockSearch(tx *bolt.Tx) error {
	flat, err := FlatSearch(tx)
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(bucketSearch); err != nil {
		return err
	}
	b, err := tx.CreateBucket(bucketOldSearch)
	if err != nil {
		return err
	}
	for k, v := range flat {
		if err := b.Put([]byte(k), []byte(v)); err != nil {
			return err
		}
	}
	return nil
}

// SetFirstMask gives the first posting of the search index another mask.
func SetFirstMask(tx *bolt.Tx, mask uint64) error {
	b := tx.Bucket(bucketSearch)
	k, v := b.Cursor().First()
	ps, err := decodeBlock(v)
	if err != nil {
		return err
	}
	ps[0].mask = mask
	return b.Put(bytes.Clone(k), encodeBlock(ps))
}
