package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	_ "modernc.org/sqlite"
)

// MustOpenDB opens a new database in a temp dir and closes it when the test ends.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "verbatim.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpen(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v.db")
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		if err := db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
		}
		var fk int
		if err := db.SQL().QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
			t.Fatalf("foreign_keys = %d, %v; want 1", fk, err)
		}
		db.Close()
		// Reopening an up-to-date database changes nothing.
		db, err = sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	})

	t.Run("ErrNotSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notadb.txt")
		content := []byte("name,score\nAna,10\n")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := sqlite.Open(path)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "not an SQLite file") {
			t.Fatalf("err = %v", err)
		}
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, content) {
			t.Fatal("the file was modified")
		}
		if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
			t.Fatal("a -wal file was created beside it")
		}
	})

	t.Run("ErrMissingDirectory", func(t *testing.T) {
		_, err := sqlite.Open(filepath.Join(t.TempDir(), "missing", "v.db"))
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "does not exist") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("ErrNewerSchema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v.db")
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec("PRAGMA user_version = 999"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err = sqlite.Open(path)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "newer Verbatim") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("ErrOtherProgramsDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		other, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Exec("CREATE TABLE invoices(id INTEGER)"); err != nil {
			t.Fatal(err)
		}
		other.Close()
		_, err = sqlite.Open(path)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "another program") {
			t.Fatalf("err = %v", err)
		}
	})
}

// day returns noon UTC of a date, far from any local midnight in common zones.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func mustSource(tb testing.TB, db *sqlite.DB, name string) *data.Source {
	tb.Helper()
	s, err := db.EnsureSource(context.Background(), name, data.KindFile)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func mustWrite(tb testing.TB, db *sqlite.DB, sourceID int64, rs ...*data.Response) data.UpsertResult {
	tb.Helper()
	return mustCommit(tb, db.BeginBulk, sourceID, rs)
}

// mustCommit writes rs in one transaction begun by begin (BeginBulk or BeginLoad).
func mustCommit(tb testing.TB, begin func(context.Context, int64) (data.BulkWriter, error), sourceID int64, rs []*data.Response) data.UpsertResult {
	tb.Helper()
	ctx := context.Background()
	w, err := begin(ctx, sourceID)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := w.Write(ctx, rs)
	if err != nil {
		w.Rollback()
		tb.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		tb.Fatal(err)
	}
	return res
}

func nps(id string, score float64, comment string, at time.Time, props map[string]string) *data.Response {
	return &data.Response{ExternalID: id, SurveyType: data.TypeNPS, ScaleMin: 0, ScaleMax: 10, Score: data.Float(score),
		Comment: comment, CreatedAt: at, Properties: props}
}
