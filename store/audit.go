package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"tdkt"
)

// Entry is one line of the audit log. Each entry's Hash covers its content
// and the previous entry's hash, so editing, deleting or reordering entries
// breaks the chain at the first changed place.
type Entry struct {
	Seq     uint64    `json:"seq"`
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Op      string    `json:"op"` // put, delete
	Kind    tdkt.Kind `json:"kind"`
	ID      string    `json:"id"`
	Version uint64    `json:"ver"`
	Sum     string    `json:"sum"` // SHA-256 of the record as written
	Prev    string    `json:"prev"`
	Hash    string    `json:"hash"`
}

func (e Entry) digest() string {
	e.Hash = ""
	b, _ := json.Marshal(e)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// auditTail is the end of the chain: the last entry's number and hash.
// A bulk writer (Apply) reads it once and carries it from entry to entry
// instead of reading and decoding the last entry for every record.
type auditTail struct {
	seq  uint64
	hash string
}

// auditTail reads the end of the chain from the last stored entry.
func (t *Tx) auditTail() (auditTail, error) {
	lk, lv := t.tx.Bucket(bucketAudit).Cursor().Last()
	if lk == nil {
		return auditTail{}, nil
	}
	var last Entry
	if err := json.Unmarshal(lv, &last); err != nil {
		return auditTail{}, fmt.Errorf("đọc nhật ký %d: %w", be(lk), err)
	}
	return auditTail{last.Seq, last.Hash}, nil
}

func (t *Tx) appendAudit(op string, k tdkt.Kind, id string, ver uint64, rec []byte) error {
	tail, err := t.auditTail()
	if err != nil {
		return err
	}
	_, err = t.appendAuditAt(&tail, op, k, id, ver, rec)
	return err
}

// appendAuditAt appends the entry after tail and moves tail to it. The
// entry is encoded once: its digest covers the JSON with an empty hash,
// and Hash is the last field, so the stored bytes are that JSON with the
// digest filled in — exactly what json.Marshal gives for the whole entry
// (a test holds the two equal), and what VerifyAudit recomputes.
func (t *Tx) appendAuditAt(tail *auditTail, op string, k tdkt.Kind, id string, ver uint64, rec []byte) (Entry, error) {
	b := t.tx.Bucket(bucketAudit)
	b.FillPercent = 1 // append-only: a full page is never split again
	e := Entry{Op: op, Kind: k, ID: id, Version: ver, By: t.user, At: t.db.now().UTC().Truncate(time.Second),
		Seq: tail.seq + 1, Prev: tail.hash}
	sum := sha256.Sum256(rec)
	e.Sum = hex.EncodeToString(sum[:])
	v, err := encodeEntry(&e)
	if err != nil {
		return e, err
	}
	if err := b.Put(u64(e.Seq), v); err != nil {
		return e, err
	}
	tail.seq, tail.hash = e.Seq, e.Hash
	return e, nil
}

// hashTail is how json.Marshal ends an Entry whose Hash is empty.
var hashTail = []byte(`"hash":""}`)

// encodeEntry sets e.Hash to the digest of e and returns e's JSON.
func encodeEntry(e *Entry) ([]byte, error) {
	e.Hash = ""
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(b)
	e.Hash = hex.EncodeToString(h[:])
	if !bytes.HasSuffix(b, hashTail) {
		// not the layout this relies on (a field added after Hash?):
		// encode the whole entry again
		return json.Marshal(e)
	}
	out := make([]byte, 0, len(b)+len(e.Hash))
	out = append(out, b[:len(b)-2]...) // up to `"hash":"`
	out = append(out, e.Hash...)
	return append(out, '"', '}'), nil
}

// AuditError names the first entry where the chain breaks.
type AuditError struct {
	Seq    uint64
	Reason string
}

func (e *AuditError) Error() string {
	return fmt.Sprintf("nhật ký bị sai từ mục %d: %s (audit chain broken at entry %d)", e.Seq, e.Reason, e.Seq)
}

// VerifyAudit walks the chain from the start and returns the first broken
// entry, or nil. last receives, per record, the checksum of its latest entry
// so that Check can compare it with the stored record.
func (t *Tx) VerifyAudit(last map[string]string) error {
	b := t.tx.Bucket(bucketAudit)
	prev, want := "", uint64(1)
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		seq := be(k)
		var e Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return &AuditError{seq, "không đọc được mục"}
		}
		switch {
		case seq != want:
			return &AuditError{want, fmt.Sprintf("thiếu mục (gặp mục %d)", seq)}
		case e.Seq != seq:
			return &AuditError{seq, fmt.Sprintf("số thứ tự ghi bên trong là %d", e.Seq)}
		case e.Prev != prev:
			return &AuditError{seq, "không nối với mục trước"}
		case e.digest() != e.Hash:
			return &AuditError{seq, "nội dung đã bị sửa"}
		}
		if last != nil {
			last[string(e.Kind)+"\x00"+e.ID] = e.Sum
		}
		prev, want = e.Hash, want+1
	}
	return nil
}

// Audit returns the entries of one record, oldest first.
func (t *Tx) Audit(k tdkt.Kind, id string) ([]Entry, error) {
	var out []Entry
	err := t.tx.Bucket(bucketAudit).ForEach(func(_, v []byte) error {
		var e Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return err
		}
		if e.Kind == k && e.ID == id {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// AuditLen is the number of audit entries.
func (t *Tx) AuditLen() int { return t.tx.Bucket(bucketAudit).Stats().KeyN }
