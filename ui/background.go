package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// background runs what the UI starts off its goroutine — queries, imports, chart rendering,
// the status ticker — and brings results back with fyne.Do. Every goroutine has a stop path:
// the context is cancelled when the window closes. Each one is counted, so tests can wait
// until the UI has settled.
type background struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	// ui serialises the callbacks given to do. On the real driver they already run one at a
	// time on the UI goroutine and the lock is never contended; the test driver runs fyne.Do
	// inline on the calling goroutine, and the lock keeps two finishing queries (or a query
	// and a test's tap) from touching widgets at once.
	ui sync.Mutex
}

func newBackground() *background {
	ctx, cancel := context.WithCancel(context.Background())
	return &background{ctx: ctx, cancel: cancel}
}

// run starts work on its own goroutine.
func (b *background) run(work func(ctx context.Context)) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		work(b.ctx)
	}()
}

// do runs f on the UI goroutine. Call it only from goroutines the UI started, never from a
// widget callback (those are already on the UI goroutine).
func (b *background) do(f func()) {
	fyne.Do(func() {
		b.ui.Lock()
		defer b.ui.Unlock()
		f()
	})
}

// stop cancels everything still running and waits for it to end.
func (b *background) stop() {
	b.cancel()
	b.wg.Wait()
}

// wait blocks until nothing the UI started is running (tests).
func (b *background) wait() { b.wg.Wait() }

// load runs query off the UI goroutine and hands its result to show on the UI goroutine.
// Nothing is shown once the window has closed.
func load[T any](b *background, query func(ctx context.Context) (T, error), show func(v T, err error)) {
	b.run(func(ctx context.Context) {
		v, err := query(ctx)
		if ctx.Err() != nil {
			return
		}
		b.do(func() { show(v, err) })
	})
}

// generation numbers the loads of one view so that only the latest one's result is shown:
// a slow query finishing after a newer one must not overwrite it. UI goroutine only.
type generation struct{ n int }

// next starts a new load and returns its number.
func (g *generation) next() int {
	g.n++
	return g.n
}

// current reports whether n is still the latest load.
func (g *generation) current(n int) bool { return n == g.n }

// debouncer calls f once, delay after the last of a burst of triggers (a window being
// resized sends dozens). f runs on a timer goroutine. trigger is called on the UI goroutine.
type debouncer struct {
	b     *background
	delay time.Duration
	f     func(ctx context.Context)
	timer *time.Timer
}

func newDebouncer(b *background, delay time.Duration, f func(ctx context.Context)) *debouncer {
	return &debouncer{b: b, delay: delay, f: f}
}

func (d *debouncer) trigger() {
	if d.timer != nil && d.timer.Stop() {
		d.b.wg.Done() // the pending call will not run
	}
	if d.b.ctx.Err() != nil {
		return
	}
	d.b.wg.Add(1)
	d.timer = time.AfterFunc(d.delay, func() {
		defer d.b.wg.Done()
		if d.b.ctx.Err() == nil {
			d.f(d.b.ctx)
		}
	})
}
