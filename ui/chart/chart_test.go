package chart

import (
	"errors"
	"image"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// checkPicture asserts what every chart promises: the size asked for, something drawn, a
// plot inside the image and hit areas inside the image.
func checkPicture(t *testing.T, p *Picture, w, h int, o Options) {
	t.Helper()
	if b := p.Image.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("image is %d×%d, want %d×%d", b.Dx(), b.Dy(), w, h)
	}
	if n := countUnlike(p.Image, paletteFor(o).background); n < w*h/100 {
		t.Errorf("only %d pixels differ from the background: nothing was drawn", n)
	}
	bounds := image.Rect(0, 0, w, h)
	if p.Plot.Empty() || !p.Plot.In(bounds) {
		t.Errorf("plot %v is empty or outside the image %v", p.Plot, bounds)
	}
	for _, hit := range p.Hits {
		if hit.Area.Empty() || !hit.Area.In(bounds) {
			t.Errorf("hit area %v is empty or outside the image", hit.Area)
		}
		if !hit.Mark.In(bounds) {
			t.Errorf("hit mark %v is outside the image", hit.Mark)
		}
	}
}

func TestTrend(t *testing.T) {
	oneDay := &data.Report{SurveyType: data.TypeStar, ScaleMin: 1, ScaleMax: 5, By: data.ByDay,
		Series: []data.SeriesPoint{{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.Local), Responses: 50, Score: 4.2, Margin: 0.2}}}
	pmf := &data.Report{SurveyType: data.TypePMF, ScaleMin: 1, ScaleMax: 3, By: data.ByMonth}
	for i := range 8 {
		pmf.Series = append(pmf.Series, data.SeriesPoint{Start: time.Date(2025, time.Month(1+i), 1, 0, 0, 0, 0, time.Local),
			Responses: 80 + 10*i, Score: 22 + 2*float64(i), Margin: 9})
	}
	for _, tc := range []struct {
		name string
		r    *data.Report
		w, h int
		o    Options
	}{
		{"Light", weeklyNPS(26), 1200, 600, Options{}},
		{"Dark", weeklyNPS(26), 900, 360, Options{Theme: Dark}},
		{"HundredPoints", weeklyNPS(100), 1200, 600, Options{}},
		{"Small", weeklyNPS(12), 320, 180, Options{}},
		{"HiDPI", weeklyNPS(12), 1600, 700, Options{Scale: 2}},
		{"OnePoint", oneDay, 400, 240, Options{}},
		{"PMF", pmf, 800, 400, Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Trend(tc.r, tc.w, tc.h, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			checkPicture(t, p, tc.w, tc.h, tc.o)
			keep(t, "trend-"+tc.name, p.Image)
			if len(p.Hits) != len(tc.r.Series) {
				t.Fatalf("%d hits, want one per bucket (%d)", len(p.Hits), len(tc.r.Series))
			}
			for i, hit := range p.Hits {
				sp := tc.r.Series[i]
				if hit.Kind != Bucket || !hit.From.Equal(sp.Start) || !hit.To.Equal(metrics.NextBucket(sp.Start, tc.r.By)) ||
					hit.Responses != sp.Responses || hit.Score != sp.Score {
					t.Errorf("hit %d = %+v, want bucket %v with n=%d score %v", i, hit, sp.Start, sp.Responses, sp.Score)
				}
				if i > 0 && hit.Mark.X <= p.Hits[i-1].Mark.X {
					t.Errorf("bucket %d is drawn at x=%d, not right of bucket %d at x=%d", i, hit.Mark.X, i-1, p.Hits[i-1].Mark.X)
				}
				if got, ok := p.HitAt(hit.Mark); !ok || !got.From.Equal(hit.From) {
					t.Errorf("a click on bucket %d's point selects %v, %v", i, got.From, ok)
				}
			}
			// A higher score is drawn higher.
			for i := 1; i < len(p.Hits); i++ {
				a, b := p.Hits[i-1], p.Hits[i]
				if a.Score > b.Score+1e-9 && a.Mark.Y > b.Mark.Y {
					t.Errorf("bucket %d (score %.1f) is drawn below bucket %d (score %.1f)", i-1, a.Score, i, b.Score)
				}
			}
		})
	}
	t.Run("HollowPoint", func(t *testing.T) {
		// The last week has 12 responses: its point is hollow (background inside) and grey,
		// the reliable ones are filled with the line's colour.
		o := Options{}
		p, err := Trend(weeklyNPS(10), 800, 400, o)
		if err != nil {
			t.Fatal(err)
		}
		last, first := p.Hits[len(p.Hits)-1].Mark, p.Hits[0].Mark
		if got := rgbaAt(p.Image, last); got != toRGBA(paletteFor(o).background) {
			t.Errorf("the centre of the unreliable point is %v, want the background", got)
		}
		if got := rgbaAt(p.Image, first); got != toRGBA(paletteFor(o).accent) {
			t.Errorf("the centre of a reliable point is %v, want the accent colour", got)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		if _, err := Trend(&data.Report{SurveyType: data.TypeNPS}, 400, 300, Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("err = %v, want ErrEmpty", err)
		}
	})
	t.Run("ErrTooSmall", func(t *testing.T) {
		if _, err := Trend(weeklyNPS(4), 40, 300, Options{}); err == nil {
			t.Error("a 40 pixel wide chart was drawn")
		}
	})
}

func TestDistribution(t *testing.T) {
	nps := weeklyNPS(26)
	for _, tc := range []struct {
		name      string
		r         *data.Report
		w, h      int
		o         Options
		wantBars  int
		wantEmpty []float64 // slots drawn with no response
	}{
		{"NPS", nps, 700, 400, Options{}, 11, []float64{0, 1, 2, 4, 5, 6, 7, 9}},
		{"NPSDark", nps, 500, 300, Options{Theme: Dark}, 11, nil},
		{"CSAT", csatBySegment(), 400, 260, Options{}, 5, nil},
		{"Wide scale", &data.Report{SurveyType: data.TypeScore, ScaleMin: 0, ScaleMax: 100, Summary: data.Summary{Responses: 3},
			Distribution: []data.ValueCount{{Value: 10, Count: 1}, {Value: 55, Count: 1}, {Value: 90, Count: 1}}}, 400, 260, Options{}, 3, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Distribution(tc.r, tc.w, tc.h, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			checkPicture(t, p, tc.w, tc.h, tc.o)
			keep(t, "distribution-"+tc.name, p.Image)
			if len(p.Hits) != tc.wantBars {
				t.Fatalf("%d bars, want %d", len(p.Hits), tc.wantBars)
			}
			rule := metrics.RuleFor(tc.r.SurveyType, tc.r.ScaleMin, tc.r.ScaleMax)
			counts := map[float64]int{}
			for _, vc := range tc.r.Distribution {
				counts[vc.Value] = vc.Count
			}
			total := 0
			for i, hit := range p.Hits {
				total += hit.Responses
				if hit.Kind != Value || hit.Responses != counts[hit.Value] || hit.Band != rule.Band(hit.Value) {
					t.Errorf("bar %d = value %v n=%d band %s; want n=%d band %s", i, hit.Value, hit.Responses, hit.Band, counts[hit.Value], rule.Band(hit.Value))
				}
				if i > 0 && (hit.Value <= p.Hits[i-1].Value || hit.Area.Min.X < p.Hits[i-1].Area.Max.X-1) {
					t.Errorf("bar %d (value %v) is not right of bar %d", i, hit.Value, i-1)
				}
				if math.Abs(hit.Share-float64(hit.Responses)/float64(tc.r.Responses)) > 1e-9 {
					t.Errorf("bar %d share = %v, want %d/%d", i, hit.Share, hit.Responses, tc.r.Responses)
				}
				// The bar's top is painted in its band's colour.
				if hit.Responses > tc.r.Responses/20 {
					inside := image.Pt(hit.Mark.X, hit.Mark.Y+3)
					if got, want := rgbaAt(p.Image, inside), toRGBA(paletteFor(tc.o).bands[hit.Band]); got != want {
						t.Errorf("bar %d (value %v) is painted %v, want its band colour %v", i, hit.Value, got, want)
					}
				}
			}
			if total != tc.r.Responses {
				t.Errorf("bars hold %d responses, want %d", total, tc.r.Responses)
			}
			for _, v := range tc.wantEmpty {
				found := false
				for _, hit := range p.Hits {
					found = found || hit.Value == v && hit.Responses == 0
				}
				if !found {
					t.Errorf("no empty slot for value %v", v)
				}
			}
		})
	}
	t.Run("ErrEmpty", func(t *testing.T) {
		if _, err := Distribution(&data.Report{SurveyType: data.TypeNPS}, 400, 300, Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("err = %v, want ErrEmpty", err)
		}
	})
}

func TestSegments(t *testing.T) {
	many := csatBySegment()
	rule := metrics.RuleFor(data.TypeCSAT, 1, 5)
	for i := range 40 {
		many.Segments = append(many.Segments, data.SegmentScore{Key: "region", Value: "Region " + string(rune('A'+i%26)) + string(rune('a'+i/26)),
			Summary: rule.Summarize([]data.ValueCount{{Value: 2, Count: 5 + i}, {Value: 5, Count: 20 + 3*i}})})
	}
	nps := weeklyNPS(8)
	nrule := metrics.RuleFor(data.TypeNPS, 0, 10)
	for i, d := range [][]data.ValueCount{
		{{Value: 2, Count: 300}, {Value: 10, Count: 100}},
		{{Value: 2, Count: 50}, {Value: 10, Count: 200}},
		{{Value: 8, Count: 40}},
	} {
		nps.Segments = append(nps.Segments, data.SegmentScore{Key: "channel", Value: []string{"phone", "web", ""}[i], Summary: nrule.Summarize(d)})
	}
	for _, tc := range []struct {
		name        string
		r           *data.Report
		w, h        int
		o           Options
		wantRows    int
		wantOmitted int
	}{
		{"CSAT", csatBySegment(), 800, 360, Options{}, 4, 0},
		{"Dark", csatBySegment(), 600, 300, Options{Theme: Dark}, 4, 0},
		{"Crowded", many, 700, 420, Options{}, -1, -1},
		{"NegativeNPS", nps, 700, 300, Options{}, 3, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Segments(tc.r, tc.w, tc.h, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			checkPicture(t, p, tc.w, tc.h, tc.o)
			keep(t, "segments-"+tc.name, p.Image)
			if tc.wantRows >= 0 && (len(p.Hits) != tc.wantRows || p.Omitted != tc.wantOmitted) {
				t.Fatalf("%d rows, %d omitted; want %d, %d", len(p.Hits), p.Omitted, tc.wantRows, tc.wantOmitted)
			}
			if len(p.Hits)+p.Omitted != len(tc.r.Segments) {
				t.Errorf("%d rows + %d omitted != %d segments", len(p.Hits), p.Omitted, len(tc.r.Segments))
			}
			byValue := map[string]data.SegmentScore{}
			for _, s := range tc.r.Segments {
				byValue[s.Value] = s
			}
			for i, hit := range p.Hits {
				want := byValue[hit.SegmentValue]
				if hit.Kind != Segment || hit.SegmentKey != want.Key || hit.Responses != want.Responses || hit.Score != want.Score {
					t.Errorf("row %d = %+v, want %+v", i, hit, want)
				}
				if i > 0 {
					prev := p.Hits[i-1]
					if hit.Score > prev.Score {
						t.Errorf("row %d (%v) scores above row %d (%v): not sorted", i, hit.Score, i-1, prev.Score)
					}
					if hit.Mark.Y <= prev.Mark.Y {
						t.Errorf("row %d is not drawn below row %d", i, i-1)
					}
					if hit.Score < prev.Score && hit.Mark.X > prev.Mark.X {
						t.Errorf("row %d's bar (score %v) ends at x=%d, right of row %d's (%v) at x=%d", i, hit.Score, hit.Mark.X, i-1, prev.Score, prev.Mark.X)
					}
				}
			}
			if tc.name == "Crowded" {
				// The rows kept are the largest segments.
				sizes := make([]int, 0, len(tc.r.Segments))
				for _, s := range tc.r.Segments {
					sizes = append(sizes, s.Responses)
				}
				sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
				for _, hit := range p.Hits {
					if hit.Responses < sizes[len(p.Hits)-1] {
						t.Errorf("kept %q with n=%d over larger segments", hit.SegmentValue, hit.Responses)
					}
				}
			}
		})
	}
	t.Run("ErrEmpty", func(t *testing.T) {
		if _, err := Segments(weeklyNPS(3), 400, 300, Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("err = %v, want ErrEmpty", err)
		}
	})
}

func TestThemes(t *testing.T) {
	report := weeklyNPS(26)
	overall := float64(report.Detractors) / float64(report.Responses)
	for _, tc := range []struct {
		name   string
		themes []data.Theme
		r      *data.Report
		w, h   int
		o      Options
	}{
		{"Light", someThemes(), report, 800, 480, Options{}},
		{"Dark", someThemes(), report, 600, 360, Options{Theme: Dark}},
		{"NoReport", someThemes()[:3], nil, 500, 300, Options{}},
		{"One", someThemes()[:1], report, 400, 260, Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Themes(tc.themes, tc.r, tc.w, tc.h, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			checkPicture(t, p, tc.w, tc.h, tc.o)
			keep(t, "themes-"+tc.name, p.Image)
			if len(p.Hits) != len(tc.themes) {
				t.Fatalf("%d hits, want one per theme (%d)", len(p.Hits), len(tc.themes))
			}
			for i, hit := range p.Hits {
				th := tc.themes[i]
				if hit.Kind != Tag || hit.Tag != th.Tag || hit.Responses != th.Responses || hit.Share != th.Pain {
					t.Errorf("hit %d = %+v, want theme %+v", i, hit, th)
				}
				if got, ok := p.HitAt(hit.Mark); !ok || got.Tag != th.Tag {
					t.Errorf("a click on %q's point selects %q, %v", th.Tag, got.Tag, ok)
				}
				for j, other := range p.Hits[:i] {
					o := tc.themes[j]
					if o.Responses < th.Responses && other.Mark.X >= hit.Mark.X {
						t.Errorf("%q (n=%d) is not left of %q (n=%d)", o.Tag, o.Responses, th.Tag, th.Responses)
					}
					if o.Pain > th.Pain && other.Mark.Y >= hit.Mark.Y {
						t.Errorf("%q (pain %v) is not above %q (pain %v)", o.Tag, o.Pain, th.Tag, th.Pain)
					}
				}
				if tc.r != nil {
					band := data.BandPositive
					if th.Pain > overall {
						band = data.BandNegative
					}
					if got, want := rgbaAt(p.Image, hit.Mark), toRGBA(paletteFor(tc.o).bands[band]); got != want {
						t.Errorf("%q (pain %v, overall %v) is painted %v, want %v", th.Tag, th.Pain, overall, got, want)
					}
				}
			}
			if tc.name == "Light" {
				// The rare painful theme is labelled: its hit area is wider than its point.
				if a := p.Hits[0].Area; a.Dx() < 40 {
					t.Errorf("the most painful theme has no label (area %v)", a)
				}
			}
		})
	}
	t.Run("ErrEmpty", func(t *testing.T) {
		if _, err := Themes(nil, nil, 400, 300, Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("err = %v, want ErrEmpty", err)
		}
	})
}

func TestLogTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		most   int
		want   []string
	}{
		{0, 2, 10, []string{"1", "2", "5", "10", "20", "50", "100"}},
		{0, 4, 6, []string{"1", "10", "100", "1,000", "10,000"}},
		{0, 6, 4, []string{"1", "100", "10,000", "1,000,000"}},
		{1.1, 1.9, 5, []string{"20", "50"}},
	} {
		var got []string
		for _, tk := range logTicks(tc.lo, tc.hi, tc.most, Options{}) {
			got = append(got, tk.Label)
		}
		if len(got) > tc.most || !equalStrings(got, tc.want) {
			t.Errorf("logTicks(%v, %v, %d) = %v, want %v", tc.lo, tc.hi, tc.most, got, tc.want)
		}
	}
}

func TestScoreRange(t *testing.T) {
	for _, tc := range []struct {
		typ      string
		vals     []float64
		min, max float64 // the rule's bounds
	}{
		{data.TypeNPS, []float64{20, 35}, -100, 100},
		{data.TypeNPS, []float64{-95, 99}, -100, 100},
		{data.TypeCSAT, []float64{97, 99.5}, 0, 100},
		{data.TypeStar, []float64{4.1, 4.3}, 1, 5},
		{data.TypeStar, []float64{1.02, 1.05}, 1, 5},
		{data.TypeNPS, nil, -100, 100},
	} {
		lo, hi, step := scoreRange(metrics.RuleFor(tc.typ, 0, 0), tc.vals, 4)
		for _, v := range tc.vals {
			if v < lo || v > hi {
				t.Errorf("%s %v: %v is outside %v..%v", tc.typ, tc.vals, v, lo, hi)
			}
		}
		if lo < tc.min || hi > tc.max {
			t.Errorf("%s %v: %v..%v goes beyond the scale %v..%v", tc.typ, tc.vals, lo, hi, tc.min, tc.max)
		}
		if span := hi - lo; span < (tc.max-tc.min)/10-1e-9 || span/step > 10 {
			t.Errorf("%s %v: %v..%v with step %v is too narrow or has too many ticks", tc.typ, tc.vals, lo, hi, step)
		}
	}
}

func TestSheet(t *testing.T) {
	r := csatBySegment()
	img, err := Sheet(r, someThemes(), 1600, 1200, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 1200 {
		t.Fatalf("sheet is %v, want 1600×1200", b)
	}
	keep(t, "sheet", img)
	// Each quarter of the page has something drawn in it.
	for _, q := range []image.Rectangle{image.Rect(0, 0, 800, 600), image.Rect(800, 0, 1600, 600), image.Rect(0, 600, 800, 1200), image.Rect(800, 600, 1600, 1200)} {
		if n := countUnlike(img.SubImage(q), paletteFor(Options{}).background); n < q.Dx()*q.Dy()/100 {
			t.Errorf("quarter %v is nearly empty (%d pixels drawn)", q, n)
		}
	}
	if _, err := Sheet(&data.Report{SurveyType: data.TypeNPS}, nil, 1600, 1200, Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("an empty report: err = %v, want ErrEmpty", err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
