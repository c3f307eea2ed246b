//go:build !linux && !windows

package store

// Removable is not detected on this system.
func Removable(string) bool { return false }
