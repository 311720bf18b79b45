package sqlite

import (
	"context"
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
			return db.scanTagScores(ctx, `SELECT t.name, t.color, d.score, sum(d.n)
				FROM tags t CROSS JOIN tag_days d ON d.tag_id = t.id`, db.rollupWhere(f, scale, "d."), "GROUP BY t.id, d.score")
		}
	}
	from, where, args := responsesFrom(f)
	where = append(where, "r.score IS NOT NULL", "r.scale_min = ?", "r.scale_max = ?")
	args = append(args, scale.scaleMin, scale.scaleMax)
	return db.scanTagScores(ctx, `SELECT t.name, t.color, r.score, count(*)`+from+`
		CROSS JOIN response_tags rt ON rt.response_id = r.id JOIN tags t ON t.id = rt.tag_id`,
		condition{where, args}, "GROUP BY t.id, r.score")
}

// condition is a list of SQL conditions joined by AND and their arguments.
type condition struct {
	where []string
	args  []any
}

// rollupWhere selects the rows of a rollup table (columns prefixed by p) counting responses
// on scale in f's local days and source.
func (db *DB) rollupWhere(f data.Filter, scale scaleKey, p string) condition {
	c := condition{
		where: []string{p + "survey_type = ?", p + "scale_min = ?", p + "scale_max = ?"},
		args:  []any{scale.surveyType, scale.scaleMin, scale.scaleMax},
	}
	if !f.From.IsZero() {
		c.where = append(c.where, p+"day >= ?")
		c.args = append(c.args, localDay(f.From.Unix(), db.loc))
	}
	if !f.To.IsZero() {
		c.where = append(c.where, p+"day <= ?")
		c.args = append(c.args, localDay(f.To.Unix()-1, db.loc))
	}
	if f.SourceID != 0 {
		c.where = append(c.where, p+"source_id = ?")
		c.args = append(c.args, f.SourceID)
	}
	return c
}

// scanTagScores runs a query of (tag name, color, score, count) rows.
func (db *DB) scanTagScores(ctx context.Context, query string, c condition, group string) ([]*tagScores, error) {
	rows, err := db.db.QueryContext(ctx, query+joinWhere(c.where)+" "+group, c.args...)
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
