package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/ui/chart"
)

// Targets from DESIGN.md's performance section.
const (
	queryTarget   = 100 * time.Millisecond
	renderTarget  = 50 * time.Millisecond
	refreshTarget = 300 * time.Millisecond
)

// benchDB opens the database named by VERBATIM_BENCH_DB (make bench creates one with
// 1,000,000 demo responses), or skips.
func benchDB(b *testing.B) *sqlite.DB {
	b.Helper()
	path := os.Getenv("VERBATIM_BENCH_DB")
	if path == "" {
		b.Skip("set VERBATIM_BENCH_DB to a large database (make bench does)")
	}
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// benchSamples is how many times each figure is timed per benchmark run: make bench runs
// each benchmark once, and on a shared machine one timing is mostly the neighbours' load.
const benchSamples = 5

// timeIt runs f under b.Loop, after one untimed run that warms the page cache, benchSamples
// times per iteration, and prints the median beside target.
func timeIt(b *testing.B, what string, target time.Duration, f func() error) {
	b.Helper()
	if err := f(); err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	for b.Loop() {
		for range benchSamples {
			start := time.Now()
			if err := f(); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
	}
	b.ReportMetric(printFigure(what, times, target), "ms/op")
}

// printFigure prints the median of times beside target, with whether it meets it, and
// returns the median in milliseconds.
func printFigure(what string, times []time.Duration, target time.Duration) float64 {
	slices.Sort(times)
	med := times[len(times)/2]
	verdict := "ok"
	if med > target {
		verdict = "MISSED"
	}
	ms := float64(med.Microseconds()) / 1000
	fmt.Printf("dashboard %-44s %8.1f ms   (target < %d ms) %s   median of %d\n", what, ms, target.Milliseconds(), verdict, len(times))
	return ms
}

// benchFilters are the dashboard's usual filters: the default last 12 months, a quarter of
// one survey type, all time, a tag, and a segment (which the tag rollup cannot answer: its
// themes, and its breakdown by another key, count from the responses).
func benchFilters() []struct {
	name string
	f    data.Filter
} {
	y, m, d := time.Now().Date()
	tomorrow := time.Date(y, m, d+1, 0, 0, 0, 0, time.Local)
	return []struct {
		name string
		f    data.Filter
	}{
		{"12 months", data.Filter{From: tomorrow.AddDate(-1, 0, 0), To: tomorrow}},
		{"90 days nps", data.Filter{From: tomorrow.AddDate(0, 0, -90), To: tomorrow, SurveyType: data.TypeNPS}},
		{"all time", data.Filter{}},
		{"12 months tag billing", data.Filter{From: tomorrow.AddDate(-1, 0, 0), To: tomorrow, Tag: "billing"}},
		{"12 months region Europe", data.Filter{From: tomorrow.AddDate(-1, 0, 0), To: tomorrow, SegmentKey: "region", SegmentValue: "Europe"}},
	}
}

// BenchmarkDashboardQueries times each query the dashboard runs after a filter change at
// 1,000,000 responses: the reports (tiles, trend and distribution come from one query), the
// segment breakdown, the themes and the detractor words. Target: < 100 ms each.
func BenchmarkDashboardQueries(b *testing.B) {
	db := benchDB(b)
	svc := dashboardServices{Reports: db, Themes: db}
	ctx := context.Background()
	for _, bf := range benchFilters() {
		focus := bf.f
		if focus.SurveyType == "" {
			focus.SurveyType = data.TypeNPS
		}
		b.Run(bf.name+"/reports", func(b *testing.B) {
			timeIt(b, bf.name+": tiles, trend, distribution", queryTarget, func() error {
				_, err := loadReports(ctx, svc, bf.f, "")
				return err
			})
		})
		b.Run(bf.name+"/segments", func(b *testing.B) {
			timeIt(b, bf.name+": segments by channel", queryTarget, func() error {
				_, err := loadSegments(ctx, svc, focus, "", "channel")
				return err
			})
		})
		b.Run(bf.name+"/themes", func(b *testing.B) {
			timeIt(b, bf.name+": themes", queryTarget, func() error {
				_, err := db.Themes(ctx, focus)
				return err
			})
		})
		b.Run(bf.name+"/words", func(b *testing.B) {
			timeIt(b, bf.name+": detractor words", queryTarget, func() error {
				_, err := db.DetractorWords(ctx, focus, wordLimit)
				return err
			})
		})
	}
}

// BenchmarkDashboardCharts times drawing each dashboard chart from 1,000,000 responses at
// the size it has in a 1920×1080 window. Target: < 50 ms each.
func BenchmarkDashboardCharts(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	f := benchFilters()[0].f
	f.SurveyType = data.TypeNPS
	rs, err := db.Reports(ctx, data.ReportQuery{Filter: f, By: data.ByWeek, Segment: "channel"})
	if err != nil || len(rs) == 0 {
		b.Fatalf("no report to draw: %v", err)
	}
	r := rs[0]
	themes, err := db.Themes(ctx, f)
	if err != nil {
		b.Fatal(err)
	}
	o := chart.Options{}
	for _, c := range []struct {
		name string
		w, h int
		draw func(w, h int) error
	}{
		{"trend", 1100, 420, func(w, h int) error { _, err := chart.Trend(r, w, h, o); return err }},
		{"distribution", 640, 420, func(w, h int) error { _, err := chart.Distribution(r, w, h, o); return err }},
		{"segments", 560, 380, func(w, h int) error { _, err := chart.Segments(r, w, h, o); return err }},
		{"themes", 480, 380, func(w, h int) error { _, err := chart.Themes(themes, r, w, h, o); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			timeIt(b, fmt.Sprintf("render %s %d×%d", c.name, c.w, c.h), renderTarget, func() error { return c.draw(c.w, c.h) })
		})
	}
}

// BenchmarkDashboardRefresh times the whole dashboard after a filter change at 1,000,000
// responses, from the change to every figure loaded and every chart drawn, switching
// between the last 12 months and the last 90 days of NPS (refreshSwitches times per run,
// starting from the other filter, so that every switch is a change), and prints the median.
// It prints when the first stage (tiles, trend, distribution) is on screen too. Target:
// < 300 ms for everything.
func BenchmarkDashboardRefresh(b *testing.B) {
	const refreshSwitches = 6
	db := benchDB(b)
	f := newDashFixture(b, &demoStore{db: db})
	filters := benchFilters()[:2]
	change := func(flt data.Filter) (first, all time.Duration) {
		var gen int
		start := time.Now()
		f.do(func() {
			f.a.filter.set(flt)
			gen = f.dash().reportsGen.n
		})
		f.waitFor("the first stage", func() bool {
			d := f.dash()
			return d.reportsShown == gen && !d.trend.busy && !d.dist.busy
		})
		first = time.Since(start)
		f.waitFor("every figure", func() bool { return f.dash().settled() })
		return first, time.Since(start)
	}
	change(filters[1].f) // untimed: the dashboard starts from the filter the first switch leaves
	var first, all []time.Duration
	for b.Loop() {
		for i := range refreshSwitches {
			s, e := change(filters[i%2].f)
			first, all = append(first, s), append(all, e)
		}
	}
	b.ReportMetric(printFigure("refresh after a filter change, everything", all, refreshTarget), "ms/refresh")
	slices.Sort(first)
	fmt.Printf("dashboard %-44s %8.1f ms   (tiles, trend and distribution on screen)\n", "refresh after a filter change, first stage",
		float64(first[len(first)/2].Microseconds())/1000)
}
