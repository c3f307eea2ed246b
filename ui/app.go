// Package ui is the Fyne window of tdkt. Screens are structs holding their
// widgets and the store; slow work runs off the UI goroutine and comes back
// through fyne.Do.
package ui

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"tdkt/assets"
	"tdkt/store"
)

// Title is the window title.
const Title = "Thi đua – Khen thưởng"

// Run opens the window on the database at path (the default path when
// empty) and blocks until the window closes.
func Run(path string) error {
	if path == "" {
		path = store.DefaultPath()
	}
	if err := haveDisplay(); err != nil {
		return err
	}
	// Fyne cannot parse LANG=C and logs an error; the window is Vietnamese
	// anyway, so say so.
	if l := os.Getenv("LANG"); l == "" || l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
		os.Setenv("LANG", "vi_VN.UTF-8")
	}
	a := app.NewWithID("vn.tdkt.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(Title)
	w.Resize(fyne.NewSize(1100, 720))
	h := newHome(path)
	w.SetContent(h.content())
	w.SetOnClosed(h.close)
	h.window = w
	h.load()
	w.ShowAndRun()
	return nil
}

// openMessage turns store errors into the sentence the window shows.
func openMessage(path string, err error) string {
	switch {
	case errors.Is(err, store.ErrNoFile):
		return fmt.Sprintf("Chưa có cơ sở dữ liệu tại %s. Bấm \"Tạo dữ liệu mẫu\" để dùng thử với tỉnh mẫu Sơn Lâm.", path)
	case errors.Is(err, store.ErrLocked):
		return "Cơ sở dữ liệu đang được mở ở một cửa sổ tdkt khác. Hãy đóng cửa sổ đó rồi mở lại."
	case errors.Is(err, store.ErrNotTDKT):
		return fmt.Sprintf("Tệp %s không phải cơ sở dữ liệu tdkt hoặc đã bị hỏng.", path)
	case errors.Is(err, store.ErrNewer):
		return "Cơ sở dữ liệu do phiên bản tdkt mới hơn tạo ra. Hãy cập nhật chương trình."
	}
	return "Không mở được cơ sở dữ liệu: " + err.Error()
}

// haveDisplay refuses early, with a sentence instead of a GLFW panic, when a
// Linux session has no display (an SSH login, a CI job).
func haveDisplay() error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("không có màn hình (DISPLAY chưa đặt): hãy mở tdkt trong phiên đồ họa, hoặc dùng các lệnh như 'tdkt search' (no display)")
	}
	return nil
}
