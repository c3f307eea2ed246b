package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"tdkt"
)

// typingEntry is a vnEntry in a test window, with the mode set to method
// and style (not remembered).
func typingEntry(t *testing.T, method tdkt.InputMethod, style tdkt.ToneStyle, multi bool) (*vnEntry, *typingMode) {
	t.Helper()
	test.NewTempApp(t)
	m := newTypingMode(nil)
	m.SetMethod(method)
	m.SetStyle(style)
	e := newVNEntry(m)
	if multi {
		e = newVNMultiLineEntry(m)
	}
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(600, 200))
	return e, m
}

func TestVNEntryTelexAndVNI(t *testing.T) {
	tests := []struct {
		method tdkt.InputMethod
		style  tdkt.ToneStyle
		keys   string
		want   string
	}{
		{tdkt.InputTelex, tdkt.ToneOld, "Nguyeenx Thij Hoaf", "Nguyễn Thị Hòa"},
		{tdkt.InputTelex, tdkt.ToneNew, "Nguyeenx Thij Hoaf", "Nguyễn Thị Hoà"},
		{tdkt.InputVNI, tdkt.ToneOld, "Nguye64n Va8n U7o71c", "Nguyễn Văn Ước"},
		{tdkt.InputTelex, tdkt.ToneOld, "VIEETJ NAM, DDAWNGJ THUYS", "VIỆT NAM, ĐẶNG THÚY"},
		{tdkt.InputTelex, tdkt.ToneOld, "Ngayf 05/3/2026 tooi ddi hopj", "Ngày 05/3/2026 tôi đi họp"},
		{tdkt.InputVNI, tdkt.ToneOld, "Na8m 2026, quy1", "Năm 2026, quý"},
		{tdkt.InputTelex, tdkt.ToneOld, "aaa", "aa"}, // undo by repeating the key
		{tdkt.InputTelex, tdkt.ToneOld, "windows", "windows"},
		{tdkt.InputOff, tdkt.ToneOld, "Nguyeenx Thij Hoaf", "Nguyeenx Thij Hoaf"},
		{tdkt.InputOff, tdkt.ToneOld, "Nguye64n", "Nguye64n"},
	}
	for _, tt := range tests {
		e, _ := typingEntry(t, tt.method, tt.style, false)
		test.Type(e, tt.keys)
		if e.Text != tt.want {
			t.Errorf("method %d style %d: typing %q gave %q, want %q", tt.method, tt.style, tt.keys, e.Text, tt.want)
		}
		if got := e.CursorTextOffset(); got != len([]rune(tt.want)) {
			t.Errorf("%q: cursor at %d, want the end (%d)", tt.keys, got, len([]rune(tt.want)))
		}
		// The engine is the one Compose uses: the field must agree.
		if c := tdkt.Compose(tt.keys, tt.method, tt.style); c != tt.want {
			t.Errorf("Compose(%q) = %q, the field typed %q", tt.keys, c, e.Text)
		}
	}
}

func TestVNEntryMiddleOfText(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, false)
	e.SetText("Xin  chào")
	e.CursorColumn = 4 // after "Xin "
	test.Type(e, "Vieetj")
	if e.Text != "Xin Việt chào" {
		t.Fatalf("got %q", e.Text)
	}
	if e.CursorTextOffset() != len([]rune("Xin Việt")) {
		t.Errorf("cursor at %d, want after Việt", e.CursorTextOffset())
	}

	// Only the letters left of the cursor are the word: in "chào" with the
	// cursor after "ch", a tone key has no vowel to go on.
	e.SetText("hoa")
	e.CursorColumn = 2 // "ho|a"
	test.Type(e, "f")
	if e.Text != "hòa" {
		t.Errorf("tone in the middle of a word: %q", e.Text)
	}
}

func TestVNEntryMultiLine(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, true)
	test.Type(e, "Kinhs gui")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(e, "owr Hoaf Binhf")
	if e.Text != "Kính gui\nở Hòa Bình" {
		t.Fatalf("got %q", e.Text)
	}
	// The word never reaches back across the newline: "gui" + newline +
	// "f" is a lone f.
	e.SetText("gui\n")
	e.CursorRow, e.CursorColumn = 1, 0
	test.Type(e, "f")
	if e.Text != "gui\nf" {
		t.Errorf("word crossed the line: %q", e.Text)
	}
	// Cursor on the first line of two.
	e.SetText("Hoa\nMai")
	e.CursorRow, e.CursorColumn = 0, 3
	test.Type(e, "f")
	if e.Text != "Hòa\nMai" || e.CursorRow != 0 || e.CursorColumn != 3 {
		t.Errorf("got %q, cursor %d:%d", e.Text, e.CursorRow, e.CursorColumn)
	}
}

func TestVNEntrySelection(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, false)
	e.SetText("Hoa Hong")
	e.CursorColumn = 8
	// Shift+Left four times selects "Hong", as a user would.
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	e.KeyDown(shift)
	for i := 0; i < 4; i++ {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	e.KeyUp(shift)
	if e.SelectedText() != "Hong" {
		t.Fatalf("selected %q", e.SelectedText())
	}
	test.Type(e, "Hoongf")
	if e.Text != "Hoa Hồng" {
		t.Errorf("typing over a selection: %q", e.Text)
	}

	// Select all, then a new word: the first key starts it afresh.
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(e, "Vieetj")
	if e.Text != "Việt" {
		t.Errorf("typing over select-all: %q", e.Text)
	}
}

// TestVNEntryShiftHeld types capitals with Shift held down, as the
// keyboard does: the entry then believes a keyboard selection may start,
// and the Backspaces of a replacement must still edit.
func TestVNEntryShiftHeld(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, false)
	test.Type(e, "Nguy")
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	e.KeyDown(shift)
	test.Type(e, "EEN")
	e.KeyUp(shift)
	test.Type(e, "x")
	if e.Text != "NguyỄN" {
		t.Errorf("got %q", e.Text)
	}
}

func TestVNEntryNFC(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, false)
	// A decomposed word (from a paste) is recomposed by the next key.
	e.SetText("Vie\u0302t")
	e.CursorColumn = 5
	test.Type(e, "j")
	if e.Text != "Việt" {
		t.Errorf("got %q (%+q)", e.Text, e.Text)
	}
	// A keyboard that sends combining tone marks (the old Windows
	// "Vietnamese" layout) still leaves NFC text.
	e.SetText("")
	test.Type(e, "Vie\u0302\u0323t")
	if e.Text != "Việt" || !norm.NFC.IsNormalString(e.Text) {
		t.Errorf("combining keys: %q (%+q)", e.Text, e.Text)
	}
}

func TestVNEntryChangedAndUndo(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, false)
	var seen []string
	e.OnChanged = func(s string) { seen = append(seen, s) }
	test.Type(e, "Vieetj")
	want := []string{"V", "Vi", "Vie", "Viê", "Viêt", "Việt"}
	if len(seen) != len(want) {
		t.Fatalf("OnChanged saw %q, want %q", seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("OnChanged saw %q, want %q", seen, want)
		}
	}
	// Ctrl+Z walks back through real states and ends empty.
	for i := 0; i < 20 && e.Text != ""; i++ {
		e.TypedShortcut(&fyne.ShortcutUndo{})
		if !norm.NFC.IsNormalString(e.Text) {
			t.Fatalf("undo left %q", e.Text)
		}
	}
	if e.Text != "" {
		t.Errorf("undo stopped at %q", e.Text)
	}
	for i := 0; i < 20 && e.Text != "Việt"; i++ {
		e.TypedShortcut(&fyne.ShortcutRedo{})
	}
	if e.Text != "Việt" {
		t.Errorf("redo stopped at %q", e.Text)
	}
}

func TestVNPasswordEntry(t *testing.T) {
	test.NewTempApp(t)
	m := newTypingMode(nil)
	m.SetMethod(tdkt.InputTelex)
	e := newVNPasswordEntry(m)
	test.NewTempWindow(t, e)
	test.Type(e, "Matkhaus1aa")
	if e.Text != "Matkhaus1aa" {
		t.Errorf("password transformed: %q", e.Text)
	}
	eye := e.ActionItem.(*widget.Button)
	test.Tap(eye)
	if e.Password {
		t.Error("the eye did not show the password")
	}
	test.Type(e, "s")
	if e.Text != "Matkhaus1aas" {
		t.Errorf("shown password transformed: %q", e.Text)
	}
	test.Tap(eye)
	if !e.Password {
		t.Error("the eye did not hide the password")
	}
}

func TestTypingModeToggleAndPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	m := newTypingMode(p)
	if m.Method() != tdkt.InputOff || m.Style() != tdkt.ToneOld {
		t.Fatalf("default %d/%d, want off and kiểu cũ", m.Method(), m.Style())
	}
	calls := 0
	m.AddListener(func() { calls++ })
	want := []struct {
		method tdkt.InputMethod
		pref   string
		label  string
	}{
		{tdkt.InputTelex, "telex", "Gõ: Telex"},
		{tdkt.InputVNI, "vni", "Gõ: VNI"},
		{tdkt.InputOff, "off", "Gõ: Tắt"},
		{tdkt.InputTelex, "telex", "Gõ: Telex"},
	}
	for i, w := range want {
		m.Toggle()
		if m.Method() != w.method || p.String(prefTypingMethod) != w.pref || m.Label() != w.label {
			t.Errorf("toggle %d: %d, pref %q, label %q", i+1, m.Method(), p.String(prefTypingMethod), m.Label())
		}
	}
	if calls != len(want) {
		t.Errorf("listeners called %d times, want %d", calls, len(want))
	}
	m.SetStyle(tdkt.ToneNew)
	if p.String(prefTypingStyle) != "new" {
		t.Errorf("style pref %q", p.String(prefTypingStyle))
	}
	// A new window reads the choice back.
	m2 := newTypingMode(p)
	if m2.Method() != tdkt.InputTelex || m2.Style() != tdkt.ToneNew {
		t.Errorf("remembered %d/%d", m2.Method(), m2.Style())
	}
	// Unknown values fall back to the defaults.
	p.SetString(prefTypingMethod, "unikey")
	p.SetString(prefTypingStyle, "x")
	if m3 := newTypingMode(p); m3.Method() != tdkt.InputOff || m3.Style() != tdkt.ToneOld {
		t.Errorf("junk prefs gave %d/%d", m3.Method(), m3.Style())
	}
	// A nil mode is off and does nothing.
	var none *typingMode
	none.Toggle()
	if none.Method() != tdkt.InputOff || none.HandleShortcut(none.Shortcut()) {
		t.Error("nil mode is not off")
	}
}

func TestTypingModeShortcut(t *testing.T) {
	test.NewTempApp(t)
	m := newTypingMode(nil)
	e := newVNEntry(m)
	other := widget.NewButton("Lưu", nil)
	w := test.NewTempWindow(t, container.NewVBox(e, other))
	m.Register(w.Canvas())

	// Nothing Shortcutable focused: the window canvas gets the shortcut
	// (what the GLFW driver does).
	sc := &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
	if m.Method() != tdkt.InputTelex {
		t.Fatalf("canvas shortcut: method %d", m.Method())
	}

	// The entry focused: the driver gives the shortcut to the entry only.
	w.Canvas().Focus(e)
	w.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(sc)
	if m.Method() != tdkt.InputVNI {
		t.Fatalf("entry shortcut: method %d", m.Method())
	}
	test.Type(e, "Vie65t")
	if e.Text != "Việt" {
		t.Errorf("typed %q after switching to VNI", e.Text)
	}
	// Other shortcuts still reach the entry.
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.SelectedText() != "Việt" {
		t.Errorf("select all passed on: %q", e.SelectedText())
	}
	// Ctrl+T alone is not the shortcut.
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierControl})
	if m.Method() != tdkt.InputVNI {
		t.Errorf("Ctrl+T toggled the mode")
	}
}

func TestTypingIndicatorAndSettings(t *testing.T) {
	test.NewTempApp(t)
	m := newTypingMode(nil)
	ind := m.Indicator().(*fyne.Container)
	b := ind.Objects[0].(*widget.Button)
	hint := ind.Objects[1].(*widget.Label)
	if b.Text != "Gõ: Tắt" || hint.Text != "Ctrl+Shift+T: đổi kiểu gõ" {
		t.Fatalf("indicator %q / %q", b.Text, hint.Text)
	}
	items := m.SettingsItems()
	method := items[0].Widget.(*widget.RadioGroup)
	style := items[1].Widget.(*widget.RadioGroup)
	test.NewTempWindow(t, container.NewVBox(ind, widget.NewForm(items...)))

	test.Tap(b)
	if m.Method() != tdkt.InputTelex || b.Text != "Gõ: Telex" || method.Selected != "Telex" {
		t.Errorf("after a tap: %d, %q, radio %q", m.Method(), b.Text, method.Selected)
	}
	method.SetSelected("VNI")
	if m.Method() != tdkt.InputVNI || b.Text != "Gõ: VNI" {
		t.Errorf("settings radio: %d, %q", m.Method(), b.Text)
	}
	style.SetSelected(typingStyleOptions()[1])
	if m.Style() != tdkt.ToneNew {
		t.Errorf("style radio: %d", m.Style())
	}
	test.Tap(b)
	if m.Method() != tdkt.InputOff || b.Text != "Gõ: Tắt" || method.Selected != "Tắt" {
		t.Errorf("back to off: %d, %q, radio %q", m.Method(), b.Text, method.Selected)
	}
}

// TestTypeRunePlainEntry checks the helper the package's own entry type can
// use on its embedded widget.Entry.
func TestTypeRunePlainEntry(t *testing.T) {
	test.NewTempApp(t)
	m := newTypingMode(nil)
	m.SetMethod(tdkt.InputTelex)
	en := widget.NewEntry()
	test.NewTempWindow(t, en)
	for _, r := range "Thuys" {
		m.TypeRune(en, r)
	}
	if en.Text != "Thúy" {
		t.Errorf("got %q", en.Text)
	}
	pw := widget.NewPasswordEntry()
	for _, r := range "aas" {
		m.TypeRune(pw, r)
	}
	if pw.Text != "aas" {
		t.Errorf("password entry transformed: %q", pw.Text)
	}
	en.Disable()
	m.TypeRune(en, 'f')
	if en.Text != "Thúy" {
		t.Errorf("disabled entry changed: %q", en.Text)
	}
}

// TestVNEntryStaleSelection drives the entry into a state Fyne can reach:
// "selecting" with an empty selection (a selection made backwards, then
// the text shortened by the program, which clamps both ends to the same
// place). Fyne then takes the first Backspace for "delete the selection";
// the replacement must notice and still leave the right text.
func TestVNEntryStaleSelection(t *testing.T) {
	e, _ := typingEntry(t, tdkt.InputTelex, tdkt.ToneOld, false)
	e.SetText("Hoa Hoa")
	e.CursorColumn = 7
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	e.KeyDown(shift)
	for i := 0; i < 3; i++ {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	e.KeyUp(shift)
	e.SetText("Hoa")
	if e.CursorColumn != 3 || e.SelectedText() != "" {
		t.Fatalf("set-up: cursor %d, selection %q", e.CursorColumn, e.SelectedText())
	}
	var seen []string
	e.OnChanged = func(s string) { seen = append(seen, s) }
	test.Type(e, "f")
	if e.Text != "Hòa" || e.CursorTextOffset() != 3 {
		t.Fatalf("got %q, cursor %d", e.Text, e.CursorTextOffset())
	}
	if len(seen) != 1 || seen[0] != "Hòa" {
		t.Errorf("OnChanged saw %q", seen)
	}
	test.Type(e, " Binhf")
	if e.Text != "Hòa Bình" {
		t.Errorf("typing on: %q", e.Text)
	}
}
