package metrics_test

import (
	"math"
	"testing"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

func dist(scores ...float64) []data.ValueCount {
	counts := map[float64]int{}
	for _, s := range scores {
		counts[s]++
	}
	return metrics.Distribution(counts)
}

// Expected values are computed by hand from the rules in DESIGN.md:
// NPS margin = 196 * sqrt((p + d - (p-d)^2) / n); share margin = 196 * sqrt(s(1-s)/n);
// mean margin = 1.96 * sd / sqrt(n).
func TestRule_Summarize(t *testing.T) {
	cases := []struct {
		name              string
		typ               string
		min, max          int
		scores            []float64
		score, margin     float64
		pos, neutral, neg int
		mean              float64
	}{
		{"NPSEmpty", data.TypeNPS, 0, 10, nil, 0, 0, 0, 0, 0, 0},
		{"NPSAllPromoters", data.TypeNPS, 0, 10, []float64{9, 10, 10}, 100, 0, 3, 0, 0, 29.0 / 3},
		{"NPSAllDetractors", data.TypeNPS, 0, 10, []float64{0, 6}, -100, 0, 0, 0, 2, 3},
		{"NPSBoundaries6789", data.TypeNPS, 0, 10, []float64{6, 7, 8, 9}, 0, 69.2951, 1, 2, 1, 7.5},
		{"NPSMixed", data.TypeNPS, 0, 10, []float64{10, 10, 9, 9, 9, 8, 7, 7, 3, 0}, 30, 48.4076, 5, 3, 2, 7.2},
		{"ENPSLikeNPS", data.TypeENPS, 0, 10, []float64{10, 5}, 0, 138.5903, 1, 0, 1, 7.5},
		{"CSAT", data.TypeCSAT, 1, 5, []float64{1, 2, 3, 4, 5}, 40, 42.9406, 2, 1, 2, 3},
		{"CES7", data.TypeCES, 1, 7, []float64{5, 6, 7, 4, 1}, 60, 42.9406, 3, 1, 1, 4.6},
		{"CES5", data.TypeCES, 1, 5, []float64{4, 5, 3, 1}, 50, 48.9991, 2, 1, 1, 3.25},
		{"Star", data.TypeStar, 1, 5, []float64{5, 4, 4, 3}, 4, 0.800152, 3, 1, 0, 4},
		{"Smiley", data.TypeSmiley, 1, 5, []float64{5, 4, 1}, 200.0 / 3, 53.3440, 2, 0, 1, 10.0 / 3},
		{"Thumbs", data.TypeThumbs, 0, 1, []float64{1, 1, 0, 1}, 75, 42.4352, 3, 0, 1, 0.75},
		{"PMF", data.TypePMF, 1, 3, []float64{3, 3, 2, 1, 1}, 40, 42.9406, 2, 1, 2, 2},
		{"UnknownScaleIsMean", "rating", 1, 10, []float64{2, 4, 9}, 5, 4.0800, 1, 0, 2, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := metrics.RuleFor(c.typ, c.min, c.max).Summarize(dist(c.scores...))
			if s.Responses != len(c.scores) {
				t.Errorf("n = %d, want %d", s.Responses, len(c.scores))
			}
			if math.Abs(s.Score-c.score) > 1e-3 {
				t.Errorf("score = %.4f, want %.4f", s.Score, c.score)
			}
			if math.Abs(s.Margin-c.margin) > 1e-3 {
				t.Errorf("margin = %.4f, want %.4f", s.Margin, c.margin)
			}
			if s.Promoters != c.pos || s.Passives != c.neutral || s.Detractors != c.neg {
				t.Errorf("bands = %d/%d/%d, want %d/%d/%d", s.Promoters, s.Passives, s.Detractors, c.pos, c.neutral, c.neg)
			}
			if math.Abs(s.Mean-c.mean) > 1e-9 {
				t.Errorf("mean = %v, want %v", s.Mean, c.mean)
			}
		})
	}
}

func TestRule_Band(t *testing.T) {
	cases := []struct {
		typ      string
		min, max int
		score    float64
		want     string
	}{
		{data.TypeNPS, 0, 10, 6, data.BandNegative},
		{data.TypeNPS, 0, 10, 7, data.BandNeutral},
		{data.TypeNPS, 0, 10, 8, data.BandNeutral},
		{data.TypeNPS, 0, 10, 9, data.BandPositive},
		{data.TypeCSAT, 1, 5, 3, data.BandNeutral},
		{data.TypeCSAT, 1, 5, 4, data.BandPositive},
		{data.TypeCES, 1, 7, 4, data.BandNeutral},
		{data.TypeCES, 1, 7, 5, data.BandPositive},
		{data.TypeCES, 1, 5, 4, data.BandPositive},
		{data.TypeThumbs, 0, 1, 0, data.BandNegative},
		{data.TypePMF, 1, 3, 3, data.BandPositive},
		{data.TypeNPS, 0, 0, 10, data.BandPositive}, // zero scale takes the type's usual one
	}
	for _, c := range cases {
		if got := metrics.RuleFor(c.typ, c.min, c.max).Band(c.score); got != c.want {
			t.Errorf("%s %d-%d score %v: band %s, want %s", c.typ, c.min, c.max, c.score, got, c.want)
		}
	}
}

func TestRule_BandRange(t *testing.T) {
	rule := metrics.RuleFor(data.TypeNPS, 0, 10)
	for score := 0.0; score <= 10; score++ {
		band := rule.Band(score)
		lo, hi := rule.BandRange(band)
		if score < lo || score > hi {
			t.Errorf("score %v in band %s outside its range %v..%v", score, band, lo, hi)
		}
	}
}

func TestChangeIsWithinMargin(t *testing.T) {
	now := data.Summary{Score: 30, Margin: 5}
	if !metrics.ChangeIsWithinMargin(now, data.Summary{Score: 27}) {
		t.Error("a 3-point change with a 5-point margin is within margin")
	}
	if metrics.ChangeIsWithinMargin(now, data.Summary{Score: 20}) {
		t.Error("a 10-point change with a 5-point margin is not within margin")
	}
}

func TestMerge(t *testing.T) {
	got := metrics.Merge(dist(1, 2, 2), dist(2, 3))
	want := []data.ValueCount{{Value: 1, Count: 1}, {Value: 2, Count: 3}, {Value: 3, Count: 1}}
	if len(got) != len(want) {
		t.Fatalf("merge = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("merge = %v, want %v", got, want)
		}
	}
}
