package metrics_test

import (
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

func TestBucketStart(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database on this machine")
	}
	at := func(s string, loc *time.Location) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name string
		t    time.Time
		by   data.Granularity
		want time.Time
	}{
		{"Day", at("2026-11-25 17:30", time.UTC), data.ByDay, at("2026-11-25 00:00", time.UTC)},
		{"DayInLocalTime", at("2026-03-01 03:00", time.UTC).In(ny), data.ByDay, at("2026-02-28 00:00", ny)},
		{"WeekFromWednesday", at("2026-11-25 09:00", time.UTC), data.ByWeek, at("2026-11-23 00:00", time.UTC)},
		{"WeekFromSunday", at("2026-03-01 23:59", time.UTC), data.ByWeek, at("2026-02-23 00:00", time.UTC)},
		{"WeekFromMonday", at("2026-02-23 00:00", time.UTC), data.ByWeek, at("2026-02-23 00:00", time.UTC)},
		{"WeekAcrossYear", at("2027-01-01 12:00", time.UTC), data.ByWeek, at("2026-12-28 00:00", time.UTC)},
		{"Month", at("2026-08-31 23:00", ny), data.ByMonth, at("2026-08-01 00:00", ny)},
		{"QuarterQ3", at("2026-08-15 10:00", time.UTC), data.ByQuarter, at("2026-07-01 00:00", time.UTC)},
		{"QuarterQ1", at("2026-03-31 10:00", time.UTC), data.ByQuarter, at("2026-01-01 00:00", time.UTC)},
		{"QuarterQ4", at("2026-12-31 10:00", time.UTC), data.ByQuarter, at("2026-10-01 00:00", time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := metrics.BucketStart(c.t, c.by); !got.Equal(c.want) {
				t.Errorf("BucketStart(%s, %s) = %s, want %s", c.t, c.by, got, c.want)
			}
		})
	}
}

func TestNextBucket(t *testing.T) {
	start := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	cases := map[data.Granularity]time.Time{
		data.ByDay:     time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		data.ByWeek:    time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC),
		data.ByMonth:   time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC),
		data.ByQuarter: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 2),
	}
	for by, want := range cases {
		if got := metrics.NextBucket(start, by); !got.Equal(want) {
			t.Errorf("NextBucket(%s) = %s, want %s", by, got, want)
		}
	}
}

func TestAutoGranularity(t *testing.T) {
	to := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		days int
		want data.Granularity
	}{{30, data.ByDay}, {90, data.ByWeek}, {365, data.ByMonth}, {548, data.ByMonth}, {1500, data.ByQuarter}}
	for _, c := range cases {
		if got := metrics.AutoGranularity(to.AddDate(0, 0, -c.days), to); got != c.want {
			t.Errorf("%d days: %s, want %s", c.days, got, c.want)
		}
	}
}
