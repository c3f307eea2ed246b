package ui

import (
	"fyne.io/fyne/v2/lang"

	"tdkt"
)

// The root package names its statuses, roles, methods… in Vietnamese,
// because the same words are printed in documents and written in error
// messages. The window translates them where it shows them; these wrappers
// are the only place it does, so that assets/lang/en.json can be checked
// against the root package's lists (see labelKeys in the tests).

func statusLabel(s tdkt.Status) string     { return trLabel(tdkt.StatusLabel(s)) }
func roleLabel(r tdkt.Role) string         { return trLabel(tdkt.RoleLabel(r)) }
func methodLabel(m tdkt.Method) string     { return trLabel(tdkt.MethodLabel(m)) }
func ratingLabel(r tdkt.Rating) string     { return trLabel(tdkt.RatingLabel(r)) }
func scopeLabel(s tdkt.Scope) string       { return trLabel(tdkt.ScopeLabel(s)) }
func unitKindLabel(k tdkt.UnitKind) string { return trLabel(tdkt.UnitKindLabel(k)) }
func categoryLabel(c tdkt.Category) string { return trLabel(tdkt.CategoryLabel(c)) }

// trLabel translates a label, leaving the empty label (an unknown value)
// empty: callers test for it.
func trLabel(l string) string {
	if l == "" {
		return ""
	}
	return lang.L(l)
}

// kindLabel names a record kind ("Dossier SL-D0000012"). Kinds have IDs of
// their own, kindKey, rather than their Vietnamese label: "Hồ sơ",
// "Quyết định", "Người dùng" are also navigation headings, which English
// puts in the plural. In Vietnamese the ID maps to the label (see
// identity).
func kindLabel(k tdkt.Kind) string {
	l := tdkt.KindLabel(k)
	if l == "" {
		return ""
	}
	return lang.X(kindKey(k), l)
}

func kindKey(k tdkt.Kind) string { return "kind." + string(k) }
