package data

import "context"

// TagService manages tags and which responses carry them.
type TagService interface {
	Tags(ctx context.Context) ([]*Tag, error)
	// EnsureTag returns the tag called name (case-insensitive), creating it when absent.
	EnsureTag(ctx context.Context, name string) (*Tag, error)
	// TagResponses puts a tag on responses with the given origin; already tagged ones stay as
	// they are.
	TagResponses(ctx context.Context, tagID int64, responseIDs []int64, origin string) error
	UntagResponses(ctx context.Context, tagID int64, responseIDs []int64) error
}

// NoteService manages notes and follow-up statuses on responses.
type NoteService interface {
	AddNote(ctx context.Context, responseID int64, body string) (int64, error)
	SetFollowUp(ctx context.Context, responseID int64, status string) error
}

// BoardService manages feedback boards.
type BoardService interface {
	Boards(ctx context.Context) ([]*Board, error)
	// Board returns a board with its cards and their responses, in position order.
	Board(ctx context.Context, id int64) (*Board, error)
	CreateBoard(ctx context.Context, name string) (*Board, error)
	PinCard(ctx context.Context, boardID, responseID int64, side string) error
}
