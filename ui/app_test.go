package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/mock"
)

// shellFixture is an App on fake services that records the report queries it receives.
type shellFixture struct {
	a       *App
	mu      sync.Mutex
	queries []data.ReportQuery
	demo    chan struct{}
}

func (f *shellFixture) lastQuery() (data.ReportQuery, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		return data.ReportQuery{}, 0
	}
	return f.queries[len(f.queries)-1], len(f.queries)
}

// sawQuery reports whether a report query after the first `after` ones satisfies ok. The
// dashboard runs several queries per load (the tiles, then a segment breakdown), so the
// last one alone says little about what a filter change asked for.
func (f *shellFixture) sawQuery(after int, ok func(data.ReportQuery) bool) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, q := range f.queries[min(after, len(f.queries)):] {
		if ok(q) {
			return true
		}
	}
	return false
}

func newShellFixture(t *testing.T, responses int, opts Options) *shellFixture {
	t.Helper()
	test.NewTempApp(t)
	f := &shellFixture{demo: make(chan struct{}, 1)}
	report := func(typ string, score float64) *data.Report {
		start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)
		return &data.Report{SurveyType: typ, ScaleMin: 0, ScaleMax: 10, By: data.ByMonth, From: start, To: start.AddDate(0, 2, 0),
			Summary:      data.Summary{Responses: 120, Score: score, Promoters: 60, Passives: 30, Detractors: 30, Margin: 12.3},
			Distribution: []data.ValueCount{{Value: 3, Count: 30}, {Value: 8, Count: 30}, {Value: 10, Count: 60}},
			Series: []data.SeriesPoint{{Start: start, Responses: 60, Score: score - 5, Margin: 15},
				{Start: start.AddDate(0, 1, 0), Responses: 60, Score: score + 5, Margin: 15}}}
	}
	svc := Services{
		Reports: &mock.ReportService{
			ReportsFn: func(_ context.Context, q data.ReportQuery) ([]*data.Report, error) {
				f.mu.Lock()
				f.queries = append(f.queries, q)
				f.mu.Unlock()
				if q.SurveyType == data.TypeCSAT {
					return []*data.Report{report(data.TypeCSAT, 80)}, nil
				}
				return []*data.Report{report(data.TypeNPS, 25), report(data.TypeCSAT, 80)}, nil
			},
			SegmentKeysFn: func(context.Context) ([]string, error) { return []string{"source", "region"}, nil },
		},
		Themes:    &mock.ThemeService{},
		Responses: &mock.ResponseService{},
		Sources: &mock.SourceService{SourcesFn: func(context.Context) ([]*data.Source, error) {
			return []*data.Source{{ID: 1, Name: "Qualtrics NPS", Kind: data.KindQualtrics, Responses: responses}}, nil
		}},
		Stats: &mock.StatsService{CacheStatsFn: func(context.Context) (data.CacheStats, error) {
			return data.CacheStats{Responses: responses, Sources: 1}, nil
		}},
		Tags: &mock.TagService{}, Notes: &mock.NoteService{}, Boards: &mock.BoardService{},
		Comments: &mock.CommentService{}, Annotations: &mock.AnnotationService{}, Rules: &mock.TagRuleService{},
		LoadDemo: func(_ context.Context, progress func(done, total int)) error {
			progress(1, 2)
			f.demo <- struct{}{}
			return nil
		},
	}
	f.a = New(fyne.CurrentApp(), svc, opts)
	f.a.win.Resize(fyne.NewSize(1280, 720))
	t.Cleanup(f.a.close)
	return f
}

// onUI runs fn as the UI goroutine would: the test driver runs fyne.Do inline on any
// goroutine, so the test takes the same lock the background's callbacks take.
func (f *shellFixture) onUI(fn func()) {
	f.a.bg.ui.Lock()
	defer f.a.bg.ui.Unlock()
	fn()
}

// eventually waits for cond, which reads UI state, to hold.
func (f *shellFixture) eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ok := false
		f.onUI(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// findLabel reports whether a label with text is on the window.
func findLabel(o fyne.CanvasObject, text string) bool {
	switch v := o.(type) {
	case *widget.Label:
		if v.Text == text {
			return true
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if findLabel(c, text) {
				return true
			}
		}
		return false
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if findLabel(c, text) {
				return true
			}
		}
	}
	return false
}

func TestApp_Navigation(t *testing.T) {
	f := newShellFixture(t, 500, Options{StartScreen: screenDashboard})
	f.eventually(t, "the dashboard", func() bool { _, ok := f.a.active.(*dashboardScreen); return ok })
	cases := []struct {
		index int
		check func(screen) bool
	}{
		{1, func(s screen) bool { _, ok := s.(*commentsScreen); return ok }},
		{2, func(s screen) bool { _, ok := s.(*boardsScreen); return ok }},
		{3, func(s screen) bool { _, ok := s.(*sourcesScreen); return ok }},
		{4, func(s screen) bool { _, ok := s.(*settingsScreen); return ok }},
		{0, func(s screen) bool { _, ok := s.(*dashboardScreen); return ok }},
	}
	for _, c := range cases {
		f.onUI(func() { f.a.nav.Select(c.index) })
		f.eventually(t, "screen "+f.a.defs[c.index].id, func() bool {
			return f.a.current == f.a.defs[c.index].id && c.check(f.a.active)
		})
	}
	if !f.a.bar.content.Visible() {
		t.Error("the filter bar is hidden on the dashboard")
	}
}

func TestApp_FilterReachesDashboard(t *testing.T) {
	f := newShellFixture(t, 500, Options{StartScreen: screenDashboard})
	f.eventually(t, "the first report", func() bool { _, n := f.lastQuery(); return n > 0 })
	f.eventually(t, "the survey types in the filter bar", func() bool { return len(f.a.bar.types.Options) == 3 })
	f.eventually(t, "two tiles", func() bool {
		d, ok := f.a.active.(*dashboardScreen)
		return ok && len(d.tiles.Objects) == 2
	})

	_, before := f.lastQuery()
	f.onUI(func() { f.a.bar.types.SetSelectedIndex(2) }) // CSAT
	f.eventually(t, "a CSAT query", func() bool {
		return f.sawQuery(before, func(q data.ReportQuery) bool { return q.SurveyType == data.TypeCSAT })
	})
	f.eventually(t, "one tile for CSAT", func() bool {
		d := f.a.active.(*dashboardScreen)
		return len(d.tiles.Objects) == 1 && d.picked == data.TypeCSAT
	})

	_, before = f.lastQuery()
	f.onUI(func() { f.a.bar.dates.SetSelectedIndex(0) }) // last 30 days
	f.eventually(t, "a 30-day query", func() bool {
		return f.sawQuery(before, func(q data.ReportQuery) bool {
			return q.To.Sub(q.From) >= 29*24*time.Hour && q.To.Sub(q.From) <= 31*24*time.Hour && q.SurveyType == data.TypeCSAT
		})
	})
}

func TestApp_LanguageSwitch(t *testing.T) {
	f := newShellFixture(t, 500, Options{StartScreen: screenSettings, Lang: "en"})
	f.eventually(t, "English navigation", func() bool { return findLabel(f.a.win.Content(), "Dashboard") })
	f.onUI(func() { f.a.setLanguage("es") })
	f.eventually(t, "Spanish navigation", func() bool {
		c := f.a.win.Content()
		return findLabel(c, "Panel") && findLabel(c, "Comentarios") && !findLabel(c, "Comments")
	})
	f.onUI(func() { f.a.setLanguage("tr") })
	f.eventually(t, "Turkish navigation", func() bool { return findLabel(f.a.win.Content(), "Yorumlar") })
	f.onUI(func() { f.a.setLanguage("en") })
	f.eventually(t, "English again", func() bool { return findLabel(f.a.win.Content(), "Comments") })
}

func TestApp_WelcomeLoadsDemo(t *testing.T) {
	f := newShellFixture(t, 0, Options{StartScreen: screenDashboard})
	var demo *widget.Button
	f.eventually(t, "the welcome panel", func() bool {
		demo = findButton(f.a.body, "Load demo data")
		return demo != nil
	})
	f.onUI(func() { test.Tap(demo) })
	select {
	case <-f.demo:
	case <-time.After(5 * time.Second):
		t.Fatal("Load demo data did not call LoadDemo")
	}
}

func TestApp_WelcomeCancelsDemo(t *testing.T) {
	f := newShellFixture(t, 0, Options{StartScreen: screenDashboard})
	started := make(chan struct{})
	f.onUI(func() {
		f.a.svc.LoadDemo = func(ctx context.Context, progress func(done, total int)) error {
			progress(1, 4)
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}
	})
	var demo *widget.Button
	f.eventually(t, "the welcome panel", func() bool {
		demo = findButton(f.a.body, "Load demo data")
		return demo != nil
	})
	f.onUI(func() { test.Tap(demo) })
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("Load demo data did not call LoadDemo")
	}
	var cancel *widget.Button
	f.eventually(t, "a Cancel button and a disabled demo button", func() bool {
		cancel = findButton(f.a.body, "Cancel")
		return cancel != nil && demo.Disabled()
	})
	f.onUI(func() { test.Tap(cancel) })
	f.eventually(t, "the cancelled load to end", func() bool {
		return findLabel(f.a.body, "Cancelled.") && !demo.Disabled()
	})
}

func TestApp_SourcesList(t *testing.T) {
	f := newShellFixture(t, 1234, Options{StartScreen: screenSources})
	f.eventually(t, "the source's row", func() bool {
		c := f.a.body
		return findLabel(c, "Qualtrics NPS") && findLabel(c, "Qualtrics") && findLabel(c, "1,234") && findLabel(c, "Never synced")
	})
	if f.a.bar.content.Visible() {
		t.Error("the filter bar shows on the Sources screen, which does not read it")
	}
}

func TestApp_ScreenShortcuts(t *testing.T) {
	f := newShellFixture(t, 500, Options{StartScreen: screenDashboard})
	f.eventually(t, "the dashboard", func() bool { return f.a.current == screenDashboard })
	for i, d := range f.a.defs {
		f.onUI(func() { f.a.win.Canvas().(fyne.Shortcutable).TypedShortcut(screenShortcut(i)) })
		f.eventually(t, "Ctrl+"+string(screenKeys[i])+" to open "+d.id, func() bool {
			return f.a.current == d.id && f.a.nav != nil
		})
	}
}
