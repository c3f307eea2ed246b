package store

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the window keeps the office database when no --db is
// given: TDKT_DB if set, else a folder of the user's local (not roaming)
// application data, which the window shows so that staff know where it is.
func DefaultPath() string {
	if p := os.Getenv("TDKT_DB"); p != "" {
		return p
	}
	if runtime.GOOS == "windows" {
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "tdkt", "tdkt.db")
		}
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "tdkt", "tdkt.db")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "tdkt", "tdkt.db")
	}
	return "tdkt.db"
}
