package bundle

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"filippo.io/age"

	"tdkt"
)

type offices struct {
	prov, com *Identity
	revoked   map[string]bool
}

func newOffices(t testing.TB) *offices {
	t.Helper()
	p, err := NewIdentity("SL", "Sở Nội vụ tỉnh Sơn Lâm", tdkt.LevelProvince)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewIdentity("SL-X001", "UBND xã Nậm Xé", tdkt.LevelCommune)
	if err != nil {
		t.Fatal(err)
	}
	return &offices{prov: p, com: c, revoked: map[string]bool{}}
}

func (o *offices) trust(code string) (Key, error) {
	if o.revoked[code] {
		return Key{}, errors.New("thu hồi")
	}
	for _, id := range []*Identity{o.prov, o.com} {
		if id.Code == code {
			return id.Key, nil
		}
	}
	return Key{}, errors.New("không biết")
}

func sample() *Bundle {
	return &Bundle{
		Manifest: Manifest{Seq: 3, Prev: "ab", Since: 10, Upto: 42, Ack: 7},
		Records: []Record{
			{Kind: tdkt.KindDossier, ID: "SL-X001-D0000001", Data: json.RawMessage(`{"id":"SL-X001-D0000001","title":"Đề nghị khen thưởng – Nguyễn Thị Ước"}`)},
			{Kind: tdkt.KindPerson, ID: "SL-X001-P0000001", Data: json.RawMessage(`{"id":"SL-X001-P0000001","name":"Giàng A Páo"}`)},
		},
		Blobs: map[string][]byte{},
	}
}

func withBlob(b *Bundle) *Bundle {
	blob := []byte("%PDF-1.4 bản quét tờ trình")
	b.Blobs[part("", blob).SHA256] = blob
	return b
}

func TestRoundTripWithKeyAndPassphrase(t *testing.T) {
	o := newOffices(t)
	for _, pw := range []string{"", "mật khẩu gói dài"} {
		var buf bytes.Buffer
		hash, err := Write(&buf, withBlob(sample()), o.com, o.prov.Key, pw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Read(bytes.NewReader(buf.Bytes()), o.prov, pw, o.trust)
		if err != nil {
			t.Fatalf("read (passphrase %q): %v", pw, err)
		}
		if got.Hash != hash || got.Manifest.From != "SL-X001" || got.Manifest.To != "SL" || got.Manifest.Seq != 3 ||
			got.Manifest.Upto != 42 || got.Manifest.Ack != 7 || len(got.Records) != 2 || len(got.Blobs) != 1 {
			t.Fatalf("got %+v", got.Manifest)
		}
		if string(got.Records[1].Data) != `{"id":"SL-X001-P0000001","name":"Giàng A Páo"}` {
			t.Errorf("record bytes changed: %s", got.Records[1].Data)
		}
		if got.Manifest.Counts["dossier"] != 1 || got.Manifest.Counts["person"] != 1 {
			t.Errorf("counts %v", got.Manifest.Counts)
		}
	}
}

func TestRefusals(t *testing.T) {
	o := newOffices(t)
	var buf bytes.Buffer
	if _, err := Write(&buf, sample(), o.com, o.prov.Key, ""); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	// a bundle for the province read by another commune's key
	other, _ := NewIdentity("SL-X002", "UBND xã Tả Phìn", tdkt.LevelCommune)
	if _, err := Read(bytes.NewReader(good), other, "", o.trust); !errors.Is(err, ErrDecrypt) {
		t.Errorf("wrong key: %v", err)
	}
	if _, err := Read(bytes.NewReader(good), o.prov, "sai mật khẩu", o.trust); !errors.Is(err, ErrDecrypt) {
		t.Errorf("wrong passphrase: %v", err)
	}
	// not a bundle, or a damaged one: a format error in words of our own
	// (age's quote the file's bytes), never "wrong key", which would make
	// the window ask for a passphrase
	junk := make([]byte, 5000)
	for i := range junk {
		junk[i] = byte(i*7919 + i>>3)
	}
	damaged := bytes.Clone(good)
	damaged[len(damaged)-20] ^= 1
	for name, b := range map[string][]byte{"empty": nil, "junk": junk, "cut": good[:len(good)/2],
		"header only": good[:200], "damaged": damaged} {
		_, err := Read(bytes.NewReader(b), o.prov, "", o.trust)
		if !errors.Is(err, ErrFormat) || errors.Is(err, ErrDecrypt) || strings.ContainsAny(err.Error(), "\\\x00") {
			t.Errorf("%s: %v", name, err)
		}
	}
	o.revoked["SL-X001"] = true
	if _, err := Read(bytes.NewReader(good), o.prov, "", o.trust); !errors.Is(err, ErrTrust) {
		t.Errorf("revoked sender: %v", err)
	}
	o.revoked = map[string]bool{}
	if _, err := Read(bytes.NewReader(good), o.prov, "", func(string) (Key, error) { return other.Key, nil }); !errors.Is(err, ErrSignature) {
		t.Errorf("signature under another key: %v", err)
	}
	// truncation and appended bytes break the authenticated encryption
	for _, bad := range [][]byte{good[:len(good)/2], good[:len(good)-1], append(append([]byte{}, good...), 'x')} {
		if _, err := Read(bytes.NewReader(bad), o.prov, "", o.trust); err == nil {
			t.Errorf("damaged (len %d of %d) accepted", len(bad), len(good))
		}
	}
	// flipped bytes at many offsets
	for off := 0; off < len(good); off += 1 + len(good)/97 {
		bad := append([]byte{}, good...)
		bad[off] ^= 0x41
		if _, err := Read(bytes.NewReader(bad), o.prov, "", o.trust); err == nil {
			t.Fatalf("flipped byte at %d accepted", off)
		}
	}
}

// plain builds a decrypted bundle by hand so that tests can damage what
// the encryption would otherwise protect, signed by from.
func plain(from *Identity, m Manifest, parts [][]byte, resign bool) []byte {
	mb, _ := json.Marshal(m)
	sig := ed25519.Sign(ed25519.PrivateKey(from.SignPriv), mb)
	if !resign {
		sig[0] ^= 1
	}
	var b bytes.Buffer
	b.WriteString(magic)
	for _, c := range append([][]byte{mb, sig}, parts...) {
		writeChunk(&b, c)
	}
	return b.Bytes()
}

func decryptSample(t *testing.T, o *offices, b *Bundle) (Manifest, [][]byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(&buf, b, o.com, o.prov.Key, ""); err != nil {
		t.Fatal(err)
	}
	id, _ := age.ParseX25519Identity(o.prov.AgePriv)
	dr, err := age.Decrypt(&buf, id)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := io.ReadAll(dr)
	r := bytes.NewReader(all[len(magic):])
	mb, _ := readChunk(r, maxManifest)
	readChunk(r, 64)
	var m Manifest
	json.Unmarshal(mb, &m)
	var parts [][]byte
	for range m.Parts {
		p, _ := readChunk(r, maxPart)
		parts = append(parts, p)
	}
	return m, parts
}

func TestPlaintextChecks(t *testing.T) {
	o := newOffices(t)
	blob2 := []byte("ảnh chụp bằng khen")
	b := withBlob(sample())
	b.Blobs[part("", blob2).SHA256] = blob2
	m, parts := decryptSample(t, o, b)
	// the decrypted bytes as Open reads them, and the same sealed again
	// and opened through the encryption
	read := func(p []byte) error {
		_, err := readPlain(bytes.NewReader(p), o.prov, o.trust)
		sealed := seal(t, o.prov, p)
		r, err2 := Open(bytes.NewReader(sealed), int64(len(sealed)), o.prov, "", o.trust)
		if err2 == nil {
			_, err2 = r.ReadAll()
		}
		if (err == nil) != (err2 == nil) {
			t.Errorf("plain and sealed disagree: %v, %v", err, err2)
		}
		return err
	}
	if err := read(plain(o.com, m, parts, true)); err != nil {
		t.Fatalf("rebuilt bundle refused: %v", err)
	}
	swapped := [][]byte{parts[0], parts[2], parts[1]}
	// a record changed in place, the sizes all as listed: only the part's
	// hash tells
	changed := bytes.Clone(parts[0])
	changed[len(changed)/2] ^= 1
	v2 := m
	v2.Format = 2
	toOther := m
	toOther.To = "SL-X002"
	badCount := m
	badCount.Counts = map[string]int{"dossier": 5, "person": 1}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"swapped parts", plain(o.com, m, swapped, true), ErrFormat}, // their lengths differ from the list's
		{"a record changed in place", plain(o.com, m, [][]byte{changed, parts[1], parts[2]}, true), ErrHash},
		{"bad signature", plain(o.com, m, parts, false), ErrSignature},
		{"unknown format version", plain(o.com, v2, parts, true), ErrVersion},
		{"counts do not match", plain(o.com, badCount, parts, true), ErrFormat},
		{"missing part", plain(o.com, m, parts[:2], true), ErrFormat},
		{"extra bytes", append(plain(o.com, m, parts, true), 0, 0, 0, 0, 0, 0, 0, 1, 9), ErrFormat},
		{"no magic", []byte("hello"), ErrFormat},
	}
	for _, tt := range tests {
		if err := read(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := read(plain(o.com, toOther, parts, true)); err == nil || !strings.Contains(err.Error(), "SL-X002") {
		t.Errorf("bundle for another office: %v", err)
	}
}

// seal encrypts a plaintext made by hand for to, as Write would.
func seal(t testing.TB, to *Identity, p []byte) []byte {
	t.Helper()
	rcp, err := age.ParseX25519Recipient(to.Age)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, rcp)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(p)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyParts is a bundle of several records parts and attachments.
func manyParts(t *testing.T) *Bundle {
	t.Helper()
	b := withBlob(sample())
	for i := range 40 {
		id := fmt.Sprintf("SL-X001-P%07d", i+10)
		b.Records = append(b.Records, Record{Kind: tdkt.KindPerson, ID: id, Data: json.RawMessage(`{"id":"` + id + `","name":"Lò Thị Ửng"}`)})
		if i%10 == 0 {
			blob := []byte(fmt.Sprintf("bản quét số %d", i))
			b.Blobs[part("", blob).SHA256] = blob
		}
	}
	return b
}

func TestOpenGoesOverPartsAgain(t *testing.T) {
	o := newOffices(t)
	defer func(n int) { recordsPart = n }(recordsPart)
	recordsPart = 300
	for _, pw := range []string{"", "mật khẩu gói dài"} {
		var buf bytes.Buffer
		hash, err := Write(&buf, manyParts(t), o.com, o.prov.Key, pw)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Read(bytes.NewReader(buf.Bytes()), o.prov, pw, o.trust)
		if err != nil {
			t.Fatal(err)
		}
		f := bytes.NewReader(buf.Bytes())
		r, err := Open(f, f.Size(), o.prov, pw, o.trust)
		if err != nil {
			t.Fatal(err)
		}
		if r.Hash != hash || r.Records() != 42 || r.BlobBytes() == 0 {
			t.Fatalf("hash %s records %d blob bytes %d", r.Hash, r.Records(), r.BlobBytes())
		}
		for pass := range 2 {
			got, err := r.ReadAll()
			if err != nil {
				t.Fatalf("pass %d: %v", pass, err)
			}
			if fmt.Sprint(got.Records) != fmt.Sprint(want.Records) || fmt.Sprint(got.Blobs) != fmt.Sprint(want.Blobs) {
				t.Fatalf("pass %d read otherwise than Read", pass)
			}
		}
		var recs, blobs int
		if err := r.Each(nil, func(string, []byte) error { blobs++; return nil }); err != nil || blobs != len(want.Blobs) {
			t.Fatalf("attachments only: %d, %v", blobs, err)
		}
		if err := r.Each(func(Record) error { recs++; return nil }, nil); err != nil || recs != 42 {
			t.Fatalf("records only: %d, %v", recs, err)
		}
		stop := errors.New("stop")
		if err := r.Each(func(Record) error { return stop }, nil); err != stop {
			t.Fatalf("a callback's error: %v", err)
		}
	}
}

// A file damaged anywhere is refused by a full pass of Open's reader; a
// pass that skips a part does not read it, so cannot see its damage.
func TestOpenRefusesDamage(t *testing.T) {
	o := newOffices(t)
	defer func(n int) { recordsPart = n }(recordsPart)
	recordsPart = 300
	var buf bytes.Buffer
	if _, err := Write(&buf, manyParts(t), o.com, o.prov.Key, ""); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	full := func(b []byte) error {
		r, err := Open(bytes.NewReader(b), int64(len(b)), o.prov, "", o.trust)
		if err != nil {
			return err
		}
		return r.Each(func(Record) error { return nil }, func(string, []byte) error { return nil })
	}
	if err := full(good); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{good[:len(good)/2], good[:len(good)-1], append(append([]byte{}, good...), 'x')} {
		if err := full(bad); err == nil {
			t.Errorf("damaged (len %d of %d) accepted", len(bad), len(good))
		}
	}
	for off := 0; off < len(good); off += 1 + len(good)/197 {
		bad := append([]byte{}, good...)
		bad[off] ^= 0x41
		if err := full(bad); err == nil {
			t.Fatalf("flipped byte at %d accepted", off)
		}
	}
}

func TestKeyFile(t *testing.T) {
	o := newOffices(t)
	b, _ := json.Marshal(o.com.Key)
	k, err := ParseKey(b)
	if err != nil || k.Fingerprint() != o.com.Fingerprint() || len(strings.Fields(k.Fingerprint())) != 8 {
		t.Fatalf("%v %q", err, k.Fingerprint())
	}
	if strings.Contains(string(b), o.com.AgePriv) {
		t.Fatal("key file holds the private key")
	}
	for _, bad := range []string{`{}`, `nope`, `{"code":"X","sign":"AAAA","age":"age1"}`} {
		if _, err := ParseKey([]byte(bad)); err == nil {
			t.Errorf("accepted key %s", bad)
		}
	}
	if Name("SL-X001", "SL", 7) != "SL-X001_SL_000007.tdkt" {
		t.Error(Name("SL-X001", "SL", 7))
	}
}

// FuzzReadPlain feeds arbitrary decrypted bytes to the bundle parser: it
// must never panic, and whatever it accepts must be consistent with its
// manifest.
func FuzzReadPlain(f *testing.F) {
	o := newOffices(f)
	var buf bytes.Buffer
	Write(&buf, withBlob(sample()), o.com, o.prov.Key, "")
	id, _ := age.ParseX25519Identity(o.prov.AgePriv)
	dr, _ := age.Decrypt(&buf, id)
	seed, _ := io.ReadAll(dr)
	f.Add(seed)
	f.Add([]byte(magic))
	f.Add([]byte(magic + "\x00\x00\x00\x00\x00\x00\x00\x02{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := readPlain(bytes.NewReader(data), o.prov, o.trust)
		if err != nil {
			return
		}
		if len(b.Records) == 0 && len(b.Manifest.Counts) != 0 {
			t.Fatal("accepted counts without records")
		}
		if len(b.Blobs) != len(b.Manifest.Parts)-1 {
			t.Fatal(fmt.Sprint("blobs and parts disagree: ", len(b.Blobs), len(b.Manifest.Parts)))
		}
	})
}

func TestRecordsSplitIntoParts(t *testing.T) {
	o := newOffices(t)
	defer func(n int) { recordsPart = n }(recordsPart)
	recordsPart = 300
	b := withBlob(sample())
	for i := 0; i < 40; i++ {
		id := fmt.Sprintf("SL-X001-P%07d", i+10)
		b.Records = append(b.Records, Record{Kind: tdkt.KindPerson, ID: id, Data: json.RawMessage(`{"id":"` + id + `","name":"Lò Thị Ửng"}`)})
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, b, o.com, o.prov.Key, ""); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf, o.prov, "", o.trust)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range got.Manifest.Parts {
		if p.Name == "records" {
			n++
		}
	}
	if n < 5 || len(got.Records) != 42 || len(got.Blobs) != 1 || got.Records[41].ID != "SL-X001-P0000049" {
		t.Fatalf("%d record parts, %d records, %d blobs", n, len(got.Records), len(got.Blobs))
	}
}

// FuzzRecordLines checks the hand-read lines of a records part against
// json.Decoder: the same records, or both refusing.
func FuzzRecordLines(f *testing.F) {
	var seed []byte
	for _, r := range manyPartsRecords() {
		seed = appendRecord(seed, r)
	}
	f.Add(seed)
	f.Add([]byte(`{"kind":"person","id":"P1","data":{"a":[1,
2]}}
{"id":"P2","kind":"person","data":{}}` + "\n" + `{"kind":"person","id":"P\u0033","data":"x"}` + "\n"))
	f.Add([]byte(`{"kind":"person","id":"P1","data":{}}}` + "\n"))
	f.Add([]byte(`{"kind":"person","id":"P1","data": {} }` + "\n  " + `{"kind":"award","id":"A\\1","data":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []Record
		d := recordReader{got: map[string]int{}, yield: func(r Record) error { got = append(got, r); return nil }}
		err := d.add(data)
		var want []Record
		var werr error
		dec := json.NewDecoder(bytes.NewReader(data))
		for pos := skipSpace(data, 0); pos < len(data); pos = skipSpace(data, int(dec.InputOffset())) {
			var r Record
			if werr = dec.Decode(&r); werr != nil {
				break
			}
			if tdkt.New(r.Kind) == nil || r.ID == "" {
				werr = errors.New("kind")
				break
			}
			want = append(want, r)
		}
		if (err == nil) != (werr == nil) {
			t.Fatalf("by hand %v, json.Decoder %v", err, werr)
		}
		if err == nil && fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Fatalf("by hand %q\njson.Decoder %q", got, want)
		}
	})
}

func manyPartsRecords() []Record {
	var recs []Record
	for i := range 5 {
		id := fmt.Sprintf("SL-X001-P%07d", i)
		recs = append(recs, Record{Kind: tdkt.KindPerson, ID: id, Data: json.RawMessage(`{"id":"` + id + `","name":"Lò Thị \u1eec\"ng\n"}`)})
	}
	return recs
}

// TestLinesReadByHand: what the writer writes takes the hand-read path
// (else FuzzRecordLines would compare json.Decoder with itself).
func TestLinesReadByHand(t *testing.T) {
	d := recordReader{}
	for _, r := range append(manyPartsRecords(), sample().Records...) {
		line := appendRecord(nil, r)
		got, n, ok := d.line(line)
		if !ok || n != len(line)-1 || got.Kind != r.Kind || got.ID != r.ID || !bytes.Equal(got.Data, r.Data) {
			t.Errorf("%s: %v %d %+v", line, ok, n, got)
		}
	}
}

// BenchmarkRead reads a bundle of 10,000 records and 5,000 scans of 3–6
// kB (about what the import benchmark carries) whole, into memory first
// (Read) and from its file (Open, ReadAll), and checks it in the passes
// an import in parts makes (records, attachments, each kind of record).
func BenchmarkRead(b *testing.B) {
	o := newOffices(b)
	bd := sample()
	bd.Records = nil
	for i := range 10000 {
		id := fmt.Sprintf("SL-X001-D%07d", i)
		bd.Records = append(bd.Records, Record{Kind: tdkt.KindDossier, ID: id,
			Data: json.RawMessage(`{"id":"` + id + `","title":"Đề nghị công nhận danh hiệu thi đua năm 2026","candidates":[{"name":"Lò Văn Pấng","award":"LDTT"}]}`)})
	}
	for i := range 5000 {
		blob := bytes.Repeat([]byte(fmt.Sprintf("%%PDF-1.4 %d ", i)), 300+i%300)
		bd.Blobs[part("", blob).SHA256] = blob
	}
	path := b.TempDir() + "/g.tdkt"
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Write(f, bd, o.com, o.prov.Key, ""); err != nil {
		b.Fatal(err)
	}
	f.Close()
	open := func(b *testing.B) (*os.File, int64) {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, _ := f.Stat()
		return f, st.Size()
	}
	b.Run("memory", func(b *testing.B) {
		for range b.N {
			f, _ := open(b)
			if _, err := Read(f, o.prov, "", o.trust); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
	b.Run("file", func(b *testing.B) {
		for range b.N {
			f, n := open(b)
			r, err := Open(f, n, o.prov, "", o.trust)
			if err == nil {
				_, err = r.ReadAll()
			}
			if err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
	b.Run("passes", func(b *testing.B) {
		recs := func(Record) error { return nil }
		blobs := func(string, []byte) error { return nil }
		for range b.N {
			f, n := open(b)
			r, err := Open(f, n, o.prov, "", o.trust)
			if err != nil {
				b.Fatal(err)
			}
			for _, pass := range [][2]bool{{true, true}, {false, true}, {true, false}, {true, false}} {
				rf, bf := recs, blobs
				if !pass[0] {
					rf = nil
				}
				if !pass[1] {
					bf = nil
				}
				if err := r.Each(rf, bf); err != nil {
					b.Fatal(err)
				}
			}
			f.Close()
		}
	})
}

// readPlain opens the decrypted bytes of a bundle as Open does after
// decrypting, and reads them whole.
func readPlain(r *bytes.Reader, me *Identity, trust Trust) (*Bundle, error) {
	rd, err := openAt(r, r.Size(), me, trust)
	if err != nil {
		return nil, err
	}
	return rd.ReadAll()
}
