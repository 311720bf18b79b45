package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// SegmentSource is the pseudo segment key that breaks scores down by source.
const SegmentSource = "source"

// fact is a count of responses sharing a survey type and scale, a local day, a source, a
// score and (for breakdowns) a segment value. Reports are sums of facts.
type fact struct {
	scale    scaleKey
	day      int
	sourceID int64
	score    float64
	value    string
	n        int
}

type scaleKey struct {
	surveyType         string
	scaleMin, scaleMax int
}

// Reports computes one report per survey type (and scale) matching q, the type with the most
// responses first. Date ranges count whole local days: From's day through the day before To.
func (db *DB) Reports(ctx context.Context, q data.ReportQuery) ([]*data.Report, error) {
	from, to, err := db.reportRange(ctx, q.Filter)
	if err != nil {
		return nil, err
	}
	if from.IsZero() {
		return nil, nil // nothing scored yet
	}
	by := q.By
	if by == "" {
		by = metrics.AutoGranularity(from, to)
	}
	current := q.Filter
	current.From, current.To = from, to
	facts, err := db.loadFacts(ctx, current, "")
	if err != nil {
		return nil, err
	}

	reports := map[scaleKey]*data.Report{}
	dists := map[scaleKey]map[float64]int{}
	series := map[scaleKey]map[time.Time]map[float64]int{}
	for _, f := range facts {
		r := reports[f.scale]
		if r == nil {
			r = &data.Report{SurveyType: f.scale.surveyType, ScaleMin: f.scale.scaleMin, ScaleMax: f.scale.scaleMax, From: from, To: to, By: by}
			reports[f.scale] = r
			dists[f.scale] = map[float64]int{}
			series[f.scale] = map[time.Time]map[float64]int{}
		}
		dists[f.scale][f.score] += f.n
		start := metrics.BucketStart(dayTime(f.day, db.loc), by)
		if series[f.scale][start] == nil {
			series[f.scale][start] = map[float64]int{}
		}
		series[f.scale][start][f.score] += f.n
	}

	out := make([]*data.Report, 0, len(reports))
	for key, r := range reports {
		rule := metrics.RuleFor(key.surveyType, key.scaleMin, key.scaleMax)
		r.Distribution = metrics.Distribution(dists[key])
		r.Summary = rule.Summarize(r.Distribution)
		for start, dist := range series[key] {
			s := rule.Summarize(metrics.Distribution(dist))
			r.Series = append(r.Series, data.SeriesPoint{Start: start, Responses: s.Responses, Score: s.Score, Margin: s.Margin})
		}
		sort.Slice(r.Series, func(i, j int) bool { return r.Series[i].Start.Before(r.Series[j].Start) })
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Responses != out[j].Responses {
			return out[i].Responses > out[j].Responses
		}
		return out[i].SurveyType < out[j].SurveyType
	})

	if !q.From.IsZero() {
		if err := db.addPrevious(ctx, q.Filter, from, to, reports); err != nil {
			return nil, err
		}
	}
	if q.Segment != "" {
		if err := db.addSegments(ctx, current, q.Segment, reports); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reportRange resolves open ends of the filter's range from the data: all time runs from the
// first scored day to the end of the last.
func (db *DB) reportRange(ctx context.Context, f data.Filter) (time.Time, time.Time, error) {
	from, to := f.From, f.To
	if !from.IsZero() && !to.IsZero() {
		return from, to, nil
	}
	var first, last sql.NullInt64
	if err := db.db.QueryRowContext(ctx, "SELECT min(day), max(day) FROM score_days").Scan(&first, &last); err != nil {
		return from, to, db.wrapBusy(fmt.Errorf("read score range: %w", err))
	}
	if !first.Valid {
		return time.Time{}, time.Time{}, nil
	}
	if from.IsZero() {
		from = dayTime(int(first.Int64), db.loc)
	}
	if to.IsZero() {
		to = dayTime(int(last.Int64), db.loc).AddDate(0, 0, 1)
	}
	return from, to, nil
}

// addPrevious sets each report's Previous to the period of equal length before from.
func (db *DB) addPrevious(ctx context.Context, f data.Filter, from, to time.Time, reports map[scaleKey]*data.Report) error {
	prev := f
	prev.From, prev.To = from.Add(-to.Sub(from)), from
	facts, err := db.loadFacts(ctx, prev, "")
	if err != nil {
		return err
	}
	dists := map[scaleKey]map[float64]int{}
	for _, f := range facts {
		if reports[f.scale] == nil {
			continue
		}
		if dists[f.scale] == nil {
			dists[f.scale] = map[float64]int{}
		}
		dists[f.scale][f.score] += f.n
	}
	for key, dist := range dists {
		s := metrics.RuleFor(key.surveyType, key.scaleMin, key.scaleMax).Summarize(metrics.Distribution(dist))
		reports[key].Previous = &s
	}
	return nil
}

// addSegments breaks each report down by one segment key, best score first.
func (db *DB) addSegments(ctx context.Context, f data.Filter, segment string, reports map[scaleKey]*data.Report) error {
	facts, err := db.loadFacts(ctx, f, segment)
	if err != nil {
		return err
	}
	dists := map[scaleKey]map[string]map[float64]int{}
	for _, f := range facts {
		if reports[f.scale] == nil {
			continue
		}
		if dists[f.scale] == nil {
			dists[f.scale] = map[string]map[float64]int{}
		}
		if dists[f.scale][f.value] == nil {
			dists[f.scale][f.value] = map[float64]int{}
		}
		dists[f.scale][f.value][f.score] += f.n
	}
	var names map[string]string
	if segment == SegmentSource {
		if names, err = db.sourceNames(ctx); err != nil {
			return err
		}
	}
	for key, byValue := range dists {
		rule := metrics.RuleFor(key.surveyType, key.scaleMin, key.scaleMax)
		r := reports[key]
		for value, dist := range byValue {
			if name, ok := names[value]; ok {
				value = name
			}
			r.Segments = append(r.Segments, data.SegmentScore{Key: segment, Value: value, Summary: rule.Summarize(metrics.Distribution(dist))})
		}
		sort.Slice(r.Segments, func(i, j int) bool {
			a, b := r.Segments[i], r.Segments[j]
			if a.Score != b.Score {
				return a.Score > b.Score
			}
			if a.Responses != b.Responses {
				return a.Responses > b.Responses
			}
			return a.Value < b.Value
		})
	}
	return nil
}

// sourceID returns the id of the source called name, or -1 (matching nothing) when absent.
func (db *DB) sourceID(ctx context.Context, name string) (int64, error) {
	s, err := db.SourceByName(ctx, name)
	switch {
	case data.ErrorCode(err) == data.ENOTFOUND:
		return -1, nil
	case err != nil:
		return 0, err
	}
	return s.ID, nil
}

func (db *DB) sourceNames(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id, name FROM sources")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[strconv.FormatInt(id, 10)] = name
	}
	return names, rows.Err()
}

// loadFacts returns the counts behind a report. segment "" gives one fact per score; a
// segment key gives one per value of that key ("source" per source). The rollups answer
// every filter except a tag with a segment, or a segment filter on one key broken down by
// another; those read the responses themselves.
func (db *DB) loadFacts(ctx context.Context, f data.Filter, segment string) ([]fact, error) {
	band := f.Band
	f.Band = "" // applied below on each fact, by its own type's rule
	if f.SegmentKey == SegmentSource {
		id, err := db.sourceID(ctx, f.SegmentValue)
		if err != nil {
			return nil, err
		}
		f.SourceID, f.SegmentKey, f.SegmentValue = id, "", ""
	}
	var facts []fact
	var err error
	rollup := f.Tag == "" && (f.SegmentKey == "" || segment == "" || segment == SegmentSource || segment == f.SegmentKey)
	if f.Tag != "" && f.SegmentKey == "" && (segment == "" || segment == SegmentSource) {
		if rollup, err = db.tagRollupCurrent(ctx); err != nil {
			return nil, err
		}
	}
	if rollup {
		facts, err = db.rollupFacts(ctx, f, segment)
	} else {
		facts, err = db.rawFacts(ctx, f, segment)
	}
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("compute scores: %w", err))
	}
	if band == "" {
		return facts, nil
	}
	kept := facts[:0]
	for _, x := range facts {
		if metrics.RuleFor(x.scale.surveyType, x.scale.scaleMin, x.scale.scaleMax).Band(x.score) == band {
			kept = append(kept, x)
		}
	}
	return kept, nil
}

func (db *DB) rollupFacts(ctx context.Context, f data.Filter, segment string) ([]fact, error) {
	var where []string
	var args []any
	table, valueCol := "score_days", "''"
	switch {
	case segment != "" && segment != SegmentSource:
		table, valueCol = "segment_days", "value"
		where = append(where, "key = ?")
		args = append(args, segment)
		if f.SegmentKey == segment {
			where = append(where, "value = ?")
			args = append(args, f.SegmentValue)
		}
	case f.SegmentKey != "":
		table = "segment_days"
		where = append(where, "key = ?", "value = ?")
		args = append(args, f.SegmentKey, f.SegmentValue)
	case f.Tag != "":
		table = "tag_days"
		where = append(where, "tag_id = (SELECT id FROM tags WHERE name = ?)")
		args = append(args, f.Tag)
	}
	if segment == SegmentSource {
		valueCol = "source_id"
	}
	c := db.rollupWhere(f, "")
	where, args = append(where, c.where...), append(args, c.args...)
	rows, err := db.db.QueryContext(ctx, `SELECT survey_type, scale_min, scale_max, day, source_id, score, n, `+valueCol+`
		FROM `+table+joinWhere(where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var facts []fact
	for rows.Next() {
		var x fact
		if err := rows.Scan(&x.scale.surveyType, &x.scale.scaleMin, &x.scale.scaleMax, &x.day, &x.sourceID, &x.score, &x.n, &x.value); err != nil {
			return nil, err
		}
		facts = append(facts, x)
	}
	return facts, rows.Err()
}

// rawFacts counts from the responses table, for filters the rollups cannot answer.
func (db *DB) rawFacts(ctx context.Context, f data.Filter, segment string) ([]fact, error) {
	from, where, args := responsesFrom(f)
	where = append(where, "r.score IS NOT NULL")
	valueCol := "''"
	switch segment {
	case "":
	case SegmentSource:
		valueCol = "r.source_id"
	default:
		valueCol = "coalesce(json_extract(r.properties, ?), '')"
		args = append([]any{jsonPath(segment)}, args...)
	}
	conn, err := db.scanConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT r.survey_type, r.scale_min, r.scale_max, r.created_at, r.source_id, r.score, `+valueCol+
		from+joinWhere(where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type groupKey struct {
		scale    scaleKey
		day      int
		sourceID int64
		score    float64
		value    string
	}
	counts := map[groupKey]int{}
	for rows.Next() {
		var k groupKey
		var created int64
		if err := rows.Scan(&k.scale.surveyType, &k.scale.scaleMin, &k.scale.scaleMax, &created, &k.sourceID, &k.score, &k.value); err != nil {
			return nil, err
		}
		if segment != "" && segment != SegmentSource && k.value == "" {
			continue
		}
		k.day = localDay(created, db.loc)
		counts[k]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	facts := make([]fact, 0, len(counts))
	for k, n := range counts {
		facts = append(facts, fact{scale: k.scale, day: k.day, sourceID: k.sourceID, score: k.score, value: k.value, n: n})
	}
	return facts, nil
}

// SegmentKeys lists the property keys found in the data, plus "source".
func (db *DB) SegmentKeys(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT DISTINCT key FROM segment_days ORDER BY key")
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("list segments: %w", err))
	}
	defer rows.Close()
	keys := []string{SegmentSource}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// SegmentValues lists the values a property key takes, most frequent first.
func (db *DB) SegmentValues(ctx context.Context, key string) ([]string, error) {
	query := "SELECT value FROM segment_days WHERE key = ? GROUP BY value ORDER BY sum(n) DESC, value"
	args := []any{key}
	if key == SegmentSource {
		query, args = "SELECT name FROM sources ORDER BY name COLLATE NOCASE", nil
	}
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("list values of segment %q: %w", key, err))
	}
	defer rows.Close()
	var values []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		values = append(values, strings.TrimSpace(v))
	}
	return values, rows.Err()
}
