//go:build windows

package store

import (
	"errors"
	"path/filepath"
	"syscall"
	"unsafe"
)

func isDiskFull(err error) bool {
	var e syscall.Errno
	return errors.As(err, &e) && (e == 112 || e == 39) // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
}

func isReadOnly(err error) bool {
	var e syscall.Errno
	return errors.As(err, &e) && e == 19 // ERROR_WRITE_PROTECT
}

// Removable reports whether path is on a removable drive (GetDriveTypeW).
func Removable(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil || len(abs) < 2 {
		return false
	}
	root, err := syscall.UTF16PtrFromString(filepath.VolumeName(abs) + `\`)
	if err != nil {
		return false
	}
	k := syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")
	t, _, _ := k.Call(uintptr(unsafe.Pointer(root)))
	return t == 2 // DRIVE_REMOVABLE
}
