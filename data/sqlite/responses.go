package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// BeginBulk starts a transaction that upserts responses of one source. See data.BulkWriter.
func (db *DB) BeginBulk(ctx context.Context, sourceID int64) (data.BulkWriter, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("start writing to %s: %w", db.path, err))
	}
	w := &bulkWriter{db: db, tx: tx, sourceID: sourceID, roll: newRollups(db.loc), tagIDs: map[string]int64{}}
	if err := w.prepare(ctx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return w, nil
}

type bulkWriter struct {
	db       *DB
	tx       *sql.Tx
	sourceID int64
	roll     *rollups
	tagIDs   map[string]int64 // tag name (lower case) → id, for source tags
	cursor   *string
	closed   bool

	lookup, insert, update, ftsInsert, ftsDelete, tagInsert, noteInsert *sql.Stmt
}

func (w *bulkWriter) prepare(ctx context.Context) error {
	stmts := []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.lookup, `SELECT id, content_hash, survey_type, scale_min, scale_max, created_at, score, properties,
			comment IS NOT NULL AND comment <> ''
			FROM responses WHERE source_id = ? AND external_id = ?`},
		{&w.insert, `INSERT INTO responses(source_id, external_id, survey, survey_type, scale_min, scale_max, score,
			comment, respondent_email, respondent_name, created_at, updated_at, permalink, properties, answers, content_hash)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.update, `UPDATE responses SET survey = ?, survey_type = ?, scale_min = ?, scale_max = ?, score = ?,
			comment = ?, respondent_email = ?, respondent_name = ?, created_at = ?, updated_at = ?, permalink = ?,
			properties = ?, answers = ?, content_hash = ? WHERE id = ?`},
		{&w.ftsInsert, `INSERT INTO responses_fts(rowid, comment) VALUES(?, ?)`},
		{&w.ftsDelete, `DELETE FROM responses_fts WHERE rowid = ?`},
		{&w.tagInsert, `INSERT INTO response_tags(response_id, tag_id, origin, created_at) VALUES(?, ?, 'source', ?)
			ON CONFLICT DO NOTHING`},
		{&w.noteInsert, `INSERT INTO notes(response_id, body, created_at)
			SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM notes WHERE response_id = ?1 AND body = ?2)`},
	}
	for _, s := range stmts {
		st, err := w.tx.PrepareContext(ctx, s.query)
		if err != nil {
			return fmt.Errorf("prepare bulk write: %w", err)
		}
		*s.dst = st
	}
	return nil
}

// Write upserts a batch. Rows are matched on (source, external id); a row whose content hash
// is unchanged is left alone, a changed one has only its source fields rewritten.
func (w *bulkWriter) Write(ctx context.Context, rs []*data.Response) (data.UpsertResult, error) {
	var res data.UpsertResult
	if w.closed {
		return res, errors.New("bulk write already finished")
	}
	now := w.db.Now().Unix()
	for _, r := range rs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := validate(r); err != nil {
			return res, err
		}
		props, answers := encodeMap(r.Properties), encodeMap(r.Answers)
		hash := contentHash(r, props, answers)
		updatedAt := now
		if !r.UpdatedAt.IsZero() {
			updatedAt = r.UpdatedAt.Unix()
		}
		row := scoredRow{surveyType: r.SurveyType, scaleMin: r.ScaleMin, scaleMax: r.ScaleMax,
			createdAt: r.CreatedAt.Unix(), sourceID: w.sourceID, properties: r.Properties}
		if r.Score != nil {
			row.score = sql.NullFloat64{Float64: *r.Score, Valid: true}
		}

		var old scoredRow
		var id, oldHash int64
		var oldProps sql.NullString
		var hadComment bool
		err := w.lookup.QueryRowContext(ctx, w.sourceID, r.ExternalID).Scan(&id, &oldHash, &old.surveyType,
			&old.scaleMin, &old.scaleMax, &old.createdAt, &old.score, &oldProps, &hadComment)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			result, err := w.insert.ExecContext(ctx, w.sourceID, r.ExternalID, r.Survey, r.SurveyType, r.ScaleMin, r.ScaleMax,
				row.score, nullString(r.Comment), nullString(r.RespondentEmail), nullString(r.RespondentName),
				row.createdAt, updatedAt, nullString(r.Permalink), props, answers, hash)
			if err != nil {
				return res, w.db.wrapBusy(fmt.Errorf("insert response %s: %w", r.ExternalID, err))
			}
			if id, err = result.LastInsertId(); err != nil {
				return res, err
			}
			res.Inserted++
		case err != nil:
			return res, w.db.wrapBusy(fmt.Errorf("look up response %s: %w", r.ExternalID, err))
		case oldHash == hash:
			res.Unchanged++
			continue
		default:
			if _, err := w.update.ExecContext(ctx, r.Survey, r.SurveyType, r.ScaleMin, r.ScaleMax, row.score,
				nullString(r.Comment), nullString(r.RespondentEmail), nullString(r.RespondentName),
				row.createdAt, updatedAt, nullString(r.Permalink), props, answers, hash, id); err != nil {
				return res, w.db.wrapBusy(fmt.Errorf("update response %s: %w", r.ExternalID, err))
			}
			if hadComment {
				if _, err := w.ftsDelete.ExecContext(ctx, id); err != nil {
					return res, fmt.Errorf("update search index for %s: %w", r.ExternalID, err)
				}
			}
			old.sourceID = w.sourceID
			old.properties = decodeMap(oldProps)
			w.roll.add(old, -1)
			res.Updated++
		}
		w.roll.add(row, 1)
		if r.Comment != "" {
			if _, err := w.ftsInsert.ExecContext(ctx, id, foldForSearch(r.Comment)); err != nil {
				return res, fmt.Errorf("index comment of %s: %w", r.ExternalID, err)
			}
		}
		if err := w.writeSourceAnnotations(ctx, id, r, now); err != nil {
			return res, err
		}
	}
	if err := w.roll.flush(ctx, w.tx); err != nil {
		return res, w.db.wrapBusy(err)
	}
	return res, nil
}

// writeSourceAnnotations adds the tags and notes the source itself attached. It only adds:
// whatever the user changed locally stays.
func (w *bulkWriter) writeSourceAnnotations(ctx context.Context, id int64, r *data.Response, now int64) error {
	for _, name := range r.Tags {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		tagID, err := w.tagID(ctx, name)
		if err != nil {
			return err
		}
		if _, err := w.tagInsert.ExecContext(ctx, id, tagID, now); err != nil {
			return fmt.Errorf("tag response %s: %w", r.ExternalID, err)
		}
	}
	for _, body := range r.Notes {
		if strings.TrimSpace(body) == "" {
			continue
		}
		if _, err := w.noteInsert.ExecContext(ctx, id, body, now); err != nil {
			return fmt.Errorf("add note to response %s: %w", r.ExternalID, err)
		}
	}
	return nil
}

func (w *bulkWriter) tagID(ctx context.Context, name string) (int64, error) {
	key := strings.ToLower(name)
	if id, ok := w.tagIDs[key]; ok {
		return id, nil
	}
	id, err := ensureTag(ctx, w.tx, name)
	if err != nil {
		return 0, err
	}
	w.tagIDs[key] = id
	return id, nil
}

func (w *bulkWriter) SetCursor(cursor string) { w.cursor = &cursor }

func (w *bulkWriter) Commit() error {
	if w.closed {
		return errors.New("bulk write already finished")
	}
	w.closed = true
	if w.cursor != nil {
		if _, err := w.tx.Exec("UPDATE sources SET cursor = ? WHERE id = ?", *w.cursor, w.sourceID); err != nil {
			w.tx.Rollback()
			return fmt.Errorf("save sync cursor: %w", err)
		}
	}
	if err := w.tx.Commit(); err != nil {
		return w.db.wrapBusy(fmt.Errorf("commit responses to %s: %w", w.db.path, err))
	}
	return nil
}

func (w *bulkWriter) Rollback() error {
	if w.closed {
		return nil
	}
	w.closed = true
	return w.tx.Rollback()
}

func validate(r *data.Response) error {
	switch {
	case r.ExternalID == "":
		return data.Errorf(data.EINVALID, "a response has no external id")
	case r.SurveyType == "":
		return data.Errorf(data.EINVALID, "response %s has no survey type", r.ExternalID)
	case r.CreatedAt.IsZero():
		return data.Errorf(data.EINVALID, "response %s has no date", r.ExternalID)
	case r.Score != nil && (math.IsNaN(*r.Score) || math.IsInf(*r.Score, 0)):
		return data.Errorf(data.EINVALID, "response %s has an invalid score", r.ExternalID)
	}
	return nil
}

// contentHash fingerprints everything a source sends for a response.
func contentHash(r *data.Response, props, answers sql.NullString) int64 {
	h := fnv.New64a()
	var num [8]byte
	str := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	str(r.Survey)
	str(r.SurveyType)
	binary.LittleEndian.PutUint64(num[:], uint64(r.ScaleMin)<<32|uint64(uint32(r.ScaleMax)))
	h.Write(num[:])
	if r.Score != nil {
		binary.LittleEndian.PutUint64(num[:], math.Float64bits(*r.Score))
		h.Write(num[:])
	} else {
		str("-")
	}
	str(r.Comment)
	str(r.RespondentEmail)
	str(r.RespondentName)
	binary.LittleEndian.PutUint64(num[:], uint64(r.CreatedAt.Unix()))
	h.Write(num[:])
	str(r.Permalink)
	str(props.String)
	str(answers.String)
	for _, t := range r.Tags {
		str(t)
	}
	str("|")
	for _, n := range r.Notes {
		str(n)
	}
	return int64(h.Sum64())
}

// encodeMap stores a string map as JSON (keys sorted, so equal maps encode equally).
func encodeMap(m map[string]string) sql.NullString {
	if len(m) == 0 {
		return sql.NullString{}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return sql.NullString{}
	}
	return sql.NullString{String: string(b), Valid: true}
}

func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// foldForSearch prepares text for the full-text index and for queries alike. The unicode61
// tokenizer already folds case and strips diacritics (so İ becomes i), but Turkish dotless ı
// has no decomposition, so it is mapped here: "kırık" and "kirik" then match each other.
func foldForSearch(s string) string {
	if !strings.ContainsAny(s, "ıİ") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == 'ı' || r == 'İ' {
			return 'i'
		}
		return r
	}, s)
}
