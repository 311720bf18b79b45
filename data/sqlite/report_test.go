package sqlite_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// independentNPS computes NPS straight from the definition, for comparison with the store's
// rollup-based figures.
func independentNPS(scores []float64) (score float64, promoters, passives, detractors int) {
	for _, s := range scores {
		switch {
		case s >= 9:
			promoters++
		case s <= 6:
			detractors++
		default:
			passives++
		}
	}
	if len(scores) == 0 {
		return 0, 0, 0, 0
	}
	return 100 * float64(promoters-detractors) / float64(len(scores)), promoters, passives, detractors
}

func TestReports(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	web, app := mustSource(t, db, "web"), mustSource(t, db, "app")
	rng := rand.New(rand.NewPCG(7, 7))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)
	type row struct {
		at     time.Time
		score  float64
		region string
		source int64
	}
	var rows []row
	var batchWeb, batchApp []*data.Response
	for i := range 3000 {
		r := row{
			at:     start.Add(time.Duration(rng.IntN(180*24*3600)) * time.Second),
			score:  float64(rng.IntN(11)),
			region: []string{"Europe", "LATAM", "Türkiye"}[rng.IntN(3)],
		}
		resp := nps(fmt.Sprint(i), r.score, "", r.at, map[string]string{"region": r.region})
		if i%3 == 0 {
			r.source = app.ID
			batchApp = append(batchApp, resp)
		} else {
			r.source = web.ID
			batchWeb = append(batchWeb, resp)
		}
		rows = append(rows, r)
	}
	mustWrite(t, db, web.ID, batchWeb...)
	mustWrite(t, db, app.ID, batchApp...)
	// A CSAT response, to check types are reported apart.
	mustWrite(t, db, app.ID, &data.Response{ExternalID: "c1", SurveyType: data.TypeCSAT, ScaleMin: 1, ScaleMax: 5,
		Score: data.Float(4), CreatedAt: start.Add(time.Hour)})

	from, to := time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local), time.Date(2026, 5, 1, 0, 0, 0, 0, time.Local)
	cases := []struct {
		name   string
		filter data.Filter
		keep   func(row) bool
	}{
		{"AllTime", data.Filter{SurveyType: data.TypeNPS}, func(row) bool { return true }},
		{"Range", data.Filter{SurveyType: data.TypeNPS, From: from, To: to},
			func(r row) bool { return !r.at.Before(from) && r.at.Before(to) }},
		{"Source", data.Filter{SurveyType: data.TypeNPS, SourceID: app.ID}, func(r row) bool { return r.source == app.ID }},
		{"Segment", data.Filter{SurveyType: data.TypeNPS, SegmentKey: "region", SegmentValue: "Türkiye"},
			func(r row) bool { return r.region == "Türkiye" }},
		{"Band", data.Filter{SurveyType: data.TypeNPS, Band: data.BandNegative}, func(r row) bool { return r.score <= 6 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reports, err := db.Reports(ctx, data.ReportQuery{Filter: c.filter, By: data.ByMonth, Segment: "region"})
			if err != nil {
				t.Fatal(err)
			}
			if len(reports) != 1 {
				t.Fatalf("%d reports, want 1", len(reports))
			}
			r := reports[0]
			var scores []float64
			byMonth := map[time.Time][]float64{}
			byRegion := map[string][]float64{}
			for _, x := range rows {
				if c.keep(x) {
					scores = append(scores, x.score)
					local := x.at.In(time.Local)
					m := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, time.Local)
					byMonth[m] = append(byMonth[m], x.score)
					byRegion[x.region] = append(byRegion[x.region], x.score)
				}
			}
			want, p, pa, d := independentNPS(scores)
			if r.Responses != len(scores) || math.Abs(r.Score-want) > 1e-9 || r.Promoters != p || r.Passives != pa || r.Detractors != d {
				t.Errorf("got n=%d score=%v p/pa/d=%d/%d/%d; want n=%d score=%v %d/%d/%d",
					r.Responses, r.Score, r.Promoters, r.Passives, r.Detractors, len(scores), want, p, pa, d)
			}
			if len(r.Series) != len(byMonth) {
				t.Errorf("%d series points, want %d", len(r.Series), len(byMonth))
			}
			for _, pt := range r.Series {
				want, _, _, _ := independentNPS(byMonth[pt.Start])
				if pt.Responses != len(byMonth[pt.Start]) || math.Abs(pt.Score-want) > 1e-9 {
					t.Errorf("month %s: n=%d score=%v; want n=%d score=%v", pt.Start, pt.Responses, pt.Score, len(byMonth[pt.Start]), want)
				}
			}
			for _, seg := range r.Segments {
				want, _, _, _ := independentNPS(byRegion[seg.Value])
				if seg.Responses != len(byRegion[seg.Value]) || math.Abs(seg.Score-want) > 1e-9 {
					t.Errorf("region %s: n=%d score=%v; want n=%d score=%v", seg.Value, seg.Responses, seg.Score, len(byRegion[seg.Value]), want)
				}
			}
		})
	}

	t.Run("TypesApart", func(t *testing.T) {
		reports, err := db.Reports(ctx, data.ReportQuery{})
		if err != nil || len(reports) != 2 || reports[0].SurveyType != data.TypeNPS || reports[1].SurveyType != data.TypeCSAT {
			t.Fatalf("reports = %v, %v", reports, err)
		}
		if reports[1].Responses != 1 || reports[1].Score != 100 {
			t.Errorf("csat = %+v", reports[1].Summary)
		}
	})

	t.Run("Previous", func(t *testing.T) {
		reports, err := db.Reports(ctx, data.ReportQuery{Filter: data.Filter{SurveyType: data.TypeNPS, From: from, To: to}})
		if err != nil {
			t.Fatal(err)
		}
		prevFrom := from.Add(-to.Sub(from))
		var prev []float64
		for _, x := range rows {
			if !x.at.Before(prevFrom) && x.at.Before(from) {
				prev = append(prev, x.score)
			}
		}
		want, _, _, _ := independentNPS(prev)
		p := reports[0].Previous
		if p == nil || p.Responses != len(prev) || math.Abs(p.Score-want) > 1e-9 {
			t.Fatalf("previous = %+v, want n=%d score=%v", p, len(prev), want)
		}
	})

	t.Run("TagFilterReadsResponses", func(t *testing.T) {
		rs, err := db.FindResponses(ctx, data.ResponseFilter{Filter: data.Filter{SurveyType: data.TypeNPS}, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		tag, _ := db.EnsureTag(ctx, "pricing")
		var ids []int64
		var scores []float64
		for _, r := range rs {
			ids = append(ids, r.ID)
			scores = append(scores, *r.Score)
		}
		if err := db.TagResponses(ctx, tag.ID, ids, data.OriginUser); err != nil {
			t.Fatal(err)
		}
		reports, err := db.Reports(ctx, data.ReportQuery{Filter: data.Filter{Tag: "pricing"}, Segment: "region"})
		if err != nil || len(reports) != 1 {
			t.Fatalf("reports = %v, %v", reports, err)
		}
		want, _, _, _ := independentNPS(scores)
		if reports[0].Responses != 10 || math.Abs(reports[0].Score-want) > 1e-9 {
			t.Errorf("tagged = %+v, want score %v", reports[0].Summary, want)
		}
	})

	t.Run("RollupsMatchAfterRebuild", func(t *testing.T) {
		// Updates move counts between days, scores and segments; the deltas must add up.
		for i, r := range batchWeb[:200] {
			r.Score = data.Float(float64(10 - i%11))
			r.CreatedAt = r.CreatedAt.Add(36 * time.Hour)
			r.Properties = map[string]string{"region": "APAC"}
		}
		if got := mustWrite(t, db, web.ID, batchWeb[:200]...); got.Updated != 200 {
			t.Fatalf("update = %+v", got)
		}
		before, _ := db.Reports(ctx, data.ReportQuery{Segment: "region", By: data.ByWeek})
		if err := db.RebuildRollups(ctx); err != nil {
			t.Fatal(err)
		}
		after, _ := db.Reports(ctx, data.ReportQuery{Segment: "region", By: data.ByWeek})
		if fmt.Sprint(before[0].Summary, before[0].Series, before[0].Segments) != fmt.Sprint(after[0].Summary, after[0].Series, after[0].Segments) {
			t.Fatal("rollups maintained on write differ from rollups rebuilt from responses")
		}
	})
}
