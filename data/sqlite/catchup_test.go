package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// mustLoad writes rs in one BeginLoad transaction.
func mustLoad(tb testing.TB, db *sqlite.DB, sourceID int64, rs ...*data.Response) data.UpsertResult {
	tb.Helper()
	return mustCommit(tb, db.BeginLoad, sourceID, rs)
}

// found lists the external ids a search finds, sorted.
func found(tb testing.TB, db *sqlite.DB, search string) []string {
	tb.Helper()
	page, err := db.FindComments(context.Background(), data.CommentFilter{Search: search}, nil, 1000)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, r := range page.Responses {
		out = append(out, r.ExternalID)
	}
	slices.Sort(out)
	return out
}

// responseIndexes lists the secondary indexes of responses, sorted.
func responseIndexes(tb testing.TB, db *sqlite.DB) []string {
	tb.Helper()
	rows, err := db.SQL().Query("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'responses' AND sql IS NOT NULL ORDER BY name")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// ftsRows counts the full-text index's entries for a word, duplicates included.
func ftsRows(tb testing.TB, db *sqlite.DB, word string) int {
	tb.Helper()
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM responses_fts WHERE responses_fts MATCH ?", word).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// commented makes n responses whose comments say "word<i%k> filler".
func commented(prefix string, n, k int) []*data.Response {
	out := make([]*data.Response, n)
	for i := range out {
		out[i] = nps(fmt.Sprintf("%s%d", prefix, i), float64(i%11), fmt.Sprintf("word%d filler", i%k), day(2026, 1, 1+i%28), nil)
	}
	return out
}

func TestLoad_CatchUp(t *testing.T) {
	ctx := context.Background()
	defer sqlite.SetLoadDropMin(10, false)()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	src := mustSource(t, db, "big.csv")
	allIndexes := responseIndexes(t, db)
	if _, _, err := db.CreateTagRule(ctx, "three", "word3"); err != nil {
		t.Fatal(err)
	}

	res := mustLoad(t, db, src.ID, commented("r", 40, 5)...)
	if res.Inserted != 40 {
		t.Fatalf("load = %+v", res)
	}

	t.Run("CommittedBeforeIndexing", func(t *testing.T) {
		p, err := db.CatchUpStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p.Indexed != 0 || p.Total != 40 || p.Indexes != len(allIndexes) || p.Done() {
			t.Fatalf("status = %+v, want nothing indexed of 40 and %d indexes to build", p, len(allIndexes))
		}
		if got := responseIndexes(t, db); len(got) != 0 {
			t.Fatalf("indexes during the load's catch-up = %v, want none", got)
		}
		if got := found(t, db, "word3"); len(got) != 0 {
			t.Fatalf("search before indexing found %v", got)
		}
		reports, err := db.Reports(ctx, data.ReportQuery{})
		if err != nil || len(reports) != 1 || reports[0].Responses != 40 {
			t.Fatalf("reports = %+v, %v; want the 40 responses counted", reports, err)
		}
	})

	t.Run("ResumedAfterReopen", func(t *testing.T) {
		// Closing here plays a crash right after the commit: the next Open finds the work.
		db.Close()
		if db, err = sqlite.Open(path); err != nil {
			t.Fatal(err)
		}
		var steps []sqlite.CatchUpProgress
		if err := db.WaitCatchUp(ctx, func(p sqlite.CatchUpProgress) { steps = append(steps, p) }); err != nil {
			t.Fatal(err)
		}
		if last := steps[len(steps)-1]; !last.Done() || last.Searchable() != 1 || len(steps) != len(allIndexes)+1 {
			t.Fatalf("steps = %+v, want one per index and one chunk of comments", steps)
		}
		if got := responseIndexes(t, db); !slices.Equal(got, allIndexes) {
			t.Fatalf("indexes = %v, want %v", got, allIndexes)
		}
		want := []string{"r13", "r18", "r23", "r28", "r3", "r33", "r38", "r8"}
		if got := found(t, db, "word3"); !slices.Equal(got, want) {
			t.Fatalf("search = %v, want %v", got, want)
		}
		if got := tagOrigins(t, db, "three"); len(got) != len(want) || got["r3"] != data.OriginRule {
			t.Fatalf("rule tags = %v, want the %d matches", got, len(want))
		}
	})

	t.Run("WritesWhileBehind", func(t *testing.T) {
		// A second load leaves comments unindexed; a sync then updates an old row, a row of
		// the load and adds one. Nothing may be indexed twice or keep its old text.
		mustLoad(t, db, src.ID, commented("s", 20, 5)...)
		res := mustWrite(t, db, src.ID,
			nps("r0", 5, "changed text", day(2026, 1, 1), nil),
			nps("s1", 5, "also changed", day(2026, 1, 2), nil),
			nps("t0", 5, "fresh word3", day(2026, 1, 3), nil),
		)
		if res.Updated != 2 || res.Inserted != 1 {
			t.Fatalf("sync = %+v", res)
		}
		if err := db.WaitCatchUp(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := found(t, db, "changed"); !slices.Equal(got, []string{"r0", "s1"}) {
			t.Fatalf("changed = %v", got)
		}
		if n := ftsRows(t, db, "word0"); n != 8+3 { // r5..r35 step 5 (r0 changed), s0, s5, s10, s15
			t.Fatalf("word0 index rows = %d, want 11", n)
		}
		if n := ftsRows(t, db, "word3"); n != 8+4+1 {
			t.Fatalf("word3 index rows = %d, want 13 (no duplicates)", n)
		}
		if got := tagOrigins(t, db, "three"); len(got) != 13 || got["t0"] != data.OriginRule || got["s3"] != data.OriginRule {
			t.Fatalf("rule tags = %v", got)
		}
	})

	t.Run("ReloadUnchanged", func(t *testing.T) {
		res := mustLoad(t, db, src.ID, commented("r", 40, 5)[1:]...)
		if res.Unchanged != 39 || res.Inserted != 0 {
			t.Fatalf("reload = %+v", res)
		}
		if p, _ := db.CatchUpStatus(ctx); !p.Done() {
			t.Fatalf("status after an unchanged reload = %+v", p)
		}
	})
}

func TestLoad_SmallKeepsIndexes(t *testing.T) {
	// Below loadDropMin, or when the table is larger than the load, indexes stay.
	ctx := context.Background()
	defer sqlite.SetLoadDropMin(30, false)()
	db := MustOpenDB(t)
	src := mustSource(t, db, "a.csv")
	all := responseIndexes(t, db)
	mustLoad(t, db, src.ID, commented("a", 25, 5)...)
	if got := responseIndexes(t, db); !slices.Equal(got, all) {
		t.Fatalf("indexes after a small load = %v", got)
	}
	w, err := db.BeginLoad(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	rs := commented("b", 60, 5)
	for i := 0; i < len(rs); i += 10 {
		if _, err := w.Write(ctx, rs[i:i+10]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.CatchUpStatus(ctx); p.Indexes != len(all) {
		t.Fatalf("status = %+v; a load of 60 after 25 rows should drop the indexes once past 30", p)
	}
	if err := db.WaitCatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := found(t, db, "word4"); len(got) != 17 {
		t.Fatalf("word4 found %d, want 17", len(got))
	}
}

func TestBulk_WatermarkAfterDelete(t *testing.T) {
	// Deleting the source with the highest ids frees them; responses written later take them
	// again and must be indexed as new.
	ctx := context.Background()
	db := MustOpenDB(t)
	a, b := mustSource(t, db, "a.csv"), mustSource(t, db, "b.csv")
	mustWrite(t, db, a.ID, commented("a", 5, 5)...)
	mustWrite(t, db, b.ID, commented("b", 5, 5)...)
	if err := db.DeleteSource(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, db, a.ID, nps("c", 1, "reused ids", day(2026, 3, 1), nil))
	if got := found(t, db, "reused"); !slices.Equal(got, []string{"c"}) {
		t.Fatalf("search = %v", got)
	}
}

func TestLoad_BackgroundCatchUp(t *testing.T) {
	ctx := context.Background()
	defer sqlite.SetLoadDropMin(10, true)()
	db := MustOpenDB(t)
	src := mustSource(t, db, "bg.csv")
	mustLoad(t, db, src.ID, commented("r", 30, 3)...)
	deadline := time.Now().Add(20 * time.Second)
	for {
		p, err := db.CatchUpStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p.Done() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("background catch-up stuck at %+v (%v)", p, db.CatchUpError())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := found(t, db, "word2"); len(got) != 10 {
		t.Fatalf("word2 found %v", got)
	}
}
