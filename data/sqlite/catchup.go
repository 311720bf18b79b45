package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
)

// Catch-up: the work a large load (BeginLoad) leaves for after its commit, so that the
// responses and their rollups are committed, and the dashboard shows them, as early as
// possible. Both parts are recorded in the database, so a crash, a kill or a closed window
// only postpones them:
//
//   - Secondary indexes of responses that a load dropped to insert faster (meta
//     "deferred_indexes" holds their CREATE statements). Building an index afterwards sorts
//     once; keeping it during the load costs a random b-tree insert per row and index.
//   - Full-text indexing of comments above the watermark (meta "search_indexed"): every
//     response with an id at or below it has its current comment in responses_fts, none
//     above it has. The watermark moves up in chunks, each its own transaction that also
//     applies the tag rules to the chunk's comments: tag rules take effect when a comment
//     enters the index.
//
// A DB runs catch-up in a background goroutine after a commit that left work and when it
// opens a database with work pending; WaitCatchUp runs it to the end in the caller.

const (
	metaSearchIndexed   = "search_indexed"
	metaDeferredIndexes = "deferred_indexes"

	// searchChunk is how many response ids one full-text transaction covers: large enough
	// that the index gets big segments, small enough that other writers wait at most a
	// second or two for the lock.
	searchChunk = 50_000
)

// deferredIndex is a secondary index a load dropped, to be built again.
type deferredIndex struct {
	Name string `json:"name"`
	SQL  string `json:"sql"`
}

// CatchUpProgress says how far catch-up is. Indexes counts the deferred indexes left to
// build; Indexed and Total are response ids: comments of responses up to Indexed are
// searchable, of the Total (the largest id).
type CatchUpProgress struct {
	Indexes        int
	Indexed, Total int64
}

// Searchable is the share of responses whose comments search finds, from 0 to 1.
func (p CatchUpProgress) Searchable() float64 {
	if p.Total <= 0 {
		return 1
	}
	return float64(p.Indexed) / float64(p.Total)
}

// Done reports whether nothing is left to do.
func (p CatchUpProgress) Done() bool { return p.Indexes == 0 && p.Indexed >= p.Total }

// queryer is what reading catch-up state needs: a *sql.Tx or the pool.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readCatchUp reads the watermark, the largest response id and the deferred indexes. A
// missing watermark means a database from before it existed, with every comment indexed; a
// watermark above the largest id means the top responses were deleted (their index rows went
// with them), and ids above the largest are free again, so it reads as the largest id.
func readCatchUp(ctx context.Context, q queryer) (CatchUpProgress, []deferredIndex, error) {
	var p CatchUpProgress
	var mark sql.NullString
	var list sql.NullString
	err := q.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = ?), coalesce((SELECT max(id) FROM responses), 0),
		(SELECT value FROM meta WHERE key = ?)`, metaSearchIndexed, metaDeferredIndexes).Scan(&mark, &p.Total, &list)
	if err != nil {
		return p, nil, fmt.Errorf("read the search index's progress: %w", err)
	}
	p.Indexed = p.Total
	if mark.Valid {
		if n, err := strconv.ParseInt(mark.String, 10, 64); err == nil && n < p.Total {
			p.Indexed = n
		}
	}
	var idx []deferredIndex
	if list.Valid && list.String != "" {
		if err := json.Unmarshal([]byte(list.String), &idx); err != nil {
			return p, nil, fmt.Errorf("read the indexes left to build: %w", err)
		}
	}
	p.Indexes = len(idx)
	return p, idx, nil
}

// CatchUpStatus reads how far catch-up is; search screens show Searchable while it runs.
func (db *DB) CatchUpStatus(ctx context.Context) (CatchUpProgress, error) {
	p, _, err := readCatchUp(ctx, db.db)
	return p, db.wrapBusy(err)
}

// WaitCatchUp does whatever catch-up is left, in the caller's goroutine, calling progress
// (when not nil) after each step. A background catch-up of this DB may run at the same
// time: each step re-reads the state in its own write transaction, so none is done twice.
func (db *DB) WaitCatchUp(ctx context.Context, progress func(CatchUpProgress)) error {
	for {
		p, done, err := db.catchUpStep(ctx)
		if err != nil {
			return err
		}
		if progress != nil {
			progress(p)
		}
		if done {
			db.truncateWAL(ctx)
			return nil
		}
	}
}

// walKeepBytes is the WAL size truncateWAL leaves alone.
const walKeepBytes = 16 << 20

// truncateWAL copies a WAL that a load has grown to the load's size into the database and
// empties the file: that disk space is not needed until the next load. It gives up at once
// when a reader is using the WAL (it stays for the next checkpoint).
func (db *DB) truncateWAL(ctx context.Context) {
	if st, err := os.Stat(db.path + "-wal"); err != nil || st.Size() <= walKeepBytes {
		return
	}
	conn, err := db.acquireWriter(ctx)
	if err != nil {
		return
	}
	defer db.releaseWriter()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return
	}
	conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeoutMS))
}

// catchUpStep builds one deferred index or indexes one chunk of comments, in one write
// transaction on the writer connection. It reports the progress after the step and whether
// nothing is left.
func (db *DB) catchUpStep(ctx context.Context) (CatchUpProgress, bool, error) {
	conn, err := db.acquireWriter(ctx)
	if err != nil {
		return CatchUpProgress{}, false, err
	}
	defer db.releaseWriter()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return CatchUpProgress{}, false, db.wrapBusy(fmt.Errorf("index %s: %w", db.path, err))
	}
	defer tx.Rollback()
	p, idx, err := readCatchUp(ctx, tx)
	if err != nil {
		return p, false, db.wrapBusy(err)
	}
	switch {
	case len(idx) > 0:
		err = buildIndex(ctx, tx, idx)
		p.Indexes--
	case p.Indexed < p.Total:
		p.Indexed, err = db.indexComments(ctx, tx, p.Indexed, min(p.Indexed+searchChunk, p.Total))
	default:
		return p, true, nil
	}
	if err != nil {
		return p, false, db.wrapBusy(err)
	}
	if err := tx.Commit(); err != nil {
		return p, false, db.wrapBusy(fmt.Errorf("index %s: %w", db.path, err))
	}
	return p, p.Done(), nil
}

// buildIndex builds the first of the deferred indexes and takes it off the list.
func buildIndex(ctx context.Context, tx *sql.Tx, idx []deferredIndex) error {
	var exists bool
	if err := tx.QueryRowContext(ctx, "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'index' AND name = ?",
		idx[0].Name).Scan(&exists); err != nil {
		return fmt.Errorf("build index %s: %w", idx[0].Name, err)
	}
	if !exists {
		if _, err := tx.ExecContext(ctx, idx[0].SQL); err != nil {
			return fmt.Errorf("build index %s: %w", idx[0].Name, err)
		}
	}
	return saveDeferredIndexes(ctx, tx, idx[1:])
}

// saveDeferredIndexes records the indexes left to build (none: the key goes).
func saveDeferredIndexes(ctx context.Context, tx *sql.Tx, idx []deferredIndex) error {
	if len(idx) == 0 {
		_, err := tx.ExecContext(ctx, "DELETE FROM meta WHERE key = ?", metaDeferredIndexes)
		return err
	}
	b, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	return setMeta(ctx, tx, metaDeferredIndexes, string(b))
}

// dropSecondaryIndexes drops the indexes of responses that have a CREATE statement (all but
// the unique key the writer looks rows up by) and adds them to the deferred list.
func dropSecondaryIndexes(ctx context.Context, tx *sql.Tx) error {
	_, idx, err := readCatchUp(ctx, tx)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = 'responses' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		return fmt.Errorf("list the indexes of responses: %w", err)
	}
	var drop []deferredIndex
	for rows.Next() {
		var d deferredIndex
		if err := rows.Scan(&d.Name, &d.SQL); err != nil {
			rows.Close()
			return err
		}
		drop = append(drop, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range drop {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+d.Name+`"`); err != nil {
			return fmt.Errorf("drop index %s for the load: %w", d.Name, err)
		}
	}
	return saveDeferredIndexes(ctx, tx, append(idx, drop...))
}

// indexComments adds the comments of responses with ids in (from, to] to the full-text
// index, applies the tag rules to them and moves the watermark to to.
func (db *DB) indexComments(ctx context.Context, tx *sql.Tx, from, to int64) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, comment FROM responses
		WHERE id > ? AND id <= ? AND comment IS NOT NULL AND comment <> '' ORDER BY id`, from, to)
	if err != nil {
		return from, fmt.Errorf("read comments to index: %w", err)
	}
	var ids []int64
	var texts []string
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return from, err
		}
		ids = append(ids, id)
		texts = append(texts, foldForSearch(text))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return from, fmt.Errorf("read comments to index: %w", err)
	}
	if err := insertSearchRows(ctx, tx, ids, texts); err != nil {
		return from, err
	}
	if err := applyTagRules(ctx, tx, ids, db.Now().Unix()); err != nil {
		return from, err
	}
	if err := setMeta(ctx, tx, metaSearchIndexed, strconv.FormatInt(to, 10)); err != nil {
		return from, fmt.Errorf("save the search index's progress: %w", err)
	}
	return to, nil
}

// insertSearchRows adds folded comments to the full-text index, one prepared statement
// reused: tokenizing dominates, so multi-row statements gain nothing here.
func insertSearchRows(ctx context.Context, tx *sql.Tx, ids []int64, texts []string) error {
	if len(ids) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO responses_fts(rowid, comment) VALUES(?, ?)")
	if err != nil {
		return fmt.Errorf("index comments: %w", err)
	}
	defer stmt.Close()
	for i, id := range ids {
		if _, err := stmt.ExecContext(ctx, id, texts[i]); err != nil {
			return fmt.Errorf("index the comment of response %d: %w", id, err)
		}
	}
	return nil
}

// background runs catch-up in one goroutine per DB. again records that work arrived while
// a run was ending, so that it goes round once more instead of missing it.
type background struct {
	mu      sync.Mutex
	ctx     context.Context
	cancel  context.CancelFunc
	running bool
	again   bool
	closed  bool
	wg      sync.WaitGroup
	err     error // the last run's error, if it failed
}

// catchUpInBackground lets tests turn the background catch-up off, to look at the state a
// load leaves and to play a crash before catch-up.
var catchUpInBackground = true

// startCatchUp starts the background catch-up unless it is already running.
func (db *DB) startCatchUp() {
	b := &db.bg
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed || !catchUpInBackground {
		return
	}
	if b.running {
		b.again = true
		return
	}
	b.running = true
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		for {
			err := db.WaitCatchUp(b.ctx, nil)
			b.mu.Lock()
			b.err = err
			if err == nil && b.again && !b.closed {
				b.again = false
				b.mu.Unlock()
				continue
			}
			b.running, b.again = false, false
			b.mu.Unlock()
			return
		}
	}()
}

// stopCatchUp cancels the background catch-up and waits for it: the step under way rolls
// back, what was committed stays.
func (db *DB) stopCatchUp() {
	b := &db.bg
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cancel()
	b.wg.Wait()
}

// CatchUpError returns why the last background catch-up stopped early, or nil. Cancellation
// by Close is not an error.
func (db *DB) CatchUpError() error {
	db.bg.mu.Lock()
	defer db.bg.mu.Unlock()
	if errors.Is(db.bg.err, context.Canceled) {
		return nil
	}
	return db.bg.err
}

// catchUpPending reports whether the database has catch-up work left.
func (db *DB) catchUpPending(ctx context.Context) (bool, error) {
	p, _, err := readCatchUp(ctx, db.db)
	return !p.Done(), err
}
