package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

func TestBulkWriter_Write(t *testing.T) {
	ctx := context.Background()
	t.Run("Idempotent", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "survey.csv")
		batch := []*data.Response{
			nps("a", 10, "Great product", day(2026, 3, 2), nil),
			nps("b", 3, "Too expensive", day(2026, 3, 3), nil),
		}
		if got := mustWrite(t, db, src.ID, batch...); got != (data.UpsertResult{Inserted: 2}) {
			t.Fatalf("first write = %+v", got)
		}
		if got := mustWrite(t, db, src.ID, batch...); got != (data.UpsertResult{Unchanged: 2}) {
			t.Fatalf("second write = %+v", got)
		}
		changed := nps("b", 5, "Too expensive, and slow", day(2026, 3, 3), nil)
		if got := mustWrite(t, db, src.ID, changed); got != (data.UpsertResult{Updated: 1}) {
			t.Fatalf("changed write = %+v", got)
		}
		n, err := db.CountResponses(ctx, data.ResponseFilter{})
		if err != nil || n != 2 {
			t.Fatalf("count = %d, %v; want 2", n, err)
		}
		// The search index follows the update: the old text is gone, the new one found.
		for query, want := range map[string]int{"slow": 1, "expensive": 1, "great": 1, "cheap": 0} {
			if n, err := db.CountResponses(ctx, data.ResponseFilter{Query: query}); err != nil || n != want {
				t.Errorf("search %q = %d, %v; want %d", query, n, err, want)
			}
		}
	})

	t.Run("DuplicateInOneBatch", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "api")
		got := mustWrite(t, db, src.ID, nps("a", 9, "", day(2026, 1, 1), nil), nps("a", 9, "", day(2026, 1, 1), nil))
		if got != (data.UpsertResult{Inserted: 1, Unchanged: 1}) {
			t.Fatalf("write = %+v", got)
		}
	})

	t.Run("AnnotationsSurviveUpdate", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "api")
		mustWrite(t, db, src.ID, nps("a", 2, "Billing is wrong", day(2026, 2, 1), nil))
		rs, err := db.FindResponses(ctx, data.ResponseFilter{})
		if err != nil || len(rs) != 1 {
			t.Fatalf("find = %v, %v", rs, err)
		}
		id := rs[0].ID
		tag, err := db.EnsureTag(ctx, "billing")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.TagResponses(ctx, tag.ID, []int64{id}, data.OriginUser); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddNote(ctx, id, "Called back on Monday"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetFollowUp(ctx, id, data.FollowUpContacted); err != nil {
			t.Fatal(err)
		}
		board, err := db.CreateBoard(ctx, "Week 9")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PinCard(ctx, board.ID, id, data.SideNegative); err != nil {
			t.Fatal(err)
		}

		mustWrite(t, db, src.ID, nps("a", 4, "Billing is still wrong", day(2026, 2, 1), nil))

		got, err := db.Response(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Comment != "Billing is still wrong" || *got.Score != 4 {
			t.Errorf("response not updated: %+v", got)
		}
		if len(got.Tags) != 1 || got.Tags[0] != "billing" || len(got.Notes) != 1 {
			t.Errorf("annotations lost: tags %v notes %v", got.Tags, got.Notes)
		}
		b, err := db.Board(ctx, board.ID)
		if err != nil || len(b.Cards) != 1 || b.Cards[0].ResponseID != id {
			t.Fatalf("board after update = %+v, %v", b, err)
		}
	})

	t.Run("SourceTagsAndNotes", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "delighted.json")
		r := nps("d1", 1, "Refund please", day(2026, 4, 1), nil)
		r.Tags, r.Notes = []string{"Billing", "refund"}, []string{"Escalated to finance"}
		mustWrite(t, db, src.ID, r)
		r2 := *r
		r2.Comment = "Refund please!"
		mustWrite(t, db, src.ID, &r2) // re-import with a change: no duplicate note or tag
		rs, err := db.FindResponses(ctx, data.ResponseFilter{Filter: data.Filter{Tag: "billing"}})
		if err != nil || len(rs) != 1 {
			t.Fatalf("find by tag = %d, %v", len(rs), err)
		}
		if len(rs[0].Tags) != 2 || len(rs[0].Notes) != 1 {
			t.Errorf("tags %v notes %v", rs[0].Tags, rs[0].Notes)
		}
	})

	t.Run("RollbackLeavesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "broken.csv")
		w, err := db.BeginBulk(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(ctx, []*data.Response{nps("a", 9, "fine", day(2026, 1, 1), nil)}); err != nil {
			t.Fatal(err)
		}
		if err := w.Rollback(); err != nil {
			t.Fatal(err)
		}
		n, _ := db.CountResponses(ctx, data.ResponseFilter{})
		reports, err := db.Reports(ctx, data.ReportQuery{})
		if n != 0 || err != nil || len(reports) != 0 {
			t.Fatalf("after rollback: %d responses, %d reports, %v", n, len(reports), err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "x")
		w, err := db.BeginBulk(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Rollback()
		_, err = w.Write(ctx, []*data.Response{{ExternalID: "x", SurveyType: data.TypeNPS}})
		if data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("CursorInSameTransaction", func(t *testing.T) {
		db := MustOpenDB(t)
		src := mustSource(t, db, "typeform")
		w, _ := db.BeginBulk(ctx, src.ID)
		w.Write(ctx, []*data.Response{nps("a", 9, "", time.Now(), nil)})
		w.SetCursor("page-2")
		w.Rollback()
		s, _ := db.SourceByName(ctx, "typeform")
		if s.Cursor != "" {
			t.Fatalf("cursor saved by a rolled back write: %q", s.Cursor)
		}
		w, _ = db.BeginBulk(ctx, src.ID)
		w.SetCursor("page-2")
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		s, _ = db.SourceByName(ctx, "typeform")
		if s.Cursor != "page-2" {
			t.Fatalf("cursor = %q", s.Cursor)
		}
	})
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "s")
	mustWrite(t, db, src.ID,
		nps("1", 9, "El señor de soporte fue muy amable", day(2026, 1, 1), nil),
		nps("2", 2, "Uygulama sürekli kırık, ÇOK KÖTÜ", day(2026, 1, 2), nil),
		nps("3", 7, "İnanılmaz hızlı destek", day(2026, 1, 3), nil),
		nps("4", 10, `She said "billing" twice; invoices were fine`, day(2026, 1, 4), nil),
	)
	cases := []struct {
		query string
		want  int
	}{
		{"senor", 1},     // diacritics removed
		{"SEÑOR", 1},     // case folded
		{"kirik", 1},     // Turkish dotless ı
		{"inanilmaz", 1}, // Turkish dotted İ
		{"cok kotu", 1},  // both words
		{"invoice*", 1},  // prefix
		{`"billing`, 1},  // a stray quote is text, not syntax
		{"NEAR(", 0},     // FTS keywords are text
		{"'; DROP", 0},   // SQL is never built from user text
		{"soporte kirik", 0},
	}
	for _, c := range cases {
		n, err := db.CountResponses(ctx, data.ResponseFilter{Query: c.query})
		if err != nil || n != c.want {
			t.Errorf("search %q = %d, %v; want %d", c.query, n, err, c.want)
		}
	}
}
