package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"tdkt"
	"tdkt/bench/measure"
	"tdkt/store"
	"tdkt/ui/jobs"
)

func year4(y int) string { return fmt.Sprintf("%04d", y) }

// openRO opens the benchmark database read-only for one benchmark, after
// upgrading it once if an older version wrote it.
func openRO(b *testing.B) *store.DB {
	b.Helper()
	path := upgraded(b)
	d, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	return d
}

var upgradeOnce sync.Once

// upgraded returns the benchmark database after one writable open, which
// upgrades a file of an older schema (as the window would on its first
// open) and logs how long that took; the benchmarks then measure the
// upgraded file.
func upgraded(b *testing.B) string {
	b.Helper()
	path := measure.DB(b)
	var err error
	upgradeOnce.Do(func() {
		start := time.Now()
		var d *store.DB
		if d, err = store.Open(path, store.Options{Timeout: time.Minute}); err == nil {
			err = d.Close()
		}
		b.Logf("first writable open (upgrades an older file): %v", time.Since(start))
	})
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// homeFigures are the home screen's figures as the issue names them:
// dossiers by status (CountIndex over tdkt.Statuses) and the latest year's
// awards by form (the store's award counters of that year).
type homeFigures struct {
	status map[tdkt.Status]int
	year   int
	byForm map[string]int
	awards int
}

func computeHome(tx *store.Tx, today int) (homeFigures, error) {
	h := homeFigures{status: map[tdkt.Status]int{}, byForm: map[string]int{}}
	for _, st := range tdkt.Statuses {
		h.status[st] = tx.CountIndex("dossier.status", string(st))
	}
	h.year = jobs.LatestAwardYear(tx, today)
	err := tx.AwardCounts(h.year, func(c store.AwardCount) error {
		h.byForm[c.Code] += c.N
		h.awards += c.N
		return nil
	})
	return h, err
}

// loadUnits is what the window reads once when it opens the database
// (ui/env.go reload: office, catalogue and every unit).
func loadUnits(tx *store.Tx) (map[string]*tdkt.Unit, *tdkt.Catalog, error) {
	if _, err := tx.OfficeRecord(); err != nil {
		return nil, nil, err
	}
	cat, err := tx.Catalog()
	if err != nil {
		return nil, nil, err
	}
	units := map[string]*tdkt.Unit{}
	err = tx.Each(tdkt.KindUnit, func(r tdkt.Record) error {
		units[r.Base().ID] = r.(*tdkt.Unit)
		return nil
	})
	return units, cat, err
}

// overview is everything the home screen computes (jobs.ComputeOverview,
// which ui/overview.go calls).
func overview(tx *store.Tx, cat *tdkt.Catalog, today tdkt.Date) (jobs.Overview, error) {
	return jobs.ComputeOverview(context.Background(), tx, cat, today)
}

// BenchmarkHome opens the province database as the window does (writable,
// which commits the bucket check) and computes the home screen.
//
//	open:     store.Open + Close
//	figures:  status counts and the latest year's awards by form
//	overview: everything ui/overview.go computes
//	total:    open, load units, overview, close — what the user waits for
func BenchmarkHome(b *testing.B) {
	path := upgraded(b)
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
		d := openRO(b)
		var h homeFigures
		b.ResetTimer()
		for range b.N {
			if err := d.View(func(tx *store.Tx) (err error) { h, err = computeHome(tx, today.Year); return err }); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(h.awards), "awards")
		b.ReportMetric(float64(h.year), "year")
	})
	b.Run("overview", func(b *testing.B) {
		d := openRO(b)
		var cat *tdkt.Catalog
		d.View(func(tx *store.Tx) (err error) { _, cat, err = loadUnits(tx); return err })
		b.ResetTimer()
		for range b.N {
			if err := d.View(func(tx *store.Tx) error { _, err := overview(tx, cat, today); return err }); err != nil {
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
				_, cat, err := loadUnits(tx)
				if err != nil {
					return err
				}
				_, err = overview(tx, cat, today)
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

// dossierFilter is the window's dossier list filter: the index filter and
// the text typed in the search box.
type dossierFilter struct {
	Year   int
	Status tdkt.Status
	Text   string
}

// loadDossiers is what the dossier list does (ui/dossiers.go): the rows the
// indexes select (jobs.LoadDossiers), paired with their folded search text,
// then matched against the typed words in memory.
func loadDossiers(tx *store.Tx, f dossierFilter, units map[string]*tdkt.Unit) ([]*store.DossierRow, error) {
	rows, err := jobs.LoadDossiers(context.Background(), tx, jobs.DossierFilter{Year: f.Year, Status: f.Status}, func(int, int) {})
	if err != nil {
		return nil, err
	}
	m := tdkt.NewMatcher(tdkt.FoldWords(f.Text))
	var out []*store.DossierRow
	for _, r := range jobs.WithSearchText(rows, units) {
		if m.Match(r.Folded) {
			out = append(out, r.Row)
		}
	}
	return out, nil
}

// BenchmarkDossierList loads the window's dossier list: a filtered one
// (year and status, through the indexes), every dossier (the list with no
// filter), and a text filter (the year's rows matched in memory, as the
// window does while the user types). It
// reports the records loaded and the cost per record, from which the time
// for 20,000 dossiers follows (the province demo has about 9,400).
func BenchmarkDossierList(b *testing.B) {
	d := openRO(b)
	var units map[string]*tdkt.Unit
	if err := d.View(func(tx *store.Tx) (err error) { units, _, err = loadUnits(tx); return err }); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    dossierFilter
	}{
		{"year+status", dossierFilter{Year: 2025, Status: tdkt.StatusAwarded}},
		{"status", dossierFilter{Status: tdkt.StatusAwarded}}, // every year: the longest filtered list
		{"all", dossierFilter{}},
		{"year+text", dossierFilter{Year: 2025, Text: "de nghi"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for range b.N {
				err := d.View(func(tx *store.Tx) error {
					ds, err := loadDossiers(tx, c.f, units)
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

// BenchmarkSave saves one dossier in a copy of the province database, as
// the dossier editor does: one transaction per save, synced. The dossier
// is the one with most candidates among the first thousand, so its text
// has the most words: each save rewrites the search postings of every
// word whose mask changes (all of them, the title changing) besides its
// indexes, list row, journal and audit entry. Each op is 20 saves,
// alternating two titles; ms/save is one save.
func BenchmarkSave(b *testing.B) {
	path := filepath.Join(b.TempDir(), "save.db")
	if err := measure.CopyFile(path, upgraded(b)); err != nil {
		b.Fatal(err)
	}
	d, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	var dos *tdkt.Dossier
	n := 0
	err = d.View(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindDossier, func(r tdkt.Record) error {
			if x := r.(*tdkt.Dossier); n < 1000 && (dos == nil || len(x.Candidates) > len(dos.Candidates)) {
				dos = x
			}
			n++
			return nil
		})
	})
	if err != nil || dos == nil {
		b.Fatalf("no dossier to save: %v", err)
	}
	words := len(tdkt.FoldWords(dos.Title + " " + dos.Ref))
	for _, c := range dos.Candidates {
		words += len(tdkt.FoldWords(c.Name))
	}
	titles := [2]string{dos.Title + " (bổ sung)", dos.Title}
	const saves = 20
	b.ResetTimer()
	for range b.N {
		for i := range saves {
			err := d.Update("bench", func(tx *store.Tx) error {
				var cur tdkt.Dossier
				if err := tx.Get(dos.ID, &cur); err != nil {
					return err
				}
				cur.Title = titles[i%2]
				return tx.Put(&cur)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(dos.Candidates)), "candidates")
	b.ReportMetric(float64(words), "words")
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/saves/1e6, "ms/save")
}
