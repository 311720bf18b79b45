package sqlite

import (
	"context"

	"github.com/verbatim-app/verbatim/data"
)

var _ data.IndexStatusService = (*DB)(nil)

// IndexStatus is catch-up's progress as search sees it: the share of responses whose
// comments are indexed, and, while some are not, why the background catch-up stopped if it
// failed. Deferred secondary indexes are left out: they make queries slower, not results
// incomplete.
func (db *DB) IndexStatus(ctx context.Context) (data.IndexStatus, error) {
	p, err := db.CatchUpStatus(ctx)
	if err != nil {
		return data.IndexStatus{}, err
	}
	st := data.IndexStatus{Searchable: p.Searchable()}
	if !st.Complete() {
		st.Err = db.CatchUpError()
	}
	return st, nil
}
