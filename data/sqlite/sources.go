package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

const sourceColumns = `s.id, s.name, s.kind, s.config, s.cursor, s.last_sync_at, s.last_error, s.created_at`

// Sources lists every source by name, with how many responses each holds.
func (db *DB) Sources(ctx context.Context) ([]*data.Source, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+sourceColumns+`,
		(SELECT count(*) FROM responses r WHERE r.source_id = s.id)
		FROM sources s ORDER BY s.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []*data.Source
	for rows.Next() {
		s, err := scanSource(rows, true)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SourceByName returns the source called name, or an ENOTFOUND error.
func (db *DB) SourceByName(ctx context.Context, name string) (*data.Source, error) {
	s, err := scanSource(db.db.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources s WHERE s.name = ?`, name), false)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "there is no source called %q", name)
	}
	return s, err
}

// CreateSource adds a source; its name must be new.
func (db *DB) CreateSource(ctx context.Context, s *data.Source) error {
	if strings.TrimSpace(s.Name) == "" {
		return data.Errorf(data.EINVALID, "a source needs a name")
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = db.Now()
	}
	res, err := db.db.ExecContext(ctx, `INSERT INTO sources(name, kind, config, cursor, created_at) VALUES(?, ?, ?, ?, ?)`,
		s.Name, s.Kind, encodeConfig(s.Config), s.Cursor, s.CreatedAt.Unix())
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return data.Errorf(data.ECONFLICT, "a source called %q already exists", s.Name)
		}
		return db.wrapBusy(fmt.Errorf("add source %q: %w", s.Name, err))
	}
	s.ID, err = res.LastInsertId()
	return err
}

// UpdateSource saves a source's name, config, cursor and last sync outcome.
func (db *DB) UpdateSource(ctx context.Context, s *data.Source) error {
	_, err := db.db.ExecContext(ctx, `UPDATE sources SET name = ?, kind = ?, config = ?, cursor = ?, last_sync_at = ?, last_error = ?
		WHERE id = ?`, s.Name, s.Kind, encodeConfig(s.Config), s.Cursor, nullTime(s.LastSyncAt), s.LastError, s.ID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("update source %q: %w", s.Name, err))
	}
	return nil
}

// DeleteSource removes a source and, through the foreign keys, its responses and their
// annotations; the rollups are recounted for that source.
func (db *DB) DeleteSource(ctx context.Context, id int64) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.wrapBusy(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM responses_fts WHERE rowid IN (SELECT id FROM responses WHERE source_id = ? AND comment IS NOT NULL AND comment <> '')`,
		`DELETE FROM score_days WHERE source_id = ?`,
		`DELETE FROM segment_days WHERE source_id = ?`,
		`DELETE FROM sources WHERE id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return db.wrapBusy(fmt.Errorf("remove source: %w", err))
		}
	}
	return tx.Commit()
}

// EnsureSource returns the source called name, creating it with kind when absent.
func (db *DB) EnsureSource(ctx context.Context, name, kind string) (*data.Source, error) {
	s, err := db.SourceByName(ctx, name)
	if data.ErrorCode(err) != data.ENOTFOUND {
		return s, err
	}
	s = &data.Source{Name: name, Kind: kind}
	if err := db.CreateSource(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanSource(r rowScanner, withCount bool) (*data.Source, error) {
	var s data.Source
	var config string
	var lastSync sql.NullInt64
	var created int64
	dest := []any{&s.ID, &s.Name, &s.Kind, &config, &s.Cursor, &lastSync, &s.LastError, &created}
	if withCount {
		dest = append(dest, &s.Responses)
	}
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(config), &s.Config)
	if lastSync.Valid {
		s.LastSyncAt = time.Unix(lastSync.Int64, 0)
	}
	s.CreatedAt = time.Unix(created, 0)
	return &s, nil
}

func encodeConfig(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.Unix(), Valid: true}
}
