package store

import (
	"errors"
	"fmt"
	"io/fs"
)

// Errors of the medium the database lives on.
var (
	ErrDiskFull      = errors.New("ổ đĩa đã đầy: hãy giải phóng dung lượng rồi thử lại; dữ liệu cũ không bị ảnh hưởng (disk full)")
	ErrReadOnlyMedia = errors.New("ổ đĩa hoặc thư mục chỉ cho đọc: không ghi được cơ sở dữ liệu (read-only media)")
)

// mediaErr turns low-level write failures into the errors above, keeping
// the original for the log. A failed bbolt commit rolls back, so the
// message can promise that nothing was damaged.
func mediaErr(err error) error {
	switch {
	case err == nil:
		return nil
	case isDiskFull(err):
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case isReadOnly(err) || errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w (%v)", ErrReadOnlyMedia, err)
	}
	return err
}
