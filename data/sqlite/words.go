package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/data/textstats"
)

// wordSample is how many of the latest detractor and promoter comments DetractorWords reads:
// enough for stable counts, few enough to answer while the dashboard draws.
var wordSample = 5000

// DetractorWords compares the words of the latest detractor comments with the latest
// promoter comments of the main survey type in the filter. Latest by date, not id: the
// (type, date) index then serves the walk and it stops after wordSample rows.
func (db *DB) DetractorWords(ctx context.Context, f data.Filter, limit int) ([]data.Word, error) {
	scale, ok, err := db.mainScale(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	f.SurveyType, f.Band = scale.surveyType, ""
	var counts map[string]textstats.Counts
	if f.Tag != "" {
		// A tag's responses are read whole and sorted anyway: one pass serves both bands.
		counts, err = db.sampleWords(ctx, f, data.BandNegative, data.BandPositive)
	} else {
		// Two walks down the date index, each stopping at its sample, side by side.
		counts = map[string]textstats.Counts{}
		var detractors, promoters map[string]textstats.Counts
		g, gctx := errgroup.WithContext(ctx)
		g.Go(func() (err error) {
			detractors, err = db.sampleWords(gctx, f, data.BandNegative)
			return err
		})
		g.Go(func() (err error) {
			promoters, err = db.sampleWords(gctx, f, data.BandPositive)
			return err
		})
		err = g.Wait()
		counts[data.BandNegative], counts[data.BandPositive] = detractors[data.BandNegative], promoters[data.BandPositive]
	}
	if err != nil {
		return nil, err
	}
	var words []data.Word
	for _, s := range textstats.Distinctive(counts[data.BandNegative], counts[data.BandPositive], limit, 3) {
		words = append(words, data.Word{Word: s.Word, Detractors: s.A, Promoters: s.B, Z: s.ZScore})
	}
	return words, nil
}

// sampleWords counts the words of the latest wordSample comments in each band (of f's survey
// type) matching f.
func (db *DB) sampleWords(ctx context.Context, f data.Filter, bands ...string) (map[string]textstats.Counts, error) {
	from, where, args := responsesFrom(f)
	// The first condition a comment meets names its band.
	var when, either []string
	var bandArgs []any
	for i, band := range bands {
		cond, a := typeBandWhere(f.SurveyType, band)
		when = append(when, fmt.Sprintf("WHEN %s THEN %d", cond, i))
		either = append(either, cond)
		bandArgs = append(bandArgs, a...)
	}
	where = append(where, "("+strings.Join(either, " OR ")+")", "r.comment IS NOT NULL", "r.comment <> ''")
	query := `SELECT CASE ` + strings.Join(when, " ") + ` END, r.comment` + from + joinWhere(where) + ` ORDER BY r.created_at DESC`
	args = slices.Concat(bandArgs, args, bandArgs) // the CASE, the filter, the bands' test
	if len(bands) == 1 {
		query += " LIMIT ?"
		args = append(args, wordSample)
	}
	conn, err := db.scanConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("read comments of %s: %w", strings.Join(bands, " and "), err))
	}
	defer rows.Close()
	counts := make([]textstats.Counts, len(bands))
	seen := make([]int, len(bands))
	for i := range counts {
		counts[i] = textstats.Counts{}
	}
	for rows.Next() {
		var band int
		var comment string
		if err := rows.Scan(&band, &comment); err != nil {
			return nil, err
		}
		if seen[band] < wordSample {
			seen[band]++
			counts[band].Add(comment)
		}
	}
	out := map[string]textstats.Counts{}
	for i, band := range bands {
		out[band] = counts[i]
	}
	return out, rows.Err()
}

// typeBandWhere selects responses of one survey type in a score band. For a type whose bands
// do not depend on its scale that is a test of the score alone, which the (type, date, score)
// index answers without reading each response: walking the latest comments then reads only
// those in the band. Other types take bandWhere's test of the scale too.
func typeBandWhere(surveyType, band string) (string, []any) {
	if !slices.Contains(bandTypes, surveyType) {
		return bandWhere(band)
	}
	lo, hi := metrics.RuleFor(surveyType, 0, 0).BandRange(band)
	return "r.score BETWEEN ? AND ?", []any{lo, hi}
}
