package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt"
)

func sampleAwards() []RegisterRow {
	return []RegisterRow{
		{Award: &tdkt.Award{Number: "BK-2024-001", Year: 2023, AwardCode: "BKT",
			Subject: tdkt.SubjectPerson, Name: "Nguyễn Thị Ngọc Ánh", Position: "Giáo viên",
			DecisionNo: "05/QĐ-UBND", DecisionDate: tdkt.D(2024, 3, 5), Signer: "Trần Văn Đức",
			Bonus: 2_340_000, CertPrinted: true},
			AwardName: "Bằng khen của Chủ tịch UBND tỉnh", Unit: "Trường THCS Hữu Lũng"},
		{Award: &tdkt.Award{Number: "BK-2024-002", Year: 2023, AwardCode: "BKT",
			Subject: tdkt.SubjectCollective, Name: "Tổ Toán – Tin học Trường THPT Chuyên Lê Quý Đôn",
			DecisionNo: "05/QĐ-UBND", DecisionDate: tdkt.D(2024, 3, 5), Signer: "Trần Văn Đức",
			Bonus: 4_680_000},
			AwardName: "Bằng khen của Chủ tịch UBND tỉnh", Unit: "Trường THPT Chuyên Lê Quý Đôn"},
		// Decomposed (NFD) input and a long position: the name must come out
		// NFC and the row must grow.
		{Award: &tdkt.Award{Number: "GK-2024-117", Year: 2024, AwardCode: "GK",
			Subject: tdkt.SubjectFamily, Name: norm.NFD.String(allDiacritics),
			Position:   "Hộ sản xuất, kinh doanh giỏi tiêu biểu của thôn Nà Pảng, xã Quảng Lâm, vùng biên giới đặc biệt khó khăn",
			DecisionNo: "117/QĐ-UBND", DecisionDate: tdkt.D(2024, 12, 31), Signer: "Lò Thị Mai",
			Bonus: 0},
			AwardName: "Giấy khen", Unit: ""},
	}
}

func seq(rows []RegisterRow) iter.Seq2[RegisterRow, error] {
	return func(yield func(RegisterRow, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func TestRegisterWorkbook(t *testing.T) {
	rows := sampleAwards()
	h := Header{Office: "Ủy ban nhân dân tỉnh Sơn Lâm", From: 2023, To: 2024, Made: tdkt.D(2025, 1, 15)}
	path := writeFile(t, "so.xlsx", func(w io.Writer) error { return Register(w, h, seq(rows)) })
	f := openBook(t, path)
	const sh = RegisterSheet

	if got := f.GetSheetList(); !slices.Equal(got, []string{sh}) {
		t.Fatalf("sheets %v, want [%s]", got, sh)
	}
	// Title rows.
	wantText(t, f, sh, "A1", "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM")
	wantText(t, f, sh, "A2", "SỔ THEO DÕI KHEN THƯỞNG")
	wantText(t, f, sh, "A3", "Từ năm 2023 đến năm 2024")
	wantText(t, f, sh, "A4", "Ngày lập sổ: 15/01/2025")
	// Header.
	for i, c := range registerCols {
		wantText(t, f, sh, cellName(i+1, RegisterHeaderRow), c.title)
	}

	r := RegisterFirstRow
	cell := func(col, row int) string { return cellName(col, row) }
	// Typed cells of the first data row.
	wantNumber(t, f, sh, cell(rcNo, r), 1)
	wantText(t, f, sh, cell(rcNumber, r), "BK-2024-001")
	wantText(t, f, sh, cell(rcName, r), "Nguyễn Thị Ngọc Ánh")
	wantText(t, f, sh, cell(rcPosition, r), "Giáo viên, Trường THCS Hữu Lũng")
	wantText(t, f, sh, cell(rcSubject, r), "Cá nhân")
	wantText(t, f, sh, cell(rcAward, r), "Bằng khen của Chủ tịch UBND tỉnh")
	wantNumber(t, f, sh, cell(rcYear, r), 2023)
	wantText(t, f, sh, cell(rcDecision, r), "05/QĐ-UBND")
	wantNumber(t, f, sh, cell(rcDate, r), excelSerial(2024, 3, 5))
	if got := numFmt(t, f, sh, cell(rcDate, r)); got != fmtDate {
		t.Errorf("date format %q, want %q", got, fmtDate)
	}
	if got := text(t, f, sh, cell(rcDate, r)); got != "05/03/2024" {
		t.Errorf("date shows %q, want 05/03/2024", got)
	}
	wantText(t, f, sh, cell(rcSigner, r), "Trần Văn Đức")
	wantNumber(t, f, sh, cell(rcBonus, r), 2_340_000)
	if got := numFmt(t, f, sh, cell(rcBonus, r)); got != fmtInt {
		t.Errorf("bonus format %q, want %q", got, fmtInt)
	}
	wantText(t, f, sh, cell(rcPrinted, r), "Có")
	// A position that already names the unit is not repeated; a collective.
	wantText(t, f, sh, cell(rcPosition, r+1), "Trường THPT Chuyên Lê Quý Đôn")
	wantText(t, f, sh, cell(rcSubject, r+1), "Tập thể")
	// Vietnamese survives, decomposed input comes out composed.
	wantText(t, f, sh, cell(rcName, r+2), allDiacritics)
	wantText(t, f, sh, cell(rcSubject, r+2), "Hộ gia đình")
	wantNumber(t, f, sh, cell(rcDate, r+2), excelSerial(2024, 12, 31))
	if ht, err := f.GetRowHeight(sh, r+2); err != nil || ht < 2*lineHeight(registerFont) {
		t.Errorf("long row height %v (%v), want at least two lines", ht, err)
	}

	// Total row: a count and a sum, as formulas with the right cached values.
	tr := r + len(rows)
	wantText(t, f, sh, cell(rcNo, tr), "Tổng cộng")
	wantNumber(t, f, sh, cell(rcName, tr), 3)
	wantNumber(t, f, sh, cell(rcBonus, tr), 2_340_000+4_680_000)
	if fm, _ := f.GetCellFormula(sh, cell(rcBonus, tr)); fm != "SUM(K6:K8)" {
		t.Errorf("bonus total formula %q", fm)
	}
	if fm, _ := f.GetCellFormula(sh, cell(rcName, tr)); fm != "COUNT(A6:A8)" {
		t.Errorf("count formula %q", fm)
	}

	// Frozen header and name columns.
	p, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != RegisterHeaderRow || p.XSplit != rcName {
		t.Errorf("panes %+v, want frozen at row %d, column %d", p, RegisterHeaderRow, rcName)
	}
	// Autofilter over header and data, not the total row.
	if x := sheetXML(t, path); !contains(x, `<autoFilter ref="$A$5:$L$8"`) {
		t.Errorf("no autofilter $A$5:$L$8 in sheet XML")
	}
	if got := definedName(f, "_xlnm._FilterDatabase"); got != "'Sổ khen thưởng'!$A$5:$L$8" {
		t.Errorf("filter database %q", got)
	}
	checkPrintSetup(t, f, sh, 0, "'Sổ khen thưởng'!$5:$5")
}

func TestRegisterEmpty(t *testing.T) {
	path := writeFile(t, "empty.xlsx", func(w io.Writer) error {
		return Register(w, Header{Office: "UBND xã Quảng Lâm", From: 2025, To: 2025}, seq(nil))
	})
	f := openBook(t, path)
	wantText(t, f, RegisterSheet, "A3", "Năm 2025")
	wantText(t, f, RegisterSheet, cellName(rcNo, RegisterFirstRow), "Tổng cộng")
	wantNumber(t, f, RegisterSheet, cellName(rcName, RegisterFirstRow), 0)
	wantNumber(t, f, RegisterSheet, cellName(rcBonus, RegisterFirstRow), 0)
	if x := sheetXML(t, path); !contains(x, `<autoFilter ref="$A$5:$L$5"`) {
		t.Errorf("no header-only autofilter in an empty register")
	}
	checkPrintSetup(t, f, RegisterSheet, 0, "'Sổ khen thưởng'!$5:$5")
}

func TestRegisterErrors(t *testing.T) {
	boom := errors.New("ổ đĩa hỏng")
	failing := func(yield func(RegisterRow, error) bool) {
		for _, r := range sampleAwards() {
			if !yield(r, nil) {
				return
			}
		}
		yield(RegisterRow{}, boom)
	}
	var buf bytes.Buffer
	if err := Register(&buf, Header{}, failing); !errors.Is(err, boom) {
		t.Errorf("iterator error: got %v, want it wrapped", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written after a failed read; want nothing", buf.Len())
	}
	if err := Register(&buf, Header{}, seq([]RegisterRow{{AwardName: "x"}})); err == nil {
		t.Error("a row without an award was accepted")
	}
	if err := Register(&buf, Header{From: 2025, To: 2020}, seq(nil)); err == nil {
		t.Error("From after To was accepted")
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written by failed calls", buf.Len())
	}
}

func TestPositionUnit(t *testing.T) {
	for _, c := range []struct{ pos, unit, want string }{
		{"Giáo viên", "Trường THCS A", "Giáo viên, Trường THCS A"},
		{"Hiệu trưởng Trường THCS A", "Trường THCS A", "Hiệu trưởng Trường THCS A"},
		{"hiệu trưởng trường thcs a", "Trường THCS A", "hiệu trưởng trường thcs a"},
		{"", "Sở Nội vụ", "Sở Nội vụ"},
		{"Chuyên viên", "", "Chuyên viên"},
	} {
		if got := positionUnit(c.pos, c.unit); got != c.want {
			t.Errorf("positionUnit(%q, %q) = %q, want %q", c.pos, c.unit, got, c.want)
		}
	}
}

// synthetic yields n register rows without holding them.
func synthetic(n int) iter.Seq2[RegisterRow, error] {
	return func(yield func(RegisterRow, error) bool) {
		a := &tdkt.Award{AwardCode: "BKT", Subject: tdkt.SubjectPerson, Position: "Chuyên viên",
			DecisionNo: "05/QĐ-UBND", Signer: "Trần Văn Đức", Bonus: 2_340_000}
		for i := range n {
			a.Number = fmt.Sprintf("BK-%06d", i)
			a.Name = "Nguyễn Văn Thành " + strings.Repeat("A", i%7)
			a.Year = 2000 + i%25
			a.DecisionDate = tdkt.D(2000+i%25, 3, 1+i%28)
			if !yield(RegisterRow{Award: a, AwardName: "Bằng khen của Chủ tịch UBND tỉnh", Unit: "Sở Nội vụ"}, nil) {
				return
			}
		}
	}
}

func BenchmarkRegister300k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Register(io.Discard, Header{Office: "UBND tỉnh Sơn Lâm", From: 2000, To: 2024}, synthetic(300_000)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRegisterOverSheets: a register longer than a sheet holds goes on over
// further sheets, numbering on, each with titles, header and its own total,
// and the last with the grand total. (The real limit is a million lines; the
// test uses ten.)
func TestRegisterOverSheets(t *testing.T) {
	const per, n = 10, 25
	path := writeFile(t, "many.xlsx", func(w io.Writer) error {
		f, err := newBook(RegisterSheet)
		if err != nil {
			return err
		}
		if err := writeRegisterSheets(f, Header{Office: "UBND tỉnh", From: 2000, To: 2024}, synthetic(n), per); err != nil {
			f.Close()
			return err
		}
		return save(f, w)
	})
	f := openBook(t, path)
	want := []string{RegisterSheet, RegisterSheet + " (2)", RegisterSheet + " (3)"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for i, sh := range want {
		lines := min(per, n-i*per)
		first := RegisterFirstRow
		wantNumber(t, f, sh, cellName(rcNo, first), float64(i*per+1))
		wantNumber(t, f, sh, cellName(rcNo, first+lines-1), float64(i*per+lines))
		wantText(t, f, sh, cellName(rcNo, RegisterHeaderRow), "STT")
		if i > 0 && !strings.Contains(text(t, f, sh, "A3"), fmt.Sprintf("tờ %d", i+1)) {
			t.Errorf("%s: period line %q does not say which sheet", sh, text(t, f, sh, "A3"))
		}
		total := first + lines
		wantText(t, f, sh, cellName(rcNo, total), fmt.Sprintf("Cộng tờ %d", i+1))
		wantNumber(t, f, sh, cellName(rcName, total), float64(lines))
		wantNumber(t, f, sh, cellName(rcBonus, total), float64(lines)*2_340_000)
		if i == len(want)-1 {
			wantText(t, f, sh, cellName(rcNo, total+1), "Tổng cộng (3 tờ)")
			wantNumber(t, f, sh, cellName(rcName, total+1), n)
			wantNumber(t, f, sh, cellName(rcBonus, total+1), n*2_340_000)
		} else if v := raw(t, f, sh, cellName(rcNo, total+1)); v != "" {
			t.Errorf("%s: a grand total %q before the last sheet", sh, v)
		}
	}

	// exactly one sheet's worth stays one sheet with the usual total
	path = writeFile(t, "full.xlsx", func(w io.Writer) error {
		f, err := newBook(RegisterSheet)
		if err != nil {
			return err
		}
		if err := writeRegisterSheets(f, Header{}, synthetic(per), per); err != nil {
			f.Close()
			return err
		}
		return save(f, w)
	})
	f = openBook(t, path)
	if got := f.GetSheetList(); len(got) != 1 {
		t.Fatalf("a full sheet made sheets %q", got)
	}
	wantText(t, f, RegisterSheet, cellName(rcNo, RegisterFirstRow+per), "Tổng cộng")
}

// TestRegisterRevoked: a revoked line says so in its award cell, with the
// decision that revoked it when known.
func TestRegisterRevoked(t *testing.T) {
	rows := sampleAwards()[:3]
	rows[0].Award.Revoked = true
	rows[0].Award.RevokedBy = "Quyết định số 15/QĐ-UBND ngày 20/11/2026: Kê khai không đúng thành tích"
	rows[1].Award.Revoked = true
	rows[2].Award.CorrectedBy = "Quyết định số 16/QĐ-UBND ngày 21/11/2026: Ghi sai chức vụ"
	h := Header{Office: "Ủy ban nhân dân tỉnh Sơn Lâm", From: 2023, To: 2023, Made: tdkt.D(2026, 11, 27)}
	path := writeFile(t, "so.xlsx", func(w io.Writer) error { return Register(w, h, seq(rows)) })
	f := openBook(t, path)
	wantText(t, f, RegisterSheet, cellName(rcAward, RegisterFirstRow),
		"Bằng khen của Chủ tịch UBND tỉnh (đã hủy bỏ: Quyết định số 15/QĐ-UBND ngày 20/11/2026: Kê khai không đúng thành tích)")
	wantText(t, f, RegisterSheet, cellName(rcAward, RegisterFirstRow+1), "Bằng khen của Chủ tịch UBND tỉnh (đã hủy bỏ)")
	if got := text(t, f, RegisterSheet, cellName(rcAward, RegisterFirstRow+2)); !strings.HasSuffix(got, " (đã sửa: Quyết định số 16/QĐ-UBND ngày 21/11/2026: Ghi sai chức vụ)") {
		t.Errorf("corrected line's award cell %q", got)
	}
}
