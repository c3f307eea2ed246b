package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"tdkt"
)

// TestFormFieldsTypeVietnamese drives the entry every form of the window
// uses: with Telex on in the preferences it composes Vietnamese, and the
// shortcut typed inside a focused field switches the mode for every field
// and for the indicator's state.
func TestFormFieldsTypeVietnamese(t *testing.T) {
	a := test.NewTempApp(t)
	mode := newTypingMode(a.Preferences())
	a.Preferences().AddChangeListener(func() { mode.reload() })
	mode.SetMethod(tdkt.InputTelex)

	e := newEntry()
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	test.Type(e, "Nguyeenx Thij Hoaf")
	if e.Text != "Nguyễn Thị Hòa" {
		t.Fatalf("Telex in a form field gave %q", e.Text)
	}
	if !e.typed {
		t.Error("typing did not mark the field as typed")
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if mode.Method() != tdkt.InputVNI || appTyping().Method() != tdkt.InputVNI {
		t.Fatalf("shortcut in a field: indicator %v, fields %v", mode.Method(), appTyping().Method())
	}
	e.SetText("")
	test.Type(e, "Nguye64n Va8n U7o71c")
	if e.Text != "Nguyễn Văn Ước" {
		t.Fatalf("VNI in a form field gave %q", e.Text)
	}
	mode.SetMethod(tdkt.InputOff)
	e.SetText("")
	test.Type(e, "Nguyeenx")
	if e.Text != "Nguyeenx" {
		t.Fatalf("typing mode off changed the keys: %q", e.Text)
	}
}
