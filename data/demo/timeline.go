package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// The story the data tells: 18 months of steady improvement, interrupted by a billing change
// about five months ago that charged people twice and drags every score down for six weeks.
const (
	months          = 18
	incidentDaysAgo = 150 // the billing change shipped this many days before Now
	incidentPeak    = 14  // days at full strength before recovery starts
	incidentDays    = 42  // days until scores are back to normal
)

// hourWeights is the share of responses by hour of the local day: quiet at night, busy in
// office hours with a dip at lunch.
var hourWeights = [24]float64{
	1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4.5, 6, 6.5, 6.5,
	5.5, 6, 6.5, 6, 5.5, 5, 4.5, 4.5, 4.5, 4, 3, 2,
}

// hourCDF[h] is the share of a day's responses before hour h.
var hourCDF = func() (c [25]float64) {
	total := 0.0
	for _, w := range hourWeights {
		total += w
	}
	for h, w := range hourWeights {
		c[h+1] = c[h] + w/total
	}
	c[24] = 1
	return c
}()

// dayFraction returns the fraction of a day elapsed at the point where the share q of the
// day's responses has come in: the inverse of hourCDF, linear within an hour.
func dayFraction(q float64) float64 {
	h := 0
	for h < 23 && hourCDF[h+1] <= q {
		h++
	}
	return (float64(h) + (q-hourCDF[h])/(hourCDF[h+1]-hourCDF[h])) / 24
}

// cdfAt returns the share of a day's responses that come in before the fraction f of it.
func cdfAt(f float64) float64 {
	h := min(int(f*24), 23)
	return hourCDF[h] + (f*24-float64(h))*(hourCDF[h+1]-hourCDF[h])
}

// timeline is the calendar of the dataset: how many responses each source gets each day,
// and the global sequence numbers (for external ids) they take.
type timeline struct {
	start, end time.Time
	days       []day
	incident   time.Time // when the billing change shipped
	total      []int     // responses per source
	recent     time.Time // notes are written on responses after this
	recentN    int       // responses after recent, all sources
}

// day is one calendar day in Now's location.
type day struct {
	start    time.Time     // local midnight
	length   time.Duration // midnight to midnight: 23 or 25 hours on daylight-saving days
	from, to float64       // the share of the day's responses that falls in the dataset (partial first and last days)
	pos      float64       // how far through the period the day is, 0 to 1
	dip      float64       // strength of the billing incident, 0 to 1
	count    [numSources]int
	first    [numSources]int // sequence number of the day's first response of each source
}

// newTimeline spreads n responses over the 18 months before now. The volume grows with the
// customer base, drops at weekends and over the year-end holidays, varies from day to day,
// and support tickets pile up during the incident.
func newTimeline(n int, seed int64, now time.Time) *timeline {
	loc := now.Location()
	t := &timeline{end: now, start: now.AddDate(0, -months, 0)}
	t.incident = now.AddDate(0, 0, -incidentDaysAgo)
	t.recent = now.AddDate(0, -6, 0)
	for d := midnight(t.start); d.Before(now); {
		next := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
		dy := day{start: d, length: next.Sub(d), from: 0, to: 1}
		if t.start.After(d) {
			dy.from = cdfAt(float64(t.start.Sub(d)) / float64(dy.length))
		}
		if now.Before(next) {
			dy.to = cdfAt(float64(now.Sub(d)) / float64(dy.length))
		}
		mid := d.Add(dy.length / 2)
		dy.pos = float64(mid.Sub(t.start)) / float64(now.Sub(t.start))
		dy.dip = incidentStrength(mid.Sub(t.incident).Hours() / 24)
		t.days = append(t.days, dy)
		d = next
	}

	rng := rand.New(rand.NewPCG(uint64(seed), 0x7e1e11e))
	weights := make([]float64, len(t.days))
	t.total = make([]int, numSources)
	left := n
	for s, src := range sources {
		t.total[s] = int(math.Round(float64(n) * src.share))
		if s == numSources-1 || t.total[s] > left {
			t.total[s] = left
		}
		left -= t.total[s]

		sum := 0.0
		for i, dy := range t.days {
			w := (dy.to - dy.from) * (0.6 + 0.8*dy.pos) * (1 + src.incidentVolume*dy.dip) * (0.85 + 0.3*rng.Float64())
			if wd := dy.start.Weekday(); wd == time.Saturday || wd == time.Sunday {
				w *= src.weekend
			}
			if m, dd := dy.start.Month(), dy.start.Day(); m == time.December && dd >= 24 || m == time.January && dd == 1 {
				w *= 0.45
			}
			weights[i] = w
			sum += w
		}
		// Rounding the running total (not each day) makes the days add up to exactly total[s].
		cum, prev := 0.0, 0
		for i := range t.days {
			cum += weights[i]
			upto := int(math.Round(float64(t.total[s]) * cum / sum))
			t.days[i].count[s] = upto - prev
			prev = upto
		}
	}

	seq := 0
	for i := range t.days {
		dy := &t.days[i]
		for s := range numSources {
			dy.first[s] = seq
			seq += dy.count[s]
			if !dy.start.Before(t.recent) {
				t.recentN += dy.count[s]
			}
		}
	}
	return t
}

// windows splits the days into the spans Load writes one after the other, each source in
// turn, and returns the end (exclusive day index) of each, oldest first. The store numbers
// rows in the order they are written and lists them newest first by that number, so the
// spans shrink towards now: the last day alone, the day before, the two days before that,
// then four, eight... That keeps a few dozen transactions, yet the newest rows of all
// sources come first, as they would from a live sync.
func (t *timeline) windows() []int {
	var ends []int
	for end, size := len(t.days), 1; end > 0; end -= size {
		ends = append(ends, end)
		if len(ends) > 2 {
			size *= 2
		}
	}
	slices.Reverse(ends)
	return ends
}

// incidentStrength is how hard the billing change hits, daysSince days after it shipped:
// it builds up over three days, holds for two weeks, then fades over four.
func incidentStrength(daysSince float64) float64 {
	switch {
	case daysSince < 0 || daysSince >= incidentDays:
		return 0
	case daysSince < incidentPeak:
		return min(1, (daysSince+1)/3)
	default:
		return 1 - (daysSince-incidentPeak)/(incidentDays-incidentPeak)
	}
}

// health is the underlying satisfaction at a point of the period, in NPS points before
// segment effects: a steady climb with a gentle seasonal wave, minus the incident.
func health(src *source, dy *day) float64 {
	return 14 + 26*dy.pos + 3*math.Sin(2*math.Pi*1.5*dy.pos) + src.offset - src.dipDepth*dy.dip
}

// midnight returns the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
