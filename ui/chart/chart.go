// Package chart draws the dashboard's charts — trend, distribution, segments and the themes
// matrix — as images of an exact pixel size, with go-chart's raster renderer. It knows no
// toolkit: the UI shows the images in widgets and the command line writes them as PNG.
//
// Every function returns a Picture: the image and its hit areas, rectangles in image pixels
// that name what is drawn there (a time bucket, a scale value, a segment value, a tag), so a
// click can become a filter. Ranges and ticks are computed here and handed to go-chart, which
// then has nothing to guess: that keeps the layout stable and a render well under 50 ms.
//
// The functions are pure and safe to call from any goroutine.
package chart

import (
	"errors"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/roboto"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// Theme selects a palette.
type Theme int

// Palettes.
const (
	Light Theme = iota
	Dark
)

// Options say how to draw a chart. The zero value draws in the light palette at one pixel
// per unit with English words and numbers.
type Options struct {
	Theme Theme
	// Scale is the number of image pixels per interface unit (a high-density screen has 2):
	// text, lines and points grow with it. Zero means 1.
	Scale float64
	// Background replaces the palette's background, so a chart blends into the window.
	Background color.Color
	Words      Words
	Format     Format
}

// Words are the few words a chart writes. Empty ones are English; the UI passes them
// translated (this package has no notion of the interface language).
type Words struct {
	Overall   string // beside the overall reference line, "Overall"
	Benchmark string // beside the PMF benchmark line, "40% benchmark"
	Volume    string // the themes matrix's x axis, "Responses with the tag"
	Pain      string // the themes matrix's y axis, e.g. "Detractors"
	Zero      string // the trend's zero line for net scores, unlabelled when empty
}

// Format writes numbers and dates the way the interface language does. Nil functions write
// English.
type Format struct {
	Number  func(v float64, places int) string                // "1,234.5"
	Percent func(v float64, places int) string                // "87%" (v is already ×100)
	Bucket  func(start time.Time, by data.Granularity) string // a trend axis label
}

// Kind says what a hit area stands for.
type Kind int

// Hit kinds.
const (
	Bucket  Kind = iota + 1 // a trend point: From..To
	Value                   // a distribution bar: Value and its Band
	Segment                 // a segment bar: SegmentKey = SegmentValue
	Tag                     // a theme: Tag
)

// Hit is one clickable thing on a chart.
type Hit struct {
	Kind Kind
	Area image.Rectangle // where a click selects it, in image pixels
	Mark image.Point     // the centre of what is drawn there, for a tooltip

	From, To     time.Time // Bucket: the bucket's days, To exclusive
	Value        float64   // Value: the scale value
	Band         string    // Value: its band (data.BandPositive...)
	SegmentKey   string    // Segment
	SegmentValue string    // Segment
	Tag          string    // Tag

	Responses int     // how many responses the mark stands for
	Score     float64 // their score (Bucket, Segment, Tag)
	Margin    float64 // its margin of error (Bucket, Segment)
	Share     float64 // Value: the bar's share of responses, 0..1; Tag: its pain, 0..1
}

// Picture is a rendered chart.
type Picture struct {
	Image *image.RGBA
	Plot  image.Rectangle // the plotting area inside the axes
	Hits  []Hit
	// Omitted counts what did not fit and was left out (Segments: the smallest values),
	// so the UI can say so.
	Omitted int
}

// HitAt returns what a click at p selects: of the areas holding p, the one whose mark is
// nearest.
func (p *Picture) HitAt(pt image.Point) (Hit, bool) {
	best, found := -1, false
	bestD := math.MaxFloat64
	for i, h := range p.Hits {
		if !pt.In(h.Area) {
			continue
		}
		dx, dy := float64(pt.X-h.Mark.X), float64(pt.Y-h.Mark.Y)
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD, found = i, d, true
		}
	}
	if !found {
		return Hit{}, false
	}
	return p.Hits[best], true
}

// ErrEmpty is returned when there is nothing to draw: no buckets, no responses, no segments
// or no themes. The UI shows a sentence instead of a chart.
var ErrEmpty = errors.New("there is nothing to draw")

// minSide is the smallest chart side that still fits axes and a plot.
const minSide = 80

func checkSize(w, h int) error {
	if w < minSide || h < minSide {
		return errors.New("a chart needs at least " + strconv.Itoa(minSide) + "×" + strconv.Itoa(minSide) + " pixels, got " + strconv.Itoa(w) + "×" + strconv.Itoa(h))
	}
	return nil
}

var (
	fontOnce sync.Once
	fontVal  *truetype.Font
	fontErr  error
)

// chartFont parses go-chart's Roboto once. Handing it to every chart also keeps go-chart
// from lazily loading its own default font, which is not safe from several goroutines.
func chartFont() (*truetype.Font, error) {
	fontOnce.Do(func() { fontVal, fontErr = truetype.Parse(roboto.Roboto) })
	return fontVal, fontErr
}

// scale returns the options' pixels per unit.
func (o Options) scale() float64 {
	if o.Scale <= 0 {
		return 1
	}
	return o.Scale
}

func (o Options) number(v float64, places int) string {
	if o.Format.Number != nil {
		return o.Format.Number(v, places)
	}
	return englishNumber(v, places)
}

func (o Options) percent(v float64, places int) string {
	if o.Format.Percent != nil {
		return o.Format.Percent(v, places)
	}
	return englishNumber(v, places) + "%"
}

func (o Options) bucket(t time.Time, by data.Granularity) string {
	if o.Format.Bucket != nil {
		return o.Format.Bucket(t, by)
	}
	switch by {
	case data.ByMonth:
		return t.Format("Jan 2006")
	case data.ByQuarter:
		return "Q" + strconv.Itoa(int(t.Month()-1)/3+1) + " " + strconv.Itoa(t.Year())
	default:
		return t.Format("Jan 2")
	}
}

// englishNumber writes v with thousands separators and the typographic minus.
func englishNumber(v float64, places int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', places, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// niceStep rounds a raw tick step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*pow*(1+1e-9) {
			return m * pow
		}
	}
	return 10 * pow
}

// linearTicks returns ticks every step from lo to hi, labelled by label.
func linearTicks(lo, hi, step float64, label func(float64) string) []gochart.Tick {
	var ticks []gochart.Tick
	for i := 0; ; i++ {
		v := lo + float64(i)*step
		if v > hi+step/1000 {
			break
		}
		if math.Abs(v) < step/1e6 {
			v = 0
		}
		ticks = append(ticks, gochart.Tick{Value: v, Label: label(v)})
	}
	return ticks
}

// stepPlaces returns how many decimals a tick step needs.
func stepPlaces(step float64) int {
	switch {
	case step >= 1:
		return 0
	case step >= 0.1:
		return 1
	default:
		return 2
	}
}

// score writes a score the way its rule shows it: net scores as signed whole numbers,
// shares as whole percents, means with one decimal.
func (o Options) score(rule metrics.Rule, v float64) string {
	switch rule.Kind {
	case metrics.NetKind:
		if math.Round(v) > 0 {
			return "+" + o.number(v, 0)
		}
		return o.number(v, 0)
	case metrics.ShareKind:
		return o.percent(v, 0)
	default:
		return o.number(v, 1)
	}
}

// axisLabel writes a tick value of a score axis.
func (o Options) axisLabel(rule metrics.Rule, v float64, places int) string {
	if rule.Kind == metrics.ShareKind {
		return o.percent(v, places)
	}
	return o.number(v, places)
}

// scoreBounds returns the widest range a rule's score can take.
func scoreBounds(rule metrics.Rule) (lo, hi float64) {
	switch rule.Kind {
	case metrics.NetKind:
		return -100, 100
	case metrics.ShareKind:
		return 0, 100
	default:
		return rule.Min, rule.Max
	}
}

// scoreRange returns a readable axis range and tick step holding every value in vals,
// at least a tenth of the rule's full range wide, within the rule's bounds.
func scoreRange(rule metrics.Rule, vals []float64, ticks int) (lo, hi, step float64) {
	bottom, top := scoreBounds(rule)
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo > hi {
		lo, hi = bottom, top
	}
	if minSpan := (top - bottom) / 10; hi-lo < minSpan {
		mid := (hi + lo) / 2
		lo, hi = mid-minSpan/2, mid+minSpan/2
		// Slide the window back inside the scale rather than cut it short.
		if hi > top {
			lo, hi = lo-(hi-top), top
		}
		if lo < bottom {
			lo, hi = bottom, hi+(bottom-lo)
		}
	}
	step = niceStep((hi - lo) / float64(max(ticks, 1)))
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if lo < bottom {
		lo = math.Max(bottom, math.Floor(bottom/step)*step)
	}
	if hi > top {
		hi = math.Min(top, math.Ceil(top/step)*step)
	}
	if hi <= lo {
		hi = lo + step
	}
	return lo, hi, step
}
