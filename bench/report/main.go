// Command report turns the output of the province benchmarks (go test
// -bench, one or more files) and the timings bench/run.sh takes of whole
// commands into one Markdown table — operation, tdkt time, floor time,
// ratio, peak memory — followed by the targets, met or not.
//
//	go run ./bench/report -cli timings.tsv bench-*.txt
//
// Where a benchmark ran several times (-count), the median time is shown
// and the highest peak memory.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// results holds every reported value by benchmark name (without the
// -GOMAXPROCS suffix) and unit.
type results map[string]map[string][]float64

var lineRe = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

func (r results) parse(in io.Reader, logs *[]string) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.Contains(l, "slowest:") || strings.Contains(l, "cannot read") {
			*logs = append(*logs, strings.TrimSpace(l))
		}
		m := lineRe.FindStringSubmatch(l)
		if m == nil || !strings.Contains(m[3], "ns/op") {
			continue
		}
		f := strings.Fields(m[3])
		if r[m[1]] == nil {
			r[m[1]] = map[string][]float64{}
		}
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			r[m[1]][f[i+1]] = append(r[m[1]][f[i+1]], v)
		}
	}
	return sc.Err()
}

// get is the median of a benchmark's values in unit, NaN when missing.
func (r results) get(name, unit string) float64 {
	vs := r[name][unit]
	if len(vs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// first is a benchmark's first value in unit, NaN when missing: for the
// imports, the first of their process.
func (r results) first(name, unit string) float64 {
	if vs := r[name][unit]; len(vs) > 0 {
		return vs[0]
	}
	return math.NaN()
}

// max is the highest of a benchmark's values in unit (for peaks: a later
// run reuses memory the Go runtime kept from the first), NaN when missing.
func (r results) max(name, unit string) float64 {
	vs := r[name][unit]
	if len(vs) == 0 {
		return math.NaN()
	}
	return slices.Max(vs)
}

// ms is a benchmark's time per operation in milliseconds.
func (r results) ms(name string) float64 { return r.get(name, "ns/op") / 1e6 }

// cli is one command timed by run.sh.
type cli struct {
	secs          float64
	maxRSS, anon  float64 // MB
	note          string
	present, fail bool
}

func readCLI(path string) (map[string]cli, error) {
	out := map[string]cli{}
	if path == "" {
		return out, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return out, err
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		f := strings.Split(l, "\t")
		if len(f) < 4 {
			continue
		}
		c := cli{present: true}
		c.secs, err = strconv.ParseFloat(f[1], 64)
		c.fail = err != nil
		kb, _ := strconv.ParseFloat(f[2], 64)
		an, _ := strconv.ParseFloat(f[3], 64)
		c.maxRSS, c.anon = kb/1024, an/1024
		if len(f) > 4 {
			c.note = f[4]
		}
		out[f[0]] = c
	}
	return out, nil
}

func dur(ms float64) string {
	switch {
	case math.IsNaN(ms):
		return "—"
	case ms >= 10000:
		return fmt.Sprintf("%.1f s", ms/1000)
	case ms >= 1000:
		return fmt.Sprintf("%.2f s", ms/1000)
	case ms >= 10:
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.1f ms", ms)
}

func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func mb(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return fmt.Sprintf("%.0f MB", v)
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "?"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func main() {
	cliPath := flag.String("cli", "", "timings of whole commands (TSV: name, seconds, max RSS kB, peak anonymous kB, note)")
	flag.Parse()
	r := results{}
	var logs []string
	for _, p := range flag.Args() {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "report:", err)
			os.Exit(1)
		}
		err = r.parse(f, &logs)
		f.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, "report:", err)
			os.Exit(1)
		}
	}
	c, err := readCLI(*cliPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	row := func(op, tdkt, floor, rat, mem string) {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", op, tdkt, floor, rat, mem)
	}
	fmt.Fprintln(w, "| operation | tdkt | floor | ratio | peak memory |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|")
	pair := func(op, name, mem string) {
		t, f := r.ms(name+"/tdkt"), r.ms(name+"/floor")
		if math.IsNaN(t) && math.IsNaN(f) {
			return
		}
		row(op, dur(t), dur(f), ratio(t, f), mem)
	}
	peak := func(name string) string {
		h, a := r.max(name, "peak-heap-MB"), r.max(name, "peak-anon-MB")
		if math.IsNaN(h) {
			return ""
		}
		return fmt.Sprintf("heap +%s, anon +%s", mb(h), mb(a))
	}
	if d := c["demo"]; d.present {
		row("`tdkt demo` (CLI, once"+d.note+")", dur(d.secs*1000), "—", "—", "max RSS "+mb(d.maxRSS))
	}
	if v := r.ms("BenchmarkHome/open"); !math.IsNaN(v) {
		row("open the database (store.Open, writable, + Close)", dur(v), "—", "—", "")
		row(fmt.Sprintf("home figures: dossiers by status + %s awards by form (%s awards, from the counters)",
			num(r.get("BenchmarkHome/figures", "year")), num(r.get("BenchmarkHome/figures", "awards"))),
			dur(r.ms("BenchmarkHome/figures")), "—", "—", "")
		row("home overview as ui/overview.go (counters and the year's dossier rows)", dur(r.ms("BenchmarkHome/overview")), "—", "—", "")
		row("**home screen total**: open + units + overview + close", dur(r.ms("BenchmarkHome/total")), "—", "—", "")
	}
	if v := r.get("BenchmarkSearch", "p50-ms"); !math.IsNaN(v) {
		row("search, 50 queries × N: p50 / p95 / max", fmt.Sprintf("%s / %s / %s", dur(v),
			dur(r.get("BenchmarkSearch", "p95-ms")), dur(r.get("BenchmarkSearch", "max-ms"))), "—", "—", "")
	}
	for _, l := range []struct{ name, op string }{
		{"year+status", "dossier list: 2025 + awarded"},
		{"status", "dossier list: awarded, every year"},
		{"year+text", "dossier list: 2025 + text \"de nghi\""},
		{"all", "dossier list: no filter (every dossier)"},
	} {
		n := "BenchmarkDossierList/" + l.name
		if v := r.ms(n); !math.IsNaN(v) {
			row(fmt.Sprintf("%s (%s dossiers; %.0f µs each → 20k: %s)", l.op, num(r.get(n, "dossiers")),
				r.get(n, "us/dossier"), dur(r.get(n, "ms/20k"))), dur(v), "—", "—", "")
		}
	}
	if v := r.get("BenchmarkSave", "ms/save"); !math.IsNaN(v) {
		row(fmt.Sprintf("save one dossier as the editor does (%s candidates, %s words; one synced transaction)",
			num(r.get("BenchmarkSave", "candidates")), num(r.get("BenchmarkSave", "words"))), dur(v), "—", "—", "")
	}
	pair(fmt.Sprintf("register, all years (%s rows) vs StreamWriter", num(r.get("BenchmarkRegister/floor", "rows"))),
		"BenchmarkRegister", peak("BenchmarkRegister/tdkt")+" (floor: "+peak("BenchmarkRegister/floor")+")")
	if x := c["register-cli"]; x.present {
		row("register via the CLI (`tdkt export register`, whole process)", dur(x.secs*1000), "—", "—",
			fmt.Sprintf("RssAnon %s, max RSS %s (incl. mapped db)", mb(x.anon), mb(x.maxRSS)))
	}
	if x := c["soffice"]; x.present {
		t := r.ms("BenchmarkRegister/tdkt")
		s := "failed"
		if !x.fail {
			s = dur(x.secs * 1000)
		}
		row("reference, not a floor: the same register rows CSV → XLSX by LibreOffice headless, today's practice "+x.note, dur(t), s,
			ratio(t, x.secs*1000), "soffice max RSS "+mb(x.maxRSS))
	}
	for _, f := range []string{"0602", "0603"} {
		n := "BenchmarkReturns/" + f
		t, fl := r.get(n, "tdkt-ms"), r.get(n, "floor-ms")
		if math.IsNaN(t) {
			continue
		}
		sh, pl := r.get(n, "sheet-ms"), r.get(n, "plain-ms")
		row(fmt.Sprintf("return %s for %d as the window makes it (%s facts; medians of the four ways taking turns. "+
			"The sheet from facts gathered beforehand: %s, %s the floor; that sheet written as the floor writes, without the temporary file, rename and folder sync: %s, %s. "+
			"The command, reading the office and catalogue each time: %s; the facts with the catalogue: %s)", f, 2025,
			num(r.get(n, "facts")), dur(sh), ratio(sh, fl), dur(pl), ratio(pl, fl),
			dur(r.get(n, "cli-ms")), dur(r.get(n, "facts-ms"))), dur(t), dur(fl), ratio(t, fl), "")
	}
	pdfRow := func(op, n string) {
		pair(fmt.Sprintf("%s (pages %s / %s, text runs %s / %s)", op,
			num(r.get(n+"/tdkt", "pages")), num(r.get(n+"/floor", "pages")),
			num(r.get(n+"/tdkt", "texts")), num(r.get(n+"/floor", "texts"))), n, "")
	}
	pdfRow("decision with a 500-name list", "BenchmarkDecisionPDF")
	pdfRow("certificates, 1,000 recipients", "BenchmarkCertificates")
	rd := "readable by the receiver"
	if v := r.get("BenchmarkSync/export/tdkt", "readable"); v == 0 {
		rd = "**not readable by the receiver**"
	}
	pair(fmt.Sprintf("sync export: 10,000 dossiers + 10,000 scans (%s MB; %s) vs age-encrypting the bytes",
		fmt.Sprintf("%.0f", r.get("BenchmarkSync/export/tdkt", "file-MB")), rd), "BenchmarkSync/export", peak("BenchmarkSync/export/tdkt"))
	pair(fmt.Sprintf("sync import: 10,000 dossiers + 5,000 scans into a new province office vs bbolt put (the first import of the process: %s)",
		dur(r.first("BenchmarkSync/import/tdkt", "ns/op")/1e6)), "BenchmarkSync/import", peak("BenchmarkSync/import/tdkt"))
	pair("sync import: the same into the demo's own database (province 1 GB, large 5 GB) vs bbolt put into a copy", "BenchmarkSync/import-province",
		peak("BenchmarkSync/import-province/tdkt"))
	if v := r.ms("BenchmarkSyncStoredProvince"); !math.IsNaN(v) {
		t := r.ms("BenchmarkSync/import-province/tdkt")
		row(fmt.Sprintf("reference, not a floor: bbolt putting every key the import into the demo's own database added or changed (%s keys, %.0f MB) into a copy of it",
			num(r.get("BenchmarkSyncStoredProvince", "keys")), r.get("BenchmarkSyncStoredProvince", "MB")), dur(t), dur(v), ratio(t, v), "")
	}
	if v := r.ms("BenchmarkSyncStored"); !math.IsNaN(v) {
		t := r.ms("BenchmarkSync/import/tdkt")
		row(fmt.Sprintf("reference, not a floor: bbolt putting every key the import into a new office stored (%s keys, %.0f MB: records, scans, indexes, search words, rows, facts, journal, audit) into a copy of it",
			num(r.get("BenchmarkSyncStored", "keys")), r.get("BenchmarkSyncStored", "MB")), dur(t), dur(v), ratio(t, v), "")
	}
	if v := r.ms("BenchmarkSyncFull"); !math.IsNaN(v) {
		rd := "readable by the commune"
		if r.get("BenchmarkSyncFull", "readable") == 0 {
			rd = "**not readable by the commune**"
		}
		row(fmt.Sprintf("sync export: the province's full bundle to a new commune (%.0f MB; %s)",
			r.get("BenchmarkSyncFull", "file-MB"), rd), dur(v), "—", "—", peak("BenchmarkSyncFull"))
		if t := r.get("BenchmarkSyncFull", "import-s"); !math.IsNaN(t) {
			row(fmt.Sprintf("sync import: that full bundle into the commune (%s records, read from its file pass after pass, in parts of at most 20,000 records or 16 MB)", num(r.get("BenchmarkSyncFull", "import-added"))),
				dur(t*1000), "—", "—", fmt.Sprintf("heap +%s, anon +%s", mb(r.max("BenchmarkSyncFull", "import-heap-MB")), mb(r.max("BenchmarkSyncFull", "import-anon-MB"))))
		}
	}

	// targets
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| target | measured | verdict |")
	fmt.Fprintln(w, "|---|---|---|")
	verdict := func(ok bool, v float64) string {
		if math.IsNaN(v) {
			return "not measured"
		}
		if ok {
			return "met"
		}
		return "**not met**"
	}
	target := func(what string, v, limit float64, shown string) {
		fmt.Fprintf(w, "| %s | %s | %s |\n", what, shown, verdict(v <= limit, v))
	}
	rt := func(n string) float64 { return r.ms(n+"/tdkt") / r.ms(n+"/floor") }
	v := rt("BenchmarkRegister")
	target("register within 1.5× of the StreamWriter floor", v, 1.5, fmt.Sprintf("%.2f×", v))
	mem := c["register-cli"].anon
	if !c["register-cli"].present {
		mem = r.max("BenchmarkRegister/tdkt", "peak-anon-MB")
	}
	target("full province register peak memory < 300 MB", mem, 300, mb(mem)+" anonymous (Go heap, stacks; the mapped database file is page cache)")
	for _, f := range []string{"0602", "0603"} {
		n := "BenchmarkReturns/" + f
		fl := r.get(n, "floor-ms")
		v := r.get(n, "tdkt-ms") / fl
		target("return "+f+" within 1.5× of the StreamWriter floor", v, 1.5, fmt.Sprintf("%.2f× (the sheet alone: %s; written as the floor writes: %s)",
			v, ratio(r.get(n, "sheet-ms"), fl), ratio(r.get(n, "plain-ms"), fl)))
	}
	v = rt("BenchmarkDecisionPDF")
	target("decision PDF within 1.5× of the gofpdf floor", v, 1.5, fmt.Sprintf("%.2f×", v))
	v = rt("BenchmarkCertificates")
	target("certificates within 1.5× of the gofpdf floor", v, 1.5, fmt.Sprintf("%.2f×", v))
	v = r.get("BenchmarkSearch", "p95-ms")
	target("search p95 < 20 ms", v, 20, dur(v))
	v = r.ms("BenchmarkHome/total")
	target("home screen < 300 ms", v, 300, dur(v)+" (figures alone "+dur(r.ms("BenchmarkHome/figures"))+")")
	// the slowest list per dossier, scaled to 20k: the filters' fixed
	// costs are multiplied with it, so this errs on the slow side
	v, worst := math.NaN(), ""
	for _, l := range []string{"status", "year+status", "year+text", "all"} {
		if x := r.get("BenchmarkDossierList/"+l, "ms/20k"); !math.IsNaN(x) && (math.IsNaN(v) || x > v) {
			v, worst = x, l
		}
	}
	target("filtered list of 20k dossiers ready < 300 ms", v, 300, dur(v)+" (the slowest list, \""+worst+"\", "+
		num(r.get("BenchmarkDossierList/"+worst, "dossiers"))+" dossiers, scaled to 20k)")
	v = rt("BenchmarkSync/import")
	target("bundle import within 2× of the bbolt floor (new office)", v, 2, fmt.Sprintf("%.1f×", v))
	v = rt("BenchmarkSync/import-province")
	target("bundle import within 2× of the bbolt floor (province database)", v, 2, fmt.Sprintf("%.1f×", v))
	if len(logs) > 0 {
		fmt.Fprintln(w)
		for _, l := range logs {
			fmt.Fprintln(w, "    "+l)
		}
	}
}
