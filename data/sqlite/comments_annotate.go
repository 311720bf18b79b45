package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// TagMatching puts a tag (origin user) on every response matching f in one statement and
// returns how many were newly tagged; responses already carrying it keep their origin.
func (db *DB) TagMatching(ctx context.Context, f data.CommentFilter, tagID int64) (int, error) {
	p, err := db.matchingPlan(ctx, f, tagID)
	if err != nil {
		return 0, err
	}
	// "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
	p.where = append(p.where, "true")
	res, err := db.db.ExecContext(ctx, `INSERT INTO response_tags(response_id, tag_id, origin, created_at) `+
		p.sql("r.id, ?, 'user', ?")+` ON CONFLICT DO NOTHING`, append([]any{tagID, db.Now().Unix()}, p.args...)...)
	if err != nil {
		return 0, db.wrapBusy(fmt.Errorf("tag matching responses: %w", err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// UntagMatching removes a tag, whatever its origin, from every response matching f and
// returns how many lost it.
func (db *DB) UntagMatching(ctx context.Context, f data.CommentFilter, tagID int64) (int, error) {
	p, err := db.matchingPlan(ctx, f, tagID)
	if err != nil {
		return 0, err
	}
	res, err := db.db.ExecContext(ctx, `DELETE FROM response_tags WHERE tag_id = ? AND response_id IN (`+p.sql("r.id")+`)`,
		append([]any{tagID}, p.args...)...)
	if err != nil {
		return 0, db.wrapBusy(fmt.Errorf("untag matching responses: %w", err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// matchingPlan checks a bulk tag change (the filter, then that the tag exists) and plans the
// query of the responses it applies to: the ids the count of f would read.
func (db *DB) matchingPlan(ctx context.Context, f data.CommentFilter, tagID int64) (plan, error) {
	if err := validateComments(f); err != nil {
		return plan{}, err
	}
	if err := db.checkTag(ctx, tagID); err != nil {
		return plan{}, err
	}
	return db.countPlan(ctx, buildComments(f))
}

func (db *DB) checkTag(ctx context.Context, tagID int64) error {
	var one int
	err := db.db.QueryRowContext(ctx, "SELECT 1 FROM tags WHERE id = ?", tagID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.ENOTFOUND, "there is no tag %d", tagID)
	}
	return db.wrapBusy(err)
}

// UpdateNote replaces a note's text.
func (db *DB) UpdateNote(ctx context.Context, noteID int64, body string) error {
	if strings.TrimSpace(body) == "" {
		return data.Errorf(data.EINVALID, "a note cannot be empty; delete it instead")
	}
	res, err := db.db.ExecContext(ctx, "UPDATE notes SET body = ? WHERE id = ?", body, noteID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("update note %d: %w", noteID, err))
	}
	return mustAffect(res, "there is no note %d", noteID)
}

// DeleteNote removes a note.
func (db *DB) DeleteNote(ctx context.Context, noteID int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM notes WHERE id = ?", noteID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("delete note %d: %w", noteID, err))
	}
	return mustAffect(res, "there is no note %d", noteID)
}

// FollowUp returns a response's follow-up status, "" when none was set.
func (db *DB) FollowUp(ctx context.Context, responseID int64) (string, error) {
	var status string
	err := db.db.QueryRowContext(ctx, "SELECT status FROM follow_ups WHERE response_id = ?", responseID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", db.wrapBusy(fmt.Errorf("read follow-up of response %d: %w", responseID, err))
	}
	return status, nil
}

// ClearFollowUp removes a response's follow-up status.
func (db *DB) ClearFollowUp(ctx context.Context, responseID int64) error {
	if _, err := db.db.ExecContext(ctx, "DELETE FROM follow_ups WHERE response_id = ?", responseID); err != nil {
		return db.wrapBusy(fmt.Errorf("clear follow-up of response %d: %w", responseID, err))
	}
	return nil
}

// mustAffect turns "no row changed" into ENOTFOUND.
func mustAffect(res sql.Result, format string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return data.Errorf(data.ENOTFOUND, format, id)
	}
	return nil
}
