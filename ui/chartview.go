package ui

import (
	"context"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/ui/chart"
)

// chartResizeDelay is how long a chart waits after the last resize before drawing again.
const chartResizeDelay = 150 * time.Millisecond

// chartView shows a chart drawn off the UI goroutine at exactly its own pixel size. It draws
// again when resized (debounced) or when its drawing function changes, and turns a click into
// the chart's hit under the pointer.
type chartView struct {
	widget.BaseWidget
	bg       *background
	img      *canvas.Image
	draw     func(w, h int, scale float32) (*chart.Picture, error)
	pic      *chart.Picture
	onHit    func(chart.Hit)
	onError  func(error)
	size     fyne.Size
	gen      generation
	debounce *debouncer
	minSize  fyne.Size
}

func newChartView(bg *background, min fyne.Size, onHit func(chart.Hit)) *chartView {
	v := &chartView{bg: bg, img: canvas.NewImageFromImage(nil), onHit: onHit, minSize: min}
	v.img.FillMode = canvas.ImageFillStretch
	v.img.ScaleMode = canvas.ImageScalePixels
	v.debounce = newDebouncer(bg, chartResizeDelay, func(context.Context) { bg.do(v.render) })
	v.ExtendBaseWidget(v)
	return v
}

// setDraw replaces what the view draws and draws it now.
func (v *chartView) setDraw(draw func(w, h int, scale float32) (*chart.Picture, error)) {
	v.draw = draw
	v.render()
}

// render draws at the current size on a background goroutine. UI goroutine only.
func (v *chartView) render() {
	if v.draw == nil || v.size.Width < 50 || v.size.Height < 50 {
		return
	}
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		scale = c.Scale()
	}
	w, h := int(v.size.Width*scale), int(v.size.Height*scale)
	draw, n := v.draw, v.gen.next()
	load(v.bg, func(context.Context) (*chart.Picture, error) { return draw(w, h, scale) },
		func(p *chart.Picture, err error) {
			if !v.gen.current(n) {
				return // a newer drawing is on its way
			}
			if err != nil {
				if v.onError != nil {
					v.onError(err)
				}
				return
			}
			v.pic = p
			v.img.Image = p.Image
			v.img.Refresh()
		})
}

// Resize draws again once the size settles.
func (v *chartView) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	if s != v.size {
		v.size = s
		v.debounce.trigger()
	}
}

// Tapped reports the chart element under the pointer.
func (v *chartView) Tapped(e *fyne.PointEvent) {
	if v.pic == nil || v.onHit == nil || v.size.Width == 0 {
		return
	}
	b := v.pic.Image.Bounds()
	pt := image.Pt(int(e.Position.X*float32(b.Dx())/v.size.Width), int(e.Position.Y*float32(b.Dy())/v.size.Height))
	if hit, ok := v.pic.HitAt(pt); ok {
		v.onHit(hit)
	}
}

func (v *chartView) MinSize() fyne.Size { return v.minSize }

func (v *chartView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.img) }
