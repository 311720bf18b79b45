package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// bandOrder is the order bands are drawn in, left to right.
var bandOrder = [3]string{data.BandPositive, data.BandNeutral, data.BandNegative}

// bandBar is a stacked bar of the positive, neutral and negative shares of responses with a
// legend under it. A tap on a band (in the bar or the legend) calls onTap with it.
type bandBar struct {
	widget.BaseWidget
	counts [3]int
	labels [3]string
	onTap  func(band string)

	rects  [3]*canvas.Rectangle
	keys   [3]*canvas.Rectangle // the legend's colour squares
	texts  [3]*canvas.Text
	legend [3]fyne.Position // where each legend text starts, for taps
}

const bandBarHeight = 14

func newBandBar(onTap func(string)) *bandBar {
	b := &bandBar{onTap: onTap}
	for i := range b.rects {
		b.rects[i] = canvas.NewRectangle(color.Transparent)
		b.keys[i] = canvas.NewRectangle(color.Transparent)
		b.keys[i].CornerRadius = 2
		b.texts[i] = canvas.NewText("", color.Black)
	}
	b.ExtendBaseWidget(b)
	return b
}

// set shows the counts of the three bands with their names.
func (b *bandBar) set(counts [3]int, names [3]string, nf numberFormat) {
	b.counts = counts
	total := counts[0] + counts[1] + counts[2]
	for i := range b.texts {
		share := 0.0
		if total > 0 {
			share = 100 * float64(counts[i]) / float64(total)
		}
		b.labels[i] = nf.percent(share, 0) + " " + names[i]
	}
	b.Refresh()
}

// bandAt returns the band under a position: a bar segment or a legend entry.
func (b *bandBar) bandAt(pos fyne.Position) (string, bool) {
	if pos.Y <= bandBarHeight+2 {
		for i, r := range b.rects {
			if r.Size().Width > 0 && pos.X >= r.Position().X && pos.X < r.Position().X+r.Size().Width {
				return bandOrder[i], true
			}
		}
		return "", false
	}
	for i := len(b.legend) - 1; i >= 0; i-- {
		if pos.X >= b.legend[i].X {
			return bandOrder[i], true
		}
	}
	return "", false
}

// Tapped opens the comments of the tapped band.
func (b *bandBar) Tapped(ev *fyne.PointEvent) {
	if band, ok := b.bandAt(ev.Position); ok && b.onTap != nil {
		b.onTap(band)
	}
}

// Cursor is a pointer: every band opens its comments.
func (b *bandBar) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MinSize is the bar and one line of legend.
func (b *bandBar) MinSize() fyne.Size {
	h := bandBarHeight + theme.Padding() + b.textSize()*1.4
	w := float32(0)
	for _, t := range b.texts {
		w += b.keySize() + theme.Padding() + t.MinSize().Width + 2*theme.Padding()
	}
	return fyne.NewSize(w, h)
}

func (b *bandBar) textSize() float32 { return b.Theme().Size(theme.SizeNameCaptionText) * 1.1 }

func (b *bandBar) keySize() float32 { return b.textSize() * 0.8 }

func (b *bandBar) CreateRenderer() fyne.WidgetRenderer { return &bandBarRenderer{b: b} }

type bandBarRenderer struct{ b *bandBar }

func (r *bandBarRenderer) Layout(size fyne.Size) {
	b := r.b
	total := b.counts[0] + b.counts[1] + b.counts[2]
	x := float32(0)
	for i, rect := range b.rects {
		w := float32(0)
		if total > 0 {
			w = size.Width * float32(b.counts[i]) / float32(total)
		}
		rect.Move(fyne.NewPos(x, 0))
		rect.Resize(fyne.NewSize(w, bandBarHeight))
		x += w
	}
	x = 0
	y := float32(bandBarHeight) + theme.Padding()
	k := b.keySize()
	for i, t := range b.texts {
		b.legend[i] = fyne.NewPos(x, y)
		ts := t.MinSize()
		b.keys[i].Move(fyne.NewPos(x, y+(ts.Height-k)/2))
		b.keys[i].Resize(fyne.NewSize(k, k))
		t.Move(fyne.NewPos(x+k+theme.Padding(), y))
		t.Resize(ts)
		x += k + theme.Padding() + ts.Width + 2*theme.Padding()
	}
}

func (r *bandBarRenderer) MinSize() fyne.Size { return r.b.MinSize() }

func (r *bandBarRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 9)
	for _, rect := range r.b.rects {
		objs = append(objs, rect)
	}
	for _, key := range r.b.keys {
		objs = append(objs, key)
	}
	for _, t := range r.b.texts {
		objs = append(objs, t)
	}
	return objs
}

func (r *bandBarRenderer) Refresh() {
	b := r.b
	v := fyne.CurrentApp().Settings().ThemeVariant()
	dark := luminance(nrgba(b.Theme().Color(theme.ColorNameBackground, v))) < 0.5
	for i, band := range bandOrder {
		b.rects[i].FillColor = bandColor(band, dark)
		b.keys[i].FillColor = bandColor(band, dark)
		b.texts[i].Text = b.labels[i]
		b.texts[i].Color = b.Theme().Color(theme.ColorNameForeground, v)
		b.texts[i].TextSize = b.textSize()
	}
	r.Layout(b.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *bandBarRenderer) Destroy() {}

// nrgba converts any colour to NRGBA.
func nrgba(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }
