// Package sqlite is Verbatim's store: one SQLite file (modernc.org/sqlite, no cgo) holding the
// response cache, its full-text index, score rollups and every local annotation.
//
// Choices worth knowing before changing anything here:
//   - WAL journal: the wall display and the GUI read while an import or sync writes.
//   - Migrations are embedded SQL files numbered from 1; PRAGMA user_version records the last
//     one applied, each applied in its own transaction.
//   - Responses and their full-text rows are written in batches by a BulkWriter inside one
//     transaction: no per-row triggers (several times slower on bulk loads). A large load
//     (BeginLoad) commits responses and rollups first and leaves secondary indexes and the
//     full-text index to a resumable catch-up after the commit (catchup.go).
//   - Score queries read small rollup tables (counts per local day × type × source × score)
//     maintained by the same writer, not the responses table.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// applicationID marks a file as a Verbatim database (PRAGMA application_id), so that another
// program's SQLite file is refused instead of being migrated.
const applicationID = 0x56524254 // "VRBT"

var sqliteHeader = []byte("SQLite format 3\x00")

// DB is an open Verbatim database. It implements the data service interfaces.
type DB struct {
	db   *sql.DB
	path string
	// Now is the clock; tests replace it.
	Now func() time.Time
	// loc is the time zone rollup days are counted in.
	loc *time.Location

	// writer is the one connection bulk writes use, kept open so its large page cache stays
	// warm from one transaction to the next; writerFree (capacity 1) hands it to one bulk
	// writer at a time. Readers use the pool with small caches.
	writer     *sql.Conn
	writerFree chan struct{}

	// bg runs catch-up (catchup.go) in the background.
	bg background
}

// Page cache sizes in KiB (negative, as PRAGMA cache_size takes them). The writer's cache is
// most of a load's peak memory, and modernc's allocator gives each 4 KiB page an 8 KiB slot:
// it takes about twice this much once full.
const (
	writerCacheKiB  = -65536
	defaultCacheKiB = -16000
)

// busyTimeoutMS is how long a connection waits for another one's lock.
const busyTimeoutMS = 10000

// walAutoCheckpoint is the WAL size in pages after which the writer connection copies the
// WAL into the database at commit. The pool's connections never do: a small write (a tag, a
// source's last sync time) that happened to commit right after a large load would otherwise
// pay for copying the whole load.
const walAutoCheckpoint = 1000

// acquireWriter waits for the writer connection (or ctx) and returns it.
func (db *DB) acquireWriter(ctx context.Context) (*sql.Conn, error) {
	select {
	case <-db.writerFree:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if db.writer == nil {
		conn, err := db.db.Conn(ctx)
		if err == nil {
			_, err = conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d; PRAGMA wal_autocheckpoint = %d",
				writerCacheKiB, walAutoCheckpoint))
			if err != nil {
				conn.Close()
			}
		}
		if err != nil {
			db.writerFree <- struct{}{}
			return nil, db.wrapBusy(fmt.Errorf("start writing to %s: %w", db.path, err))
		}
		db.writer = conn
	}
	return db.writer, nil
}

func (db *DB) releaseWriter() { db.writerFree <- struct{}{} }

// DefaultPath returns where the database lives when neither --db nor VERBATIM_DB says: the
// user's config directory.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory: %w", err)
	}
	return filepath.Join(dir, "verbatim", "verbatim.db"), nil
}

// Open opens the database at path, creating it when absent, and migrates it to the current
// schema. A file that is not a Verbatim database, or was written by a newer Verbatim, is
// refused without being modified.
func Open(path string) (*DB, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	dsn := "file:" + path + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)", busyTimeoutMS) +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(2)" +
		fmt.Sprintf("&_pragma=cache_size(%d)&_pragma=wal_autocheckpoint(0)&_txlock=immediate", defaultCacheKiB)
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: path, Now: time.Now, loc: time.Local, writerFree: make(chan struct{}, 1)}
	db.writerFree <- struct{}{}
	db.bg.ctx, db.bg.cancel = context.WithCancel(context.Background())
	if err := db.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.checkRollupZone(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	// A load that was interrupted after its commit left catch-up work: resume it.
	if pending, err := db.catchUpPending(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	} else if pending {
		db.startCatchUp()
	}
	return db, nil
}

// checkFile refuses, before SQLite touches it, a path whose directory is missing or a file
// that is not an SQLite database.
func checkFile(path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return data.Errorf(data.EINVALID, "cannot open database %s: directory %s does not exist", path, dir)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return data.Errorf(data.EINVALID, "cannot open database %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return data.Errorf(data.EINVALID, "%s is not a Verbatim database (it is not an SQLite file)", path)
	}
	return nil
}

// Close closes the database. A background catch-up stops at its last committed step; the
// next Open resumes it.
func (db *DB) Close() error {
	db.stopCatchUp()
	if db.writer != nil {
		db.writer.Close()
	}
	return db.db.Close()
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// SQL exposes the connection pool to sibling code in this package's tests and benchmarks.
func (db *DB) SQL() *sql.DB { return db.db }

func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)

	var version, appID int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if err := db.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if appID != applicationID {
		var tables int
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return fmt.Errorf("open database %s: %w", db.path, err)
		}
		if tables > 0 {
			return data.Errorf(data.EINVALID, "%s is an SQLite database of another program, not a Verbatim one", db.path)
		}
	}
	if version > len(names) {
		return data.Errorf(data.EINVALID, "%s was written by a newer Verbatim (schema %d, this one knows %d); update Verbatim to open it",
			db.path, version, len(names))
	}
	if version > 0 && version < len(names) {
		// A migration may change an index a load deferred: build those first.
		for p := (CatchUpProgress{Indexes: 1}); p.Indexes > 0; {
			if p, _, err = db.catchUpStep(ctx); err != nil {
				return fmt.Errorf("open database %s: %w", db.path, err)
			}
		}
	}
	for i := version; i < len(names); i++ {
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return err
		}
		if err := db.applyMigration(ctx, i+1, string(body)); err != nil {
			return fmt.Errorf("migrate %s to schema %d (%s): %w", db.path, i+1, names[i], err)
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, version int, body string) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", version, applicationID)); err != nil {
		return err
	}
	return tx.Commit()
}

// setMeta writes a key of the meta table.
func setMeta(ctx context.Context, q execer, key, value string) error {
	_, err := q.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

func (db *DB) meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// isBusy reports whether err is SQLite saying another connection holds the lock.
func isBusy(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"))
}

// wrapBusy turns a lock timeout into an EUNAVAILABLE error a user understands.
func (db *DB) wrapBusy(err error) error {
	if isBusy(err) {
		return data.Errorf(data.EUNAVAILABLE, "database %s is busy (another Verbatim is writing to it); try again in a moment", db.path)
	}
	return err
}
