package sqlite_test

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// tagDayKey is one count of the tag rollup.
type tagDayKey struct {
	tag                int64
	surveyType         string
	scaleMin, scaleMax int
	day                int
	source             int64
	score              float64
}

// recountTagDays counts tags on scored responses the slow way: every tag joined with its
// response, the local day computed by Go in loc.
func recountTagDays(t *testing.T, db *sqlite.DB, loc *time.Location) map[tagDayKey]int {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT rt.tag_id, r.survey_type, r.scale_min, r.scale_max, r.created_at, r.source_id, r.score
		FROM response_tags rt JOIN responses r ON r.id = rt.response_id WHERE r.score IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[tagDayKey]int{}
	for rows.Next() {
		var k tagDayKey
		var created int64
		if err := rows.Scan(&k.tag, &k.surveyType, &k.scaleMin, &k.scaleMax, &created, &k.source, &k.score); err != nil {
			t.Fatal(err)
		}
		y, m, d := time.Unix(created, 0).In(loc).Date()
		k.day = y*10000 + int(m)*100 + d
		out[k]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tagDays reads the tag rollup's non-zero counts.
func tagDays(t *testing.T, db *sqlite.DB) map[tagDayKey]int {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT tag_id, survey_type, scale_min, scale_max, day, source_id, score, n FROM tag_days WHERE n <> 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[tagDayKey]int{}
	for rows.Next() {
		var k tagDayKey
		var n int
		if err := rows.Scan(&k.tag, &k.surveyType, &k.scaleMin, &k.scaleMax, &k.day, &k.source, &k.score, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTagRollup changes tags in every way the product does, one after the other on the same
// database, and after each checks that the rollup equals a recount and that Themes read from
// it ranks exactly what Themes counted from the responses ranks.
func TestTagRollup(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	// A zone with daylight saving and responses near local midnight, so a wrong offset moves
	// counts to another day.
	loc := mustZone(t, "America/Sao_Paulo")
	db.SetLocation(loc)
	web, app := mustSource(t, db, "web"), mustSource(t, db, "app")
	at := func(m time.Month, d, hour int) time.Time { return time.Date(2024, m, d, hour, 30, 0, 0, loc) }
	resp := func(id string, score float64, comment string, when time.Time, tags ...string) *data.Response {
		r := nps(id, score, comment, when, map[string]string{"region": []string{"Europe", "LATAM"}[int(id[len(id)-1])/2%2]})
		r.Tags = tags
		return r
	}
	var batch []*data.Response
	for i := range 60 {
		tags := [][]string{{"billing"}, {"speed", "billing"}, nil, {"praise"}}[i%4]
		comment := []string{"charged twice on the invoice", "slow app, slow support", "", "love it"}[i%4]
		batch = append(batch, resp(fmt.Sprint("w", i), float64(i%11), comment, at(time.Month(1+i%12), 1+i%28, []int{0, 23, 12}[i%3]), tags...))
	}
	// Untagged responses: all time, tags are fewer than responses (Themes under a segment
	// filter then walks the tags); over a few months, the other way round.
	for i := range 100 {
		batch = append(batch, resp(fmt.Sprint("u", i), float64(i%11), "nothing to say", at(time.Month(1+i%3), 1+i%28, 12)))
	}
	unscored := resp("w-unscored", 0, "no score, invoice wrong", at(3, 3, 23), "billing")
	unscored.Score = nil
	batch = append(batch, unscored)
	billingID := func() int64 {
		tag, err := db.EnsureTag(ctx, "billing")
		if err != nil {
			t.Fatal(err)
		}
		return tag.ID
	}
	idsOf := func(search string) []int64 {
		page, err := db.FindComments(ctx, data.CommentFilter{Search: search}, nil, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range page.Responses {
			ids = append(ids, r.ID)
		}
		return ids
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	steps := []struct {
		name   string
		change func()
	}{
		{"SourceTagsOnImport", func() {
			mustWrite(t, db, web.ID, batch...)
			mustWrite(t, db, app.ID, resp("a1", 2, "billing is a mess", at(6, 1, 0), "billing"), resp("a2", 9, "fast", at(6, 2, 23), "speed"))
		}},
		{"TagInGUI", func() { must(db.TagResponses(ctx, billingID(), idsOf("slow"), data.OriginUser)) }},
		{"TagAgainKeepsCount", func() { must(db.TagResponses(ctx, billingID(), idsOf("slow"), data.OriginUser)) }},
		{"UntagInGUI", func() { must(db.UntagResponses(ctx, billingID(), idsOf("slow")[:5])) }},
		{"BulkTag", func() {
			tag, err := db.EnsureTag(ctx, "lovers")
			must(err)
			_, err = db.TagMatching(ctx, data.CommentFilter{Search: "love"}, tag.ID)
			must(err)
		}},
		{"BulkUntag", func() {
			_, err := db.UntagMatching(ctx, data.CommentFilter{Filter: data.Filter{SourceID: web.ID}, Search: "invoice"}, billingID())
			must(err)
		}},
		{"RuleOnSave", func() {
			_, _, err := db.CreateTagRule(ctx, "invoices", "invoice OR charged")
			must(err)
		}},
		{"RuleAtImport", func() {
			mustWrite(t, db, app.ID, resp("a3", 1, "wrong invoice again", at(7, 1, 23)), resp("a4", 10, "great", at(7, 2, 0)))
		}},
		{"ReimportChangesScore", func() {
			batch[0].Score = data.Float(10)
			batch[1].Score = data.Float(0)
			mustWrite(t, db, web.ID, batch[:2]...)
		}},
		{"ReimportMovesDay", func() {
			batch[2].CreatedAt = batch[2].CreatedAt.Add(-time.Hour) // 23:30 → 22:30, 00:30 → the day before
			batch[3].CreatedAt = batch[3].CreatedAt.AddDate(0, 3, 0)
			mustWrite(t, db, web.ID, batch[2:4]...)
		}},
		{"ReimportChangesType", func() {
			batch[5].SurveyType, batch[5].ScaleMin, batch[5].ScaleMax, batch[5].Score = data.TypeCSAT, 1, 5, data.Float(2)
			mustWrite(t, db, web.ID, batch[5])
		}},
		{"ReimportDropsAndGivesScores", func() {
			batch[6].Score = nil
			unscored.Score = data.Float(3)
			mustWrite(t, db, web.ID, batch[6], unscored)
		}},
		{"ReimportAddsSourceTag", func() {
			batch[7].Tags = append(batch[7].Tags, "praise", "new")
			mustWrite(t, db, web.ID, batch[7])
		}},
		{"SourceDeleted", func() { must(db.DeleteSource(ctx, app.ID)) }},
		{"ZoneChanged", func() {
			loc = mustZone(t, "Asia/Kathmandu")
			db.SetLocation(loc)
			must(db.RebuildRollups(ctx))
		}},
		{"TagAfterZoneChange", func() {
			// Themes rebuilt the rollup in the new zone; the triggers now count in it too.
			must(db.TagResponses(ctx, billingID(), idsOf("love"), data.OriginUser))
			mustWrite(t, db, web.ID, resp("w-late", 0, "invoice late", at(12, 31, 23)))
		}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			step.change()
			from := time.Date(2024, 3, 1, 0, 0, 0, 0, loc)
			for _, f := range []data.Filter{
				{},
				{SurveyType: data.TypeCSAT},
				{From: from, To: from.AddDate(0, 4, 0)},
				{From: from, To: from.AddDate(0, 0, 1)},
				{SourceID: web.ID, From: from},
				{SegmentKey: sqlite.SegmentSource, SegmentValue: "web"},
			} {
				fromRollup, err := db.Themes(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				fromResponses, err := db.ThemesFromResponses(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(fromRollup, fromResponses) {
					t.Errorf("filter %+v:\nrollup    %+v\nresponses %+v", f, fromRollup, fromResponses)
				}
			}
			// Under a segment filter themes count from the responses, walking either the tags
			// or the responses: the two regions must add up to the rollup's figures.
			for _, f := range []data.Filter{{}, {From: from, To: from.AddDate(0, 1, 0)}} {
				whole, err := db.Themes(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				sums := map[string][]int{}
				for _, region := range []string{"Europe", "LATAM"} {
					g := f
					g.SegmentKey, g.SegmentValue = "region", region
					part, err := db.Themes(ctx, g)
					if err != nil {
						t.Fatal(err)
					}
					for _, th := range part {
						sums[th.Tag] = append(sums[th.Tag], th.Responses)
					}
				}
				checked := 0
				for _, th := range whole {
					if s := sums[th.Tag]; len(s) == 2 { // themes under five responses are left out
						checked++
						if s[0]+s[1] != th.Responses {
							t.Errorf("filter %+v: %s has %d responses, %v by region", f, th.Tag, th.Responses, s)
						}
					}
				}
				if len(whole) > 0 && checked == 0 {
					t.Errorf("filter %+v: no theme large enough in both regions to compare", f)
				}
			}
			// A tag's scores come from the rollup, its breakdown by region (which every
			// response has) from the responses: the parts must add up to the whole.
			reports, err := db.Reports(ctx, data.ReportQuery{Filter: data.Filter{Tag: "billing"}, Segment: "region"})
			if err != nil || len(reports) == 0 {
				t.Fatalf("billing reports = %v, %v", reports, err)
			}
			for _, r := range reports {
				var sum data.Summary
				for _, s := range r.Segments {
					sum.Responses += s.Responses
					sum.Promoters += s.Promoters
					sum.Passives += s.Passives
					sum.Detractors += s.Detractors
				}
				if sum.Responses != r.Responses || sum.Promoters != r.Promoters || sum.Passives != r.Passives || sum.Detractors != r.Detractors {
					t.Errorf("billing %s: %+v, its regions add up to %+v", r.SurveyType, r.Summary, sum)
				}
			}
			// Themes above brought the rollup to the current zone; it must equal a recount.
			if got, want := tagDays(t, db), recountTagDays(t, db, loc); !maps.Equal(got, want) {
				t.Fatalf("tag rollup differs from a recount:\n got %v\nwant %v", got, want)
			}
		})
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s: %v", name, err)
	}
	return loc
}
