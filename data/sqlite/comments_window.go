package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/verbatim-app/verbatim/data"
)

// Reading newest (or oldest) first through a large id set — a common word's tens of
// thousands of matches — costs mostly the copy of the set SQLite builds to test each
// response against, not the walk. Responses arrive in time order far more often than not
// (a sync fetches the latest, an export lists them by date), so the next few thousand
// responses by date usually have ids in a narrow range; the sets can then be cut to that
// range, which their indexes seek to, before the copy. readKeysWindowed reads by such
// windows of the date order and falls back to the plain walk when the ids of a window are
// spread across the table.

// windowMinSet is the smallest id set worth reading by windows: below it, building the
// copy of the whole set costs less than the windows' extra walks. A variable, like the two
// below, for tests.
var windowMinSet = 30_000

// windowFactor is how many responses of the date order a first window spans per key wanted;
// each further window is twice as long.
var windowFactor = 20

// windowSpread is the widest id range, as a share of all ids, worth cutting the sets to.
var windowSpread = 0.25

// readKeysWindowed reads up to n keys of q in date order s after the cursor, by windows. ok
// is false when the ids of the first window are too spread for windows to pay off.
func (db *DB) readKeysWindowed(ctx context.Context, q *commentSQL, s sortSpec, after *data.Cursor, n int) (run *readAhead, ok bool, err error) {
	var minID, maxID sql.NullInt64
	// Two subqueries: SQLite answers a lone min() or max() from the end of the index, but
	// both in one SELECT by scanning the table.
	if err := db.db.QueryRowContext(ctx, "SELECT (SELECT min(id) FROM responses), (SELECT max(id) FROM responses)").Scan(&minID, &maxID); err != nil {
		return nil, false, db.wrapBusy(fmt.Errorf("search comments: %w", err))
	}
	span := float64(maxID.Int64 - minID.Int64 + 1)
	run = &readAhead{}
	cur := after
	for size := n * windowFactor; len(run.keys) < n; size *= 2 {
		end, lo, hi, err := db.window(ctx, s, cur, size)
		if err != nil {
			return nil, false, err
		}
		if end == nil && lo > hi {
			run.complete = true // nothing after the cursor at all
			break
		}
		if float64(hi-lo+1) > windowSpread*span {
			if len(run.keys) == 0 {
				return nil, false, nil
			}
			break // the keys read so far stand; the next read walks plainly
		}
		keys, err := db.windowKeys(ctx, q, s, cur, end, lo, hi, n-len(run.keys))
		if err != nil {
			return nil, false, err
		}
		run.keys = append(run.keys, keys...)
		if end == nil {
			run.complete = len(run.keys) < n
			break
		}
		if len(run.keys) < n {
			c := *end
			cur = &c
		}
	}
	return run, true, nil
}

// window finds the next size responses of the date order after cur, whatever the filter:
// its last one (nil when the window reaches the end of the responses) and the range of
// their ids (lo > hi when there are none).
func (db *DB) window(ctx context.Context, s sortSpec, cur *data.Cursor, size int) (end *data.Cursor, lo, hi int64, err error) {
	var where []string
	var args []any
	if cur != nil {
		cond, a := s.after(cur)
		where, args = append(where, cond), a
	}
	walk := "SELECT r.created_at, r.id FROM responses r INDEXED BY " + s.index + joinWhere(where) + s.orderBy()
	var c data.Cursor
	err = db.db.QueryRowContext(ctx, walk+" LIMIT 1 OFFSET ?", append(args, size-1)...).Scan(&c.Created, &c.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, 0, 0, db.wrapBusy(fmt.Errorf("search comments: %w", err))
	default:
		end = &c
	}
	var minID, maxID sql.NullInt64
	err = db.db.QueryRowContext(ctx, "SELECT min(id), max(id) FROM ("+walk+" LIMIT ?)", append(args, size)...).Scan(&minID, &maxID)
	if err != nil {
		return nil, 0, 0, db.wrapBusy(fmt.Errorf("search comments: %w", err))
	}
	if !minID.Valid {
		return end, 1, 0, nil
	}
	return end, minID.Int64, maxID.Int64, nil
}

// windowKeys reads up to n keys of q after cur and up to end (the whole rest when end is
// nil), with q's sets cut to ids lo to hi: every response of the window has its id there.
func (db *DB) windowKeys(ctx context.Context, q *commentSQL, s sortSpec, cur, end *data.Cursor, lo, hi int64, n int) ([]data.Cursor, error) {
	cut := *q
	cut.sets = make([]idSet, len(q.sets))
	for i, set := range q.sets {
		cut.sets[i] = set.within(lo, hi)
	}
	p := cut.plan(-1, s.index)
	if cur != nil {
		cond, args := s.after(cur)
		p.where, p.args = append(p.where, cond), append(p.args, args...)
	}
	if end != nil {
		// Up to and including end: not after it.
		op := "<="
		if s.desc {
			op = ">="
		}
		p.where = append(p.where, "(r.created_at, r.id) "+op+" (?, ?)")
		p.args = append(p.args, end.Created, end.ID)
	}
	return db.scanKeys(ctx, p.sql(s.keyColumn()+", r.created_at, r.id")+s.orderBy()+" LIMIT ?", append(p.args, n))
}
