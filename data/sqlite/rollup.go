package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// maxSegmentValueLen keeps free-text properties (addresses, user agents) out of the segment
// rollup: a value that long is not a segment anyone groups by.
const maxSegmentValueLen = 48

type rollupKey struct {
	surveyType string
	scaleMin   int
	scaleMax   int
	day        int
	sourceID   int64
	score      float64
}

type segmentKey struct {
	key, value string
	rollupKey
}

// rollups accumulates count changes for score_days and segment_days during a batch, so the
// tables get one upsert per distinct key instead of one per response.
type rollups struct {
	loc      *time.Location
	scores   map[rollupKey]int
	segments map[segmentKey]int
}

func newRollups(loc *time.Location) *rollups {
	return &rollups{loc: loc, scores: map[rollupKey]int{}, segments: map[segmentKey]int{}}
}

// scoredRow is what the rollups need to know about a response.
type scoredRow struct {
	surveyType         string
	scaleMin, scaleMax int
	createdAt          int64
	day                int // local day of createdAt (YYYYMMDD) when already computed, else 0
	sourceID           int64
	score              sql.NullFloat64
	properties         map[string]string
}

// localDay returns the local calendar date of a unix time as YYYYMMDD.
func localDay(unix int64, loc *time.Location) int {
	y, m, d := time.Unix(unix, 0).In(loc).Date()
	return y*10000 + int(m)*100 + d
}

// dayTime returns local midnight of a YYYYMMDD day.
func dayTime(day int, loc *time.Location) time.Time {
	return time.Date(day/10000, time.Month(day/100%100), day%100, 0, 0, 0, 0, loc)
}

func (r *rollups) add(row scoredRow, delta int) {
	if !row.score.Valid {
		return
	}
	day := row.day
	if day == 0 {
		day = localDay(row.createdAt, r.loc)
	}
	k := rollupKey{row.surveyType, row.scaleMin, row.scaleMax, day, row.sourceID, row.score.Float64}
	r.scores[k] += delta
	for key, value := range row.properties {
		if value == "" || len(value) > maxSegmentValueLen {
			continue
		}
		r.segments[segmentKey{key, value, k}] += delta
	}
}

func (r *rollups) flush(ctx context.Context, tx *sql.Tx) error {
	if len(r.scores) > 0 {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO score_days(survey_type, scale_min, scale_max, day, source_id, score, n)
			VALUES(?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET n = n + excluded.n`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for k, n := range r.scores {
			if n == 0 {
				continue
			}
			if _, err := stmt.ExecContext(ctx, k.surveyType, k.scaleMin, k.scaleMax, k.day, k.sourceID, k.score, n); err != nil {
				return fmt.Errorf("update score rollup: %w", err)
			}
		}
	}
	if len(r.segments) > 0 {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO segment_days(key, value, survey_type, scale_min, scale_max, day, source_id, score, n)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET n = n + excluded.n`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for k, n := range r.segments {
			if n == 0 {
				continue
			}
			if _, err := stmt.ExecContext(ctx, k.key, k.value, k.surveyType, k.scaleMin, k.scaleMax, k.day, k.sourceID, k.score, n); err != nil {
				return fmt.Errorf("update segment rollup: %w", err)
			}
		}
	}
	clear(r.scores)
	clear(r.segments)
	return nil
}

// zoneFingerprint identifies the local time zone's rules well enough to notice when the
// machine moved to another zone, which would shift every local day the rollups count.
func zoneFingerprint(loc *time.Location) string {
	var b strings.Builder
	b.WriteString(loc.String())
	for y := 2015; y <= 2035; y += 5 {
		for _, m := range []time.Month{time.January, time.July} {
			_, off := time.Date(y, m, 1, 12, 0, 0, 0, loc).Zone()
			fmt.Fprintf(&b, ",%d", off)
		}
	}
	return b.String()
}

// checkRollupZone rebuilds the rollups when they were counted in another time zone.
func (db *DB) checkRollupZone(ctx context.Context) error {
	want := zoneFingerprint(db.loc)
	got, err := db.meta(ctx, "rollup_zone")
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if got == want {
		return nil
	}
	if err := db.RebuildRollups(ctx); err != nil {
		return fmt.Errorf("open database %s: rebuild score rollups: %w", db.path, err)
	}
	return nil
}

// RebuildRollups recounts score_days and segment_days from the responses, in the current
// local time zone.
func (db *DB) RebuildRollups(ctx context.Context) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.wrapBusy(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM score_days; DELETE FROM segment_days"); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT survey_type, scale_min, scale_max, created_at, source_id, score, properties
		FROM responses WHERE score IS NOT NULL`)
	if err != nil {
		return err
	}
	r := newRollups(db.loc)
	for rows.Next() {
		var row scoredRow
		var props sql.NullString
		if err := rows.Scan(&row.surveyType, &row.scaleMin, &row.scaleMax, &row.createdAt, &row.sourceID, &row.score, &props); err != nil {
			rows.Close()
			return err
		}
		row.properties = decodeMap(props)
		r.add(row, 1)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := r.flush(ctx, tx); err != nil {
		return err
	}
	if err := setMeta(ctx, tx, "rollup_zone", zoneFingerprint(db.loc)); err != nil {
		return err
	}
	return tx.Commit()
}

// decodeMap reads a JSON string map column; NULL and malformed values read as empty.
func decodeMap(s sql.NullString) map[string]string {
	if !s.Valid || s.String == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s.String), &m) != nil {
		return nil
	}
	return m
}
