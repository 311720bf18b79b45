package demo

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strconv"

	"github.com/verbatim-app/verbatim/data"
)

// fakeStore is an in-memory Store that keeps copies of what it is given, as a real store
// does, so that tests see exactly the rows Load committed.
type fakeStore struct {
	sources   []*data.Source
	rows      []*data.Response // committed rows; a row's ID is its index + 1
	keys      map[string]int   // source id and external id → index in rows
	followUps map[int64]string
	boards    []*data.Board
	failWrite error // returned by every Write when set
	rollbacks int
}

func newFakeStore() *fakeStore {
	return &fakeStore{keys: map[string]int{}, followUps: map[int64]string{}}
}

func (s *fakeStore) EnsureSource(_ context.Context, name, kind string) (*data.Source, error) {
	for _, src := range s.sources {
		if src.Name == name {
			return src, nil
		}
	}
	src := &data.Source{ID: int64(len(s.sources) + 1), Name: name, Kind: kind}
	s.sources = append(s.sources, src)
	return src, nil
}

func (s *fakeStore) BeginBulk(_ context.Context, sourceID int64) (data.BulkWriter, error) {
	return &fakeWriter{s: s, source: sourceID}, nil
}

func (s *fakeStore) FindResponses(_ context.Context, f data.ResponseFilter) ([]*data.Response, error) {
	var out []*data.Response
	for i := len(s.rows) - 1; i >= 0 && (f.Limit == 0 || len(out) < f.Limit); i-- {
		r := s.rows[i]
		switch {
		case f.SourceID != 0 && r.SourceID != f.SourceID,
			!f.From.IsZero() && r.CreatedAt.Before(f.From),
			!f.To.IsZero() && !r.CreatedAt.Before(f.To),
			f.WithComment && r.Comment == "",
			f.MinScore != nil && *r.Score < *f.MinScore,
			f.MaxScore != nil && *r.Score > *f.MaxScore:
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *fakeStore) SetFollowUp(_ context.Context, id int64, status string) error {
	if id < 1 || int(id) > len(s.rows) {
		return data.Errorf(data.ENOTFOUND, "response %d not found", id)
	}
	s.followUps[id] = status
	return nil
}

func (s *fakeStore) Boards(context.Context) ([]*data.Board, error) { return s.boards, nil }

func (s *fakeStore) CreateBoard(_ context.Context, name string) (*data.Board, error) {
	b := &data.Board{ID: int64(len(s.boards) + 1), Name: name}
	s.boards = append(s.boards, b)
	return b, nil
}

func (s *fakeStore) PinCard(_ context.Context, boardID, responseID int64, side string) error {
	b := s.boards[boardID-1]
	b.Cards = append(b.Cards, &data.BoardCard{ResponseID: responseID, Side: side, Position: len(b.Cards), Response: s.rows[responseID-1]})
	return nil
}

func (s *fakeStore) SetCardNote(_ context.Context, boardID, responseID int64, note string) error {
	for _, c := range s.boards[boardID-1].Cards {
		if c.ResponseID == responseID {
			c.Note = note
			return nil
		}
	}
	return data.Errorf(data.ENOTFOUND, "response %d is not on board %d", responseID, boardID)
}

// byType returns the committed rows of one survey type.
func (s *fakeStore) byType(typ string) []*data.Response {
	var out []*data.Response
	for _, r := range s.rows {
		if r.SurveyType == typ {
			out = append(out, r)
		}
	}
	return out
}

type fakeWriter struct {
	s       *fakeStore
	source  int64
	pending []*data.Response
}

func (w *fakeWriter) Write(ctx context.Context, rs []*data.Response) (data.UpsertResult, error) {
	var res data.UpsertResult
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if w.s.failWrite != nil {
		return res, w.s.failWrite
	}
	for _, r := range rs {
		c := clone(r)
		c.SourceID = w.source
		i, ok := w.s.keys[key(c)]
		if !ok {
			w.pending = append(w.pending, c)
			res.Inserted++
			continue
		}
		c.ID = w.s.rows[i].ID
		if reflect.DeepEqual(c, w.s.rows[i]) {
			res.Unchanged++
		} else {
			w.s.rows[i] = c
			res.Updated++
		}
	}
	return res, nil
}

func (w *fakeWriter) SetCursor(string) {}

func (w *fakeWriter) Commit() error {
	for _, r := range w.pending {
		r.ID = int64(len(w.s.rows) + 1)
		w.s.keys[key(r)] = len(w.s.rows)
		w.s.rows = append(w.s.rows, r)
	}
	w.pending = nil
	return nil
}

func (w *fakeWriter) Rollback() error {
	w.s.rollbacks++
	w.pending = nil
	return nil
}

func key(r *data.Response) string { return strconv.FormatInt(r.SourceID, 10) + "/" + r.ExternalID }

// clone deep-copies r, so that Load reusing its responses cannot change stored rows.
func clone(r *data.Response) *data.Response {
	c := *r
	if r.Score != nil {
		c.Score = data.Float(*r.Score)
	}
	c.Properties = maps.Clone(r.Properties)
	c.Answers = maps.Clone(r.Answers)
	c.Tags = slices.Clone(r.Tags)
	c.Notes = slices.Clone(r.Notes)
	return &c
}
