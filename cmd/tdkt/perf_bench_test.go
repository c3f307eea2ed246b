package main

// Province-scale benchmarks of the exports that this package feeds from
// the store (the register, the returns) and of the sync bundles, each
// beside its floor: the same output written with the raw library alone
// (tdkt/bench/floors). They skip unless TDKT_BENCH_DB names a province
// database; bench/run.sh builds one and prints the table.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	tdktpkg "tdkt"
	"tdkt/bench/floors"
	"tdkt/bench/measure"
	"tdkt/export"
	"tdkt/export/bundle"
	"tdkt/export/xlsx"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// benchFrom and benchTo cover every achievement year of the demo
// (2006–2025) and the current one: the full register.
const benchFrom, benchTo = 2000, 2026

// BenchmarkRegister exports the full register of the province as the
// command does (sheetRender → jobs.RegisterRows → xlsx.Register, written with
// export.WriteFile), and the floor: excelize's StreamWriter writing the
// same rows and cells (same columns, value types and count) from memory.
// With TDKT_BENCH_CSV set, it also writes those rows as CSV for the
// LibreOffice comparison in bench/run.sh.
func BenchmarkRegister(b *testing.B) {
	path := measure.DB(b)
	dir := b.TempDir()
	b.Run("tdkt", func(b *testing.B) {
		d, err := openRO(path)
		if err != nil {
			b.Fatal(err)
		}
		defer d.Close()
		out := filepath.Join(dir, "so.xlsx")
		var peak *measure.Peak
		b.ResetTimer()
		for i := range b.N {
			if i == b.N-1 {
				peak = measure.StartPeak()
			}
			render, err := sheetRender(d, "register", benchFrom, benchTo, "")
			if err != nil {
				b.Fatal(err)
			}
			if err := export.WriteFile(out, render); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		peak.Report(b)
		benchReportFile(b, out)
	})
	b.Run("floor", func(b *testing.B) {
		sheet, err := benchRegisterSheet(path)
		if err != nil {
			b.Fatal(err)
		}
		if p := os.Getenv("TDKT_BENCH_CSV"); p != "" {
			if err := benchWriteCSV(p, sheet); err != nil {
				b.Fatal(err)
			}
		}
		out := filepath.Join(dir, "floor.xlsx")
		var peak *measure.Peak
		b.ResetTimer()
		for i := range b.N {
			if i == b.N-1 {
				peak = measure.StartPeak()
			}
			if err := measure.WriteFile(out, func(w io.Writer) error { return floors.XLSX(w, benchSplitSheet(sheet)) }); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		peak.Report(b)
		b.ReportMetric(float64(len(sheet.Rows)), "rows")
		benchReportFile(b, out)
	})
}

func benchReportFile(b *testing.B, path string) {
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
	}
}

// benchRegisterSheet reads the register's rows through jobs.RegisterRows, as the
// export does, and turns each into the twelve cell values xlsx.Register
// writes (the text of "Chức vụ, đơn vị" and the labels follow
// export/xlsx/register.go), so that the floor writes the same cells.
// benchSplitSheet cuts the floor's register into sheets of a million lines,
// as xlsx.Register does: a sheet holds at most 1,048,576 rows, and the
// large province has more awards than that.
func benchSplitSheet(s floors.Sheet) []floors.Sheet {
	const per = 1_000_000
	if len(s.Rows) <= per {
		return []floors.Sheet{s}
	}
	var out []floors.Sheet
	for i := 0; i*per < len(s.Rows); i++ {
		part := s
		if i > 0 {
			part.Name = fmt.Sprintf("%s (%d)", s.Name, i+1)
		}
		part.Rows = s.Rows[i*per : min((i+1)*per, len(s.Rows))]
		out = append(out, part)
	}
	return out
}

func benchRegisterSheet(path string) (floors.Sheet, error) {
	s := floors.Sheet{Name: "Sổ khen thưởng", Cols: []floors.Col{
		{Width: 6}, {Width: 13}, {Width: 26, Wrap: true}, {Width: 34, Wrap: true}, {Width: 10},
		{Width: 28, Wrap: true}, {Width: 9}, {Width: 14}, {Width: 12, NumFmt: "dd/mm/yyyy"},
		{Width: 18, Wrap: true}, {Width: 14, NumFmt: "#,##0"}, {Width: 8}}}
	d, err := openRO(path)
	if err != nil {
		return s, err
	}
	defer d.Close()
	err = d.View(func(tx *store.Tx) error {
		off, err := tx.OfficeRecord()
		if err != nil {
			return err
		}
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		s.Header = [][]any{{off.IssuingBody}, {"SỔ THEO DÕI KHEN THƯỞNG"},
			{fmt.Sprintf("Từ năm %d đến năm %d", benchFrom, benchTo)}, {"Ngày lập sổ"},
			{"STT", "Số vào sổ", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Cá nhân/ Tập thể",
				"Hình thức khen thưởng", "Năm thành tích", "Số quyết định", "Ngày quyết định", "Người ký",
				"Tiền thưởng (đồng)", "Đã in bằng"}}
		n := 0
		for r, err := range jobs.RegisterRows(context.Background(), tx, cat, benchFrom, benchTo, nil) {
			if err != nil {
				return err
			}
			n++
			a := r.Award
			award := r.AwardName
			if a.Revoked {
				award += " (đã hủy bỏ)"
			}
			var year, date any
			if a.Year != 0 {
				year = a.Year
			}
			if !a.DecisionDate.IsZero() {
				date = a.DecisionDate.Time()
			}
			printed := "Không"
			if a.CertPrinted {
				printed = "Có"
			}
			s.Rows = append(s.Rows, []any{n, a.Number, a.Name, benchPositionUnit(a.Position, r.Unit),
				map[tdktpkg.Subject]string{tdktpkg.SubjectPerson: "Cá nhân", tdktpkg.SubjectCollective: "Tập thể",
					tdktpkg.SubjectFamily: "Hộ gia đình"}[a.Subject],
				award, year, a.DecisionNo, date, a.Signer, a.Bonus, printed})
		}
		return nil
	})
	return s, err
}

// benchPositionUnit copies export/xlsx's rule for "Chức vụ, đơn vị".
func benchPositionUnit(position, unit string) string {
	switch {
	case unit == "":
		return position
	case position == "":
		return unit
	case strings.Contains(strings.ToLower(position), strings.ToLower(unit)):
		return position
	}
	return position + ", " + unit
}

// benchWriteCSV writes the sheet's header and rows as UTF-8 CSV, dates as
// dd/mm/yyyy, the way an office would paste the register into LibreOffice.
func benchWriteCSV(path string, s floors.Sheet) error {
	return measure.WriteFile(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		rec := make([]string, len(s.Cols))
		for _, r := range append(s.Header[len(s.Header)-1:], s.Rows...) {
			for i := range rec {
				rec[i] = ""
				if i >= len(r) || r[i] == nil {
					continue
				}
				switch v := r[i].(type) {
				case time.Time:
					rec[i] = v.Format("02/01/2006")
				default:
					rec[i] = fmt.Sprint(v)
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// benchReturnsYear is the year whose decisions the returns count: the demo's
// last complete year of decisions.
const benchReturnsYear = 2025

// BenchmarkReturns exports one year's returns 0602 and 0603 four ways,
// taking turns within one loop so that a change of load on the machine
// falls on all four alike, and reports each one's median time per return:
//
//   - tdkt-ms: as the window makes it (ui/exportjobs.go): the office and
//     the catalogue held since the window opened, the facts read in one
//     transaction (jobs.Return), the sheet written with export.WriteFile
//     (temporary file, sync, rename, folder sync);
//   - sheet-ms: the sheet alone from facts gathered beforehand, written the
//     same way;
//   - plain-ms: that sheet written as the floor writes (create, sync), without
//     the temporary file, rename and folder sync that keep a half-written
//     return from ever bearing its name;
//   - floor-ms: excelize's StreamWriter writing the same cells, read back
//     from tdkt's file, written as plain-ms is.
//
// A return takes a few milliseconds, so a garbage collection or another
// job's burst moves a single one by half; medians of interleaved runs are
// what the ratio can rest on. ns/op is the four together. After the loop:
// the command's way (cli-ms: reading the office and the catalogue each
// time, as one run of `tdkt export returns` does) and the facts alone
// (facts-ms, with the catalogue read as the command does).
func BenchmarkReturns(b *testing.B) {
	path := measure.DB(b)
	// a file an older version wrote is upgraded by its first writable
	// open, as the window does; the read-only opens below need that
	if d, err := store.Open(path, store.Options{Timeout: time.Minute}); err != nil {
		b.Fatal(err)
	} else if err := d.Close(); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, form := range []string{"0602", "0603"} {
		b.Run(form, func(b *testing.B) {
			d, err := openRO(path)
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			var off *tdktpkg.Office
			var cat *tdktpkg.Catalog
			var facts []xlsx.Fact
			if err := d.View(func(tx *store.Tx) (err error) {
				if off, err = tx.OfficeRecord(); err != nil {
					return err
				}
				if cat, err = tx.Catalog(); err != nil {
					return err
				}
				facts, err = jobs.AwardFacts(context.Background(), tx, cat, benchReturnsYear)
				return err
			}); err != nil {
				b.Fatal(err)
			}
			h := jobs.ReturnHeader(off, benchReturnsYear, tdktpkg.Today())
			sheet := xlsx.Return0602
			if form == "0603" {
				sheet = xlsx.Return0603
			}
			out := filepath.Join(dir, form+".xlsx")
			sh := filepath.Join(dir, form+"-sheet.xlsx")
			fl := filepath.Join(dir, form+"-floor.xlsx")
			window := func() error {
				var write func(io.Writer) error
				if err := d.View(func(tx *store.Tx) (err error) {
					write, err = jobs.Return(context.Background(), tx, cat, h, form)
					return err
				}); err != nil {
					return err
				}
				return export.WriteFile(out, write)
			}
			// the floor reads back what tdkt wrote
			if err := window(); err != nil {
				b.Fatal(err)
			}
			sheets, err := benchReadBack(out)
			if err != nil {
				b.Fatal(err)
			}
			cells := 0
			for _, s := range sheets {
				for _, r := range s.Rows {
					cells += len(r)
				}
			}
			ways := []struct {
				unit string
				run  func() error
			}{
				{"tdkt-ms", window},
				{"sheet-ms", func() error {
					return export.WriteFile(sh, func(w io.Writer) error { return sheet(w, h, facts) })
				}},
				{"plain-ms", func() error {
					return measure.WriteFile(sh, func(w io.Writer) error { return sheet(w, h, facts) })
				}},
				{"floor-ms", func() error {
					return measure.WriteFile(fl, func(w io.Writer) error { return floors.XLSX(w, sheets) })
				}},
			}
			took := make([][]time.Duration, len(ways))
			b.ResetTimer()
			for i := range b.N {
				// each way goes first in turn
				for j := range ways {
					k := (i + j) % len(ways)
					start := time.Now()
					if err := ways[k].run(); err != nil {
						b.Fatalf("%s: %v", ways[k].unit, err)
					}
					took[k] = append(took[k], time.Since(start))
				}
			}
			b.StopTimer()
			for k, w := range ways {
				b.ReportMetric(measure.Ms(measure.Percentile(took[k], 50)), w.unit)
			}
			b.ReportMetric(float64(cells), "cells")

			// the command's way, reading the office and the catalogue
			// each time (once per run of the command)
			start := time.Now()
			for range b.N {
				render, err := sheetRender(d, "returns", benchReturnsYear, 0, form)
				if err != nil {
					b.Fatal(err)
				}
				if err := export.WriteFile(out, render); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(measure.Ms(time.Since(start))/float64(b.N), "cli-ms")
			// the facts alone, with the catalogue read as the command
			// reads it
			var gather time.Duration
			n, rounds := 0, min(b.N, 20)
			for range rounds {
				start := time.Now()
				err := d.View(func(tx *store.Tx) error {
					cat, err := tx.Catalog()
					if err != nil {
						return err
					}
					fs, err := jobs.AwardFacts(context.Background(), tx, cat, benchReturnsYear)
					// one fact per award counter: report the awards
					// they stand for, as before the counters
					n = 0
					for _, f := range fs {
						n += max(f.N, 1)
					}
					return err
				})
				gather += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(measure.Ms(gather)/float64(rounds), "facts-ms")
			b.ReportMetric(float64(n), "facts")
		})
	}
}

// benchReadBack reads every sheet of a workbook into floor sheets, numbers as
// numbers.
func benchReadBack(path string) ([]floors.Sheet, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []floors.Sheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		s := floors.Sheet{Name: name}
		width := 0
		for _, r := range rows {
			vals := make([]any, len(r))
			for i, c := range r {
				if n, err := strconv.Atoi(c); err == nil {
					vals[i] = n
				} else if c != "" {
					vals[i] = c
				}
			}
			width = max(width, len(r))
			s.Rows = append(s.Rows, vals)
		}
		for range width {
			s.Cols = append(s.Cols, floors.Col{Width: 12, Wrap: true})
		}
		out = append(out, s)
	}
	return out, nil
}

// benchSyncSize is the number of dossiers a commune sends in the benchmark
// bundle, each with one scanned attachment of a few kilobytes.
const benchSyncSize = 10000

// benchImportScans is the number of distinct scans in the bundle the import
// benchmarks apply. A bundle's manifest lists every attachment (about 170
// bytes each) and bundle.Read refuses manifests over 1 MiB, so a bundle
// with 10,000 distinct scans is written but can never be read (the
// benchmark reports it as "readable 0"); the import therefore applies
// 10,000 dossiers whose scans are shared in pairs.
const benchImportScans = benchSyncSize / 2

// benchSync is what the sync benchmarks share: a commune office with
// benchSyncSize dossiers and a new province office that trust each other, and
// the commune's bundle to the province, decoded.
type benchSync struct {
	dir             string
	commune, prov   string // office databases
	bundle          string // the commune's bundle to the province
	readErr         error  // why the province cannot read it, if it cannot
	recs            []bundle.Record
	blobs           map[string][]byte
	provAge, ageKey string
	ident           []byte // the province's key pair
	peer            *store.Peer
}

func benchCLI(args ...string) error {
	var out, errOut bytes.Buffer
	if err := run(args, &out, &errOut); err != nil {
		return fmt.Errorf("tdkt %s: %w: %s", strings.Join(args, " "), err, errOut.String())
	}
	return nil
}

// newBenchSync sets the two offices up through the command line, as
// cmd/tdkt/sync_test.go does, fills the commune with benchSyncSize dossiers
// whose attachments come from scans distinct scans, and has it write its
// bundle to the province.
func newBenchSync(b *testing.B, scans int) *benchSync {
	b.Helper()
	s := &benchSync{dir: b.TempDir()}
	s.commune = filepath.Join(s.dir, "xa.db")
	s.prov = filepath.Join(s.dir, "tinh.db")
	steps := [][]string{
		{"office", "init", "--db", s.commune, "--code", "SL-X001", "--name", "Xã Nậm Xé", "--level", "commune"},
		{"office", "init", "--db", s.prov, "--code", "SL", "--name", "Sở Nội vụ tỉnh Sơn Lâm", "--level", "province"},
		{"office", "export-key", "--db", s.commune, "--out", filepath.Join(s.dir, "xa.key")},
		{"office", "export-key", "--db", s.prov, "--out", filepath.Join(s.dir, "tinh.key")},
		{"office", "trust", "--db", s.commune, filepath.Join(s.dir, "tinh.key")},
		{"office", "trust", "--db", s.prov, filepath.Join(s.dir, "xa.key")},
	}
	for _, a := range steps {
		if err := benchCLI(a...); err != nil {
			b.Fatal(err)
		}
	}
	p, err := store.Open(s.prov, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p.View(func(tx *store.Tx) error {
		s.ident = tx.Identity()
		s.peer, err = tx.Peer("SL-X001")
		return err
	})
	p.Close()
	if err != nil {
		b.Fatal(err)
	}
	id, err := bundle.ParseIdentity(s.ident)
	if err != nil {
		b.Fatal(err)
	}
	s.provAge, s.ageKey = id.Age, id.AgePriv

	c, err := store.Open(s.commune, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	const batch = 500
	for i := 0; i < benchSyncSize; i += batch {
		err := c.Update("setup", func(tx *store.Tx) error {
			for j := i; j < min(i+batch, benchSyncSize); j++ {
				if err := tx.Put(benchDossier(tx, j, scans)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	me, err := identity(c)
	if err != nil {
		b.Fatal(err)
	}
	if s.bundle, err = syncExport(c, "setup", me, "SL", s.dir, "", false); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(s.bundle)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	bd, err := bundle.Read(f, id, "", func(string) (bundle.Key, error) {
		return bundle.Key{Code: me.Code, Name: me.Name, Level: me.Level, Sign: me.Sign, Age: me.Age}, nil
	})
	if err != nil {
		s.readErr = err
		return s
	}
	s.recs, s.blobs = bd.Records, bd.Blobs
	if len(s.recs) != benchSyncSize || len(s.blobs) != scans {
		b.Fatalf("gói có %d bản ghi, %d tệp; cần %d, %d", len(s.recs), len(s.blobs), benchSyncSize, scans)
	}
	return s
}

// provinceCopy copies the province demo into dir and makes it the same
// office as s.prov (its key pair and its trust in the commune), so that
// the bundle opens there too.
func (s *benchSync) provinceCopy(b *testing.B, demoDB string) string {
	b.Helper()
	path := filepath.Join(s.dir, "province.db")
	if err := measure.CopyFile(path, demoDB); err != nil {
		b.Fatal(err)
	}
	big, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer big.Close()
	err = big.Update("setup", func(tx *store.Tx) error {
		if err := tx.SetIdentity(s.ident); err != nil {
			return err
		}
		return tx.PutPeer(s.peer)
	})
	if err != nil {
		b.Fatal(err)
	}
	return path
}

var benchNames = []string{"Giàng A Páo", "Lò Thị Xuân", "Nguyễn Văn Thịnh", "Triệu Tài Vần", "Vàng Seo Chứ",
	"Hoàng Thị Bích", "Sùng Mí Dế", "Lường Văn Pẩng", "Trần Thị Hồng", "Thào A Sình"}

// benchDossier is the commune's j-th dossier: three candidates and a
// scanned proposal of 3–6 KB, the (j mod scans)-th of scans distinct ones.
func benchDossier(tx *store.Tx, j, scans int) *tdktpkg.Dossier {
	n := j % scans
	scan := make([]byte, 3072+n%3072)
	copy(scan, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	for k := 16; k < len(scan); k++ {
		scan[k] = byte((n*7919 + k*31) ^ (k >> 3))
	}
	copy(scan[len(scan)-10:], fmt.Sprintf("%010d", n))
	sum, _ := tx.PutBlob(scan)
	d := &tdktpkg.Dossier{Title: fmt.Sprintf("Đề nghị công nhận danh hiệu thi đua năm 2026 (%d)", j), Year: 2026,
		UnitID: "SL-X001-U0000001", Method: tdktpkg.MethodRegular, Status: tdktpkg.StatusReceived,
		Received: tdktpkg.D(2026, time.November, 1+j%28), Ref: fmt.Sprintf("%d/TTr-UBND", j+1),
		Attachments: []tdktpkg.Attachment{{Name: "to-trinh.pdf", SHA256: sum, Size: int64(len(scan)), Type: "application/pdf"}}}
	for k := range 3 {
		d.Candidates = append(d.Candidates, tdktpkg.Candidate{ID: fmt.Sprintf("C%d", k+1), Subject: tdktpkg.SubjectPerson,
			Name: benchNames[(j+k)%len(benchNames)], Position: "Công chức Văn phòng – Thống kê", AwardCode: "LDTT"})
	}
	return d
}

// BenchmarkSync measures a commune's bundle of 10,000 dossiers with their
// scans: writing it (tdkt: syncExport; floor: age-encrypting the same
// bytes into a synced file) and applying it (tdkt: syncImport into a new
// province office and into a copy of the 1 GB province database; floor:
// bbolt putting the same record and attachment bytes in one transaction).
//
// export writes 10,000 distinct scans and reports whether the province
// can read the result (readable 1 or 0); import applies 10,000 dossiers
// with 5,000 distinct scans, the most a readable bundle of this size
// carries (see benchImportScans).
func BenchmarkSync(b *testing.B) {
	demoDB := measure.DB(b)
	b.Run("export", func(b *testing.B) {
		s := newBenchSync(b, benchSyncSize)
		b.Run("tdkt", func(b *testing.B) {
			c, me := openOffice(b, s.commune, store.Options{})
			defer c.Close()
			var err error
			out := b.TempDir()
			var peak *measure.Peak
			var path string
			b.ResetTimer()
			for i := range b.N {
				if i == b.N-1 {
					peak = measure.StartPeak()
				}
				if path, err = syncExport(c, "setup", me, "SL", out, "", false); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			peak.Report(b)
			benchReportFile(b, path)
			readable := 1.0
			if s.readErr != nil {
				readable = 0
				b.Logf("the province cannot read the bundle: %v", s.readErr)
			}
			b.ReportMetric(readable, "readable")
		})
		b.Run("floor", func(b *testing.B) {
			// the same bytes: the records as the bundle encodes them and
			// every scan, read straight from the commune
			c, err := store.Open(s.commune, store.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			var recs bytes.Buffer
			var parts [][]byte
			err = c.View(func(tx *store.Tx) error {
				enc := json.NewEncoder(&recs)
				return tx.EachRaw(tdktpkg.KindDossier, func(r tdktpkg.Record, raw []byte) error {
					if err := enc.Encode(bundle.Record{Kind: r.Kind(), ID: r.Base().ID, Data: raw}); err != nil {
						return err
					}
					for _, a := range r.(*tdktpkg.Dossier).Attachments {
						parts = append(parts, tx.Blob(a.SHA256))
					}
					return nil
				})
			})
			c.Close()
			if err != nil {
				b.Fatal(err)
			}
			parts = append([][]byte{recs.Bytes()}, parts...)
			out := filepath.Join(b.TempDir(), "floor.age")
			b.ResetTimer()
			for range b.N {
				if err := measure.WriteFile(out, func(w io.Writer) error { return floors.Seal(w, s.provAge, parts) }); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			benchReportFile(b, out)
		})
	})
	s := newBenchSync(b, benchImportScans)
	if s.readErr != nil {
		b.Fatalf("the import bundle does not read: %v", s.readErr)
	}
	importInto := func(b *testing.B, pristine string) {
		work := filepath.Join(b.TempDir(), "work.db")
		var peak *measure.Peak
		added := 0
		for i := range b.N {
			b.StopTimer()
			d, me := openCopy(b, pristine, work)
			if i == b.N-1 {
				peak = measure.StartPeak()
			}
			b.StartTimer()
			res, err := syncImport(d, "setup", me, s.bundle, "")
			b.StopTimer()
			d.Close()
			if err != nil {
				b.Fatal(err)
			}
			added = res.Added
			b.StartTimer()
		}
		b.StopTimer()
		peak.Report(b)
		b.ReportMetric(float64(added), "added")
	}
	var kvs []floors.KV
	for _, r := range s.recs {
		kvs = append(kvs, floors.KV{Bucket: string(r.Kind), Key: []byte(r.ID), Value: r.Data})
	}
	for k, v := range s.blobs {
		kvs = append(kvs, floors.KV{Bucket: "blobs", Key: []byte(k), Value: v})
	}
	// putInto is the floor: the same bytes put into a copy of pristine
	// (or a new file) in one transaction.
	putInto := func(b *testing.B, pristine string) {
		out := filepath.Join(b.TempDir(), "floor.db")
		for range b.N {
			b.StopTimer()
			os.Remove(out)
			if pristine != "" {
				if err := measure.CopyFile(out, pristine); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			if err := floors.BoltPut(out, kvs); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("import", func(b *testing.B) {
		b.Run("tdkt", func(b *testing.B) { importInto(b, s.prov) })
		b.Run("floor", func(b *testing.B) { putInto(b, "") })
	})
	b.Run("import-province", func(b *testing.B) {
		big := s.provinceCopy(b, demoDB)
		b.Run("tdkt", func(b *testing.B) { importInto(b, big) })
		b.Run("floor", func(b *testing.B) { putInto(b, demoDB) })
	})
}

// openCopy copies the office database pristine to work and opens the
// copy with its identity.
func openCopy(b *testing.B, pristine, work string) (*store.DB, *bundle.Identity) {
	b.Helper()
	if err := measure.CopyFile(work, pristine); err != nil {
		b.Fatal(err)
	}
	return openOffice(b, work, store.Options{})
}

// openOffice opens an office database with its identity (key pair).
func openOffice(b *testing.B, path string, o store.Options) (*store.DB, *bundle.Identity) {
	b.Helper()
	d, err := store.Open(path, o)
	if err != nil {
		b.Fatal(err)
	}
	me, err := identity(d)
	if err != nil {
		d.Close()
		b.Fatal(err)
	}
	return d, me
}

// BenchmarkSyncFull writes the province's first, full bundle to a new
// commune — every record a commune may see, which in the demo is all of
// them — and reports its size, the exporter's peak memory and whether the
// commune can read it; then the commune imports it (time, peak memory).
// It takes minutes and gigabytes, so it runs only with TDKT_BENCH_FULL=1
// (bench/run.sh passes it on when set).
func BenchmarkSyncFull(b *testing.B) {
	demoDB := measure.DB(b)
	if os.Getenv("TDKT_BENCH_FULL") == "" {
		b.Skip("TDKT_BENCH_FULL is not set")
	}
	s := newBenchSync(b, 1)
	big := s.provinceCopy(b, demoDB)
	// the province must know the commune's keys, and the commune the
	// province's (the same pair s.prov has)
	d, me := openOffice(b, big, store.Options{})
	defer d.Close()
	c, cid := openOffice(b, s.commune, store.Options{ReadOnly: true})
	c.Close()
	out := b.TempDir()
	var path string
	var err error
	peak := measure.StartPeak()
	b.ResetTimer()
	for range b.N {
		if path, err = syncExport(d, "setup", me, "SL-X001", out, "", true); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	peak.Report(b)
	benchReportFile(b, path)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	// read through as the import's first pass reads it, not held whole
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	r, err := bundle.Open(f, st.Size(), cid, "", func(string) (bundle.Key, error) { return me.Key, nil })
	if err == nil {
		err = r.Each(func(bundle.Record) error { return nil }, func(string, []byte) error { return nil })
	}
	readable := 1.0
	if err != nil {
		readable = 0
		b.Logf("the commune cannot read the province's full bundle: %v", err)
	}
	b.ReportMetric(readable, "readable")
	if readable == 0 {
		return
	}
	// The commune then imports it, in parts as the window does.
	c, cme := openOffice(b, s.commune, store.Options{})
	defer c.Close()
	peak = measure.StartPeak()
	start := time.Now()
	res, err := syncImport(c, "setup", cme, path, "")
	took := time.Since(start)
	if err != nil {
		b.Fatalf("the commune's import of the full bundle: %v", err)
	}
	h, a := peak.Stop()
	b.ReportMetric(took.Seconds(), "import-s")
	b.ReportMetric(float64(res.Added), "import-added")
	b.ReportMetric(h, "import-heap-MB")
	b.ReportMetric(a, "import-anon-MB")
}
