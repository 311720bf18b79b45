package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/demo"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/ui/chart"
)

// dashFixture is the whole window on a real store filled with demo data, showing the
// dashboard.
type dashFixture struct {
	t    testing.TB
	a    *App
	db   *sqlite.DB
	path string
}

// demoResponses is the size of the test database: every survey type has weeks with more
// and fewer than metrics.MinReliable responses, tags, segments and comments.
const demoResponses = 4000

// demoStore is a database filled with demo data, shared by the dashboard tests (they only
// read it).
type demoStore struct {
	path string
	db   *sqlite.DB
}

func newDemoStore(t *testing.T) *demoStore {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := demo.Load(context.Background(), db, demo.Options{Responses: demoResponses, Seed: 5}, nil); err != nil {
		t.Fatal(err)
	}
	return &demoStore{path: path, db: db}
}

// newDashFixture opens the window on the store, at 1366×768, and waits for the dashboard.
func newDashFixture(t testing.TB, store *demoStore) *dashFixture {
	t.Helper()
	test.NewTempApp(t)
	db := store.db
	svc := Services{Reports: db, Themes: db, Responses: db, Sources: db, Stats: db, Tags: db, Notes: db, Boards: db,
		Comments: db, Annotations: db, Rules: db}
	f := &dashFixture{t: t, db: db, path: store.path}
	fyne.DoAndWait(func() { f.a = New(fyne.CurrentApp(), svc, Options{StartScreen: screenDashboard, Lang: "en"}) })
	f.do(func() { f.a.win.Resize(fyne.NewSize(1366, 768)) })
	t.Cleanup(f.a.close)
	f.settle()
	return f
}

// TestDashboard runs the dashboard's tests on one demo database.
func TestDashboard(t *testing.T) {
	store := newDemoStore(t)
	t.Run("FilterChangeUpdatesTilesAndCharts", func(t *testing.T) { testFilterChange(t, store) })
	t.Run("ClickThrough", func(t *testing.T) { testClickThrough(t, store) })
	t.Run("TileFocusesCharts", func(t *testing.T) { testTileFocus(t, store) })
	t.Run("ThemeChangeRedraws", func(t *testing.T) { testThemeChange(t, store) })
	t.Run("Tooltip", func(t *testing.T) { testTooltip(t, store) })
	t.Run("FiguresMatchReportAndRecount", func(t *testing.T) { testFigures(t, store) })
}

// do runs fn on the UI goroutine. The test driver runs what background.do hands it on the
// calling goroutine, serialised by the background's lock; fn takes the same lock, so a test
// never reads or taps while a query's result is being put on screen.
func (f *dashFixture) do(fn func()) {
	fyne.DoAndWait(func() {
		f.a.bg.ui.Lock()
		defer f.a.bg.ui.Unlock()
		fn()
	})
}

// waitFor waits until cond, which reads UI state on the UI goroutine, holds.
func (f *dashFixture) waitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ok := false
		f.do(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	f.t.Fatalf("timed out waiting for %s", what)
}

// dash returns the dashboard on show.
func (f *dashFixture) dash() *dashboardScreen {
	d, _ := f.a.active.(*dashboardScreen)
	return d
}

// settle waits until the dashboard is on show with every figure loaded and drawn.
func (f *dashFixture) settle() *dashboardScreen {
	f.t.Helper()
	f.waitFor("the dashboard to settle", func() bool {
		d := f.dash()
		return d != nil && d.focus != nil && d.segments != nil && d.settled() &&
			d.trend.pic != nil && d.dist.pic != nil && d.segs.pic != nil
	})
	return f.dash()
}

// setFilter changes the shared filter object, as the filter bar does.
func (f *dashFixture) setFilter(change func(*data.Filter)) {
	f.do(func() {
		flt := f.a.filter.get()
		change(&flt)
		f.a.filter.set(flt)
		f.a.bar.sync()
	})
}

func testFilterChange(t *testing.T, store *demoStore) {
	f := newDashFixture(t, store)
	d := f.dash()
	var types []string
	var trendBefore *chart.Picture
	f.do(func() {
		for _, r := range d.reports {
			types = append(types, r.SurveyType)
		}
		trendBefore = d.trend.pic
	})
	if len(types) != 3 || len(d.tiles.Objects) != 3 {
		t.Fatalf("survey types %v and %d tiles; want nps, csat and ces with a tile each", types, len(d.tiles.Objects))
	}

	t.Run("SurveyType", func(t *testing.T) {
		f.setFilter(func(flt *data.Filter) { flt.SurveyType = data.TypeCSAT })
		f.waitFor("one CSAT tile", func() bool {
			d := f.dash()
			return len(d.tiles.Objects) == 1 && d.focus != nil && d.focus.SurveyType == data.TypeCSAT && d.settled() &&
				d.trend.pic != trendBefore
		})
		f.do(func() {
			d := f.dash()
			r := d.focus
			tile := d.tileViews[0]
			rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
			if tile.title.Text != "CSAT" || tile.score.Text != tileScore(numbersFor("en"), rule, r.Score) {
				t.Errorf("tile shows %q %q for CSAT at %v", tile.title.Text, tile.score.Text, r.Score)
			}
			checkTrendHits(t, d.trend.pic, r)
			if n := len(d.dist.pic.Hits); n != 5 {
				t.Errorf("CSAT distribution has %d bars, want 5", n)
			}
		})
	})
	t.Run("Dates", func(t *testing.T) {
		var before int
		f.do(func() { before = f.dash().focus.Responses })
		f.do(func() { f.a.filter.setDateRange(date30Days, time.Time{}, time.Time{}) })
		f.waitFor("a 30-day report", func() bool {
			d := f.dash()
			return d.focus != nil && d.settled() && d.focus.Responses < before && d.focus.By == data.ByDay
		})
		f.do(func() {
			d := f.dash()
			checkTrendHits(t, d.trend.pic, d.focus)
			if got := d.trendTitle.Text; got != "CSAT by day" {
				t.Errorf("trend title %q, want CSAT by day", got)
			}
		})
	})
	t.Run("Granularity", func(t *testing.T) {
		f.do(func() { f.dash().byPicker.SetSelected("By week") })
		f.waitFor("a weekly trend", func() bool {
			d := f.dash()
			return d.focus != nil && d.settled() && d.focus.By == data.ByWeek
		})
		f.do(func() { checkTrendHits(t, f.dash().trend.pic, f.dash().focus) })
	})
}

// checkTrendHits asserts that a trend picture has one hit per bucket of r, with its figures.
func checkTrendHits(t *testing.T, p *chart.Picture, r *data.Report) {
	t.Helper()
	if p == nil || len(p.Hits) != len(r.Series) {
		t.Fatalf("trend picture %v does not have one hit per bucket (%d)", p != nil, len(r.Series))
	}
	for i, h := range p.Hits {
		sp := r.Series[i]
		if !h.From.Equal(sp.Start) || h.Responses != sp.Responses || h.Score != sp.Score {
			t.Errorf("trend point %d: %v n=%d score=%v; report %v n=%d score=%v", i, h.From, h.Responses, h.Score, sp.Start, sp.Responses, sp.Score)
		}
	}
}

// tapHit taps a chart view where the given hit's mark is drawn.
func (f *dashFixture) tapHit(v *chartView, h chart.Hit) {
	f.do(func() { test.TapAt(v, v.position(h.Mark)) })
}

func testClickThrough(t *testing.T, store *demoStore) {
	f := newDashFixture(t, store)
	start := f.a.filter.get()
	reset := func() {
		f.do(func() {
			f.a.filter.set(start)
			f.a.filter.dateRange = date12Months
			f.a.show(screenDashboard)
		})
		f.settle()
	}
	// comments returns the Comments screen once it is on show.
	comments := func() *commentsScreen {
		var cs *commentsScreen
		f.waitFor("the Comments screen", func() bool {
			cs, _ = f.a.active.(*commentsScreen)
			return cs != nil
		})
		return cs
	}

	t.Run("TrendPoint", func(t *testing.T) {
		reset()
		d := f.dash()
		var h chart.Hit
		var focus string
		f.do(func() {
			h = d.trend.pic.Hits[len(d.trend.pic.Hits)/2]
			focus = d.focus.SurveyType
		})
		f.tapHit(d.trend, h)
		cs := comments()
		var got data.Filter
		var local data.CommentFilter
		f.do(func() { got, local = f.a.filter.get(), cs.commentFilter() })
		want := start
		want.SurveyType, want.From, want.To = focus, h.From, h.To
		if got != want || local.Filter != want {
			t.Errorf("comments filter %+v (screen %+v), want the bucket %+v", got, local.Filter, want)
		}
		if f.a.filter.dateRange != dateCustom {
			t.Errorf("date preset %q after opening a bucket, want custom", f.a.filter.dateRange)
		}
		// The comments behind the point are the responses it counts.
		n, err := f.db.CountComments(context.Background(), data.CommentFilter{Filter: got})
		if err != nil {
			t.Fatal(err)
		}
		if n != h.Responses {
			t.Errorf("the bucket's comments filter matches %d responses, the point counts %d", n, h.Responses)
		}
	})

	t.Run("FirstBucketClippedToTheFilter", func(t *testing.T) {
		reset()
		d := f.dash()
		var h chart.Hit
		f.do(func() { h = d.trend.pic.Hits[0] })
		f.tapHit(d.trend, h)
		comments()
		got := f.a.filter.get()
		if !got.From.Equal(start.From) || !got.To.Equal(h.To) {
			t.Errorf("first bucket opens %v..%v; want the filter's start %v to the bucket's end %v", got.From, got.To, start.From, h.To)
		}
	})

	t.Run("DistributionBar", func(t *testing.T) {
		reset()
		d := f.dash()
		var h chart.Hit
		f.do(func() { h = d.dist.pic.Hits[3] })
		f.tapHit(d.dist, h)
		cs := comments()
		f.do(func() {
			cf := cs.commentFilter()
			if cf.Band != h.Band || cf.MinScore == nil || *cf.MinScore != h.Value || cf.MaxScore == nil || *cf.MaxScore != h.Value {
				t.Errorf("comments filter band %q score %v..%v; want %q, exactly %v", cf.Band, cf.MinScore, cf.MaxScore, h.Band, h.Value)
			}
		})
	})

	t.Run("Segment", func(t *testing.T) {
		reset()
		d := f.dash()
		var h chart.Hit
		f.do(func() { h = d.segs.pic.Hits[0] })
		f.tapHit(d.segs, h)
		comments()
		got := f.a.filter.get()
		if got.SegmentKey != h.SegmentKey || got.SegmentValue != h.SegmentValue || h.SegmentKey == "" {
			t.Errorf("filter segment %q=%q, want %q=%q", got.SegmentKey, got.SegmentValue, h.SegmentKey, h.SegmentValue)
		}
	})

	t.Run("Theme", func(t *testing.T) {
		reset()
		d := f.dash()
		f.waitFor("the themes matrix", func() bool { return d.matrix.pic != nil })
		var h chart.Hit
		f.do(func() { h = d.matrix.pic.Hits[0] })
		f.tapHit(d.matrix, h)
		comments()
		if got := f.a.filter.get(); got.Tag != h.Tag || h.Tag == "" {
			t.Errorf("filter tag %q, want %q", got.Tag, h.Tag)
		}
	})

	t.Run("RankedTheme", func(t *testing.T) {
		reset()
		d := f.dash()
		var row *tapRow
		var tag string
		f.do(func() {
			row = d.themeList.Objects[2].(*tapRow) // under the header, the second theme
			tag = d.themes.themes[1].Tag
		})
		f.do(func() { test.Tap(row) })
		comments()
		if got := f.a.filter.get(); got.Tag != tag {
			t.Errorf("filter tag %q, want %q", got.Tag, tag)
		}
	})

	t.Run("Word", func(t *testing.T) {
		reset()
		d := f.dash()
		var row *tapRow
		var word string
		f.do(func() {
			row = d.wordList.Objects[1].(*tapRow)
			word = d.themes.words[0].Word
		})
		f.do(func() { test.Tap(row) })
		cs := comments()
		f.do(func() {
			cf := cs.commentFilter()
			if cf.Search != word || cf.Band != data.BandNegative {
				t.Errorf("comments search %q band %q; want %q among detractors", cf.Search, cf.Band, word)
			}
		})
	})

	t.Run("TileBand", func(t *testing.T) {
		reset()
		d := f.dash()
		var bar *bandBar
		var typ string
		f.do(func() {
			bar = d.tileViews[1].bands
			typ = d.reports[1].SurveyType
		})
		// The negative band is the last third of the legend, right of its first two entries.
		f.do(func() { test.TapAt(bar, bar.legend[2].Add(fyne.NewPos(4, 4))) })
		comments()
		if got := f.a.filter.get(); got.SurveyType != typ || got.Band != data.BandNegative {
			t.Errorf("filter %s/%s, want %s/%s", got.SurveyType, got.Band, typ, data.BandNegative)
		}
	})
}

func testTileFocus(t *testing.T, store *demoStore) {
	f := newDashFixture(t, store)
	d := f.dash()
	var second string
	f.do(func() {
		second = d.reports[1].SurveyType
		test.Tap(d.tileViews[1])
	})
	f.waitFor("the second type in focus", func() bool {
		return d.focus != nil && d.focus.SurveyType == second && d.settled() && d.segments != nil && d.segments.SurveyType == second
	})
	f.do(func() {
		checkTrendHits(t, d.trend.pic, d.focus)
		if !d.tileViews[1].selected || d.tileViews[0].selected {
			t.Error("the tapped tile is not the one outlined")
		}
	})
}

func testThemeChange(t *testing.T, store *demoStore) {
	f := newDashFixture(t, store)
	d := f.dash()
	var before *chart.Picture
	f.do(func() { before = d.trend.pic })
	f.do(func() {
		f.a.themeSel = themeDark
		f.a.applyTheme()
	})
	f.waitFor("a dark trend", func() bool { return d.trend.pic != before && !d.trend.busy })
	f.do(func() {
		c := d.trend.pic.Image.RGBAAt(1, 1)
		if luminance(nrgba(c)) > 0.5 {
			t.Errorf("after switching to dark, the trend's corner is %v", c)
		}
	})
}

func testTooltip(t *testing.T, store *demoStore) {
	f := newDashFixture(t, store)
	d := f.dash()
	f.do(func() {
		h := d.trend.pic.Hits[len(d.trend.pic.Hits)-1]
		d.trend.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: d.trend.position(h.Mark)}})
		want := nLabel(numbersFor("en"), h.Responses)
		if !d.trend.tip.Visible() || !strings.Contains(d.trend.tip.text.Text, want) {
			t.Errorf("hovering the last point shows %q (visible %v), want a tooltip with %q", d.trend.tip.text.Text, d.trend.tip.Visible(), want)
		}
		if d.trend.Cursor() != desktop.PointerCursor {
			t.Error("the cursor over a point is not a pointer")
		}
		d.trend.MouseOut()
		if d.trend.tip.Visible() {
			t.Error("the tooltip stays after the mouse left")
		}
	})
}
