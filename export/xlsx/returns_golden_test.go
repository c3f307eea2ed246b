package xlsx

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden dumps under testdata")

// TestReturnLayoutGolden pins what a return looks like, cell by cell: every
// value and its type, every cell's style (font, alignment, borders, fill,
// number format), merges, column widths, row heights, panes and print
// settings, for the three forms filled from fixed facts. It was written
// against the first rendering (the ordinary excelize API) before the sheet
// moved to the StreamWriter, so that the change could not alter the form.
// Storage details that no reader sees (shared or inline strings, style
// numbering) are left out of the dump on purpose.
func TestReturnLayoutGolden(t *testing.T) {
	h := testHeader()
	r := rand.New(rand.NewPCG(7, 8))
	facts := randomFacts(r, 300)
	moves := randomMovements(r, 50)
	cases := []struct {
		form   string
		render func(io.Writer) error
	}{
		{"0601.N", func(w io.Writer) error { return Return0601(w, h, moves) }},
		{"0602.N", func(w io.Writer) error { return Return0602(w, h, facts) }},
		{"0603.N", func(w io.Writer) error { return Return0603(w, h, facts) }},
		// an empty return: no year, no date, no names
		{"0602.N-empty", func(w io.Writer) error { return Return0602(w, ReturnHeader{}, nil) }},
	}
	for _, c := range cases {
		t.Run(c.form, func(t *testing.T) {
			f := openBook(t, writeFile(t, "r.xlsx", c.render))
			got := dumpBook(t, f)
			golden := filepath.Join("testdata", "return-"+c.form+".golden")
			if *updateGolden {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := range max(len(gl), len(wl)) {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from the golden dump at line %d:\n got: %s\nwant: %s", c.form, i+1, g, w)
					}
				}
			}
		})
	}
}

// dumpBook describes every sheet of f as text, one fact per line.
func dumpBook(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, sh := range f.GetSheetList() {
		p("sheet %q", sh)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		must(err)
		// The styled area reaches past the last value (empty bordered
		// cells), so scan a margin beyond it.
		lastRow, lastCol := len(rows)+3, 0
		for _, r := range rows {
			lastCol = max(lastCol, len(r))
		}
		lastCol += 3
		for c := 1; c <= lastCol; c++ {
			w, err := f.GetColWidth(sh, colName(c))
			must(err)
			p("col %s width %g", colName(c), w)
		}
		for r := 1; r <= lastRow; r++ {
			ht, err := f.GetRowHeight(sh, r)
			must(err)
			p("row %d height %g", r, ht)
			for c := 1; c <= lastCol; c++ {
				ref := cellName(c, r)
				v, err := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
				must(err)
				typ, err := f.GetCellType(sh, ref)
				must(err)
				sid, err := f.GetCellStyle(sh, ref)
				must(err)
				if v == "" && typ == excelize.CellTypeUnset && sid == 0 {
					continue
				}
				kind := map[excelize.CellType]string{excelize.CellTypeUnset: "none",
					excelize.CellTypeSharedString: "string", excelize.CellTypeInlineString: "string",
					excelize.CellTypeNumber: "number"}[typ]
				if kind == "" {
					kind = fmt.Sprintf("type%d", typ)
				}
				p("  %s %s %q style{%s}", ref, kind, v, describeStyle(t, f, sid))
			}
		}
		merges, err := f.GetMergeCells(sh)
		must(err)
		var ms []string
		for _, m := range merges {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		slices.Sort(ms)
		p("merges %s", strings.Join(ms, " "))
		panes, err := f.GetPanes(sh)
		must(err)
		p("panes %+v", panes)
		pl, err := f.GetPageLayout(sh)
		must(err)
		p("page size=%d orient=%s fitW=%d fitH=%d", deref(pl.Size), deref(pl.Orientation),
			deref(pl.FitToWidth), deref(pl.FitToHeight))
		props, err := f.GetSheetProps(sh)
		must(err)
		p("fitToPage %v", deref(props.FitToPage))
		pm, err := f.GetPageMargins(sh)
		must(err)
		p("margins l=%g r=%g t=%g b=%g h=%g f=%g hcenter=%v", deref(pm.Left), deref(pm.Right), deref(pm.Top),
			deref(pm.Bottom), deref(pm.Header), deref(pm.Footer), deref(pm.Horizontally))
		hf, err := f.GetHeaderFooter(sh)
		must(err)
		p("footer %q header %q", hf.OddFooter, hf.OddHeader)
	}
	for _, dn := range f.GetDefinedName() {
		p("defined %s scope=%s refers=%s", dn.Name, dn.Scope, dn.RefersTo)
	}
	return b.String()
}

func deref[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

// describeStyle spells out a style by what it looks like, not its number.
func describeStyle(t *testing.T, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	if fn := st.Font; fn != nil {
		parts = append(parts, fmt.Sprintf("font=%s/%g bold=%v italic=%v", fn.Family, fn.Size, fn.Bold, fn.Italic))
	}
	if a := st.Alignment; a != nil {
		parts = append(parts, fmt.Sprintf("align=%s/%s wrap=%v indent=%d", a.Horizontal, a.Vertical, a.WrapText, a.Indent))
	}
	for _, bd := range st.Border {
		parts = append(parts, fmt.Sprintf("border=%s/%d/%s", bd.Type, bd.Style, bd.Color))
	}
	if st.Fill.Type != "" {
		parts = append(parts, fmt.Sprintf("fill=%s/%d/%v", st.Fill.Type, st.Fill.Pattern, st.Fill.Color))
	}
	if st.CustomNumFmt != nil {
		parts = append(parts, "numfmt="+*st.CustomNumFmt)
	} else if st.NumFmt != 0 {
		parts = append(parts, fmt.Sprintf("numfmt#%d", st.NumFmt))
	}
	return strings.Join(parts, " ")
}
