package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// How the comment browser's queries stay fast at a million responses.
//
// A page is "the first N responses in sort order after the cursor". SQLite can produce it in
// two ways, and without table statistics it cannot tell which is cheaper, so the store
// chooses:
//
//   - Walk the sort order's index (responses_browse, responses_highest...) from the cursor,
//     testing each response against the filter, until the page is full. The cost follows how
//     many responses are skipped: cheap when many match (a common word), ruinous when few do.
//     Restrictions to a set of ids (full-text matches, a tag, notes) are tested against a
//     copy of the set SQLite builds once per query.
//   - Start from the smallest restriction (a rare word's few hundred matches, a small tag),
//     look each response up and sort them. The cost follows the set's size.
//
// Each restriction's size is measured first with a capped count (a fraction of a
// millisecond); a set no larger than driveCap drives, anything bigger is walked.

// driveCap is the largest restriction worth looking up response by response and sorting
// (about 1.5 µs each) rather than walking the sort index. A variable so that tests can run
// every filter through both plans (SetDriveCaps).
var driveCap = 5000

// countDriveCap is the same limit for counts, which visit every match either way: looking up
// the matches of a set (1.5-5 µs each) beats scanning the whole browse index (0.1 µs per
// response) up to a few tens of thousands.
var countDriveCap = 30_000

// Sort keys. score_high and score_low are virtual columns (migration 3) placing every score
// on its own scale between 0 and 1, and unscored responses at -1000, below everything.
const (
	highestKey = "r.score_high"
	lowestKey  = "r.score_low"
)

// sortSpec describes one order: its key, the index that walks it, and its direction. Every
// order ends with created_at and id, so (key, created_at, id) is unique and a keyset cursor
// never skips or repeats a response.
type sortSpec struct {
	key   string // "" for the date orders, whose key is created_at itself
	index string
	desc  bool
}

func sortFor(s data.Sort) (sortSpec, error) {
	switch s {
	case "", data.SortNewest:
		return sortSpec{index: "responses_browse", desc: true}, nil
	case data.SortOldest:
		return sortSpec{index: "responses_browse"}, nil
	case data.SortHighest:
		return sortSpec{key: highestKey, index: "responses_highest", desc: true}, nil
	case data.SortLowest:
		return sortSpec{key: lowestKey, index: "responses_lowest", desc: true}, nil
	}
	return sortSpec{}, data.Errorf(data.EINVALID, "sort %q is not one of newest, oldest, lowest, highest", s)
}

// keyColumn is the SQL of the cursor's Key column.
func (s sortSpec) keyColumn() string {
	if s.key == "" {
		return "0.0"
	}
	return s.key
}

// orderBy is the ORDER BY clause.
func (s sortSpec) orderBy() string {
	dir := ""
	if s.desc {
		dir = " DESC"
	}
	cols := []string{"r.created_at" + dir, "r.id" + dir}
	if s.key != "" {
		cols = append([]string{s.key + dir}, cols...)
	}
	return " ORDER BY " + strings.Join(cols, ", ")
}

// after is the keyset condition "comes after c in this order", written as one row-value
// comparison so that SQLite seeks the index to it.
func (s sortSpec) after(c *data.Cursor) (string, []any) {
	op := ">"
	if s.desc {
		op = "<"
	}
	if s.key == "" {
		return "(r.created_at, r.id) " + op + " (?, ?)", []any{c.Created, c.ID}
	}
	return "(" + s.key + ", r.created_at, r.id) " + op + " (?, ?, ?)", []any{c.Key, c.Created, c.ID}
}

// idSet restricts responses to the ids a subquery selects.
type idSet struct {
	query  string // selects response ids in one column named id
	col    string // the column the ids come from, indexed, for within
	args   []any
	unique bool // the query never returns an id twice
}

// within restricts the set to ids from lo to hi, which its index seeks to.
func (s idSet) within(lo, hi int64) idSet {
	join := " AND "
	if !strings.Contains(s.query, " WHERE ") {
		join = " WHERE "
	}
	s.query += join + s.col + " BETWEEN ? AND ?"
	s.args = append(s.args[:len(s.args):len(s.args)], lo, hi)
	return s
}

// commentSQL is a CommentFilter as SQL on responses r: conditions on the row, conditions on
// r.id alone (counts can skip the responses table when there are only these), and id sets
// kept apart so that one of them may drive the query.
type commentSQL struct {
	f                 data.CommentFilter
	rowWhere, idWhere []string
	rowArgs, idArgs   []any
	sets              []idSet
}

// buildComments translates f. Every value is a bound parameter; search text goes through the
// FTS5 translator.
func buildComments(f data.CommentFilter) *commentSQL {
	q := &commentSQL{f: f}
	global := f.Filter
	global.Tag = "" // a set, below
	q.rowWhere, q.rowArgs = filterWhere(global)
	if f.MinScore != nil {
		q.row("r.score >= ?", *f.MinScore)
	}
	if f.MaxScore != nil {
		q.row("r.score <= ?", *f.MaxScore)
	}
	s := data.ParseSearch(f.Search)
	if f.WithComment && len(s.All) == 0 { // full-text matches all have a comment
		q.row("r.has_comment")
	}
	if f.WithoutComment {
		q.row("NOT r.has_comment")
	}

	if len(s.All) > 0 {
		q.set("SELECT rowid AS id FROM responses_fts WHERE responses_fts MATCH ?", "rowid", true, ftsMatch(s))
	} else if len(s.None) > 0 {
		q.id("r.id NOT IN (SELECT rowid FROM responses_fts WHERE responses_fts MATCH ?)", ftsAny(s.None))
	}
	all := f.TagsAll
	if f.Tag != "" {
		all = append([]string{f.Tag}, all...)
	}
	for _, name := range all {
		q.set("SELECT response_id AS id FROM response_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)", "response_id", true, name)
	}
	if len(f.TagsAny) > 0 {
		q.set("SELECT response_id AS id FROM response_tags WHERE tag_id IN (SELECT id FROM tags WHERE name IN ("+
			placeholders(len(f.TagsAny))+"))", "response_id", len(f.TagsAny) == 1, strArgs(f.TagsAny)...)
	}
	if len(f.TagsNone) > 0 {
		q.id("r.id NOT IN (SELECT response_id FROM response_tags WHERE tag_id IN (SELECT id FROM tags WHERE name IN ("+
			placeholders(len(f.TagsNone))+")))", strArgs(f.TagsNone)...)
	}
	if f.HasNote != nil {
		if *f.HasNote {
			q.set("SELECT response_id AS id FROM notes", "response_id", false)
		} else {
			q.id("r.id NOT IN (SELECT response_id FROM notes)")
		}
	}
	switch f.FollowUp {
	case "":
	case data.FollowUpNone:
		q.id("r.id NOT IN (SELECT response_id FROM follow_ups)")
	default:
		q.set("SELECT response_id AS id FROM follow_ups WHERE status = ?", "response_id", true, f.FollowUp)
	}
	return q
}

func (q *commentSQL) row(sql string, args ...any) {
	q.rowWhere = append(q.rowWhere, sql)
	q.rowArgs = append(q.rowArgs, args...)
}

func (q *commentSQL) id(sql string, args ...any) {
	q.idWhere = append(q.idWhere, sql)
	q.idArgs = append(q.idArgs, args...)
}

func (q *commentSQL) set(query, col string, unique bool, args ...any) {
	q.sets = append(q.sets, idSet{query: query, col: col, args: args, unique: unique})
}

func strArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// validateComments rejects filters that cannot mean anything.
func validateComments(f data.CommentFilter) error {
	switch f.FollowUp {
	case "", data.FollowUpNone, data.FollowUpOpen, data.FollowUpContacted, data.FollowUpClosed:
	default:
		return data.Errorf(data.EINVALID, "follow-up %q is not one of open, contacted, closed, none", f.FollowUp)
	}
	switch f.Band {
	case "", data.BandPositive, data.BandNeutral, data.BandNegative:
	default:
		return data.Errorf(data.EINVALID, "score band %q is not one of positive, neutral, negative", f.Band)
	}
	if f.MinScore != nil && f.MaxScore != nil && *f.MinScore > *f.MaxScore {
		return data.Errorf(data.EINVALID, "minimum score %g is above maximum score %g", *f.MinScore, *f.MaxScore)
	}
	return nil
}

// plan is how one query reads responses: FROM clause plus the conditions and arguments in
// the order they appear.
type plan struct {
	from  string
	where []string
	args  []any
}

func (p plan) sql(cols string) string {
	return "SELECT " + cols + " FROM " + p.from + joinWhere(p.where)
}

// pagePlan chooses how to read one sorted page (see the top of this file): from the
// smallest id set when it is small, else from the survey type's or date range's responses
// when they are few, else by walking the sort order's index. windows is true when the walk
// should go by date windows (see comments_window.go): a date order, and id sets that are all
// large.
func (db *DB) pagePlan(ctx context.Context, q *commentSQL, s sortSpec) (p plan, windows bool, err error) {
	driver, size, err := db.smallestSet(ctx, q, windowMinSet)
	if err != nil {
		return plan{}, false, err
	}
	if driver >= 0 && size <= driveCap {
		return q.plan(driver, ""), false, nil
	}
	n, index, err := db.rangeSize(ctx, q.f, driveCap)
	if err != nil {
		return plan{}, false, err
	}
	if index != "" && n <= driveCap {
		return q.plan(-1, index), false, nil
	}
	return q.plan(-1, s.index), driver >= 0 && size > windowMinSet && s.key == "", nil
}

// countPlan chooses how to count. When only id sets and id conditions filter, the count
// never touches the responses table: it reads the smallest set and tests the others.
// Otherwise it looks up the smallest set's responses when that set is small, and scans the
// browse index, which holds every column the conditions test but segments, when it is not.
func (db *DB) countPlan(ctx context.Context, q *commentSQL) (plan, error) {
	driver, size, err := db.smallestSet(ctx, q, countDriveCap)
	if err != nil {
		return plan{}, err
	}
	switch {
	case driver >= 0 && len(q.rowWhere) == 0:
		return q.idCountPlan(driver), nil
	case driver >= 0 && size <= countDriveCap:
		return q.plan(driver, ""), nil
	case len(q.rowWhere) == 0:
		return q.plan(-1, ""), nil // id conditions alone: SQLite scans its smallest index
	}
	return q.plan(-1, "responses_browse"), nil
}

// idCountPlan reads the ids of set driver (once each) and tests the id conditions and the
// other sets on them.
func (q *commentSQL) idCountPlan(driver int) plan {
	set := q.sets[driver]
	p := plan{from: "(" + set.query + ") r"}
	if !set.unique {
		p.from = "(SELECT DISTINCT id FROM (" + set.query + ")) r"
	}
	p.where = append(p.where, q.idWhere...)
	p.args = append(append(p.args, set.args...), q.idArgs...)
	for i, other := range q.sets {
		if i != driver {
			p.where = append(p.where, "r.id IN ("+other.query+")")
			p.args = append(p.args, other.args...)
		}
	}
	return p
}

// plan builds the FROM clause and conditions: the driving set (index driver, -1 for none) as
// a rowid lookup, every other set as a membership test (+r.id keeps SQLite from driving by
// it), and index forced when not "".
func (q *commentSQL) plan(driver int, index string) plan {
	p := plan{from: "responses r"}
	switch {
	case driver >= 0:
		p.from += " NOT INDEXED" // rowid lookups from the set, nothing else
	case index != "":
		p.from += " INDEXED BY " + index
	}
	p.where = append(append(p.where, q.rowWhere...), q.idWhere...)
	p.args = append(append(p.args, q.rowArgs...), q.idArgs...)
	for i, set := range q.sets {
		col := "+r.id"
		if i == driver {
			col = "r.id"
		}
		p.where = append(p.where, col+" IN ("+set.query+")")
		p.args = append(p.args, set.args...)
	}
	return p
}

// smallestSet measures each id set with a count capped at limit+1 and returns the smallest
// (-1 when there are none) and its size.
func (db *DB) smallestSet(ctx context.Context, q *commentSQL, limit int) (int, int, error) {
	best, bestSize := -1, 0
	for i, set := range q.sets {
		var n int
		err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM ("+set.query+" LIMIT ?)", append(set.args[:len(set.args):len(set.args)], limit+1)...).Scan(&n)
		if err != nil {
			return 0, 0, db.wrapBusy(fmt.Errorf("measure comment filter: %w", err))
		}
		if best < 0 || n < bestSize {
			best, bestSize = i, n
		}
	}
	return best, bestSize, nil
}

// rangeSize measures, capped at limit+1, how many responses the survey type and date range
// select together, and names the index that reads just them ("" when neither is set).
func (db *DB) rangeSize(ctx context.Context, f data.CommentFilter, limit int) (int, string, error) {
	var where []string
	var args []any
	index := "responses_browse"
	if f.SurveyType != "" {
		index = "responses_type_created"
		where = append(where, "survey_type = ?")
		args = append(args, f.SurveyType)
	}
	if !f.From.IsZero() {
		where = append(where, "created_at >= ?")
		args = append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		where = append(where, "created_at < ?")
		args = append(args, f.To.Unix())
	}
	if len(where) == 0 {
		return 0, "", nil
	}
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM responses INDEXED BY "+index+joinWhere(where)+" LIMIT ?)",
		append(args, limit+1)...).Scan(&n)
	if err != nil {
		return 0, "", db.wrapBusy(fmt.Errorf("measure comment filter: %w", err))
	}
	return n, index, nil
}
