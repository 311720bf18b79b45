package sqlite

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// exportProgressEvery is how many rows ExportComments writes between progress calls.
const exportProgressEvery = 2000

// exportColumns are the fixed columns of a comments export; one column per segment key
// follows them.
var exportColumns = []string{"id", "external_id", "date", "survey", "survey_type", "score", "source",
	"comment", "tags", "notes", "follow_up", "permalink"}

// ExportComments writes every response matching f, in f's order, to w as CSV for
// spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents right), the columns of exportColumns and then one per segment key, dates in local time. Every text
// cell starting with = + - @, a tab or a carriage return gets a leading ' so that no
// spreadsheet runs it as a formula. Rows stream from one query, never held in memory; ctx
// cancels, progress (when not nil) hears how far it got. Respondents' names and emails are
// left out: exports travel.
func (db *DB) ExportComments(ctx context.Context, f data.CommentFilter, w io.Writer, progress func(done, total int)) (int, error) {
	if err := validateComments(f); err != nil {
		return 0, err
	}
	s, err := sortFor(f.Sort)
	if err != nil {
		return 0, err
	}
	total, err := db.CountComments(ctx, f)
	if err != nil {
		return 0, err
	}
	keys, err := db.exportSegmentKeys(ctx)
	if err != nil {
		return 0, err
	}
	q := buildComments(f)
	p, _, err := db.pagePlan(ctx, q, s)
	if err != nil {
		return 0, err
	}
	query := p.sql(`r.id, r.external_id, r.created_at, r.survey, r.survey_type, r.score, r.comment, r.permalink, r.properties,
		(SELECT name FROM sources WHERE id = r.source_id),
		(SELECT group_concat(t.name, '; ' ORDER BY t.name COLLATE NOCASE) FROM response_tags rt JOIN tags t ON t.id = rt.tag_id
			WHERE rt.response_id = r.id),
		(SELECT group_concat(body, char(10) ORDER BY id) FROM notes WHERE response_id = r.id),
		(SELECT status FROM follow_ups WHERE response_id = r.id)`) + s.orderBy()
	rows, err := db.db.QueryContext(ctx, query, p.args...)
	if err != nil {
		return 0, db.wrapBusy(fmt.Errorf("export comments: %w", err))
	}
	defer rows.Close()

	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return 0, fmt.Errorf("write export: %w", err)
	}
	// Plain \n line ends: csv.Writer's CRLF mode drops a lone \r inside a cell.
	cw := csv.NewWriter(w)
	header := append(append([]string{}, exportColumns...), keys...)
	if err := cw.Write(header); err != nil {
		return 0, fmt.Errorf("write export: %w", err)
	}
	record := make([]string, len(header))
	n := 0
	if progress != nil {
		progress(0, total)
	}
	for rows.Next() {
		var id, created int64
		var ext, survey, typ string
		var score sql.NullFloat64
		var comment, permalink, props, source, tags, notes, follow sql.NullString
		if err := rows.Scan(&id, &ext, &created, &survey, &typ, &score, &comment, &permalink, &props,
			&source, &tags, &notes, &follow); err != nil {
			return n, err
		}
		record[0] = strconv.FormatInt(id, 10)
		record[1] = cell(ext)
		record[2] = time.Unix(created, 0).Format("2006-01-02 15:04:05")
		record[3] = cell(survey)
		record[4] = cell(typ)
		record[5] = ""
		if score.Valid {
			record[5] = strconv.FormatFloat(score.Float64, 'f', -1, 64)
		}
		record[6] = cell(source.String)
		record[7] = cell(comment.String)
		record[8] = cell(tags.String)
		record[9] = cell(notes.String)
		record[10] = follow.String
		record[11] = cell(permalink.String)
		segments := decodeMap(props)
		for i, k := range keys {
			record[len(exportColumns)+i] = cell(segments[k])
		}
		if err := cw.Write(record); err != nil {
			return n, fmt.Errorf("write export: %w", err)
		}
		n++
		if n%exportProgressEvery == 0 {
			cw.Flush()
			if progress != nil {
				progress(n, max(total, n))
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, db.wrapBusy(fmt.Errorf("export comments: %w", err))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("write export: %w", err)
	}
	if progress != nil {
		progress(n, n)
	}
	return n, nil
}

// exportSegmentKeys lists the segment keys the data carries, sorted.
func (db *DB) exportSegmentKeys(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT DISTINCT key FROM segment_days ORDER BY key")
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("list segments: %w", err))
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// cell neutralises text a spreadsheet would run as a formula (the OWASP "CSV injection"
// list: = + - @ tab and carriage return first) by putting a ' in front, which spreadsheets
// show as plain text.
func cell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
