package syncer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

// BenchmarkSync100k syncs 100,000 responses end to end from a loopback fake of each platform
// (HTTP, JSON or zip decoding, mapping, SQLite writes with their full-text index and rollups)
// with the connectors' production page sizes, and prints the rate beside DESIGN.md's target.
// The fake renders its pages on the same cores, so the figure is pessimistic.
func BenchmarkSync100k(b *testing.B) {
	const n = 100_000
	responses := fake.Generate(n, 99, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, p := range platforms {
		b.Run(p.kind, func(b *testing.B) {
			srv := p.start("tok-bench-0123456789abcdef", "SV_B")
			defer srv.Close()
			srv.Add(responses...)
			c := &Client{}
			engine := &Engine{
				Connectors: map[string]Connector{
					data.KindTypeform:     &Typeform{Client: c},
					data.KindSurveyMonkey: &SurveyMonkey{Client: c},
					data.KindQualtrics:    &Qualtrics{Client: c, PollInterval: 10 * time.Millisecond},
				},
				Secrets: &Secrets{Getenv: func(string) string { return srv.Token }},
			}
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				src := &data.Source{Name: "bench", Kind: p.kind,
					Config: map[string]string{ConfigURL: srv.URL, ConfigSurvey: "SV_B", ConfigTokenEnv: "T"}}
				if err := db.CreateSource(context.Background(), src); err != nil {
					b.Fatal(err)
				}
				engine.Store = db
				b.StartTimer()
				start := time.Now()
				rs, err := engine.Sync(context.Background(), nil, Options{})
				elapsed += time.Since(start)
				b.StopTimer()
				if err != nil || rs[0].Err != nil || rs[0].Run.Inserted != n {
					b.Fatalf("sync: %v %+v", err, rs)
				}
				db.Close()
			}
			rate := float64(n*b.N) / elapsed.Seconds()
			b.ReportMetric(rate, "responses/s")
			fmt.Printf("sync %-13s %d responses  %8.0f responses/s   (target ≥ 20,000/s)%s\n", p.kind, n, rate, machineLoad())
		})
	}
}

// machineLoad says how busy the machine was, where the system tells: the sync, the fake
// and SQLite share its cores with everything else running, so a figure taken beside other
// work reads low.
func machineLoad() string {
	buf, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	load, _, _ := strings.Cut(string(buf), " ")
	return fmt.Sprintf("  [load average %s on %d cores]", load, runtime.NumCPU())
}
