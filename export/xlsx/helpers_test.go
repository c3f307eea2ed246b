package xlsx

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/export"
)

// writeFile renders into a real .xlsx in the test's temporary directory,
// through the same atomic writer the application uses.
func writeFile(t *testing.T, name string, render func(io.Writer) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := export.WriteFile(path, render); err != nil {
		t.Fatalf("write %s: %v", name, err)
	}
	return path
}

// openBook opens a written workbook and closes it with the test.
func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// raw is a cell's stored value, without number formatting.
func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read %s!%s: %v", sheet, cell, err)
	}
	return v
}

// text is a cell's displayed value.
func text(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatalf("read %s!%s: %v", sheet, cell, err)
	}
	return v
}

// wantNumber checks that a cell is stored as a number (not text) with the
// given value.
func wantNumber(t *testing.T, f *excelize.File, sheet, cell string, want float64) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s!%s has type %v, want a number", sheet, cell, typ)
	}
	got, err := strconv.ParseFloat(raw(t, f, sheet, cell), 64)
	if err != nil {
		t.Errorf("%s!%s = %q, not a number", sheet, cell, raw(t, f, sheet, cell))
		return
	}
	if got != want {
		t.Errorf("%s!%s = %v, want %v", sheet, cell, got, want)
	}
}

// wantText checks that a cell holds text (not a number) equal to want.
func wantText(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("%s!%s has type %v, want text", sheet, cell, typ)
	}
	if got := raw(t, f, sheet, cell); got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
	}
}

// numFmt is the custom number format of a cell's style.
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// sheetXML returns the XML of the first worksheet, for settings excelize
// has no getter for (the autofilter range).
func sheetXML(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, zf := range z.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	t.Fatal("no worksheet in " + path)
	return ""
}

// definedName returns what a sheet-scoped defined name refers to.
func definedName(f *excelize.File, name string) string {
	for _, d := range f.GetDefinedName() {
		if d.Name == name {
			return d.RefersTo
		}
	}
	return ""
}

// checkPrintSetup checks A4 landscape, one page wide and tall pages tall
// (0: any), repeated header rows.
func checkPrintSetup(t *testing.T, f *excelize.File, sheet string, tall int, titles string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != paperA4 || *pl.Orientation != "landscape" {
		t.Errorf("page size %d %s, want A4 landscape", *pl.Size, *pl.Orientation)
	}
	if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != tall {
		t.Errorf("fit to %v wide × %v tall, want 1 × %d", pl.FitToWidth, pl.FitToHeight, tall)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("fitToPage not set: Excel would ignore the fit-to-width setting")
	}
	m, err := f.GetPageMargins(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if *m.Left <= 0 || *m.Top <= 0 {
		t.Errorf("margins not set: %+v", m)
	}
	if got := definedName(f, "_xlnm.Print_Titles"); got != titles {
		t.Errorf("print titles %q, want %q", got, titles)
	}
}

// excelSerial is the Excel date serial of a day (1900 date system).
func excelSerial(y int, m time.Month, d int) float64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

// allDiacritics is a string with every Vietnamese vowel in every tone plus
// đ, upper and lower case, to prove the text survives the round trip.
const allDiacritics = "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ " +
	"AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ"

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// testHeader heads the returns the tests render.
func testHeader() ReturnHeader {
	return ReturnHeader{Reporter: "Sở Nội vụ tỉnh Sơn Lâm", Receiver: "Bộ Nội vụ", Year: 2025,
		Made: tdkt.D(2025, 12, 10), Place: "Sơn Lâm", Signer: "Hoàng Thị Nguyệt", Preparer: "Đỗ Văn Ước"}
}
