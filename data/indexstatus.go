package data

import "context"

// IndexStatus says how much of the cache full-text search covers. A large import stores its
// responses first and indexes their comments for search afterwards, in the background; until
// that is done a search finds only the indexed part.
type IndexStatus struct {
	// Searchable is the share of responses whose comments search finds, from 0 to 1.
	Searchable float64
	// Err is why indexing stopped before the end; nil while it runs and once it is done.
	Err error
}

// Complete reports whether search covers every response.
func (s IndexStatus) Complete() bool { return s.Searchable >= 1 }

// IndexStatusService tells how far the search index is behind the stored responses.
type IndexStatusService interface {
	IndexStatus(ctx context.Context) (IndexStatus, error)
}
