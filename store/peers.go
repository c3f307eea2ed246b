package store

import (
	"encoding/json"
	"fmt"
	"regexp"

	"tdkt"
)

// Peer is another office this one exchanges bundles with: its public keys,
// whether they are still trusted, and where the exchange stands in each
// direction.
type Peer struct {
	Code    string     `json:"code"`
	Name    string     `json:"name"`
	Level   tdkt.Level `json:"level"`
	Sign    []byte     `json:"sign"` // Ed25519 public key
	Age     string     `json:"age"`  // age X25519 recipient
	Revoked bool       `json:"revoked,omitempty"`
	// sending: the last bundle made for this peer, and the local journal
	// position the peer says it has applied
	SentSeq  uint64 `json:"sentSeq"`
	SentHash string `json:"sentHash,omitempty"`
	Acked    uint64 `json:"acked"`
	// receiving: the last bundle applied from this peer, and the peer's
	// journal position it covered
	RecvSeq  uint64 `json:"recvSeq"`
	RecvHash string `json:"recvHash,omitempty"`
	Received uint64 `json:"received"`
}

var keyIdentity = []byte("identity")

// Province codes are letters and digits; a commune's code extends its
// province's with a dash ("SL-X001"), which tdkt.VisibleTo relies on.
var (
	provinceCode = regexp.MustCompile(`^[A-Z0-9]{2,10}$`)
	communeCode  = regexp.MustCompile(`^[A-Z0-9]{2,10}-[A-Z0-9]{2,10}$`)
)

// ValidOfficeCode checks an office code for its level.
func ValidOfficeCode(code string, lvl tdkt.Level) error {
	switch {
	case lvl == tdkt.LevelProvince && provinceCode.MatchString(code):
		return nil
	case lvl == tdkt.LevelCommune && communeCode.MatchString(code):
		return nil
	case lvl == tdkt.LevelProvince:
		return fmt.Errorf("mã cơ quan cấp tỉnh %q: 2–10 chữ in hoa hoặc số, không dấu gạch", code)
	case lvl == tdkt.LevelCommune:
		return fmt.Errorf("mã cơ quan cấp xã %q: mã tỉnh, dấu gạch, rồi mã xã (ví dụ SL-X001)", code)
	}
	return fmt.Errorf("cấp cơ quan %q không có (province hoặc commune)", lvl)
}

// Identity is this office's key pair as the bundle format encodes it;
// the store keeps the bytes without reading them.
func (t *Tx) Identity() []byte {
	if v := t.tx.Bucket(bucketMeta).Get(keyIdentity); v != nil {
		return append([]byte(nil), v...)
	}
	return nil
}

// SetIdentity stores the office's key pair; only an administrator may.
func (t *Tx) SetIdentity(b []byte) error {
	if !t.writable {
		return ErrReadOnly
	}
	if t.role != tdkt.RoleAdmin {
		return fmt.Errorf("chỉ Quản trị được đặt khóa của cơ quan")
	}
	return t.tx.Bucket(bucketMeta).Put(keyIdentity, b)
}

// Peers lists the known offices by code.
func (t *Tx) Peers() ([]Peer, error) {
	var out []Peer
	err := t.tx.Bucket(bucketPeers).ForEach(func(_, v []byte) error {
		var p Peer
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// Peer returns one known office.
func (t *Tx) Peer(code string) (*Peer, error) {
	v := t.tx.Bucket(bucketPeers).Get([]byte(code))
	if v == nil {
		return nil, fmt.Errorf("cơ quan %s chưa được tin cậy (unknown office): %w", code, ErrNotFound)
	}
	var p Peer
	if err := json.Unmarshal(v, &p); err != nil {
		return nil, fmt.Errorf("đọc cơ quan %s: %w", code, err)
	}
	return &p, nil
}

// PutPeer trusts or updates an office; only an administrator may.
func (t *Tx) PutPeer(p *Peer) error {
	if !t.writable {
		return ErrReadOnly
	}
	if t.role != tdkt.RoleAdmin {
		return fmt.Errorf("chỉ Quản trị được quản lý cơ quan tin cậy")
	}
	if err := ValidOfficeCode(p.Code, p.Level); err != nil {
		return err
	}
	if p.Code == t.db.office {
		return fmt.Errorf("không thể tin cậy chính cơ quan mình (%s)", p.Code)
	}
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketPeers).Put([]byte(p.Code), v)
}
