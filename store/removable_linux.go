package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// Removable reports whether path lives on a removable or USB drive, where
// bbolt's maintainers say a database is not safe: sticks are for bundles and
// backups. It follows the file system's block device in sysfs.
func Removable(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		if st, err = os.Stat(filepath.Dir(path)); err != nil {
			return false
		}
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	dev := uint64(sys.Dev)
	link, err := filepath.EvalSymlinks(fmt.Sprintf("/sys/dev/block/%d:%d", unix.Major(dev), unix.Minor(dev)))
	if err != nil {
		return false // not a block device (tmpfs, network share)
	}
	if strings.Contains(link, "/usb") {
		return true
	}
	// a partition's removable flag is on its disk, one level up
	for _, p := range []string{link, filepath.Dir(link)} {
		if b, err := os.ReadFile(filepath.Join(p, "removable")); err == nil && strings.TrimSpace(string(b)) == "1" {
			return true
		}
	}
	return false
}
