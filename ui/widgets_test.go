package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestTypingAtLineWraps types a long line into a word-wrapping field at
// several widths: every space stays where it was typed. (Fyne 2.7 put the
// cursor before a space typed where a line wraps, gluing the next word to
// the last; entry.keepCursor puts it back.)
func TestTypingAtLineWraps(t *testing.T) {
	test.NewTempApp(t)
	const text = "Căn cứ Quyết định số 12/2026/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh ban hành quy chế thi đua khen thưởng"
	for _, w := range []float32{120, 160, 200, 260, 330} {
		e := newMultiEntry(4)
		win := test.NewWindow(e)
		win.Resize(fyne.NewSize(w, 300))
		typeInto(e, text)
		if e.Text != text {
			t.Errorf("width %v: %q", w, e.Text)
		}
		win.Close()
	}
}
