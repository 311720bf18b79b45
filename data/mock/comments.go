package mock

import (
	"context"
	"io"

	"github.com/verbatim-app/verbatim/data"
)

// The comment browser's fakes implement its service interfaces.
var (
	_ data.CommentService    = (*CommentService)(nil)
	_ data.AnnotationService = (*AnnotationService)(nil)
	_ data.TagRuleService    = (*TagRuleService)(nil)
)

// CommentService is a fake data.CommentService.
type CommentService struct {
	FindCommentsFn   func(ctx context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error)
	CountCommentsFn  func(ctx context.Context, f data.CommentFilter) (int, error)
	CommentDetailFn  func(ctx context.Context, responseID int64) (*data.CommentDetail, error)
	TagMatchingFn    func(ctx context.Context, f data.CommentFilter, tagID int64) (int, error)
	UntagMatchingFn  func(ctx context.Context, f data.CommentFilter, tagID int64) (int, error)
	ExportCommentsFn func(ctx context.Context, f data.CommentFilter, w io.Writer, progress func(done, total int)) (int, error)
}

// FindComments calls FindCommentsFn.
func (s *CommentService) FindComments(ctx context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error) {
	if s.FindCommentsFn == nil {
		return data.CommentPage{}, nil
	}
	return s.FindCommentsFn(ctx, f, after, limit)
}

// CountComments calls CountCommentsFn.
func (s *CommentService) CountComments(ctx context.Context, f data.CommentFilter) (int, error) {
	if s.CountCommentsFn == nil {
		return 0, nil
	}
	return s.CountCommentsFn(ctx, f)
}

// CommentDetail calls CommentDetailFn; without one it returns a detail holding just the id.
func (s *CommentService) CommentDetail(ctx context.Context, responseID int64) (*data.CommentDetail, error) {
	if s.CommentDetailFn == nil {
		return &data.CommentDetail{Response: &data.Response{ID: responseID}}, nil
	}
	return s.CommentDetailFn(ctx, responseID)
}

// TagMatching calls TagMatchingFn.
func (s *CommentService) TagMatching(ctx context.Context, f data.CommentFilter, tagID int64) (int, error) {
	if s.TagMatchingFn == nil {
		return 0, nil
	}
	return s.TagMatchingFn(ctx, f, tagID)
}

// UntagMatching calls UntagMatchingFn.
func (s *CommentService) UntagMatching(ctx context.Context, f data.CommentFilter, tagID int64) (int, error) {
	if s.UntagMatchingFn == nil {
		return 0, nil
	}
	return s.UntagMatchingFn(ctx, f, tagID)
}

// ExportComments calls ExportCommentsFn.
func (s *CommentService) ExportComments(ctx context.Context, f data.CommentFilter, w io.Writer, progress func(done, total int)) (int, error) {
	if s.ExportCommentsFn == nil {
		return 0, nil
	}
	return s.ExportCommentsFn(ctx, f, w, progress)
}

// AnnotationService is a fake data.AnnotationService.
type AnnotationService struct {
	UpdateNoteFn    func(ctx context.Context, noteID int64, body string) error
	DeleteNoteFn    func(ctx context.Context, noteID int64) error
	FollowUpFn      func(ctx context.Context, responseID int64) (string, error)
	ClearFollowUpFn func(ctx context.Context, responseID int64) error
}

// UpdateNote calls UpdateNoteFn.
func (s *AnnotationService) UpdateNote(ctx context.Context, noteID int64, body string) error {
	if s.UpdateNoteFn == nil {
		return nil
	}
	return s.UpdateNoteFn(ctx, noteID, body)
}

// DeleteNote calls DeleteNoteFn.
func (s *AnnotationService) DeleteNote(ctx context.Context, noteID int64) error {
	if s.DeleteNoteFn == nil {
		return nil
	}
	return s.DeleteNoteFn(ctx, noteID)
}

// FollowUp calls FollowUpFn.
func (s *AnnotationService) FollowUp(ctx context.Context, responseID int64) (string, error) {
	if s.FollowUpFn == nil {
		return "", nil
	}
	return s.FollowUpFn(ctx, responseID)
}

// ClearFollowUp calls ClearFollowUpFn.
func (s *AnnotationService) ClearFollowUp(ctx context.Context, responseID int64) error {
	if s.ClearFollowUpFn == nil {
		return nil
	}
	return s.ClearFollowUpFn(ctx, responseID)
}

// TagRuleService is a fake data.TagRuleService.
type TagRuleService struct {
	TagRulesFn      func(ctx context.Context) ([]*data.TagRule, error)
	CreateTagRuleFn func(ctx context.Context, tag, query string) (*data.TagRule, int, error)
	DeleteTagRuleFn func(ctx context.Context, id int64) error
}

// TagRules calls TagRulesFn.
func (s *TagRuleService) TagRules(ctx context.Context) ([]*data.TagRule, error) {
	if s.TagRulesFn == nil {
		return nil, nil
	}
	return s.TagRulesFn(ctx)
}

// CreateTagRule calls CreateTagRuleFn; without one it returns the rule as asked, tagging none.
func (s *TagRuleService) CreateTagRule(ctx context.Context, tag, query string) (*data.TagRule, int, error) {
	if s.CreateTagRuleFn == nil {
		return &data.TagRule{Tag: tag, Query: query, Enabled: true}, 0, nil
	}
	return s.CreateTagRuleFn(ctx, tag, query)
}

// DeleteTagRule calls DeleteTagRuleFn.
func (s *TagRuleService) DeleteTagRule(ctx context.Context, id int64) error {
	if s.DeleteTagRuleFn == nil {
		return nil
	}
	return s.DeleteTagRuleFn(ctx, id)
}
