package ui

import (
	"context"
	"errors"
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/ui/chart"
)

// resizeDelay is how long a chart waits after the last resize before drawing itself again:
// dragging a window edge sends dozens of sizes, and only the last one is worth a render.
const resizeDelay = 120 * time.Millisecond

// chartDraw draws a chart at a pixel size. It runs off the UI goroutine, so it must only
// read what was captured when it was made.
type chartDraw func(w, h int, o chart.Options) (*chart.Picture, error)

// chartView shows a chart drawn off the UI goroutine into an image of its own pixel size. It
// draws again when its data changes (show), when it is resized (debounced) and when the
// theme changes (Refresh); a render finishing after a newer one started is dropped. A tap
// on a mark calls onTap with what is drawn there; hovering a mark shows tooltip's text.
type chartView struct {
	widget.BaseWidget
	bg      *background
	options func(dark bool, background color.Color) chart.Options

	onTap   func(chart.Hit)
	tooltip func(chart.Hit) string
	onDrawn func(*chart.Picture) // after a new picture is on screen

	draw     chartDraw
	empty    string // shown instead of a chart when draw reports chart.ErrEmpty
	data     int    // bumped by show, so new data always draws
	pic      *chart.Picture
	shown    renderKey // what the image on screen was drawn for
	inflight renderKey // what the render under way is for
	busy     bool
	gen      generation
	debounce *debouncer

	img     *canvas.Image
	message *widget.Label
	tip     *chartTip
}

// renderKey is everything a rendered image depends on.
type renderKey struct {
	w, h  int
	scale float32
	bg    color.NRGBA
	data  int
}

func newChartView(bg *background, options func(dark bool, background color.Color) chart.Options) *chartView {
	v := &chartView{bg: bg, options: options}
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillStretch
	v.img.ScaleMode = canvas.ImageScaleFastest
	v.message = widget.NewLabel(lang.L("Loading…"))
	v.message.Alignment = fyne.TextAlignCenter
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Importance = widget.LowImportance
	v.tip = newChartTip()
	v.debounce = newDebouncer(bg, resizeDelay, func(context.Context) { bg.do(v.render) })
	v.ExtendBaseWidget(v)
	return v
}

// show sets what to draw and draws it now. A nil draw shows the empty message alone.
func (v *chartView) show(draw chartDraw, empty string) {
	v.draw, v.empty = draw, empty
	v.data++
	if draw == nil {
		v.gen.next() // drop a render under way
		v.busy = false
		v.setPicture(nil, empty)
		return
	}
	v.render()
}

// showMessage replaces the chart with a sentence (loading, an error).
func (v *chartView) showMessage(msg string) { v.show(nil, msg) }

// key is what a render now would be drawn for.
func (v *chartView) key() renderKey {
	k := renderKey{data: v.data, scale: 1}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		k.scale = c.Scale()
	}
	size := v.Size()
	k.w, k.h = int(size.Width*k.scale), int(size.Height*k.scale)
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	k.bg = color.NRGBAModel.Convert(v.Theme().Color(theme.ColorNameBackground, variant)).(color.NRGBA)
	return k
}

// render draws the chart for the current data, size and theme off the UI goroutine, unless
// that is on screen or being drawn already.
func (v *chartView) render() {
	if v.draw == nil {
		return
	}
	k := v.key()
	if k.w < 2 || k.h < 2 || (v.busy && k == v.inflight) || (!v.busy && k == v.shown) {
		return
	}
	v.inflight, v.busy = k, true
	gen := v.gen.next()
	draw := v.draw
	o := v.options(luminance(k.bg) < 0.5, k.bg)
	o.Scale = float64(k.scale)
	load(v.bg, func(context.Context) (*chart.Picture, error) { return draw(k.w, k.h, o) },
		func(pic *chart.Picture, err error) {
			if !v.gen.current(gen) {
				return
			}
			v.busy, v.shown = false, k
			switch {
			case errors.Is(err, chart.ErrEmpty):
				v.setPicture(nil, v.empty)
			case err != nil:
				v.setPicture(nil, loadFailed(err))
			default:
				v.setPicture(pic, "")
				if v.onDrawn != nil {
					v.onDrawn(pic)
				}
			}
		})
}

func (v *chartView) setPicture(pic *chart.Picture, msg string) {
	v.pic = pic
	if pic != nil {
		v.img.Image = pic.Image
		v.message.Hide()
	} else {
		v.img.Image = nil
		v.message.SetText(msg)
		v.message.Show()
	}
	v.img.Refresh()
	v.tip.Hide()
}

// Resize draws again for the new size: at once the first time, debounced after.
func (v *chartView) Resize(size fyne.Size) {
	if size == v.Size() {
		return
	}
	v.BaseWidget.Resize(size)
	if v.pic == nil && !v.busy {
		v.render()
		return
	}
	v.debounce.trigger()
}

// Refresh draws again when the theme changed.
func (v *chartView) Refresh() {
	v.render()
	v.BaseWidget.Refresh()
}

// hitAt returns the mark under a position in the widget.
func (v *chartView) hitAt(pos fyne.Position) (chart.Hit, bool) {
	if v.pic == nil || v.Size().Width <= 0 || v.Size().Height <= 0 {
		return chart.Hit{}, false
	}
	b := v.pic.Image.Bounds()
	x := int(pos.X / v.Size().Width * float32(b.Dx()))
	y := int(pos.Y / v.Size().Height * float32(b.Dy()))
	return v.pic.HitAt(image.Pt(x, y))
}

// position returns where a point of the picture is in the widget.
func (v *chartView) position(p image.Point) fyne.Position {
	b := v.pic.Image.Bounds()
	return fyne.NewPos(float32(p.X)*v.Size().Width/float32(b.Dx()), float32(p.Y)*v.Size().Height/float32(b.Dy()))
}

// Tapped opens what was tapped.
func (v *chartView) Tapped(ev *fyne.PointEvent) {
	if h, ok := v.hitAt(ev.Position); ok && v.onTap != nil {
		v.onTap(h)
	}
}

// Cursor is a pointer over a mark that opens something.
func (v *chartView) Cursor() desktop.Cursor {
	if v.onTap != nil && v.tip.Visible() {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// MouseIn shows the tooltip of the mark under the mouse.
func (v *chartView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved shows the tooltip of the mark under the mouse.
func (v *chartView) MouseMoved(ev *desktop.MouseEvent) {
	h, ok := v.hitAt(ev.Position)
	if !ok || v.tooltip == nil {
		v.tip.Hide()
		return
	}
	v.tip.set(v.tooltip(h))
	// Beside the mark, on the side with room.
	at := v.position(h.Mark)
	size := v.tip.MinSize()
	x, y := at.X+12, at.Y-size.Height-8
	if x+size.Width > v.Size().Width {
		x = at.X - size.Width - 12
	}
	if y < 0 {
		y = at.Y + 12
	}
	v.tip.Move(fyne.NewPos(max(x, 0), max(y, 0)))
	v.tip.Resize(size)
	v.tip.Show()
}

// MouseOut hides the tooltip.
func (v *chartView) MouseOut() { v.tip.Hide() }

// MinSize is small: the layout gives charts their room.
func (v *chartView) MinSize() fyne.Size { return fyne.NewSize(160, 120) }

func (v *chartView) CreateRenderer() fyne.WidgetRenderer {
	return &chartViewRenderer{v: v}
}

type chartViewRenderer struct{ v *chartView }

func (r *chartViewRenderer) Layout(size fyne.Size) {
	r.v.img.Resize(size)
	r.v.message.Resize(size)
	r.v.message.Move(fyne.NewPos(0, 0))
}

func (r *chartViewRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *chartViewRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.v.img, r.v.message, r.v.tip}
}

func (r *chartViewRenderer) Refresh() {
	r.v.message.Refresh()
	r.v.tip.Refresh()
	canvas.Refresh(r.v.img)
}

func (r *chartViewRenderer) Destroy() {}

// chartTip is a chart's tooltip: a few lines on a panel.
type chartTip struct {
	widget.BaseWidget
	text *widget.Label
}

func newChartTip() *chartTip {
	t := &chartTip{text: widget.NewLabel("")}
	t.ExtendBaseWidget(t)
	t.Hide()
	return t
}

func (t *chartTip) set(s string) {
	if t.text.Text != s {
		t.text.SetText(s)
	}
}

func (t *chartTip) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	return &chartTipRenderer{t: t, bg: bg}
}

type chartTipRenderer struct {
	t  *chartTip
	bg *canvas.Rectangle
}

func (r *chartTipRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.t.text.Resize(size)
}

func (r *chartTipRenderer) MinSize() fyne.Size { return r.t.text.MinSize() }

func (r *chartTipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.t.text}
}

func (r *chartTipRenderer) Refresh() {
	th := r.t.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, variant)
	r.bg.StrokeColor = th.Color(theme.ColorNameShadow, variant)
	r.bg.Refresh()
	r.t.text.Refresh()
}

func (r *chartTipRenderer) Destroy() {}

// luminance is a colour's relative luminance, 0 (black) to 1 (white).
func luminance(c color.NRGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}
