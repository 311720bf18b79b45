package sqlite

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// minThemeResponses keeps tags seen on a handful of responses out of the ranking: their
// detractor share is mostly chance.
const minThemeResponses = 5

var _ data.ThemeService = (*DB)(nil)

// mainScale returns the survey type and scale that themes and words are scored on: the
// filter's type, or the one with the most responses in the filter's dates and source. The
// score rollup sums them per scale without handing its rows over.
func (db *DB) mainScale(ctx context.Context, f data.Filter) (scaleKey, bool, error) {
	c := db.rollupWhere(f, "")
	rows, err := db.db.QueryContext(ctx, `SELECT survey_type, scale_min, scale_max, sum(n) FROM score_days`+
		joinWhere(c.where)+` GROUP BY survey_type, scale_min, scale_max`, c.args...)
	if err != nil {
		return scaleKey{}, false, db.wrapBusy(fmt.Errorf("find the main survey type: %w", err))
	}
	defer rows.Close()
	var best scaleKey
	most := 0
	for rows.Next() {
		var k scaleKey
		var n int
		if err := rows.Scan(&k.surveyType, &k.scaleMin, &k.scaleMax, &n); err != nil {
			return scaleKey{}, false, err
		}
		// Rows come in key order, so ties go to the first type (and scale) by name.
		if n > most {
			best, most = k, n
		}
	}
	return best, most > 0, rows.Err()
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
