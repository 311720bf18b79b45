// Package mock provides function-field fakes of the data services for UI tests: set the Fn
// field of each method a test cares about (to return canned values or record the call). A nil
// Fn answers with zero values and no error, so a screen that also calls other methods keeps
// working without each test wiring them all.
package mock

import "github.com/verbatim-app/verbatim/data"

// The fakes implement the service interfaces.
var (
	_ data.ResponseService = (*ResponseService)(nil)
	_ data.BulkWriter      = (*BulkWriter)(nil)
	_ data.ReportService   = (*ReportService)(nil)
	_ data.SourceService   = (*SourceService)(nil)
	_ data.StatsService    = (*StatsService)(nil)
	_ data.TagService      = (*TagService)(nil)
	_ data.NoteService     = (*NoteService)(nil)
	_ data.BoardService    = (*BoardService)(nil)
	_ data.SyncRunService  = (*SyncRunService)(nil)
	_ data.ThemeService    = (*ThemeService)(nil)
)
