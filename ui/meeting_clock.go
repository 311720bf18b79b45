package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// clock is the time a timed screen (meeting mode) reads: the system's in the app, a fake
// one in tests, so a test can move five minutes on without waiting for them.
type clock interface {
	Now() time.Time
	// Every calls f on the UI goroutine every d until the returned stop is called. f may
	// still run once after stop when it was already queued: it checks its own state.
	Every(d time.Duration, f func()) (stop func())
}

// systemClock is the real clock: a time.Ticker on its own goroutine, handing each tick to
// the UI goroutine with fyne.Do.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Every(d time.Duration, f func()) func() {
	t := time.NewTicker(d)
	done := make(chan struct{})
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fyne.Do(f)
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}
