package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// commentFixture is a small store whose expected query results the test computes on its own,
// from the fixture's plain Go values.
type commentFixture struct {
	db        *sqlite.DB
	responses []*data.Response // with IDs, tags, notes
	followUps map[int64]string
}

var fixtureWords = []string{"billing", "invoice", "refund", "app", "slow", "great", "support", "credit", "card", "bills", "señor", "kırık"}

// newCommentFixture writes 60 responses with random dates; chronological writes them in date
// order, so that ids follow dates as they do in real imports.
func newCommentFixture(t *testing.T, chronological bool) *commentFixture {
	t.Helper()
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "survey.csv")
	rng := rand.New(rand.NewPCG(7, 7))
	start := day(2025, 1, 1)
	var rs []*data.Response
	for i := range 60 {
		r := &data.Response{ExternalID: fmt.Sprintf("r%02d", i), CreatedAt: start.Add(time.Duration(rng.IntN(40)) * 24 * time.Hour)}
		switch i % 4 {
		case 0, 1:
			r.SurveyType, r.ScaleMin, r.ScaleMax = data.TypeNPS, 0, 10
			r.Score = data.Float(float64(rng.IntN(11)))
		case 2:
			r.SurveyType, r.ScaleMin, r.ScaleMax = data.TypeCSAT, 1, 5
			r.Score = data.Float(float64(1 + rng.IntN(5)))
		default:
			r.SurveyType, r.ScaleMin, r.ScaleMax = data.TypeNPS, 0, 10 // skipped the score question
		}
		if rng.IntN(5) > 0 {
			words := make([]string, 2+rng.IntN(5))
			for w := range words {
				words[w] = fixtureWords[rng.IntN(len(fixtureWords))]
			}
			r.Comment = strings.Join(words, " ")
		}
		r.Properties = map[string]string{"region": []string{"Europe", "LATAM"}[i%2]}
		rs = append(rs, r)
	}
	if chronological {
		slices.SortStableFunc(rs, func(a, b *data.Response) int { return a.CreatedAt.Compare(b.CreatedAt) })
	}
	mustWrite(t, db, src.ID, rs...)

	f := &commentFixture{db: db, followUps: map[int64]string{}}
	page, err := db.FindComments(ctx, data.CommentFilter{Sort: data.SortOldest}, nil, 1000)
	if err != nil || len(page.Responses) != len(rs) {
		t.Fatalf("read back %d responses, %v", len(page.Responses), err)
	}
	f.responses = page.Responses
	tags := map[string]*data.Tag{}
	for _, name := range []string{"billing", "ux", "urgent"} {
		if tags[name], err = db.EnsureTag(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range f.responses {
		for j, name := range []string{"billing", "ux", "urgent"} {
			if (i+j)%(3+j) == 0 {
				if err := db.TagResponses(ctx, tags[name].ID, []int64{r.ID}, data.OriginUser); err != nil {
					t.Fatal(err)
				}
				r.Tags = append(r.Tags, name)
			}
		}
		for n := range 2 {
			if i%(5*(n+1)) == 0 { // every fifth response has a note, every tenth two
				if _, err := db.AddNote(ctx, r.ID, "called back"); err != nil {
					t.Fatal(err)
				}
				r.Notes = append(r.Notes, "called back")
			}
		}
		if i%7 == 0 {
			status := []string{data.FollowUpOpen, data.FollowUpContacted, data.FollowUpClosed}[i%3]
			if err := db.SetFollowUp(ctx, r.ID, status); err != nil {
				t.Fatal(err)
			}
			f.followUps[r.ID] = status
		}
	}
	return f
}

// fixtureCase is a filter and the test's own predicate for it.
type fixtureCase struct {
	name  string
	f     data.CommentFilter
	match func(r *data.Response, followUp string) bool
}

func fixtureCases() []fixtureCase {
	has := func(r *data.Response, tag string) bool { return slices.Contains(r.Tags, tag) }
	score := func(r *data.Response) float64 {
		if r.Score == nil {
			return -1
		}
		return *r.Score
	}
	yes, no := true, false
	from, to := day(2025, 1, 10), day(2025, 1, 25)
	return []fixtureCase{
		{"All", data.CommentFilter{}, func(*data.Response, string) bool { return true }},
		{"Word", data.CommentFilter{Search: "billing"}, func(r *data.Response, _ string) bool { return hasWord(r.Comment, "billing") }},
		{"Words", data.CommentFilter{Search: "APP slow"}, func(r *data.Response, _ string) bool {
			return hasWord(r.Comment, "app") && hasWord(r.Comment, "slow")
		}},
		{"Or", data.CommentFilter{Search: "invoice OR refund"}, func(r *data.Response, _ string) bool {
			return hasWord(r.Comment, "invoice") || hasWord(r.Comment, "refund")
		}},
		{"Prefix", data.CommentFilter{Search: "bill*"}, func(r *data.Response, _ string) bool {
			return hasWord(r.Comment, "billing") || hasWord(r.Comment, "bills")
		}},
		{"Phrase", data.CommentFilter{Search: `"credit card"`}, func(r *data.Response, _ string) bool {
			return strings.Contains(r.Comment, "credit card")
		}},
		{"Diacritics", data.CommentFilter{Search: "senor KIRIK"}, func(r *data.Response, _ string) bool {
			return hasWord(r.Comment, "señor") && hasWord(r.Comment, "kırık")
		}},
		{"Exclusion", data.CommentFilter{Search: "great -slow"}, func(r *data.Response, _ string) bool {
			return hasWord(r.Comment, "great") && !hasWord(r.Comment, "slow")
		}},
		{"OnlyExclusion", data.CommentFilter{Search: "-slow"}, func(r *data.Response, _ string) bool { return !hasWord(r.Comment, "slow") }},
		{"Type", data.CommentFilter{Filter: data.Filter{SurveyType: data.TypeCSAT}}, func(r *data.Response, _ string) bool {
			return r.SurveyType == data.TypeCSAT
		}},
		{"DateRange", data.CommentFilter{Filter: data.Filter{From: from, To: to}}, func(r *data.Response, _ string) bool {
			return !r.CreatedAt.Before(from) && r.CreatedAt.Before(to)
		}},
		{"TypeDateWord", data.CommentFilter{Filter: data.Filter{SurveyType: data.TypeNPS, From: from}, Search: "app"}, func(r *data.Response, _ string) bool {
			return r.SurveyType == data.TypeNPS && !r.CreatedAt.Before(from) && hasWord(r.Comment, "app")
		}},
		{"Band", data.CommentFilter{Filter: data.Filter{Band: data.BandNegative}}, func(r *data.Response, _ string) bool {
			s := score(r)
			return r.Score != nil && (r.SurveyType == data.TypeNPS && s <= 6 || r.SurveyType == data.TypeCSAT && s <= 2)
		}},
		{"Segment", data.CommentFilter{Filter: data.Filter{SegmentKey: "region", SegmentValue: "LATAM"}}, func(r *data.Response, _ string) bool {
			return r.Properties["region"] == "LATAM"
		}},
		{"ScoreValues", data.CommentFilter{MinScore: data.Float(9), MaxScore: data.Float(10)}, func(r *data.Response, _ string) bool {
			return r.Score != nil && *r.Score >= 9
		}},
		{"GlobalTag", data.CommentFilter{Filter: data.Filter{Tag: "BILLING"}}, func(r *data.Response, _ string) bool { return has(r, "billing") }},
		{"TagsAll", data.CommentFilter{TagsAll: []string{"billing", "ux"}}, func(r *data.Response, _ string) bool {
			return has(r, "billing") && has(r, "ux")
		}},
		{"TagsAny", data.CommentFilter{TagsAny: []string{"ux", "urgent"}}, func(r *data.Response, _ string) bool {
			return has(r, "ux") || has(r, "urgent")
		}},
		{"TagsNone", data.CommentFilter{TagsNone: []string{"billing"}}, func(r *data.Response, _ string) bool { return !has(r, "billing") }},
		{"TagsMixed", data.CommentFilter{TagsAny: []string{"billing", "ux"}, TagsNone: []string{"urgent"}, Search: "app OR great"}, func(r *data.Response, _ string) bool {
			return (has(r, "billing") || has(r, "ux")) && !has(r, "urgent") && (hasWord(r.Comment, "app") || hasWord(r.Comment, "great"))
		}},
		{"UnknownTag", data.CommentFilter{TagsAll: []string{"nope"}}, func(*data.Response, string) bool { return false }},
		{"HasNote", data.CommentFilter{HasNote: &yes}, func(r *data.Response, _ string) bool { return len(r.Notes) > 0 }},
		{"NoNote", data.CommentFilter{HasNote: &no}, func(r *data.Response, _ string) bool { return len(r.Notes) == 0 }},
		{"FollowUp", data.CommentFilter{FollowUp: data.FollowUpContacted}, func(_ *data.Response, fu string) bool { return fu == data.FollowUpContacted }},
		{"NoFollowUp", data.CommentFilter{FollowUp: data.FollowUpNone}, func(_ *data.Response, fu string) bool { return fu == "" }},
		{"WithComment", data.CommentFilter{WithComment: true}, func(r *data.Response, _ string) bool { return r.Comment != "" }},
		{"WithoutComment", data.CommentFilter{WithoutComment: true}, func(r *data.Response, _ string) bool { return r.Comment == "" }},
		{"NoteAndTagAndWord", data.CommentFilter{HasNote: &yes, TagsAll: []string{"billing"}, Search: "-slow", WithComment: true}, func(r *data.Response, _ string) bool {
			return len(r.Notes) > 0 && has(r, "billing") && !hasWord(r.Comment, "slow") && r.Comment != ""
		}},
	}
}

// hasWord reports whether text contains word as a whole word, ignoring case.
func hasWord(text, word string) bool {
	return slices.Contains(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }), word)
}

// sortKey is the test's own statement of each order: a list of values compared in turn,
// all descending except for SortOldest.
func sortKey(s data.Sort, r *data.Response) []float64 {
	created, id := float64(r.CreatedAt.Unix()), float64(r.ID)
	onScale := func(sign float64) float64 {
		if r.Score == nil {
			return -1000
		}
		return sign * (*r.Score - float64(r.ScaleMin)) / float64(r.ScaleMax-r.ScaleMin)
	}
	switch s {
	case data.SortHighest:
		return []float64{onScale(1), created, id}
	case data.SortLowest:
		return []float64{onScale(-1), created, id}
	}
	return []float64{created, id}
}

func (fx *commentFixture) expect(c fixtureCase, s data.Sort) []string {
	var want []*data.Response
	for _, r := range fx.responses {
		if c.match(r, fx.followUps[r.ID]) {
			want = append(want, r)
		}
	}
	slices.SortFunc(want, func(a, b *data.Response) int {
		ka, kb := sortKey(s, a), sortKey(s, b)
		cmp := slices.Compare(kb, ka)
		if s == data.SortOldest {
			cmp = -cmp
		}
		return cmp
	})
	ids := make([]string, len(want))
	for i, r := range want {
		ids[i] = r.ExternalID
	}
	return ids
}

// TestDB_FindComments checks every filter in every order, paged two at a time, through every
// query plan: driving from the smallest set, walking the sort index, and walking it by date
// windows (small ones, whatever the ids, to cross many).
func TestDB_FindComments(t *testing.T) {
	ctx := context.Background()
	for _, order := range []struct {
		name          string
		chronological bool
		windows       bool
	}{{"RandomIDs", false, false}, {"ChronologicalIDs", true, false}, {"Windows", false, true}, {"ChronologicalWindows", true, true}} {
		restore := func() {}
		if order.windows {
			restore = sqlite.SetWindows(1, 1)
		}
		fx := newCommentFixture(t, order.chronological)
		for _, plan := range []struct {
			name        string
			page, count int
		}{{"SetDriven", 5000, 250_000}, {"IndexWalk", 0, 0}} {
			t.Run(order.name+"/"+plan.name, func(t *testing.T) {
				restore := sqlite.SetDriveCaps(plan.page, plan.count)
				defer restore()
				for _, c := range fixtureCases() {
					for _, s := range data.Sorts {
						c.f.Sort = s
						want := fx.expect(c, s)
						var got []string
						var after *data.Cursor
						for pages := 0; ; pages++ {
							page, err := fx.db.FindComments(ctx, c.f, after, 2)
							if err != nil {
								t.Fatalf("%s %s: %v", c.name, s, err)
							}
							for _, r := range page.Responses {
								got = append(got, r.ExternalID)
							}
							if page.Next == nil || pages > len(fx.responses) {
								break
							}
							after = page.Next
						}
						if !slices.Equal(got, want) {
							t.Errorf("%s sorted %s:\n got %v\nwant %v", c.name, s, got, want)
						}
						n, err := fx.db.CountComments(ctx, c.f)
						if err != nil || n != len(want) {
							t.Errorf("%s: count = %d, %v; want %d", c.name, n, err, len(want))
						}
					}
				}
			})
		}
		restore()
	}
}

func TestDB_FindComments_Paging(t *testing.T) {
	ctx := context.Background()
	fx := newCommentFixture(t, false)

	t.Run("CursorWithoutState", func(t *testing.T) {
		// A cursor rebuilt from its values alone (no read-ahead) continues at the same place.
		f := data.CommentFilter{Sort: data.SortLowest}
		first, err := fx.db.FindComments(ctx, f, nil, 7)
		if err != nil || first.Next == nil {
			t.Fatalf("first page: %v, next %v", err, first.Next)
		}
		withState, err := fx.db.FindComments(ctx, f, first.Next, 7)
		if err != nil {
			t.Fatal(err)
		}
		bare := &data.Cursor{Key: first.Next.Key, Created: first.Next.Created, ID: first.Next.ID}
		withoutState, err := fx.db.FindComments(ctx, f, bare, 7)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := externalIDs(withState.Responses), externalIDs(withoutState.Responses); !slices.Equal(a, b) || len(a) != 7 {
			t.Fatalf("pages differ: %v vs %v", a, b)
		}
	})

	t.Run("CursorOfAnotherFilter", func(t *testing.T) {
		// A cursor's read-ahead belongs to its filter: another filter reads afresh from it.
		first, err := fx.db.FindComments(ctx, data.CommentFilter{}, nil, 3)
		if err != nil {
			t.Fatal(err)
		}
		f := data.CommentFilter{Filter: data.Filter{SurveyType: data.TypeCSAT}}
		page, err := fx.db.FindComments(ctx, f, first.Next, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Responses {
			if r.SurveyType != data.TypeCSAT || !r.CreatedAt.Before(time.Unix(first.Next.Created+1, 0)) {
				t.Fatalf("response %s does not belong after the cursor in the CSAT filter", r.ExternalID)
			}
		}
	})

	t.Run("AnnotationsAreFresh", func(t *testing.T) {
		// Pages read ahead keep their order, but rows come back with their current tags.
		f := data.CommentFilter{}
		first, err := fx.db.FindComments(ctx, f, nil, 2)
		if err != nil {
			t.Fatal(err)
		}
		tag, _ := fx.db.EnsureTag(ctx, "late")
		second, err := fx.db.FindComments(ctx, f, first.Next, 2)
		if err != nil {
			t.Fatal(err)
		}
		id := second.Responses[0].ID
		if err := fx.db.TagResponses(ctx, tag.ID, []int64{id}, data.OriginUser); err != nil {
			t.Fatal(err)
		}
		again, err := fx.db.FindComments(ctx, f, first.Next, 2)
		if err != nil || again.Responses[0].ID != id || !slices.Contains(again.Responses[0].Tags, "late") {
			t.Fatalf("page again = %+v, %v", again.Responses, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, f := range []data.CommentFilter{
			{Sort: "random"},
			{FollowUp: "maybe"},
			{Filter: data.Filter{Band: "great"}},
			{MinScore: data.Float(9), MaxScore: data.Float(3)},
		} {
			if _, err := fx.db.FindComments(ctx, f, nil, 10); data.ErrorCode(err) != data.EINVALID {
				t.Errorf("FindComments(%+v) err = %v, want EINVALID", f, err)
			}
			if _, err := fx.db.CountComments(ctx, f); f.Sort == "" && data.ErrorCode(err) != data.EINVALID {
				t.Errorf("CountComments(%+v) err = %v, want EINVALID", f, err)
			}
		}
	})
}

func externalIDs(rs []*data.Response) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ExternalID
	}
	return out
}

func TestDB_CommentDetail(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "delighted.json")
	r := nps("d1", 3, "The invoice is wrong", day(2026, 2, 1), map[string]string{"plan": "Pro"})
	r.Tags = []string{"Billing"}
	mustWrite(t, db, src.ID, r)
	page, err := db.FindComments(ctx, data.CommentFilter{}, nil, 1)
	if err != nil || len(page.Responses) != 1 {
		t.Fatalf("find = %v, %v", page, err)
	}
	id := page.Responses[0].ID
	ux, _ := db.EnsureTag(ctx, "ux")
	if err := db.TagResponses(ctx, ux.ID, []int64{id}, data.OriginUser); err != nil {
		t.Fatal(err)
	}
	noteID, err := db.AddNote(ctx, id, "first")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddNote(ctx, id, "second"); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		if err := db.SetFollowUp(ctx, id, data.FollowUpOpen); err != nil {
			t.Fatal(err)
		}
		d, err := db.CommentDetail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Source != "delighted.json" || d.FollowUp != data.FollowUpOpen || d.Response.Properties["plan"] != "Pro" {
			t.Errorf("detail = %+v", d)
		}
		if len(d.Tags) != 2 || d.Tags[0].Name != "Billing" || d.Tags[0].Origin != data.OriginSource ||
			d.Tags[1].Name != "ux" || d.Tags[1].Origin != data.OriginUser || d.Tags[1].Color == "" {
			t.Errorf("tags = %+v", d.Tags)
		}
		if len(d.Notes) != 2 || d.Notes[0].Body != "first" || d.Notes[0].ID != noteID || d.Notes[1].Body != "second" {
			t.Errorf("notes = %+v", d.Notes)
		}
	})

	t.Run("EditNotes", func(t *testing.T) {
		if err := db.UpdateNote(ctx, noteID, "first, edited"); err != nil {
			t.Fatal(err)
		}
		d, _ := db.CommentDetail(ctx, id)
		if d.Notes[0].Body != "first, edited" {
			t.Errorf("after update: %+v", d.Notes)
		}
		if err := db.DeleteNote(ctx, noteID); err != nil {
			t.Fatal(err)
		}
		d, _ = db.CommentDetail(ctx, id)
		if len(d.Notes) != 1 || d.Notes[0].Body != "second" {
			t.Errorf("after delete: %+v", d.Notes)
		}
		if err := db.DeleteNote(ctx, noteID); data.ErrorCode(err) != data.ENOTFOUND {
			t.Errorf("delete twice: %v", err)
		}
		if err := db.UpdateNote(ctx, d.Notes[0].ID, "  "); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("empty update: %v", err)
		}
	})

	t.Run("FollowUp", func(t *testing.T) {
		if err := db.SetFollowUp(ctx, id, data.FollowUpClosed); err != nil {
			t.Fatal(err)
		}
		if s, err := db.FollowUp(ctx, id); s != data.FollowUpClosed || err != nil {
			t.Errorf("follow-up = %q, %v", s, err)
		}
		if err := db.ClearFollowUp(ctx, id); err != nil {
			t.Fatal(err)
		}
		if s, err := db.FollowUp(ctx, id); s != "" || err != nil {
			t.Errorf("cleared follow-up = %q, %v", s, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := db.CommentDetail(ctx, 999); data.ErrorCode(err) != data.ENOTFOUND {
			t.Errorf("err = %v", err)
		}
	})
}

func TestDB_TagMatching(t *testing.T) {
	ctx := context.Background()
	fx := newCommentFixture(t, false)
	for _, plan := range []struct {
		name        string
		page, count int
	}{{"SetDriven", 5000, 250_000}, {"Scan", 0, 0}} {
		t.Run(plan.name, func(t *testing.T) {
			restore := sqlite.SetDriveCaps(plan.page, plan.count)
			defer restore()
			tag, err := fx.db.EnsureTag(ctx, "bulk-"+plan.name)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []data.CommentFilter{
				{Search: "app OR great"},
				{Search: "refund", Filter: data.Filter{SurveyType: data.TypeNPS}},
				{TagsAll: []string{"billing"}, HasNote: ptr(false)},
			} {
				want, err := fx.db.CountComments(ctx, f)
				if err != nil || want == 0 {
					t.Fatalf("count %+v = %d, %v", f, want, err)
				}
				already, _ := fx.db.CountComments(ctx, data.CommentFilter{TagsAll: []string{tag.Name}})
				overlap, _ := fx.db.CountComments(ctx, withTag(f, tag.Name))
				n, err := fx.db.TagMatching(ctx, f, tag.ID)
				if err != nil || n != want-overlap {
					t.Fatalf("tag %+v = %d, %v; want %d new", f, n, err, want-overlap)
				}
				if got, _ := fx.db.CountComments(ctx, withTag(f, tag.Name)); got != want {
					t.Errorf("after tagging, %d of %d matches carry the tag", got, want)
				}
				if all, _ := fx.db.CountComments(ctx, data.CommentFilter{TagsAll: []string{tag.Name}}); all != already+n {
					t.Errorf("tag on %d responses, want %d: it reached beyond the filter", all, already+n)
				}
			}
			f := data.CommentFilter{Search: "great"}
			tagged, _ := fx.db.CountComments(ctx, withTag(f, tag.Name))
			n, err := fx.db.UntagMatching(ctx, f, tag.ID)
			if err != nil || n != tagged {
				t.Fatalf("untag = %d, %v; want %d", n, err, tagged)
			}
			if left, _ := fx.db.CountComments(ctx, withTag(f, tag.Name)); left != 0 {
				t.Errorf("%d matches still tagged", left)
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := fx.db.TagMatching(ctx, data.CommentFilter{}, 9999); data.ErrorCode(err) != data.ENOTFOUND {
			t.Errorf("err = %v", err)
		}
	})
}

func withTag(f data.CommentFilter, tag string) data.CommentFilter {
	f.TagsAll = append(slices.Clone(f.TagsAll), tag)
	return f
}

func ptr[T any](v T) *T { return &v }
