package sqlite_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// tagOrigins maps external id → origin of tag on every response carrying it.
func tagOrigins(t *testing.T, db *sqlite.DB, tag string) map[string]string {
	t.Helper()
	ctx := context.Background()
	page, err := db.FindComments(ctx, data.CommentFilter{TagsAll: []string{tag}}, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range page.Responses {
		d, err := db.CommentDetail(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range d.Tags {
			if tr.Name == tag {
				out[r.ExternalID] = tr.Origin
			}
		}
	}
	return out
}

func TestDB_CreateTagRule(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "survey.csv")
	mustWrite(t, db, src.ID,
		nps("en", 2, "I was charged twice", day(2026, 1, 1), nil),
		nps("es", 3, "La factura llegó tarde", day(2026, 1, 2), nil),
		nps("tr", 4, "FATURA iki kez geldi", day(2026, 1, 3), nil),
		nps("user", 5, "Where is my invoice?", day(2026, 1, 4), nil),
		nps("other", 9, "Great support", day(2026, 1, 5), nil),
		nps("empty", 10, "", day(2026, 1, 6), nil),
	)
	billing, _ := db.EnsureTag(ctx, "billing")
	user, _ := db.FindComments(ctx, data.CommentFilter{Search: "invoice"}, nil, 1)
	if err := db.TagResponses(ctx, billing.ID, []int64{user.Responses[0].ID}, data.OriginUser); err != nil {
		t.Fatal(err)
	}

	t.Run("AppliedOnSave", func(t *testing.T) {
		rule, n, err := db.CreateTagRule(ctx, "Billing", "invoice OR charged OR factura OR fatura")
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 || rule.Tag != "billing" || rule.TagID != billing.ID || !rule.Enabled {
			t.Fatalf("rule = %+v, tagged %d; want 3 newly tagged", rule, n)
		}
		want := map[string]string{"en": data.OriginRule, "es": data.OriginRule, "tr": data.OriginRule, "user": data.OriginUser}
		if got := tagOrigins(t, db, "billing"); !maps.Equal(got, want) {
			t.Fatalf("origins = %v, want %v", got, want)
		}
		rules, err := db.TagRules(ctx)
		if err != nil || len(rules) != 1 || rules[0].Query != "invoice OR charged OR factura OR fatura" || rules[0].Tag != "billing" {
			t.Fatalf("rules = %+v, %v", rules, err)
		}
	})

	t.Run("AppliedOnImport", func(t *testing.T) {
		mustWrite(t, db, src.ID,
			nps("new-es", 1, "Otra factura incorrecta", day(2026, 2, 1), nil),
			nps("new-other", 8, "Fast app", day(2026, 2, 2), nil),
			nps("other", 9, "Great support, but an invoice was wrong", day(2026, 1, 5), nil), // changed
		)
		got := tagOrigins(t, db, "billing")
		if got["new-es"] != data.OriginRule || got["other"] != data.OriginRule || got["new-other"] != "" {
			t.Fatalf("after import: %v", got)
		}
	})

	t.Run("RemovalSurvivesReimport", func(t *testing.T) {
		// The user removes a rule's tag; importing the same file again does not bring it back.
		es, _ := db.FindComments(ctx, data.CommentFilter{Search: "llegó"}, nil, 1)
		if err := db.UntagResponses(ctx, billing.ID, []int64{es.Responses[0].ID}); err != nil {
			t.Fatal(err)
		}
		res := mustWrite(t, db, src.ID, nps("es", 3, "La factura llegó tarde", day(2026, 1, 2), nil))
		if res.Unchanged != 1 {
			t.Fatalf("re-import = %+v", res)
		}
		if got := tagOrigins(t, db, "billing"); got["es"] != "" {
			t.Fatalf("removed tag came back: %v", got)
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		if _, _, err := db.CreateTagRule(ctx, "billing", "invoice OR charged OR factura OR fatura"); data.ErrorCode(err) != data.ECONFLICT {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, c := range [][2]string{{"", "x"}, {"x", ""}, {"x", "-spam"}, {"x", `"*" ^ :`}} {
			if _, _, err := db.CreateTagRule(ctx, c[0], c[1]); data.ErrorCode(err) != data.EINVALID {
				t.Errorf("CreateTagRule(%q, %q) err = %v", c[0], c[1], err)
			}
		}
	})

	t.Run("Delete", func(t *testing.T) {
		rules, _ := db.TagRules(ctx)
		if err := db.DeleteTagRule(ctx, rules[0].ID); err != nil {
			t.Fatal(err)
		}
		before := tagOrigins(t, db, "billing")
		mustWrite(t, db, src.ID, nps("after-delete", 1, "invoice again", day(2026, 3, 1), nil))
		after := tagOrigins(t, db, "billing")
		if !maps.Equal(before, after) || len(after) == 0 {
			t.Fatalf("tags changed after the rule was deleted: %v → %v", before, after)
		}
		if err := db.DeleteTagRule(ctx, rules[0].ID); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("delete twice: %v", err)
		}
	})
}

// TestDB_AnnotationsSurviveReimport re-imports the same file, then a changed one: tags of
// every origin, notes, follow-ups and board cards all stay.
func TestDB_AnnotationsSurviveReimport(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "survey.csv")
	batch := []*data.Response{
		nps("a", 2, "The invoice is wrong", day(2026, 1, 1), nil),
		nps("b", 9, "Great app", day(2026, 1, 2), nil),
	}
	mustWrite(t, db, src.ID, batch...)
	if _, _, err := db.CreateTagRule(ctx, "billing", "invoice"); err != nil {
		t.Fatal(err)
	}
	page, _ := db.FindComments(ctx, data.CommentFilter{Search: "invoice"}, nil, 1)
	id := page.Responses[0].ID
	ux, _ := db.EnsureTag(ctx, "ux")
	if err := db.TagResponses(ctx, ux.ID, []int64{id}, data.OriginUser); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddNote(ctx, id, "refund sent"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetFollowUp(ctx, id, data.FollowUpClosed); err != nil {
		t.Fatal(err)
	}
	board, _ := db.CreateBoard(ctx, "Week 1")
	if err := db.PinCard(ctx, board.ID, id, data.SideNegative); err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		d, err := db.CommentDetail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var tags []string
		for _, tr := range d.Tags {
			tags = append(tags, tr.Name+"/"+tr.Origin)
		}
		if !slices.Equal(tags, []string{"billing/rule", "ux/user"}) || len(d.Notes) != 1 || d.FollowUp != data.FollowUpClosed {
			t.Fatalf("%s: tags %v notes %v follow-up %q", step, tags, d.Notes, d.FollowUp)
		}
		b, err := db.Board(ctx, board.ID)
		if err != nil || len(b.Cards) != 1 || b.Cards[0].ResponseID != id {
			t.Fatalf("%s: board %+v, %v", step, b, err)
		}
	}
	check("before")
	if res := mustWrite(t, db, src.ID, batch...); res.Unchanged != 2 {
		t.Fatalf("same file again = %+v", res)
	}
	check("same file again")
	changed := nps("a", 3, "The invoice is still wrong", day(2026, 1, 1), nil)
	if res := mustWrite(t, db, src.ID, changed); res.Updated != 1 {
		t.Fatalf("changed file = %+v", res)
	}
	check("changed file")
}
