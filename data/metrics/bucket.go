package metrics

import (
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// BucketStart returns the start of the bucket holding t, in t's location: midnight for days,
// Monday midnight for ISO weeks, the first of the month or of the quarter.
func BucketStart(t time.Time, by data.Granularity) time.Time {
	y, m, d := t.Date()
	loc := t.Location()
	switch by {
	case data.ByWeek:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, loc)
	case data.ByMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, loc)
	case data.ByQuarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, loc)
	default:
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
}

// NextBucket returns the start of the bucket after the one starting at start.
func NextBucket(start time.Time, by data.Granularity) time.Time {
	switch by {
	case data.ByWeek:
		return start.AddDate(0, 0, 7)
	case data.ByMonth:
		return start.AddDate(0, 1, 0)
	case data.ByQuarter:
		return start.AddDate(0, 3, 0)
	default:
		return start.AddDate(0, 0, 1)
	}
}

// AutoGranularity picks a bucket size that gives a readable trend for a date range: days up
// to two months, weeks up to eight months, months up to three years, quarters beyond.
func AutoGranularity(from, to time.Time) data.Granularity {
	days := to.Sub(from).Hours() / 24
	switch {
	case days <= 62:
		return data.ByDay
	case days <= 245:
		return data.ByWeek
	case days <= 3*366:
		return data.ByMonth
	default:
		return data.ByQuarter
	}
}

// MinReliable is the smallest number of responses a trend point needs before it is drawn as
// a full point; smaller ones are shown hollow, never hidden.
const MinReliable = 30
