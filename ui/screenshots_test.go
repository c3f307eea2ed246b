package ui

import (
	"fmt"
	"os"
	"testing"
)

// TestMain runs on the main goroutine, which a real GLFW window needs: with
// TDKT_SCREENSHOTS=DIR and TDKT_SCREENSHOTS_DB=PATH (and a DISPLAY, e.g.
// Xvfb) it captures every screen instead of running the tests:
//
//	TDKT_SCREENSHOTS=docs/screenshots TDKT_SCREENSHOTS_DB=/tmp/ui-demo.db \
//	  go test -tags migrated_fynedo -run TestScreenshots ./ui
func TestMain(m *testing.M) {
	if dir := os.Getenv("TDKT_SCREENSHOTS"); dir != "" && os.Getenv("DISPLAY") != "" {
		if err := Screenshots(os.Getenv("TDKT_SCREENSHOTS_DB"), dir); err != nil {
			fmt.Fprintln(os.Stderr, "screenshots:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	// results of background work are applied by task.wait on the test's
	// goroutine (see uiSync); progress bar updates are dropped
	applyInWait = true
	uiAsync = func(func()) {}
	os.Exit(m.Run())
}

func TestScreenshots(t *testing.T) {
	t.Skip("set TDKT_SCREENSHOTS=DIR, TDKT_SCREENSHOTS_DB=PATH and DISPLAY to capture the screens (see TestMain)")
}
