package wall

import (
	"math"
	"testing"
	"time"
)

// rotationFixture runs a rotation on a fake clock and records each panel shown.
type rotationFixture struct {
	t     *testing.T
	clock *FakeClock
	rot   *Rotation
	seen  []Panel
	skip  map[Panel]bool
}

func newRotationFixture(t *testing.T, panels []Panel, interval time.Duration) *rotationFixture {
	f := &rotationFixture{t: t, clock: NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)), skip: map[Panel]bool{}}
	lastVisit := 0
	f.rot = NewRotation(f.clock, panels, interval, func(p Panel) bool { return f.skip[p] }, func() {
		p, visit := f.rot.Current()
		if visit != lastVisit {
			lastVisit = visit
			f.seen = append(f.seen, p)
		}
	})
	t.Cleanup(f.rot.Stop)
	return f
}

func (f *rotationFixture) expect(want ...Panel) {
	f.t.Helper()
	if len(f.seen) != len(want) {
		f.t.Fatalf("panels shown %v, want %v", f.seen, want)
	}
	for i := range want {
		if f.seen[i] != want[i] {
			f.t.Fatalf("panels shown %v, want %v", f.seen, want)
		}
	}
}

func (f *rotationFixture) progress(want float64) {
	f.t.Helper()
	if got := f.rot.Progress(); math.Abs(got-want) > 1e-9 {
		f.t.Fatalf("Progress() = %v, want %v", got, want)
	}
}

func TestRotation_OrderAndTiming(t *testing.T) {
	f := newRotationFixture(t, AllPanels, 20*time.Second)
	f.rot.Start()
	f.expect(PanelScore)
	f.clock.Advance(19 * time.Second)
	f.expect(PanelScore)
	f.progress(0.95)
	f.clock.Advance(time.Second)
	f.expect(PanelScore, PanelTrend)
	f.progress(0)
	f.clock.Advance(80 * time.Second)
	f.expect(PanelScore, PanelTrend, PanelDistribution, PanelLatest, PanelBoard, PanelScore)
}

func TestRotation_Skip(t *testing.T) {
	f := newRotationFixture(t, AllPanels, 10*time.Second)
	f.skip[PanelBoard] = true
	f.skip[PanelScore] = true
	f.rot.Start()
	f.clock.Advance(40 * time.Second)
	f.expect(PanelTrend, PanelDistribution, PanelLatest, PanelTrend, PanelDistribution)

	t.Run("EverythingSkippedShowsTheFirst", func(t *testing.T) {
		g := newRotationFixture(t, []Panel{PanelBoard, PanelLatest}, 10*time.Second)
		g.skip[PanelBoard], g.skip[PanelLatest] = true, true
		g.rot.Start()
		g.clock.Advance(25 * time.Second)
		g.expect(PanelBoard, PanelBoard, PanelBoard)
	})
}

func TestRotation_PauseOnInput(t *testing.T) {
	f := newRotationFixture(t, AllPanels, 20*time.Second)
	f.rot.Start()
	f.clock.Advance(15 * time.Second)
	f.rot.Pause() // a click, 5 s before the trend was due
	if !f.rot.Paused() {
		t.Fatal("not paused after input")
	}
	f.clock.Advance(PauseFor - time.Second)
	f.expect(PanelScore)
	f.progress(0.75) // stands still while paused

	f.rot.Pause() // another key 29 s in: the pause starts over
	f.clock.Advance(PauseFor - time.Second)
	f.expect(PanelScore)
	f.clock.Advance(time.Second)
	if f.rot.Paused() {
		t.Fatal("still paused 30 s after the last input")
	}
	f.progress(0.75) // resumes with the 5 s the panel had left
	f.clock.Advance(5*time.Second - time.Millisecond)
	f.expect(PanelScore)
	f.clock.Advance(time.Millisecond)
	f.expect(PanelScore, PanelTrend)
	f.clock.Advance(20 * time.Second)
	f.expect(PanelScore, PanelTrend, PanelDistribution)
}

func TestRotation_Step(t *testing.T) {
	f := newRotationFixture(t, AllPanels, 20*time.Second)
	f.skip[PanelTrend] = true
	f.rot.Start()
	f.clock.Advance(10 * time.Second)
	f.rot.Step(-1) // ← from the first panel wraps to the last
	f.rot.Step(1)  // → back to the first
	f.rot.Step(1)  // → skips the trend
	f.expect(PanelScore, PanelBoard, PanelScore, PanelDistribution)
	if !f.rot.Paused() {
		t.Fatal("an arrow key should pause the rotation too")
	}
	f.progress(0)
	f.clock.Advance(PauseFor + 20*time.Second - time.Millisecond)
	f.expect(PanelScore, PanelBoard, PanelScore, PanelDistribution)
	f.clock.Advance(time.Millisecond) // a full interval after the pause
	f.expect(PanelScore, PanelBoard, PanelScore, PanelDistribution, PanelLatest)
}

func TestRotation_Stop(t *testing.T) {
	f := newRotationFixture(t, AllPanels, 20*time.Second)
	f.rot.Start()
	f.rot.Stop()
	f.rot.Pause()
	f.rot.Step(1)
	f.clock.Advance(time.Hour)
	f.expect(PanelScore)
	if f.clock.Pending() != 0 {
		t.Errorf("%d calls still scheduled after Stop", f.clock.Pending())
	}
}
