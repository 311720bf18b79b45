package demo

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

func openDB(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestLoad_SQLite loads into a real database and checks it holds exactly the rows, tags,
// notes and board the fake store got from the same options.
func TestLoad_SQLite(t *testing.T) {
	ctx := context.Background()
	opts := Options{Responses: 2000, Seed: 3, Now: testNow}
	db := openDB(t, filepath.Join(t.TempDir(), "demo.db"))
	res := mustLoad(t, db, opts)
	want := newFakeStore()
	wantRes := mustLoad(t, want, opts)
	if res != wantRes {
		t.Errorf("Result from SQLite %+v, from the fake store %+v", res, wantRes)
	}

	n, err := db.CountResponses(ctx, data.ResponseFilter{})
	if err != nil || n != 2000 {
		t.Fatalf("CountResponses = %d, %v; want 2000", n, err)
	}
	got, err := db.FindResponses(ctx, data.ResponseFilter{Limit: 2000})
	if err != nil {
		t.Fatal(err)
	}
	byExt := map[string]*data.Response{}
	for _, r := range got {
		byExt[fmt.Sprint(r.SourceID, r.ExternalID)] = r
	}
	for _, w := range want.rows {
		g := byExt[fmt.Sprint(w.SourceID, w.ExternalID)]
		switch {
		case g == nil:
			t.Fatalf("%s is missing from the database", w.ExternalID)
		case g.Comment != w.Comment || *g.Score != *w.Score || !g.CreatedAt.Equal(w.CreatedAt) ||
			g.RespondentName != w.RespondentName || g.RespondentEmail != w.RespondentEmail || g.Permalink != w.Permalink:
			t.Fatalf("%s read back as\n%+v\nwant\n%+v", w.ExternalID, g, w)
		case !maps.Equal(g.Properties, w.Properties) || !maps.Equal(g.Answers, w.Answers):
			t.Fatalf("%s: properties %v and answers %v, want %v and %v", w.ExternalID, g.Properties, g.Answers, w.Properties, w.Answers)
		case !sameSet(g.Tags, w.Tags) || !sameSet(g.Notes, w.Notes):
			t.Fatalf("%s: tags %v and notes %v, want %v and %v", w.ExternalID, g.Tags, g.Notes, w.Tags, w.Notes)
		}
	}

	boards, err := db.Boards(ctx)
	if err != nil || len(boards) != 1 || boards[0].Name != res.Board {
		t.Fatalf("Boards = %v, %v; want one called %q", boards, err, res.Board)
	}
	b, err := db.Board(ctx, boards[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var gotCards, wantCards []string
	for _, c := range b.Cards {
		gotCards = append(gotCards, c.Side+" "+c.Response.ExternalID)
	}
	for _, c := range want.boards[0].Cards {
		wantCards = append(wantCards, c.Side+" "+c.Response.ExternalID)
	}
	if !sameSet(gotCards, wantCards) {
		t.Errorf("board cards %v, want %v", gotCards, wantCards)
	}

	again := mustLoad(t, db, opts)
	if again.Written != (data.UpsertResult{Unchanged: 2000}) || again.Board != "" {
		t.Errorf("loading again: %+v; want every response unchanged and no new board", again)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// BenchmarkLoad1M generates and stores a million responses, full-text index and rollups
// included, and reports the rate.
func BenchmarkLoad1M(b *testing.B) {
	const n = 1_000_000
	for i := range b.N {
		b.StopTimer()
		db := openDB(b, filepath.Join(b.TempDir(), fmt.Sprintf("demo%d.db", i)))
		b.StartTimer()
		mustLoad(b, db, Options{Responses: n, Now: testNow})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "responses/s")
}
