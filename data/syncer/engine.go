package syncer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/verbatim-app/verbatim/data"
)

// Progress events.
const (
	EventStart  = "start"
	EventPage   = "page"
	EventDone   = "done"
	EventFailed = "failed"
)

// Engine syncs sources into the store. Set its fields, then call Sync, Test or Every; it is
// safe for concurrent use, and a source already syncing is not synced twice at once.
type Engine struct {
	Store      Store
	Connectors map[string]Connector // by source kind; see NewConnectors
	Secrets    *Secrets
	// Progress, when set, receives events from the sync goroutines. It must be quick and safe
	// for concurrent use (the UI hands them to its own goroutine).
	Progress func(Progress)
	// Parallel is how many sources sync at once; 0: 2.
	Parallel int
	// MinBatch is how many responses a transaction gathers from pages already waiting to be
	// written; 0: defaultMinBatch. 1 commits every page on its own.
	MinBatch int
	// Now is the clock; nil: time.Now.
	Now func() time.Time

	mu   sync.Mutex
	busy map[int64]bool
}

// Options change how a sync runs.
type Options struct {
	// Full ignores the saved cursors and fetches every response again. Responses are upserted,
	// so local tags, notes and board cards stay; nothing is deleted.
	Full bool
}

// Result is the outcome of syncing one source.
type Result struct {
	Source string
	Run    data.SyncRun // counts, status and the user's sentence when it failed
	Pages  int
	Err    error // nil when the run succeeded
}

// Progress is a sync event for one source.
type Progress struct {
	Source   string
	SourceID int64
	Event    string // one of the Event constants
	Pages    int
	Fetched  int
	Inserted int
	Updated  int
	Total    int           // responses the API announced for this run, 0 when unknown
	Elapsed  time.Duration // since the source's sync started
	ETA      time.Duration // estimated time left, 0 when unknown
	Err      error         // set on EventFailed
}

// NewEngine returns an Engine over store with the three API connectors, the default HTTP
// client settings, and API tokens from the environment or the user config directory.
func NewEngine(store Store) (*Engine, error) {
	dir, err := DefaultSecretsDir()
	if err != nil {
		return nil, err
	}
	return &Engine{Store: store, Connectors: NewConnectors(&Client{}), Secrets: &Secrets{Dir: dir}}, nil
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Sync syncs the named sources, or every source with a connector when names is empty. One
// source failing never stops the others: its error is in its Result. The returned error is
// for what stops everything (the store, an unknown name).
func (e *Engine) Sync(ctx context.Context, names []string, opt Options) ([]Result, error) {
	var sources []*data.Source
	if len(names) == 0 {
		all, err := e.Store.Sources(ctx)
		if err != nil {
			return nil, fmt.Errorf("list sources to sync: %w", err)
		}
		for _, s := range all {
			if e.Connectors[s.Kind] != nil {
				sources = append(sources, s)
			}
		}
	} else {
		for _, n := range names {
			s, err := e.Store.SourceByName(ctx, n)
			if err != nil {
				return nil, err
			}
			sources = append(sources, s)
		}
	}
	results := make([]Result, len(sources))
	g := new(errgroup.Group)
	limit := e.Parallel
	if limit <= 0 {
		limit = 2
	}
	g.SetLimit(limit)
	for i, s := range sources {
		g.Go(func() error {
			results[i] = e.SyncSource(ctx, s, opt)
			return nil // a source's failure is its result, never the others' end
		})
	}
	g.Wait()
	return results, nil
}

// SyncSource syncs one source: each page the connector fetches is written with the cursor
// that follows it in one transaction, and the run is recorded.
func (e *Engine) SyncSource(ctx context.Context, src *data.Source, opt Options) Result {
	res := Result{Source: src.Name, Run: data.SyncRun{SourceID: src.ID, StartedAt: e.now(), Status: data.SyncRunning}}
	if !e.claim(src.ID) {
		res.Err = data.Errorf(data.ECONFLICT, "source %q is already syncing", src.Name)
		res.Run.Status, res.Run.Error = data.SyncFailed, data.ErrorMessage(res.Err)
		return res
	}
	defer e.release(src.ID)

	conn := e.Connectors[src.Kind]
	if conn == nil {
		res.Err = data.Errorf(data.EINVALID, "source %q: sources of kind %q cannot be synced", src.Name, src.Kind)
		res.Run.Status, res.Run.Error = data.SyncFailed, data.ErrorMessage(res.Err)
		return res
	}
	// The run is recorded before anything can fail, so a missing token shows on the source.
	if err := e.Store.StartSyncRun(ctx, &res.Run); err != nil {
		res.Err = fmt.Errorf("record the sync of source %q: %w", src.Name, err)
		res.Run.Status, res.Run.Error = data.SyncFailed, data.ErrorMessage(res.Err)
		return res
	}
	e.report(src, EventStart, &res, 0, nil)
	var token string
	var err error
	if _, local := conn.(NoToken); !local {
		token, err = e.Secrets.Token(src)
	}
	if err == nil {
		cursor := src.Cursor
		if opt.Full {
			cursor = ""
		}
		err = e.fetch(ctx, conn, src, token, cursor, &res)
	}
	res.Run.FinishedAt = e.now()
	switch {
	case err == nil:
		res.Run.Status = data.SyncOK
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		res.Run.Status, res.Err = data.SyncCanceled, err
		res.Run.Error = fmt.Sprintf("the sync of source %q was canceled", src.Name)
	default:
		res.Run.Status, res.Err = data.SyncFailed, err
		res.Run.Error = Redact(data.ErrorMessage(err), token)
	}
	// A canceled sync is still recorded: the caller's context is done, the store's is not.
	if ferr := e.Store.FinishSyncRun(context.WithoutCancel(ctx), &res.Run); ferr != nil && res.Err == nil {
		res.Err = fmt.Errorf("record the end of the sync of source %q: %w", src.Name, ferr)
		res.Run.Status, res.Run.Error = data.SyncFailed, data.ErrorMessage(res.Err)
	}
	if res.Err != nil {
		e.report(src, EventFailed, &res, 0, res.Err)
	} else {
		e.report(src, EventDone, &res, 0, nil)
	}
	return res
}

// Batching of the writes, see fetch.
const (
	// defaultMinBatch is how many responses a transaction gathers from pages already waiting:
	// a commit costs as much as writing hundreds of rows, so a writer that falls behind
	// catches up in fewer transactions. Larger is not better: end to end on 100,000 Typeform
	// responses, transactions of 5,000 ran about 20% slower than transactions of 1,000.
	defaultMinBatch = 1000
	// maxQueued bounds the responses fetched but not yet written, so that a fast API and a
	// slow disk cost memory in proportion to this, not to the survey's size.
	maxQueued = 20000
)

// fetch runs the connector and stores its pages in order on a second goroutine, so the next
// page downloads and decodes while the previous one is written: the network, the JSON and
// SQLite overlap instead of taking turns. When the writer falls behind, the pages waiting for
// it are written together in one transaction (with the last one's cursor), because a commit
// costs as much as writing hundreds of rows and some APIs page by 100. At most maxQueued
// responses wait for the writer.
func (e *Engine) fetch(ctx context.Context, conn Connector, src *data.Source, token, cursor string, res *Result) error {
	pages := make(chan Page, 256) // small pages; the semaphore bounds the responses
	queued := semaphore.NewWeighted(maxQueued)
	weight := func(p Page) int64 { return int64(min(len(p.Responses), maxQueued)) }
	failed := make(chan struct{}) // closed when a write fails; werr says why
	done := make(chan struct{})
	var werr error
	minBatch := e.MinBatch
	if minBatch <= 0 {
		minBatch = defaultMinBatch
	}
	go func() {
		defer close(done)
		for p := range pages {
			batch, n, w := []Page{p}, len(p.Responses), weight(p)
		collect:
			for n < minBatch {
				select {
				case q, ok := <-pages:
					if !ok {
						break collect
					}
					batch, n, w = append(batch, q), n+len(q.Responses), w+weight(q)
				default:
					break collect
				}
			}
			// After a failure, what the connector sent before it saw it is only drained.
			if werr == nil {
				if werr = e.store(ctx, src, batch, res); werr != nil {
					close(failed)
				}
			}
			queued.Release(w)
		}
	}()
	err := conn.Fetch(ctx, src, token, cursor, func(p Page) error {
		// The writer releases every batch it takes, written or drained after a failure, so
		// this waits only while it is busy.
		if err := queued.Acquire(ctx, weight(p)); err != nil {
			return err
		}
		select {
		case <-failed:
			queued.Release(weight(p))
			return werr
		case <-ctx.Done():
			queued.Release(weight(p))
			return ctx.Err()
		case pages <- p:
			return nil
		}
	})
	close(pages)
	<-done
	if werr != nil {
		return werr // the first failure; the connector's error, if any, followed from it
	}
	return err
}

// store writes pages and the last one's cursor in one transaction.
func (e *Engine) store(ctx context.Context, src *data.Source, batch []Page, res *Result) error {
	if err := ctx.Err(); err != nil {
		return err // canceled between pages: what is committed stays, nothing more is written
	}
	var all []*data.Response
	for _, p := range batch {
		all = append(all, p.Responses...)
	}
	rs := dedupe(all)
	for _, r := range rs {
		r.SourceID = src.ID
	}
	w, err := e.Store.BeginBulk(ctx, src.ID)
	if err != nil {
		return fmt.Errorf("store responses of source %q: %w", src.Name, err)
	}
	up, err := w.Write(ctx, rs)
	if err != nil {
		w.Rollback()
		return fmt.Errorf("store responses of source %q: %w", src.Name, err)
	}
	last := batch[len(batch)-1]
	w.SetCursor(last.Cursor)
	if err := w.Commit(); err != nil {
		return fmt.Errorf("store responses of source %q: %w", src.Name, err)
	}
	src.Cursor = last.Cursor
	res.Pages += len(batch)
	res.Run.Fetched += len(rs)
	res.Run.Inserted += up.Inserted
	res.Run.Updated += up.Updated
	e.report(src, EventPage, res, last.Total, nil)
	return nil
}

// dedupe keeps the last of responses sharing an external ID: a page that repeats an item must
// not count it twice.
func dedupe(rs []*data.Response) []*data.Response {
	seen := make(map[string]int, len(rs))
	out := rs[:0:0]
	for _, r := range rs {
		if i, ok := seen[r.ExternalID]; ok {
			out[i] = r
			continue
		}
		seen[r.ExternalID] = len(out)
		out = append(out, r)
	}
	return out
}

func (e *Engine) report(src *data.Source, event string, res *Result, total int, err error) {
	if e.Progress == nil {
		return
	}
	p := Progress{Source: src.Name, SourceID: src.ID, Event: event, Pages: res.Pages,
		Fetched: res.Run.Fetched, Inserted: res.Run.Inserted, Updated: res.Run.Updated,
		Total: total, Elapsed: e.now().Sub(res.Run.StartedAt), Err: err}
	if total > p.Fetched && p.Fetched > 0 {
		p.ETA = time.Duration(float64(p.Elapsed) * float64(total-p.Fetched) / float64(p.Fetched))
	}
	e.Progress(p)
}

func (e *Engine) claim(id int64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.busy == nil {
		e.busy = map[int64]bool{}
	}
	if e.busy[id] {
		return false
	}
	e.busy[id] = true
	return true
}

func (e *Engine) release(id int64) {
	e.mu.Lock()
	delete(e.busy, id)
	e.mu.Unlock()
}

// Test checks that the named source's API answers and accepts its token.
func (e *Engine) Test(ctx context.Context, name string) error {
	src, err := e.Store.SourceByName(ctx, name)
	if err != nil {
		return err
	}
	conn := e.Connectors[src.Kind]
	if conn == nil {
		return data.Errorf(data.EINVALID, "source %q: sources of kind %q cannot be tested", src.Name, src.Kind)
	}
	var token string
	if _, local := conn.(NoToken); !local {
		if token, err = e.Secrets.Token(src); err != nil {
			return err
		}
	}
	return conn.Test(ctx, src, token)
}

// Every syncs all sources every interval until ctx is done, handing each round's results to
// done (which may be nil). Rounds never overlap. It is the background schedule of the app
// (off, every 15 minutes, hourly): run it in a goroutine and cancel ctx to stop it.
func (e *Engine) Every(ctx context.Context, interval time.Duration, opt Options, done func([]Result, error)) {
	if interval <= 0 {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			rs, err := e.Sync(ctx, nil, opt)
			if done != nil && ctx.Err() == nil {
				done(rs, err)
			}
		}
	}
}
