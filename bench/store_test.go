package bench

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/bench/measure"
	"tdkt/store"
)

func year4(y int) string { return fmt.Sprintf("%04d", y) }

// openRO opens the benchmark database read-only for one benchmark.
func openRO(b *testing.B) *store.DB {
	b.Helper()
	d, err := store.Open(measure.DB(b), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	return d
}

// homeFigures are the home screen's figures as the issue names them:
// dossiers by status (CountIndex over tdkt.Statuses) and the latest year's
// awards by form (the award.year index, every award of that year decoded).
type homeFigures struct {
	status map[tdkt.Status]int
	year   int
	byForm map[string]int
	awards int
}

func computeHome(tx *store.Tx, today int) homeFigures {
	h := homeFigures{status: map[tdkt.Status]int{}, byForm: map[string]int{}}
	for _, st := range tdkt.Statuses {
		h.status[st] = tx.CountIndex("dossier.status", string(st))
	}
	for y := today; y > today-60; y-- {
		if tx.CountIndex("award.year", year4(y)) > 0 {
			h.year = y
			break
		}
	}
	for _, id := range tx.IDs("award.year", year4(h.year)) {
		a := &tdkt.Award{}
		if tx.Get(id, a) != nil || a.Deleted || a.Revoked {
			continue
		}
		h.byForm[a.AwardCode]++
		h.awards++
	}
	return h
}

// loadUnits is what the window reads once when it opens the database
// (ui/env.go reload: office, catalogue and every unit).
func loadUnits(tx *store.Tx) (map[string]*tdkt.Unit, error) {
	if _, err := tx.OfficeRecord(); err != nil {
		return nil, err
	}
	if _, err := tx.Catalog(); err != nil {
		return nil, err
	}
	units := map[string]*tdkt.Unit{}
	err := tx.Each(tdkt.KindUnit, func(r tdkt.Record) error {
		units[r.Base().ID] = r.(*tdkt.Unit)
		return nil
	})
	return units, err
}

// overview is the whole of ui/overview.go computeOverview, copied here
// (package ui is not importable from a benchmark without a display):
// status counts, this year's dossiers and deadlines, and the latest award
// year by form with the shares of direct workers, small collectives and
// priority areas, which look up every recipient.
func overview(tx *store.Tx, units map[string]*tdkt.Unit, today tdkt.Date) (homeFigures, error) {
	h := computeHome(tx, today.Year)
	for _, id := range tx.IDs("dossier.year", year4(today.Year)) {
		ds := &tdkt.Dossier{}
		if err := tx.Get(id, ds); err != nil {
			return h, err
		}
	}
	direct := map[string]bool{}
	small := map[string]bool{}
	for _, id := range tx.IDs("award.year", year4(h.year)) {
		a := &tdkt.Award{}
		if err := tx.Get(id, a); err != nil {
			return h, err
		}
		if a.Deleted || a.Revoked {
			continue
		}
		priority(units, a.UnitID)
		if a.Subject == tdkt.SubjectPerson {
			if _, seen := direct[a.PersonID]; !seen && a.PersonID != "" {
				p := &tdkt.Person{}
				dir := false
				if tx.Get(a.PersonID, p) == nil {
					dir = p.Category.Direct()
				}
				direct[a.PersonID] = dir
			}
			continue
		}
		if _, seen := small[a.UnitID]; !seen {
			u := units[a.UnitID]
			s := false
			if u != nil {
				staff := u.Staff
				if staff == 0 {
					staff = tx.CountIndex("person.unit", u.ID)
				}
				s = u.Type == tdkt.UnitVillage || (staff > 0 && staff <= 30)
			}
			small[a.UnitID] = s
		}
	}
	return h, nil
}

func priority(units map[string]*tdkt.Unit, id string) bool {
	seen := map[string]bool{}
	for id != "" && !seen[id] {
		seen[id] = true
		u, ok := units[id]
		if !ok {
			return false
		}
		if u.Flags.Any() {
			return true
		}
		id = u.ParentID
	}
	return false
}

// BenchmarkHome opens the province database as the window does (writable,
// which commits the bucket check) and computes the home screen.
//
//	open:     store.Open + Close
//	figures:  status counts and the latest year's awards by form
//	overview: everything ui/overview.go computes
//	total:    open, load units, overview, close — what the user waits for
func BenchmarkHome(b *testing.B) {
	path := measure.DB(b)
	today := tdkt.Today()
	b.Run("open", func(b *testing.B) {
		for range b.N {
			d, err := store.Open(path, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			d.Close()
		}
	})
	b.Run("figures", func(b *testing.B) {
		d, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer d.Close()
		var h homeFigures
		b.ResetTimer()
		for range b.N {
			d.View(func(tx *store.Tx) error { h = computeHome(tx, today.Year); return nil })
		}
		b.StopTimer()
		b.ReportMetric(float64(h.awards), "awards")
		b.ReportMetric(float64(h.year), "year")
	})
	b.Run("overview", func(b *testing.B) {
		d, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer d.Close()
		var units map[string]*tdkt.Unit
		d.View(func(tx *store.Tx) (err error) { units, err = loadUnits(tx); return err })
		b.ResetTimer()
		for range b.N {
			if err := d.View(func(tx *store.Tx) error { _, err := overview(tx, units, today); return err }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("total", func(b *testing.B) {
		for range b.N {
			d, err := store.Open(path, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			err = d.View(func(tx *store.Tx) error {
				units, err := loadUnits(tx)
				if err != nil {
					return err
				}
				_, err = overview(tx, units, today)
				return err
			})
			d.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// queries are what people type into the search box: two- and three-word
// prefixes of names (Kinh and H'Mông, Dao, Thái, Tày), units, award forms
// and dossier titles, folded as users type them without marks.
var queries = []string{
	"nguyen van", "nguyen thi", "tran thi hoa", "giang a", "giang a pao", "le van", "pham duc",
	"hoang thi", "lo van", "thao a", "vang seo", "trieu tai", "nong thi", "lo thi xuan",
	"nguyen van an", "tran van", "bui thi", "dang van hai", "vu thi thu", "ha van khoa",
	"sung mi", "lu van", "cam thi", "chao lao", "ly thi", "do van nam", "ngo thi lan", "duong minh",
	"truong tieu hoc", "truong mam non", "truong trung hoc co so", "xa nam", "xa pa", "xa ta",
	"phuong tan", "so giao duc", "so y te", "cong an tinh", "benh vien da khoa", "cong ty co phan",
	"hop tac xa", "ban nam", "thon xuan", "dac khu", "bang khen chu tich", "chien si thi dua",
	"lao dong tien tien", "de nghi khen thuong", "tap the lao dong", "giay khen giam doc",
}

// BenchmarkSearch runs the fixed list of queries (limit 50, the store's
// default) and reports the percentiles of one query's time.
func BenchmarkSearch(b *testing.B) {
	d := openRO(b)
	var times []time.Duration
	hits := 0
	b.ResetTimer()
	for range b.N {
		for _, q := range queries {
			start := time.Now()
			var hs []store.Hit
			err := d.View(func(tx *store.Tx) (err error) { hs, err = tx.Search(q, 50); return err })
			times = append(times, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			hits += len(hs)
		}
	}
	b.StopTimer()
	b.ReportMetric(measure.Ms(measure.Percentile(times, 50)), "p50-ms")
	b.ReportMetric(measure.Ms(measure.Percentile(times, 95)), "p95-ms")
	b.ReportMetric(measure.Ms(measure.Percentile(times, 100)), "max-ms")
	b.ReportMetric(float64(hits)/float64(b.N*len(queries)), "hits/query")
	if testing.Verbose() && b.N > 1 {
		// the slowest queries, for the report
		per := map[string]time.Duration{}
		for i, t := range times {
			q := queries[i%len(queries)]
			per[q] = max(per[q], t)
		}
		qs := append([]string(nil), queries...)
		sort.Slice(qs, func(i, j int) bool { return per[qs[i]] > per[qs[j]] })
		for _, q := range qs[:5] {
			b.Logf("slowest: %-28q %v", q, per[q])
		}
	}
}

// dossierFilter and loadDossiers copy ui/lookup.go (dossierIDs and
// loadDossiers, without the progress and cancel checks): the dossier list
// intersects the year, status and unit indexes and decodes the records,
// or walks every dossier when no index applies.
type dossierFilter struct {
	Year   int
	Status tdkt.Status
	Text   string
}

func loadDossiers(tx *store.Tx, f dossierFilter) ([]*tdkt.Dossier, error) {
	var sets [][]string
	if f.Year != 0 {
		sets = append(sets, tx.IDs("dossier.year", year4(f.Year)))
	}
	if f.Status != "" {
		sets = append(sets, tx.IDs("dossier.status", string(f.Status)))
	}
	if strings.TrimSpace(f.Text) != "" {
		hits, err := tx.Search(f.Text, 1_000_000)
		if err != nil {
			return nil, err
		}
		var s []string
		for _, h := range hits {
			if h.Kind == tdkt.KindDossier {
				s = append(s, h.ID)
			}
		}
		sort.Strings(s)
		sets = append(sets, s)
	}
	var out []*tdkt.Dossier
	if len(sets) == 0 {
		err := tx.Each(tdkt.KindDossier, func(r tdkt.Record) error {
			out = append(out, r.(*tdkt.Dossier))
			return nil
		})
		if err != nil {
			return nil, err
		}
	} else {
		sort.Slice(sets, func(i, j int) bool { return len(sets[i]) < len(sets[j]) })
		ids := sets[0]
		for _, s := range sets[1:] {
			in := make(map[string]bool, len(s))
			for _, id := range s {
				in[id] = true
			}
			var keep []string
			for _, id := range ids {
				if in[id] {
					keep = append(keep, id)
				}
			}
			ids = keep
		}
		for _, id := range ids {
			d := &tdkt.Dossier{}
			if err := tx.Get(id, d); err != nil {
				return nil, err
			}
			if !d.Deleted {
				out = append(out, d)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year > out[j].Year
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// BenchmarkDossierList loads the window's dossier list: a filtered one
// (year and status, through the indexes), every dossier (the list with no
// filter), and a text filter (search hits intersected with the year). It
// reports the records loaded and the cost per record, from which the time
// for 20,000 dossiers follows (the province demo has about 9,400).
func BenchmarkDossierList(b *testing.B) {
	d := openRO(b)
	for _, c := range []struct {
		name string
		f    dossierFilter
	}{
		{"year+status", dossierFilter{Year: 2025, Status: tdkt.StatusAwarded}},
		{"all", dossierFilter{}},
		{"year+text", dossierFilter{Year: 2025, Text: "de nghi"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for range b.N {
				err := d.View(func(tx *store.Tx) error {
					ds, err := loadDossiers(tx, c.f)
					n = len(ds)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "dossiers")
			if n > 0 {
				per := float64(b.Elapsed()) / float64(b.N) / float64(n)
				b.ReportMetric(per/1e3, "us/dossier")
				b.ReportMetric(per*20000/1e6, "ms/20k")
			}
		})
	}
}
