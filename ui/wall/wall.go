// Package wall is the engine of the wall display, the unattended full-screen mode for office
// TVs: which panel is on screen and for how long (Rotation), what the panels show (a
// Snapshot of the cache, re-read every Config.Refresh off the UI goroutine), the optional
// background sync and its offline state, a board file watched for changes, and safe mode,
// through which every comment passes before it can reach the screen.
//
// It knows no toolkit: package ui draws a Wall's State, and tests drive it with a FakeClock.
// Nothing here stops on an error: a failed read keeps the last good data and is logged.
package wall

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// Defaults of Config's zero values.
const (
	DefaultRotate  = 20 * time.Second
	DefaultRefresh = 5 * time.Minute
	DefaultDays    = 90
	// DefaultBoardPoll is how often a board file is looked at: a board copied to the share
	// shows within seconds, and a stat every few seconds costs nothing.
	DefaultBoardPoll = 5 * time.Second
)

const (
	// latestFetch is how many of the newest comments of a band are read; latestKeep how many
	// the snapshot keeps, the ones short enough to read from across a room first.
	latestFetch   = 16
	latestKeep    = 6
	readableRunes = 180
	// queryTimeout bounds one read of the cache: SQLite waits up to its busy timeout for a
	// writer, and a refresh must end one day even if something hangs.
	queryTimeout = 2 * time.Minute
)

// Config says what the wall shows and how often it changes.
type Config struct {
	Panels  []Panel       // the rotation, in order; nil is AllPanels
	Rotate  time.Duration // time per panel; 0 is DefaultRotate
	Refresh time.Duration // how often the cache is read (and Sync run); 0 is DefaultRefresh
	Days    int           // the period the figures cover, ending today; 0 is DefaultDays
	// ShowPersonal turns safe mode off (--safe=false): respondents' names are shown and
	// comments are not masked. The zero value is safe.
	ShowPersonal bool
	// BoardName picks the board to show from the database; "" shows the newest board.
	BoardName string
	// BoardFile, when set, shows the board file at this path instead, watched for changes.
	BoardFile string
	BoardPoll time.Duration // 0 is DefaultBoardPoll
	// Sync, when set, syncs every source on the Refresh schedule in the background.
	Sync  Syncer
	Clock Clock // nil is RealClock
	// Logf receives the wall's problems (it never shows a dialog); nil is log.Printf.
	Logf func(format string, args ...any)
}

// Syncer syncs sources; *syncer.Engine is one.
type Syncer interface {
	Sync(ctx context.Context, names []string, opt syncer.Options) ([]syncer.Result, error)
}

// Services are the stores the wall reads.
type Services struct {
	Reports  data.ReportService
	Comments data.CommentService
	Stats    data.StatsService
	// Boards finds the board to show when there is no board file; nil shows none.
	Boards BoardSource
}

// BoardSource is what the wall reads of the boards; *sqlite.DB is one.
type BoardSource interface {
	Boards(ctx context.Context) ([]*data.Board, error)
	BoardByName(ctx context.Context, name string) (*data.Board, error)
	BoardSnapshot(ctx context.Context, boardID int64) (*data.BoardSnapshot, error)
}

// State is what the screen shows now.
type State struct {
	Panel  Panel
	Visit  int // changes every time a panel is shown, even the same one again
	Paused bool
	Snapshot
}

// Wall runs a wall display: the rotation, the refresh, the sync and the board file watch.
type Wall struct {
	cfg      Config
	svc      Services
	clock    Clock
	rot      *Rotation
	ctx      context.Context
	cancel   context.CancelFunc
	onChange func()

	loadMu    sync.Mutex  // one read of the cache at a time: the timer's and the one after a sync
	boardSkip atomic.Bool // no board to show and none asked for: the rotation skips the panel

	mu         sync.Mutex // guards what follows
	snap       Snapshot
	stats      data.CacheStats // the last good statistics
	syncOK     time.Time       // the end of the last successful sync
	syncFailed bool
	timers     map[string]Timer
	stopped    bool
	wg         sync.WaitGroup // scheduled and running loop calls

	watch        *boardWatch // the board file; used by the watch loop only
	lastWatchErr string
}

// New returns a wall over svc; Start runs it.
func New(cfg Config, svc Services) *Wall {
	if len(cfg.Panels) == 0 {
		cfg.Panels = AllPanels
	}
	if cfg.Rotate <= 0 {
		cfg.Rotate = DefaultRotate
	}
	if cfg.Refresh <= 0 {
		cfg.Refresh = DefaultRefresh
	}
	if cfg.Days <= 0 {
		cfg.Days = DefaultDays
	}
	if cfg.BoardPoll <= 0 {
		cfg.BoardPoll = DefaultBoardPoll
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.Logf == nil {
		cfg.Logf = log.Printf
	}
	w := &Wall{cfg: cfg, svc: svc, clock: cfg.Clock, timers: map[string]Timer{}, onChange: func() {}}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.snap.Days = cfg.Days
	if cfg.BoardFile != "" {
		w.watch = &boardWatch{path: cfg.BoardFile}
		w.snap.BoardWaiting = filepath.Base(cfg.BoardFile)
	}
	w.boardSkip.Store(cfg.BoardFile == "" && cfg.BoardName == "")
	w.rot = NewRotation(w.clock, cfg.Panels, cfg.Rotate, func(p Panel) bool {
		return p == PanelBoard && w.boardSkip.Load()
	}, w.changed)
	return w
}

// Clock returns the wall's clock, for the screen's own timers.
func (w *Wall) Clock() Clock { return w.clock }

// Start shows the first panel and starts the rotation, the refresh, the sync and the board
// file watch, each on its own schedule. onChange is called, from the wall's goroutines,
// whenever State or Paused may have changed.
func (w *Wall) Start(onChange func()) {
	if onChange != nil {
		w.onChange = onChange
	}
	w.rot.Start()
	w.loop("refresh", 0, w.cfg.Refresh, w.refresh)
	if w.cfg.Sync != nil {
		w.loop("sync", 0, w.cfg.Refresh, w.sync)
	}
	if w.watch != nil {
		w.loop("board file", 0, w.cfg.BoardPoll, w.pollBoard)
	}
}

// Stop ends every schedule and waits for what is running to finish; a sync under way is
// cancelled.
func (w *Wall) Stop() {
	w.cancel()
	w.rot.Stop()
	w.mu.Lock()
	w.stopped = true
	for _, t := range w.timers {
		if t.Stop() {
			w.wg.Done()
		}
	}
	w.mu.Unlock()
	w.wg.Wait()
}

// State returns what the screen shows now.
func (w *Wall) State() State {
	p, visit := w.rot.Current()
	paused := w.rot.Paused()
	w.mu.Lock()
	defer w.mu.Unlock()
	return State{Panel: p, Visit: visit, Paused: paused, Snapshot: w.snap}
}

// Progress returns how much of the current panel's time has passed, 0 to 1.
func (w *Wall) Progress() float64 { return w.rot.Progress() }

// Input pauses the rotation: any key or click.
func (w *Wall) Input() { w.rot.Pause() }

// Step shows the next (1) or previous (-1) panel and pauses there: the arrow keys.
func (w *Wall) Step(delta int) { w.rot.Step(delta) }

func (w *Wall) changed() { w.onChange() }

// loop runs f after first, then again every d after it returns, until Stop. A panic in f is
// logged and the loop goes on: an office TV must not go dark over one bad row.
func (w *Wall) loop(name string, first, d time.Duration, f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return
	}
	w.wg.Add(1)
	w.timers[name] = w.clock.AfterFunc(first, func() {
		defer w.wg.Done()
		if w.ctx.Err() != nil {
			return
		}
		w.guard(name, f)
		w.loop(name, d, d, f)
	})
}

func (w *Wall) guard(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			w.cfg.Logf("wall: %s: recovered from a panic, carrying on: %v\n%s", name, r, debug.Stack())
		}
	}()
	f()
}

// period returns the wall's date range: the last Days whole local days, today included.
func (w *Wall) period(now time.Time) (from, to time.Time) {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	return today.AddDate(0, 0, 1-w.cfg.Days), today.AddDate(0, 0, 1)
}

// refresh reads the cache. Each part that fails keeps its last good value and is logged;
// Updated moves only when every part was read.
func (w *Wall) refresh() {
	w.loadMu.Lock()
	defer w.loadMu.Unlock()
	ctx, cancel := context.WithTimeout(w.ctx, queryTimeout)
	defer cancel()
	now := w.clock.Now()
	from, to := w.period(now)
	f := data.Filter{From: from, To: to}

	var failed []string
	fail := func(what string, err error) {
		failed = append(failed, fmt.Sprintf("wall: could not read the %s, showing the last data read: %s", what, data.ErrorMessage(err)))
	}
	reports, err := w.svc.Reports.Reports(ctx, data.ReportQuery{Filter: f})
	if err != nil {
		fail("scores", err)
	}
	pos, perr := w.latest(ctx, f, data.BandPositive)
	if perr != nil {
		fail("positive comments", perr)
	}
	neg, nerr := w.latest(ctx, f, data.BandNegative)
	if nerr != nil {
		fail("negative comments", nerr)
	}
	stats, serr := w.svc.Stats.CacheStats(ctx)
	if serr != nil {
		fail("cache statistics", serr)
	}
	var board *Board
	var waiting string
	var berr error
	if w.cfg.BoardFile == "" && w.svc.Boards != nil {
		board, waiting, berr = w.loadBoard(ctx)
		if berr != nil {
			w.cfg.Logf("wall: could not read the board, showing the last one read: %s", data.ErrorMessage(berr))
		}
	}
	if w.ctx.Err() != nil {
		return // stopping: nothing read now is worth showing
	}
	for _, msg := range failed {
		w.cfg.Logf("%s", msg)
	}

	w.mu.Lock()
	s := &w.snap
	if err == nil {
		s.Report = nil
		if len(reports) > 0 {
			s.Report = reports[0]
		}
	}
	if perr == nil {
		s.Positive = pos
	}
	if nerr == nil {
		s.Negative = neg
	}
	if serr == nil {
		w.stats = stats
	}
	if berr == nil && w.cfg.BoardFile == "" && w.svc.Boards != nil {
		s.Board, s.BoardWaiting = board, waiting
		w.boardSkip.Store(board == nil && waiting == "")
	}
	if len(failed) == 0 {
		s.Updated = now
	}
	s.Stale = len(failed) > 0
	s.Loaded = true
	w.setOffline()
	s.Version++
	w.mu.Unlock()
	w.changed()
}

// latest reads the newest comments of a band.
func (w *Wall) latest(ctx context.Context, f data.Filter, band string) ([]Comment, error) {
	f.Band = band
	page, err := w.svc.Comments.FindComments(ctx, data.CommentFilter{Filter: f, WithComment: true, Sort: data.SortNewest}, nil, latestFetch)
	if err != nil {
		return nil, err
	}
	var short, long []Comment
	for _, r := range page.Responses {
		c := commentOf(r, w.cfg.ShowPersonal)
		switch {
		case c.Text == "":
		case utf8.RuneCountInString(c.Text) <= readableRunes:
			short = append(short, c)
		default:
			long = append(long, c)
		}
	}
	out := append(short, long...)
	return out[:min(len(out), latestKeep)], nil
}

// loadBoard reads the board named in the config, or the newest one. waiting is the name of
// a board asked for that does not exist yet.
func (w *Wall) loadBoard(ctx context.Context) (b *Board, waiting string, err error) {
	var id int64
	if name := w.cfg.BoardName; name != "" {
		found, err := w.svc.Boards.BoardByName(ctx, name)
		if data.ErrorCode(err) == data.ENOTFOUND {
			return nil, name, nil
		}
		if err != nil {
			return nil, "", err
		}
		id = found.ID
	} else {
		boards, err := w.svc.Boards.Boards(ctx)
		if err != nil {
			return nil, "", err
		}
		var newest *data.Board
		for _, b := range boards {
			if newest == nil || b.CreatedAt.After(newest.CreatedAt) || (b.CreatedAt.Equal(newest.CreatedAt) && b.ID > newest.ID) {
				newest = b
			}
		}
		if newest == nil {
			return nil, "", nil
		}
		id = newest.ID
	}
	snap, err := w.svc.Boards.BoardSnapshot(ctx, id)
	if err != nil {
		return nil, "", err
	}
	return boardOf(snap, w.cfg.ShowPersonal), "", nil
}

// sync syncs every source, then reads the cache at once so new rows (or the offline badge)
// show without waiting for the next refresh.
func (w *Wall) sync() {
	results, err := w.cfg.Sync.Sync(w.ctx, nil, syncer.Options{})
	if w.ctx.Err() != nil {
		return
	}
	failed := err != nil
	if err != nil {
		w.cfg.Logf("wall: sync failed, showing the cache: %s", data.ErrorMessage(err))
	}
	for _, r := range results {
		if r.Err == nil || errors.Is(r.Err, context.Canceled) {
			continue
		}
		failed = true
		msg := r.Run.Error // redacted by the engine: never a token
		if msg == "" {
			msg = data.ErrorMessage(r.Err)
		}
		w.cfg.Logf("wall: sync of source %q failed, showing the cache: %s", r.Source, msg)
	}
	w.mu.Lock()
	w.syncFailed = failed
	if !failed {
		w.syncOK = w.clock.Now()
	}
	w.setOffline()
	w.snap.Version++
	w.mu.Unlock()
	w.changed()
	w.refresh()
}

// setOffline works out the offline badge. w.mu is held.
func (w *Wall) setOffline() {
	if w.cfg.Sync != nil {
		w.snap.Offline = w.syncFailed
	} else {
		w.snap.Offline = w.stats.LastError != "" // another Verbatim's last sync of this cache failed
	}
	from := w.stats.LastSyncAt
	if w.syncOK.After(from) {
		from = w.syncOK
	}
	if from.IsZero() {
		from = w.stats.Newest
	}
	w.snap.DataFrom = from
}

// pollBoard looks at the board file and shows the board when it changed.
func (w *Wall) pollBoard() {
	changed, err := w.watch.poll()
	if err != nil {
		if msg := data.ErrorMessage(err); msg != w.lastWatchErr {
			w.lastWatchErr = msg
			w.cfg.Logf("wall: %s; showing the last board read", msg)
		}
	} else {
		w.lastWatchErr = ""
	}
	if !changed {
		return
	}
	b := boardOf(w.watch.board, w.cfg.ShowPersonal)
	w.mu.Lock()
	w.snap.Board, w.snap.BoardWaiting = b, ""
	w.snap.Version++
	w.mu.Unlock()
	w.changed()
}
