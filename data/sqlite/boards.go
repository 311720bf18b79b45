package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Boards lists boards, newest first, without their cards.
func (db *DB) Boards(ctx context.Context) ([]*data.Board, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id, name, created_at FROM boards ORDER BY created_at DESC, id DESC")
	if err != nil {
		return nil, fmt.Errorf("list boards: %w", err)
	}
	defer rows.Close()
	var out []*data.Board
	for rows.Next() {
		var b data.Board
		var created int64
		if err := rows.Scan(&b.ID, &b.Name, &created); err != nil {
			return nil, err
		}
		b.CreatedAt = time.Unix(created, 0)
		out = append(out, &b)
	}
	return out, rows.Err()
}

// Board returns a board with its cards in position order, positive side first.
func (db *DB) Board(ctx context.Context, id int64) (*data.Board, error) {
	var b data.Board
	var created int64
	err := db.db.QueryRowContext(ctx, "SELECT id, name, created_at FROM boards WHERE id = ?", id).Scan(&b.ID, &b.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "there is no board %d", id)
	} else if err != nil {
		return nil, err
	}
	b.CreatedAt = time.Unix(created, 0)
	rows, err := db.db.QueryContext(ctx, `SELECT c.side, c.position, c.note, c.pinned_at, `+responseColumns+`
		FROM board_cards c JOIN responses r ON r.id = c.response_id
		WHERE c.board_id = ? ORDER BY c.side = 'negative', c.position`, id)
	if err != nil {
		return nil, fmt.Errorf("load board %q: %w", b.Name, err)
	}
	defer rows.Close()
	var responses []*data.Response
	for rows.Next() {
		var c data.BoardCard
		var pinned int64
		r, err := scanResponse(prefixScanner{rows, []any{&c.Side, &c.Position, &c.Note, &pinned}})
		if err != nil {
			return nil, err
		}
		c.PinnedAt, c.Response, c.ResponseID = time.Unix(pinned, 0), r, r.ID
		b.Cards = append(b.Cards, &c)
		responses = append(responses, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return &b, db.attachAnnotations(ctx, responses)
}

// prefixScanner scans some leading columns into extra destinations before the response's.
type prefixScanner struct {
	rows  *sql.Rows
	extra []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.rows.Scan(append(p.extra, dest...)...) }

// CreateBoard adds an empty board; names are unique.
func (db *DB) CreateBoard(ctx context.Context, name string) (*data.Board, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, data.Errorf(data.EINVALID, "a board needs a name")
	}
	now := db.Now()
	res, err := db.db.ExecContext(ctx, "INSERT INTO boards(name, created_at) VALUES(?, ?)", name, now.Unix())
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return nil, data.Errorf(data.ECONFLICT, "a board called %q already exists", name)
		}
		return nil, db.wrapBusy(fmt.Errorf("create board %q: %w", name, err))
	}
	id, err := res.LastInsertId()
	return &data.Board{ID: id, Name: name, CreatedAt: now}, err
}

// PinCard puts a response at the end of a board side; pinning it again moves it there.
func (db *DB) PinCard(ctx context.Context, boardID, responseID int64, side string) error {
	if side != data.SidePositive && side != data.SideNegative {
		return data.Errorf(data.EINVALID, "board side %q is not positive or negative", side)
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO board_cards(board_id, response_id, side, position, pinned_at)
		VALUES(?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM board_cards WHERE board_id = ?1 AND side = ?3), ?4)
		ON CONFLICT(board_id, response_id) DO UPDATE SET side = excluded.side, position = excluded.position`,
		boardID, responseID, side, db.Now().Unix())
	if err != nil {
		return db.wrapBusy(fmt.Errorf("pin response %d to board %d: %w", responseID, boardID, err))
	}
	return nil
}
