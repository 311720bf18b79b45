package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/verbatim-app/verbatim/data"
)

// tagScores is how many responses carrying one tag gave each score.
type tagScores struct {
	name, color string
	scores      map[float64]int
}

// tagScores counts, per tag, the scores of the responses on scale matching f (its band
// aside: the pain of a theme needs all its responses). With useRollup the tag rollup answers
// filters by date, survey type and source; a tag or segment filter counts from the responses.
func (db *DB) tagScores(ctx context.Context, f data.Filter, scale scaleKey, useRollup bool) ([]*tagScores, error) {
	f.Band = ""
	if f.SegmentKey == SegmentSource {
		id, err := db.sourceID(ctx, f.SegmentValue)
		if err != nil {
			return nil, err
		}
		f.SourceID, f.SegmentKey, f.SegmentValue = id, "", ""
	}
	if useRollup && f.Tag == "" && f.SegmentKey == "" {
		current, err := db.tagRollupCurrent(ctx)
		if err != nil {
			return nil, err
		}
		if current {
			return db.scanTagScores(ctx, db.db, `SELECT t.name, t.color, d.score, sum(d.n)
				FROM tags t CROSS JOIN tag_days d ON d.tag_id = t.id`, db.scaleWhere(f, scale, "d."), "GROUP BY t.id, d.score")
		}
	}
	from, where, args := responsesFrom(f)
	from += " CROSS JOIN response_tags rt ON rt.response_id = r.id"
	if f.Tag == "" {
		first, err := db.tagsFirst(ctx, f, scale)
		if err != nil {
			return nil, err
		}
		if first {
			from = " FROM response_tags rt CROSS JOIN responses r ON r.id = rt.response_id"
		}
	}
	where = append(where, "r.score IS NOT NULL", "r.scale_min = ?", "r.scale_max = ?")
	args = append(args, scale.scaleMin, scale.scaleMax)
	conn, err := db.scanConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return db.scanTagScores(ctx, conn, `SELECT t.name, t.color, r.score, count(*)`+from+` JOIN tags t ON t.id = rt.tag_id`,
		condition{where, args}, "GROUP BY t.id, r.score")
}

// tagsFirst reports whether counting tags under a filter the rollup cannot answer (a segment)
// visits fewer responses by walking every tag on a response, in response order, than by
// walking the responses in f's dates: each response visited pays for reading its row.
func (db *DB) tagsFirst(ctx context.Context, f data.Filter, scale scaleKey) (bool, error) {
	c := db.scaleWhere(f, scale, "")
	var tags, responses int64
	err := db.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM response_tags),
		(SELECT coalesce(sum(n), 0) FROM score_days`+joinWhere(c.where)+`)`, c.args...).Scan(&tags, &responses)
	if err != nil {
		return false, db.wrapBusy(fmt.Errorf("count tags and responses: %w", err))
	}
	return tags < responses, nil
}

// condition is a list of SQL conditions joined by AND and their arguments.
type condition struct {
	where []string
	args  []any
}

// rollupWhere selects the rows of a rollup table (columns prefixed by p) counting responses
// in f's local days, survey type and source.
func (db *DB) rollupWhere(f data.Filter, p string) condition {
	var c condition
	if !f.From.IsZero() {
		c.where = append(c.where, p+"day >= ?")
		c.args = append(c.args, localDay(f.From.Unix(), db.loc))
	}
	if !f.To.IsZero() {
		c.where = append(c.where, p+"day <= ?")
		c.args = append(c.args, localDay(f.To.Unix()-1, db.loc))
	}
	if f.SurveyType != "" {
		c.where = append(c.where, p+"survey_type = ?")
		c.args = append(c.args, f.SurveyType)
	}
	if f.SourceID != 0 {
		c.where = append(c.where, p+"source_id = ?")
		c.args = append(c.args, f.SourceID)
	}
	return c
}

// scaleWhere narrows rollupWhere to one survey type and scale.
func (db *DB) scaleWhere(f data.Filter, scale scaleKey, p string) condition {
	f.SurveyType = scale.surveyType
	c := db.rollupWhere(f, p)
	c.where = append(c.where, p+"scale_min = ?", p+"scale_max = ?")
	c.args = append(c.args, scale.scaleMin, scale.scaleMax)
	return c
}

// queryContexter runs queries: the pool or one connection of it.
type queryContexter interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// scanTagScores runs a query of (tag name, color, score, count) rows on q.
func (db *DB) scanTagScores(ctx context.Context, q queryContexter, query string, c condition, group string) ([]*tagScores, error) {
	rows, err := q.QueryContext(ctx, query+joinWhere(c.where)+" "+group, c.args...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("count the responses of each tag: %w", err))
	}
	defer rows.Close()
	byName := map[string]*tagScores{}
	var out []*tagScores
	for rows.Next() {
		var name, color string
		var score float64
		var n int
		if err := rows.Scan(&name, &color, &score, &n); err != nil {
			return nil, err
		}
		if n == 0 {
			continue // a rollup row whose responses all lost the tag
		}
		ts := byName[name]
		if ts == nil {
			ts = &tagScores{name: name, color: color, scores: map[float64]int{}}
			byName[name] = ts
			out = append(out, ts)
		}
		ts.scores[score] += n
	}
	return out, rows.Err()
}

// responsesFrom returns a FROM clause naming the responses r and the conditions selecting
// those matching f. With a tag in the filter the walk starts from that tag's responses (one
// range of an index) instead of testing every response in the date range for the tag.
func responsesFrom(f data.Filter) (string, []string, []any) {
	tag := f.Tag
	f.Tag = ""
	where, args := filterWhere(f)
	if tag == "" {
		return " FROM responses r", where, args
	}
	return " FROM response_tags ft CROSS JOIN responses r ON r.id = ft.response_id",
		append([]string{"ft.tag_id = (SELECT id FROM tags WHERE name = ?)"}, where...), append([]any{tag}, args...)
}
