package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
)

// The window types Vietnamese itself. Fyne has no input-method (pre-edit)
// support, and the keyboard tools offices use (Unikey, EVKey, OpenKey) fix
// up a word by sending backspaces and retyping it, which garbles text in a
// GLFW window. So the text fields run every letter through tdkt.TypeKey:
// the word left of the cursor is replaced by the engine's answer.
//
// Wiring (the shell and env own it; nothing here reaches into them):
//
//  1. env gets a field `typing *typingMode`, made once per window with
//     newTypingMode(fyne.CurrentApp().Preferences()) (tests:
//     test.NewTempApp(t).Preferences(), or nil for an in-memory mode).
//  2. The shell adds e.typing.Indicator() to the header (the `right` box in
//     shell.content) and calls e.typing.Register(e.win.Canvas()) once.
//  3. Screens make their text fields with newVNEntry(e.typing),
//     newVNMultiLineEntry(e.typing) and newVNPasswordEntry(e.typing) instead
//     of widget.NewEntry(), widget.NewMultiLineEntry() and
//     widget.NewPasswordEntry(). The package's own `entry` (widgets.go) can
//     type Vietnamese too, without changing type: give it a `mode
//     *typingMode` field, call e.mode.TypeRune(&e.Entry, r) in its TypedRune
//     instead of e.Entry.TypedRune(r), and start its TypedShortcut with
//     `if e.mode.HandleShortcut(s) { return }`.
//  4. The settings screen may append e.typing.SettingsItems() to a form so
//     the user can choose the method and the tone placement (kiểu cũ/mới).
//
// Why the entries must handle the shortcut themselves: the GLFW driver
// gives a shortcut to the focused widget only, when that widget is
// Shortcutable (every Entry is), and to the canvas only when nothing
// Shortcutable has the focus. A widget.Entry swallows shortcuts it does not
// know, so Ctrl+Shift+T typed in a plain widget.Entry does nothing.
//
// Everything here runs on the UI goroutine, like every widget callback.

// Preferences keys and values for the user's choice.
const (
	prefTypingMethod = "typing.method" // "off" | "telex" | "vni"
	prefTypingStyle  = "typing.style"  // "old" | "new"
)

// typingHint names the shortcut in the window.
func typingHint() string { return lang.L("Ctrl+Shift+T: đổi kiểu gõ") }

// vnMaxWord bounds the run of letters read back before the cursor. No
// Vietnamese syllable is near it; a longer run cannot be a word the engine
// would change, so the key is typed as it is.
const vnMaxWord = 32

// typingMode is the window's Vietnamese typing choice, shared by every
// field: the input method, the tone placement, and who to tell when they
// change. A nil *typingMode is a valid mode that is always off.
type typingMode struct {
	prefs     fyne.Preferences // nil: not remembered
	method    tdkt.InputMethod
	style     tdkt.ToneStyle
	listeners []func()
}

// newTypingMode reads the user's last choice from prefs (off and kiểu cũ
// when there is none). prefs may be nil.
func newTypingMode(prefs fyne.Preferences) *typingMode {
	m := &typingMode{prefs: prefs}
	if prefs != nil {
		m.method = methodFromPref(prefs.String(prefTypingMethod))
		m.style = styleFromPref(prefs.String(prefTypingStyle))
	}
	return m
}

func methodFromPref(s string) tdkt.InputMethod {
	switch s {
	case "telex":
		return tdkt.InputTelex
	case "vni":
		return tdkt.InputVNI
	}
	return tdkt.InputOff
}

func methodPref(m tdkt.InputMethod) string {
	switch m {
	case tdkt.InputTelex:
		return "telex"
	case tdkt.InputVNI:
		return "vni"
	}
	return "off"
}

func styleFromPref(s string) tdkt.ToneStyle {
	if s == "new" {
		return tdkt.ToneNew
	}
	return tdkt.ToneOld
}

func stylePref(s tdkt.ToneStyle) string {
	if s == tdkt.ToneNew {
		return "new"
	}
	return "old"
}

// Method is the current input method (InputOff for a nil mode).
func (m *typingMode) Method() tdkt.InputMethod {
	if m == nil {
		return tdkt.InputOff
	}
	return m.method
}

// Style is the tone placement (ToneOld for a nil mode).
func (m *typingMode) Style() tdkt.ToneStyle {
	if m == nil {
		return tdkt.ToneOld
	}
	return m.style
}

// SetMethod changes the input method, remembers it and tells the
// listeners. Setting the current value does nothing.
func (m *typingMode) SetMethod(method tdkt.InputMethod) {
	if m == nil || method == m.method {
		return
	}
	switch method {
	case tdkt.InputOff, tdkt.InputTelex, tdkt.InputVNI:
	default:
		method = tdkt.InputOff
	}
	m.method = method
	if m.prefs != nil {
		m.prefs.SetString(prefTypingMethod, methodPref(method))
	}
	m.changed()
}

// SetStyle changes the tone placement, remembers it and tells the
// listeners.
func (m *typingMode) SetStyle(style tdkt.ToneStyle) {
	if m == nil || style == m.style {
		return
	}
	if style != tdkt.ToneNew {
		style = tdkt.ToneOld
	}
	m.style = style
	if m.prefs != nil {
		m.prefs.SetString(prefTypingStyle, stylePref(style))
	}
	m.changed()
}

// Toggle cycles off → Telex → VNI → off.
func (m *typingMode) Toggle() {
	if m == nil {
		return
	}
	switch m.method {
	case tdkt.InputOff:
		m.SetMethod(tdkt.InputTelex)
	case tdkt.InputTelex:
		m.SetMethod(tdkt.InputVNI)
	default:
		m.SetMethod(tdkt.InputOff)
	}
}

// AddListener calls f after every change of method or style.
func (m *typingMode) AddListener(f func()) {
	if m != nil && f != nil {
		m.listeners = append(m.listeners, f)
	}
}

func (m *typingMode) changed() {
	for _, f := range m.listeners {
		f()
	}
}

// Label is the indicator's text: "Gõ: Tắt", "Gõ: Telex" or "Gõ: VNI".
func (m *typingMode) Label() string {
	switch m.Method() {
	case tdkt.InputTelex:
		return lang.L("Gõ: Telex")
	case tdkt.InputVNI:
		return lang.L("Gõ: VNI")
	}
	return lang.L("Gõ: Tắt")
}

// Shortcut is the key that toggles the mode: Ctrl+Shift+T. The GLFW
// driver delivers any Ctrl+Shift+letter as a desktop.CustomShortcut (only
// Ctrl+letter and Shift+Insert/Delete are turned into Fyne's own
// shortcuts), on Windows and Linux alike; Ctrl+Shift alone, Unikey's
// toggle, cannot be delivered because a modifier key is never a shortcut.
func (m *typingMode) Shortcut() fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
}

// HandleShortcut toggles the mode when s is its shortcut and reports
// whether it did. Entries call it first in TypedShortcut.
func (m *typingMode) HandleShortcut(s fyne.Shortcut) bool {
	if m == nil || s == nil || s.ShortcutName() != m.Shortcut().ShortcutName() {
		return false
	}
	m.Toggle()
	return true
}

// Register makes the shortcut work on c while no entry has the focus
// (buttons, lists and tables are not Shortcutable, so the canvas gets it).
func (m *typingMode) Register(c fyne.Canvas) {
	if m == nil || c == nil {
		return
	}
	c.AddShortcut(m.Shortcut(), func(fyne.Shortcut) { m.Toggle() })
}

// Indicator is the status-bar control: a small button showing the method,
// which toggles it when tapped, with the shortcut written under it (Fyne
// 2.7 has no tooltips, and a pop-up on hover would take the keyboard focus
// from the field being typed in).
func (m *typingMode) Indicator() fyne.CanvasObject {
	b := widget.NewButton(m.Label(), m.Toggle)
	hint := widget.NewLabel(typingHint())
	hint.SizeName = theme.SizeNameCaptionText
	hint.Importance = widget.LowImportance
	hint.Alignment = fyne.TextAlignCenter
	update := func() {
		b.SetText(m.Label())
		if m.Method() == tdkt.InputOff {
			b.Importance = widget.LowImportance
		} else {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	update()
	m.AddListener(update)
	return container.NewVBox(b, hint)
}

// Tone placement choices, as the settings show them.
// (A function, not a variable: the labels follow the window's language,
// which is chosen after package initialisation.)
func typingStyleOptions() []string {
	return []string{lang.L("Kiểu cũ: hòa, thúy, khỏe"), lang.L("Kiểu mới: hoà, thuý, khoẻ")}
}

// typingMethodOptions are the methods in tdkt.InputMethod order.
func typingMethodOptions() []string { return []string{lang.L("Tắt"), "Telex", "VNI"} }

// SettingsItems are two form rows for the settings screen: the input
// method and the tone placement. They follow changes made elsewhere (the
// indicator, the shortcut).
func (m *typingMode) SettingsItems() []*widget.FormItem {
	method := widget.NewRadioGroup(typingMethodOptions(), nil)
	method.Horizontal = true
	method.Required = true
	style := widget.NewRadioGroup(typingStyleOptions(), nil)
	style.Required = true
	sync := func() {
		method.SetSelected(typingMethodOptions()[m.Method()])
		style.SetSelected(typingStyleOptions()[m.Style()])
	}
	sync()
	method.OnChanged = func(s string) {
		for i, o := range typingMethodOptions() {
			if o == s {
				m.SetMethod(tdkt.InputMethod(i))
			}
		}
	}
	style.OnChanged = func(s string) {
		if s == typingStyleOptions()[tdkt.ToneNew] {
			m.SetStyle(tdkt.ToneNew)
		} else if s != "" {
			m.SetStyle(tdkt.ToneOld)
		}
	}
	m.AddListener(sync)
	return []*widget.FormItem{
		{Text: lang.L("Gõ tiếng Việt"), Widget: method, HintText: typingHint()},
		{Text: lang.L("Đặt dấu thanh"), Widget: style},
	}
}

// isWordRune reports whether r belongs to the word the engine works on:
// letters, combining marks (a decomposed paste, a keyboard that sends
// U+0301) and, for VNI, the digits.
func isWordRune(r rune, method tdkt.InputMethod) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) ||
		(method == tdkt.InputVNI && r >= '0' && r <= '9')
}

// TypeRune types r into en as the mode says. Off, in a password, or for a
// key that is not part of a word, it is en.TypedRune(r). Otherwise the word
// left of the cursor (on the current line: a newline is not a letter) is
// replaced by tdkt.TypeKey(word, r, method, style), which is NFC.
//
// Over a selection the selection is deleted first and the key starts a new
// word: that is en.TypedRune(r), since TypeKey(nil, r) is r.
//
// The replacement goes through the entry's own editing (Backspace for the
// part of the word that changed, then the new letters), so the cursor,
// the undo history (Ctrl+Z) and data bindings stay right; OnChanged is
// held back during it and called once with the final text.
func (m *typingMode) TypeRune(en *widget.Entry, r rune) {
	method := m.Method()
	if method == tdkt.InputOff || en.Password || en.Disabled() || !isWordRune(r, method) || en.SelectedText() != "" {
		en.TypedRune(r)
		return
	}
	text := []rune(en.Text)
	pos := en.CursorTextOffset()
	if pos < 0 || pos > len(text) {
		en.TypedRune(r)
		return
	}
	start := pos
	for start > 0 && isWordRune(text[start-1], method) {
		if pos-start == vnMaxWord {
			en.TypedRune(r)
			return
		}
		start--
	}
	// A mark at the start of the run belongs to whatever is before it.
	for start < pos && unicode.Is(unicode.Mn, text[start]) {
		start++
	}
	word := text[start:pos]
	out := tdkt.TypeKey(word, r, method, m.Style())
	same := 0
	for same < len(word) && same < len(out) && word[same] == out[same] {
		same++
	}
	if same == len(word) && len(out) == len(word)+1 && out[same] == r {
		en.TypedRune(r) // the usual case: a letter added, nothing changed
		return
	}
	vnReplaceBeforeCursor(en, text, pos, len(word)-same, out[same:])
}

// vnReplaceBeforeCursor deletes del runes before the cursor at pos and
// types ins there. text is en.Text before the change.
func vnReplaceBeforeCursor(en *widget.Entry, text []rune, pos, del int, ins []rune) {
	cb := en.OnChanged
	en.OnChanged = nil
	before := en.Text
	func() {
		defer func() { en.OnChanged = cb }()
		for i := 0; i < del; i++ {
			en.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
		for _, c := range ins {
			en.TypedRune(c)
		}
		want := string(text[:pos-del]) + string(ins) + string(text[pos:])
		at := pos - del + len(ins)
		if en.Text != want || en.CursorTextOffset() != at {
			// The entry did not edit as asked (it still believed in an
			// empty selection and took Backspace for "delete it"): set
			// the text outright. The undo history is lost, the text is
			// right.
			en.OnChanged = nil
			en.SetText(want)
			vnSetCursor(en, []rune(want), at)
		}
	}()
	if cb != nil && en.Text != before {
		cb(en.Text)
	}
}

// vnSetCursor puts the cursor at rune offset at, counting rows by
// newlines. That is exact for single-line entries and for multi-line
// entries without wrapping; in a wrapped one the row may be off, which only
// the fallback above risks.
func vnSetCursor(en *widget.Entry, text []rune, at int) {
	row, col := 0, 0
	for _, c := range text[:at] {
		if c == '\n' && en.MultiLine {
			row++
			col = 0
		} else {
			col++
		}
	}
	en.CursorRow, en.CursorColumn = row, col
	en.Refresh()
}

// vnEntry is a widget.Entry that types Vietnamese with the window's
// typing mode (see typingMode.TypeRune). With a nil mode, or the mode
// off, it is an ordinary entry.
type vnEntry struct {
	widget.Entry
	mode  *typingMode
	plain bool // never transform (passwords)
}

var (
	_ fyne.Focusable    = (*vnEntry)(nil)
	_ fyne.Shortcutable = (*vnEntry)(nil)
)

// newVNEntry is a single-line entry that types Vietnamese.
func newVNEntry(m *typingMode) *vnEntry {
	e := &vnEntry{mode: m}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.ExtendBaseWidget(e)
	return e
}

// newVNMultiLineEntry is a multi-line entry that types Vietnamese.
func newVNMultiLineEntry(m *typingMode) *vnEntry {
	e := newVNEntry(m)
	e.MultiLine = true
	return e
}

// newVNPasswordEntry is a password entry that never transforms what is
// typed (a password is whatever keys the user presses), with a button that
// shows and hides it. It still passes the mode's shortcut on, so toggling
// works with the focus in it.
func newVNPasswordEntry(m *typingMode) *vnEntry {
	e := newVNEntry(m)
	e.Password = true
	e.plain = true
	var eye *widget.Button
	eye = widget.NewButtonWithIcon("", theme.VisibilityOffIcon(), func() {
		if e.Disabled() {
			return
		}
		e.Password = !e.Password
		if e.Password {
			eye.SetIcon(theme.VisibilityOffIcon())
		} else {
			eye.SetIcon(theme.VisibilityIcon())
		}
		e.Refresh()
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Focus(e)
		}
	})
	eye.Importance = widget.LowImportance
	e.ActionItem = eye
	return e
}

// TypedRune types r through the typing mode.
func (e *vnEntry) TypedRune(r rune) {
	if e.plain {
		e.Entry.TypedRune(r)
		return
	}
	e.mode.TypeRune(&e.Entry, r)
}

// TypedShortcut toggles the typing mode on its shortcut and passes every
// other shortcut (copy, paste, undo…) to the entry.
func (e *vnEntry) TypedShortcut(s fyne.Shortcut) {
	if e.mode.HandleShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// reload takes the method and style from the preferences again, without
// writing them back, after another typingMode instance (a focused field's
// shortcut) changed them.
func (m *typingMode) reload() {
	if m == nil || m.prefs == nil {
		return
	}
	method, style := methodFromPref(m.prefs.String(prefTypingMethod)), styleFromPref(m.prefs.String(prefTypingStyle))
	if method == m.method && style == m.style {
		return
	}
	m.method, m.style = method, style
	m.changed()
}

// appTyping is the typing mode as the application's preferences hold it:
// the shared state every field reads at each key, so that the window needs
// no global variable and every field follows the indicator at once.
func appTyping() *typingMode {
	if a := fyne.CurrentApp(); a != nil {
		return newTypingMode(a.Preferences())
	}
	return nil
}
