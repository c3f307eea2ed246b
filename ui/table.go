package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// DataColumn is one column of a list: its header, its width and the text a
// row shows in it. Lists and registers are declared as a slice of columns
// (after evebuddy's DataColumn) so every table gets real headers, truncated
// cells and the same selection behaviour.
type DataColumn[T any] struct {
	Label string
	Width float32
	Value func(T) string
}

// dataTable is a virtualised widget.Table over rows of T: only the visible
// cells exist, so a year of the province's register (tens of thousands of
// rows) scrolls as fast as ten. Row heights are never set per row.
type dataTable[T any] struct {
	table    *widget.Table
	cols     []DataColumn[T]
	rows     []T
	onSelect func(int, T)
}

func newDataTable[T any](cols []DataColumn[T], onSelect func(int, T)) *dataTable[T] {
	t := &dataTable[T]{cols: cols, onSelect: onSelect}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < 0 || id.Row >= len(t.rows) || id.Col < 0 || id.Col >= len(t.cols) {
				l.SetText("")
				return
			}
			l.SetText(t.cols[id.Col].Value(t.rows[id.Row]))
		})
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 && id.Col < len(t.cols) {
			l.SetText(t.cols[id.Col].Label)
		} else {
			l.SetText("")
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.Width)
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.rows) && t.onSelect != nil {
			t.onSelect(id.Row, t.rows[id.Row])
		}
	}
	return t
}

// setRows replaces the rows, clears the selection and scrolls to the top.
// The cells are refreshed once: scrolling happens while the table is empty.
func (t *dataTable[T]) setRows(rows []T) {
	t.table.UnselectAll()
	if len(t.rows) > 0 {
		t.rows = nil
		t.table.ScrollToTop()
	}
	t.rows = rows
	t.table.Refresh()
}

// selectRow selects row i as a click would.
func (t *dataTable[T]) selectRow(i int) {
	t.table.Select(widget.TableCellID{Row: i, Col: 0})
}

// cell is the text of row i, column c, for tests.
func (t *dataTable[T]) cell(i, c int) string {
	if i < 0 || i >= len(t.rows) {
		return ""
	}
	return t.cols[c].Value(t.rows[i])
}
