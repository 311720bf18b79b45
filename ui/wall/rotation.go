package wall

import (
	"sync"
	"time"
)

// PauseFor is how long a key press or a click holds the rotation: long enough to read a
// comment up close, short enough that a TV nobody touches again goes back to rotating.
const PauseFor = 30 * time.Second

// Rotation decides which panel is on screen: each panel for an interval, in order, skipping
// the ones that have nothing to show. Input pauses it for PauseFor (the panel's time left is
// kept, like a paused video); stepping moves to a neighbour at once and pauses there. It is
// safe for concurrent use; onChange runs after every change, without the lock held, on the
// goroutine that made it (a clock timer or the caller of Pause and Step).
type Rotation struct {
	clock    Clock
	panels   []Panel
	interval time.Duration
	skip     func(Panel) bool
	onChange func()

	mu       sync.Mutex
	index    int
	visit    int       // counts panel changes, including a panel shown again
	start    time.Time // when the current panel's interval began, moved on by pauses
	pausedAt time.Time // zero unless paused
	until    time.Time // when the pause ends
	timer    Timer
	gen      int // numbers scheduled calls: a call that lost a race with Stop or a reschedule does nothing
	stopped  bool
}

// NewRotation returns a rotation of panels, interval each. skip, when not nil, is asked
// before a panel is shown (under the rotation's lock: it must not call back into it).
func NewRotation(clock Clock, panels []Panel, interval time.Duration, skip func(Panel) bool, onChange func()) *Rotation {
	if onChange == nil {
		onChange = func() {}
	}
	return &Rotation{clock: clock, panels: panels, interval: interval, skip: skip, onChange: onChange}
}

// Start shows the first panel that is not skipped and starts the clock.
func (r *Rotation) Start() {
	r.mu.Lock()
	r.index = len(r.panels) - 1
	r.index = r.neighbour(1)
	if r.skip != nil && r.skip(r.panels[r.index]) {
		r.index = 0 // everything is skipped: the first panel says why it is empty
	}
	r.visit++
	r.start = r.clock.Now()
	r.schedule(r.interval)
	r.mu.Unlock()
	r.onChange()
}

// Stop ends the rotation; the panel on screen stays.
func (r *Rotation) Stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
	r.gen++
	if r.timer != nil {
		r.timer.Stop()
	}
}

// Current returns the panel on screen and its visit number, which changes every time a
// panel is shown (the same panel shown again, when it is the only one, gets a new number).
func (r *Rotation) Current() (Panel, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.panels[r.index], r.visit
}

// Progress returns how much of the current panel's time has passed, from 0 to 1. It stands
// still while paused.
func (r *Rotation) Progress() float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	at := r.clock.Now()
	if !r.pausedAt.IsZero() {
		at = r.pausedAt
	}
	f := float64(at.Sub(r.start)) / float64(r.interval)
	return min(max(f, 0), 1)
}

// Paused reports whether input holds the rotation.
func (r *Rotation) Paused() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.pausedAt.IsZero()
}

// Pause holds the rotation for PauseFor from now (any key or click); pausing again while
// paused starts the PauseFor over.
func (r *Rotation) Pause() {
	r.mu.Lock()
	if r.stopped {
		r.mu.Unlock()
		return
	}
	now := r.clock.Now()
	if r.pausedAt.IsZero() {
		r.pausedAt = now
	}
	r.until = now.Add(PauseFor)
	r.schedule(PauseFor)
	r.mu.Unlock()
	r.onChange()
}

// Step shows the next panel (delta 1) or the previous one (delta -1) at once, with its full
// interval, and pauses there.
func (r *Rotation) Step(delta int) {
	r.mu.Lock()
	if r.stopped {
		r.mu.Unlock()
		return
	}
	now := r.clock.Now()
	r.index = r.neighbour(delta)
	r.visit++
	r.start, r.pausedAt, r.until = now, now, now.Add(PauseFor)
	r.schedule(PauseFor)
	r.mu.Unlock()
	r.onChange()
}

// schedule arranges for fire to run after d, replacing what was scheduled. r.mu is held.
func (r *Rotation) schedule(d time.Duration) {
	if r.timer != nil {
		r.timer.Stop()
	}
	r.gen++
	gen := r.gen
	r.timer = r.clock.AfterFunc(d, func() { r.fire(gen) })
}

// fire ends a pause or the current panel's interval.
func (r *Rotation) fire(gen int) {
	r.mu.Lock()
	if r.stopped || gen != r.gen {
		r.mu.Unlock()
		return
	}
	now := r.clock.Now()
	if !r.pausedAt.IsZero() {
		// Resume with the time the panel had left when the pause began.
		r.start = r.start.Add(now.Sub(r.pausedAt))
		r.pausedAt, r.until = time.Time{}, time.Time{}
		r.schedule(max(r.start.Add(r.interval).Sub(now), 0))
	} else {
		r.index = r.neighbour(1)
		r.visit++
		r.start = now
		r.schedule(r.interval)
	}
	r.mu.Unlock()
	r.onChange()
}

// neighbour returns the index delta panels away that is not skipped, or the current one
// when every other panel is. r.mu is held.
func (r *Rotation) neighbour(delta int) int {
	n := len(r.panels)
	step := 1
	if delta < 0 {
		step = -1
	}
	for i := 1; i <= n; i++ {
		j := ((r.index+step*i)%n + n) % n
		if r.skip == nil || !r.skip(r.panels[j]) {
			return j
		}
	}
	return r.index
}
