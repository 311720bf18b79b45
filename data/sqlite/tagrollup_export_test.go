package sqlite

import (
	"context"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// SetLocation makes db count local days in loc from now on, as if the machine had moved
// there; the tag rollup notices on its next read.
func (db *DB) SetLocation(loc *time.Location) { db.loc = loc }

// ThemesFromResponses ranks themes counting every tag from the responses, never the rollup.
func (db *DB) ThemesFromResponses(ctx context.Context, f data.Filter) ([]data.Theme, error) {
	return db.themes(ctx, f, false)
}
