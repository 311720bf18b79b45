package sqlite_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/demo"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// commentsBenchDB returns the path of a large database for the comment browser benchmarks:
// VERBATIM_BENCH_DB when set (make bench creates one with 1,000,000 demo responses),
// otherwise a demo database of VERBATIM_BENCH_ROWS (default 1,000,000) responses generated
// once per run.
func commentsBenchDB(b *testing.B) string {
	b.Helper()
	if path := os.Getenv("VERBATIM_BENCH_DB"); path != "" {
		return path
	}
	benchGen.once.Do(func() {
		n := 1_000_000
		if s := os.Getenv("VERBATIM_BENCH_ROWS"); s != "" {
			n, _ = strconv.Atoi(s)
		}
		dir, err := os.MkdirTemp("", "verbatim-comments-bench")
		if err != nil {
			benchGen.err = err
			return
		}
		benchGen.path = filepath.Join(dir, "bench.db")
		db, err := sqlite.Open(benchGen.path)
		if err != nil {
			benchGen.err = err
			return
		}
		defer db.Close()
		start := time.Now()
		_, benchGen.err = demo.Load(context.Background(), db, demo.Options{Responses: n}, nil)
		fmt.Printf("generated %d demo responses in %s (set VERBATIM_BENCH_DB to reuse a database)\n", n, time.Since(start).Round(time.Second))
	})
	if benchGen.err != nil {
		b.Skipf("no benchmark database: %v", benchGen.err)
	}
	return benchGen.path
}

var benchGen struct {
	once sync.Once
	path string
	err  error
}

// timeIt runs fn runs times and returns the median and the first (cold) duration in ms.
func timeIt(b *testing.B, runs int, fn func() error) (median, first float64) {
	b.Helper()
	ms := make([]float64, runs)
	for i := range ms {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		ms[i] = float64(time.Since(start).Microseconds()) / 1000
	}
	first = ms[0]
	slices.Sort(ms)
	return ms[runs/2], first
}

// report prints one figure beside its target and records it as a benchmark metric.
func report(b *testing.B, name string, median, first float64, target float64, note string) {
	b.Helper()
	b.ReportMetric(median, "ms")
	verdict := "ok"
	if median > target {
		verdict = "OVER"
	}
	fmt.Printf("comments %-32s %8.1f ms (first %6.1f ms)   target < %5.0f ms  %s  %s\n", name, median, first, target, verdict, note)
}

// BenchmarkComments times the comment browser's queries at a million responses. Targets
// (DESIGN.md): first page < 30 ms, total count < 300 ms, each next page < 10 ms, bulk-tagging
// 100,000 results < 5 s.
func BenchmarkComments(b *testing.B) {
	path := commentsBenchDB(b)
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	total, err := db.CountComments(ctx, data.CommentFilter{})
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("comments: %d responses in %s\n", total, path)

	// The filters as the Comments screen sends them: responses with a comment (its default).
	searches := []struct {
		name string
		f    data.CommentFilter
	}{
		{"common word (app)", data.CommentFilter{Search: "app", WithComment: true}},
		{"rare word (fatura)", data.CommentFilter{Search: "fatura", WithComment: true}},
		{`phrase ("support team")`, data.CommentFilter{Search: `"support team"`, WithComment: true}},
		{"tag filter (billing)", data.CommentFilter{TagsAll: []string{"billing"}, WithComment: true}},
		{"common word, lowest first", data.CommentFilter{Search: "app", Sort: data.SortLowest, WithComment: true}},
		{"all comments, newest", data.CommentFilter{WithComment: true}},
		{"nps detractors, 90 days", data.CommentFilter{Filter: data.Filter{SurveyType: data.TypeNPS, Band: data.BandNegative,
			From: time.Now().AddDate(0, 0, -90)}, WithComment: true}},
		{"common word in nps", data.CommentFilter{Filter: data.Filter{SurveyType: data.TypeNPS}, Search: "app", WithComment: true}},
	}
	for _, s := range searches {
		b.Run("first page/"+s.name, func(b *testing.B) {
			for b.Loop() {
				var n int
				med, first := timeIt(b, 7, func() error {
					page, err := db.FindComments(ctx, s.f, nil, 50)
					n = len(page.Responses)
					return err
				})
				count, _ := db.CountComments(ctx, s.f)
				report(b, "first page, "+s.name, med, first, 30, fmt.Sprintf("(%d rows of %d matches)", n, count))
			}
		})
	}
	for _, s := range append(searches[:4:4], searches[5:]...) {
		b.Run("count/"+s.name, func(b *testing.B) {
			for b.Loop() {
				var n int
				med, first := timeIt(b, 5, func() error {
					var err error
					n, err = db.CountComments(ctx, s.f)
					return err
				})
				report(b, "count, "+s.name, med, first, 300, fmt.Sprintf("(%d)", n))
			}
		})
	}
	for _, s := range []int{0, 4, 2} {
		f := searches[s].f
		b.Run("next page/"+searches[s].name, func(b *testing.B) {
			for b.Loop() {
				// Scroll 40 pages (2,000 rows) deep, timing every page after the first.
				page, err := db.FindComments(ctx, f, nil, 50)
				if err != nil {
					b.Fatal(err)
				}
				var ms []float64
				for range 40 {
					if page.Next == nil {
						break
					}
					start := time.Now()
					if page, err = db.FindComments(ctx, f, page.Next, 50); err != nil {
						b.Fatal(err)
					}
					ms = append(ms, float64(time.Since(start).Microseconds())/1000)
				}
				slices.Sort(ms)
				worst := ms[len(ms)-1]
				b.ReportMetric(worst, "ms-worst")
				report(b, "next page, "+searches[s].name, ms[len(ms)/2], ms[0], 10, fmt.Sprintf("(median of %d pages; worst %.1f ms, when the read-ahead runs out)", len(ms), worst))
			}
		})
	}
	b.Run("bulk tag 100k", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			scratch := copyDB(b, db, path)
			db, err := sqlite.Open(scratch)
			if err != nil {
				b.Fatal(err)
			}
			// The newest 100,000 responses: a date filter selecting exactly that many.
			var since int64
			if err := db.SQL().QueryRow("SELECT created_at FROM responses ORDER BY created_at DESC LIMIT 1 OFFSET 99999").Scan(&since); err != nil {
				b.Fatal(err)
			}
			f := data.CommentFilter{Filter: data.Filter{From: time.Unix(since, 0)}}
			tag, err := db.EnsureTag(ctx, "bench-bulk")
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			n, err := db.TagMatching(ctx, f, tag.ID)
			if err != nil {
				b.Fatal(err)
			}
			sec := time.Since(start).Seconds()
			b.StopTimer()
			db.Close()
			b.ReportMetric(sec, "s")
			verdict := "ok"
			if sec > 5 {
				verdict = "OVER"
			}
			fmt.Printf("comments %-32s %8.2f s                      target < 5 s      %s  (%d responses tagged)\n", "bulk tag 100,000 results", sec, verdict, n)
			b.StartTimer()
		}
	})
}

// copyDB copies the database open as db at path to a temporary file, for benchmarks that
// write: it checkpoints the write-ahead log first so that the main file is complete.
func copyDB(b *testing.B, db *sqlite.DB, path string) string {
	b.Helper()
	if _, err := db.SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), "copy.db")
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}
