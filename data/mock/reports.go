package mock

import (
	"context"

	"github.com/verbatim-app/verbatim/data"
)

// ReportService is a fake data.ReportService.
type ReportService struct {
	ReportsFn       func(ctx context.Context, q data.ReportQuery) ([]*data.Report, error)
	SegmentKeysFn   func(ctx context.Context) ([]string, error)
	SegmentValuesFn func(ctx context.Context, key string) ([]string, error)
}

// Reports calls ReportsFn.
func (s *ReportService) Reports(ctx context.Context, q data.ReportQuery) ([]*data.Report, error) {
	if s.ReportsFn == nil {
		return nil, nil
	}
	return s.ReportsFn(ctx, q)
}

// SegmentKeys calls SegmentKeysFn.
func (s *ReportService) SegmentKeys(ctx context.Context) ([]string, error) {
	if s.SegmentKeysFn == nil {
		return nil, nil
	}
	return s.SegmentKeysFn(ctx)
}

// SegmentValues calls SegmentValuesFn.
func (s *ReportService) SegmentValues(ctx context.Context, key string) ([]string, error) {
	if s.SegmentValuesFn == nil {
		return nil, nil
	}
	return s.SegmentValuesFn(ctx, key)
}

// ThemeService is a fake data.ThemeService.
type ThemeService struct {
	ThemesFn         func(ctx context.Context, f data.Filter) ([]data.Theme, error)
	DetractorWordsFn func(ctx context.Context, f data.Filter, limit int) ([]data.Word, error)
}

// Themes calls ThemesFn.
func (s *ThemeService) Themes(ctx context.Context, f data.Filter) ([]data.Theme, error) {
	if s.ThemesFn == nil {
		return nil, nil
	}
	return s.ThemesFn(ctx, f)
}

// DetractorWords calls DetractorWordsFn.
func (s *ThemeService) DetractorWords(ctx context.Context, f data.Filter, limit int) ([]data.Word, error) {
	if s.DetractorWordsFn == nil {
		return nil, nil
	}
	return s.DetractorWordsFn(ctx, f, limit)
}
