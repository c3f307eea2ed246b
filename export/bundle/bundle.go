// Package bundle is the file format that carries changes between offices on
// a USB stick: a signed manifest, the records and the attachments, encrypted
// with age for the receiving office's key or with a passphrase, because
// sticks get lost. Reading checks everything before anything is returned;
// the store applies what it returns in one transaction.
package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"filippo.io/age"

	"tdkt"
)

// Format is the version of the layout written here; a reader refuses others.
const Format = 1

// magic opens the plaintext so that a decrypted file of another kind is
// recognised at once.
const magic = "TDKT-BUNDLE\n"

// Limits keep a damaged or hostile file from exhausting memory; Write keeps
// to them too, so it never makes a bundle Read would refuse. Records are
// split into parts of at most recordsPart bytes.
const (
	maxParts    = 200000
	maxManifest = 64 << 20 // room for maxParts part lines
	maxPart     = 256 << 20
)

// recordsPart is a variable so that tests can split small bundles.
var recordsPart = 64 << 20

// Key is an office's public key file: what offices exchange once, on the
// same stick, and compare by fingerprint over the phone.
type Key struct {
	Code  string     `json:"code"`
	Name  string     `json:"name"`
	Level tdkt.Level `json:"level"`
	Sign  []byte     `json:"sign"` // Ed25519 public key
	Age   string     `json:"age"`  // age X25519 recipient
}

// Fingerprint is a short, readable digest of the keys: 8 groups of 4 hex
// digits.
func (k Key) Fingerprint() string {
	h := sha256.Sum256(append(append([]byte{}, k.Sign...), k.Age...))
	s := strings.ToUpper(hex.EncodeToString(h[:16]))
	var g []string
	for i := 0; i < len(s); i += 4 {
		g = append(g, s[i:i+4])
	}
	return strings.Join(g, " ")
}

// ParseKey reads a key file.
func ParseKey(b []byte) (Key, error) {
	var k Key
	if err := json.Unmarshal(b, &k); err != nil {
		return k, fmt.Errorf("tệp khóa không đọc được: %w", err)
	}
	if len(k.Sign) != ed25519.PublicKeySize || k.Code == "" {
		return k, fmt.Errorf("tệp khóa thiếu mã cơ quan hoặc khóa ký")
	}
	if _, err := age.ParseX25519Recipient(k.Age); err != nil {
		return k, fmt.Errorf("tệp khóa: khóa mã hóa không hợp lệ: %w", err)
	}
	return k, nil
}

// Identity is this office's key pair. It lives in the office database.
type Identity struct {
	Key
	SignPriv []byte `json:"signPriv"`
	AgePriv  string `json:"agePriv"`
}

// NewIdentity makes a fresh key pair for an office.
func NewIdentity(code, name string, level tdkt.Level) (*Identity, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("tạo khóa ký: %w", err)
	}
	x, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("tạo khóa mã hóa: %w", err)
	}
	return &Identity{Key: Key{Code: code, Name: name, Level: level, Sign: pub, Age: x.Recipient().String()},
		SignPriv: priv, AgePriv: x.String()}, nil
}

// ParseIdentity reads the stored key pair.
func ParseIdentity(b []byte) (*Identity, error) {
	var id Identity
	if err := json.Unmarshal(b, &id); err != nil || len(id.SignPriv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("khóa của cơ quan hỏng hoặc chưa tạo (tdkt office init)")
	}
	return &id, nil
}

// Part is one section of the bundle, named and hashed in the manifest.
type Part struct {
	Name   string `json:"name"` // "records" or "blob:<sha256>"
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Manifest describes a bundle; its bytes are what the sender signs.
type Manifest struct {
	Format  int            `json:"format"`
	From    string         `json:"from"`
	To      string         `json:"to"`
	Seq     uint64         `json:"seq"`
	Prev    string         `json:"prev,omitempty"`
	Since   uint64         `json:"since"`
	Upto    uint64         `json:"upto"`
	Ack     uint64         `json:"ack"`
	Created time.Time      `json:"created"`
	Counts  map[string]int `json:"counts"`
	Parts   []Part         `json:"parts"`
}

// Record is one record on the wire: its bytes exactly as the sender stores
// them.
type Record struct {
	Kind tdkt.Kind       `json:"kind"`
	ID   string          `json:"id"`
	Data json.RawMessage `json:"data"`
}

// Bundle is a decoded bundle.
type Bundle struct {
	Manifest Manifest
	Hash     string // SHA-256 of the signed manifest bytes: the bundle's identity
	Records  []Record
	Blobs    map[string][]byte
}

// Name is the file name a bundle is saved and found under.
func Name(from, to string, seq uint64) string {
	return fmt.Sprintf("%s_%s_%06d.tdkt", from, to, seq)
}

func part(name string, b []byte) Part {
	h := sha256.Sum256(b)
	return Part{Name: name, SHA256: hex.EncodeToString(h[:]), Size: int64(len(b))}
}

func writeChunk(w io.Writer, b []byte) error {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// Errors a reader tells apart; each names the check that failed.
var (
	ErrDecrypt   = errors.New("không giải mã được gói (sai khóa hoặc mật khẩu, hoặc tệp hỏng)")
	ErrFormat    = errors.New("gói sai định dạng")
	ErrSignature = errors.New("chữ ký của gói không hợp lệ")
	ErrHash      = errors.New("mã băm một phần của gói không khớp")
	ErrVersion   = errors.New("phiên bản định dạng gói không được hỗ trợ")
	ErrTrust     = errors.New("gói từ cơ quan chưa được tin cậy hoặc đã thu hồi khóa")
)

// Trust returns the key of a trusted, unrevoked office, or an error.
type Trust func(code string) (Key, error)

// Read decrypts, verifies and decodes a bundle addressed to me. It checks the
// format version, the sender's signature with its trusted key, the addressee,
// every part's size and SHA-256, and that nothing follows the last part. It
// returns nothing unless every check passed.
func Read(r io.Reader, me *Identity, passphrase string, trust Trust) (*Bundle, error) {
	var id age.Identity
	if passphrase != "" {
		si, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDecrypt, err)
		}
		id = si
	} else {
		xi, err := age.ParseX25519Identity(me.AgePriv)
		if err != nil {
			return nil, fmt.Errorf("khóa giải mã của cơ quan: %w", err)
		}
		id = xi
	}
	dr, err := age.Decrypt(r, id)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecrypt, err)
	}
	return readPlain(dr, me, trust)
}

// readPlain checks and decodes the decrypted bundle.
func readPlain(dr io.Reader, me *Identity, trust Trust) (*Bundle, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(dr, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: thiếu phần đầu (%v)", ErrFormat, errOr(err, ErrDecrypt))
	}
	mb, err := readChunk(dr, maxManifest)
	if err != nil {
		return nil, fmt.Errorf("%w: bảng kê: %v", ErrFormat, err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(mb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: bảng kê không đọc được: %v", ErrFormat, err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("%w: %d (chương trình đọc được %d)", ErrVersion, m.Format, Format)
	}
	sig, err := readChunk(dr, ed25519.SignatureSize)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: thiếu chữ ký", ErrFormat)
	}
	k, err := trust(m.From)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrTrust, m.From, err)
	}
	if !ed25519.Verify(ed25519.PublicKey(k.Sign), mb, sig) {
		return nil, fmt.Errorf("%w (người gửi %s)", ErrSignature, m.From)
	}
	if m.To != me.Code {
		return nil, fmt.Errorf("gói gửi cho %s, không phải %s", m.To, me.Code)
	}
	if len(m.Parts) == 0 || len(m.Parts) > maxParts || m.Parts[0].Name != "records" {
		return nil, fmt.Errorf("%w: danh sách phần không hợp lệ", ErrFormat)
	}
	b := &Bundle{Manifest: m, Blobs: map[string][]byte{}}
	h := sha256.Sum256(mb)
	b.Hash = hex.EncodeToString(h[:])
	// Records are decoded part by part as they are read, so that a part's
	// bytes are let go as soon as its records hold their own copies: a
	// province's first bundle carries hundreds of megabytes of records.
	recs := recordReader{got: map[string]int{}}
	blobs := false
	for i, p := range m.Parts {
		data, err := readChunk(dr, maxPart)
		if err != nil {
			return nil, fmt.Errorf("%w: phần %d (%s) bị cắt cụt: %v", ErrFormat, i+1, p.Name, err)
		}
		got := part(p.Name, data)
		if got.Size != p.Size || got.SHA256 != p.SHA256 {
			return nil, fmt.Errorf("%w: phần %d (%s)", ErrHash, i+1, p.Name)
		}
		if p.Name == "records" {
			if blobs {
				return nil, fmt.Errorf("%w: phần bản ghi %d đứng sau tệp đính kèm", ErrFormat, i+1)
			}
			if err := recs.add(data); err != nil {
				return nil, err
			}
			continue
		}
		blobs = true
		sum, ok := strings.CutPrefix(p.Name, "blob:")
		if !ok || sum != p.SHA256 {
			return nil, fmt.Errorf("%w: phần %d tên %q", ErrFormat, i+1, p.Name)
		}
		b.Blobs[sum] = data
	}
	if b.Records, err = recs.finish(m.Counts); err != nil {
		return nil, err
	}
	if n, _ := io.Copy(io.Discard, io.LimitReader(dr, 1)); n > 0 {
		return nil, fmt.Errorf("%w: thừa dữ liệu sau phần cuối", ErrFormat)
	}
	return b, nil
}

func errOr(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

func readChunk(r io.Reader, limit int) ([]byte, error) {
	var n [8]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint64(n[:])
	if size > uint64(limit) {
		return nil, fmt.Errorf("kích thước %d vượt giới hạn %d", size, limit)
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// recordReader decodes the records parts of a bundle one after the other.
type recordReader struct {
	out []Record
	got map[string]int // records per kind
}

// add decodes the records of one part.
func (d *recordReader) add(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	for dec.More() {
		var r Record
		if err := dec.Decode(&r); err != nil {
			return fmt.Errorf("%w: bản ghi thứ %d: %v", ErrFormat, len(d.out)+1, err)
		}
		if tdkt.New(r.Kind) == nil || r.ID == "" {
			return fmt.Errorf("%w: bản ghi thứ %d loại %q", ErrFormat, len(d.out)+1, r.Kind)
		}
		d.got[string(r.Kind)]++
		d.out = append(d.out, r)
	}
	return nil
}

// finish checks the records read against the manifest's counts.
func (d *recordReader) finish(counts map[string]int) ([]Record, error) {
	for k, n := range counts {
		if d.got[k] != n {
			return nil, fmt.Errorf("%w: bảng kê ghi %d %s, gói có %d", ErrFormat, n, k, d.got[k])
		}
	}
	if len(d.got) != len(counts) {
		return nil, fmt.Errorf("%w: số lượng bản ghi không khớp bảng kê", ErrFormat)
	}
	return d.out, nil
}
