package jobs

import (
	"path/filepath"
	"testing"

	"tdkt/store"
	"tdkt/store/demo"
)

// smallDemoFile generates the small demo province (about 1,300 awards,
// several batches of RegisterRows) into a new file of the test's.
func smallDemoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Generate(path, "small", 1, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

// smallDemo opens the small demo province read-only, for the test's life.
func smallDemo(t *testing.T) *store.DB {
	t.Helper()
	d, err := store.Open(smallDemoFile(t), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
