// Package export writes the office's documents and registers to files. Its
// subpackages render one format each (pdf, xlsx); this package holds what
// they share: writing a file so that it is either complete or absent.
package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile renders into a temporary file beside path, syncs it and renames
// it into place, so that a crash, a full disk or a pulled USB stick never
// leaves a half-written document under the final name.
func WriteFile(path string, render func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("tạo tệp tạm trong %s: %w", dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = render(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("đổi tên %s: %w", path, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
