package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// CacheStats describes the cache for the status line: sizes, date span and the last sync.
func (db *DB) CacheStats(ctx context.Context) (data.CacheStats, error) {
	var s data.CacheStats
	var oldest, newest, lastSync sql.NullInt64
	err := db.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM responses),
		(SELECT count(*) FROM sources),
		(SELECT min(created_at) FROM responses),
		(SELECT max(created_at) FROM responses),
		(SELECT max(last_sync_at) FROM sources)`).Scan(&s.Responses, &s.Sources, &oldest, &newest, &lastSync)
	if err != nil {
		return s, db.wrapBusy(fmt.Errorf("read cache statistics: %w", err))
	}
	if oldest.Valid {
		s.Oldest, s.Newest = time.Unix(oldest.Int64, 0), time.Unix(newest.Int64, 0)
	}
	if lastSync.Valid {
		s.LastSyncAt = time.Unix(lastSync.Int64, 0)
	}
	var inserted sql.NullInt64
	var lastErr sql.NullString
	err = db.db.QueryRowContext(ctx, `SELECT inserted, error FROM sync_runs ORDER BY id DESC LIMIT 1`).Scan(&inserted, &lastErr)
	if err != nil && err != sql.ErrNoRows {
		return s, db.wrapBusy(fmt.Errorf("read last sync: %w", err))
	}
	s.NewInLast, s.LastError = int(inserted.Int64), lastErr.String
	return s, nil
}
