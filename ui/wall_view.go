package ui

import (
	"context"
	"errors"
	"image/color"
	"reflect"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/ui/chart"
	"github.com/verbatim-app/verbatim/ui/wall"
)

const (
	// wallFade is the transition between panels: the old one fades to the background over
	// the first 40%, the new one fades in over the rest.
	wallFade = 700 * time.Millisecond
	// wallTick is how often the progress bar moves: smooth enough for a bar that crosses
	// the screen in 20 s, rare enough that a software-rendered TV box does not redraw the
	// whole screen 60 times a second.
	wallTick = 250 * time.Millisecond
	// wallChartScale enlarges the charts' text, lines and dots for the distance, per 1080
	// pixels of screen height: axis labels come out at 3.4% of the height, next to the
	// comments' 4.2%. Much more and a chart is under 300 units high, where package chart
	// switches to its smaller type and the labels shrink instead.
	wallChartScale = 2.4
)

// wallView is the wall's whole screen: the panel, the footer with "Updated HH:MM" and the
// badges, and the progress bar to the next panel. It draws a wall.Wall's State on the UI
// goroutine; charts are drawn off it. A click pauses the rotation; the mouse pointer is
// hidden over it on a TV.
type wallView struct {
	widget.BaseWidget
	w          *wall.Wall
	bg         *background
	nf         numberFormat
	hideCursor bool // full screen, on a TV: set by the window
	boardFile  bool

	back     *canvas.Rectangle
	panel    *fyne.Container
	fade     *canvas.Rectangle
	footer   *fyne.Container
	track    *canvas.Rectangle
	progress *canvas.Rectangle

	size      fyne.Size
	shown     wall.State // what the panel shows
	built     bool
	board     [2]int // first card shown of each board side
	boardNext [2]int
	anim      *fyne.Animation
	report    *data.Report // the report drawn, kept while refreshes bring the same figures
	charts    map[wall.Panel]*wallChart
	stopped   bool
}

// wallChart is a chart panel's picture and what it was drawn for. The panel shows it
// through one image object for the life of the wall: a new picture replaces the texture of
// that object instead of leaving a full-screen texture behind with every refresh (on a
// software-rendered TV box, textures are process memory).
type wallChart struct {
	drawn, wanted wallChartKey
	obj           *canvas.Image
}

type wallChartKey struct {
	report *data.Report
	w, h   int
}

// newWallView shows w; panels are the ones in its rotation (nil: all), so that only their
// charts are drawn.
func newWallView(w *wall.Wall, bg *background, nf numberFormat, panels []wall.Panel, boardFile bool) *wallView {
	v := &wallView{w: w, bg: bg, nf: nf, boardFile: boardFile,
		back: canvas.NewRectangle(wallPalette.bg), panel: container0(), footer: container0(),
		fade: canvas.NewRectangle(transparent(wallPalette.bg)), track: canvas.NewRectangle(wallPalette.surface),
		progress: canvas.NewRectangle(wallPalette.accent), charts: map[wall.Panel]*wallChart{}}
	if len(panels) == 0 {
		panels = wall.AllPanels
	}
	for _, p := range panels {
		if p == wall.PanelTrend || p == wall.PanelDistribution {
			obj := canvas.NewImageFromImage(nil)
			obj.FillMode = canvas.ImageFillStretch
			obj.ScaleMode = canvas.ImageScaleFastest
			v.charts[p] = &wallChart{obj: obj}
		}
	}
	v.ExtendBaseWidget(v)
	return v
}

func container0() *fyne.Container { return &fyne.Container{} }

func transparent(c color.NRGBA) color.NRGBA { c.A = 0; return c }

// changed is the wall's onChange: it hands the new state to the UI goroutine.
func (v *wallView) changed() {
	if v.bg.ctx.Err() == nil {
		v.bg.do(v.apply)
	}
}

// startTicks moves the progress bar every wallTick until stop.
func (v *wallView) startTicks() {
	clock := v.w.Clock()
	var tick func()
	tick = func() {
		if v.bg.ctx.Err() != nil {
			return
		}
		v.bg.do(v.showProgress)
		clock.AfterFunc(wallTick, tick)
	}
	clock.AfterFunc(wallTick, tick)
}

// stop ends the transition under way; the wall and the background jobs are stopped by
// their owner.
func (v *wallView) stop() {
	v.stopped = true
	if v.anim != nil {
		v.anim.Stop()
	}
}

// apply shows the wall's current state: a new panel with a fade, new data in place.
func (v *wallView) apply() {
	if v.stopped {
		return
	}
	st := v.w.State()
	if v.report != nil && reflect.DeepEqual(st.Report, v.report) {
		st.Report = v.report // the same figures: keep the charts drawn for them
	}
	v.report = st.Report
	old := v.shown
	v.shown = st
	v.showFooter()
	if v.size.IsZero() {
		return
	}
	v.drawCharts()
	switch {
	case !v.built:
		v.rebuild()
	case st.Visit != old.Visit:
		if st.Panel == wall.PanelBoard {
			v.board = v.boardNext // each visit of the board shows its next cards
		}
		v.transition()
	case !sameContent(old.Snapshot, st.Snapshot):
		v.rebuild()
	}
}

// sameContent reports whether two snapshots show the same panels (the footer aside).
func sameContent(a, b wall.Snapshot) bool {
	return a.Loaded == b.Loaded && a.Days == b.Days && a.BoardWaiting == b.BoardWaiting &&
		reflect.DeepEqual(a.Report, b.Report) && reflect.DeepEqual(a.Positive, b.Positive) &&
		reflect.DeepEqual(a.Negative, b.Negative) && reflect.DeepEqual(a.Board, b.Board)
}

// transition fades the panel out, swaps it, and fades the new one in.
func (v *wallView) transition() {
	if v.anim != nil {
		v.anim.Stop()
	}
	swapped := false
	v.anim = fyne.NewAnimation(wallFade, func(p float32) {
		alpha := p / 0.4
		if p >= 0.4 {
			if !swapped {
				swapped = true
				v.rebuild()
			}
			alpha = 1 - (p-0.4)/0.6
		}
		c := wallPalette.bg
		c.A = uint8(255 * min(max(alpha, 0), 1))
		v.fade.FillColor = c
		v.fade.Refresh()
	})
	v.anim.Curve = fyne.AnimationLinear
	v.anim.Start()
}

// rebuild lays the panel out again for the state shown.
func (v *wallView) rebuild() {
	// boardNext carries over: only a board that shows cards moves it, not the other panels.
	b := &wallBuild{m: wallMetricsFor(v.size), nf: v.nf, st: &v.shown, chart: v.chartImage, board: v.board,
		boardNext: v.boardNext, boardFile: v.boardFile}
	v.panel.Objects = b.build()
	v.boardNext = b.boardNext
	v.panel.Refresh()
	v.built = true
}

func (v *wallView) chartImage(p wall.Panel) *canvas.Image {
	if c := v.charts[p]; c != nil && c.drawn.report == v.shown.Report && c.obj.Image != nil {
		return c.obj
	}
	return nil
}

// drawCharts draws the trend and the distribution for the data and size, off the UI
// goroutine, whichever panel is on show, so each is ready when its turn comes.
func (v *wallView) drawCharts() {
	r := v.shown.Report
	if r == nil || r.Responses == 0 || v.size.IsZero() {
		return
	}
	m := wallMetricsFor(v.size)
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		scale = c.Scale()
	}
	_, _, w, h := chartRect(m)
	key := wallChartKey{report: r, w: int(w * scale), h: int(h * scale)}
	if key.w < 80 || key.h < 80 {
		return
	}
	o := v.chartOptions(float64(scale * m.unit / 1080 * wallChartScale))
	for p, draw := range map[wall.Panel]func(*data.Report, int, int, chart.Options) (*chart.Picture, error){
		wall.PanelTrend: chart.Trend, wall.PanelDistribution: chart.Distribution,
	} {
		c := v.charts[p]
		if c == nil || c.drawn == key || c.wanted == key {
			continue
		}
		c.wanted = key
		load(v.bg, func(context.Context) (*chart.Picture, error) { return draw(r, key.w, key.h, o) },
			func(pic *chart.Picture, err error) {
				if c.wanted != key || v.stopped {
					return
				}
				c.drawn, c.obj.Image = key, nil
				switch {
				case err == nil:
					c.obj.Image = pic.Image
				case !errors.Is(err, chart.ErrEmpty):
					fyne.LogError("wall: draw the "+string(p)+" chart", err)
				}
				c.obj.Refresh()
				if v.shown.Panel == p && v.built {
					v.rebuild()
				}
			})
	}
}

// chartOptions are the wall's chart settings: dark, on the wall's background, with text
// scaled up for the distance.
func (v *wallView) chartOptions(scale float64) chart.Options {
	o := chart.Options{Theme: chart.Dark, Background: wallPalette.bg, Scale: scale}
	o.Format, o.Words = chartText(v.nf)
	return o
}

// showFooter writes "Updated HH:MM" (amber when the last read failed) and the badges:
// paused, and offline with the time the data is from.
func (v *wallView) showFooter() {
	if v.size.IsZero() {
		return
	}
	st := v.shown
	m := wallMetricsFor(v.size)
	s := &sheet{}
	y := v.size.Height - m.footer + (m.footer-m.bar-lineHeight(m.small))/2
	if !st.Updated.IsZero() {
		col := wallPalette.muted
		if st.Stale {
			col = wallPalette.warn
		}
		s.text(lang.L("Updated {{.Time}}", map[string]any{"Time": st.Updated.Local().Format("15:04")}), m.small, col, false, m.margin, y, fyne.TextAlignLeading)
	}
	right := v.size.Width - m.margin
	if st.Offline {
		right -= v.pill(s, v.offlineText(st.DataFrom), wallPalette.warn, wallPalette.warnText, right, y, m) + m.margin*0.5
	}
	if st.Paused {
		v.pill(s, lang.L("Paused"), wallPalette.surface, wallPalette.fg, right, y, m)
	}
	v.footer.Objects = s.objs
	v.footer.Refresh()
}

// offlineText is the offline badge: the time the data is from, with its date when that is
// not today.
func (v *wallView) offlineText(from time.Time) string {
	if from.IsZero() {
		return lang.L("Offline")
	}
	from = from.Local()
	when := from.Format("15:04")
	if y, m, d := v.w.Clock().Now().Local().Date(); from.Year() != y || from.Month() != m || from.Day() != d {
		when = v.nf.date(from) + " " + when
	}
	return lang.L("Offline — data from {{.When}}", map[string]any{"When": when})
}

// pill writes text on a rounded badge ending at right and returns its width.
func (v *wallView) pill(s *sheet, text string, bg, fg color.NRGBA, right, y float32, m wallMetrics) float32 {
	size := fyne.MeasureText(text, m.small, fyne.TextStyle{Bold: true})
	pad := m.small * 0.6
	w := size.Width + 2*pad
	s.rect(bg, right-w, y-pad*0.35, w, lineHeight(m.small)+pad*0.7, lineHeight(m.small)/2)
	s.text(text, m.small, fg, true, right-pad, y+(lineHeight(m.small)-size.Height)/2, fyne.TextAlignTrailing)
	return w
}

// showProgress moves the progress bar.
func (v *wallView) showProgress() {
	if v.size.IsZero() || v.stopped {
		return
	}
	m := wallMetricsFor(v.size)
	v.progress.Resize(fyne.NewSize(v.size.Width*float32(v.w.Progress()), m.bar))
	if paused := v.w.State().Paused; paused != v.shown.Paused {
		v.shown.Paused = paused
		v.showFooter()
	}
}

// Tapped pauses the rotation: someone walked up to read.
func (v *wallView) Tapped(*fyne.PointEvent) { v.w.Input() }

// TappedSecondary pauses the rotation too.
func (v *wallView) TappedSecondary(*fyne.PointEvent) { v.w.Input() }

// Cursor hides the mouse pointer on a TV (in full screen).
func (v *wallView) Cursor() desktop.Cursor {
	if v.hideCursor {
		return desktop.HiddenCursor
	}
	return desktop.DefaultCursor
}

// MinSize is small: the wall fills whatever it is given.
func (v *wallView) MinSize() fyne.Size { return fyne.NewSize(320, 180) }

func (v *wallView) CreateRenderer() fyne.WidgetRenderer { return &wallRenderer{v: v} }

type wallRenderer struct{ v *wallView }

func (r *wallRenderer) Layout(size fyne.Size) {
	v := r.v
	if size == v.size {
		return
	}
	v.size = size
	m := wallMetricsFor(size)
	v.back.Resize(size)
	v.panel.Resize(size)
	v.footer.Resize(size)
	v.fade.Resize(fyne.NewSize(size.Width, size.Height-m.footer))
	v.track.Move(fyne.NewPos(0, size.Height-m.bar))
	v.track.Resize(fyne.NewSize(size.Width, m.bar))
	v.progress.Move(fyne.NewPos(0, size.Height-m.bar))
	v.showProgress()
	v.showFooter()
	v.drawCharts()
	v.rebuild()
}

func (r *wallRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *wallRenderer) Objects() []fyne.CanvasObject {
	v := r.v
	return []fyne.CanvasObject{v.back, v.panel, v.fade, v.footer, v.track, v.progress}
}

func (r *wallRenderer) Refresh() {}

func (r *wallRenderer) Destroy() {}
