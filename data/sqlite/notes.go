package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// AddNote attaches a note to a response.
func (db *DB) AddNote(ctx context.Context, responseID int64, body string) (int64, error) {
	if strings.TrimSpace(body) == "" {
		return 0, data.Errorf(data.EINVALID, "a note cannot be empty")
	}
	res, err := db.db.ExecContext(ctx, "INSERT INTO notes(response_id, body, created_at) VALUES(?, ?, ?)",
		responseID, body, db.Now().Unix())
	if err != nil {
		return 0, db.wrapBusy(fmt.Errorf("add note to response %d: %w", responseID, err))
	}
	return res.LastInsertId()
}

// SetFollowUp records where closing the loop with a respondent stands.
func (db *DB) SetFollowUp(ctx context.Context, responseID int64, status string) error {
	switch status {
	case data.FollowUpOpen, data.FollowUpContacted, data.FollowUpClosed:
	default:
		return data.Errorf(data.EINVALID, "follow-up status %q is not one of open, contacted, closed", status)
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO follow_ups(response_id, status, updated_at) VALUES(?, ?, ?)
		ON CONFLICT(response_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
		responseID, status, db.Now().Unix())
	if err != nil {
		return db.wrapBusy(fmt.Errorf("set follow-up of response %d: %w", responseID, err))
	}
	return nil
}
