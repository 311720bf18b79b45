package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// mmapBytes is how much of the database file a scanning reader maps into memory: SQLite's
// own ceiling, more than a database of a few million responses needs.
const mmapBytes = 0x7fff0000

// scanConn returns a pooled connection that reads the database file through a memory map.
// Queries that visit thousands of scattered responses (a tag's responses, the comments behind
// the detractor words, segment filters the rollups cannot answer) then find each page in
// memory rather than asking the kernel for it: at 1,000,000 responses a tag's themes take a
// third of the time. The setting stays with the connection when it goes back to the pool.
func (db *DB) scanConn(ctx context.Context) (*sql.Conn, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read %s: %w", db.path, err))
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA mmap_size = %d", mmapBytes)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("map %s into memory: %w", db.path, err)
	}
	return conn, nil
}
