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
	"strconv"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// BeginBulk starts a transaction that upserts responses of one source. See data.BulkWriter.
// Comments are searchable when it commits (unless an earlier load's catch-up is still under
// way: then new comments wait for it).
func (db *DB) BeginBulk(ctx context.Context, sourceID int64) (data.BulkWriter, error) {
	return db.beginBulk(ctx, sourceID, false)
}

// BeginLoad starts a bulk write like BeginBulk for a load that may be large (a file import).
// It commits responses and rollups without indexing comments for search, and when the load
// at least doubles the table it drops the secondary indexes of responses for the rest of it;
// both are done after the commit by catch-up (catchup.go), in the background or in
// WaitCatchUp. Reports and comment lists work meanwhile (on fewer indexes, more slowly);
// search finds the comments catch-up has reached.
func (db *DB) BeginLoad(ctx context.Context, sourceID int64) (data.BulkWriter, error) {
	return db.beginBulk(ctx, sourceID, true)
}

func (db *DB) beginBulk(ctx context.Context, sourceID int64, load bool) (data.BulkWriter, error) {
	conn, err := db.acquireWriter(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		db.releaseWriter()
		return nil, db.wrapBusy(fmt.Errorf("start writing to %s: %w", db.path, err))
	}
	w := &bulkWriter{db: db, tx: tx, sourceID: sourceID, roll: newRollups(db.loc), tagIDs: map[string]int64{},
		insertStmts: map[int]*sql.Stmt{}, ftsStmts: map[int]*sql.Stmt{}, load: load}
	if err := w.prepare(ctx); err != nil {
		w.Rollback()
		return nil, err
	}
	return w, nil
}

// bulkWriter batches everything it can: existence checks are one query per few hundred
// rows, new rows and their full-text entries go in multi-row INSERTs with ids assigned here
// (the transaction holds the write lock, so nobody else takes ids meanwhile), and rollup
// counts are summed in memory and written once, at Commit.
//
// The full-text index follows the watermark of catchup.go: a response is in it when its id
// is at most the watermark. New rows get ids above every existing one, so they are indexed
// here only when the index was complete at the start and this is not a load (deferNew
// false); otherwise catch-up indexes them after the commit. An updated row's index entry is
// rewritten here only when it has one.
type bulkWriter struct {
	db       *DB
	tx       *sql.Tx
	sourceID int64
	roll     *rollups
	tagIDs   map[string]int64 // tag name (lower case) → id, for source tags
	cursor   *string
	closed   bool
	nextID   int64

	pending     []pendingRow
	annotate    []annotation
	ftsPending  []any             // rowid, folded comment pairs waiting for the full-text index
	insertStmts map[int]*sql.Stmt // multi-row INSERT by row count
	ftsStmts    map[int]*sql.Stmt
	ruleIDs     []int64 // inserted or changed responses with a comment, for tag rules at Commit

	update, ftsDelete, tagInsert, noteInsert *sql.Stmt

	load bool // BeginLoad: comments indexed after the commit, indexes dropped when large
	// startMark and startMax are the watermark and the largest id when the write began.
	startMark, startMax int64
	deferNew            bool  // new rows' comments are left to catch-up
	inserted            int64 // new rows so far
	droppedIndexes      bool
}

// loadDropMin is how many rows a load inserts before it considers dropping the secondary
// indexes (it does once it has inserted at least as many rows as the table had): below it,
// keeping them is cheaper than building them again. Tests lower it.
var loadDropMin int64 = 50_000

// indexed reports whether the response with this id has (or, pending, will have at Commit)
// its comment in the full-text index.
func (w *bulkWriter) indexed(id int64) bool {
	return id <= w.startMark || (id > w.startMax && !w.deferNew)
}

// stored is what the writer knows of a response already in the database (or pending).
type stored struct {
	id         int64
	hash       int64
	row        scoredRow
	hasComment bool
	pending    bool
}

type pendingRow struct {
	id              int64
	r               *data.Response
	row             scoredRow
	props, answers  sql.NullString
	hash, updatedAt int64
}

// annotation is a response whose source tags and notes still need writing.
type annotation struct {
	id int64
	r  *data.Response
}

const (
	insertColumns = 17
	insertChunk   = 64  // rows per multi-row INSERT: 17 × 64 parameters stays far below SQLite's limit
	lookupChunk   = 500 // external ids per existence query
)

func (w *bulkWriter) prepare(ctx context.Context) error {
	p, _, err := readCatchUp(ctx, w.tx)
	if err != nil {
		return w.db.wrapBusy(fmt.Errorf("start writing to %s: %w", w.db.path, err))
	}
	w.startMark, w.startMax, w.nextID = p.Indexed, p.Total, p.Total+1
	w.deferNew = w.load || p.Indexed < p.Total
	stmts := []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.update, `UPDATE responses SET survey = ?, survey_type = ?, scale_min = ?, scale_max = ?, score = ?,
			comment = ?, respondent_email = ?, respondent_name = ?, created_at = ?, updated_at = ?, permalink = ?,
			properties = ?, answers = ?, content_hash = ? WHERE id = ?`},
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
	for _, r := range rs {
		if err := validate(r); err != nil {
			return res, err
		}
	}
	// Preparing rows needs no database: it runs on another goroutine, a chunk ahead of the
	// lookups and inserts, so that a load uses both cores.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := w.prepareRows(ctx, rs, w.db.Now().Unix())
	known, err := w.lookup(ctx, rs)
	if err != nil {
		return res, err
	}
	for chunk := range chunks {
		for _, p := range chunk {
			if err := w.writeRow(ctx, p, known, &res); err != nil {
				return res, err
			}
		}
		if len(w.pending) >= insertChunk {
			if err := w.flushInserts(ctx); err != nil {
				return res, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err // the preparing goroutine stopped early
	}
	if err := w.flushInserts(ctx); err != nil {
		return res, err
	}
	return res, nil
}

// prepareRows computes what each response's row needs (encoded maps, content hash, rollup
// key) and sends the rows in chunks, in order, until ctx ends.
func (w *bulkWriter) prepareRows(ctx context.Context, rs []*data.Response, now int64) <-chan []pendingRow {
	out := make(chan []pendingRow, 4)
	go func() {
		defer close(out)
		for i := 0; i < len(rs); i += insertChunk {
			chunk := make([]pendingRow, 0, insertChunk)
			for _, r := range rs[i:min(i+insertChunk, len(rs))] {
				p := pendingRow{r: r, props: encodeMap(r.Properties), answers: encodeMap(r.Answers), updatedAt: now}
				p.hash = contentHash(r, p.props, p.answers)
				if !r.UpdatedAt.IsZero() {
					p.updatedAt = r.UpdatedAt.Unix()
				}
				p.row = scoredRow{surveyType: r.SurveyType, scaleMin: r.ScaleMin, scaleMax: r.ScaleMax,
					createdAt: r.CreatedAt.Unix(), sourceID: w.sourceID, properties: r.Properties}
				p.row.day = localDay(p.row.createdAt, w.roll.loc)
				if r.Score != nil {
					p.row.score = sql.NullFloat64{Float64: *r.Score, Valid: true}
				}
				chunk = append(chunk, p)
			}
			select {
			case out <- chunk:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// writeRow queues a new row, rewrites a changed one or skips an unchanged one.
func (w *bulkWriter) writeRow(ctx context.Context, p pendingRow, known map[string]*stored, res *data.UpsertResult) error {
	r := p.r
	old := known[r.ExternalID]
	switch {
	case old == nil:
		p.id = w.nextID
		w.nextID++
		w.pending = append(w.pending, p)
		known[r.ExternalID] = &stored{id: p.id, hash: p.hash, row: p.row, hasComment: r.Comment != "", pending: true}
		res.Inserted++
		w.inserted++
		if err := w.maybeDropIndexes(ctx); err != nil {
			return err
		}
	case old.hash == p.hash:
		res.Unchanged++
		return nil
	default:
		if old.pending {
			if err := w.flushInserts(ctx); err != nil {
				return err
			}
		}
		if err := w.updateRow(ctx, old, p); err != nil {
			return err
		}
		known[r.ExternalID] = &stored{id: old.id, hash: p.hash, row: p.row, hasComment: r.Comment != ""}
		res.Updated++
		p.id = old.id
	}
	w.roll.add(p.row, 1)
	if r.Comment != "" && w.indexed(p.id) {
		w.ruleIDs = append(w.ruleIDs, p.id)
	}
	if len(r.Tags) > 0 || len(r.Notes) > 0 {
		w.annotate = append(w.annotate, annotation{p.id, r})
	}
	return nil
}

// maybeDropIndexes drops the secondary indexes once a load has inserted loadDropMin rows and
// at least as many as the table had: the load is then large enough that building them once
// afterwards (a sort each) beats updating them row by row.
func (w *bulkWriter) maybeDropIndexes(ctx context.Context) error {
	if !w.load || w.droppedIndexes || w.inserted < loadDropMin || w.inserted < w.startMax {
		return nil
	}
	if err := w.flushInserts(ctx); err != nil {
		return err
	}
	if err := dropSecondaryIndexes(ctx, w.tx); err != nil {
		return w.db.wrapBusy(err)
	}
	w.droppedIndexes = true
	return nil
}

// lookup finds which of the batch's responses are already stored.
func (w *bulkWriter) lookup(ctx context.Context, rs []*data.Response) (map[string]*stored, error) {
	known := make(map[string]*stored, len(rs))
	for i := 0; i < len(rs); i += lookupChunk {
		chunk := rs[i:min(i+lookupChunk, len(rs))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, w.sourceID)
		for _, r := range chunk {
			args = append(args, r.ExternalID)
		}
		rows, err := w.tx.QueryContext(ctx, `SELECT external_id, id, content_hash, survey_type, scale_min, scale_max,
			created_at, score, properties, comment IS NOT NULL AND comment <> ''
			FROM responses WHERE source_id = ? AND external_id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, w.db.wrapBusy(fmt.Errorf("look up existing responses: %w", err))
		}
		for rows.Next() {
			var ext string
			var s stored
			var props sql.NullString
			if err := rows.Scan(&ext, &s.id, &s.hash, &s.row.surveyType, &s.row.scaleMin, &s.row.scaleMax,
				&s.row.createdAt, &s.row.score, &props, &s.hasComment); err != nil {
				rows.Close()
				return nil, err
			}
			s.row.sourceID = w.sourceID
			s.row.properties = decodeMap(props)
			known[ext] = &s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

func (w *bulkWriter) updateRow(ctx context.Context, old *stored, p pendingRow) error {
	r := p.r
	if _, err := w.update.ExecContext(ctx, r.Survey, r.SurveyType, r.ScaleMin, r.ScaleMax, p.row.score,
		nullString(r.Comment), nullString(r.RespondentEmail), nullString(r.RespondentName),
		p.row.createdAt, p.updatedAt, nullString(r.Permalink), p.props, p.answers, p.hash, old.id); err != nil {
		return w.db.wrapBusy(fmt.Errorf("update response %s: %w", r.ExternalID, err))
	}
	if w.indexed(old.id) {
		if old.hasComment {
			// The old text may still be waiting for the index: index it first so it can be deleted.
			if err := w.flushIndex(ctx); err != nil {
				return err
			}
			if _, err := w.ftsDelete.ExecContext(ctx, old.id); err != nil {
				return fmt.Errorf("update search index for %s: %w", r.ExternalID, err)
			}
		}
		if r.Comment != "" {
			w.ftsPending = append(w.ftsPending, old.id, foldForSearch(r.Comment))
		}
	}
	w.roll.add(old.row, -1)
	return nil
}

// flushInserts writes pending new rows, then their full-text entries and source annotations.
func (w *bulkWriter) flushInserts(ctx context.Context) error {
	for len(w.pending) > 0 {
		chunk := w.pending[:min(insertChunk, len(w.pending))]
		args := make([]any, 0, len(chunk)*insertColumns)
		var fts []any
		for _, p := range chunk {
			r := p.r
			args = append(args, p.id, w.sourceID, r.ExternalID, r.Survey, r.SurveyType, r.ScaleMin, r.ScaleMax,
				p.row.score, nullString(r.Comment), nullString(r.RespondentEmail), nullString(r.RespondentName),
				p.row.createdAt, p.updatedAt, nullString(r.Permalink), p.props, p.answers, p.hash)
			if r.Comment != "" && !w.deferNew {
				fts = append(fts, p.id, foldForSearch(r.Comment))
			}
		}
		if err := w.execChunk(ctx, w.insertStmts, len(chunk), insertSQL, args); err != nil {
			return w.db.wrapBusy(fmt.Errorf("insert responses: %w", err))
		}
		w.ftsPending = append(w.ftsPending, fts...)
		w.pending = w.pending[len(chunk):]
	}
	if len(w.ftsPending) >= 2*ftsBatch {
		if err := w.flushIndex(ctx); err != nil {
			return err
		}
	}
	w.pending = w.pending[:0]
	for _, a := range w.annotate {
		if err := w.writeSourceAnnotations(ctx, a.id, a.r); err != nil {
			return err
		}
	}
	w.annotate = w.annotate[:0]
	return nil
}

// ftsBatch is how many comments are handed to the full-text index together. FTS5 writes its
// pending terms as a new index segment whenever another statement opens a savepoint, so
// feeding it many rows in a row (instead of interleaving with the responses inserts) keeps
// segments large and merges few.
const ftsBatch = 20000

// flushIndex hands the pending comments to the full-text index.
func (w *bulkWriter) flushIndex(ctx context.Context) error {
	for len(w.ftsPending) > 0 {
		n := min(insertChunk, len(w.ftsPending)/2)
		if err := w.execChunk(ctx, w.ftsStmts, n, ftsInsertSQL, w.ftsPending[:2*n]); err != nil {
			return fmt.Errorf("index comments: %w", err)
		}
		w.ftsPending = w.ftsPending[2*n:]
	}
	return nil
}

func insertSQL(n int) string {
	return `INSERT INTO responses(id, source_id, external_id, survey, survey_type, scale_min, scale_max, score,
		comment, respondent_email, respondent_name, created_at, updated_at, permalink, properties, answers, content_hash)
		VALUES ` + rowsPlaceholders(n, insertColumns)
}

func ftsInsertSQL(n int) string {
	return `INSERT INTO responses_fts(rowid, comment) VALUES ` + rowsPlaceholders(n, 2)
}

// execChunk runs a multi-row statement for n rows, preparing it once per row count.
func (w *bulkWriter) execChunk(ctx context.Context, cache map[int]*sql.Stmt, n int, build func(int) string, args []any) error {
	stmt := cache[n]
	if stmt == nil {
		var err error
		if stmt, err = w.tx.PrepareContext(ctx, build(n)); err != nil {
			return err
		}
		cache[n] = stmt
	}
	_, err := stmt.ExecContext(ctx, args...)
	return err
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func rowsPlaceholders(n, columns int) string {
	row := "(" + placeholders(columns) + ")"
	return strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

// writeSourceAnnotations adds the tags and notes the source itself attached. It only adds:
// whatever the user changed locally stays.
func (w *bulkWriter) writeSourceAnnotations(ctx context.Context, id int64, r *data.Response) error {
	now := w.db.Now().Unix()
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

// Commit writes the summed rollup counts, the cursor and the search watermark, then commits
// everything at once, and starts catch-up when it left work.
func (w *bulkWriter) Commit() error {
	if w.closed {
		return errors.New("bulk write already finished")
	}
	w.closed = true
	defer w.db.releaseWriter()
	ctx := context.Background()
	if err := w.flushIndex(ctx); err != nil {
		w.tx.Rollback()
		return err
	}
	if err := applyTagRules(ctx, w.tx, w.ruleIDs, w.db.Now().Unix()); err != nil {
		w.tx.Rollback()
		return w.db.wrapBusy(err)
	}
	if err := w.roll.flush(ctx, w.tx); err != nil {
		w.tx.Rollback()
		return w.db.wrapBusy(err)
	}
	if w.cursor != nil {
		if _, err := w.tx.ExecContext(ctx, "UPDATE sources SET cursor = ? WHERE id = ?", *w.cursor, w.sourceID); err != nil {
			w.tx.Rollback()
			return fmt.Errorf("save sync cursor: %w", err)
		}
	}
	mark := w.startMark
	if !w.deferNew {
		mark = w.nextID - 1
	}
	if err := setMeta(ctx, w.tx, metaSearchIndexed, strconv.FormatInt(mark, 10)); err != nil {
		w.tx.Rollback()
		return fmt.Errorf("save the search index's progress: %w", err)
	}
	if w.load {
		// A load's WAL holds the whole file: copying it into the database (the checkpoint
		// SQLite runs after a commit) is left to catch-up's first commit.
		if _, err := w.tx.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
			w.tx.Rollback()
			return fmt.Errorf("commit responses to %s: %w", w.db.path, err)
		}
		defer w.db.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walAutoCheckpoint))
	}
	if err := w.tx.Commit(); err != nil {
		return w.db.wrapBusy(fmt.Errorf("commit responses to %s: %w", w.db.path, err))
	}
	if mark < w.nextID-1 || w.droppedIndexes {
		w.db.startCatchUp()
	}
	return nil
}

func (w *bulkWriter) Rollback() error {
	if w.closed {
		return nil
	}
	w.closed = true
	defer w.db.releaseWriter()
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
