package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"tdkt"
)

// oldRegister writes a small register as offices typed them before tdkt:
// title rows, a merged title, headings of their own ("Khen gì" is not a
// heading the importer knows) and a "Ghi chú" column.
func oldRegister(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	f.SetSheetName(sh, "Sổ 2024")
	sh = "Sổ 2024"
	f.SetCellValue(sh, "A1", "SỔ THEO DÕI KHEN THƯỞNG NĂM 2024")
	f.MergeCell(sh, "A1", "H1")
	f.SetCellValue(sh, "A2", "Trường Tiểu học Tân Phúc")
	rows := [][]any{
		{"STT", "Họ và tên", "Chức vụ, đơn vị", "Khen gì", "Năm", "Số QĐ", "Ngày QĐ", "Ghi chú"},
		{1, "Trần Thị Cúc", "Giáo viên, Trường Tiểu học Tân Phúc", "Lao động tiên tiến", 2024, "15/QĐ-UBND", "10/01/2025", "Nữ"},
		{2, "PHẠM VĂN DŨNG", "Hiệu trưởng, Trường Tiểu học Tân Phúc", "Chiến sĩ thi đua cơ sở", 2024, "16/QĐ-UBND", "12/01/2025", "Nam"},
		{3, "Hoàng Thị Én", "Nhân viên, Trường Tiểu học Tân Phúc", "Lao động tiên tiến", 2024, "15/QĐ-UBND", "10/01/2025", "chuyển trường 2025"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+4)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "so-cu-2024.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportWizard maps the columns of an old register, reports a broken
// row with its row number, and imports once the mapping is fixed.
func TestImportWizard(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	sh, _, _ := openShell(t, fx.path)
	sh.show(navRegister)
	r := sh.register
	r.wait()
	r.openImport(oldRegister(t, t.TempDir()))
	r.wait()
	w := r.wizard
	if w.sheet == nil || r.stack.Objects[0] != w.page {
		t.Fatalf("wizard not shown: %q", w.info.Text)
	}
	if !strings.Contains(w.info.Text, "trang tính \"Sổ 2024\", dòng tiêu đề: dòng 4; 3 dòng dữ liệu (dòng 5 – 7)") {
		t.Errorf("detected: %q", w.info.Text)
	}
	want := []tdkt.Field{tdkt.FieldSeq, tdkt.FieldName, tdkt.FieldPosition, tdkt.FieldNone, tdkt.FieldYear, tdkt.FieldDecision, tdkt.FieldDate, tdkt.FieldNone}
	for c, f := range want {
		if got, _ := w.fields[c].get(); got != f {
			t.Errorf("column %s (%q) recognised as %q, want %q", colName(c), w.sheet.Headings[c], got, f)
		}
	}
	if w.fields[1].sel.Selected != "Họ và tên" || w.fields[3].sel.Selected != "(bỏ qua)" {
		t.Errorf("labels %q %q", w.fields[1].sel.Selected, w.fields[3].sel.Selected)
	}
	if !w.importBt.Disabled() {
		t.Error("import offered before a check")
	}

	// no award column: the mapping itself is refused
	test.Tap(w.checkBt)
	w.wait()
	if len(w.probs) != 1 || w.probs[0] != "Chưa có cột nào là \"Hình thức khen thưởng\"." || !w.importBt.Disabled() {
		t.Fatalf("mapping problems %q", w.probs)
	}

	// the user maps "Khen gì" to the award and, wrongly, "Ghi chú" to the gender
	w.fields[3].sel.SetSelected("Hình thức khen thưởng")
	w.fields[7].sel.SetSelected("Giới tính")
	test.Tap(w.checkBt)
	w.wait()
	if len(w.probs) != 1 || w.probs[0] != "dòng 7: giới tính \"chuyển trường 2025\" không rõ" {
		t.Fatalf("problems %q (%s)", w.probs, w.status.Text)
	}
	if w.probHead.Hidden || !strings.Contains(w.probHead.Text, "1 lỗi") || !w.importBt.Disabled() {
		t.Errorf("problem heading %q, import enabled %v", w.probHead.Text, !w.importBt.Disabled())
	}

	// "Ghi chú" is not the gender: ignore it, check again, import
	w.fields[7].set(tdkt.FieldNone)
	if !w.importBt.Disabled() {
		t.Error("import enabled after a mapping change")
	}
	test.Tap(w.checkBt)
	w.wait()
	if len(w.probs) != 0 || w.importBt.Disabled() || w.report.Awards != 3 || w.report.People != 3 {
		t.Fatalf("clean check: %q, report %+v (%s)", w.probs, w.report, w.status.Text)
	}
	test.Tap(w.importBt)
	w.wait()
	r.wait()
	if r.stack.Objects[0] != r.view {
		t.Error("the register is not shown after the import")
	}
	r.year.SetSelected("2024")
	r.wait()
	names := map[string]bool{}
	for i := range r.table.rows {
		names[r.table.cell(i, 1)] = true
	}
	if !names["Trần Thị Cúc"] || !names["Phạm Văn Dũng"] || !names["Hoàng Thị Én"] || !names["Nguyễn Văn An"] {
		t.Errorf("register of 2024 after the import: %v", names)
	}

	// the same sheet again: every line is already in the register
	r.openImport(w.path)
	r.wait()
	w.fields[3].set(tdkt.FieldAward)
	test.Tap(w.checkBt)
	w.wait()
	if w.report.Duplicates != 3 || w.report.Awards != 0 {
		t.Errorf("second check %+v", w.report)
	}
	test.Tap(w.backBt)
	if r.stack.Objects[0] != r.view {
		t.Error("back did not return to the register")
	}

	// a file that is not a workbook: the error alone, no mapping help or
	// empty column list under it; a workbook afterwards brings them back
	bad := filepath.Join(t.TempDir(), "hong.xlsx")
	if err := os.WriteFile(bad, []byte("không phải tệp Excel"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.openImport(bad)
	r.wait()
	w = r.wizard
	if !strings.Contains(w.info.Text, "Không đọc được hong.xlsx") || w.help.Visible() || w.split.Visible() || !w.checkBt.Disabled() {
		t.Errorf("unreadable file: %q, help shown %v, columns shown %v", w.info.Text, w.help.Visible(), w.split.Visible())
	}
	r.openImport(oldRegister(t, t.TempDir()))
	r.wait()
	w = r.wizard
	if w.sheet == nil || !w.help.Visible() || !w.split.Visible() {
		t.Errorf("a workbook after an unreadable file: %q, help shown %v, columns shown %v", w.info.Text, w.help.Visible(), w.split.Visible())
	}
}
