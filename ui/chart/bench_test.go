package chart

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// renderTarget is DESIGN.md's budget for drawing one chart.
const renderTarget = 50 * time.Millisecond

// benchRender times draw at 1200×600 and prints the mean beside the target. The first
// call, which parses the font, is not timed: the app pays it once.
func benchRender(b *testing.B, name string, draw func(w, h int) error) {
	if err := draw(1200, 600); err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	runs := 0
	for b.Loop() {
		start := time.Now()
		if err := draw(1200, 600); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		runs++
	}
	ms := float64(total.Microseconds()) / 1000 / float64(runs)
	b.ReportMetric(ms, "ms/chart")
	fmt.Printf("render %-34s %7.1f ms   (target < %d ms)\n", name, ms, renderTarget.Milliseconds())
}

func BenchmarkTrend(b *testing.B) {
	r := weeklyNPS(100)
	benchRender(b, "trend, 100 points, 1200×600", func(w, h int) error { _, err := Trend(r, w, h, Options{}); return err })
}

func BenchmarkDistribution(b *testing.B) {
	r := weeklyNPS(100)
	benchRender(b, "distribution 0-10, 1200×600", func(w, h int) error { _, err := Distribution(r, w, h, Options{}); return err })
}

func BenchmarkSegments(b *testing.B) {
	r := weeklyNPS(10)
	rule := metrics.RuleFor(data.TypeNPS, 0, 10)
	for i := range 30 {
		r.Segments = append(r.Segments, data.SegmentScore{Key: "country", Value: "Country " + strconv.Itoa(i),
			Summary: rule.Summarize([]data.ValueCount{{Value: 3, Count: 20 + i}, {Value: 8, Count: 40}, {Value: 10, Count: 50 + 2*i}})})
	}
	benchRender(b, "segments, 30 values, 1200×600", func(w, h int) error { _, err := Segments(r, w, h, Options{}); return err })
}

func BenchmarkThemes(b *testing.B) {
	r := weeklyNPS(10)
	var themes []data.Theme
	for i := range 25 {
		themes = append(themes, data.Theme{Tag: "theme number " + strconv.Itoa(i), Responses: 5 + i*i*7, Pain: float64(25-i) / 30})
	}
	benchRender(b, "themes, 25 tags, 1200×600", func(w, h int) error { _, err := Themes(themes, r, w, h, Options{}); return err })
}
