package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// The comment browser's services.
var (
	_ data.CommentService    = (*DB)(nil)
	_ data.AnnotationService = (*DB)(nil)
	_ data.TagRuleService    = (*DB)(nil)
)

// Page sizes: the default and the most one call returns.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// How many pages of sort positions FindComments reads at once. Reading positions is cheap
// next to preparing a query (building the set of a common word's matches costs far more
// than walking a few thousand index entries), so the following pages are served from what
// was read: a plain id lookup each. The first read is short, for a quick first page; each
// time a reader scrolls past the read-ahead, the next one is twice as long, up to
// readAheadMaxPages.
const (
	readAheadPages    = 5
	readAheadMaxPages = 320
)

// readAhead is the sort positions read for one filter, in order, starting after the cursor
// the first of its pages came from.
type readAhead struct {
	filter   string // the filter's fingerprint
	keys     []data.Cursor
	complete bool // keys runs to the end of the results
	pages    int  // how many pages it was read for
}

// aheadPos is what a Cursor's State holds: the read-ahead and where the next page starts.
type aheadPos struct {
	run  *readAhead
	next int
}

// FindComments returns a page of responses matching f in f's order, with their tags and
// notes. Pages after the first continue from the positions read ahead with the first, so
// scrolling sees the results as they were when the search ran (rows themselves are read
// fresh); asking for the first page again re-runs the search.
func (db *DB) FindComments(ctx context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error) {
	var page data.CommentPage
	if err := validateComments(f); err != nil {
		return page, err
	}
	s, err := sortFor(f.Sort)
	if err != nil {
		return page, err
	}
	if limit <= 0 {
		limit = defaultPageSize
	}
	limit = min(limit, maxPageSize)
	fp, err := fingerprint(f)
	if err != nil {
		return page, err
	}

	run, next, pages := (*readAhead)(nil), 0, readAheadPages
	if after != nil {
		if st, ok := after.State.(aheadPos); ok && st.run.filter == fp {
			run, next = st.run, st.next
			if rest := len(run.keys) - next; rest <= limit && !run.complete {
				// Not enough read ahead: read on from the cursor, further this time.
				run, pages = nil, min(2*st.run.pages, readAheadMaxPages)
			}
		}
	}
	if run == nil {
		if run, err = db.readKeys(ctx, f, s, after, limit*pages); err != nil {
			return page, err
		}
		run.filter, run.pages, next = fp, pages, 0
	}
	keys := run.keys[next:min(next+limit, len(run.keys))]
	if len(keys) == 0 {
		return page, nil
	}
	if page.Responses, err = db.responsesByID(ctx, keys); err != nil {
		return page, err
	}
	if end := next + len(keys); end < len(run.keys) || !run.complete {
		c := keys[len(keys)-1]
		c.State = aheadPos{run: run, next: end}
		page.Next = &c
	}
	return page, nil
}

// fingerprint identifies a filter, so that a cursor is only continued for the filter it
// came from.
func fingerprint(f data.CommentFilter) (string, error) {
	b, err := json.Marshal(f)
	if err != nil {
		return "", fmt.Errorf("comment filter: %w", err)
	}
	return string(b), nil
}

// readKeys reads up to n sort positions of the results after the cursor (from the start
// when it is nil).
func (db *DB) readKeys(ctx context.Context, f data.CommentFilter, s sortSpec, after *data.Cursor, n int) (*readAhead, error) {
	q := buildComments(f)
	p, windows, err := db.pagePlan(ctx, q, s)
	if err != nil {
		return nil, err
	}
	if windows {
		run, ok, err := db.readKeysWindowed(ctx, q, s, after, n)
		if err != nil || ok {
			return run, err
		}
	}
	if after != nil {
		cond, args := s.after(after)
		p.where = append(p.where, cond)
		p.args = append(p.args, args...)
	}
	keys, err := db.scanKeys(ctx, p.sql(s.keyColumn()+", r.created_at, r.id")+s.orderBy()+" LIMIT ?", append(p.args, n))
	if err != nil {
		return nil, err
	}
	return &readAhead{keys: keys, complete: len(keys) < n}, nil
}

// scanKeys runs a query selecting (key, created_at, id) rows.
func (db *DB) scanKeys(ctx context.Context, query string, args []any) ([]data.Cursor, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("search comments: %w", err))
	}
	defer rows.Close()
	var keys []data.Cursor
	for rows.Next() {
		var c data.Cursor
		if err := rows.Scan(&c.Key, &c.Created, &c.ID); err != nil {
			return nil, err
		}
		keys = append(keys, c)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrapBusy(fmt.Errorf("search comments: %w", err))
	}
	return keys, nil
}

// responsesByID reads the responses at keys, in keys' order, with tags and notes. A response
// deleted since its key was read is left out.
func (db *DB) responsesByID(ctx context.Context, keys []data.Cursor) ([]*data.Response, error) {
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k.ID
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+responseColumns+` FROM responses r WHERE r.id IN (`+placeholders(len(keys))+`)`, args...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read comments: %w", err))
	}
	defer rows.Close()
	byID := make(map[int64]*data.Response, len(keys))
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return nil, err
		}
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*data.Response, 0, len(keys))
	for _, k := range keys {
		if r := byID[k.ID]; r != nil {
			out = append(out, r)
		}
	}
	return out, db.attachAnnotations(ctx, out)
}

// CountComments returns how many responses match f.
func (db *DB) CountComments(ctx context.Context, f data.CommentFilter) (int, error) {
	if err := validateComments(f); err != nil {
		return 0, err
	}
	q := buildComments(f)
	p, err := db.countPlan(ctx, q)
	if err != nil {
		return 0, err
	}
	var n int
	if err := db.db.QueryRowContext(ctx, p.sql("count(*)"), p.args...).Scan(&n); err != nil {
		return 0, db.wrapBusy(fmt.Errorf("count comments: %w", err))
	}
	return n, nil
}

// CommentDetail returns one response with its source's name, tags (with colour and origin),
// notes and follow-up status.
func (db *DB) CommentDetail(ctx context.Context, id int64) (*data.CommentDetail, error) {
	r, err := scanResponse(db.db.QueryRowContext(ctx, `SELECT `+responseColumns+` FROM responses r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "there is no response %d", id)
	} else if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read response %d: %w", id, err))
	}
	d := &data.CommentDetail{Response: r}
	var follow sql.NullString
	err = db.db.QueryRowContext(ctx, `SELECT (SELECT name FROM sources WHERE id = ?),
		(SELECT status FROM follow_ups WHERE response_id = ?)`, r.SourceID, id).Scan(&d.Source, &follow)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read response %d: %w", id, err))
	}
	d.FollowUp = follow.String

	rows, err := db.db.QueryContext(ctx, `SELECT t.id, t.name, t.color, rt.origin FROM response_tags rt
		JOIN tags t ON t.id = rt.tag_id WHERE rt.response_id = ? ORDER BY t.name COLLATE NOCASE`, id)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read tags of response %d: %w", id, err))
	}
	defer rows.Close()
	for rows.Next() {
		var t data.TagRef
		if err := rows.Scan(&t.ID, &t.Name, &t.Color, &t.Origin); err != nil {
			return nil, err
		}
		d.Tags = append(d.Tags, t)
		r.Tags = append(r.Tags, t.Name)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if d.Notes, err = db.notes(ctx, id); err != nil {
		return nil, err
	}
	for _, n := range d.Notes {
		r.Notes = append(r.Notes, n.Body)
	}
	return d, nil
}

// notes lists a response's notes, oldest first.
func (db *DB) notes(ctx context.Context, responseID int64) ([]data.Note, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, body, created_at FROM notes WHERE response_id = ? ORDER BY id`, responseID)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read notes of response %d: %w", responseID, err))
	}
	defer rows.Close()
	var out []data.Note
	for rows.Next() {
		n := data.Note{ResponseID: responseID}
		var created int64
		if err := rows.Scan(&n.ID, &n.Body, &created); err != nil {
			return nil, err
		}
		n.CreatedAt = time.Unix(created, 0)
		out = append(out, n)
	}
	return out, rows.Err()
}
