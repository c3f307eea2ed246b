// Package assets embeds what the binary carries: the default award
// catalogue, fonts, icon and translations.
package assets

import "embed"

// Catalog is the default award catalogue (the law as data). Offices edit
// their copy in the database; this file is only the starting point.
//
//go:embed catalog.json
var Catalog []byte

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte

// Fonts holds Liberation Serif 2.x (regular, bold, italic, bold italic),
// metric-compatible with Times New Roman and covering Vietnamese, under the
// SIL Open Font License 1.1 (fonts/OFL.txt). Decree 30/2020 documents use it.
//
//go:embed fonts/LiberationSerif-Regular.ttf fonts/LiberationSerif-Bold.ttf fonts/LiberationSerif-Italic.ttf fonts/LiberationSerif-BoldItalic.ttf fonts/OFL.txt
var Fonts embed.FS

// Lang holds the translations of the window, as flat JSON files
// (go-i18n's format, read by fyne.io/fyne/v2/lang):
//
//   - lang/en.json: the window's own strings in English, keyed by their
//     Vietnamese text (the source strings; Vietnamese needs no file);
//   - lang/fyne-vi.json, lang/fyne-en.json: Fyne's own strings (dialog
//     buttons, file dialog, entry menu, weekday and month names).
//
// The package only carries the bytes: the window decides how to load them,
// so that this package stays free of Fyne.
//
//go:embed lang/*.json
var Lang embed.FS
