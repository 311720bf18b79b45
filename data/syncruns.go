package data

import (
	"context"
	"time"
)

// Sync run statuses.
const (
	SyncRunning  = "running"
	SyncOK       = "ok"
	SyncFailed   = "failed"
	SyncCanceled = "canceled"
)

// SyncRun is one sync of one source: what it fetched and how it ended.
type SyncRun struct {
	ID         int64
	SourceID   int64
	StartedAt  time.Time
	FinishedAt time.Time // zero while running, or when a crash ended the run
	Fetched    int       // responses received from the API
	Inserted   int
	Updated    int
	Status     string // one of the Sync status constants
	Error      string // the user's sentence when Status is failed
}

// SyncRunService records sync runs and each source's sync status (the Sources screen's
// history and "last error").
type SyncRunService interface {
	// StartSyncRun records a run starting for r.SourceID at r.StartedAt and sets r.ID.
	StartSyncRun(ctx context.Context, r *SyncRun) error
	// FinishSyncRun records how a run ended and updates its source in the same transaction:
	// when r.Status is ok, last_sync_at becomes r.FinishedAt and last_error is cleared; when
	// it is failed, last_error becomes r.Error; a canceled run leaves the source as it was.
	FinishSyncRun(ctx context.Context, r *SyncRun) error
	// SyncRuns lists a source's most recent runs, newest first, at most limit of them.
	SyncRuns(ctx context.Context, sourceID int64, limit int) ([]*SyncRun, error)
}
