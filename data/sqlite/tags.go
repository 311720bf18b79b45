package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// tagPalette gives new tags a stable colour derived from their name.
var tagPalette = []string{"#2a9d8f", "#e76f51", "#264653", "#e9c46a", "#8e7dbe", "#f4a261", "#3a86ff", "#d62828", "#6a994e", "#bc6c25"}

func tagColor(name string) string {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(name)))
	return tagPalette[h.Sum32()%uint32(len(tagPalette))]
}

// Tags lists every tag with how many responses carry it.
func (db *DB) Tags(ctx context.Context) ([]*data.Tag, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT t.id, t.name, t.color,
		(SELECT count(*) FROM response_tags rt WHERE rt.tag_id = t.id)
		FROM tags t ORDER BY t.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	defer rows.Close()
	var out []*data.Tag
	for rows.Next() {
		var t data.Tag
		if err := rows.Scan(&t.ID, &t.Name, &t.Color, &t.Count); err != nil {
			return nil, err
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// EnsureTag returns the tag called name, creating it when absent.
func (db *DB) EnsureTag(ctx context.Context, name string) (*data.Tag, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, data.Errorf(data.EINVALID, "a tag needs a name")
	}
	id, err := ensureTag(ctx, db.db, name)
	if err != nil {
		return nil, db.wrapBusy(err)
	}
	t := &data.Tag{ID: id}
	err = db.db.QueryRowContext(ctx, "SELECT name, color FROM tags WHERE id = ?", id).Scan(&t.Name, &t.Color)
	return t, err
}

type queryExecer interface {
	execer
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func ensureTag(ctx context.Context, q queryExecer, name string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, "SELECT id FROM tags WHERE name = ?", name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("find tag %q: %w", name, err)
	}
	res, err := q.ExecContext(ctx, "INSERT INTO tags(name, color) VALUES(?, ?)", name, tagColor(name))
	if err != nil {
		return 0, fmt.Errorf("create tag %q: %w", name, err)
	}
	return res.LastInsertId()
}

// TagResponses puts a tag on responses; responses that already carry it keep their origin.
func (db *DB) TagResponses(ctx context.Context, tagID int64, ids []int64, origin string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO response_tags(response_id, tag_id, origin, created_at)
			VALUES(?, ?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		now := db.Now().Unix()
		for _, id := range ids {
			if _, err := stmt.ExecContext(ctx, id, tagID, origin, now); err != nil {
				return fmt.Errorf("tag response %d: %w", id, err)
			}
		}
		return nil
	})
}

// UntagResponses removes a tag from responses, whatever its origin.
func (db *DB) UntagResponses(ctx context.Context, tagID int64, ids []int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `DELETE FROM response_tags WHERE response_id = ? AND tag_id = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, id := range ids {
			if _, err := stmt.ExecContext(ctx, id, tagID); err != nil {
				return fmt.Errorf("untag response %d: %w", id, err)
			}
		}
		return nil
	})
}

// inTx runs fn in a write transaction, committing when it returns nil.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.wrapBusy(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.wrapBusy(err)
	}
	return db.wrapBusy(tx.Commit())
}
