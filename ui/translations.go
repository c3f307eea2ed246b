package ui

import (
	"encoding/json"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/assets"
)

// The window's languages. Vietnamese is the default and the source: every
// string of the window is written in Vietnamese as lang.L("…") and that text
// is its own translation. English comes from assets/lang/en.json.
const (
	langVietnamese = "vi"
	langEnglish    = "en"
)

// prefLanguage is the app preference holding the chosen language;
// TDKT_LANG (vi or en) overrides it, for screenshots and tests.
const prefLanguage = "ui.language"

// fyneLocales are the languages Fyne ships, plus vi. Fyne picks its
// localizer from the PC's language, not from ours: the chosen language's
// strings are therefore registered under every one of them, so that a
// Vietnamese window on an English PC (or an English window on a Vietnamese
// one) is one language throughout, Fyne's own dialogs included. Fyne falls
// back to "en" when the PC's language is not one it knows, so registering
// under "en" covers the rest.
var fyneLocales = []string{"vi", "en", "cs", "de", "el", "es", "fr", "it", "ja", "ko", "nl",
	"pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans", "zh-Hant"}

var (
	langMu  sync.Mutex
	current string // the language installed last, "" before the first
)

// chooseLanguage is the language the window starts in: TDKT_LANG, else
// the preference, else Vietnamese.
func chooseLanguage(p fyne.Preferences) string {
	if l := normLanguage(os.Getenv("TDKT_LANG")); l != "" {
		return l
	}
	if p != nil {
		if l := normLanguage(p.String(prefLanguage)); l != "" {
			return l
		}
	}
	return langVietnamese
}

// normLanguage accepts "en", "EN", "en_GB.UTF-8"…; "" for anything else
// than English or Vietnamese.
func normLanguage(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, langEnglish):
		return langEnglish
	case strings.HasPrefix(s, langVietnamese):
		return langVietnamese
	}
	return ""
}

// setLanguage installs code's strings (langVietnamese or langEnglish) for
// the window and for Fyne. It must run before any window content is built:
// labels are translated when they are made. Installing a language replaces
// the strings of the one before it, which the tests use to build the
// window in both languages in one process. Fyne reads the PC's language
// again on every install.
func setLanguage(code string) {
	langMu.Lock()
	defer langMu.Unlock()
	if code != langEnglish {
		code = langVietnamese
	}
	ours, fyneStrings := readLang("en.json"), readLang("fyne-vi.json")
	if code == langEnglish {
		fyneStrings = readLang("fyne-en.json")
	} else {
		// Vietnamese is the key itself; installing key → key puts back
		// what an earlier English install replaced.
		ours = identity(ours)
	}
	for _, l := range fyneLocales {
		for _, data := range [][]byte{fyneStrings, ours} {
			if err := lang.AddTranslationsForLocale(data, fyne.Locale(l)); err != nil {
				fyne.LogError("translations "+l, err)
			}
		}
	}
	current = code
}

// currentLanguage is the language installed, langVietnamese before any.
func currentLanguage() string {
	langMu.Lock()
	defer langMu.Unlock()
	if current == "" {
		return langVietnamese
	}
	return current
}

// registerTranslations installs the default language when none has been
// chosen yet (tests that build screens without newApp).
func registerTranslations() {
	langMu.Lock()
	none := current == ""
	langMu.Unlock()
	if none {
		setLanguage(langVietnamese)
	}
}

// readLang reads a file of assets/lang; the files are embedded and checked
// by the tests, so a failure is a broken build and panics.
func readLang(name string) []byte {
	b, err := assets.Lang.ReadFile("lang/" + name)
	if err != nil {
		panic(err)
	}
	return b
}

// identity turns a flat translation file into one mapping each key to
// itself, the Vietnamese, except the record kinds' IDs (kindKey), which map
// to the kinds' labels.
func identity(data []byte) []byte {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		panic(err)
	}
	for k := range m {
		m[k] = k
	}
	for _, k := range tdkt.Kinds {
		m[kindKey(k)] = tdkt.KindLabel(k)
	}
	out, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return out
}

// monthName is the name of month m (1–12) in the window's language, from
// Fyne's strings.
func monthName(m int) string {
	keys := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	if m < 1 || m > 12 {
		return ""
	}
	return lang.X(keys[m-1], keys[m-1])
}

// languageTab is the Settings tab that chooses the window's language. Its
// words are in both languages on purpose, and are not translated: whoever
// cannot read the current language must still find the way back. The
// choice is stored in the app preferences and takes effect on restart,
// since every label is translated when the window is built.
func languageTab(p fyne.Preferences) (*container.TabItem, *widget.RadioGroup) {
	names := []string{"Tiếng Việt", "English"}
	codes := []string{langVietnamese, langEnglish}
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	group := widget.NewRadioGroup(names, nil)
	group.Required = true
	stored := normLanguage(p.String(prefLanguage))
	if stored == "" {
		stored = langVietnamese
	}
	for i, c := range codes {
		if c == stored {
			group.SetSelected(names[i])
		}
	}
	group.OnChanged = func(name string) {
		for i, n := range names {
			if n != name {
				continue
			}
			p.SetString(prefLanguage, codes[i])
			if codes[i] == currentLanguage() {
				note.SetText("")
			} else {
				note.SetText("Ngôn ngữ mới có hiệu lực khi mở lại chương trình.\nThe new language takes effect when the program is restarted.")
			}
		}
	}
	help := widget.NewLabel("Văn bản in và xuất ra (quyết định, biên bản, sổ, biểu thống kê) luôn bằng tiếng Việt.\n" +
		"Printed and exported documents (decisions, minutes, register, returns) are always in Vietnamese.")
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	box := container.NewVBox(widget.NewLabelWithStyle("Ngôn ngữ / Language", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), group, note, help)
	if env := normLanguage(os.Getenv("TDKT_LANG")); env != "" {
		over := widget.NewLabel("TDKT_LANG=" + env + ": biến môi trường này đang quyết định ngôn ngữ / this environment variable decides the language.")
		over.Wrapping = fyne.TextWrapWord
		box.Add(over)
	}
	return container.NewTabItem("Ngôn ngữ / Language", container.NewPadded(box)), group
}
