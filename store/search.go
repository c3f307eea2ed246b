package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"tdkt"
)

// Hit is one search result.
type Hit struct {
	Kind tdkt.Kind
	ID   string
	Text string // what to show: the record's display line
}

// display is the line shown for a record and the text whose words are
// searched. Kinds without a useful text (office, catalogue) are not indexed.
func display(r tdkt.Record) (string, bool) {
	switch v := r.(type) {
	case *tdkt.Person:
		return join(" — ", v.Name, v.Position), true
	case *tdkt.Unit:
		return join(" — ", v.Name, v.Code), true
	case *tdkt.Movement:
		return v.Name, true
	case *tdkt.Cluster:
		return v.Name, true
	case *tdkt.Dossier:
		names := make([]string, 0, len(v.Candidates))
		for _, c := range v.Candidates {
			names = append(names, c.Name)
		}
		return join(" — ", v.Title, v.Ref, fmt.Sprint(v.Year), strings.Join(names, ", ")), true
	case *tdkt.Meeting:
		return join(" — ", v.Title, v.Date.String()), true
	case *tdkt.Decision:
		num := ""
		if v.Number > 0 {
			num = v.NumberText()
		}
		return join(" — ", num, v.Summary, fmt.Sprint(v.Year)), true
	case *tdkt.Award:
		return join(" — ", v.Name, v.AwardCode, fmt.Sprint(v.Year), v.DecisionNo), true
	}
	return "", false
}

func join(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" && p != "0" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// searchOrder is the order in which kinds are searched and shown.
var searchOrder = []tdkt.Kind{tdkt.KindPerson, tdkt.KindUnit, tdkt.KindDossier, tdkt.KindDecision,
	tdkt.KindMovement, tdkt.KindCluster, tdkt.KindMeeting, tdkt.KindAward}

func textKey(k tdkt.Kind, id string) []byte { return []byte(string(k) + "\x00" + id) }

// searchKeys is what a live record puts in the search buckets: one key
// per distinct folded word, and its text line "folded\x00display". A key
// is the flat key of a posting, kind 0 word 0 id (postings.go files it in
// its word's block): words are filed under their kind first, so that a
// search can walk the kinds people look for most before the long award
// register. The keys share one buffer: an import builds them for every
// record, and a string and a copy per word were most of the search
// index's cost.
func searchKeys(r tdkt.Record) (keys [][]byte, text string) {
	if r == nil || r.Base().Deleted {
		return nil, ""
	}
	d, ok := display(r)
	if !ok {
		return nil, ""
	}
	all := tdkt.FoldWords(d)
	words := distinct(all)
	kind, id := string(r.Kind()), r.Base().ID
	size := 0
	for _, w := range words {
		size += len(kind) + 1 + len(w) + 1 + len(id)
	}
	buf := make([]byte, 0, size)
	keys = make([][]byte, 0, len(words))
	for _, w := range words {
		start := len(buf)
		buf = append(buf, kind...)
		buf = append(buf, 0)
		buf = append(buf, w...)
		buf = append(buf, 0)
		buf = append(buf, id...)
		// capped, so that no key can grow into the next
		keys = append(keys, buf[start:len(buf):len(buf)])
	}
	return keys, strings.Join(all, " ") + "\x00" + d
}

// distinct returns words without repeats, in first-seen order. Most texts
// have a handful of words, compared pairwise; a dossier listing hundreds
// of candidates takes a map.
func distinct(words []string) []string {
	out := make([]string, 0, len(words))
	if len(words) > 32 {
		seen := make(map[string]bool, len(words))
		for _, w := range words {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
		return out
	}
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func (t *Tx) researchIndex(old, rec tdkt.Record) error {
	ok, ot := searchKeys(old)
	nk, nt := t.searchKeysOf(rec)
	if ot == nt {
		return nil // same text, same words, same mask
	}
	// Every posting of the record carries the mask of its words, so a new
	// text rewrites them all.
	ops := make([]kv, 0, len(ok)+len(nk))
	if len(ok) > 0 {
		keep := make(map[string]bool, len(nk))
		for _, k := range nk {
			keep[string(k)] = true
		}
		for _, k := range ok {
			if !keep[string(k)] {
				ops = append(ops, kv{k, nil})
			}
		}
	}
	mask := u64(textMask(nt))
	for _, k := range nk {
		ops = append(ops, kv{k, mask})
	}
	t.postings(ops)
	key := textKey(rec.Kind(), rec.Base().ID)
	if nt == "" {
		return t.del(string(bucketText), key)
	}
	return t.put(string(bucketText), key, []byte(nt))
}

// A search key's value is a 64-bit mask of the two- and three-letter
// beginnings of its record's words. A candidate whose mask lacks a bit of
// the query's words cannot match and is dropped without reading its text:
// for a query of common words most candidates go this way, and reading
// the text was about half of a search's time.
func prefixBit(w string) uint64 {
	h := uint64(len(w))
	for i := 0; i < len(w); i++ {
		h = h*131 + uint64(w[i])
	}
	return 1 << (h % 64)
}

// wordBits are the bits a word sets, and a query word must find.
func wordBits(w string) uint64 {
	var m uint64
	if len(w) >= 2 {
		m |= prefixBit(w[:2])
	}
	if len(w) >= 3 {
		m |= prefixBit(w[:3])
	}
	return m
}

// textMask is the mask of a text line "folded\x00display".
func textMask(line string) uint64 {
	folded, _, _ := strings.Cut(line, "\x00")
	var m uint64
	for _, w := range strings.Fields(folded) {
		m |= wordBits(w)
	}
	return m
}

// rebuildSearchMasks gives every search key the mask of its record's text,
// for files written before keys carried one. It rewrites the keys in key
// order, a batch at a time, since a cursor must not move while its bucket
// changes.
func (t *Tx) rebuildSearchMasks() error {
	sb := t.tx.Bucket(bucketOldSearch)
	if sb == nil {
		return nil // a file whose index is already in blocks
	}
	masks := map[string][]byte{}
	err := t.tx.Bucket(bucketText).ForEach(func(k, v []byte) error {
		masks[string(k)] = u64(textMask(string(v)))
		return nil
	})
	if err != nil {
		return err
	}
	sb.FillPercent = fill
	const batch = 65536
	var from []byte
	for {
		var keys, vals [][]byte
		c := sb.Cursor()
		k, _ := c.First()
		if from != nil {
			k, _ = c.Seek(from)
			if k != nil && bytes.Equal(k, from) {
				k, _ = c.Next()
			}
		}
		for ; k != nil && len(keys) < batch; k, _ = c.Next() {
			// key = kind 0 word 0 id; the text is filed under kind 0 id
			first := bytes.IndexByte(k, 0)
			last := bytes.LastIndexByte(k, 0)
			m, ok := masks[string(k[:first+1])+string(k[last+1:])]
			if !ok {
				return fmt.Errorf("khóa tìm kiếm %q không có dòng chữ", bytes.ReplaceAll(k, []byte{0}, []byte{' '}))
			}
			keys, vals = append(keys, bytes.Clone(k)), append(vals, m)
		}
		if len(keys) == 0 {
			return nil
		}
		for i := range keys {
			if err := sb.Put(keys[i], vals[i]); err != nil {
				return err
			}
		}
		from = keys[len(keys)-1]
	}
}

// Search finds records whose words start with every word of the query,
// ignoring case, tone marks and đ/d: "nguyen van" finds "Nguyễn Văn An".
// It walks the key range of the longest query word (the most selective) and
// checks the other words on each candidate's text, stopping at limit.
func (t *Tx) Search(query string, limit int) ([]Hit, error) {
	return t.SearchKinds(query, limit, searchOrder...)
}

// SearchKinds is Search over the given kinds only, in that order: the
// dossier list searches dossiers without walking the award register.
func (t *Tx) SearchKinds(query string, limit int, kinds ...tdkt.Kind) ([]Hit, error) {
	words := tdkt.FoldWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	if err := t.flushPostings(); err != nil {
		return nil, err
	}
	sb, tb := t.tx.Bucket(bucketSearch), t.tx.Bucket(bucketText)
	scan := t.rarest(sb, words, kinds)
	m := tdkt.NewMatcher(words)
	var need uint64
	for _, w := range words {
		need |= wordBits(w)
	}
	var hits []Hit
	for _, k := range kinds {
		var seen map[string]bool // ids already hit: two words of one record may share the prefix
		c := sb.Cursor()
		prefix := []byte(string(k) + "\x00" + scan)
		for key, block := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, block = c.Next() {
			err := walkBlock(block, func(id []byte, mask uint64) bool {
				if mask&need != need {
					return true // a query word has no word of the record to begin
				}
				line := tb.Get(textKey(k, string(id)))
				folded, disp, _ := bytes.Cut(line, []byte{0})
				if !m.MatchBytes(folded) || seen[string(id)] {
					return true
				}
				if seen == nil {
					seen = map[string]bool{}
				}
				seen[string(id)] = true
				hits = append(hits, Hit{Kind: k, ID: string(id), Text: string(disp)})
				return len(hits) < limit
			})
			if err != nil {
				return nil, fmt.Errorf("tìm %q: %w (%v)", query, ErrIndexDamaged, err)
			}
			if len(hits) >= limit {
				return hits, nil
			}
		}
	}
	return hits, nil
}

// rarestCap bounds the counting of rarest: past it a word is common
// enough that the exact count no longer matters.
const rarestCap = 512

// rarest picks the query word whose prefix matches the fewest postings in
// the kinds searched, so that "so y te" walks the few words starting with
// "te"... rather than every word starting with "so". Ties keep the longer
// word. Counting stops at rarestCap per word.
func (t *Tx) rarest(sb *bolt.Bucket, words []string, kinds []tdkt.Kind) string {
	best, bestN := "", -1
	for _, w := range words {
		n := 0
		for _, k := range kinds {
			prefix := []byte(string(k) + "\x00" + w)
			c := sb.Cursor()
			for key, block := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix) && n < rarestCap; key, block = c.Next() {
				n = min(n+blockCount(block), rarestCap)
			}
			if n >= rarestCap {
				break
			}
		}
		if bestN < 0 || n < bestN || n == bestN && len(w) > len(best) {
			best, bestN = w, n
		}
	}
	return best
}
