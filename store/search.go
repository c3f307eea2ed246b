package store

import (
	"bytes"
	"fmt"
	"sort"
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

// searchKey files a word under its kind first, so that a search can walk
// the kinds people look for most before the long award register.
func searchKey(word string, k tdkt.Kind, id string) []byte {
	return []byte(string(k) + "\x00" + word + "\x00" + id)
}

// searchOrder is the order in which kinds are searched and shown.
var searchOrder = []tdkt.Kind{tdkt.KindPerson, tdkt.KindUnit, tdkt.KindDossier, tdkt.KindDecision,
	tdkt.KindMovement, tdkt.KindCluster, tdkt.KindMeeting, tdkt.KindAward}

func textKey(k tdkt.Kind, id string) []byte { return []byte(string(k) + "\x00" + id) }

// searchEntries is what a live record puts in the search buckets: one key per
// distinct folded word, and its text line "folded\x00display".
func searchEntries(r tdkt.Record) (keys []string, text string) {
	if r == nil || r.Base().Deleted {
		return nil, ""
	}
	d, ok := display(r)
	if !ok {
		return nil, ""
	}
	words := tdkt.FoldWords(d)
	seen := map[string]bool{}
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			keys = append(keys, string(searchKey(w, r.Kind(), r.Base().ID)))
		}
	}
	return keys, strings.Join(words, " ") + "\x00" + d
}

func (t *Tx) researchIndex(old, rec tdkt.Record) error {
	ok, ot := searchEntries(old)
	nk, nt := searchEntries(rec)
	if err := t.diffPut(map[string][]string{string(bucketSearch): ok}, map[string][]string{string(bucketSearch): nk}); err != nil {
		return err
	}
	if ot == nt {
		return nil
	}
	key := textKey(rec.Kind(), rec.Base().ID)
	if nt == "" {
		return t.del(string(bucketText), key)
	}
	return t.put(string(bucketText), key, []byte(nt))
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
	sb, tb := t.tx.Bucket(bucketSearch), t.tx.Bucket(bucketText)
	scan := t.rarest(sb, words, kinds)
	var hits []Hit
	for _, k := range kinds {
		seen := map[string]bool{}
		c := sb.Cursor()
		prefix := []byte(string(k) + "\x00" + scan)
		for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, _ = c.Next() {
			i := bytes.LastIndexByte(key, 0)
			id := string(key[i+1:])
			if seen[id] {
				continue // two words of one record share the prefix
			}
			seen[id] = true
			line := tb.Get(textKey(k, id))
			folded, disp, _ := bytes.Cut(line, []byte{0})
			if !allPrefixes(strings.Fields(string(folded)), words) {
				continue
			}
			hits = append(hits, Hit{Kind: k, ID: id, Text: string(disp)})
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

// rarest picks the query word whose prefix matches the fewest keys in the
// kinds searched, so that "so y te" walks the few words starting with
// "te"... rather than every word starting with "so". Ties keep the longer
// word. Counting stops at rarestCap per word.
func (t *Tx) rarest(sb *bolt.Bucket, words []string, kinds []tdkt.Kind) string {
	best, bestN := "", -1
	for _, w := range words {
		n := 0
		for _, k := range kinds {
			prefix := []byte(string(k) + "\x00" + w)
			c := sb.Cursor()
			for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix) && n < rarestCap; key, _ = c.Next() {
				n++
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

// allPrefixes reports whether every query word is a prefix of a distinct
// word of the record, so "van van" needs two words starting with "van".
func allPrefixes(have, want []string) bool {
	// Longest first, so that a short word cannot take the only word a
	// longer one could match ("v van" against "van vu").
	want = append([]string(nil), want...)
	sort.SliceStable(want, func(i, j int) bool { return len(want[i]) > len(want[j]) })
	used := make([]bool, len(have))
	for _, w := range want {
		found := false
		for i, h := range have {
			if !used[i] && strings.HasPrefix(h, w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
