package store

import (
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

func (t *Tx) appendAudit(op string, k tdkt.Kind, id string, ver uint64, rec []byte) error {
	b := t.tx.Bucket(bucketAudit)
	b.FillPercent = 1 // append-only: a full page is never split again
	e := Entry{Op: op, Kind: k, ID: id, Version: ver, By: t.user, At: t.db.now().UTC().Truncate(time.Second)}
	sum := sha256.Sum256(rec)
	e.Sum = hex.EncodeToString(sum[:])
	if lk, lv := b.Cursor().Last(); lk != nil {
		var last Entry
		if err := json.Unmarshal(lv, &last); err != nil {
			return fmt.Errorf("đọc nhật ký %d: %w", be(lk), err)
		}
		e.Seq, e.Prev = last.Seq+1, last.Hash
	} else {
		e.Seq = 1
	}
	e.Hash = e.digest()
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return b.Put(u64(e.Seq), v)
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
