package ui

import "fyne.io/fyne/v2"

// columnsLayout places objects side by side with fixed widths; the last
// object takes what is left. Rows built with the same widths line up like a
// table, for small editable grids (ballot counts) where widget.Table's
// virtualisation brings nothing.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	pad := float32(4)
	for i, o := range objs {
		w := size.Width - x
		if i < len(l.widths) && i < len(objs)-1 {
			w = l.widths[i]
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		ms := o.MinSize()
		if i < len(l.widths) && i < len(objs)-1 {
			w += l.widths[i] + 4
		} else {
			w += ms.Width
		}
		h = max(h, ms.Height)
	}
	return fyne.NewSize(w, h)
}
