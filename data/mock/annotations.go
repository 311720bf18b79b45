package mock

import (
	"context"

	"github.com/verbatim-app/verbatim/data"
)

// TagService is a fake data.TagService.
type TagService struct {
	TagsFn           func(ctx context.Context) ([]*data.Tag, error)
	EnsureTagFn      func(ctx context.Context, name string) (*data.Tag, error)
	TagResponsesFn   func(ctx context.Context, tagID int64, responseIDs []int64, origin string) error
	UntagResponsesFn func(ctx context.Context, tagID int64, responseIDs []int64) error
}

// Tags calls TagsFn.
func (s *TagService) Tags(ctx context.Context) ([]*data.Tag, error) {
	if s.TagsFn == nil {
		return nil, nil
	}
	return s.TagsFn(ctx)
}

// EnsureTag calls EnsureTagFn; without one it returns a new tag with that name.
func (s *TagService) EnsureTag(ctx context.Context, name string) (*data.Tag, error) {
	if s.EnsureTagFn == nil {
		return &data.Tag{Name: name}, nil
	}
	return s.EnsureTagFn(ctx, name)
}

// TagResponses calls TagResponsesFn.
func (s *TagService) TagResponses(ctx context.Context, tagID int64, responseIDs []int64, origin string) error {
	if s.TagResponsesFn == nil {
		return nil
	}
	return s.TagResponsesFn(ctx, tagID, responseIDs, origin)
}

// UntagResponses calls UntagResponsesFn.
func (s *TagService) UntagResponses(ctx context.Context, tagID int64, responseIDs []int64) error {
	if s.UntagResponsesFn == nil {
		return nil
	}
	return s.UntagResponsesFn(ctx, tagID, responseIDs)
}

// NoteService is a fake data.NoteService.
type NoteService struct {
	AddNoteFn     func(ctx context.Context, responseID int64, body string) (int64, error)
	SetFollowUpFn func(ctx context.Context, responseID int64, status string) error
}

// AddNote calls AddNoteFn.
func (s *NoteService) AddNote(ctx context.Context, responseID int64, body string) (int64, error) {
	if s.AddNoteFn == nil {
		return 0, nil
	}
	return s.AddNoteFn(ctx, responseID, body)
}

// SetFollowUp calls SetFollowUpFn.
func (s *NoteService) SetFollowUp(ctx context.Context, responseID int64, status string) error {
	if s.SetFollowUpFn == nil {
		return nil
	}
	return s.SetFollowUpFn(ctx, responseID, status)
}

// BoardService is a fake data.BoardService.
type BoardService struct {
	BoardsFn      func(ctx context.Context) ([]*data.Board, error)
	BoardFn       func(ctx context.Context, id int64) (*data.Board, error)
	CreateBoardFn func(ctx context.Context, name string) (*data.Board, error)
	PinCardFn     func(ctx context.Context, boardID, responseID int64, side string) error
}

// Boards calls BoardsFn.
func (s *BoardService) Boards(ctx context.Context) ([]*data.Board, error) {
	if s.BoardsFn == nil {
		return nil, nil
	}
	return s.BoardsFn(ctx)
}

// Board calls BoardFn; without one it answers ENOTFOUND, as a store with no boards would.
func (s *BoardService) Board(ctx context.Context, id int64) (*data.Board, error) {
	if s.BoardFn == nil {
		return nil, data.Errorf(data.ENOTFOUND, "there is no board with id %d", id)
	}
	return s.BoardFn(ctx, id)
}

// CreateBoard calls CreateBoardFn; without one it returns a new empty board with that name.
func (s *BoardService) CreateBoard(ctx context.Context, name string) (*data.Board, error) {
	if s.CreateBoardFn == nil {
		return &data.Board{Name: name}, nil
	}
	return s.CreateBoardFn(ctx, name)
}

// PinCard calls PinCardFn.
func (s *BoardService) PinCard(ctx context.Context, boardID, responseID int64, side string) error {
	if s.PinCardFn == nil {
		return nil
	}
	return s.PinCardFn(ctx, boardID, responseID, side)
}
