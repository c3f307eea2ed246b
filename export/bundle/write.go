package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"slices"

	"filippo.io/age"

	"tdkt"
)

// Source is what WriteFrom makes a bundle of.
//
// The manifest, which lists every part's size and SHA-256 and is signed,
// comes first in the file, and the file is encrypted as one stream that
// cannot be gone back over. So WriteFrom reads the source twice: once to
// measure and hash the parts, once to write them. It holds one record or
// attachment at a time, never the bundle: a province's first bundle to a
// commune is hundreds of megabytes and offices run PCs with 2–4 GB.
//
// Both passes must yield the same records and attachments in the same
// order (a read transaction over the store does); WriteFrom checks the
// second against the first and fails rather than write a bundle whose
// manifest does not match it.
type Source interface {
	// Records yields the records in the order they are to be applied. A
	// record's Data need only stay valid during the call to yield.
	Records(yield func(Record) error) error
	// Blobs yields the attachments, each once, in increasing order of
	// their SHA-256 (lowercase hex). data need only stay valid during the
	// call to yield.
	Blobs(yield func(sum string, data []byte) error) error
}

// errChanged says that the second pass over a Source differed from the
// first; the half-written bundle must be thrown away.
var errChanged = errors.New("dữ liệu thay đổi trong khi ghi gói (không khớp bảng kê): gói bị hủy, hãy xuất lại")

// Write encodes, signs and encrypts b for the receiver (its age key) or, when
// passphrase is not empty, for the passphrase. It returns the bundle hash.
func Write(w io.Writer, b *Bundle, from *Identity, to Key, passphrase string) (string, error) {
	return WriteFrom(w, b.Manifest, memSource{b}, from, to, passphrase)
}

// memSource is a Source over a bundle held in memory.
type memSource struct{ b *Bundle }

func (s memSource) Records(yield func(Record) error) error {
	for _, r := range s.b.Records {
		if err := yield(r); err != nil {
			return err
		}
	}
	return nil
}

func (s memSource) Blobs(yield func(string, []byte) error) error {
	for _, sum := range slices.Sorted(maps.Keys(s.b.Blobs)) {
		if err := yield(sum, s.b.Blobs[sum]); err != nil {
			return err
		}
	}
	return nil
}

// WriteFrom encodes, signs and encrypts the bundle made of m (its sequence,
// positions and acknowledgement; the rest is filled in) and src for the
// receiver (its age key) or, when passphrase is not empty, for the
// passphrase. It returns the bundle hash. On error, what was written to w
// is not a bundle and must be discarded.
func WriteFrom(w io.Writer, m Manifest, src Source, from *Identity, to Key, passphrase string) (string, error) {
	rcp, err := recipient(to, passphrase)
	if err != nil {
		return "", err
	}
	parts, counts, err := plan(src)
	if err != nil {
		return "", err
	}
	if len(parts) > maxParts {
		return "", fmt.Errorf("gói có %d phần, vượt giới hạn %d: hãy đồng bộ thường xuyên hơn", len(parts), maxParts)
	}
	m.Format, m.From, m.To, m.Counts, m.Parts = Format, from.Code, to.Code, counts, parts
	mb, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("mã hóa bảng kê gói: %w", err)
	}
	if len(mb) > maxManifest {
		return "", fmt.Errorf("bảng kê gói quá lớn (%d byte)", len(mb))
	}
	sig := ed25519.Sign(ed25519.PrivateKey(from.SignPriv), mb)
	ew, err := age.Encrypt(w, rcp)
	if err != nil {
		return "", fmt.Errorf("mã hóa gói: %w", err)
	}
	if _, err := io.WriteString(ew, magic); err != nil {
		return "", err
	}
	for _, chunk := range [][]byte{mb, sig} {
		if err := writeChunk(ew, chunk); err != nil {
			return "", err
		}
	}
	if err := writeParts(ew, src, parts); err != nil {
		return "", err
	}
	if err := ew.Close(); err != nil {
		return "", fmt.Errorf("mã hóa gói: %w", err)
	}
	h := sha256.Sum256(mb)
	return hex.EncodeToString(h[:]), nil
}

// recipient is whom the bundle is encrypted for.
func recipient(to Key, passphrase string) (age.Recipient, error) {
	if passphrase != "" {
		sr, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return nil, fmt.Errorf("mật khẩu gói: %w", err)
		}
		return sr, nil
	}
	xr, err := age.ParseX25519Recipient(to.Age)
	if err != nil {
		return nil, fmt.Errorf("khóa mã hóa của %s: %w", to.Code, err)
	}
	return xr, nil
}

// plan is the first pass: it encodes the records into parts of about
// recordsPart bytes, hashing them and throwing the bytes away, and lists
// the attachments. It checks all that Read would refuse, so that a bundle
// is refused before a byte of it is written.
func plan(src Source) ([]Part, map[string]int, error) {
	var parts []Part
	counts := map[string]int{}
	h := sha256.New()
	var size int64
	endPart := func() error {
		if size > maxPart {
			return fmt.Errorf("một phần bản ghi của gói quá lớn (%d byte)", size)
		}
		parts = append(parts, Part{Name: "records", SHA256: hex.EncodeToString(h.Sum(nil)), Size: size})
		h.Reset()
		size = 0
		return nil
	}
	var line []byte
	known := map[tdkt.Kind]bool{} // what Read accepts, without a record made for each
	err := src.Records(func(r Record) error {
		ok, met := known[r.Kind]
		if !met {
			ok = tdkt.New(r.Kind) != nil
			known[r.Kind] = ok
		}
		if !ok || r.ID == "" {
			return fmt.Errorf("bản ghi %q loại %q không gửi được", r.ID, r.Kind)
		}
		// The data goes into the line as it is, so it must be exactly
		// one JSON value: anything else would not read back, or could
		// spill into the fields around it.
		if !json.Valid(r.Data) {
			return fmt.Errorf("bản ghi %s %s không phải JSON hợp lệ", r.Kind, r.ID)
		}
		line = appendRecord(line[:0], r)
		h.Write(line)
		size += int64(len(line))
		counts[string(r.Kind)]++
		if size >= int64(recordsPart) {
			return endPart()
		}
		return nil
	})
	if err == nil && (size > 0 || len(parts) == 0) {
		err = endPart() // the last part, or the one empty part of a bundle without records
	}
	if err != nil {
		return nil, nil, fmt.Errorf("lập bảng kê gói: %w", err)
	}
	prev := ""
	err = src.Blobs(func(sum string, data []byte) error {
		if !isSum(sum) || sum <= prev {
			return fmt.Errorf("tệp đính kèm %q: mã băm sai dạng hoặc không theo thứ tự", sum)
		}
		prev = sum
		if len(data) > maxPart {
			return fmt.Errorf("tệp đính kèm %s quá lớn cho một gói (%d byte)", sum, len(data))
		}
		// the hash is the attachment's name; writeParts checks the bytes
		parts = append(parts, Part{Name: "blob:" + sum, SHA256: sum, Size: int64(len(data))})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("lập bảng kê gói: %w", err)
	}
	return parts, counts, nil
}

// isSum says whether s is a SHA-256 in lowercase hex, as attachments are
// named.
func isSum(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// appendRecord appends r as a line of a records part: what json.Encoder
// writes for a Record, built by hand. Data goes in as it is, with no
// second scan to compact it: the store keeps what json.Marshal wrote (or
// a bundle carried, written the same way), which is already compact and
// escaped as the encoder would make it, so the line is byte for byte the
// encoder's. Other valid JSON reads back the same, with its spacing kept.
func appendRecord(b []byte, r Record) []byte {
	b = append(b, `{"kind":`...)
	b = appendString(b, string(r.Kind))
	b = append(b, `,"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"data":`...)
	b = append(b, r.Data...)
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string as encoding/json writes it:
// quoted as is when it needs no escape (kinds and ids always), else
// through encoding/json.
func appendString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// writeParts is the second pass: it writes the parts that plan listed,
// from the source again, and checks each against its size and hash.
func writeParts(w io.Writer, src Source, parts []Part) error {
	pw := &partWriter{w: w, parts: parts, h: sha256.New()}
	var line []byte
	err := src.Records(func(r Record) error {
		line = appendRecord(line[:0], r)
		return pw.record(line)
	})
	if err == nil {
		err = pw.endRecords()
	}
	if err == nil {
		err = src.Blobs(pw.blob)
	}
	if err == nil && pw.i != len(parts) {
		err = errChanged
	}
	if err != nil {
		return fmt.Errorf("ghi gói: %w", err)
	}
	return nil
}

// partWriter writes parts as plan listed them: the length of each before
// it, then its bytes, hashed on the way.
type partWriter struct {
	w     io.Writer
	parts []Part
	i     int   // the part being written
	n     int64 // bytes of it written so far
	h     hash.Hash
}

// begin writes the length that opens part i.
func (p *partWriter) begin() error {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(p.parts[p.i].Size))
	_, err := p.w.Write(n[:])
	return err
}

// end closes part i once its bytes are all written.
func (p *partWriter) end() error {
	if hex.EncodeToString(p.h.Sum(nil)) != p.parts[p.i].SHA256 {
		return errChanged
	}
	p.i, p.n = p.i+1, 0
	p.h.Reset()
	return nil
}

func (p *partWriter) record(line []byte) error {
	if p.i >= len(p.parts) || p.parts[p.i].Name != "records" || p.n+int64(len(line)) > p.parts[p.i].Size {
		return errChanged
	}
	if p.n == 0 {
		if err := p.begin(); err != nil {
			return err
		}
	}
	if _, err := p.w.Write(line); err != nil {
		return err
	}
	p.h.Write(line)
	p.n += int64(len(line))
	if p.n == p.parts[p.i].Size {
		return p.end()
	}
	return nil
}

// endRecords writes the empty records part of a bundle without records
// and checks that no records part is left unfinished.
func (p *partWriter) endRecords() error {
	if p.i == 0 && len(p.parts) > 0 && p.parts[0].Size == 0 {
		if err := p.begin(); err != nil {
			return err
		}
		if err := p.end(); err != nil {
			return err
		}
	}
	if p.n != 0 || (p.i < len(p.parts) && p.parts[p.i].Name == "records") {
		return errChanged
	}
	return nil
}

func (p *partWriter) blob(sum string, data []byte) error {
	if p.i >= len(p.parts) || p.parts[p.i].Name != "blob:"+sum || p.parts[p.i].Size != int64(len(data)) {
		return errChanged
	}
	if err := p.begin(); err != nil {
		return err
	}
	if _, err := p.w.Write(data); err != nil {
		return err
	}
	p.h.Write(data)
	if hex.EncodeToString(p.h.Sum(nil)) != sum {
		// stored under a hash its bytes do not have: damaged on disk
		return fmt.Errorf("tệp đính kèm %s không khớp mã băm (dữ liệu hỏng)", sum)
	}
	p.i++
	p.h.Reset()
	return nil
}
