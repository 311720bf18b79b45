package mock

import (
	"context"

	"github.com/verbatim-app/verbatim/data"
)

// SourceService is a fake data.SourceService.
type SourceService struct {
	SourcesFn      func(ctx context.Context) ([]*data.Source, error)
	SourceByNameFn func(ctx context.Context, name string) (*data.Source, error)
	CreateSourceFn func(ctx context.Context, s *data.Source) error
	UpdateSourceFn func(ctx context.Context, s *data.Source) error
	DeleteSourceFn func(ctx context.Context, id int64) error
	EnsureSourceFn func(ctx context.Context, name, kind string) (*data.Source, error)
}

// Sources calls SourcesFn.
func (s *SourceService) Sources(ctx context.Context) ([]*data.Source, error) {
	if s.SourcesFn == nil {
		return nil, nil
	}
	return s.SourcesFn(ctx)
}

// SourceByName calls SourceByNameFn; without one it answers ENOTFOUND, as a store with no
// sources would.
func (s *SourceService) SourceByName(ctx context.Context, name string) (*data.Source, error) {
	if s.SourceByNameFn == nil {
		return nil, data.Errorf(data.ENOTFOUND, "there is no source called %q", name)
	}
	return s.SourceByNameFn(ctx, name)
}

// CreateSource calls CreateSourceFn.
func (s *SourceService) CreateSource(ctx context.Context, src *data.Source) error {
	if s.CreateSourceFn == nil {
		return nil
	}
	return s.CreateSourceFn(ctx, src)
}

// UpdateSource calls UpdateSourceFn.
func (s *SourceService) UpdateSource(ctx context.Context, src *data.Source) error {
	if s.UpdateSourceFn == nil {
		return nil
	}
	return s.UpdateSourceFn(ctx, src)
}

// DeleteSource calls DeleteSourceFn.
func (s *SourceService) DeleteSource(ctx context.Context, id int64) error {
	if s.DeleteSourceFn == nil {
		return nil
	}
	return s.DeleteSourceFn(ctx, id)
}

// EnsureSource calls EnsureSourceFn; without one it returns a new source with that name and
// kind.
func (s *SourceService) EnsureSource(ctx context.Context, name, kind string) (*data.Source, error) {
	if s.EnsureSourceFn == nil {
		return &data.Source{Name: name, Kind: kind}, nil
	}
	return s.EnsureSourceFn(ctx, name, kind)
}

// SyncRunService is a fake data.SyncRunService.
type SyncRunService struct {
	StartSyncRunFn  func(ctx context.Context, r *data.SyncRun) error
	FinishSyncRunFn func(ctx context.Context, r *data.SyncRun) error
	SyncRunsFn      func(ctx context.Context, sourceID int64, limit int) ([]*data.SyncRun, error)
}

// StartSyncRun calls StartSyncRunFn.
func (s *SyncRunService) StartSyncRun(ctx context.Context, r *data.SyncRun) error {
	if s.StartSyncRunFn == nil {
		return nil
	}
	return s.StartSyncRunFn(ctx, r)
}

// FinishSyncRun calls FinishSyncRunFn.
func (s *SyncRunService) FinishSyncRun(ctx context.Context, r *data.SyncRun) error {
	if s.FinishSyncRunFn == nil {
		return nil
	}
	return s.FinishSyncRunFn(ctx, r)
}

// SyncRuns calls SyncRunsFn.
func (s *SyncRunService) SyncRuns(ctx context.Context, sourceID int64, limit int) ([]*data.SyncRun, error) {
	if s.SyncRunsFn == nil {
		return nil, nil
	}
	return s.SyncRunsFn(ctx, sourceID, limit)
}

// StatsService is a fake data.StatsService.
type StatsService struct {
	CacheStatsFn func(ctx context.Context) (data.CacheStats, error)
}

// CacheStats calls CacheStatsFn.
func (s *StatsService) CacheStats(ctx context.Context) (data.CacheStats, error) {
	if s.CacheStatsFn == nil {
		return data.CacheStats{}, nil
	}
	return s.CacheStatsFn(ctx)
}
