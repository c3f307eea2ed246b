// Package assets embeds what the binary carries: the default award
// catalogue, and later fonts, icon and translations.
package assets

import _ "embed"

// Catalog is the default award catalogue (the law as data). Offices edit
// their copy in the database; this file is only the starting point.
//
//go:embed catalog.json
var Catalog []byte

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte
