// Package floors writes the same output as tdkt's exports with the raw
// libraries only — excelize, gofpdf, bbolt and age — and none of tdkt's
// layout rules, so that the benchmarks can say how far tdkt is from what
// the libraries themselves cost. A floor is not a product: it drops the
// niceties (merged titles, frozen panes, page numbers, justification rules)
// whose cost is small, and keeps everything whose cost grows with the data
// (every row, cell, page, text run and byte).
//
// The functions take plain data that the benchmark prepared beforehand
// from the same records tdkt exports; they import nothing from tdkt.
package floors

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Col describes one column of a sheet: its width, number format and
// whether its text wraps. Each column gets one cell style, as a register
// has one style per column.
type Col struct {
	Width  float64
	NumFmt string // custom number format, e.g. "#,##0" or "dd/mm/yyyy"
	Wrap   bool
}

// Sheet is one worksheet: its columns, header rows and data rows. Rows
// hold the cell values with their types (string, int, int64, float64,
// time.Time or nil).
type Sheet struct {
	Name   string
	Cols   []Col
	Header [][]any
	Rows   [][]any
}

// XLSX writes the sheets with excelize's StreamWriter: one style per
// column, column widths, the header rows in bold, then every data row
// through one reused row buffer, as excelize's documentation recommends
// for large sheets.
func XLSX(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := writeSheet(f, s); err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, s Sheet) error {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11, Bold: true},
		Border: border, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	if err != nil {
		return err
	}
	styles := make([]int, len(s.Cols))
	for i, c := range s.Cols {
		st := &excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11}, Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: c.Wrap}}
		if c.NumFmt != "" {
			nf := c.NumFmt
			st.CustomNumFmt = &nf
		}
		if styles[i], err = f.NewStyle(st); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	for i, c := range s.Cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	row := 0
	for _, h := range s.Header {
		row++
		vals := make([]any, len(h))
		for i, v := range h {
			vals[i] = excelize.Cell{StyleID: head, Value: v}
		}
		if err := sw.SetRow(cellName(1, row), vals); err != nil {
			return err
		}
	}
	cells := make([]excelize.Cell, len(s.Cols))
	vals := make([]any, len(s.Cols))
	for i := range cells {
		vals[i] = &cells[i]
	}
	for _, r := range s.Rows {
		row++
		for i := range cells {
			var v any
			if i < len(r) {
				v = r[i]
			}
			cells[i] = excelize.Cell{StyleID: styles[i], Value: v}
		}
		if err := sw.SetRow(cellName(1, row), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}
