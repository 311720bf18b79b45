package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// BoardSnapshot returns a self-contained copy of a board for a board file. Only what a card
// shows travels: no email, segments or answers, and no name where the board hides it.
func (db *DB) BoardSnapshot(ctx context.Context, boardID int64) (*data.BoardSnapshot, error) {
	b, err := db.Board(ctx, boardID)
	if err != nil {
		return nil, err
	}
	privacy, err := db.BoardPrivacy(ctx, boardID)
	if err != nil {
		return nil, err
	}
	names, err := db.sourceNamesByID(ctx)
	if err != nil {
		return nil, err
	}
	s := &data.BoardSnapshot{Name: b.Name, CreatedAt: b.CreatedAt.UTC(), HideNames: privacy.HideNames}
	for _, c := range b.Cards {
		r := c.Response
		out := &data.Response{ExternalID: r.ExternalID, Survey: r.Survey, SurveyType: r.SurveyType, ScaleMin: r.ScaleMin,
			ScaleMax: r.ScaleMax, Score: r.Score, Comment: r.Comment, CreatedAt: r.CreatedAt.UTC()}
		if !privacy.NameHidden(r.ID) {
			out.RespondentName = r.RespondentName
		}
		s.Cards = append(s.Cards, &data.SnapshotCard{Side: c.Side, Note: c.Note, NameHidden: privacy.HiddenNames[r.ID],
			PinnedAt: c.PinnedAt.UTC(), Source: names[r.SourceID], Response: out})
	}
	return s, nil
}

// ImportBoard recreates a board from a snapshot (see data.BoardImport). The snapshot is
// checked whole before anything is written. Missing responses are written first, through
// the bulk writer of their source (which keeps the search index and rollups right), then
// the board and its cards in one transaction: a failure between the two leaves only
// responses behind, which the next import reuses.
func (db *DB) ImportBoard(ctx context.Context, s *data.BoardSnapshot) (*data.BoardImport, error) {
	if s == nil {
		return nil, data.Errorf(data.EINVALID, "there is no board to import")
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	res := &data.BoardImport{}
	ids := make([]int64, len(s.Cards))
	bySource := map[string][]int{} // source name → indexes of its cards
	var order []string
	for i, c := range s.Cards {
		if _, ok := bySource[c.Source]; !ok {
			order = append(order, c.Source)
		}
		bySource[c.Source] = append(bySource[c.Source], i)
	}
	for _, name := range order {
		n, err := db.importSnapshotResponses(ctx, s, name, bySource[name], ids)
		if err != nil {
			return nil, err
		}
		res.NewResponses += n
	}

	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.wrapBusy(err)
	}
	defer tx.Rollback()
	name := strings.TrimSpace(s.Name)
	var boardID int64
	err = tx.QueryRowContext(ctx, "SELECT id FROM boards WHERE name = ?", name).Scan(&boardID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		r, err := tx.ExecContext(ctx, "INSERT INTO boards(name, created_at, hide_names) VALUES(?, ?, ?)", name, s.CreatedAt.Unix(), s.HideNames)
		if err != nil {
			return nil, db.wrapBusy(fmt.Errorf("import board %q: %w", name, err))
		}
		if boardID, err = r.LastInsertId(); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, db.wrapBusy(fmt.Errorf("import board %q: %w", name, err))
	default:
		res.Replaced = true
		for _, q := range []string{"DELETE FROM board_cards WHERE board_id = ?3", "UPDATE boards SET created_at = ?1, hide_names = ?2 WHERE id = ?3"} {
			if _, err := tx.ExecContext(ctx, q, s.CreatedAt.Unix(), s.HideNames, boardID); err != nil {
				return nil, db.wrapBusy(fmt.Errorf("replace board %q: %w", name, err))
			}
		}
	}
	positions := map[string]int{}
	for i, c := range s.Cards {
		positions[c.Side]++
		if _, err := tx.ExecContext(ctx, `INSERT INTO board_cards(board_id, response_id, side, position, note, name_hidden, pinned_at)
			VALUES(?, ?, ?, ?, ?, ?, ?)`, boardID, ids[i], c.Side, positions[c.Side], strings.TrimSpace(c.Note), c.NameHidden, c.PinnedAt.Unix()); err != nil {
			return nil, db.wrapBusy(fmt.Errorf("import board %q: card %d: %w", name, i+1, err))
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, db.wrapBusy(fmt.Errorf("import board %q: %w", name, err))
	}
	if res.Board, err = db.Board(ctx, boardID); err != nil {
		return nil, err
	}
	return res, nil
}

// importSnapshotResponses finds the responses of one source's cards, writing those the cache
// lacks, and stores their ids in ids. It returns how many it wrote.
func (db *DB) importSnapshotResponses(ctx context.Context, s *data.BoardSnapshot, source string, cards []int, ids []int64) (int, error) {
	src, err := db.SourceByName(ctx, source)
	switch {
	case data.ErrorCode(err) == data.ENOTFOUND:
		src = &data.Source{Name: source, Kind: data.KindFile, Config: map[string]string{"origin": "board file " + s.Name}}
		if err := db.CreateSource(ctx, src); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	}
	known, err := db.responseIDs(ctx, src.ID, cards, s)
	if err != nil {
		return 0, err
	}
	var missing []*data.Response
	for _, i := range cards {
		r := s.Cards[i].Response
		if _, ok := known[r.ExternalID]; !ok {
			missing = append(missing, &data.Response{ExternalID: r.ExternalID, Survey: r.Survey, SurveyType: r.SurveyType,
				ScaleMin: r.ScaleMin, ScaleMax: r.ScaleMax, Score: r.Score, Comment: r.Comment, RespondentName: r.RespondentName,
				CreatedAt: r.CreatedAt})
		}
	}
	if len(missing) > 0 {
		w, err := db.BeginBulk(ctx, src.ID)
		if err != nil {
			return 0, err
		}
		if _, err := w.Write(ctx, missing); err != nil {
			w.Rollback()
			return 0, fmt.Errorf("import the responses of board %q: %w", s.Name, err)
		}
		if err := w.Commit(); err != nil {
			return 0, err
		}
		if known, err = db.responseIDs(ctx, src.ID, cards, s); err != nil {
			return 0, err
		}
	}
	for _, i := range cards {
		id, ok := known[s.Cards[i].Response.ExternalID]
		if !ok {
			return 0, fmt.Errorf("import board %q: response %s of %q was written but cannot be found", s.Name, s.Cards[i].Response.ExternalID, source)
		}
		ids[i] = id
	}
	return len(missing), nil
}

// responseIDs maps the external ids of some cards' responses to the ids the cache holds
// them under in one source.
func (db *DB) responseIDs(ctx context.Context, sourceID int64, cards []int, s *data.BoardSnapshot) (map[string]int64, error) {
	known := map[string]int64{}
	for start := 0; start < len(cards); start += lookupChunk {
		chunk := cards[start:min(start+lookupChunk, len(cards))]
		args := []any{sourceID}
		for _, i := range chunk {
			args = append(args, s.Cards[i].Response.ExternalID)
		}
		rows, err := db.db.QueryContext(ctx, "SELECT external_id, id FROM responses WHERE source_id = ? AND external_id IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, db.wrapBusy(fmt.Errorf("look up the responses of board %q: %w", s.Name, err))
		}
		for rows.Next() {
			var ext string
			var id int64
			if err := rows.Scan(&ext, &id); err != nil {
				rows.Close()
				return nil, err
			}
			known[ext] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}
