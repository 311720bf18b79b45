package demo

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // the daylight-saving case needs a real zone on any machine
)

func TestNewTimeline(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		n    int
		now  time.Time
	}{
		{"UTC", 20000, testNow},
		{"DaylightSaving", 5000, time.Date(2026, 3, 9, 1, 30, 0, 0, ny)},
		{"Tiny", 7, testNow},
		{"Midnight", 1000, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl := newTimeline(tc.n, 1, tc.now)
			sum := 0
			seq := 0
			for i, dy := range tl.days {
				if dy.from > dy.to || dy.from < 0 || dy.to > 1 {
					t.Fatalf("day %s covers %v..%v of its volume", dy.start, dy.from, dy.to)
				}
				if h := dy.length.Hours(); h != 23 && h != 24 && h != 25 {
					t.Fatalf("day %s lasts %v", dy.start, dy.length)
				}
				if i > 0 && !dy.start.Equal(tl.days[i-1].start.Add(tl.days[i-1].length)) {
					t.Fatalf("day %s does not follow %s", dy.start, tl.days[i-1].start)
				}
				for s := range numSources {
					if dy.count[s] < 0 || dy.first[s] != seq {
						t.Fatalf("day %s source %d: count %d, first %d, want first %d", dy.start, s, dy.count[s], dy.first[s], seq)
					}
					seq += dy.count[s]
					sum += dy.count[s]
				}
			}
			if sum != tc.n {
				t.Errorf("days hold %d responses, want %d", sum, tc.n)
			}
			if first, last := tl.days[0].start, tl.days[len(tl.days)-1]; first.After(tl.start) || last.start.Add(last.length).Before(tc.now) {
				t.Errorf("days run %s..%s, not covering %s..%s", first, last.start.Add(last.length), tl.start, tc.now)
			}
		})
	}
}

func TestDayFraction(t *testing.T) {
	for _, f := range []float64{0, 0.01, 0.25, 0.5, 0.7, 0.99} {
		if got := dayFraction(cdfAt(f)); math.Abs(got-f) > 1e-9 {
			t.Errorf("dayFraction(cdfAt(%v)) = %v", f, got)
		}
	}
	prev := -1.0
	for q := 0.0; q < 1; q += 0.001 {
		f := dayFraction(q)
		if f < prev || f < 0 || f >= 1 {
			t.Fatalf("dayFraction(%v) = %v after %v; want increasing within [0, 1)", q, f, prev)
		}
		prev = f
	}
}

func TestIncidentStrength(t *testing.T) {
	for _, tc := range []struct{ days, want float64 }{
		{-1, 0}, {0, 1.0 / 3}, {2, 1}, {13, 1}, {14, 1}, {28, 0.5}, {41.99, 0.0004}, {42, 0}, {100, 0},
	} {
		if got := incidentStrength(tc.days); math.Abs(got-tc.want) > 0.001 {
			t.Errorf("incidentStrength(%v) = %v, want %v", tc.days, got, tc.want)
		}
	}
}

func TestTimeline_Windows(t *testing.T) {
	tl := newTimeline(1000, 1, testNow)
	ends := tl.windows()
	n := len(tl.days)
	if len(ends) < 5 || len(ends) > 15 || ends[len(ends)-1] != n {
		t.Fatalf("windows end at %v for %d days; want a dozen or so ending at %d", ends, n, n)
	}
	for i, want := range []int{n - 1, n - 2, n - 4, n - 8, n - 16} {
		if got := ends[len(ends)-2-i]; got != want {
			t.Errorf("window %d from the end ends at day %d, want %d (spans 1, 1, 2, 4, 8...)", i+1, got, want)
		}
	}
	for i := 1; i < len(ends); i++ {
		if ends[i] <= ends[i-1] {
			t.Fatalf("window ends %v are not increasing", ends)
		}
	}
}
