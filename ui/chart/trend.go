package chart

import (
	"math"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// Trend draws a report's score per time bucket as a w×h image: the score line with its
// margin of error as a shaded band, and the `n` of each bucket as a bar in a lane under the
// plot, with the count written where there is room. Buckets with fewer than
// metrics.MinReliable responses are drawn hollow and grey, never hidden, and left out of the
// band (their margin would swamp the chart). Net scores get a zero line, PMF its 40%
// benchmark. Each bucket's column is a hit area of Kind Bucket.
func Trend(r *data.Report, w, h int, o Options) (*Picture, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	if r == nil || len(r.Series) == 0 {
		return nil, ErrEmpty
	}
	m, err := newMeasurer(o)
	if err != nil {
		return nil, err
	}
	t := newTrendLayout(r, w, h, o, m)
	f := &frame{w: w, h: h, o: o, xTicks: t.xTicks, yTicks: t.yTicks,
		x: span{t.xMin, t.xMax}, y: span{t.lo - t.lane, t.hi},
		pad: gochart.Box{Top: 16, Left: 8, Right: 24, Bottom: 4}, draw: t.draw}
	return f.render()
}

// trendLayout is the geometry of a trend: buckets in days since the epoch, ranges and ticks.
type trendLayout struct {
	r       *data.Report
	o       Options
	rule    metrics.Rule
	by      data.Granularity
	points  []trendPoint
	lo, hi  float64 // the score range
	lane    float64 // the n lane's height in score units, under lo
	maxN    int
	xTicks  []gochart.Tick
	yTicks  []gochart.Tick
	zero    bool    // draw the zero line of a net score
	bench   bool    // draw the PMF benchmark
	nEvery  int     // write the n of every nEvery-th bucket, counting back from the newest
	xMin    float64 // the range's ends, half a bucket beyond the first and last
	xMax    float64
	labelPt float64
}

type trendPoint struct {
	x              float64
	start, end     time.Time
	score, margin  float64
	n              int
	reliable, date bool // date: its date is written under the axis
}

func days(t time.Time) float64 { return float64(t.Unix()) / 86400 }

func newTrendLayout(r *data.Report, w, h int, o Options, m *measurer) *trendLayout {
	s := o.scale()
	t := &trendLayout{r: r, o: o, rule: metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax), by: r.By}
	if t.by == "" {
		t.by = metrics.AutoGranularity(r.From, r.To)
	}
	tick := tickSize(w, h, o)
	t.labelPt = tick - 1.5
	for _, sp := range r.Series {
		end := metrics.NextBucket(sp.Start, t.by)
		t.points = append(t.points, trendPoint{
			x: days(sp.Start) + (days(end)-days(sp.Start))/2, start: sp.Start, end: end,
			score: sp.Score, margin: sp.Margin, n: sp.Responses, reliable: sp.Responses >= metrics.MinReliable,
		})
		t.maxN = max(t.maxN, sp.Responses)
	}
	first, last := t.points[0], t.points[len(t.points)-1]
	t.xMin, t.xMax = days(first.start), days(last.end)

	// Date labels: every k-th bucket counting back from the newest, so they never overlap
	// and the latest bucket is always named.
	plotW := float64(w) - 90*s
	perBucket := plotW * (days(last.end) - days(last.start)) / (t.xMax - t.xMin)
	widest := 0
	for _, p := range t.points {
		widest = max(widest, m.width(o.bucket(p.start, t.by), tick))
	}
	every := max(int(math.Ceil((float64(widest)+16*s)/perBucket)), 1)
	for i := len(t.points) - 1; i >= 0; i -= every {
		t.points[i].date = true
	}
	for _, p := range t.points {
		if p.date {
			t.xTicks = append(t.xTicks, gochart.Tick{Value: p.x, Label: o.bucket(p.start, t.by)})
		}
	}
	widestN := m.width(o.number(float64(t.maxN), 0), t.labelPt)
	t.nEvery = max(int(math.Ceil((float64(widestN)+8*s)/perBucket)), 1)

	// The score range holds every score and the band of the reliable buckets.
	var vals []float64
	for _, p := range t.points {
		vals = append(vals, p.score)
		if p.reliable {
			vals = append(vals, p.score-p.margin, p.score+p.margin)
		}
	}
	if t.r.SurveyType == data.TypePMF {
		vals = append(vals, metrics.PMFBenchmark)
		t.bench = true
	}
	ticks := max(min(int(float64(h)/s/70), 6), 2)
	lo, hi, step := scoreRange(t.rule, vals, ticks)
	t.lo, t.hi = lo, hi
	t.zero = t.rule.Kind == metrics.NetKind && lo < 0 && hi > 0
	t.lane = (hi - lo) * 0.36
	t.yTicks = append(t.yTicks, gochart.Tick{Value: lo - t.lane*0.65, Label: "n"})
	t.yTicks = append(t.yTicks, linearTicks(lo, hi, step, func(v float64) string {
		return o.axisLabel(t.rule, v, stepPlaces(step))
	})...)
	return t
}

func (t *trendLayout) clamp(v float64) float64 { return math.Max(t.lo, math.Min(t.hi, v)) }

// draw paints, back to front: grid, reference lines, n lane, margin band, line, points,
// the latest score, and records a hit area per bucket.
func (t *trendLayout) draw(c *canvas) {
	pal := c.pal
	x := func(p trendPoint) int { return c.x(p.x) }
	y := func(v float64) int { return c.y(t.clamp(v)) }
	for _, tk := range t.yTicks[1:] {
		c.line(c.box.Left, c.y(tk.Value), c.box.Right, c.y(tk.Value), pal.grid, c.u(1), nil)
	}
	// The lane: a rule under the plot, the counts, then bars as tall as their share of the
	// largest bucket.
	rule := c.y(t.lo - t.lane*0.08)
	c.line(c.box.Left, rule, c.box.Right, rule, pal.axis, c.u(1), nil)
	_, labelH := c.measure("0", t.labelPt)
	countBaseline := rule + labelH + c.ui(5)
	laneTop, laneBottom := countBaseline+c.ui(3), c.y(t.lo-t.lane)
	if t.zero {
		c.line(c.box.Left, c.y(0), c.box.Right, c.y(0), pal.reference, c.u(1.2), nil)
	}
	if t.bench {
		by := c.y(metrics.PMFBenchmark)
		c.line(c.box.Left, by, c.box.Right, by, pal.reference, c.u(1.5), []float64{c.u(6), c.u(4)})
		label := t.o.Words.Benchmark
		if label == "" {
			label = t.o.percent(metrics.PMFBenchmark, 0) + " benchmark"
		}
		c.text(label, c.box.Left+c.ui(6), by-c.ui(5), t.labelPt, pal.muted, alignLeft)
	}

	// Columns: each bucket owns the pixels from its start to its end.
	spacing := float64(c.box.Width())
	for i := 1; i < len(t.points); i++ {
		spacing = math.Min(spacing, float64(x(t.points[i])-x(t.points[i-1])))
	}
	barHalf := max(int(spacing*0.34), 1)
	for i, p := range t.points {
		hgt := int(float64(max(laneBottom-laneTop, 1)) * float64(p.n) / float64(max(t.maxN, 1)))
		col := pal.lane
		if !p.reliable {
			col = withAlpha(pal.weak, 0x70)
		}
		c.rect(x(p)-barHalf, laneBottom, x(p)+barHalf, laneBottom-max(hgt, 1), col)
		if (len(t.points)-1-i)%t.nEvery == 0 {
			c.text(t.o.number(float64(p.n), 0), x(p), countBaseline, t.labelPt, pal.muted, alignCenter)
		}
	}

	// The band: one polygon per run of consecutive reliable buckets; a lone reliable
	// bucket gets an error bar.
	for i := 0; i < len(t.points); {
		if !t.points[i].reliable {
			i++
			continue
		}
		j := i
		for j < len(t.points) && t.points[j].reliable {
			j++
		}
		run := t.points[i:j]
		if len(run) == 1 {
			p := run[0]
			c.line(x(p), y(p.score-p.margin), x(p), y(p.score+p.margin), pal.band, c.u(6), nil)
		} else {
			c.r.SetFillColor(pal.band)
			c.r.SetStrokeWidth(0)
			c.r.MoveTo(x(run[0]), y(run[0].score+run[0].margin))
			for _, p := range run[1:] {
				c.r.LineTo(x(p), y(p.score+p.margin))
			}
			for k := len(run) - 1; k >= 0; k-- {
				c.r.LineTo(x(run[k]), y(run[k].score-run[k].margin))
			}
			c.r.Close()
			c.r.Fill()
		}
		i = j
	}

	// The line: solid between reliable buckets, dashed and grey where either is not.
	for i := 1; i < len(t.points); i++ {
		a, b := t.points[i-1], t.points[i]
		if a.reliable && b.reliable {
			c.line(x(a), y(a.score), x(b), y(b.score), pal.accent, c.u(2.5), nil)
		} else {
			c.line(x(a), y(a.score), x(b), y(b.score), pal.weak, c.u(1.5), []float64{c.u(4), c.u(3)})
		}
	}
	radius := math.Max(math.Min(c.u(4.5), spacing/3), c.u(2))
	for _, p := range t.points {
		if p.reliable {
			c.circle(x(p), y(p.score), radius, pal.accent, pal.background, c.u(1))
		} else {
			// Hollow: filled with the background so the line does not show through.
			c.circle(x(p), y(p.score), radius, pal.background, pal.weak, c.u(1.8))
		}
	}

	last := t.points[len(t.points)-1]
	col := pal.text
	if !last.reliable {
		col = pal.muted
	}
	// The latest score, on the side of its point away from the line coming in.
	label := t.o.score(t.rule, last.score)
	_, lh := c.measure(label, c.tickPt+1.5)
	above := y(last.score) - int(radius) - c.ui(6)
	below := y(last.score) + int(radius) + c.ui(6) + lh
	ly := above
	if len(t.points) > 1 && t.points[len(t.points)-2].score > last.score || above-lh < c.box.Top-c.ui(14) {
		ly = below
	}
	if ly > c.box.Bottom {
		ly = above
	}
	c.text(label, x(last), ly, c.tickPt+1.5, col, alignCenter)

	for i, p := range t.points {
		left, right := c.box.Left, c.box.Right
		if i > 0 {
			left = (x(t.points[i-1]) + x(p)) / 2
		}
		if i < len(t.points)-1 {
			right = (x(p) + x(t.points[i+1])) / 2
		}
		c.hit(Hit{
			Kind: Bucket, Area: rectangle(left, c.box.Top, right, c.box.Bottom), Mark: point(x(p), y(p.score)),
			From: p.start, To: p.end, Responses: p.n, Score: p.score, Margin: p.margin,
		})
	}
}
