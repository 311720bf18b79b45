package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

var benchWords = strings.Fields(`the support team was very helpful but billing is confusing and the app
	crashes when I upload invoices el soporte fue rápido pero la factura llegó dos veces y la aplicación es lenta
	destek ekibi çok ilgiliydi ama fatura iki kez geldi uygulama yavaş açılıyor great product love it slow onboarding`)

// synthResponses makes n responses with 5-60 word comments, two thirds of them commented.
func synthResponses(n int, seed uint64) []*data.Response {
	rng := rand.New(rand.NewPCG(seed, seed))
	start := time.Now().AddDate(0, -18, 0)
	out := make([]*data.Response, n)
	var b strings.Builder
	for i := range out {
		b.Reset()
		if rng.IntN(3) > 0 {
			for w := range 5 + rng.IntN(56) {
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(benchWords[rng.IntN(len(benchWords))])
			}
		}
		out[i] = &data.Response{
			ExternalID: "R_" + strconv.Itoa(i), SurveyType: data.TypeNPS, ScaleMax: 10,
			Score: data.Float(float64(rng.IntN(11))), Comment: b.String(),
			CreatedAt:  start.Add(time.Duration(rng.Int64N(int64(548 * 24 * time.Hour)))),
			Properties: map[string]string{"channel": []string{"web", "email", "iOS", "Android"}[rng.IntN(4)], "region": []string{"Europe", "LATAM", "Türkiye"}[rng.IntN(3)]},
		}
	}
	return out
}

// BenchmarkBulkWrite measures the store's import path: responses, full-text rows and rollups
// in one transaction. Target (DESIGN.md): ≥ 0.8× the sqlite3 CLI's .import rate.
func BenchmarkBulkWrite(b *testing.B) {
	n := 200_000
	if s := os.Getenv("VERBATIM_BENCH_ROWS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	rs := synthResponses(n, 1)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(b.TempDir() + "/bench.db")
		if err != nil {
			b.Fatal(err)
		}
		src, _ := db.EnsureSource(ctx, "bench", data.KindFile)
		b.StartTimer()
		start := time.Now()
		w, err := db.BeginBulk(ctx, src.ID)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(rs); i += 2000 {
			if _, err := w.Write(ctx, rs[i:min(i+2000, len(rs))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Commit(); err != nil {
			b.Fatal(err)
		}
		rate := float64(n) / time.Since(start).Seconds()
		b.ReportMetric(rate, "rows/s")
		fmt.Printf("bulk write: %d responses at %.0f rows/s\n", n, rate)
		db.Close()
	}
}

// BenchmarkReports times the dashboard's score queries on the database named by
// VERBATIM_BENCH_DB (make bench creates one with 1,000,000 demo responses). Target: < 100 ms.
func BenchmarkReports(b *testing.B) {
	path := os.Getenv("VERBATIM_BENCH_DB")
	if path == "" {
		b.Skip("set VERBATIM_BENCH_DB to a large database (make bench does)")
	}
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	now := time.Now()
	queries := []struct {
		name string
		q    data.ReportQuery
	}{
		{"all time by month", data.ReportQuery{By: data.ByMonth}},
		{"nps 90 days by week", data.ReportQuery{Filter: data.Filter{SurveyType: data.TypeNPS, From: now.AddDate(0, 0, -90), To: now}, By: data.ByWeek}},
		{"nps 12 months by channel", data.ReportQuery{Filter: data.Filter{SurveyType: data.TypeNPS, From: now.AddDate(-1, 0, 0), To: now}, Segment: "channel"}},
		{"nps region=Europe", data.ReportQuery{Filter: data.Filter{SurveyType: data.TypeNPS, SegmentKey: "region", SegmentValue: "Europe"}}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			var total time.Duration
			runs := 0
			for b.Loop() {
				start := time.Now()
				if _, err := db.Reports(ctx, q.q); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
				runs++
			}
			ms := float64(total.Microseconds()) / 1000 / float64(runs)
			b.ReportMetric(ms, "ms/report")
			fmt.Printf("report %-28s %7.1f ms   (target < 100 ms)\n", q.name, ms)
		})
	}
}
