package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// Sheet is a worksheet read for import: where its header row is, what each
// column was recognised as (the user may correct Fields before importing)
// and the data rows below the header.
type Sheet struct {
	Name       string
	HeaderLine int          // 1-based row of the header
	Headings   []string     // column headings as typed
	Fields     []tdkt.Field // what each column holds; FieldNone to ignore
	Rows       []SheetRow
}

// SheetRow is one data row: its 1-based row number and its cells, text
// converted from TCVN3/VNI or NFD to Unicode NFC.
type SheetRow struct {
	Line  int
	Cells []string
}

// maxHeaderSearch is how far down title rows may push the header.
const maxHeaderSearch = 30

// ReadSheet finds the first worksheet that has a recognisable header row —
// at least three known headings, one of them the name — below any title rows
// and merged cells, and returns its rows. Merged cells count for every cell
// they cover; blank rows and total rows are left out.
func ReadSheet(r io.Reader) (*Sheet, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp Excel: %w", err)
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("đọc trang %q: %w", name, err)
		}
		if err := fillMerged(f, name, rows); err != nil {
			return nil, err
		}
		for i := range rows {
			for j := range rows[i] {
				rows[i][j], _ = tdkt.ToUnicode(rows[i][j])
			}
		}
		if s := findHeader(name, rows); s != nil {
			return s, nil
		}
	}
	return nil, fmt.Errorf("không tìm thấy dòng tiêu đề (cần các cột như Họ và tên, Hình thức khen thưởng, Số quyết định) trong %d dòng đầu", maxHeaderSearch)
}

// fillMerged copies each merged range's value into every cell it covers, as
// the eye reads it.
func fillMerged(f *excelize.File, sheet string, rows [][]string) error {
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return fmt.Errorf("đọc ô gộp: %w", err)
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := m.GetCellValue()
		for r := r1; r <= r2 && r <= len(rows); r++ {
			for c := c1; c <= c2; c++ {
				for len(rows[r-1]) < c {
					rows[r-1] = append(rows[r-1], "")
				}
				if rows[r-1][c-1] == "" {
					rows[r-1][c-1] = v
				}
			}
		}
	}
	return nil
}

func findHeader(name string, rows [][]string) *Sheet {
	for i := 0; i < len(rows) && i < maxHeaderSearch; i++ {
		fields, known, hasName := recognise(rows[i])
		if known < 3 || !hasName {
			continue
		}
		s := &Sheet{Name: name, HeaderLine: i + 1, Headings: rows[i], Fields: fields}
		next := i + 1
		// a second header row under merged group headings ("Quyết định"
		// over "Số" and "Ngày")
		if next < len(rows) && isSubHeader(rows[next]) {
			for c, sub := range rows[next] {
				if sub == "" {
					continue
				}
				parent := ""
				if c < len(rows[i]) {
					parent = rows[i][c]
				}
				for _, cand := range []string{sub + " " + parent, parent + " " + sub, sub} {
					if f := tdkt.HeadingField(cand); f != tdkt.FieldNone {
						for len(s.Fields) <= c {
							s.Fields = append(s.Fields, tdkt.FieldNone)
						}
						s.Fields[c] = f
						break
					}
				}
			}
			next++
		}
		// a numbering row "(1) (2) (3)" or "A B C"
		if next < len(rows) && isNumbering(rows[next]) {
			next++
		}
		for r := next; r < len(rows); r++ {
			if blank(rows[r]) || isTotal(rows[r]) {
				continue
			}
			s.Rows = append(s.Rows, SheetRow{Line: r + 1, Cells: rows[r]})
		}
		return s
	}
	return nil
}

func recognise(row []string) ([]tdkt.Field, int, bool) {
	fields := make([]tdkt.Field, len(row))
	seen := map[tdkt.Field]bool{}
	for c, h := range row {
		f := tdkt.HeadingField(h)
		if f == tdkt.FieldNone || seen[f] {
			continue // the first column of a kind wins
		}
		fields[c], seen[f] = f, true
	}
	known := len(seen)
	if seen[tdkt.FieldSeq] {
		known-- // STT alone proves nothing
	}
	return fields, known, seen[tdkt.FieldName]
}

func isSubHeader(row []string) bool {
	n := 0
	for _, c := range row {
		if c == "" {
			continue
		}
		if _, err := strconv.ParseFloat(strings.Trim(c, "() "), 64); err == nil || len([]rune(c)) > 30 {
			return false
		}
		n++
	}
	return n >= 2 && !isNumbering(row)
}

func isNumbering(row []string) bool {
	n := 0
	for _, c := range row {
		t := strings.Trim(strings.TrimSpace(c), "()")
		if t == "" {
			continue
		}
		if _, err := strconv.Atoi(t); err != nil && !(len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z') {
			return false
		}
		n++
	}
	return n >= 3
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func isTotal(row []string) bool {
	for _, c := range row {
		if t := strings.TrimSpace(c); t != "" {
			f := tdkt.Fold(t)
			return f == "tong cong" || f == "cong" || f == "tong so" || strings.HasPrefix(f, "tong cong")
		}
	}
	return false
}

// ImportRows turns the sheet's rows into field values under s.Fields.
func (s *Sheet) ImportRows() []tdkt.ImportRow {
	out := make([]tdkt.ImportRow, 0, len(s.Rows))
	for _, r := range s.Rows {
		v := map[tdkt.Field]string{}
		for c, cell := range r.Cells {
			if c < len(s.Fields) && s.Fields[c] != tdkt.FieldNone && s.Fields[c] != tdkt.FieldSeq && cell != "" {
				v[s.Fields[c]] = cell
			}
		}
		if len(v) == 0 {
			continue
		}
		out = append(out, tdkt.ImportRow{Line: r.Line, Values: v})
	}
	return out
}
