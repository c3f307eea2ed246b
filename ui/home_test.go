package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tdkt/store/demo"
)

func TestHomeOverDemo(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Generate(path, "small", 1, nil); err != nil {
		t.Fatal(err)
	}
	h := newHome(path)
	w := test.NewTempWindow(t, h.content())
	h.window = w
	h.load()
	defer h.close()
	if !strings.Contains(h.status.Text, "Sơn Lâm") || !strings.Contains(h.status.Text, path) {
		t.Errorf("status %q", h.status.Text)
	}
	if !strings.Contains(h.counts.Text, "Khen thưởng:") || !strings.Contains(h.counts.Text, "Cá nhân:") {
		t.Errorf("counts %q", h.counts.Text)
	}
	test.Type(h.query, "nguyen van")
	if len(h.hits) == 0 || h.results.Length() != len(h.hits) {
		t.Fatalf("no results for 'nguyen van' (%d)", len(h.hits))
	}
	if !strings.HasPrefix(h.hits[0].Text, "Nguyễn") {
		t.Errorf("first hit %q", h.hits[0].Text)
	}
}

func TestHomeWithoutDatabase(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "none.db")
	h := newHome(path)
	test.NewTempWindow(t, h.content())
	h.load()
	if !strings.Contains(h.status.Text, "Chưa có cơ sở dữ liệu") || h.demoBtn.Hidden || !h.query.Disabled() {
		t.Fatalf("status %q, demo button hidden %v", h.status.Text, h.demoBtn.Hidden)
	}
}
