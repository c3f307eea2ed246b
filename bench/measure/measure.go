// Package measure holds what the benchmarks share: the database they run
// against and copies of it, a peak-memory sampler, percentiles, a synced
// file writer and a PDF page and text counter. It imports nothing from tdkt, so benchmarks
// of any package may use it.
package measure

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"regexp"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// EnvDB names the variable that points the benchmarks at a province-scale
// database (bench/run.sh builds it into bench/.cache/province.db).
const EnvDB = "TDKT_BENCH_DB"

// DB returns the benchmark database, or skips the benchmark when none is
// set, so that `go test ./...` never needs the 1 GB file.
func DB(tb testing.TB) string {
	tb.Helper()
	p := os.Getenv(EnvDB)
	if p == "" {
		tb.Skip(EnvDB + " is not set: run bench/run.sh")
	}
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s=%s: %v", EnvDB, p, err)
	}
	return p
}

// Peak samples the process's memory every few milliseconds while an
// operation runs.
type Peak struct {
	stop     chan struct{}
	done     sync.WaitGroup
	mu       sync.Mutex
	base     uint64 // heap bytes (objects + unused spans) after a GC at Start
	heap     uint64 // highest heap bytes seen
	baseAnon uint64
	anon     uint64 // highest RssAnon seen
}

var heapSamples = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}

func heapBytes() uint64 {
	s := slices.Clone(heapSamples)
	metrics.Read(s)
	return s[0].Value.Uint64() + s[1].Value.Uint64()
}

// rssAnon is the process's resident anonymous memory (Go heap, stacks,
// runtime; not the database's memory-mapped pages, which the kernel can
// drop at any time) from /proc/self/status, 0 where there is none.
func rssAnon() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "RssAnon:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// StartPeak collects garbage, notes the baseline and starts sampling.
func StartPeak() *Peak {
	runtime.GC()
	p := &Peak{stop: make(chan struct{}), base: heapBytes(), baseAnon: rssAnon()}
	p.heap, p.anon = p.base, p.baseAnon
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			p.sample(i%4 == 0)
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *Peak) sample(proc bool) {
	h := heapBytes()
	var a uint64
	if proc {
		a = rssAnon()
	}
	p.mu.Lock()
	p.heap = max(p.heap, h)
	p.anon = max(p.anon, a)
	p.mu.Unlock()
}

// Stop ends sampling and returns the peak growth of the Go heap and of the
// resident anonymous memory over the baseline, in MB.
func (p *Peak) Stop() (heapMB, anonMB float64) {
	p.sample(true)
	close(p.stop)
	p.done.Wait()
	mb := func(peak, base uint64) float64 {
		if peak < base {
			return 0
		}
		return float64(peak-base) / (1 << 20)
	}
	return mb(p.heap, p.base), mb(p.anon, p.baseAnon)
}

// Report puts the peaks on b as peak-heap-MB and peak-anon-MB.
func (p *Peak) Report(b *testing.B) {
	h, a := p.Stop()
	b.ReportMetric(h, "peak-heap-MB")
	b.ReportMetric(a, "peak-anon-MB")
}

// Percentile is the p-th percentile (0..100) of ds by nearest rank.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Ms is d in milliseconds.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// WriteFile writes what render produces to path through a 64 KiB buffer
// and syncs it: the same file work tdkt's export.WriteFile does, so that
// floors and tdkt pay the same disk cost.
func WriteFile(path string, render func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := render(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var (
	streamRe = regexp.MustCompile(`>>\s*stream\r?\n`)
	pageRe   = regexp.MustCompile(`/Type\s*/Page[^s]`)
	textOpRe = regexp.MustCompile(`[)>]\s*Tj|\]\s*TJ`)
)

// PDFStats counts the pages of a PDF and the text-showing operators (Tj,
// TJ) in its streams, inflating the compressed ones, so that a floor can
// be checked to draw as many pages and text runs as tdkt.
func PDFStats(pdf []byte) (pages, texts int) {
	pages = len(pageRe.FindAll(pdf, -1))
	for _, m := range streamRe.FindAllIndex(pdf, -1) {
		start := m[1]
		end := bytes.Index(pdf[start:], []byte("endstream"))
		if end < 0 {
			continue
		}
		data := pdf[start : start+end]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if in, err := io.ReadAll(zr); err == nil {
				data = in
			}
			zr.Close()
		}
		texts += len(textOpRe.FindAll(data, -1))
	}
	return pages, texts
}

// CopyFile copies src to dst and syncs it, for benchmarks that write into
// a copy of the benchmark database (the copy is made before the clock
// starts). An office's database is on disk, not dirty in the page cache:
// unsynced, a copy of the 1 GB province file was written back by the first
// sync that came, the timed import's or its floor's commit, for whichever
// part the kernel had not yet written — 0.8 to 1.8 s for the same import.
func CopyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
