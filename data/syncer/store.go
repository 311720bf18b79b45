package syncer

import (
	"context"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Run statuses.
const (
	RunRunning  = "running"
	RunOK       = "ok"
	RunFailed   = "failed"
	RunCanceled = "canceled"
)

// Run is one sync of one source: a row of sync_runs.
type Run struct {
	ID         int64
	SourceID   int64
	StartedAt  time.Time
	FinishedAt time.Time // zero while running (or when a crash ended the run)
	Fetched    int       // responses received from the API
	Inserted   int
	Updated    int
	Status     string // one of the Run constants
	Error      string // the user's sentence when Status is failed
}

// RunStore records sync runs and each source's sync status. data/sqlite implements it.
type RunStore interface {
	// StartRun records a run that starts now for a source and sets r.ID.
	StartRun(ctx context.Context, r *Run) error
	// FinishRun records how a run ended, and updates its source in the same transaction:
	// when r.Status is ok, last_sync_at becomes r.FinishedAt and last_error is cleared; when
	// it is failed, last_error becomes r.Error; a canceled run leaves the source as it was.
	FinishRun(ctx context.Context, r *Run) error
	// Runs lists a source's most recent runs, newest first, at most limit of them.
	Runs(ctx context.Context, sourceID int64, limit int) ([]*Run, error)
}

// Store is everything the Engine needs from the cache.
type Store interface {
	data.SourceService
	data.ResponseService
	RunStore
}
