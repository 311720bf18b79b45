package ui

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/verbatim-app/verbatim/data"
)

// dashboardServices is what the dashboard reads.
type dashboardServices struct {
	Reports data.ReportService
	Themes  data.ThemeService
}

// wordLimit is how many detractor words the dashboard asks for: as many as `verbatim report`
// prints, so the two can be compared.
const wordLimit = 15

// The dashboard loads in three stages, each shown as soon as it is ready: the reports (tiles,
// trend, distribution), then — once the survey type the charts show is known — the segment
// breakdown and the themes with their words, side by side.

// loadReports is the first stage: one report per survey type in the filter.
func loadReports(ctx context.Context, svc dashboardServices, f data.Filter, by data.Granularity) ([]*data.Report, error) {
	return svc.Reports.Reports(ctx, data.ReportQuery{Filter: f, By: by})
}

// loadSegments breaks the focused survey type down by a segment key; nil when it has none.
func loadSegments(ctx context.Context, svc dashboardServices, f data.Filter, by data.Granularity, key string) (*data.Report, error) {
	if key == "" || f.SurveyType == "" {
		return nil, nil
	}
	rs, err := svc.Reports.Reports(ctx, data.ReportQuery{Filter: f, By: by, Segment: key})
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return rs[0], nil
}

// themeFigures are the themes of the focused survey type and the words that set its
// detractors apart.
type themeFigures struct {
	themes []data.Theme
	words  []data.Word
}

// loadThemes ranks the themes and finds the detractor words of one survey type, the two
// queries side by side.
func loadThemes(ctx context.Context, svc dashboardServices, f data.Filter) (themeFigures, error) {
	var out themeFigures
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		out.themes, err = svc.Themes.Themes(ctx, f)
		return err
	})
	g.Go(func() (err error) {
		out.words, err = svc.Themes.DetractorWords(ctx, f, wordLimit)
		return err
	})
	return out, g.Wait()
}

// focusReport picks the report the charts show: the filter's survey type, else the one the
// user chose on a tile, else the one with the most responses.
func focusReport(rs []*data.Report, chosen string) *data.Report {
	for _, r := range rs {
		if r.SurveyType == chosen {
			return r
		}
	}
	if len(rs) > 0 {
		return rs[0]
	}
	return nil
}
