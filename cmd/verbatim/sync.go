package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// openSyncer opens the store and the sync engine on it.
func (e *env) openSyncer() (*sqlite.DB, *syncer.Engine, error) {
	db, err := e.openStore()
	if err != nil {
		return nil, nil, err
	}
	engine, err := syncer.NewEngine(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, engine, nil
}

func runSync(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim sync", "[NAME...] [--full]")
	full := fs.Bool("full", false, "fetch every response again instead of only what is new (local tags, notes and boards stay)")
	names, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	db, engine, err := e.openSyncer()
	if err != nil {
		return err
	}
	defer db.Close()
	status := newStatusLine(e.stderr)
	engine.Progress = status.progress
	results, err := engine.Sync(ctx, names, syncer.Options{Full: *full})
	status.finish()
	if err != nil {
		return err
	}
	if len(results) == 0 {
		fmt.Fprintln(e.stdout, "No sources to sync. Add one with: verbatim source add NAME --kind typeform --survey FORM_ID --token-env VAR")
		return nil
	}
	var failures []error
	for _, r := range results {
		switch {
		case r.Err == nil:
			elapsed := r.Run.FinishedAt.Sub(r.Run.StartedAt).Seconds()
			fmt.Fprintf(e.stdout, "%s: %d fetched, %d new, %d updated in %.1f s\n", r.Source, r.Run.Fetched, r.Run.Inserted, r.Run.Updated, elapsed)
		case errors.Is(r.Err, context.Canceled):
			return context.Canceled
		default:
			failures = append(failures, &data.Error{Code: data.ErrorCode(r.Err),
				Message: fmt.Sprintf("source %q: %s", r.Source, data.ErrorMessage(r.Err))})
		}
	}
	if len(failures) == 0 {
		return nil
	}
	// One line per failed source; the last one is the command's error (exit 1).
	for _, f := range failures[:len(failures)-1] {
		fmt.Fprintln(e.stderr, "verbatim: "+sentence(f.Error()))
	}
	return failures[len(failures)-1]
}

// statusLine shows sync progress on one terminal line and stays silent otherwise.
type statusLine struct {
	w    io.Writer
	on   bool
	mu   sync.Mutex
	last time.Time
	by   map[string]syncer.Progress
	keys []string
	wide int
}

func newStatusLine(w io.Writer) *statusLine {
	s := &statusLine{w: w, by: map[string]syncer.Progress{}}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			s.on = true
		}
	}
	return s
}

// progress is the engine's Progress callback; sources syncing side by side share the line.
func (s *statusLine) progress(p syncer.Progress) {
	if !s.on {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.by[p.Source]; !ok {
		s.keys = append(s.keys, p.Source)
	}
	s.by[p.Source] = p
	if time.Since(s.last) < 100*time.Millisecond && p.Event == syncer.EventPage {
		return
	}
	s.last = time.Now()
	var parts []string
	for _, k := range s.keys {
		q := s.by[k]
		part := fmt.Sprintf("%s %d", k, q.Fetched)
		switch {
		case q.Event == syncer.EventDone:
			part += " ✓"
		case q.Event == syncer.EventFailed:
			part += " ✗"
		case q.Total > 0:
			part += fmt.Sprintf("/%d", q.Total)
			if q.ETA > 0 {
				part += fmt.Sprintf(" (%s left)", q.ETA.Round(time.Second))
			}
		}
		parts = append(parts, part)
	}
	line := "Syncing " + strings.Join(parts, " · ")
	pad := max(s.wide-len(line), 0)
	s.wide = max(s.wide, len(line))
	fmt.Fprintf(s.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

// finish clears the line.
func (s *statusLine) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.on && s.wide > 0 {
		fmt.Fprintf(s.w, "\r%s\r", strings.Repeat(" ", s.wide))
	}
}
