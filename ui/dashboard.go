package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// commentsTarget is what a click on the dashboard opens in the Comments screen: the global
// filter to apply and, for a word, a search; for a distribution bar, one scale value.
type commentsTarget struct {
	filter data.Filter
	search string
	score  *float64
}

// dashboardScreen answers, in five seconds, "how are we doing, is it changing, for whom and
// why": a tile per survey type, then for the type in focus the trend, the distribution, the
// breakdown by a segment, the themes ranked by pain and the words that set detractors apart.
// Every mark opens the comments behind it.
type dashboardScreen struct {
	a      *App
	bg     *background
	filter *filterState
	svc    dashboardServices
	code   func() string // the interface language, for numbers and dates
	open   func(commentsTarget)

	picked  string            // the survey type whose charts are shown
	by      data.Granularity  // the trend's bucket size, "" for automatic
	segment string            // the segment key of the breakdown
	segKeys map[string]string // segment picker label → key

	reports  []*data.Report
	focus    *data.Report
	segments *data.Report
	themes   themeFigures

	reportsGen, segmentsGen, themesGen generation
	inflight                           int // loads started and not yet shown
	reportsShown                       int // the reports generation on screen
	unsub                              func()

	message    *widget.Label
	tiles      *fyne.Container
	tileViews  []*kpiTile
	trendTitle *widget.Label
	byPicker   *widget.Select
	trend      *chartView
	distTitle  *widget.Label
	dist       *chartView
	segPicker  *widget.Select
	segs       *chartView
	segNote    *widget.Label
	matrix     *chartView
	themeList  *fyne.Container
	wordList   *fyne.Container
}

func newDashboardScreen(a *App) *dashboardScreen {
	return &dashboardScreen{a: a, bg: a.bg, filter: a.filter, code: a.language, open: a.openComments,
		svc: dashboardServices{Reports: a.svc.Reports, Themes: a.svc.Themes}}
}

func (s *dashboardScreen) numbers() numberFormat { return numbersFor(s.code()) }

// buildUI lays the dashboard out: tiles on top, trend and distribution under them, then the
// segments, themes and words. Charts grow with the window; a small window scrolls.
func (s *dashboardScreen) buildUI() fyne.CanvasObject {
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.tiles = container.NewGridWithColumns(1)

	s.trendTitle = heading("")
	s.byPicker = widget.NewSelect(granularityLabels(), nil)
	s.byPicker.SetSelectedIndex(0) // automatic; set before OnChanged, which reloads
	s.byPicker.OnChanged = func(label string) {
		s.by = granularityOf(label)
		s.refresh()
	}
	s.trend = s.newChart()
	s.trend.onTap = s.openBucket
	s.trend.tooltip = s.bucketTip

	s.distTitle = heading(lang.L("Distribution"))
	s.dist = s.newChart()
	s.dist.onTap = s.openValue
	s.dist.tooltip = s.valueTip

	s.segPicker = widget.NewSelect(nil, func(label string) {
		key := s.segKeys[label]
		if key == s.segment {
			return
		}
		s.segment = key
		s.loadSegments()
	})
	s.segs = s.newChart()
	s.segs.onTap = s.openSegment
	s.segs.tooltip = s.segmentTip
	s.segNote = widget.NewLabel("")
	s.segNote.Importance = widget.LowImportance
	s.segNote.Hide()

	s.matrix = s.newChart()
	s.matrix.onTap = s.openTheme
	s.matrix.tooltip = s.themeTip
	s.themeList = container.NewVBox()
	s.wordList = container.NewVBox()

	pad := theme.Padding() * 2
	trendPanel := panel(container.NewBorder(nil, nil, nil, s.byPicker, s.trendTitle), s.trend)
	distPanel := panel(s.distTitle, s.dist)
	segPanel := panel(container.NewBorder(nil, nil, nil, s.segPicker, heading(lang.L("By segment"))),
		container.NewBorder(nil, s.segNote, nil, nil, s.segs))
	themesPanel := panel(heading(lang.L("Themes by pain and volume")), container.New(newColumnsLayout(pad, 1.3, 1), s.matrix, container.NewVScroll(s.themeList)))
	wordsPanel := panel(heading(lang.L("Words that set detractors apart")), container.NewVScroll(s.wordList))

	middle := container.New(newColumnsLayout(pad, 1.7, 1), trendPanel, distPanel)
	bottom := container.New(newColumnsLayout(pad, 1, 1.35, 0.8), segPanel, themesPanel, wordsPanel)
	// The charts keep a readable height; a small window scrolls to the lower row.
	content := container.New(newRowsLayout(pad, 0, 0, 1.1, 1).atLeast(0, 0, 240, 260), s.message, s.tiles, middle, bottom)

	s.unsub = s.filter.onChanged(func(data.Filter) { s.refresh() })
	s.loadSegmentKeys()
	s.refresh()
	return container.NewVScroll(container.NewPadded(content))
}

// stop ends the screen's subscriptions.
func (s *dashboardScreen) stop() {
	if s.unsub != nil {
		s.unsub()
	}
}

// newChart makes a chart drawn in the dashboard's language and theme.
func (s *dashboardScreen) newChart() *chartView { return newChartView(s.bg, s.chartOptions) }

// heading is a panel's title.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// panel puts a header over a body that takes the rest of the room.
func panel(header, body fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(header, nil, nil, nil, body)
}

// refresh reloads everything for the current filter: reports first, then the segments and
// themes of the survey type in focus. What is on screen stays until the new figures arrive.
func (s *dashboardScreen) refresh() {
	f := s.filter.get()
	by := s.by
	gen := s.reportsGen.next()
	track(s, func(ctx context.Context) ([]*data.Report, error) { return loadReports(ctx, s.svc, f, by) },
		func(rs []*data.Report, err error) {
			if !s.reportsGen.current(gen) {
				return
			}
			s.reportsShown = gen
			if err != nil {
				s.showMessage(loadFailed(err))
				return
			}
			s.reports = rs
			if len(rs) == 0 {
				s.showMessage(lang.L("No scored responses match the filter. Widen the dates or clear a filter; with an empty cache, load the demo data or import a survey export."))
				return
			}
			s.message.Hide()
			s.showReports()
		})
}

// showMessage replaces the figures with a sentence.
func (s *dashboardScreen) showMessage(msg string) {
	s.message.SetText(msg)
	s.message.Show()
	s.focus, s.segments, s.themes = nil, nil, themeFigures{}
	s.tiles.Objects = nil
	s.tiles.Refresh()
	for _, c := range []*chartView{s.trend, s.dist, s.segs, s.matrix} {
		c.showMessage("")
	}
	s.trendTitle.SetText(lang.L("Trend"))
	s.showThemeLists()
}

// showReports shows the tiles and the charts of the first stage, then starts the others.
func (s *dashboardScreen) showReports() {
	s.focus = focusReport(s.reports, s.picked)
	s.picked = s.focus.SurveyType
	s.showTiles()
	s.showFocus()
	s.loadSegments()
	s.loadThemes()
}

// showTiles shows one tile per survey type, the one in focus outlined.
func (s *dashboardScreen) showTiles() {
	nf := s.numbers()
	for len(s.tileViews) < len(s.reports) {
		i := len(s.tileViews)
		s.tileViews = append(s.tileViews, newKPITile(func() { s.choose(i) }, func(band string) { s.openBand(i, band) }))
	}
	objs := make([]fyne.CanvasObject, len(s.reports))
	for i, r := range s.reports {
		s.tileViews[i].set(r, nf, r == s.focus && len(s.reports) > 1)
		objs[i] = s.tileViews[i]
	}
	s.tiles.Layout = layout.NewGridLayoutWithColumns(min(max(len(objs), 1), 4))
	s.tiles.Objects = objs
	s.tiles.Refresh()
}

// choose puts the survey type of tile i in focus.
func (s *dashboardScreen) choose(i int) {
	if i >= len(s.reports) || s.reports[i] == s.focus {
		return
	}
	s.picked = s.reports[i].SurveyType
	s.focus = s.reports[i]
	s.showTiles()
	s.showFocus()
	s.loadSegments()
	s.loadThemes()
}

// focusFilter is the global filter narrowed to the survey type in focus.
func (s *dashboardScreen) focusFilter() data.Filter {
	f := s.filter.get()
	if s.focus != nil {
		f.SurveyType = s.focus.SurveyType
	}
	return f
}

// loadSegments breaks the survey type in focus down by the chosen segment key.
func (s *dashboardScreen) loadSegments() {
	if s.focus == nil {
		return
	}
	f, by, key := s.focusFilter(), s.by, s.segment
	gen := s.segmentsGen.next()
	if key == "" {
		s.segments = nil
		if s.segKeys != nil { // else the keys are still loading, and choosing one loads this
			s.segs.showMessage(lang.L("No segments in these responses."))
		}
		return
	}
	track(s, func(ctx context.Context) (*data.Report, error) { return loadSegments(ctx, s.svc, f, by, key) },
		func(r *data.Report, err error) {
			if !s.segmentsGen.current(gen) {
				return
			}
			if err != nil {
				s.segs.showMessage(loadFailed(err))
				return
			}
			s.segments = r
			s.showSegments()
		})
}

// loadThemes ranks the themes of the survey type in focus and finds its detractor words.
func (s *dashboardScreen) loadThemes() {
	if s.focus == nil {
		return
	}
	f := s.focusFilter()
	gen := s.themesGen.next()
	track(s, func(ctx context.Context) (themeFigures, error) { return loadThemes(ctx, s.svc, f) },
		func(t themeFigures, err error) {
			if !s.themesGen.current(gen) {
				return
			}
			if err != nil {
				s.themes = themeFigures{}
				s.matrix.showMessage(loadFailed(err))
				s.showThemeLists()
				return
			}
			s.themes = t
			s.showThemes()
		})
}

// loadSegmentKeys fills the segment picker with the keys responses carry, choosing the
// first of channel, region and source that exists.
func (s *dashboardScreen) loadSegmentKeys() {
	track(s, func(ctx context.Context) ([]string, error) { return s.svc.Reports.SegmentKeys(ctx) },
		func(keys []string, err error) {
			s.segKeys = map[string]string{}
			if err != nil {
				s.segs.showMessage(loadFailed(err))
				return
			}
			if len(keys) == 0 {
				s.loadSegments()
				return
			}
			labels := make([]string, len(keys))
			for i, k := range keys {
				labels[i] = segmentLabel(k)
				s.segKeys[labels[i]] = k
			}
			s.segPicker.Options = labels
			choice := keys[0]
			for _, k := range []string{"channel", "region", "source"} {
				if slices.Contains(keys, k) {
					choice = k
					break
				}
			}
			s.segPicker.SetSelected(segmentLabel(choice)) // loads the breakdown
		})
}

// track is load for the dashboard's queries: it counts them while they run, so settled
// can tell when everything on screen is current.
func track[T any](s *dashboardScreen, query func(ctx context.Context) (T, error), show func(T, error)) {
	s.inflight++
	load(s.bg, query, func(v T, err error) {
		s.inflight--
		show(v, err)
	})
}

// settled reports whether no query or chart render is under way (tests and benchmarks).
func (s *dashboardScreen) settled() bool {
	if s.inflight > 0 {
		return false
	}
	for _, c := range []*chartView{s.trend, s.dist, s.segs, s.matrix} {
		if c.busy {
			return false
		}
	}
	return true
}
