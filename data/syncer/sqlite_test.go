package syncer

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

// sqliteHarness is an engine over a real temporary database.
func sqliteHarness(t *testing.T) (*sqlite.DB, *Engine, map[string]string) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "verbatim.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	env := map[string]string{}
	c := fastClient(t)
	e := &Engine{
		Store: db,
		Connectors: map[string]Connector{
			data.KindTypeform:     &Typeform{Client: c, PageSize: 50},
			data.KindSurveyMonkey: &SurveyMonkey{Client: c, PerPage: 50},
			data.KindQualtrics:    &Qualtrics{Client: c, ChunkSize: 50, PollInterval: time.Millisecond},
		},
		Secrets: &Secrets{Dir: t.TempDir(), Getenv: func(k string) string { return env[k] }},
	}
	return db, e, env
}

func TestSync_SQLite(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms {
		t.Run(p.kind, func(t *testing.T) {
			db, e, env := sqliteHarness(t)
			srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
			defer srv.Close()
			srv.Add(fake.Generate(220, 21, t0)...)
			env["TOK"] = srv.Token
			src := &data.Source{Name: "live", Kind: p.kind, Config: map[string]string{ConfigURL: srv.URL, ConfigSurvey: "SV_1", ConfigTokenEnv: "TOK"}}
			if err := db.CreateSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			sync := func(opt Options) Result {
				t.Helper()
				rs, err := e.Sync(ctx, nil, opt)
				if err != nil {
					t.Fatal(err)
				}
				mustOK(t, rs[0])
				return rs[0]
			}
			count := func() int {
				t.Helper()
				n, err := db.CountResponses(ctx, data.ResponseFilter{Filter: data.Filter{SourceID: src.ID}})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			sync(Options{})
			if n := count(); n != 220 {
				t.Fatalf("cache holds %d responses, want 220", n)
			}
			stored, err := db.SourceByName(ctx, "live")
			if err != nil || stored.Cursor == "" || stored.LastSyncAt.IsZero() || stored.LastError != "" {
				t.Fatalf("source after sync: %+v, %v", stored, err)
			}

			// Annotate a response locally.
			rs, err := db.FindResponses(ctx, data.ResponseFilter{Filter: data.Filter{SourceID: src.ID}, WithComment: true, Limit: 1})
			if err != nil || len(rs) != 1 {
				t.Fatalf("find a response: %v, %v", rs, err)
			}
			target := rs[0]
			tag, err := db.EnsureTag(ctx, "billing")
			if err != nil {
				t.Fatal(err)
			}
			if err := db.TagResponses(ctx, tag.ID, []int64{target.ID}, data.OriginUser); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddNote(ctx, target.ID, "call them back"); err != nil {
				t.Fatal(err)
			}
			if err := db.SetFollowUp(ctx, target.ID, data.FollowUpContacted); err != nil {
				t.Fatal(err)
			}
			board, err := db.CreateBoard(ctx, "Weekly")
			if err != nil {
				t.Fatal(err)
			}
			if err := db.PinCard(ctx, board.ID, target.ID, data.SideNegative); err != nil {
				t.Fatal(err)
			}

			// The platform edits that response (where it can) and more arrive; then a full resync.
			if p.kind == data.KindSurveyMonkey {
				for _, r := range srv.Responses() {
					if r.ID == target.ExternalID {
						r.Comment += " (edited)"
						r.ModifiedAt = t0.Add(72 * time.Hour)
						srv.Update(r)
					}
				}
			}
			srv.Add(fake.Generate(15, 22, t0.Add(48*time.Hour))...)
			res := sync(Options{})
			if res.Run.Inserted != 15 {
				t.Errorf("incremental run inserted %d, want 15", res.Run.Inserted)
			}
			if p.kind == data.KindSurveyMonkey && res.Run.Updated != 1 {
				t.Errorf("incremental run updated %d, want the 1 edited response", res.Run.Updated)
			}
			sync(Options{Full: true})
			if n := count(); n != 235 {
				t.Fatalf("cache holds %d responses after resyncs, want 235", n)
			}

			// Every local annotation survived.
			tagged, err := db.FindResponses(ctx, data.ResponseFilter{Filter: data.Filter{SourceID: src.ID, Tag: "billing"}, Limit: 10})
			if err != nil || len(tagged) != 1 || tagged[0].ID != target.ID {
				t.Fatalf("tagged responses after resync: %v, %v", tagged, err)
			}
			if got := tagged[0].Notes; len(got) != 1 || got[0] != "call them back" {
				t.Errorf("notes after resync: %v", got)
			}
			var status string
			if err := db.SQL().QueryRow("SELECT status FROM follow_ups WHERE response_id = ?", target.ID).Scan(&status); err != nil || status != data.FollowUpContacted {
				t.Errorf("follow-up after resync: %q, %v", status, err)
			}
			b, err := db.Board(ctx, board.ID)
			if err != nil || len(b.Cards) != 1 || b.Cards[0].ResponseID != target.ID {
				t.Errorf("board after resync: %+v, %v", b, err)
			}
			runs, err := db.SyncRuns(ctx, src.ID, 10)
			if err != nil || len(runs) != 3 || runs[0].Status != data.SyncOK {
				t.Errorf("sync runs: %+v, %v", runs, err)
			}
		})
	}
}
