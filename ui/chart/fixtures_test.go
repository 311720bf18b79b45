package chart

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// weeklyNPS is n weeks of NPS ending in June 2025, with a dip in the middle and a last week
// too small to rely on.
func weeklyNPS(weeks int) *data.Report {
	rule := metrics.RuleFor(data.TypeNPS, 0, 10)
	r := &data.Report{SurveyType: data.TypeNPS, ScaleMin: 0, ScaleMax: 10, By: data.ByWeek}
	start := time.Date(2025, 6, 30, 0, 0, 0, 0, time.Local).AddDate(0, 0, -7*weeks)
	total := map[float64]int{}
	for i := range weeks {
		n := 300 + 17*(i%9)
		detractors := 60 + 5*(i%4)
		if i == weeks/2 {
			detractors = 150 // the dip
		}
		if i == weeks-1 {
			n, detractors = 12, 3 // this week so far: too few to rely on
		}
		promoters := n * 45 / 100
		dist := []data.ValueCount{{Value: 3, Count: detractors}, {Value: 8, Count: n - promoters - detractors}, {Value: 10, Count: promoters}}
		s := rule.Summarize(dist)
		r.Series = append(r.Series, data.SeriesPoint{Start: start.AddDate(0, 0, 7*i), Responses: s.Responses, Score: s.Score, Margin: s.Margin})
		for _, vc := range dist {
			total[vc.Value] += vc.Count
		}
	}
	r.From, r.To = start, start.AddDate(0, 0, 7*weeks)
	r.Distribution = metrics.Distribution(total)
	r.Summary = rule.Summarize(r.Distribution)
	return r
}

// countUnlike counts the pixels of img that differ from c.
func countUnlike(img image.Image, c color.Color) int {
	want := color.NRGBAModel.Convert(c)
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)) != want {
				n++
			}
		}
	}
	return n
}

// keep writes img to $VERBATIM_CHART_DIR, when set, to look at.
func keep(t testing.TB, name string, img image.Image) {
	t.Helper()
	dir := os.Getenv("VERBATIM_CHART_DIR")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// csatBySegment is a CSAT report broken down by region, with one region too small to rely on.
func csatBySegment() *data.Report {
	rule := metrics.RuleFor(data.TypeCSAT, 1, 5)
	r := &data.Report{SurveyType: data.TypeCSAT, ScaleMin: 1, ScaleMax: 5, By: data.ByMonth}
	regions := []struct {
		name string
		dist []data.ValueCount
	}{
		{"Europe", []data.ValueCount{{Value: 1, Count: 40}, {Value: 3, Count: 60}, {Value: 4, Count: 200}, {Value: 5, Count: 300}}},
		{"North America", []data.ValueCount{{Value: 1, Count: 90}, {Value: 2, Count: 50}, {Value: 4, Count: 200}, {Value: 5, Count: 160}}},
		{"Latin America and the Caribbean", []data.ValueCount{{Value: 2, Count: 30}, {Value: 3, Count: 30}, {Value: 5, Count: 140}}},
		{"Antarctica", []data.ValueCount{{Value: 1, Count: 4}, {Value: 5, Count: 6}}},
	}
	var all []data.ValueCount
	for _, g := range regions {
		r.Segments = append(r.Segments, data.SegmentScore{Key: "region", Value: g.name, Summary: rule.Summarize(g.dist)})
		all = metrics.Merge(all, g.dist)
	}
	r.Distribution = all
	r.Summary = rule.Summarize(all)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.Local)
	for i := range 6 {
		r.Series = append(r.Series, data.SeriesPoint{Start: start.AddDate(0, i, 0), Responses: 200 + 10*i, Score: 70 + float64(i), Margin: 6})
	}
	r.From, r.To = start, start.AddDate(0, 6, 0)
	return r
}

// someThemes are themes as the store ranks them, most painful first: a rare one that hurts
// most, frequent ones that hurt less.
func someThemes() []data.Theme {
	return []data.Theme{
		{Tag: "refund refused", Responses: 14, Pain: 0.86, Score: -71},
		{Tag: "billing", Responses: 1800, Pain: 0.52, Score: -20},
		{Tag: "delivery delay", Responses: 640, Pain: 0.41, Score: -5},
		{Tag: "support wait", Responses: 320, Pain: 0.38, Score: 0},
		{Tag: "app crashes", Responses: 95, Pain: 0.35, Score: 2},
		{Tag: "price", Responses: 2500, Pain: 0.22, Score: 18},
		{Tag: "friendly staff", Responses: 900, Pain: 0.05, Score: 70},
	}
}

func rgbaAt(img *image.RGBA, p image.Point) color.RGBA { return img.RGBAAt(p.X, p.Y) }

func toRGBA(c color.Color) color.RGBA { return color.RGBAModel.Convert(c).(color.RGBA) }
