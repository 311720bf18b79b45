// Package metrics turns raw survey scores into the figures Verbatim shows. It is pure: no SQL,
// no I/O. Every rule of DESIGN.md's metrics table lives here and nowhere else.
//
//	type          scale   score                                  shown as
//	nps, enps     0-10    % promoters (9-10) − % detractors (0-6)  whole number −100..100
//	csat          1-5     % of responses 4-5                       percent
//	ces           1-7     % of responses 5-7 (on 1-5: 4-5)         percent, plus mean
//	star          1-5     mean                                     one decimal
//	smiley        1-5     % 4-5                                    percent
//	thumbs        0/1     % up                                     percent
//	pmf           1-3     % "very disappointed" (coded 3)          percent, 40% benchmark
//	score         any     mean                                     one decimal
package metrics

import (
	"math"
	"sort"

	"github.com/verbatim-app/verbatim/data"
)

// z95 is the two-sided 95% normal quantile used for every margin of error.
const z95 = 1.959964

// PMFBenchmark is the share of "very disappointed" answers that signals product/market fit.
const PMFBenchmark = 40.0

// Kind says how a rule turns counts into a score.
type Kind int

const (
	// NetKind scores % positive − % negative (NPS, eNPS).
	NetKind Kind = iota
	// ShareKind scores the % of positive answers (CSAT, CES, smiley, thumbs, PMF).
	ShareKind
	// MeanKind scores the mean (stars, unknown scales).
	MeanKind
)

// Rule is the scoring rule for one survey type on one scale. Scores at or above PositiveFrom
// are positive, at or below NegativeTo negative, the rest neutral.
type Rule struct {
	Type         string
	Min, Max     float64
	PositiveFrom float64
	NegativeTo   float64
	Kind         Kind
}

// RuleFor returns the rule for a survey type and its scale. A zero scale takes the type's
// usual one; an unknown type is scored as a mean with the top and bottom thirds as bands.
func RuleFor(surveyType string, scaleMin, scaleMax int) Rule {
	lo, hi := float64(scaleMin), float64(scaleMax)
	scale := func(dlo, dhi float64) {
		if lo == 0 && hi == 0 {
			lo, hi = dlo, dhi
		}
	}
	switch surveyType {
	case data.TypeNPS, data.TypeENPS:
		scale(0, 10)
		return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 9, NegativeTo: 6, Kind: NetKind}
	case data.TypeCSAT, data.TypeSmiley:
		scale(1, 5)
		return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 4, NegativeTo: 2, Kind: ShareKind}
	case data.TypeCES:
		scale(1, 7)
		if hi <= 5 {
			return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 4, NegativeTo: 2, Kind: ShareKind}
		}
		return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 5, NegativeTo: 3, Kind: ShareKind}
	case data.TypeStar:
		scale(1, 5)
		return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 4, NegativeTo: 2, Kind: MeanKind}
	case data.TypeThumbs:
		scale(0, 1)
		return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 1, NegativeTo: 0, Kind: ShareKind}
	case data.TypePMF:
		scale(1, 3)
		return Rule{Type: surveyType, Min: lo, Max: hi, PositiveFrom: 3, NegativeTo: 1, Kind: ShareKind}
	default:
		scale(0, 10)
		third := (hi - lo) / 3
		return Rule{Type: data.TypeScore, Min: lo, Max: hi, PositiveFrom: hi - third, NegativeTo: lo + third, Kind: MeanKind}
	}
}

// Band returns which band a score falls in.
func (r Rule) Band(score float64) string {
	switch {
	case score >= r.PositiveFrom:
		return data.BandPositive
	case score <= r.NegativeTo:
		return data.BandNegative
	default:
		return data.BandNeutral
	}
}

// BandRange returns the inclusive score range of a band, for filters.
func (r Rule) BandRange(band string) (lo, hi float64) {
	switch band {
	case data.BandPositive:
		return r.PositiveFrom, r.Max
	case data.BandNegative:
		return r.Min, r.NegativeTo
	default:
		return r.NegativeTo + epsilon, r.PositiveFrom - epsilon
	}
}

const epsilon = 1e-9

// IsPercent reports whether the score is a percentage (or, for NetKind, a net percentage)
// rather than a mean on the scale.
func (r Rule) IsPercent() bool { return r.Kind != MeanKind }

// Summarize scores a distribution of answers. The margin is the half-width of the 95%
// confidence interval in the score's own unit: for NPS from the variance of the +1/0/−1
// coding, for shares from the binomial variance, for means from the sample variance.
func (r Rule) Summarize(dist []data.ValueCount) data.Summary {
	var s data.Summary
	var sum, sumSq float64
	for _, vc := range dist {
		if vc.Count <= 0 {
			continue
		}
		n := float64(vc.Count)
		s.Responses += vc.Count
		sum += vc.Value * n
		sumSq += vc.Value * vc.Value * n
		switch r.Band(vc.Value) {
		case data.BandPositive:
			s.Promoters += vc.Count
		case data.BandNegative:
			s.Detractors += vc.Count
		default:
			s.Passives += vc.Count
		}
	}
	if s.Responses == 0 {
		return s
	}
	n := float64(s.Responses)
	s.Mean = sum / n
	pos, neg := float64(s.Promoters)/n, float64(s.Detractors)/n
	switch r.Kind {
	case NetKind:
		net := pos - neg
		s.Score = 100 * net
		s.Margin = 100 * z95 * math.Sqrt((pos+neg-net*net)/n)
	case ShareKind:
		s.Score = 100 * pos
		s.Margin = 100 * z95 * math.Sqrt(pos*(1-pos)/n)
	case MeanKind:
		s.Score = s.Mean
		if s.Responses > 1 {
			variance := (sumSq - n*s.Mean*s.Mean) / (n - 1)
			s.Margin = z95 * math.Sqrt(math.Max(variance, 0)/n)
		}
	}
	return s
}

// ChangeIsWithinMargin reports whether the change between two summaries is smaller than the
// current margin of error, so the screen labels it "within margin" instead of a trend.
func ChangeIsWithinMargin(now, before data.Summary) bool {
	return math.Abs(now.Score-before.Score) < now.Margin
}

// Merge adds distribution b into a, keeping values sorted.
func Merge(a, b []data.ValueCount) []data.ValueCount {
	counts := make(map[float64]int, len(a)+len(b))
	for _, vc := range a {
		counts[vc.Value] += vc.Count
	}
	for _, vc := range b {
		counts[vc.Value] += vc.Count
	}
	return Distribution(counts)
}

// Distribution turns value counts into a slice sorted by value.
func Distribution(counts map[float64]int) []data.ValueCount {
	out := make([]data.ValueCount, 0, len(counts))
	for v, c := range counts {
		out = append(out, data.ValueCount{Value: v, Count: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}
