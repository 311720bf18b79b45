package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

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

// The store implements the board editor too.
var _ data.BoardEditor = (*DB)(nil)

// BoardByName returns the board called name with its cards.
func (db *DB) BoardByName(ctx context.Context, name string) (*data.Board, error) {
	var id int64
	err := db.db.QueryRowContext(ctx, "SELECT id FROM boards WHERE name = ?", strings.TrimSpace(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "there is no board called %q", name)
	} else if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("find board %q: %w", name, err))
	}
	return db.Board(ctx, id)
}

// RenameBoard gives a board a new, unique name.
func (db *DB) RenameBoard(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return data.Errorf(data.EINVALID, "a board needs a name")
	}
	res, err := db.db.ExecContext(ctx, "UPDATE boards SET name = ? WHERE id = ?", name, id)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return data.Errorf(data.ECONFLICT, "a board called %q already exists", name)
		}
		return db.wrapBusy(fmt.Errorf("rename board %d: %w", id, err))
	}
	return mustHaveChanged(res, data.Errorf(data.ENOTFOUND, "there is no board %d", id))
}

// DeleteBoard removes a board; its cards go with it (foreign key cascade), its responses stay.
func (db *DB) DeleteBoard(ctx context.Context, id int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM boards WHERE id = ?", id)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("delete board %d: %w", id, err))
	}
	return mustHaveChanged(res, data.Errorf(data.ENOTFOUND, "there is no board %d", id))
}

// UnpinCard takes a response off a board. The positions left behind keep their gaps: order
// is all they express.
func (db *DB) UnpinCard(ctx context.Context, boardID, responseID int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM board_cards WHERE board_id = ? AND response_id = ?", boardID, responseID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("unpin response %d from board %d: %w", responseID, boardID, err))
	}
	return mustHaveChanged(res, notOnBoard(boardID, responseID))
}

// MoveCard puts a card at index of side and renumbers both sides 1..n in one transaction, so
// a move never leaves two cards sharing a position.
func (db *DB) MoveCard(ctx context.Context, boardID, responseID int64, side string, index int) error {
	if err := checkSide(side); err != nil {
		return err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.wrapBusy(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT response_id, side FROM board_cards WHERE board_id = ?
		ORDER BY side, position, pinned_at, response_id`, boardID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("move card on board %d: %w", boardID, err))
	}
	sides := map[string][]int64{}
	found := false
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			rows.Close()
			return err
		}
		if id == responseID {
			found = true
			continue
		}
		sides[s] = append(sides[s], id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if !found {
		return notOnBoard(boardID, responseID)
	}
	target := sides[side]
	index = max(0, min(index, len(target)))
	sides[side] = append(target[:index], append([]int64{responseID}, target[index:]...)...)

	stmt, err := tx.PrepareContext(ctx, "UPDATE board_cards SET side = ?, position = ? WHERE board_id = ? AND response_id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for s, ids := range sides {
		for i, id := range ids {
			if _, err := stmt.ExecContext(ctx, s, i+1, boardID, id); err != nil {
				return db.wrapBusy(fmt.Errorf("move card on board %d: %w", boardID, err))
			}
		}
	}
	return db.wrapBusy(tx.Commit())
}

// SetCardNote sets a card's presenter note.
func (db *DB) SetCardNote(ctx context.Context, boardID, responseID int64, note string) error {
	note = strings.TrimSpace(note)
	if n := utf8.RuneCountInString(note); n > data.MaxNoteLength {
		return data.Errorf(data.EINVALID, "a presenter note holds at most %d characters, this one has %d", data.MaxNoteLength, n)
	}
	res, err := db.db.ExecContext(ctx, "UPDATE board_cards SET note = ? WHERE board_id = ? AND response_id = ?", note, boardID, responseID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("set the note of response %d on board %d: %w", responseID, boardID, err))
	}
	return mustHaveChanged(res, notOnBoard(boardID, responseID))
}

// BoardPrivacy says whose names a board hides.
func (db *DB) BoardPrivacy(ctx context.Context, boardID int64) (data.BoardPrivacy, error) {
	p := data.BoardPrivacy{HiddenNames: map[int64]bool{}}
	err := db.db.QueryRowContext(ctx, "SELECT hide_names FROM boards WHERE id = ?", boardID).Scan(&p.HideNames)
	if errors.Is(err, sql.ErrNoRows) {
		return p, data.Errorf(data.ENOTFOUND, "there is no board %d", boardID)
	} else if err != nil {
		return p, db.wrapBusy(fmt.Errorf("read board %d: %w", boardID, err))
	}
	rows, err := db.db.QueryContext(ctx, "SELECT response_id FROM board_cards WHERE board_id = ? AND name_hidden", boardID)
	if err != nil {
		return p, db.wrapBusy(fmt.Errorf("read board %d: %w", boardID, err))
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return p, err
		}
		p.HiddenNames[id] = true
	}
	return p, rows.Err()
}

// SetBoardNamesHidden hides (or shows) every respondent's name on a board.
func (db *DB) SetBoardNamesHidden(ctx context.Context, boardID int64, hidden bool) error {
	res, err := db.db.ExecContext(ctx, "UPDATE boards SET hide_names = ? WHERE id = ?", hidden, boardID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("hide names on board %d: %w", boardID, err))
	}
	return mustHaveChanged(res, data.Errorf(data.ENOTFOUND, "there is no board %d", boardID))
}

// SetCardNameHidden hides (or shows) the respondent's name on one card.
func (db *DB) SetCardNameHidden(ctx context.Context, boardID, responseID int64, hidden bool) error {
	res, err := db.db.ExecContext(ctx, "UPDATE board_cards SET name_hidden = ? WHERE board_id = ? AND response_id = ?",
		hidden, boardID, responseID)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("hide the name of response %d on board %d: %w", responseID, boardID, err))
	}
	return mustHaveChanged(res, notOnBoard(boardID, responseID))
}

func checkSide(side string) error {
	if side != data.SidePositive && side != data.SideNegative {
		return data.Errorf(data.EINVALID, "board side %q is not positive or negative", side)
	}
	return nil
}

func notOnBoard(boardID, responseID int64) error {
	return data.Errorf(data.ENOTFOUND, "response %d is not on board %d", responseID, boardID)
}

// mustHaveChanged returns notFound when an UPDATE or DELETE touched no row.
func mustHaveChanged(res sql.Result, notFound error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound
	}
	return nil
}
