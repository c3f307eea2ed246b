package ui

import (
	"errors"
	"fyne.io/fyne/v2/lang"

	"tdkt/store"
)

// writeFailed tells, in a dialog as well as beside the form, when a save
// failed because of the medium: the disk is full, or the file cannot be
// written. The store's message says what to do; the transaction was rolled
// back, so nothing was damaged and what the user typed is still on screen.
func (e *env) writeFailed(err error) {
	var title, hint string
	switch {
	case errors.Is(err, store.ErrDiskFull):
		title = lang.L("Ổ đĩa đã đầy – chưa lưu được")
		hint = lang.L("Hãy xóa bớt tệp không cần trên ổ đĩa chứa tệp dữ liệu (hoặc chép bớt sang ổ khác), rồi bấm Lưu lại.")
	case errors.Is(err, store.ErrReadOnlyMedia):
		title = lang.L("Không ghi được tệp dữ liệu")
		hint = lang.L("Hãy chép tệp dữ liệu vào một thư mục trên ổ cứng của máy có quyền ghi, rồi mở từ đó.")
	case errors.Is(err, store.ErrReadOnly):
		title = lang.L("Đang mở chỉ để xem")
		hint = lang.L("Cơ sở dữ liệu đang mở chỉ để xem nên không lưu được thay đổi.")
	default:
		return
	}
	e.show(newMessage(title, capFirst(err.Error())+".\n\n"+hint+lang.L("\nNhững gì đang nhập vẫn còn trên màn hình; dữ liệu đã lưu trước đó không bị ảnh hưởng."), e.win))
}
