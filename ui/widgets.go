package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
)

// entry is a widget.Entry that hands Esc to the window, so that Esc closes
// the open dialog even while the cursor is in a field (Fyne's entry would
// swallow the key).
type entry struct {
	widget.Entry
	typed bool // the user has typed in it since it was last filled
}

func newEntry() *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	return e
}

func newMultiEntry(rows int) *entry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// TypedKey passes Esc to the canvas handler (see env.onKey).
func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.Unfocus()
			c.OnTypedKey()(k)
			return
		}
	}
	if k.Name == fyne.KeyBackspace || k.Name == fyne.KeyDelete {
		e.typed = true
	}
	e.Entry.TypedKey(k)
}

// TypedRune types Vietnamese with the built-in Telex or VNI mode when it
// is on (see typing.go).
func (e *entry) TypedRune(r rune) {
	e.typed = true
	fix := e.MultiLine && e.Wrapping != fyne.TextWrapOff && e.SelectedText() == ""
	n, pos := utf8.RuneCountInString(e.Text), e.CursorTextOffset()
	if m := appTyping(); m.Method() != tdkt.InputOff {
		m.TypeRune(&e.Entry, r)
	} else {
		e.Entry.TypedRune(r)
	}
	if fix {
		e.keepCursor(pos + utf8.RuneCountInString(e.Text) - n)
	}
}

// keepCursor puts the cursor back at text offset want where Fyne's
// word-wrapping entry lost it: after a space typed where a line wraps,
// Fyne (2.7) places the cursor before the space, so the next word is
// glued to the last and the space ends up after it ("năm2026 "). The row
// is found by trying those around the cursor; a row past the last begins
// at offset 0, which only the first row may.
func (e *entry) keepCursor(want int) {
	if e.CursorTextOffset() == want {
		return
	}
	row, col := e.CursorRow, e.CursorColumn
	for r := row + 1; r >= max(0, row-1); r-- {
		e.CursorRow, e.CursorColumn = r, 0
		begin := e.CursorTextOffset()
		if r > 0 && begin == 0 || begin > want {
			continue
		}
		e.CursorColumn = want - begin
		return
	}
	e.CursorRow, e.CursorColumn = row, col
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if appTyping().HandleShortcut(s) {
		return
	}
	switch s.(type) {
	case *fyne.ShortcutPaste, *fyne.ShortcutCut:
		e.typed = true
	}
	e.Entry.TypedShortcut(s)
}

// field is an input with its label and a red line under it that says, in
// Vietnamese, what is wrong with the value. The line appears as soon as the
// user types something wrong, and for every field when a save is refused.
type field struct {
	label   string
	entry   *entry
	err     *widget.Label
	quiet   bool // set while the program fills the field
	checked bool // a save was attempted: show messages from now on
}

func newField(label string, e *entry, validate func(string) error) *field {
	f := &field{label: label, entry: e, err: widget.NewLabel("")}
	f.err.Importance = widget.DangerImportance
	f.err.Wrapping = fyne.TextWrapWord
	f.err.Hide()
	if validate != nil {
		e.Validator = validate
		e.SetOnValidationChanged(func(err error) {
			// an untouched field stays quiet (Fyne validates on first
			// render); a field the user typed in speaks at once
			if !f.quiet && (f.entry.typed || f.checked || err == nil) {
				f.show(err)
			}
		})
	}
	return f
}

// set fills the field without showing a message for the program's value.
func (f *field) set(s string) {
	f.quiet = true
	f.entry.SetText(s)
	f.quiet = false
	f.entry.typed = false
	f.checked = false
	f.show(nil)
}

func (f *field) text() string { return tdkt.NFC(f.entry.Text) }

// check validates and shows the message; it returns the error.
func (f *field) check() error {
	if f.entry.Validator == nil {
		return nil
	}
	f.checked = true
	err := f.entry.Validator(f.entry.Text)
	f.entry.SetValidationError(err)
	f.show(err)
	return err
}

func (f *field) show(err error) {
	if err == nil {
		f.err.SetText("")
		f.err.Hide()
		return
	}
	f.err.SetText(err.Error())
	f.err.Show()
}

// message is the error text shown next to the field ("" when none).
func (f *field) message() string {
	if f.err.Hidden {
		return ""
	}
	return f.err.Text
}

// widget is the entry with its message under it.
func (f *field) widget() fyne.CanvasObject {
	return container.NewVBox(f.entry, f.err)
}

// checkAll validates every field, shows every message, and returns the
// first error.
func checkAll(fs ...*field) error {
	var first error
	for _, f := range fs {
		if err := f.check(); err != nil && first == nil {
			first = fmt.Errorf("%s: %w", f.label, err)
		}
	}
	return first
}

// formRows lays label–widget pairs out in two columns.
func formRows(pairs ...any) *fyne.Container {
	var objs []fyne.CanvasObject
	for i := 0; i+1 < len(pairs); i += 2 {
		var l fyne.CanvasObject
		switch v := pairs[i].(type) {
		case string:
			lb := widget.NewLabelWithStyle(v, fyne.TextAlignTrailing, fyne.TextStyle{})
			l = lb
		case fyne.CanvasObject:
			l = v
		}
		var w fyne.CanvasObject
		switch v := pairs[i+1].(type) {
		case *field:
			w = v.widget()
		case fyne.CanvasObject:
			w = v
		}
		objs = append(objs, l, w)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// Validators. Each says what is wrong in words a secretary understands.

func required(what string) func(string) error {
	return func(s string) error {
		if tdkt.NFC(s) == "" {
			return errors.New(lang.L("Chưa nhập ") + what)
		}
		return nil
	}
}

func intRange(min, max int, what string) func(string) error {
	return func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" {
			return fmt.Errorf(lang.L("Chưa nhập %s"), what)
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf(lang.L("%s phải là số nguyên"), capFirst(what))
		}
		if n < min || n > max {
			return fmt.Errorf(lang.L("%s phải từ %d đến %d"), capFirst(what), min, max)
		}
		return nil
	}
}

func optionalInt(min, max int, what string) func(string) error {
	v := intRange(min, max, what)
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return v(s)
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

func floatRange(min, max float64, what string) func(string) error {
	return func(s string) error {
		if _, err := parseFloat(s); err != nil {
			return fmt.Errorf(lang.L("%s phải là số (ví dụ 1,5)"), capFirst(what))
		}
		f, _ := parseFloat(s)
		if f < min || f > max {
			return fmt.Errorf(lang.L("%s phải từ %s đến %s"), capFirst(what), fmtFloat(min), fmtFloat(max))
		}
		return nil
	}
}

// parseFloat reads "1,5" or "1.5".
func parseFloat(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return 0, nil
	}
	return strconv.ParseFloat(s, 64)
}

// fmtFloat writes a coefficient or percentage the Vietnamese way: "1,5".
func fmtFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	return strings.ReplaceAll(s, ".", ",")
}

// parseMoney reads "2.340.000", "2 340 000" or "2340000" đồng.
func parseMoney(s string) (int64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, errors.New(lang.L("Chưa nhập số tiền"))
	}
	n, err := tdkt.ParseMoney(s)
	if err != nil || n <= 0 {
		return 0, errors.New(lang.L("Số tiền phải là số dương, ví dụ 2.340.000"))
	}
	return n, nil
}

func moneyValidator(s string) error {
	_, err := parseMoney(s)
	return err
}

func capFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// dangerLabel is a red label for form-level messages.
func dangerLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func truncLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// choice is a Select over coded values with Vietnamese labels.
type choice[T comparable] struct {
	sel    *widget.Select
	values []T
	labels []string
}

func newChoice[T comparable](values []T, label func(T) string, changed func(T)) *choice[T] {
	c := &choice[T]{values: values}
	for _, v := range values {
		c.labels = append(c.labels, label(v))
	}
	c.sel = widget.NewSelect(c.labels, func(s string) {
		if changed == nil {
			return
		}
		for i, l := range c.labels {
			if l == s {
				changed(c.values[i])
				return
			}
		}
	})
	c.sel.PlaceHolder = lang.L("(chọn)")
	return c
}

func (c *choice[T]) set(v T) {
	for i, x := range c.values {
		if x == v {
			c.sel.SetSelectedIndex(i)
			return
		}
	}
	c.sel.ClearSelected()
}

func (c *choice[T]) get() (T, bool) {
	i := c.sel.SelectedIndex()
	if i < 0 || i >= len(c.values) {
		var zero T
		return zero, false
	}
	return c.values[i], true
}

func (c *choice[T]) setOptions(values []T, label func(T) string) {
	c.values = values
	c.labels = nil
	for _, v := range values {
		c.labels = append(c.labels, label(v))
	}
	c.sel.SetOptions(c.labels)
}
