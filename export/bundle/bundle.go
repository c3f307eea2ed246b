// Package bundle is the file format that carries changes between offices on
// a USB stick: a signed manifest, the records and the attachments, encrypted
// with age for the receiving office's key or with a passphrase, because
// sticks get lost. Read checks everything before anything is returned; Open
// checks the manifest and hands out each part only once it matches its
// hash, as often as asked, for a bundle too large to hold (the store checks
// the whole of it in a first pass before it writes anything).
package bundle

import (
	"bufio"
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
	"sync"
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
var recordsPart = 16 << 20

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
	ErrDecrypt   = errors.New("không giải mã được gói: gói không gửi cho cơ quan này, hoặc sai mật khẩu")
	ErrFormat    = errors.New("gói sai định dạng")
	ErrSignature = errors.New("chữ ký của gói không hợp lệ")
	ErrHash      = errors.New("mã băm một phần của gói không khớp")
	ErrVersion   = errors.New("phiên bản định dạng gói không được hỗ trợ")
	ErrTrust     = errors.New("gói từ cơ quan chưa được tin cậy hoặc đã thu hồi khóa")
)

// Trust returns the key of a trusted, unrevoked office, or an error.
type Trust func(code string) (Key, error)

// Read decrypts, verifies and decodes a bundle addressed to me, held in
// memory whole: for small bundles (a file is better read with Open). It
// checks the format version, the sender's signature with its trusted key,
// the addressee, every part's size and SHA-256, and that nothing follows
// the last part. It returns nothing unless every check passed.
func Read(r io.Reader, me *Identity, passphrase string, trust Trust) (*Bundle, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("đọc gói: %w", err)
	}
	rd, err := Open(bytes.NewReader(b), int64(len(b)), me, passphrase, trust)
	if err != nil {
		return nil, err
	}
	return rd.ReadAll()
}

// identity is what decrypts a bundle: the passphrase, or else my key.
func identity(me *Identity, passphrase string) (age.Identity, error) {
	if passphrase != "" {
		si, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDecrypt, err)
		}
		return si, nil
	}
	xi, err := age.ParseX25519Identity(me.AgePriv)
	if err != nil {
		return nil, fmt.Errorf("khóa giải mã của cơ quan: %w", err)
	}
	return xi, nil
}

// Reader is a bundle whose manifest has been checked (format, signature,
// addressee, the list of parts), read part by part: a province's first
// bundle to a commune is hundreds of megabytes, more than an office PC
// should hold at once. Each part is checked against its size and SHA-256
// as it is read, before anything of it is handed out.
type Reader struct {
	Manifest Manifest
	Hash     string // SHA-256 of the signed manifest bytes: the bundle's identity
	parts    *atParts
}

// Open checks the head of a bundle file addressed to me (format,
// signature, addressee, the list of parts and, against the file's size,
// that nothing is missing or follows the last part) and returns a Reader
// that can go over its parts as often as asked, decrypting only the parts
// asked for. f must not change while the Reader is used; a part that did
// would fail its hash or its decryption.
func Open(f io.ReaderAt, size int64, me *Identity, passphrase string, trust Trust) (*Reader, error) {
	id, err := identity(me, passphrase)
	if err != nil {
		return nil, err
	}
	plain, n, err := age.DecryptReaderAt(f, size, id)
	if err != nil {
		return nil, decryptErr(err)
	}
	return openAt(plain, n, me, trust)
}

// decryptErr tells a bundle locked for another key or passphrase
// (ErrDecrypt: the window then asks for a passphrase) from a file that is
// not a bundle at all, or is cut short or damaged (ErrFormat), in words of
// its own: age's quote the file's first bytes.
func decryptErr(err error) error {
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) || errors.Is(err, age.ErrIncorrectIdentity) {
		return ErrDecrypt
	}
	return fmt.Errorf("%w: tệp không phải gói đồng bộ của tdkt, hoặc bị cắt cụt, hỏng", ErrFormat)
}

// openAt is Open on the decrypted file plain of n bytes.
func openAt(plain io.ReaderAt, n int64, me *Identity, trust Trust) (*Reader, error) {
	head := &countingReader{r: io.NewSectionReader(plain, 0, n)}
	r, err := openPlain(head, me, trust)
	if err != nil {
		return nil, err
	}
	ap := &atParts{r: plain, n: n, at: make([]int64, len(r.Manifest.Parts))}
	off := head.n
	for i, p := range r.Manifest.Parts {
		ap.at[i] = off
		off += 8 + p.Size
	}
	if off != n {
		return nil, fmt.Errorf("%w: gói dài %d byte, bảng kê ghi %d (thiếu hoặc thừa dữ liệu)", ErrFormat, n, off)
	}
	r.parts = ap
	return r, nil
}

// openPlain reads and checks the head of a decrypted bundle: everything
// but the parts themselves.
func openPlain(dr io.Reader, me *Identity, trust Trust) (*Reader, error) {
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
	blobs := false
	for i, p := range m.Parts {
		if p.Size < 0 || p.Size > maxPart {
			return nil, fmt.Errorf("%w: phần %d (%s) dài %d byte", ErrFormat, i+1, p.Name, p.Size)
		}
		if p.Name == "records" {
			if blobs {
				return nil, fmt.Errorf("%w: phần bản ghi %d đứng sau tệp đính kèm", ErrFormat, i+1)
			}
			continue
		}
		blobs = true
		if sum, ok := strings.CutPrefix(p.Name, "blob:"); !ok || sum != p.SHA256 {
			return nil, fmt.Errorf("%w: phần %d tên %q", ErrFormat, i+1, p.Name)
		}
	}
	h := sha256.Sum256(mb)
	return &Reader{Manifest: m, Hash: hex.EncodeToString(h[:])}, nil
}

// Records counts the records the manifest lists.
func (r *Reader) Records() int {
	n := 0
	for _, c := range r.Manifest.Counts {
		n += c
	}
	return n
}

// RecordBytes is the size of the records parts the manifest lists.
func (r *Reader) RecordBytes() int64 {
	var n int64
	for _, p := range r.Manifest.Parts {
		if p.Name == "records" {
			n += p.Size
		}
	}
	return n
}

// BlobBytes is the size of the attachments the manifest lists.
func (r *Reader) BlobBytes() int64 {
	var n int64
	for _, p := range r.Manifest.Parts {
		if p.Name != "records" {
			n += p.Size
		}
	}
	return n
}

// ReadAll reads every part into memory. The attachments are read on a
// second goroutine, through a buffer of their own, while the records are
// read and taken apart on this one: decrypting and hashing are a tenth of
// a bundle's import and the records' parts and the attachments' need
// nothing of each other (the decrypted file may be read concurrently).
func (r *Reader) ReadAll() (*Bundle, error) {
	b := &Bundle{Manifest: r.Manifest, Hash: r.Hash, Blobs: map[string][]byte{}}
	var blobErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		ap := &atParts{r: r.parts.r, n: r.parts.n, at: r.parts.at}
		blobErr = r.each(ap, nil, func(sum string, data []byte) error {
			b.Blobs[sum] = data
			return nil
		})
	})
	err := r.Each(func(rec Record) error {
		b.Records = append(b.Records, rec)
		return nil
	}, nil)
	wg.Wait()
	if err = errOr(err, blobErr); err != nil {
		return nil, err
	}
	return b, nil
}

// Each goes over the bundle's parts in order: rec is called with every
// record (in the order the sender stored them) and blob with every
// attachment, each only once its part has matched its size and SHA-256;
// a records part is decoded a part at a time and let go once no record of
// it is kept (a record's Data is a slice of its part). A nil function
// skips the parts of its kind, without decrypting them. Each can be called
// as often as needed. With rec set, the records counted are checked
// against the manifest's counts at the end. Each stops at the first error,
// the callbacks' included. The callbacks may keep what they are given.
func (r *Reader) Each(rec func(Record) error, blob func(sum string, data []byte) error) error {
	return r.each(r.parts, rec, blob)
}

// each is Each reading the parts through ap.
func (r *Reader) each(ap *atParts, rec func(Record) error, blob func(sum string, data []byte) error) error {
	recs := recordReader{got: map[string]int{}, yield: rec}
	for i, p := range r.Manifest.Parts {
		isRec := p.Name == "records"
		skip := isRec && rec == nil || !isRec && blob == nil
		data, err := ap.read(i, p, skip)
		if err != nil {
			return err
		}
		switch {
		case skip:
		case isRec:
			if err := recs.add(data); err != nil {
				return err
			}
		default:
			if err := blob(p.SHA256, data); err != nil {
				return err
			}
		}
	}
	ap.end()
	if rec != nil {
		return recs.finish(r.Manifest.Counts)
	}
	return nil
}

// checkPart checks part i's bytes against its entry in the manifest.
func checkPart(i int, p Part, data []byte) error {
	if got := part(p.Name, data); got.Size != p.Size || got.SHA256 != p.SHA256 {
		return fmt.Errorf("%w: phần %d (%s)", ErrHash, i+1, p.Name)
	}
	return nil
}

// atParts reads the parts from the decrypted file at the places the
// manifest gives them; a part skipped is not read. Parts read one after
// the other go through a buffer: each read of the decrypted file
// decrypts (and allocates) a whole 64 kB chunk, and a scan is a few
// kilobytes.
type atParts struct {
	r   io.ReaderAt
	n   int64   // the decrypted size
	at  []int64 // where each part's length begins
	br  *bufio.Reader
	pos int64 // where br reads next
}

func (a *atParts) read(i int, p Part, skip bool) ([]byte, error) {
	if skip {
		return nil, nil
	}
	if a.br == nil || a.pos != a.at[i] {
		sec := io.NewSectionReader(a.r, a.at[i], a.n-a.at[i])
		if a.br == nil {
			a.br = bufio.NewReaderSize(sec, 256<<10)
		} else {
			a.br.Reset(sec)
		}
		a.pos = a.at[i]
	}
	b := make([]byte, 8+p.Size)
	n, err := io.ReadFull(a.br, b)
	a.pos += int64(n)
	if err != nil {
		return nil, fmt.Errorf("%w: phần %d (%s): %v", ErrFormat, i+1, p.Name, err)
	}
	if got := binary.BigEndian.Uint64(b[:8]); got != uint64(p.Size) {
		return nil, fmt.Errorf("%w: phần %d (%s) dài %d byte, bảng kê ghi %d", ErrFormat, i+1, p.Name, got, p.Size)
	}
	return b[8:], checkPart(i, p, b[8:])
}

// end readies the next pass (there is nothing to check: Open compared
// the file's size with the manifest's).
func (a *atParts) end() {
	a.br, a.pos = nil, 0
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
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

// recordReader decodes the records parts of a bundle one after the
// other, counting the records of each kind.
type recordReader struct {
	n     int
	got   map[string]int // records per kind
	kinds map[string]tdkt.Kind
	yield func(Record) error
}

// add decodes the records of one part. A line as appendRecord writes it
// is taken apart by hand, its data checked as JSON once, where
// json.Decoder would go over it three times (a bundle's records are read
// once to check them and twice more to apply them); anything else goes
// through json.Decoder.
func (d *recordReader) add(data []byte) error {
	for pos := skipSpace(data, 0); pos < len(data); pos = skipSpace(data, pos) {
		r, n, ok := d.line(data[pos:])
		if !ok {
			dec := json.NewDecoder(bytes.NewReader(data[pos:]))
			if err := dec.Decode(&r); err != nil {
				return fmt.Errorf("%w: bản ghi thứ %d: %v", ErrFormat, d.n+1, err)
			}
			n = int(dec.InputOffset())
		}
		pos += n
		if !d.known(r.Kind) || r.ID == "" {
			return fmt.Errorf("%w: bản ghi thứ %d loại %q", ErrFormat, d.n+1, r.Kind)
		}
		d.n++
		d.got[string(r.Kind)]++
		if err := d.yield(r); err != nil {
			return err
		}
	}
	return nil
}

// known says whether records of kind k exist, without making one each
// time.
func (d *recordReader) known(k tdkt.Kind) bool {
	if _, ok := d.kinds[string(k)]; ok {
		return true
	}
	if tdkt.New(k) == nil {
		return false
	}
	if d.kinds == nil {
		d.kinds = map[string]tdkt.Kind{}
	}
	d.kinds[string(k)] = k
	return true
}

// line reads the record b begins with when it is a line exactly as
// appendRecord writes it — {"kind":"K","id":"I","data":X} and a newline,
// K and I plain ASCII, X valid JSON — and says how many bytes it took.
// Such a line is read as json.Decoder would read it: a raw newline can
// only stand between the tokens of X, and X cut there and checked as
// valid would leave a "}" the real value could not be followed by.
func (d *recordReader) line(b []byte) (Record, int, bool) {
	var r Record
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		end = len(b)
	}
	l := b[:end]
	rest, ok := bytes.CutPrefix(l, []byte(`{"kind":"`))
	if !ok {
		return r, 0, false
	}
	kind, rest, ok := plainString(rest)
	if !ok {
		return r, 0, false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"id":"`)); !ok {
		return r, 0, false
	}
	id, rest, ok := plainString(rest)
	if !ok {
		return r, 0, false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"data":`)); !ok {
		return r, 0, false
	}
	x, ok := bytes.CutSuffix(rest, []byte("}"))
	if !ok || !json.Valid(x) {
		return r, 0, false
	}
	if k, ok := d.kinds[string(kind)]; ok {
		r.Kind = k
	} else {
		r.Kind = tdkt.Kind(kind)
	}
	r.ID = string(id)
	// a slice of the part, not a copy: a received record is kept as the
	// bytes received, and copying them was a fifth of what reading a
	// bundle allocated; the part lives as long as its records do
	r.Data = json.RawMessage(bytes.TrimSpace(x))
	return r, end, true
}

// plainString reads a JSON string's body up to its closing quote when it
// needs no unescaping: printable ASCII without a backslash.
func plainString(b []byte) (s, rest []byte, ok bool) {
	for i, c := range b {
		switch {
		case c == '"':
			return b[:i], b[i+1:], true
		case c < 0x20 || c > 0x7e || c == '\\':
			return nil, nil, false
		}
	}
	return nil, nil, false
}

// skipSpace is the first position from pos on that is not JSON
// whitespace.
func skipSpace(b []byte, pos int) int {
	for pos < len(b) && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\t' || b[pos] == '\r') {
		pos++
	}
	return pos
}

// finish checks the records read against the manifest's counts.
func (d *recordReader) finish(counts map[string]int) error {
	for k, n := range counts {
		if d.got[k] != n {
			return fmt.Errorf("%w: bảng kê ghi %d %s, gói có %d", ErrFormat, n, k, d.got[k])
		}
	}
	if len(d.got) != len(counts) {
		return fmt.Errorf("%w: số lượng bản ghi không khớp bảng kê", ErrFormat)
	}
	return nil
}
