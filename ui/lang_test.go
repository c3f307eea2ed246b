package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tdkt"
)

// documentText lists what may hold Vietnamese literals outside lang.L:
// the text of printed documents and data written to the database, which
// the window's language must not change, and the bilingual language tab.
// A file name alone covers the whole file; "file:func" one function
// (methods by their name).
var documentText = []string{
	"decisiontext.go",             // the decision as printed (preview and PDF share it)
	"dossiers.go:filterWords",     // heading of the exported dossier list
	"council.go:meetingForm",      // default meeting title, printed in the minutes
	"council.go:parseMembers",     // default member role, printed in the minutes
	"council.go:closeNow",         // reason stored in the dossier's history
	"firstrun.go:newSetupScreen",  // default decision symbol and signer titles (data)
	"firstrun.go:catalog",         // the first salary's basis, stored
	"movements.go:movementScopes", // a movement's scope, read by return 0601.N
	"users.go:onChangeOwn",        // compares with the store's error text
	"screenshots.go:syncShots",    // a heading of the sample workbook (data)
	"translations.go:languageTab", // bilingual on purpose
}

// viet reports whether s holds a Vietnamese letter (any non-ASCII letter:
// the window has no other).
func viet(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }) >= 0
}

// constString is the value of a string literal or a + of them.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(e.X)
		b, ok2 := constString(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(e.X)
	}
	return "", false
}

// isLang reports whether n is a call lang.L, lang.X…
func isLang(n ast.Node, names ...string) bool {
	c, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	s, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := s.X.(*ast.Ident)
	return ok && id.Name == "lang" && (len(names) == 0 || slices.Contains(names, s.Sel.Name))
}

type uiFile struct {
	name string
	fset *token.FileSet
	file *ast.File
}

// uiSources parses the package's non-test files.
func uiSources(t *testing.T) []uiFile {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []uiFile
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, uiFile{p, fset, f})
	}
	return out
}

func readJSON(t *testing.T, name string) map[string]string {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal(readLang(name), &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// labelKeys are the keys translated at display (see labels.go): the labels
// of the root package's values.
func labelKeys() []string {
	var out []string
	for _, s := range tdkt.Statuses {
		out = append(out, tdkt.StatusLabel(s))
	}
	for _, r := range tdkt.Roles {
		out = append(out, tdkt.RoleLabel(r))
	}
	for _, m := range tdkt.Methods {
		out = append(out, tdkt.MethodLabel(m))
	}
	for _, r := range []tdkt.Rating{tdkt.RatingNone, tdkt.RatingFailed, tdkt.RatingDone, tdkt.RatingGood, tdkt.RatingExcellent} {
		out = append(out, tdkt.RatingLabel(r))
	}
	for _, s := range []tdkt.Scope{tdkt.ScopeNone, tdkt.ScopeBase, tdkt.ScopeProvince, tdkt.ScopeNational} {
		out = append(out, tdkt.ScopeLabel(s))
	}
	for _, k := range tdkt.UnitKinds {
		out = append(out, tdkt.UnitKindLabel(k))
	}
	for _, l := range []tdkt.Level{tdkt.LevelProvince, tdkt.LevelCommune} {
		for _, a := range []tdkt.Authority{tdkt.AuthCommune, tdkt.AuthProvince, tdkt.AuthPM, tdkt.AuthPresident} {
			if why := tdkt.NotDecidedHere(l, a); why != "" {
				out = append(out, why)
			}
		}
	}
	for _, c := range tdkt.Categories {
		out = append(out, tdkt.CategoryLabel(c))
	}
	for _, k := range tdkt.Kinds {
		if tdkt.KindLabel(k) != "" {
			out = append(out, kindKey(k))
		}
	}
	return out
}

// TestTranslationKeys: every lang.L key of the window is in en.json, every
// label of the root package too, and en.json has no key nobody uses.
func TestTranslationKeys(t *testing.T) {
	en := readJSON(t, "en.json")
	used := map[string]bool{}
	for _, f := range uiSources(t) {
		ast.Inspect(f.file, func(n ast.Node) bool {
			if !isLang(n, "L") {
				return true
			}
			c := n.(*ast.CallExpr)
			k, ok := constString(c.Args[0])
			if !ok {
				return true // a label, checked below
			}
			used[k] = true
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %q has no English in assets/lang/en.json", f.fset.Position(c.Pos()), k)
			}
			return true
		})
	}
	for _, k := range labelKeys() {
		if k == "" {
			t.Error("a root package value has no label")
			continue
		}
		used[k] = true
		if _, ok := en[k]; !ok {
			t.Errorf("label %q has no English in assets/lang/en.json", k)
		}
	}
	for k := range en {
		if !used[k] {
			t.Errorf("en.json: %q is used nowhere", k)
		}
	}
	if len(used) < 500 {
		t.Errorf("only %d keys found: is the parser looking at the right files?", len(used))
	}
}

// TestNoUntranslatedStrings: a Vietnamese literal of the window is either
// inside lang.L or part of a document's text (documentText).
func TestNoUntranslatedStrings(t *testing.T) {
	allowed := map[string]bool{}
	for _, a := range documentText {
		allowed[a] = true
	}
	seen := map[string]bool{}
	for _, f := range uiSources(t) {
		if allowed[f.name] {
			seen[f.name] = true
			continue
		}
		var stack []ast.Node
		ast.Inspect(f.file, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			if isLang(n) {
				stack = stack[:len(stack)-1]
				return false // lang.L, lang.X: translated
			}
			l, ok := n.(*ast.BasicLit)
			if !ok || l.Kind != token.STRING {
				return true
			}
			if _, ok := stack[len(stack)-2].(*ast.ImportSpec); ok {
				return true
			}
			s, err := strconv.Unquote(l.Value)
			if err != nil || !viet(s) {
				return true
			}
			fn := ""
			for _, p := range stack {
				if d, ok := p.(*ast.FuncDecl); ok {
					fn = d.Name.Name
				}
			}
			if where := f.name + ":" + fn; allowed[where] {
				seen[where] = true
				return true
			}
			t.Errorf("%s: %q is shown untranslated: wrap it in lang.L, or list its function in documentText if it is document text",
				f.fset.Position(l.Pos()), s)
			return true
		})
	}
	for _, a := range documentText {
		if !seen[a] {
			t.Errorf("documentText: %s has no Vietnamese literal any more; take it off the list", a)
		}
	}
}

// fmtVerbs are the printf verbs of s, in order ("%%" included; "% t" with
// a space flag is not one: the window never uses it, and Vietnamese
// labels such as "(% tổng số)" are plain text).
var fmtVerbs = regexp.MustCompile(`%[-+#0]*(\d+|\*)?(\.\d+)?[a-zA-Z%]`)

// TestTranslationValues: every English string is there and keeps the
// printf verbs of its key; Fyne's English file covers its Vietnamese one.
func TestTranslationValues(t *testing.T) {
	en := readJSON(t, "en.json")
	for k, v := range en {
		if strings.TrimSpace(v) == "" {
			t.Errorf("%q has an empty translation", k)
		}
		if a, b := fmtVerbs.FindAllString(k, -1), fmtVerbs.FindAllString(v, -1); !slices.Equal(a, b) {
			t.Errorf("%q → %q: verbs %v ≠ %v", k, v, a, b)
		}
		if strings.HasPrefix(k, " ") != strings.HasPrefix(v, " ") || strings.HasSuffix(k, " ") != strings.HasSuffix(v, " ") ||
			strings.HasPrefix(k, "\n") != strings.HasPrefix(v, "\n") {
			t.Errorf("%q → %q: the spaces or line breaks at the ends differ", k, v)
		}
	}
	var vi, fen map[string]any
	for name, m := range map[string]*map[string]any{"fyne-vi.json": &vi, "fyne-en.json": &fen} {
		if err := json.Unmarshal(readLang(name), m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for k := range vi {
		if _, ok := fen[k]; !ok {
			t.Errorf("fyne-en.json lacks %q", k)
		}
	}
}

// useLanguage installs code for one test and puts Vietnamese back after.
func useLanguage(t *testing.T, code string) {
	t.Helper()
	setLanguage(code)
	t.Cleanup(func() { setLanguage(langVietnamese) })
}

// buttonTexts are the texts of the buttons under o.
func buttonTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(t, x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// dialogButtons shows Fyne's own confirmation dialog and the window's
// in w and returns their buttons.
func dialogButtons(t *testing.T, sh *shell, w fyne.Window) []string {
	t.Helper()
	dialog.NewConfirm("?", "?", func(bool) {}, w).Show()
	sh.e.confirm("?", "?", func() {})
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, buttonTexts(t, o)...)
	}
	return out
}

// TestShellLanguages builds the real shell in English and in Vietnamese:
// navigation, a screen's buttons and the dialogs follow the language.
func TestShellLanguages(t *testing.T) {
	test.NewTempApp(t)
	f := newTestDB(t)

	useLanguage(t, langEnglish)
	sh, w, _ := openShell(t, f.path)
	var nav []string
	for _, it := range sh.items {
		nav = append(nav, it.title)
	}
	if want := []string{"Overview", "Units & individuals", "Movements & clusters", "Dossiers", "Council"}; !slices.Equal(nav[:5], want) ||
		!slices.Contains(nav, "Settings") {
		t.Errorf("English navigation %q", nav)
	}
	if got := sh.decisions.saveBt.Text; got != "Save draft" {
		t.Errorf("English button %q", got)
	}
	if got := statusLabel(tdkt.StatusReady); got != "Ready for the council" {
		t.Errorf("English status %q", got)
	}
	if got := kindLabel(tdkt.KindDossier); got != "Dossier" {
		t.Errorf("English kind %q", got)
	}
	buttons := dialogButtons(t, sh, w)
	for _, want := range []string{"Yes", "No", "OK", "Cancel"} {
		if !slices.Contains(buttons, want) {
			t.Errorf("English dialogs: no %q in %q", want, buttons)
		}
	}
	if slices.Contains(buttons, "Có") || slices.Contains(buttons, "Hủy") {
		t.Errorf("Vietnamese in English dialogs: %q", buttons)
	}
	if got := monthName(3); got != "March" {
		t.Errorf("English month %q", got)
	}

	setLanguage(langVietnamese)
	sh, w, _ = openShell(t, newTestDB(t).path) // the first is still open

	if got := sh.items[navOverview].title; got != "Tổng quan" {
		t.Errorf("Vietnamese navigation %q", got)
	}
	if got := sh.decisions.saveBt.Text; got != "Lưu dự thảo" {
		t.Errorf("Vietnamese button %q", got)
	}
	if got := kindLabel(tdkt.KindDossier); got != "Hồ sơ" {
		t.Errorf("Vietnamese kind %q", got)
	}
	buttons = dialogButtons(t, sh, w)
	for _, want := range []string{"Có", "Không", "Đồng ý", "Hủy"} {
		if !slices.Contains(buttons, want) {
			t.Errorf("Vietnamese dialogs: no %q in %q", want, buttons)
		}
	}
}

// TestLanguageWinsOverPC: the chosen language wins over the PC's, for
// Fyne's own strings as for ours, whatever the PC's language.
func TestLanguageWinsOverPC(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { setLanguage(langVietnamese) })
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	for _, pc := range []string{"vi_VN.UTF-8", "en_US.UTF-8", "de_DE.UTF-8", "th_TH.UTF-8"} {
		t.Setenv("LANG", pc)
		setLanguage(langEnglish)
		if got := lang.L("Cancel"); got != "Cancel" {
			t.Errorf("PC %s, English: Cancel → %q", pc, got)
		}
		if got := lang.L("Tổng quan"); got != "Overview" {
			t.Errorf("PC %s, English: Tổng quan → %q", pc, got)
		}
		if got := lang.X("monday.short", "Mon"); got != "Mon" {
			t.Errorf("PC %s, English: monday.short → %q", pc, got)
		}
		setLanguage(langVietnamese)
		if got := lang.L("Cancel"); got != "Hủy" {
			t.Errorf("PC %s, Vietnamese: Cancel → %q", pc, got)
		}
		if got := lang.L("Tổng quan"); got != "Tổng quan" {
			t.Errorf("PC %s, Vietnamese: Tổng quan → %q", pc, got)
		}
	}
}

// TestChooseLanguage: TDKT_LANG over the preference over Vietnamese; the
// settings tab stores the choice for the next start.
func TestChooseLanguage(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	t.Setenv("TDKT_LANG", "")
	if got := chooseLanguage(p); got != langVietnamese {
		t.Errorf("default %q", got)
	}
	tab, group := languageTab(p)
	if tab.Text != "Ngôn ngữ / Language" || group.Selected != "Tiếng Việt" {
		t.Errorf("tab %q, selected %q", tab.Text, group.Selected)
	}
	group.SetSelected("English")
	if got := p.String(prefLanguage); got != langEnglish {
		t.Errorf("stored %q", got)
	}
	if got := chooseLanguage(p); got != langEnglish {
		t.Errorf("after choosing English %q", got)
	}
	t.Setenv("TDKT_LANG", "vi")
	if got := chooseLanguage(p); got != langVietnamese {
		t.Errorf("TDKT_LANG=vi gave %q", got)
	}
	t.Setenv("TDKT_LANG", "en_GB.UTF-8")
	p.SetString(prefLanguage, langVietnamese)
	if got := chooseLanguage(p); got != langEnglish {
		t.Errorf("TDKT_LANG=en_GB gave %q", got)
	}
}
