package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDeferredPutsSorted holds the log of a bulk merge to what writing each
// put and delete at once would leave: keys in order, the last write of a
// key winning, a final delete dropping the key.
func TestDeferredPutsSorted(t *testing.T) {
	type op struct {
		del      bool
		key, val string
	}
	put := func(k, v string) op { return op{key: k, val: v} }
	del := func(k string) op { return op{del: true, key: k} }
	for _, tc := range []struct {
		name   string
		bucket string
		ops    []op
		want   string // key=val, space separated, in order
	}{
		{"empty", "idx:x", nil, ""},
		{"sorted once", "idx:x", []op{put("c", "3"), put("a", "1"), put("b", "")}, "a=1 b= c=3"},
		{"last put wins", "search", []op{put("a", "1"), put("b", "2"), put("a", "3")}, "a=3 b=2"},
		{"delete cancels a put", "search", []op{put("a", "1"), put("b", "2"), del("a")}, "b=2"},
		{"put after delete stays", "search", []op{put("a", "1"), del("a"), put("a", "4")}, "a=4"},
		{"delete of an unlogged key", "search", []op{del("z"), put("a", "1")}, "a=1"},
		{"read-back bucket", string(bucketCounts), []op{put("b", "2"), put("a", "1"), put("b", "5"), del("a")}, "b=5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDeferredPuts()
			for _, o := range tc.ops {
				if o.del {
					d.del(tc.bucket, []byte(o.key))
				} else {
					d.put(tc.bucket, []byte(o.key), []byte(o.val))
				}
			}
			var got []string
			for _, w := range d.sorted(tc.bucket) {
				got = append(got, fmt.Sprintf("%s=%s", w.key, w.val))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

// TestDeferredPutsChunks logs many chunks of keys, in reverse order, and
// reads every one back intact and in order.
func TestDeferredPutsChunks(t *testing.T) {
	d := newDeferredPuts()
	big := strings.Repeat("x", 1000)
	d.put("idx:x", []byte(big), []byte("v"))
	const n = 100000
	for i := n - 1; i >= 0; i-- {
		d.put("idx:x", []byte(fmt.Sprintf("k%06d-%s", i, strings.Repeat("p", 20))), []byte(fmt.Sprint(i)))
	}
	got := d.sorted("idx:x")
	if len(got) != n+1 {
		t.Fatalf("%d writes, want %d", len(got), n+1)
	}
	for i, w := range got[:n] {
		if want := fmt.Sprintf("k%06d-%s", i, strings.Repeat("p", 20)); string(w.key) != want || string(w.val) != fmt.Sprint(i) {
			t.Fatalf("write %d is %q=%q", i, w.key, w.val)
		}
	}
	if string(got[n].key) != big || string(got[n].val) != "v" {
		t.Fatalf("the large key came back as %d bytes", len(got[n].key))
	}
}

// TestDeferredPutsLongLog checks a log long enough to be sorted in halves
// (with repeated keys and deletes spread across both halves) against
// writing each operation at once into a map.
func TestDeferredPutsLongLog(t *testing.T) {
	d := newDeferredPuts()
	want := map[string]string{}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 60000 {
		k := fmt.Sprintf("dossier\x00w%05d", rng.IntN(20000))
		if rng.IntN(7) == 0 {
			d.del("search", []byte(k))
			delete(want, k)
			continue
		}
		v := fmt.Sprint(i)
		d.put("search", []byte(k), []byte(v))
		want[k] = v
	}
	got := d.sorted("search")
	if len(got) != len(want) {
		t.Fatalf("%d writes, want %d", len(got), len(want))
	}
	for i, w := range got {
		if i > 0 && string(got[i-1].key) >= string(w.key) {
			t.Fatalf("write %d (%q) not after %q", i, w.key, got[i-1].key)
		}
		if want[string(w.key)] != string(w.val) {
			t.Fatalf("%q=%q, want %q", w.key, w.val, want[string(w.key)])
		}
	}
}
