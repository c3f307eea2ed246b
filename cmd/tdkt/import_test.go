package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

func sheetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestRegisterRoundTrip: export the register, import it into an empty
// database, export again — the same rows.
func TestRegisterRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "demo.db"), filepath.Join(dir, "empty.db")
	if _, _, err := runCLI(t, "demo", "--db", src, "--quiet"); err != nil {
		t.Fatal(err)
	}
	first, second := filepath.Join(dir, "1.xlsx"), filepath.Join(dir, "2.xlsx")
	if _, _, err := runCLI(t, "export", "register", "--db", src, "--year", "2006", "--to", "2026", "--out", first); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "office", "init", "--db", dst, "--code", "SL", "--name", "Sở Nội vụ tỉnh Sơn Lâm", "--level", "province"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "import", "xlsx", "--db", dst, "--dry-run", first)
	if err != nil || !strings.Contains(out, "dry-run") {
		t.Fatalf("dry run: %q %v", out, err)
	}
	if o, _, _ := runCLI(t, "stats", "--db", dst); !strings.Contains(o, "award\t0\n") {
		t.Fatalf("dry run wrote: %s", o)
	}
	if out, _, err = runCLI(t, "import", "xlsx", "--db", dst, first); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "export", "register", "--db", dst, "--year", "2006", "--to", "2026", "--out", second); err != nil {
		t.Fatal(err)
	}
	a, b := sheetRows(t, first), sheetRows(t, second)
	// the office line (row 1) names each database's office
	if len(a) < 100 || !reflect.DeepEqual(a[1:], b[1:]) {
		for i := 1; i < min(len(a), len(b)); i++ {
			if !reflect.DeepEqual(a[i], b[i]) {
				t.Fatalf("row %d differs:\n%q\n%q", i+1, a[i], b[i])
			}
		}
		t.Fatalf("%d rows, then %d", len(a), len(b))
	}
	out, _, _ = runCLI(t, "import", "xlsx", "--db", dst, first)
	if !strings.Contains(out, "awards\t0\n") || !strings.Contains(out, "people\t0\n") {
		t.Errorf("second import added: %s", out)
	}
}

// officeSheet is shaped like a real office file: title rows, a merged
// two-row header, a numbering row, mixed date forms, NFD and TCVN3 text,
// capitals, blank and total rows.
func officeSheet(t *testing.T, path string, broken bool) {
	t.Helper()
	f := excelize.NewFile()
	s := f.GetSheetName(0)
	set := func(cell string, v any) { f.SetCellValue(s, cell, v) }
	set("A1", "UBND HUYỆN CŨ")
	set("A2", "DANH SÁCH KHEN THƯỞNG NĂM 2023 – 2024")
	f.MergeCell(s, "A2", "H2")
	for c, h := range []string{"STT", "Họ và tên", "Năm sinh", "Đơn vị", "Hình thức khen thưởng", "Quyết định", "", "Năm"} {
		cell, _ := excelize.CoordinatesToCellName(c+1, 4)
		set(cell, h)
	}
	f.MergeCell(s, "F4", "G4")
	set("F5", "Số")
	set("G5", "Ngày")
	for c := 1; c <= 8; c++ {
		cell, _ := excelize.CoordinatesToCellName(c, 6)
		set(cell, "("+string(rune('0'+c))+")")
	}
	rows := [][]any{
		{1, norm.NFD.String("Nguyễn Thị Ước"), 1985, "Trường Tiểu học Tân Phúc", "Lao động tiên tiến", "Số 12/QĐ-UBND", "05/3/2024", 2023},
		{2, "NGUYÔN V¡N AN", 1979, "Xã Nậm Xé", "LĐTT", "12/QĐ-UBND", "5-3-2024", 2023},
		{3, "Giàng A Páo", 1990, "Xã Nậm Xé", "Chiến sĩ thi đua cơ sở", "Số 15/QĐ-UBND ngày 10/01/2025", "", 2024},
		{},
		{4, "Trường Tiểu học Tân Phúc", "", "", "Tập thể lao động tiên tiến", "20/QĐ-UBND", 45678, 2024},
		{"", "Tổng cộng", "", "", "", "", "", ""},
	}
	if broken {
		rows = append(rows, []any{5, "", 1980, "Xã Nậm Xé", "Bằng khen bộ", "abc", "31/02/2024", 2024})
	}
	for i, r := range rows {
		for c, v := range r {
			cell, _ := excelize.CoordinatesToCellName(c+1, 7+i)
			set(cell, v)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestImportOfficeSheet(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "o.db")
	if _, _, err := runCLI(t, "office", "init", "--db", db, "--code", "SL", "--name", "Sở Nội vụ", "--level", "province"); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.xlsx")
	officeSheet(t, bad, true)
	out, _, err := runCLI(t, "import", "xlsx", "--db", db, bad)
	if err == nil {
		t.Fatal("a sheet with a broken row was imported")
	}
	for _, want := range []string{"dòng 13: thiếu họ tên", "dòng 13: không nhận ra hình thức khen thưởng \"Bằng khen bộ\"", "dòng 13: không đọc được số quyết định", "31/02/2024"} {
		if !strings.Contains(out+err.Error(), want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if o, _, _ := runCLI(t, "stats", "--db", db); !strings.Contains(o, "award\t0\n") || !strings.Contains(o, "person\t0\n") {
		t.Fatalf("a refused import wrote: %s", o)
	}
	good := filepath.Join(dir, "good.xlsx")
	officeSheet(t, good, false)
	out, _, err = runCLI(t, "import", "xlsx", "--db", db, good)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"header-row\t4", "rows\t4\n", "awards\t4\n", "people\t3\n", "units\t2\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	hits, _, _ := runCLI(t, "search", "--db", db, "nguyen van an")
	if !strings.Contains(hits, "Nguyễn Văn An") {
		t.Errorf("TCVN3 capitals not converted: %q", hits)
	}
	hits, _, _ = runCLI(t, "search", "--db", db, "uoc")
	if !strings.Contains(hits, "Nguyễn Thị Ước") {
		t.Errorf("NFD name not normalised: %q", hits)
	}
	out, _, _ = runCLI(t, "import", "xlsx", "--db", db, good)
	if !strings.Contains(out, "awards\t0\n") || !strings.Contains(out, "duplicates\t4\n") {
		t.Errorf("second import: %s", out)
	}
}
