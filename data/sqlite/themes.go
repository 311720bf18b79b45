package sqlite

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/data/textstats"
)

// wordSample is how many of the latest detractor and promoter comments DetractorWords reads:
// enough for stable counts, few enough to answer while the dashboard draws.
const wordSample = 5000

// minThemeResponses keeps tags seen on a handful of responses out of the ranking: their
// detractor share is mostly chance.
const minThemeResponses = 5

var _ data.ThemeService = (*DB)(nil)

// mainScale returns the survey type and scale that themes and words are scored on: the
// filter's type, or the one with the most responses in the filter's range.
func (db *DB) mainScale(ctx context.Context, f data.Filter) (scaleKey, bool, error) {
	facts, err := db.loadFacts(ctx, data.Filter{From: f.From, To: f.To, SurveyType: f.SurveyType, SourceID: f.SourceID}, "")
	if err != nil {
		return scaleKey{}, false, err
	}
	counts := map[scaleKey]int{}
	for _, x := range facts {
		counts[x.scale] += x.n
	}
	var best scaleKey
	for k, n := range counts {
		if n > counts[best] || n == counts[best] && k.surveyType < best.surveyType {
			best = k
		}
	}
	return best, counts[best] > 0, nil
}

// Themes ranks tags by pain and volume for one survey type (see data.Theme).
func (db *DB) Themes(ctx context.Context, f data.Filter) ([]data.Theme, error) {
	return db.themes(ctx, f, true)
}

// themes ranks the themes, counting tags from the tag rollup when useRollup allows and the
// filter is one it answers.
func (db *DB) themes(ctx context.Context, f data.Filter, useRollup bool) ([]data.Theme, error) {
	scale, ok, err := db.mainScale(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	f.SurveyType = scale.surveyType
	rule := metrics.RuleFor(scale.surveyType, scale.scaleMin, scale.scaleMax)

	facts, err := db.loadFacts(ctx, f, "")
	if err != nil {
		return nil, err
	}
	overallCounts := map[float64]int{}
	for _, x := range facts {
		if x.scale == scale {
			overallCounts[x.score] += x.n
		}
	}
	overall := rule.Summarize(metrics.Distribution(overallCounts))
	if overall.Responses == 0 {
		return nil, nil
	}

	byTag, err := db.tagScores(ctx, f, scale, useRollup)
	if err != nil {
		return nil, err
	}

	var themes []data.Theme
	for _, tc := range byTag {
		s := rule.Summarize(metrics.Distribution(tc.scores))
		if s.Responses < minThemeResponses {
			continue
		}
		pain := float64(s.Detractors) / float64(s.Responses)
		themes = append(themes, data.Theme{
			Tag: tc.name, Color: tc.color, Responses: s.Responses,
			Share: float64(s.Responses) / float64(overall.Responses),
			Score: s.Score, Gap: s.Score - overall.Score, Pain: pain,
			Priority: pain * math.Log2(1+float64(s.Responses)),
		})
	}
	sort.Slice(themes, func(i, j int) bool {
		a, b := themes[i], themes[j]
		if a.Priority != b.Priority {
			return a.Priority > b.Priority
		}
		if a.Gap != b.Gap {
			return a.Gap < b.Gap // without detractors, the lower score hurts more
		}
		return a.Tag < b.Tag
	})
	return themes, nil
}

// DetractorWords compares the words of the latest detractor comments with the latest
// promoter comments of the main survey type in the filter. Latest by date, not id: the
// (type, date) index then serves the walk and it stops after wordSample rows.
func (db *DB) DetractorWords(ctx context.Context, f data.Filter, limit int) ([]data.Word, error) {
	scale, ok, err := db.mainScale(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	f.SurveyType = scale.surveyType
	count := func(band string) (textstats.Counts, error) {
		g := f
		g.Band = band
		from, where, args := responsesFrom(g)
		where = append(where, "r.comment IS NOT NULL", "r.comment <> ''")
		rows, err := db.db.QueryContext(ctx, `SELECT r.comment`+from+joinWhere(where)+` ORDER BY r.created_at DESC LIMIT ?`,
			append(args, wordSample)...)
		if err != nil {
			return nil, db.wrapBusy(fmt.Errorf("read %s comments: %w", band, err))
		}
		defer rows.Close()
		counts := textstats.Counts{}
		for rows.Next() {
			var comment string
			if err := rows.Scan(&comment); err != nil {
				return nil, err
			}
			counts.Add(comment)
		}
		return counts, rows.Err()
	}
	detractors, err := count(data.BandNegative)
	if err != nil {
		return nil, err
	}
	promoters, err := count(data.BandPositive)
	if err != nil {
		return nil, err
	}
	var words []data.Word
	for _, s := range textstats.Distinctive(detractors, promoters, limit, 3) {
		words = append(words, data.Word{Word: s.Word, Detractors: s.A, Promoters: s.B, Z: s.ZScore})
	}
	return words, nil
}
