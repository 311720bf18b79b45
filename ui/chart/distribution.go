package chart

import (
	"math"
	"sort"

	gochart "github.com/wcharczuk/go-chart/v2"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// maxScaleBars is the widest scale drawn with a bar for every whole value, answered or
// not; wider (unknown) scales get bars for the values given only.
const maxScaleBars = 21

// Distribution draws one bar per scale value, coloured by the band its rule puts the value
// in, with each bar's share of responses written over it. Values nobody gave still get
// their (empty) slot, so the shape of the scale stays visible. Each bar's column is a hit
// area of Kind Value.
func Distribution(r *data.Report, w, h int, o Options) (*Picture, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	if r == nil || r.Responses == 0 || len(r.Distribution) == 0 {
		return nil, ErrEmpty
	}
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	bars := distributionBars(r, rule)
	total, most := 0, 0
	for _, b := range bars {
		total += b.Count
		most = max(most, b.Count)
	}
	s := o.scale()
	ticks := max(min(int(float64(h)/s/70), 5), 2)
	step := niceStep(float64(most) / float64(ticks))
	if step < 1 {
		step = 1
	}
	top := math.Ceil(float64(most)*1.12/step) * step // room for the share over the tallest bar
	var xTicks []gochart.Tick
	for i, b := range bars {
		xTicks = append(xTicks, gochart.Tick{Value: float64(i), Label: o.number(b.Value, valuePlaces(b.Value))})
	}
	yTicks := linearTicks(0, top, step, func(v float64) string { return o.number(v, 0) })
	labelPt := tickSize(w, h, o) - 1
	f := &frame{w: w, h: h, o: o, x: span{-0.5, float64(len(bars)) - 0.5}, y: span{0, top},
		xTicks: xTicks, yTicks: yTicks, pad: gochart.Box{Top: 12, Left: 8, Right: 12, Bottom: 4},
		draw: func(c *canvas) {
			for _, tk := range yTicks[1:] {
				c.line(c.box.Left, c.y(tk.Value), c.box.Right, c.y(tk.Value), c.pal.grid, c.u(1), nil)
			}
			slot := float64(c.box.Width()) / float64(len(bars))
			half := max(int(slot*0.36), 1)
			for i, b := range bars {
				band := rule.Band(b.Value)
				cx, top := c.x(float64(i)), c.y(float64(b.Count))
				if b.Count > 0 {
					c.rect(cx-half, c.y(0), cx+half, min(top, c.y(0)-1), c.pal.bands[band])
				}
				share := float64(b.Count) / float64(max(total, 1))
				c.text(shareLabel(o, share), cx, top-c.ui(5), labelPt, c.pal.muted, alignCenter)
				c.hit(Hit{
					Kind: Value, Area: rectangle(cx-int(slot/2), c.box.Top, cx+int(math.Ceil(slot/2)), c.box.Bottom),
					Mark: point(cx, top), Value: b.Value, Band: band, Responses: b.Count, Share: share,
				})
			}
		}}
	return f.render()
}

// distributionBars returns the bars to draw, by value: every whole value of a narrow scale,
// plus any value given that is not one of them.
func distributionBars(r *data.Report, rule metrics.Rule) []data.ValueCount {
	counts := map[float64]int{}
	if rule.Max-rule.Min < maxScaleBars && rule.Max >= rule.Min {
		for v := math.Ceil(rule.Min); v <= rule.Max; v++ {
			counts[v] = 0
		}
	}
	for _, vc := range r.Distribution {
		counts[vc.Value] += vc.Count
	}
	bars := make([]data.ValueCount, 0, len(counts))
	for v, n := range counts {
		bars = append(bars, data.ValueCount{Value: v, Count: n})
	}
	sort.Slice(bars, func(i, j int) bool { return bars[i].Value < bars[j].Value })
	return bars
}

// valuePlaces returns the decimals a scale value needs: none for whole values.
func valuePlaces(v float64) int {
	if v == math.Trunc(v) {
		return 0
	}
	return 1
}

// shareLabel writes a share of responses as a whole percent, "<1%" for a sliver and ""
// for none.
func shareLabel(o Options, share float64) string {
	switch {
	case share <= 0:
		return ""
	case share < 0.005:
		return "<" + o.percent(1, 0)
	default:
		return o.percent(100*share, 0)
	}
}
