package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
	"tdkt/store/demo"
)

// home is the placeholder home screen of the foundation: which office and
// file are open, how many records of each kind, and a search box. The
// workflow screens (dossiers, council, decisions…) replace it.
type home struct {
	path   string
	db     *store.DB
	window fyne.Window

	status  *widget.Label
	counts  *widget.Label
	query   *widget.Entry
	results *widget.List
	hits    []store.Hit
	demoBtn *widget.Button
	busy    *widget.ProgressBarInfinite
}

func newHome(path string) *home {
	h := &home{path: path}
	h.status = widget.NewLabel("")
	h.status.Wrapping = fyne.TextWrapWord
	h.counts = widget.NewLabel("")
	h.query = widget.NewEntry()
	h.query.SetPlaceHolder("Tìm cá nhân, đơn vị, hồ sơ, quyết định… (gõ có dấu hoặc không dấu)")
	h.query.OnChanged = h.onQueryChanged
	h.results = widget.NewList(
		func() int { return len(h.hits) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			hit := h.hits[i]
			o.(*widget.Label).SetText(tdkt.KindLabel(hit.Kind) + ": " + hit.Text)
		})
	h.demoBtn = widget.NewButton("Tạo dữ liệu mẫu (tỉnh Sơn Lâm)", h.onDemo)
	h.demoBtn.Hide()
	h.busy = widget.NewProgressBarInfinite()
	h.busy.Stop()
	h.busy.Hide()
	return h
}

func (h *home) content() fyne.CanvasObject {
	top := container.NewVBox(
		widget.NewLabelWithStyle(Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		h.status, h.demoBtn, h.busy, h.counts, h.query)
	return container.NewBorder(top, nil, nil, nil, h.results)
}

// load opens the database and fills the screen, or explains why it cannot.
func (h *home) load() {
	db, err := store.Open(h.path, store.Options{})
	if err != nil {
		h.status.SetText(openMessage(h.path, err))
		h.demoBtn.Show()
		h.query.Disable()
		return
	}
	h.db = db
	h.demoBtn.Hide()
	h.query.Enable()
	var office *tdkt.Office
	db.View(func(tx *store.Tx) error {
		office, _ = tx.OfficeRecord()
		return nil
	})
	name := "(chưa thiết lập cơ quan)"
	if office != nil {
		name = office.Name
	}
	h.status.SetText(fmt.Sprintf("%s\nTệp dữ liệu: %s", name, h.path))
	stats, _, err := db.Stats()
	if err != nil {
		h.counts.SetText("Không đọc được số liệu: " + err.Error())
		return
	}
	var parts []string
	for _, s := range stats {
		if s.Kind == tdkt.KindOffice || s.Kind == tdkt.KindCatalog {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %s", tdkt.KindLabel(s.Kind), tdkt.Money(int64(s.Count))))
	}
	h.counts.SetText(strings.Join(parts, " · "))
}

func (h *home) onQueryChanged(q string) {
	if h.db == nil {
		return
	}
	var hits []store.Hit
	h.db.View(func(tx *store.Tx) error {
		var err error
		hits, err = tx.Search(q, 200)
		return err
	})
	h.hits = hits
	h.results.Refresh()
}

// onDemo builds the small demo province off the UI goroutine.
func (h *home) onDemo() {
	h.demoBtn.Disable()
	h.busy.Show()
	h.busy.Start()
	go func() {
		err := demo.Generate(h.path, "small", 1, func(s string) {
			fyne.Do(func() { h.status.SetText("Đang tạo dữ liệu mẫu: " + s) })
		})
		fyne.Do(func() {
			h.busy.Stop()
			h.busy.Hide()
			h.demoBtn.Enable()
			if err != nil {
				h.status.SetText("Không tạo được dữ liệu mẫu: " + err.Error())
				return
			}
			h.load()
		})
	}()
}

func (h *home) close() {
	if h.db != nil {
		h.db.Close()
	}
}
