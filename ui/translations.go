package ui

import (
	_ "embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// viJSON is the Vietnamese for Fyne's own strings (dialog buttons, file
// dialog, entry menu, weekday and month names).
//
//go:embed translations/vi.json
var viJSON []byte

// fyneLocales are the languages Fyne ships: the Vietnamese file is
// registered under each of them as well as under vi, so that dialogs are
// Vietnamese on any PC. Fyne falls back to "en" when the system language
// is not one it knows, so registering under "en" is the fallback.
var fyneLocales = []string{"vi", "en", "cs", "de", "el", "es", "fr", "it", "ja", "ko", "nl",
	"pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans", "zh-Hant"}

var registerOnce sync.Once

// registerTranslations installs the Vietnamese strings once per process.
func registerTranslations() {
	registerOnce.Do(func() {
		for _, l := range fyneLocales {
			if err := lang.AddTranslationsForLocale(viJSON, fyne.Locale(l)); err != nil {
				fyne.LogError("thêm bản dịch "+l, err)
			}
		}
	})
}

// monthName is the Vietnamese name of month m (1–12), from the same file.
func monthName(m int) string {
	keys := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	if m < 1 || m > 12 {
		return ""
	}
	return lang.X(keys[m-1], keys[m-1])
}
