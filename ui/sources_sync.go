package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// syncParallel is how many sources sync at once, as the engine's own default.
const syncParallel = 2

// scheduleStartDelay is the least time between the window opening (or the schedule being
// switched on) and the first scheduled sync: the window is usable first.
const scheduleStartDelay = 10 * time.Second

// syncControl runs the window's syncs: "Sync now" on one source, "Sync all", and the
// background schedule. It lives as long as the window, so a sync goes on while the user
// looks at another screen; the Sources screen shows its state while open, and the status
// line sums it up. Its fields are used on the UI goroutine only, except pending, which the
// engine's progress callback fills from the sync goroutines.
type syncControl struct {
	a      *App
	engine *syncer.Engine // nil when the window was opened without one: nothing syncs
	slots  chan struct{}  // one per source syncing

	jobs       map[int64]*syncJob // running or waiting for a slot, by source id
	lastRound  *syncRound         // the last batch that finished with an outcome
	lastImport *syncRound         // the last batch of files imported in this window (importer.go)
	// unreached holds the sources whose last sync in this window could not reach their
	// server: their rows say so as a passing state, not as a fault of the source.
	unreached  map[int64]bool
	stats      *data.CacheStats // the status line's last statistics
	onChange   func(id int64, finished bool)
	schedule   context.CancelFunc
	startDelay time.Duration

	mu      sync.Mutex
	pending map[int64]syncer.Progress
	posted  bool // a flush of pending is queued on the UI goroutine
}

// syncJob is one source's sync in progress.
type syncJob struct {
	name     string
	cancel   context.CancelFunc
	progress syncer.Progress
	started  bool // it has a slot; before that it waits for other sources
	round    *syncRound
}

// syncRound is a batch of sources started together (one source, "Sync all", a scheduled
// sync) and how it went.
type syncRound struct {
	finished  time.Time
	left      int // sources still syncing
	ok        int
	failed    int // failed for another reason than the network
	offline   int // could not reach their server
	inserted  int
	scheduled bool
}

func newSyncControl(a *App, engine *syncer.Engine) *syncControl {
	c := &syncControl{a: a, engine: engine, slots: make(chan struct{}, syncParallel),
		jobs: map[int64]*syncJob{}, unreached: map[int64]bool{}, pending: map[int64]syncer.Progress{}, startDelay: scheduleStartDelay}
	if engine != nil {
		// The engine reports from its own goroutines; flush hands the news to the UI.
		engine.Progress = c.progress
	}
	return c
}

// available reports whether the window can sync at all.
func (c *syncControl) available() bool { return c.engine != nil }

// syncable reports whether a source has a connector (an API or a watched folder).
func (c *syncControl) syncable(src *data.Source) bool {
	return c.engine != nil && c.engine.Connectors[src.Kind] != nil
}

// busy reports whether any source is syncing or waiting to.
func (c *syncControl) busy() bool { return len(c.jobs) > 0 }

// job returns the sync of a source in progress, or nil.
func (c *syncControl) job(id int64) *syncJob { return c.jobs[id] }

// progress is the engine's Progress callback: it runs on sync goroutines, keeps the latest
// event per source, and queues one flush for however many arrive before the UI gets to it.
func (c *syncControl) progress(p syncer.Progress) {
	c.mu.Lock()
	c.pending[p.SourceID] = p
	post := !c.posted
	c.posted = true
	c.mu.Unlock()
	if post {
		c.a.bg.do(c.flush)
	}
}

func (c *syncControl) flush() {
	c.mu.Lock()
	events := c.pending
	c.pending, c.posted = map[int64]syncer.Progress{}, false
	c.mu.Unlock()
	for id, p := range events {
		if j := c.jobs[id]; j != nil {
			j.progress, j.started = p, true
			c.changed(id, false)
		}
	}
	c.showStatus()
}

// changed tells the Sources screen, when it is shown, that a source's sync moved on.
func (c *syncControl) changed(id int64, finished bool) {
	if c.onChange != nil {
		c.onChange(id, finished)
	}
}

// start syncs sources that have a connector and are not syncing already, as one round.
func (c *syncControl) start(sources []*data.Source, scheduled bool) {
	if c.engine == nil {
		return
	}
	r := &syncRound{scheduled: scheduled}
	for _, src := range sources {
		if !c.syncable(src) || c.jobs[src.ID] != nil {
			continue
		}
		ctx, cancel := context.WithCancel(c.a.bg.ctx)
		j := &syncJob{name: src.Name, cancel: cancel, round: r,
			progress: syncer.Progress{Source: src.Name, SourceID: src.ID}}
		c.jobs[src.ID] = j
		r.left++
		id, name := src.ID, src.Name
		c.a.bg.run(func(context.Context) {
			res, err := c.run(ctx, name)
			cancel()
			c.a.bg.do(func() { c.finish(id, j, res, err) })
		})
		c.changed(id, false)
	}
	if r.left > 0 {
		c.showStatus()
	}
}

// run waits for a slot and syncs one source. The engine records the run, failure included.
func (c *syncControl) run(ctx context.Context, name string) (syncer.Result, error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return syncer.Result{Source: name}, ctx.Err()
	}
	defer func() { <-c.slots }()
	rs, err := c.engine.Sync(ctx, []string{name}, syncer.Options{})
	if err != nil {
		return syncer.Result{Source: name}, err
	}
	if len(rs) == 0 {
		return syncer.Result{Source: name}, data.Errorf(data.EINTERNAL, "source %q was not synced", name)
	}
	return rs[0], rs[0].Err
}

// finish records how a source's sync ended.
func (c *syncControl) finish(id int64, j *syncJob, res syncer.Result, err error) {
	if c.jobs[id] == j {
		delete(c.jobs, id)
	}
	r := j.round
	r.left--
	switch {
	case err == nil:
		r.ok++
		r.inserted += res.Run.Inserted
		delete(c.unreached, id)
	case errors.Is(err, context.Canceled):
	case offlineError(err):
		r.offline++
		c.unreached[id] = true
	default:
		r.failed++
		delete(c.unreached, id)
	}
	if r.left == 0 && r.ok+r.failed+r.offline > 0 {
		r.finished = time.Now()
		c.lastRound = r
	}
	c.changed(id, true)
	if res.Run.Inserted+res.Run.Updated > 0 {
		c.a.bar.reload() // new segments, sources or survey types for the filter bar
	}
	c.a.status.refresh()
}

// cancel stops a source's sync; what it committed stays.
func (c *syncControl) cancel(id int64) {
	if j := c.jobs[id]; j != nil {
		j.cancel()
	}
}

// cancelAll stops every sync in progress.
func (c *syncControl) cancelAll() {
	for _, j := range c.jobs {
		j.cancel()
	}
}

// syncAll syncs every source that can be synced.
func (c *syncControl) syncAll(scheduled bool) {
	if c.engine == nil {
		return
	}
	load(c.a.bg, func(ctx context.Context) ([]*data.Source, error) { return c.a.svc.Sources.Sources(ctx) },
		func(sources []*data.Source, err error) {
			if err != nil {
				c.a.status.showProblem(loadFailed(err))
				return
			}
			c.start(sources, scheduled)
		})
}

// offlineError reports whether a sync failed because the server could not be reached at all
// (no network, DNS, refused connections, no answer): the cache is then simply offline. A
// server that answered with an error is a failure of that source, not of the network.
func offlineError(err error) bool {
	var api *syncer.APIError
	return errors.As(err, &api) && api.Status == 0 && data.ErrorCode(err) == data.EUNAVAILABLE
}

// Sync schedules, as saved in Preferences under prefSyncSchedule.
var syncSchedules = []struct {
	id    string
	label string // English, translated when shown
	every time.Duration
}{
	{"off", "Off", 0},
	{"15m", "Every 15 minutes", 15 * time.Minute},
	{"1h", "Every hour", time.Hour},
}

// scheduleEvery returns the interval of a saved schedule, 0 for off or an unknown value.
func scheduleEvery(id string) time.Duration {
	for _, s := range syncSchedules {
		if s.id == id {
			return s.every
		}
	}
	return 0
}

// setSchedule syncs every source every interval while the window is open (0 stops). The
// first round comes interval after the last sync of any source, or soon after now when that
// is overdue; rounds never overlap a source already syncing.
func (c *syncControl) setSchedule(every time.Duration) {
	if c.schedule != nil {
		c.schedule()
		c.schedule = nil
	}
	if every <= 0 || c.engine == nil {
		return
	}
	ctx, cancel := context.WithCancel(c.a.bg.ctx)
	c.schedule = cancel
	delay := c.startDelay
	c.a.bg.run(func(context.Context) {
		next := time.Now().Add(delay)
		if last := c.lastSynced(ctx); last.Add(every).After(next) {
			next = last.Add(every)
		}
		for {
			t := time.NewTimer(time.Until(next))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			c.a.bg.do(func() {
				if ctx.Err() == nil {
					c.syncAll(true)
				}
			})
			next = time.Now().Add(every)
		}
	})
}

// lastSynced returns when a syncable source last synced, zero when none ever did or the
// sources cannot be read (then the schedule starts soon, which is what a user expects).
func (c *syncControl) lastSynced(ctx context.Context) time.Time {
	sources, err := c.a.svc.Sources.Sources(ctx)
	if err != nil {
		return time.Time{}
	}
	var last time.Time
	for _, s := range sources {
		if c.syncable(s) && s.LastSyncAt.After(last) {
			last = s.LastSyncAt
		}
	}
	return last
}
