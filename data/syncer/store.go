package syncer

import "github.com/verbatim-app/verbatim/data"

// RunStore records sync runs and each source's sync status. It is data.SyncRunService,
// declared in package data so that the store (data/sqlite implements it) and the UI use it
// without importing the syncer.
type RunStore = data.SyncRunService

// Store is everything the Engine needs from the cache.
type Store interface {
	data.SourceService
	data.ResponseService
	RunStore
}
