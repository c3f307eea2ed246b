package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"tdkt"
)

// bar is one bar of a chart: a label, a value out of a total and a colour.
type bar struct {
	Label string
	Value int
	Total int // the share is Value/Total; 0 draws the bar against the largest Value
	Color color.Color
}

// barChart draws horizontal bars with canvas rectangles and text: a
// picture of the shares, with the numbers written beside each bar.
type barChart struct {
	box  *fyne.Container
	bars []bar
}

func newBarChart() *barChart {
	return &barChart{box: container.NewVBox()}
}

// set redraws the chart.
func (c *barChart) set(bars []bar) {
	c.bars = bars
	c.box.Objects = nil
	largest := 1
	for _, b := range bars {
		largest = max(largest, b.Value)
	}
	fg := theme.Color(theme.ColorNameForeground)
	for _, b := range bars {
		frac := float32(0)
		text := fmt.Sprint(b.Value)
		if b.Total > 0 {
			frac = float32(b.Value) / float32(b.Total)
			text = fmt.Sprintf("%s/%s (%s%%)", num(b.Value), num(b.Total), percentText(float64(b.Value)*100/float64(b.Total)))
		} else if b.Total == 0 && b.Value > 0 {
			frac = float32(b.Value) / float32(largest)
			text = num(b.Value)
		}
		if b.Total < 0 {
			text = lang.L("chưa có dữ liệu")
		}
		label := canvas.NewText(b.Label, fg)
		value := canvas.NewText(text, fg)
		value.TextStyle.Bold = true
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = 3
		fill := canvas.NewRectangle(b.Color)
		fill.CornerRadius = 3
		track := container.New(&fractionLayout{frac: frac}, bg, fill)
		c.box.Add(container.NewBorder(nil, nil, nil, value, label))
		c.box.Add(track)
	}
	c.box.Refresh()
}

func num(n int) string { return tdkt.Money(int64(n)) }

func percentText(p float64) string { return fmtFloat(float64(int(p*10+0.5)) / 10) }

// fractionLayout lays out a track (first object, full width) and a fill
// (second object, frac of the width), 18 units high.
type fractionLayout struct{ frac float32 }

func (l *fractionLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := l.MinSize(objs).Height
	y := (size.Height - h) / 2
	objs[0].Move(fyne.NewPos(0, y))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	f := l.frac
	if f < 0 {
		f = 0
	}
	if f > 1 {
		f = 1
	}
	objs[1].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(size.Width*f, h))
}

func (l *fractionLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(120, 18) }

// Chart colours: distinct in light and dark themes.
var (
	colorDirect = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff} // green
	colorSmall  = color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff} // blue
	colorArea   = color.NRGBA{R: 0xef, G: 0x6c, B: 0x00, A: 0xff} // orange
	colorForm   = color.NRGBA{R: 0x6a, G: 0x1b, B: 0x9a, A: 0xff} // purple
)
