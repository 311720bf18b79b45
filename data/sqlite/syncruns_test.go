package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

func TestDB_SyncRuns(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "typeform")
	other := mustSource(t, db, "other")
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)

	run := func(status, msg string, offset time.Duration) *data.SyncRun {
		t.Helper()
		r := &data.SyncRun{SourceID: src.ID, StartedAt: at.Add(offset)}
		if err := db.StartSyncRun(ctx, r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.Status != data.SyncRunning {
			t.Fatalf("started run %+v", r)
		}
		r.FinishedAt, r.Status, r.Error = at.Add(offset+time.Minute), status, msg
		r.Fetched, r.Inserted, r.Updated = 10, 7, 2
		if err := db.FinishSyncRun(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	source := func() *data.Source {
		t.Helper()
		s, err := db.SourceByName(ctx, "typeform")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	t.Run("OK", func(t *testing.T) {
		run(data.SyncOK, "", 0)
		s := source()
		if !s.LastSyncAt.Equal(at.Add(time.Minute)) || s.LastError != "" {
			t.Errorf("after success: last sync %v, last error %q", s.LastSyncAt, s.LastError)
		}
	})
	t.Run("Failed", func(t *testing.T) {
		run(data.SyncFailed, "the API token ••••abcd was refused (HTTP 401)", time.Hour)
		s := source()
		if s.LastError != "the API token ••••abcd was refused (HTTP 401)" || !s.LastSyncAt.Equal(at.Add(time.Minute)) {
			t.Errorf("after failure: last sync %v (want the last success), last error %q", s.LastSyncAt, s.LastError)
		}
	})
	t.Run("Canceled", func(t *testing.T) {
		run(data.SyncCanceled, "canceled", 2*time.Hour)
		if s := source(); s.LastError == "canceled" || !s.LastSyncAt.Equal(at.Add(time.Minute)) {
			t.Errorf("a canceled run changed the source: %+v", s)
		}
	})
	t.Run("List", func(t *testing.T) {
		unfinished := &data.SyncRun{SourceID: src.ID, StartedAt: at.Add(3 * time.Hour)}
		if err := db.StartSyncRun(ctx, unfinished); err != nil {
			t.Fatal(err)
		}
		if err := db.StartSyncRun(ctx, &data.SyncRun{SourceID: other.ID, StartedAt: at}); err != nil {
			t.Fatal(err)
		}
		runs, err := db.SyncRuns(ctx, src.ID, 3)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{data.SyncRunning, data.SyncCanceled, data.SyncFailed}
		if len(runs) != len(want) {
			t.Fatalf("got %d runs, want %d", len(runs), len(want))
		}
		for i, r := range runs {
			if r.Status != want[i] || r.SourceID != src.ID {
				t.Errorf("run %d: %+v, want status %s", i, r, want[i])
			}
		}
		if !runs[0].FinishedAt.IsZero() {
			t.Error("an unfinished run has a finish time")
		}
		if f := runs[2]; f.Fetched != 10 || f.Inserted != 7 || f.Updated != 2 || f.Error == "" || !f.FinishedAt.Equal(at.Add(time.Hour+time.Minute)) {
			t.Errorf("failed run read back as %+v", f)
		}
	})
	t.Run("DeletedWithSource", func(t *testing.T) {
		if err := db.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
		runs, err := db.SyncRuns(ctx, src.ID, 10)
		if err != nil || len(runs) != 0 {
			t.Errorf("runs of a deleted source: %v, %v", runs, err)
		}
	})
}
