package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

var _ data.SyncRunService = (*DB)(nil)

// StartSyncRun records a run starting for r.SourceID and sets r.ID.
func (db *DB) StartSyncRun(ctx context.Context, r *data.SyncRun) error {
	if r.StartedAt.IsZero() {
		r.StartedAt = db.Now()
	}
	if r.Status == "" {
		r.Status = data.SyncRunning
	}
	res, err := db.db.ExecContext(ctx, `INSERT INTO sync_runs(source_id, started_at, status) VALUES(?, ?, ?)`,
		r.SourceID, r.StartedAt.Unix(), r.Status)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("record the start of a sync: %w", err))
	}
	r.ID, err = res.LastInsertId()
	return err
}

// FinishSyncRun records how a run ended and, in the same transaction, the source's last sync
// time (on success) and last error (on success or failure; a canceled run changes neither).
func (db *DB) FinishSyncRun(ctx context.Context, r *data.SyncRun) error {
	if r.FinishedAt.IsZero() {
		r.FinishedAt = db.Now()
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("record the end of a sync: %w", err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE sync_runs SET finished_at = ?, fetched = ?, inserted = ?, updated = ?,
		status = ?, error = ? WHERE id = ?`,
		r.FinishedAt.Unix(), r.Fetched, r.Inserted, r.Updated, r.Status, r.Error, r.ID); err != nil {
		return db.wrapBusy(fmt.Errorf("record the end of a sync: %w", err))
	}
	var q string
	var args []any
	switch r.Status {
	case data.SyncOK:
		q, args = `UPDATE sources SET last_sync_at = ?, last_error = '' WHERE id = ?`, []any{r.FinishedAt.Unix(), r.SourceID}
	case data.SyncFailed:
		q, args = `UPDATE sources SET last_error = ? WHERE id = ?`, []any{r.Error, r.SourceID}
	}
	if q != "" {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return db.wrapBusy(fmt.Errorf("record the sync status of source %d: %w", r.SourceID, err))
		}
	}
	return db.wrapBusy(tx.Commit())
}

// SyncRuns lists a source's most recent runs, newest first.
func (db *DB) SyncRuns(ctx context.Context, sourceID int64, limit int) ([]*data.SyncRun, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, source_id, started_at, finished_at, fetched, inserted, updated, status, error
		FROM sync_runs WHERE source_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`, sourceID, limit)
	if err != nil {
		return nil, fmt.Errorf("list the syncs of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	var out []*data.SyncRun
	for rows.Next() {
		var r data.SyncRun
		var started int64
		var finished sql.NullInt64
		if err := rows.Scan(&r.ID, &r.SourceID, &started, &finished, &r.Fetched, &r.Inserted, &r.Updated, &r.Status, &r.Error); err != nil {
			return nil, err
		}
		r.StartedAt = time.Unix(started, 0)
		if finished.Valid {
			r.FinishedAt = time.Unix(finished.Int64, 0)
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}
