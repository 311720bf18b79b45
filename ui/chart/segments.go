package chart

import (
	"math"
	"sort"

	gochart "github.com/wcharczuk/go-chart/v2"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// Segments draws the score of each value of a report's segment as a horizontal bar, best
// first, with its margin of error as a whisker and its score and n written beside it, and
// the overall score as a dashed reference line. Values with fewer than metrics.MinReliable
// responses are drawn grey. When more values exist than rows fit, the ones with the most
// responses are kept and Picture.Omitted says how many were left out. Each row is a hit
// area of Kind Segment.
func Segments(r *data.Report, w, h int, o Options) (*Picture, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	if r == nil || len(r.Segments) == 0 {
		return nil, ErrEmpty
	}
	m, err := newMeasurer(o)
	if err != nil {
		return nil, err
	}
	s := o.scale()
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	tick := tickSize(w, h, o)
	labelPt := tick - 1

	// Rows: as many as fit at a readable height, the largest segments first, then best
	// score first.
	rowH := 2.1 * float64(m.width("M", tick)) // about two lines of tick text
	fit := max(int((float64(h)-50*s)/rowH), 1)
	rows := append([]data.SegmentScore(nil), r.Segments...)
	omitted := 0
	if len(rows) > fit {
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Responses > rows[j].Responses })
		omitted = len(rows) - fit
		rows = rows[:fit]
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Score != rows[j].Score {
			return rows[i].Score > rows[j].Score
		}
		return rows[i].Responses > rows[j].Responses
	})

	// The score axis holds the bars from their baseline, the reliable whiskers and the
	// overall score.
	base := baseline(rule)
	vals := []float64{base, r.Score}
	for _, row := range rows {
		vals = append(vals, row.Score)
		if row.Responses >= metrics.MinReliable {
			vals = append(vals, row.Score-row.Margin, row.Score+row.Margin)
		}
	}
	lo, hi, step := scoreRange(rule, vals, max(min(int(float64(w)/s/110), 6), 2))

	nameWidth := int(float64(w) * 0.26)
	yTicks := make([]gochart.Tick, len(rows))
	for i, row := range rows {
		yTicks[i] = gochart.Tick{Value: float64(len(rows) - 1 - i), Label: m.fit(segmentName(row.Value), nameWidth, tick)}
	}
	xTicks := linearTicks(lo, hi, step, func(v float64) string { return o.axisLabel(rule, v, stepPlaces(step)) })
	valueText := func(row data.SegmentScore) (string, string) {
		return o.score(rule, row.Score), "n=" + o.number(float64(row.Responses), 0)
	}
	widest := 0
	for _, row := range rows {
		a, b := valueText(row)
		widest = max(widest, m.width(a, labelPt)+m.width(b, labelPt)+int(12*s))
	}
	overall := o.Words.Overall
	if overall == "" {
		overall = "Overall"
	}
	overall += " " + o.score(rule, r.Score)

	f := &frame{w: w, h: h, o: o, x: span{lo, hi}, y: span{-0.5, float64(len(rows)) - 0.5},
		xTicks: xTicks, yTicks: yTicks,
		pad: gochart.Box{Top: 22, Left: 8, Right: 8 + int(float64(widest)/s), Bottom: 4},
		draw: func(c *canvas) {
			for _, tk := range xTicks {
				c.line(c.x(tk.Value), c.box.Top, c.x(tk.Value), c.box.Bottom, c.pal.grid, c.u(1), nil)
			}
			if base > lo {
				c.line(c.x(base), c.box.Top, c.x(base), c.box.Bottom, c.pal.axis, c.u(1.2), nil)
			}
			rowPx := float64(c.box.Height()) / float64(len(rows))
			half := max(int(math.Min(rowPx*0.3, c.u(14))), 2)
			for i, row := range rows {
				cy := c.y(float64(len(rows) - 1 - i))
				reliable := row.Responses >= metrics.MinReliable
				col := c.pal.accent
				if !reliable {
					col = withAlpha(c.pal.weak, 0xa0)
				}
				x0, x1 := c.x(math.Max(base, lo)), c.x(row.Score)
				if x1 == x0 {
					x1 = x0 + max(c.ui(2), 1)
				}
				c.rect(x0, cy-half, x1, cy+half, col)
				end := max(x0, x1)
				if reliable && row.Margin > 0 {
					a, b := c.x(math.Max(row.Score-row.Margin, lo)), c.x(math.Min(row.Score+row.Margin, hi))
					c.line(a, cy, b, cy, c.pal.text, c.u(1.5), nil)
					c.line(a, cy-half/2, a, cy+half/2, c.pal.text, c.u(1.5), nil)
					c.line(b, cy-half/2, b, cy+half/2, c.pal.text, c.u(1.5), nil)
					end = max(end, b)
				}
				score, n := valueText(row)
				_, th := c.measure(score, labelPt)
				box := c.text(score, end+c.ui(6), cy+th/2, labelPt, c.pal.text, alignLeft)
				c.text(n, box.Max.X+c.ui(6), cy+th/2, labelPt, c.pal.muted, alignLeft)
				c.hit(Hit{
					Kind: Segment, Area: rectangle(0, int(float64(cy)-rowPx/2), c.w, int(float64(cy)+rowPx/2)),
					Mark: point(x1, cy), SegmentKey: row.Key, SegmentValue: row.Value,
					Responses: row.Responses, Score: row.Score, Margin: row.Margin,
				})
			}
			ox := c.x(r.Score)
			c.line(ox, c.box.Top-c.ui(4), ox, c.box.Bottom, c.pal.reference, c.u(1.5), []float64{c.u(6), c.u(4)})
			align := alignCenter
			if ow, _ := c.measure(overall, labelPt); ox+ow/2 > c.w {
				align = alignRight
			} else if ox-ow/2 < 0 {
				align = alignLeft
			}
			c.text(overall, ox, c.box.Top-c.ui(8), labelPt, c.pal.muted, align)
		}}
	p, err := f.render()
	if err != nil {
		return nil, err
	}
	p.Omitted = omitted
	return p, nil
}

// baseline is where a score bar starts: zero for percentages and net scores, the bottom of
// the scale for means.
func baseline(rule metrics.Rule) float64 {
	if rule.Kind == metrics.MeanKind {
		return rule.Min
	}
	return 0
}

// segmentName is how a segment value is written: an empty value is "—".
func segmentName(v string) string {
	if v == "" {
		return "—"
	}
	return v
}
