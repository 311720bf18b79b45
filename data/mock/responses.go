package mock

import (
	"context"

	"github.com/verbatim-app/verbatim/data"
)

// ResponseService is a fake data.ResponseService.
type ResponseService struct {
	FindResponsesFn  func(ctx context.Context, f data.ResponseFilter) ([]*data.Response, error)
	CountResponsesFn func(ctx context.Context, f data.ResponseFilter) (int, error)
	BeginBulkFn      func(ctx context.Context, sourceID int64) (data.BulkWriter, error)
}

// FindResponses calls FindResponsesFn.
func (s *ResponseService) FindResponses(ctx context.Context, f data.ResponseFilter) ([]*data.Response, error) {
	if s.FindResponsesFn == nil {
		return nil, nil
	}
	return s.FindResponsesFn(ctx, f)
}

// CountResponses calls CountResponsesFn.
func (s *ResponseService) CountResponses(ctx context.Context, f data.ResponseFilter) (int, error) {
	if s.CountResponsesFn == nil {
		return 0, nil
	}
	return s.CountResponsesFn(ctx, f)
}

// BeginBulk calls BeginBulkFn; without one it returns a BulkWriter that accepts everything.
func (s *ResponseService) BeginBulk(ctx context.Context, sourceID int64) (data.BulkWriter, error) {
	if s.BeginBulkFn == nil {
		return &BulkWriter{}, nil
	}
	return s.BeginBulkFn(ctx, sourceID)
}

// BulkWriter is a fake data.BulkWriter.
type BulkWriter struct {
	WriteFn     func(ctx context.Context, rs []*data.Response) (data.UpsertResult, error)
	SetCursorFn func(cursor string)
	CommitFn    func() error
	RollbackFn  func() error
}

// Write calls WriteFn; without one it counts every response as inserted.
func (w *BulkWriter) Write(ctx context.Context, rs []*data.Response) (data.UpsertResult, error) {
	if w.WriteFn == nil {
		return data.UpsertResult{Inserted: len(rs)}, nil
	}
	return w.WriteFn(ctx, rs)
}

// SetCursor calls SetCursorFn.
func (w *BulkWriter) SetCursor(cursor string) {
	if w.SetCursorFn != nil {
		w.SetCursorFn(cursor)
	}
}

// Commit calls CommitFn.
func (w *BulkWriter) Commit() error {
	if w.CommitFn == nil {
		return nil
	}
	return w.CommitFn()
}

// Rollback calls RollbackFn.
func (w *BulkWriter) Rollback() error {
	if w.RollbackFn == nil {
		return nil
	}
	return w.RollbackFn()
}
