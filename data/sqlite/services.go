package sqlite

import "github.com/verbatim-app/verbatim/data"

// The store implements every data service.
var (
	_ data.ResponseService = (*DB)(nil)
	_ data.ReportService   = (*DB)(nil)
	_ data.SourceService   = (*DB)(nil)
	_ data.StatsService    = (*DB)(nil)
	_ data.TagService      = (*DB)(nil)
	_ data.NoteService     = (*DB)(nil)
	_ data.BoardService    = (*DB)(nil)
)
