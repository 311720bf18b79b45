package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// widthLayout gives its objects a width of their own (at least w) and their natural height,
// all stacked at the top left: a form field or a text panel that should neither stretch
// across a wide window nor shrink to its content.
type widthLayout struct{ w float32 }

// withWidth wraps objects in a container w wide.
func withWidth(w float32, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&widthLayout{w: w}, objects...)
}

func (l *widthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.w, 0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s = s.Max(m)
	}
	return s
}

func (l *widthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}

// tableRowLayout places cells side by side at fixed fractions of the row's width, so that
// rows built with the same fractions line up as the columns of a table whatever their text.
type tableRowLayout struct {
	gap       float32
	fractions []float32 // one per cell, summing to 1
}

// tableRow builds one row of a table whose columns take the given shares of its width.
func tableRow(shares []float32, cells ...fyne.CanvasObject) *fyne.Container {
	var sum float32
	for _, s := range shares {
		sum += s
	}
	fr := make([]float32, len(shares))
	for i, s := range shares {
		fr[i] = s / sum
	}
	return container.New(&tableRowLayout{gap: theme.Padding(), fractions: fr}, cells...)
}

func (l *tableRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		m := o.MinSize()
		s.Height = max(s.Height, m.Height)
		if i < len(l.fractions) && l.fractions[i] > 0 {
			// The row must be wide enough for each cell to get its minimum at its share.
			s.Width = max(s.Width, m.Width/l.fractions[i])
		}
	}
	return s
}

func (l *tableRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	usable := size.Width - l.gap*float32(max(len(objects)-1, 0))
	x := float32(0)
	for i, o := range objects {
		w := float32(0)
		if i < len(l.fractions) {
			w = usable * l.fractions[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + l.gap
	}
}

// fitSelect shows a Select as wide as its longest option or placeholder, up to maxEms times
// the text size: Fyne sizes a Select by its placeholder alone, which clips longer choices
// (and translations are often longer than English). Refresh the container after changing
// the options.
func fitSelect(s *widget.Select, maxEms float32) *fyne.Container {
	return container.New(&selectFitLayout{s: s, maxEms: maxEms}, s)
}

type selectFitLayout struct {
	s      *widget.Select
	maxEms float32
}

func (l *selectFitLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	size := theme.TextSize()
	w := fyne.MeasureText(l.s.PlaceHolder, size, fyne.TextStyle{}).Width
	for _, o := range l.s.Options {
		w = max(w, fyne.MeasureText(o, size, fyne.TextStyle{}).Width)
	}
	// The Select's own chrome: padding either side of the text and the drop-down icon.
	w += theme.InnerPadding()*4 + theme.IconInlineSize()
	return fyne.NewSize(min(w, l.maxEms*size), l.s.MinSize().Height)
}

func (l *selectFitLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
