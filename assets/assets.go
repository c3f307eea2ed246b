// Package assets embeds what the binary carries: the default award
// catalogue, and later fonts, icon and translations.
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
