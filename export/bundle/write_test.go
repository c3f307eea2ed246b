package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"testing"

	"filippo.io/age"

	"tdkt"
)

// legacyParts is how Write built a bundle's parts before it streamed: every
// record through json.Encoder into parts held in memory, then the
// attachments in order of their hash. It is the reference the streaming
// writer must reproduce byte for byte.
func legacyParts(b *Bundle, from *Identity, to Key) (Manifest, [][]byte) {
	var parts [][]byte
	cur := &bytes.Buffer{}
	enc := json.NewEncoder(cur)
	counts := map[string]int{}
	for _, r := range b.Records {
		enc.Encode(r)
		counts[string(r.Kind)]++
		if cur.Len() >= recordsPart {
			parts = append(parts, cur.Bytes())
			cur = &bytes.Buffer{}
			enc = json.NewEncoder(cur)
		}
	}
	if cur.Len() > 0 || len(parts) == 0 {
		parts = append(parts, cur.Bytes())
	}
	m := b.Manifest
	m.Format, m.From, m.To, m.Counts = Format, from.Code, to.Code, counts
	for _, p := range parts {
		m.Parts = append(m.Parts, part("records", p))
	}
	var sums []string
	for s := range b.Blobs {
		sums = append(sums, s)
	}
	sort.Strings(sums)
	for _, s := range sums {
		m.Parts = append(m.Parts, part("blob:"+s, b.Blobs[s]))
		parts = append(parts, b.Blobs[s])
	}
	return m, parts
}

func decrypt(t *testing.T, id *Identity, enc []byte) []byte {
	t.Helper()
	x, err := age.ParseX25519Identity(id.AgePriv)
	if err != nil {
		t.Fatal(err)
	}
	dr, err := age.Decrypt(bytes.NewReader(enc), x)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(dr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// many is a bundle of n records of every shape the store holds (escapes,
// non-ASCII text, HTML characters escaped as json.Marshal does) and three
// attachments.
func many(t testing.TB, n int) *Bundle {
	t.Helper()
	b := sample()
	for i := range n {
		id := fmt.Sprintf("SL-X001-P%07d", i+10)
		data, err := json.Marshal(map[string]any{"id": id, "name": "Lò Thị Ửng <Tổ 3> & \"Bản\" \\ Mường",
			"note": strings.Repeat("ghi chú\n", i%7), "n": i})
		if err != nil {
			t.Fatal(err)
		}
		b.Records = append(b.Records, Record{Kind: tdkt.KindPerson, ID: id, Data: data})
	}
	// an id that needs escaping, as no store id does
	b.Records = append(b.Records, Record{Kind: tdkt.KindUnit, ID: "Tổ <3> & \"Bản\"\t", Data: json.RawMessage(`{"id":"x"}`)})
	for i := range 3 {
		blob := []byte(fmt.Sprintf("%%PDF-1.4 bản quét số %d", i))
		b.Blobs[part("", blob).SHA256] = blob
	}
	return b
}

func TestWriteMatchesInMemoryWriter(t *testing.T) {
	o := newOffices(t)
	defer func(n int) { recordsPart = n }(recordsPart)
	for _, size := range []int{1 << 20, 700} {
		recordsPart = size
		for _, b := range []*Bundle{many(t, 200), {Manifest: Manifest{Seq: 1}, Blobs: map[string][]byte{}}, withBlob(&Bundle{Blobs: map[string][]byte{}})} {
			var buf bytes.Buffer
			hash, err := Write(&buf, b, o.com, o.prov.Key, "")
			if err != nil {
				t.Fatal(err)
			}
			m, parts := legacyParts(b, o.com, o.prov.Key)
			if got, want := decrypt(t, o.prov, buf.Bytes()), plain(o.com, m, parts, true); !bytes.Equal(got, want) {
				t.Fatalf("part size %d, %d records: the plaintext differs from the in-memory writer's (%d bytes, want %d)",
					size, len(b.Records), len(got), len(want))
			}
			if size == 700 && len(b.Records) > 100 && len(m.Parts) < 10 {
				t.Fatalf("only %d parts: the test should split the records", len(m.Parts))
			}
			got, err := Read(&buf, o.prov, "", o.trust)
			if err != nil {
				t.Fatal(err)
			}
			if got.Hash != hash || !reflect.DeepEqual(got.Manifest, m) {
				t.Fatalf("manifest %+v, want %+v", got.Manifest, m)
			}
			if len(got.Records) != len(b.Records) || len(got.Blobs) != len(b.Blobs) {
				t.Fatalf("%d records, %d blobs; want %d, %d", len(got.Records), len(got.Blobs), len(b.Records), len(b.Blobs))
			}
			for i, r := range b.Records {
				g := got.Records[i]
				if g.Kind != r.Kind || g.ID != r.ID || !bytes.Equal(g.Data, r.Data) {
					t.Fatalf("record %d: %s %s %s, want %s %s %s", i, g.Kind, g.ID, g.Data, r.Kind, r.ID, r.Data)
				}
			}
			for s, blob := range b.Blobs {
				if !bytes.Equal(got.Blobs[s], blob) {
					t.Fatalf("blob %s differs", s)
				}
			}
		}
	}
}

// passes is a Source that can yield something else on its second pass.
type passes struct {
	b      *Bundle
	n      int
	second func(*Bundle) *Bundle
}

func (p *passes) Records(yield func(Record) error) error {
	p.n++
	b := p.b
	if p.n > 1 && p.second != nil {
		b = p.second(b)
	}
	return memSource{b}.Records(yield)
}

func (p *passes) Blobs(yield func(string, []byte) error) error {
	b := p.b
	if p.n > 1 && p.second != nil {
		b = p.second(b)
	}
	return memSource{b}.Blobs(yield)
}

func TestWriteFromRefusesASourceThatChanges(t *testing.T) {
	o := newOffices(t)
	defer func(n int) { recordsPart = n }(recordsPart)
	recordsPart = 700
	clone := func(b *Bundle) *Bundle {
		c := *b
		c.Records = append([]Record(nil), b.Records...)
		c.Blobs = map[string][]byte{}
		for k, v := range b.Blobs {
			c.Blobs[k] = v
		}
		return &c
	}
	var some string
	for s := range many(t, 1).Blobs {
		some = s
	}
	tests := []struct {
		name   string
		second func(*Bundle) *Bundle
	}{
		{"a record's bytes", func(b *Bundle) *Bundle {
			c := clone(b)
			c.Records[5].Data = json.RawMessage(`{"id":"SL-X001-P0000013","name":"khác"}`)
			return c
		}},
		{"a record more", func(b *Bundle) *Bundle {
			c := clone(b)
			c.Records = append(c.Records, c.Records[3])
			return c
		}},
		{"a record fewer", func(b *Bundle) *Bundle { c := clone(b); c.Records = c.Records[1:]; return c }},
		{"an attachment fewer", func(b *Bundle) *Bundle { c := clone(b); delete(c.Blobs, some); return c }},
		{"an attachment's bytes", func(b *Bundle) *Bundle {
			c := clone(b)
			c.Blobs[some] = bytes.ToUpper(c.Blobs[some])
			return c
		}},
	}
	for _, tt := range tests {
		src := &passes{b: many(t, 50), second: tt.second}
		var buf bytes.Buffer
		_, err := WriteFrom(&buf, Manifest{}, src, o.com, o.prov.Key, "")
		if err == nil {
			t.Errorf("%s: written", tt.name)
			continue
		}
		if tt.name != "an attachment's bytes" && !errors.Is(err, errChanged) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// the same source, unchanged, is written
	var buf bytes.Buffer
	if _, err := WriteFrom(&buf, Manifest{}, &passes{b: many(t, 50)}, o.com, o.prov.Key, ""); err != nil {
		t.Fatal(err)
	}
}

func TestWriteRefusesWhatReadWouldRefuse(t *testing.T) {
	o := newOffices(t)
	tests := map[string]func(*Bundle){
		"data not JSON":          func(b *Bundle) { b.Records[0].Data = json.RawMessage(`{"id":"x"`) },
		"data spilling over":     func(b *Bundle) { b.Records[0].Data = json.RawMessage(`{},"kind":"office"`) },
		"no data":                func(b *Bundle) { b.Records[0].Data = nil },
		"unknown kind":           func(b *Bundle) { b.Records[0].Kind = "bogus" },
		"no id":                  func(b *Bundle) { b.Records[0].ID = "" },
		"attachment not by hash": func(b *Bundle) { b.Blobs["scan.pdf"] = []byte("x") },
		"attachment under another hash": func(b *Bundle) {
			b.Blobs[strings.Repeat("ab", 32)] = []byte("x")
		},
	}
	for name, damage := range tests {
		b := withBlob(sample())
		damage(b)
		var buf bytes.Buffer
		if _, err := Write(&buf, b, o.com, o.prov.Key, ""); err == nil {
			t.Errorf("%s: written", name)
		}
	}
}

// failAfter fails once n bytes have been written, as a full or pulled
// stick does.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errors.New("hết chỗ trên thiết bị")
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriteFromReportsAFailingWriter(t *testing.T) {
	o := newOffices(t)
	defer func(n int) { recordsPart = n }(recordsPart)
	recordsPart = 700
	for _, n := range []int{0, 100, 70000, 150000} { // the encryption writes 64 KiB at a time
		if _, err := Write(&failAfter{n}, many(t, 2000), o.com, o.prov.Key, ""); err == nil || !strings.Contains(err.Error(), "hết chỗ") {
			t.Errorf("failing after %d bytes: %v", n, err)
		}
	}
}
