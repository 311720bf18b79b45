package chart

import (
	"errors"
	"image"
	"math"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// frame is one go-chart chart with explicit ranges and ticks on both axes and one series
// that draws our content through a canvas.
type frame struct {
	w, h   int
	o      Options
	x, y   span
	xTicks []gochart.Tick // labelled ticks only: go-chart mismeasures an empty label
	yTicks []gochart.Tick
	xName  string // a title under the x axis's labels, when the axis needs one
	// pad is the room, in units, between the image edge and the axes' labels: what the
	// content draws outside the plot (value labels, a reference line's caption) needs it.
	pad  gochart.Box
	draw func(c *canvas)
}

// Type sizes, in points at 96 dpi × scale: ticks and labels large enough to read on a
// projector from the back of a room; small charts step down so the plot keeps its room.
const (
	tickPoints      = 11.5
	labelPoints     = 10.5
	smallTickPoints = 9.5
)

func (f *frame) render() (*Picture, error) {
	if err := checkSize(f.w, f.h); err != nil {
		return nil, err
	}
	if !(f.x.hi > f.x.lo) || !(f.y.hi > f.y.lo) {
		return nil, errors.New("a chart needs a range on each axis")
	}
	font, err := chartFont()
	if err != nil {
		return nil, err
	}
	s := f.o.scale()
	pal := paletteFor(f.o)
	tick, label := tickSize(f.w, f.h, f.o), labelPoints
	if tick == smallTickPoints {
		label = smallTickPoints
	}
	cv := &canvas{pal: pal, s: s, font: font, tickPt: tick, labelPt: label, w: f.w, h: f.h}
	axis := gochart.Style{Font: font, FontColor: pal.muted, FontSize: tick, StrokeColor: pal.axis, StrokeWidth: s}
	px := func(v int) int { return max(int(float64(v)*s), 1) }
	c := gochart.Chart{
		Width:  f.w,
		Height: f.h,
		DPI:    96 * s,
		Font:   font,
		Background: gochart.Style{
			FillColor: pal.background,
			Padding:   gochart.Box{Top: px(f.pad.Top), Left: px(f.pad.Left), Right: px(f.pad.Right), Bottom: px(f.pad.Bottom)},
		},
		Canvas: gochart.Style{FillColor: pal.background, StrokeColor: pal.background, StrokeWidth: 1},
		XAxis: gochart.XAxis{
			Style:        axis,
			Range:        f.x.ticked(f.xTicks),
			TickPosition: gochart.TickPositionUnderTick,
			Name:         f.xName,
			NameStyle:    gochart.Style{Font: font, FontColor: pal.muted, FontSize: label},
		},
		// The content sits on the secondary axis, which go-chart draws on the left. The
		// hidden primary axis still needs a range, or go-chart finds it infinite.
		YAxis:          gochart.YAxis{Style: gochart.Style{Hidden: true}, Range: f.y.ticked(nil)},
		YAxisSecondary: gochart.YAxis{Style: axis, Range: f.y.ticked(f.yTicks)},
		Series:         []gochart.Series{&contentSeries{cv: cv, draw: f.draw}},
	}
	var out gochart.ImageWriter
	if err := c.Render(gochart.PNG, &out); err != nil {
		return nil, err
	}
	img, err := out.Image()
	if err != nil {
		return nil, err
	}
	rgba, ok := img.(*image.RGBA)
	if !ok {
		return nil, errors.New("go-chart returned an image that is not RGBA")
	}
	return &Picture{Image: rgba, Plot: cv.plot, Hits: cv.hits}, nil
}

// span is an axis range.
type span struct{ lo, hi float64 }

// ticked returns the span as a go-chart range that provides its own ticks. Ticks set on an
// axis would also set its range (from the first to the last tick), and a tick at each end
// would need a label: go-chart measures an empty one as infinitely wide.
func (s span) ticked(ticks []gochart.Tick) *tickedRange {
	var labelled []gochart.Tick
	for _, t := range ticks {
		if t.Label != "" && t.Value >= s.lo && t.Value <= s.hi {
			labelled = append(labelled, t)
		}
	}
	return &tickedRange{ContinuousRange: gochart.ContinuousRange{Min: s.lo, Max: s.hi}, ticks: labelled}
}

type tickedRange struct {
	gochart.ContinuousRange
	ticks []gochart.Tick
}

// GetTicks implements go-chart's TicksProvider.
func (r *tickedRange) GetTicks(gochart.Renderer, gochart.Style, gochart.ValueFormatter) []gochart.Tick {
	return r.ticks
}

// contentSeries hands go-chart's canvas box and ranges to a draw function.
type contentSeries struct {
	cv   *canvas
	draw func(*canvas)
}

func (cs *contentSeries) GetName() string             { return "content" }
func (cs *contentSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisSecondary }
func (cs *contentSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (cs *contentSeries) Validate() error             { return nil }

func (cs *contentSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	cv := cs.cv
	cv.r, cv.box, cv.xr, cv.yr = r, box, xr, yr
	cv.plot = image.Rect(box.Left, box.Top, box.Right, box.Bottom)
	cs.draw(cv)
}

// canvas draws inside a frame: value-to-pixel mapping, lines, shapes, text and hit areas.
type canvas struct {
	r       gochart.Renderer
	box     gochart.Box
	xr, yr  gochart.Range
	pal     palette
	s       float64
	font    *truetype.Font
	tickPt  float64
	labelPt float64
	w, h    int
	plot    image.Rectangle
	hits    []Hit
}

// x and y map values to image pixels.
func (c *canvas) x(v float64) int { return c.box.Left + c.xr.Translate(v) }
func (c *canvas) y(v float64) int { return c.box.Bottom - c.yr.Translate(v) }

// u converts interface units to pixels.
func (c *canvas) u(v float64) float64 { return v * c.s }
func (c *canvas) ui(v float64) int    { return int(math.Round(v * c.s)) }

func (c *canvas) line(x0, y0, x1, y1 int, col drawing.Color, width float64, dash []float64) {
	c.r.SetStrokeColor(col)
	c.r.SetStrokeWidth(width)
	c.r.SetStrokeDashArray(dash)
	c.r.MoveTo(x0, y0)
	c.r.LineTo(x1, y1)
	c.r.Stroke()
	c.r.SetStrokeDashArray(nil)
}

// rect fills the rectangle between two corners.
func (c *canvas) rect(x0, y0, x1, y1 int, fill drawing.Color) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	c.r.SetFillColor(fill)
	c.r.SetStrokeWidth(0)
	c.r.MoveTo(x0, y0)
	c.r.LineTo(x1, y0)
	c.r.LineTo(x1, y1)
	c.r.LineTo(x0, y1)
	c.r.Close()
	c.r.Fill()
}

// outline strokes the rectangle between two corners.
func (c *canvas) outline(x0, y0, x1, y1 int, col drawing.Color, width float64) {
	c.r.SetStrokeColor(col)
	c.r.SetStrokeWidth(width)
	c.r.SetStrokeDashArray(nil)
	c.r.MoveTo(x0, y0)
	c.r.LineTo(x1, y0)
	c.r.LineTo(x1, y1)
	c.r.LineTo(x0, y1)
	c.r.Close()
	c.r.Stroke()
}

func (c *canvas) circle(x, y int, radius float64, fill, stroke drawing.Color, width float64) {
	c.r.SetFillColor(fill)
	c.r.SetStrokeColor(stroke)
	c.r.SetStrokeWidth(width)
	c.r.SetStrokeDashArray(nil)
	c.r.Circle(radius, x, y)
	c.r.FillStroke()
}

// Text alignment around the anchor point.
const (
	alignLeft = iota
	alignCenter
	alignRight
)

// measure returns the width and height of a text at a size.
func (c *canvas) measure(s string, points float64) (int, int) {
	if s == "" {
		return 0, 0 // go-chart measures an empty string as infinitely wide
	}
	c.r.SetFont(c.font)
	c.r.SetFontSize(points)
	b := c.r.MeasureText(s)
	return b.Width(), b.Height()
}

// text writes s with its baseline at y, aligned around x, and returns its box.
func (c *canvas) text(s string, x, y int, points float64, col drawing.Color, align int) image.Rectangle {
	if s == "" {
		return image.Rectangle{}
	}
	w, h := c.measure(s, points)
	switch align {
	case alignCenter:
		x -= w / 2
	case alignRight:
		x -= w
	}
	c.r.SetFontColor(col)
	c.r.Text(s, x, y)
	return image.Rect(x, y-h, x+w, y)
}

// hit records a hit area, clipped to the image.
func (c *canvas) hit(h Hit) {
	h.Area = h.Area.Canon().Intersect(image.Rect(0, 0, c.w, c.h))
	if h.Area.Empty() {
		return
	}
	c.hits = append(c.hits, h)
}

// measurer measures text before a chart is laid out, with the renderer and DPI the chart
// will use, so tick labels can be thinned or shortened to fit.
type measurer struct {
	r gochart.Renderer
	s float64
}

func newMeasurer(o Options) (*measurer, error) {
	font, err := chartFont()
	if err != nil {
		return nil, err
	}
	r, err := gochart.PNG(1, 1)
	if err != nil {
		return nil, err
	}
	r.SetDPI(96 * o.scale())
	r.SetFont(font)
	return &measurer{r: r, s: o.scale()}, nil
}

// width returns a text's width in pixels at a size.
func (m *measurer) width(s string, points float64) int {
	if s == "" {
		return 0
	}
	m.r.SetFontSize(points)
	return m.r.MeasureText(s).Width()
}

// fit shortens s with "…" until it is at most width pixels wide.
func (m *measurer) fit(s string, width int, points float64) string {
	if m.width(s, points) <= width {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		t := string(runes[:n]) + "…"
		if m.width(t, points) <= width {
			return t
		}
	}
	return "…"
}

// tickSize returns the tick type size a chart of this size uses (see frame.render).
func tickSize(w, h int, o Options) float64 {
	if float64(min(w, h))/o.scale() < 300 {
		return smallTickPoints
	}
	return tickPoints
}

func rectangle(x0, y0, x1, y1 int) image.Rectangle { return image.Rect(x0, y0, x1, y1) }
func point(x, y int) image.Point                   { return image.Pt(x, y) }
