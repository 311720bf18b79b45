// Package demo fills a store with a deterministic, realistic demo dataset for a first run and
// for benchmarks: 18 months of NPS, CSAT and CES responses from three sources, with a rising
// trend, a billing incident that drags scores down for six weeks, weekday rhythms, segments,
// comments in English, Spanish and Turkish composed from the word lists in assets/demo, and
// the tags, notes, follow-ups and board a CX team would have added. The same seed and Now
// always give the same rows.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// DefaultResponses is how many responses Load makes when Options.Responses is zero.
const DefaultResponses = 20000

// MaxResponses bounds Options.Responses, so that a typo does not fill a disk.
const MaxResponses = 10_000_000

// batchSize is how many responses go to the store per Write: large enough to amortise each
// call, small enough to keep memory flat.
const batchSize = 5000

// Options says what to generate; the zero value gives the default dataset ending now.
type Options struct {
	Responses int       // responses in all sources together; 0 means DefaultResponses
	Seed      int64     // the random seed; 0 means 1
	Now       time.Time // when the data ends ("today"); zero means time.Now()
}

// Result counts what Load generated and what the store did with it.
type Result struct {
	Sources   int
	Responses int
	Written   data.UpsertResult
	Comments  int    // responses with a comment
	Tagged    int    // responses with source tags
	Notes     int    // team notes on responses
	FollowUps int    // responses given a follow-up status
	Board     string // the board created, "" when it already existed or nothing fitted
	Cards     int    // cards pinned on it
}

// Store is what Load needs from the store; *sqlite.DB provides all of it.
//
// Load reuses the responses it passes to BulkWriter.Write once Write returns (a million
// responses would otherwise cost a million maps), so Write must not keep them.
type Store interface {
	EnsureSource(ctx context.Context, name, kind string) (*data.Source, error)
	BeginBulk(ctx context.Context, sourceID int64) (data.BulkWriter, error)
	FindResponses(ctx context.Context, f data.ResponseFilter) ([]*data.Response, error)
	SetFollowUp(ctx context.Context, responseID int64, status string) error
	Boards(ctx context.Context) ([]*data.Board, error)
	CreateBoard(ctx context.Context, name string) (*data.Board, error)
	PinCard(ctx context.Context, boardID, responseID int64, side string) error
	SetCardNote(ctx context.Context, boardID, responseID int64, note string) error
}

// Load generates the demo dataset and writes it to store, then adds the follow-ups and the
// board. Responses go in a few dozen bulk transactions that take the sources in turn over
// spans of time (see timeline.windows), so the store's newest-first order mixes the sources
// as a live sync would. progress, when not nil, is called on the caller's goroutine after
// every batch with the responses written so far and the total. An error or cancellation
// leaves the spans already committed in place; running Load again with the same options
// completes them and changes no response already written.
func Load(ctx context.Context, store Store, opts Options, progress func(done, total int)) (Result, error) {
	opts, err := opts.normalize()
	if err != nil {
		return Result{}, err
	}
	ph, err := loadPhrases()
	if err != nil {
		return Result{}, err
	}
	tl := newTimeline(opts.Responses, opts.Seed, opts.Now)

	res := Result{Responses: opts.Responses}
	var ids [numSources]int64
	var gens [numSources]*generator
	for si, src := range sources {
		s, err := store.EnsureSource(ctx, src.name, data.KindDemo)
		if err != nil {
			return res, fmt.Errorf("creating demo source %q: %w", src.name, err)
		}
		ids[si] = s.ID
		gens[si] = newGenerator(si, tl, ph, opts.Seed)
		res.Sources++
	}
	done := 0
	wrote := func(n int) {
		done += n
		if progress != nil {
			progress(done, opts.Responses)
		}
	}
	for _, until := range tl.windows() {
		for si, g := range gens {
			up, err := write(ctx, store, ids[si], g, until, wrote)
			if err != nil {
				return res, fmt.Errorf("writing demo responses of %q: %w", sources[si].name, err)
			}
			res.Written.Add(up)
		}
	}
	for _, g := range gens {
		res.Comments += g.comments
		res.Tagged += g.tagged
		res.Notes += g.notes
	}
	if err := annotate(ctx, store, opts, ids, &res); err != nil {
		return res, err
	}
	return res, nil
}

func (o Options) normalize() (Options, error) {
	switch {
	case o.Responses == 0:
		o.Responses = DefaultResponses
	case o.Responses < 0:
		return o, data.Errorf(data.EINVALID, "demo response count must be positive, not %d", o.Responses)
	case o.Responses > MaxResponses:
		return o, data.Errorf(data.EINVALID, "demo response count must be at most %d, not %d", MaxResponses, o.Responses)
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	// Whole seconds, as the store keeps them, and no monotonic reading.
	o.Now = o.Now.Truncate(time.Second)
	return o, nil
}

// write generates one source's responses before day until and writes them in one bulk
// transaction. The generator runs in its own goroutine one batch ahead, so that making a
// batch overlaps the store writing the previous one; three batches circulate between the two.
func write(ctx context.Context, store Store, sourceID int64, g *generator, until int, wrote func(int)) (data.UpsertResult, error) {
	var total data.UpsertResult
	if !g.pending(until) {
		return total, nil
	}
	w, err := store.BeginBulk(ctx, sourceID)
	if err != nil {
		return total, err
	}

	ctx, cancel := context.WithCancel(ctx)
	full := make(chan *batch, 1)
	if g.batches == nil {
		for range 3 {
			g.batches = append(g.batches, newBatch(batchSize, g.src))
		}
	}
	free := make(chan *batch, len(g.batches))
	for _, b := range g.batches {
		free <- b
	}
	generated := make(chan struct{})
	go func() {
		defer close(generated)
		defer close(full)
		for {
			var b *batch
			select {
			case b = <-free:
			case <-ctx.Done():
				return
			}
			if g.fill(b, until); len(b.rs) == 0 {
				return
			}
			select {
			case full <- b:
			case <-ctx.Done():
				return
			}
		}
	}()

	err = func() error {
		for b := range full {
			up, err := w.Write(ctx, b.rs)
			if err != nil {
				return err
			}
			total.Add(up)
			wrote(len(b.rs))
			free <- b
		}
		// The generator also stops early when ctx is cancelled: that must not commit.
		return ctx.Err()
	}()
	cancel()
	<-generated
	if err != nil {
		return total, errors.Join(err, w.Rollback())
	}
	if err := w.Commit(); err != nil {
		return total, fmt.Errorf("committing: %w", err)
	}
	return total, nil
}
