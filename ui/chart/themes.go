package chart

import (
	"image"
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"

	"github.com/verbatim-app/verbatim/data"
)

// Themes draws the volume × pain matrix: one labelled point per theme, x the responses
// carrying its tag on a log scale (so a theme of 20 sits well clear of one of 2,000 instead
// of being squeezed against the axis), y its pain — the share of its responses in the
// negative band. The area above the report's own negative share is tinted: a theme there
// hurts more than average whatever its volume, so a rare painful theme stands out as much
// as a frequent one. Themes come most painful first (as data.ThemeService ranks them) and
// are labelled in that order where a label fits. r may be nil (no reference line). Each
// point with its label is a hit area of Kind Tag.
func Themes(themes []data.Theme, r *data.Report, w, h int, o Options) (*Picture, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	if len(themes) == 0 {
		return nil, ErrEmpty
	}
	m, err := newMeasurer(o)
	if err != nil {
		return nil, err
	}
	s := o.scale()
	tick := tickSize(w, h, o)
	labelPt := tick - 1

	lo, hi := math.Inf(1), math.Inf(-1)
	maxPain := 0.0
	for _, t := range themes {
		v := math.Log10(float64(max(t.Responses, 1)))
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		maxPain = math.Max(maxPain, t.Pain)
	}
	overall, hasOverall := 0.0, false
	if r != nil && r.Responses > 0 {
		overall, hasOverall = float64(r.Detractors)/float64(r.Responses), true
		maxPain = math.Max(maxPain, overall)
	}
	lo, hi = lo-0.2, hi+0.35 // room for the outer points and their labels
	if hi-lo < 1 {
		mid := (lo + hi) / 2
		lo, hi = mid-0.5, mid+0.5
	}
	xTicks := logTicks(lo, hi, max(int(float64(w)/s/80), 2), o)
	yStep := niceStep(math.Max(maxPain*100, 10) / float64(max(min(int(float64(h)/s/70), 5), 2)))
	yTop := math.Min(math.Ceil((maxPain*100+yStep/2)/yStep)*yStep, 100)
	if yTop <= maxPain*100 {
		yTop = math.Min(yTop+yStep, 100+yStep/2)
	}
	yTicks := linearTicks(0, math.Min(yTop, 100), yStep, func(v float64) string { return o.percent(v, stepPlaces(yStep)) })

	words := o.Words
	if words.Volume == "" {
		words.Volume = "Responses with the tag (log scale)"
	}
	if words.Pain == "" {
		words.Pain = defaultPainWord(r)
	}
	if words.Overall == "" {
		words.Overall = "Overall"
	}
	nameWidth := int(float64(w) * 0.3)

	f := &frame{w: w, h: h, o: o, x: span{lo, hi}, y: span{0, yTop}, xTicks: xTicks, yTicks: yTicks, xName: words.Volume,
		pad: gochart.Box{Top: 12, Left: 8, Right: 16, Bottom: 4},
		draw: func(c *canvas) {
			pal := c.pal
			if hasOverall {
				c.rect(c.box.Left, c.box.Top, c.box.Right, c.y(overall*100), withAlpha(pal.bands[data.BandNegative], 0x16))
			}
			for _, tk := range yTicks[1:] {
				c.line(c.box.Left, c.y(tk.Value), c.box.Right, c.y(tk.Value), pal.grid, c.u(1), nil)
			}
			for _, tk := range xTicks {
				c.line(c.x(tk.Value), c.box.Top, c.x(tk.Value), c.box.Bottom, pal.grid, c.u(1), nil)
			}
			// The pain axis's title sits inside the plot, top left, where nothing is drawn
			// yet; the volume axis's is under its labels.
			_, th := c.measure(words.Pain, labelPt)
			taken := []image.Rectangle{
				c.text(words.Pain, c.box.Left+c.ui(6), c.box.Top+th+c.ui(4), labelPt, pal.muted, alignLeft),
			}
			if hasOverall {
				oy := c.y(overall * 100)
				c.line(c.box.Left, oy, c.box.Right, oy, pal.reference, c.u(1.5), []float64{c.u(6), c.u(4)})
				label := words.Overall + " " + o.percent(100*overall, 0)
				taken = append(taken, c.text(label, c.box.Right-c.ui(6), oy-c.ui(5), labelPt, pal.muted, alignRight))
			}

			radius := c.u(6.5)
			type mark struct {
				at   image.Point
				dot  image.Rectangle
				area image.Rectangle
			}
			marks := make([]mark, len(themes))
			for i, t := range themes {
				pt := point(c.x(math.Log10(float64(max(t.Responses, 1)))), c.y(100*t.Pain))
				ri := int(math.Ceil(radius))
				marks[i] = mark{at: pt, dot: image.Rect(pt.X-ri, pt.Y-ri, pt.X+ri, pt.Y+ri)}
				taken = append(taken, marks[i].dot)
			}
			// Points back to front, so the most painful is drawn last, on top.
			for i := len(themes) - 1; i >= 0; i-- {
				t := themes[i]
				col := pal.accent
				if hasOverall {
					col = pal.bands[data.BandPositive]
					if t.Pain > overall {
						col = pal.bands[data.BandNegative]
					}
				}
				c.circle(marks[i].at.X, marks[i].at.Y, radius, col, pal.background, c.u(1.5))
			}
			// Labels in rank order, each where it first fits: right, left, above, below, then the
			// diagonals.
			plot := image.Rect(c.box.Left, c.box.Top, c.box.Right, c.box.Bottom)
			for i, t := range themes {
				name := m.fit(t.Tag, nameWidth, labelPt)
				tw, th := c.measure(name, labelPt)
				at, gap := marks[i].at, int(radius)+c.ui(4)
				candidates := []image.Point{
					{at.X + gap, at.Y + th/2 - c.ui(1)},
					{at.X - gap - tw, at.Y + th/2 - c.ui(1)},
					{at.X - tw/2, at.Y - gap},
					{at.X - tw/2, at.Y + gap + th},
					{at.X + gap/2, at.Y - gap},
					{at.X - gap/2 - tw, at.Y - gap},
					{at.X + gap/2, at.Y + gap + th},
					{at.X - gap/2 - tw, at.Y + gap + th},
				}
				marks[i].area = marks[i].dot.Inset(-c.ui(4))
				for _, p := range candidates {
					box := image.Rect(p.X, p.Y-th, p.X+tw, p.Y+c.ui(3))
					if !box.In(plot) || overlapsAny(box, taken, marks[i].dot) {
						continue
					}
					c.text(name, p.X, p.Y, labelPt, pal.text, alignLeft)
					taken = append(taken, box)
					marks[i].area = marks[i].area.Union(box)
					break
				}
				c.hit(Hit{Kind: Tag, Area: marks[i].area, Mark: at, Tag: t.Tag,
					Responses: t.Responses, Score: t.Score, Share: t.Pain})
			}
		}}
	return f.render()
}

// overlapsAny reports whether box overlaps any of taken other than self.
func overlapsAny(box image.Rectangle, taken []image.Rectangle, self image.Rectangle) bool {
	for _, t := range taken {
		if t != self && box.Overlaps(t) {
			return true
		}
	}
	return false
}

// logTicks returns ticks on a log10 axis from lo to hi (in log units) at 1, 2 and 5 times
// the powers of ten, thinned to powers of ten (and then every other one) to at most most.
func logTicks(lo, hi float64, most int, o Options) []gochart.Tick {
	var all, powers []gochart.Tick
	for e := math.Floor(lo); e <= math.Ceil(hi); e++ {
		for _, k := range []float64{1, 2, 5} {
			v := k * math.Pow(10, e)
			lv := math.Log10(v)
			if v < 1 || lv < lo || lv > hi {
				continue
			}
			t := gochart.Tick{Value: lv, Label: o.number(v, 0)}
			all = append(all, t)
			if k == 1 {
				powers = append(powers, t)
			}
		}
	}
	if len(all) <= most {
		return all
	}
	for len(powers) > most {
		var thinned []gochart.Tick
		for i := len(powers) - 1; i >= 0; i -= 2 {
			thinned = append([]gochart.Tick{powers[i]}, thinned...)
		}
		powers = thinned
	}
	return powers
}

// defaultPainWord names the negative band of a report's survey type, for the matrix's y axis.
func defaultPainWord(r *data.Report) string {
	if r == nil {
		return "Share in the negative band"
	}
	switch r.SurveyType {
	case data.TypeNPS, data.TypeENPS:
		return "Share of detractors"
	case data.TypeCES:
		return "Share finding it difficult"
	default:
		return "Share dissatisfied"
	}
}
