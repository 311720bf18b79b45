package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

const responseColumns = `r.id, r.source_id, r.external_id, r.survey, r.survey_type, r.scale_min, r.scale_max, r.score,
	r.comment, r.respondent_email, r.respondent_name, r.created_at, r.updated_at, r.permalink, r.properties, r.answers`

// FindResponses returns one page of responses matching f, newest first, with their tags and
// notes. Paging is by keyset (f.BeforeID), so every page costs the same at any depth.
func (db *DB) FindResponses(ctx context.Context, f data.ResponseFilter) ([]*data.Response, error) {
	where, args, err := responseWhere(f)
	if err != nil {
		return nil, err
	}
	if f.BeforeID > 0 {
		where = append(where, "r.id < ?")
		args = append(args, f.BeforeID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	query := `SELECT ` + responseColumns + ` FROM responses r` + joinWhere(where) + ` ORDER BY r.id DESC LIMIT ?`
	rows, err := db.db.QueryContext(ctx, query, append(args, limit)...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("find responses: %w", err))
	}
	defer rows.Close()
	var out []*data.Response
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.attachAnnotations(ctx, out)
}

// CountResponses returns how many responses match f.
func (db *DB) CountResponses(ctx context.Context, f data.ResponseFilter) (int, error) {
	where, args, err := responseWhere(f)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.db.QueryRowContext(ctx, `SELECT count(*) FROM responses r`+joinWhere(where), args...).Scan(&n)
	if err != nil {
		return 0, db.wrapBusy(fmt.Errorf("count responses: %w", err))
	}
	return n, nil
}

// Response returns one response by id.
func (db *DB) Response(ctx context.Context, id int64) (*data.Response, error) {
	r, err := scanResponse(db.db.QueryRowContext(ctx, `SELECT `+responseColumns+` FROM responses r WHERE r.id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, data.Errorf(data.ENOTFOUND, "there is no response %d", id)
	} else if err != nil {
		return nil, err
	}
	return r, db.attachAnnotations(ctx, []*data.Response{r})
}

func joinWhere(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// responseWhere turns a filter into SQL conditions on responses r. Every value is a bound
// parameter; the full-text query goes through the search translator.
func responseWhere(f data.ResponseFilter) ([]string, []any, error) {
	where, args := filterWhere(f.Filter)
	if strings.TrimSpace(f.Query) != "" {
		match, err := ftsQuery(f.Query)
		if err != nil {
			return nil, nil, err
		}
		if match != "" {
			where = append(where, "r.id IN (SELECT rowid FROM responses_fts WHERE responses_fts MATCH ?)")
			args = append(args, match)
		}
	}
	if f.WithComment {
		where = append(where, "r.comment IS NOT NULL AND r.comment <> ''")
	}
	if f.MinScore != nil {
		where = append(where, "r.score >= ?")
		args = append(args, *f.MinScore)
	}
	if f.MaxScore != nil {
		where = append(where, "r.score <= ?")
		args = append(args, *f.MaxScore)
	}
	return where, args, nil
}

// filterWhere turns the global filter into SQL conditions on responses r.
func filterWhere(f data.Filter) ([]string, []any) {
	var where []string
	var args []any
	if !f.From.IsZero() {
		where = append(where, "r.created_at >= ?")
		args = append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		where = append(where, "r.created_at < ?")
		args = append(args, f.To.Unix())
	}
	if f.SurveyType != "" {
		where = append(where, "r.survey_type = ?")
		args = append(args, f.SurveyType)
	}
	if f.SourceID != 0 {
		where = append(where, "r.source_id = ?")
		args = append(args, f.SourceID)
	}
	switch f.SegmentKey {
	case "":
	case SegmentSource:
		where = append(where, "r.source_id = (SELECT id FROM sources WHERE name = ?)")
		args = append(args, f.SegmentValue)
	default:
		where = append(where, "json_extract(r.properties, ?) = ?")
		args = append(args, jsonPath(f.SegmentKey), f.SegmentValue)
	}
	if f.Tag != "" {
		where = append(where, "r.id IN (SELECT rt.response_id FROM response_tags rt JOIN tags t ON t.id = rt.tag_id WHERE t.name = ?)")
		args = append(args, f.Tag)
	}
	if f.Band != "" {
		cond, bandArgs := bandWhere(f.Band)
		where = append(where, cond)
		args = append(args, bandArgs...)
	}
	return where, args
}

// jsonPath quotes a property key as a JSON path, so keys with dots or quotes stay one key.
func jsonPath(key string) string {
	return `$."` + strings.ReplaceAll(strings.ReplaceAll(key, `\`, `\\`), `"`, `\"`) + `"`
}

// bandTypes are the survey types whose bands bandWhere spells out; any other type is scored
// on its own scale like metrics' unknown-scale rule.
var bandTypes = []string{data.TypeNPS, data.TypeENPS, data.TypeCSAT, data.TypeSmiley, data.TypeStar, data.TypeThumbs, data.TypePMF}

// bandWhere selects responses in a score band, whatever their type, using each type's rule.
func bandWhere(band string) (string, []any) {
	var parts []string
	var args []any
	for _, typ := range bandTypes {
		lo, hi := metrics.RuleFor(typ, 0, 0).BandRange(band)
		parts = append(parts, "(r.survey_type = ? AND r.score BETWEEN ? AND ?)")
		args = append(args, typ, lo, hi)
	}
	for _, max := range []int{5, 7} {
		lo, hi := metrics.RuleFor(data.TypeCES, 1, max).BandRange(band)
		parts = append(parts, "(r.survey_type = 'ces' AND r.scale_max = ? AND r.score BETWEEN ? AND ?)")
		args = append(args, max, lo, hi)
	}
	// Unknown scales: thirds of the response's own scale.
	switch band {
	case data.BandPositive:
		parts = append(parts, "(r.survey_type NOT IN ('nps','enps','csat','smiley','star','thumbs','pmf','ces') AND r.score >= r.scale_max - (r.scale_max - r.scale_min) / 3.0)")
	case data.BandNegative:
		parts = append(parts, "(r.survey_type NOT IN ('nps','enps','csat','smiley','star','thumbs','pmf','ces') AND r.score <= r.scale_min + (r.scale_max - r.scale_min) / 3.0)")
	default:
		parts = append(parts, "(r.survey_type NOT IN ('nps','enps','csat','smiley','star','thumbs','pmf','ces') AND r.score > r.scale_min + (r.scale_max - r.scale_min) / 3.0 AND r.score < r.scale_max - (r.scale_max - r.scale_min) / 3.0)")
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

func scanResponse(s rowScanner) (*data.Response, error) {
	var r data.Response
	var score sql.NullFloat64
	var comment, email, name, permalink, props, answers sql.NullString
	var created, updated int64
	if err := s.Scan(&r.ID, &r.SourceID, &r.ExternalID, &r.Survey, &r.SurveyType, &r.ScaleMin, &r.ScaleMax, &score,
		&comment, &email, &name, &created, &updated, &permalink, &props, &answers); err != nil {
		return nil, err
	}
	if score.Valid {
		r.Score = &score.Float64
	}
	r.Comment, r.RespondentEmail, r.RespondentName, r.Permalink = comment.String, email.String, name.String, permalink.String
	r.CreatedAt, r.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	r.Properties, r.Answers = decodeMap(props), decodeMap(answers)
	return &r, nil
}

// attachAnnotations fills Tags and Notes of a page of responses with two queries.
func (db *DB) attachAnnotations(ctx context.Context, rs []*data.Response) error {
	if len(rs) == 0 {
		return nil
	}
	byID := make(map[int64]*data.Response, len(rs))
	ids := make([]any, len(rs))
	for i, r := range rs {
		byID[r.ID] = r
		ids[i] = r.ID
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	load := func(query string, add func(r *data.Response, s string)) error {
		rows, err := db.db.QueryContext(ctx, query, ids...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var s string
			if err := rows.Scan(&id, &s); err != nil {
				return err
			}
			add(byID[id], s)
		}
		return rows.Err()
	}
	if err := load(`SELECT rt.response_id, t.name FROM response_tags rt JOIN tags t ON t.id = rt.tag_id
		WHERE rt.response_id IN `+in+` ORDER BY t.name COLLATE NOCASE`,
		func(r *data.Response, s string) { r.Tags = append(r.Tags, s) }); err != nil {
		return fmt.Errorf("load tags: %w", err)
	}
	if err := load(`SELECT response_id, body FROM notes WHERE response_id IN `+in+` ORDER BY id`,
		func(r *data.Response, s string) { r.Notes = append(r.Notes, s) }); err != nil {
		return fmt.Errorf("load notes: %w", err)
	}
	return nil
}
