package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/mock"
	"github.com/verbatim-app/verbatim/data/syncer"
	"github.com/verbatim-app/verbatim/ui/wall"
)

// wallFixture is a wall window on fake services and a fake clock, 1920×1080.
type wallFixture struct {
	t     *testing.T
	clock *wall.FakeClock
	ww    *wallWindow

	mu       sync.Mutex
	reports  []*data.Report
	positive []*data.Response
	negative []*data.Response
	board    *data.BoardSnapshot
	// broken, when set, is called by every read of the services: it returns their error,
	// or panics.
	broken func() error
}

// fault returns what a read fails with now, nil when it works. f.mu is held.
func (f *wallFixture) fault() error {
	if f.broken == nil {
		return nil
	}
	return f.broken()
}

// wallBoards is a fake wall.BoardSource holding one board.
type wallBoards struct{ f *wallFixture }

func (b wallBoards) Boards(context.Context) ([]*data.Board, error) {
	b.f.mu.Lock()
	defer b.f.mu.Unlock()
	if err := b.f.fault(); err != nil {
		return nil, err
	}
	if b.f.board == nil {
		return nil, nil
	}
	return []*data.Board{{ID: 1, Name: b.f.board.Name, CreatedAt: b.f.board.CreatedAt}}, nil
}

func (b wallBoards) BoardByName(_ context.Context, name string) (*data.Board, error) {
	return nil, data.Errorf(data.ENOTFOUND, "no board %q", name)
}

func (b wallBoards) BoardSnapshot(context.Context, int64) (*data.BoardSnapshot, error) {
	b.f.mu.Lock()
	defer b.f.mu.Unlock()
	return b.f.board, nil
}

func wallReport() *data.Report {
	start := time.Now().AddDate(0, 0, -89)
	r := &data.Report{SurveyType: data.TypeNPS, ScaleMin: 0, ScaleMax: 10, By: data.ByWeek, From: start, To: start.AddDate(0, 0, 90),
		Summary:      data.Summary{Responses: 1234, Score: 42, Promoters: 700, Passives: 354, Detractors: 180, Margin: 3.1},
		Previous:     &data.Summary{Responses: 1100, Score: 30, Promoters: 600, Passives: 300, Detractors: 200, Margin: 3.4},
		Distribution: []data.ValueCount{{Value: 2, Count: 80}, {Value: 6, Count: 100}, {Value: 8, Count: 354}, {Value: 10, Count: 700}}}
	for i := range 13 {
		r.Series = append(r.Series, data.SeriesPoint{Start: start.AddDate(0, 0, 7*i), Responses: 95, Score: 30 + float64(i), Margin: 9})
	}
	return r
}

func wallComment(score float64, text string) *data.Response {
	return &data.Response{SurveyType: data.TypeNPS, ScaleMax: 10, Score: data.Float(score), Comment: text, CreatedAt: time.Now().Add(-time.Hour)}
}

func newWallFixture(t *testing.T, opts WallOptions) *wallFixture {
	t.Helper()
	test.NewTempApp(t)
	if err := setLanguage("en"); err != nil {
		t.Fatal(err)
	}
	f := &wallFixture{t: t, clock: wall.NewFakeClock(time.Now().Truncate(time.Second)), reports: []*data.Report{wallReport()},
		positive: []*data.Response{wallComment(10, "The new dashboard saves me an hour every Monday."), wallComment(9, "Support answered in minutes.")},
		negative: []*data.Response{wallComment(2, "Billing charged me twice this month."), wallComment(4, "The export is slow on large surveys.")},
		board: &data.BoardSnapshot{Name: "Week 10", CreatedAt: time.Now(), Cards: []*data.SnapshotCard{
			{Side: data.SidePositive, Source: "NPS", PinnedAt: time.Now(), Response: wallComment(10, "Best onboarding I have had.")},
			{Side: data.SideNegative, Source: "NPS", PinnedAt: time.Now(), Response: wallComment(1, "I could not find the invoice.")},
		}}}
	svc := wall.Services{
		Reports: &mock.ReportService{ReportsFn: func(context.Context, data.ReportQuery) ([]*data.Report, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if err := f.fault(); err != nil {
				return nil, err
			}
			return f.reports, nil
		}},
		Comments: &mock.CommentService{FindCommentsFn: func(_ context.Context, cf data.CommentFilter, _ *data.Cursor, _ int) (data.CommentPage, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if err := f.fault(); err != nil {
				return data.CommentPage{}, err
			}
			if cf.Band == data.BandPositive {
				return data.CommentPage{Responses: f.positive}, nil
			}
			return data.CommentPage{Responses: f.negative}, nil
		}},
		Stats: &mock.StatsService{CacheStatsFn: func(context.Context) (data.CacheStats, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if err := f.fault(); err != nil {
				return data.CacheStats{}, err
			}
			return data.CacheStats{LastSyncAt: f.clock.Now().Add(-2 * time.Hour)}, nil
		}},
		Boards: wallBoards{f},
	}
	opts.Clock = f.clock
	opts.Logf = func(string, ...any) {}
	f.ww = newWallWindow(fyne.CurrentApp(), svc, opts, "en", "Verbatim wall")
	f.ui(func() { f.ww.win.Resize(fyne.NewSize(1920, 1080)) })
	t.Cleanup(func() {
		if !f.ww.view.stopped {
			f.ww.win.Close()
		}
		f.ww.wall.Stop()
		f.ww.bg.stop()
	})
	f.advance(0)
	return f
}

// ui runs fn as the UI goroutine would, serialised with what the wall hands to it.
func (f *wallFixture) ui(fn func()) {
	f.ww.bg.ui.Lock()
	defer f.ww.bg.ui.Unlock()
	fn()
}

// advance moves the fake clock and waits for the charts drawn meanwhile.
func (f *wallFixture) advance(d time.Duration) {
	f.clock.Advance(d)
	f.ww.bg.wait()
}

// texts returns the text of the panel on screen, or of the footer.
func (f *wallFixture) texts(footer bool) []*canvas.Text {
	var out []*canvas.Text
	f.ui(func() {
		objs := f.ww.view.panel.Objects
		if footer {
			objs = f.ww.view.footer.Objects
		}
		for _, o := range objs {
			if t, ok := o.(*canvas.Text); ok {
				out = append(out, t)
			}
		}
	})
	return out
}

func (f *wallFixture) screen() string {
	var parts []string
	for _, t := range f.texts(false) {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " ")
}

func (f *wallFixture) footer() string {
	var parts []string
	for _, t := range f.texts(true) {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " | ")
}

func (f *wallFixture) hasImage() bool {
	found := false
	f.ui(func() {
		for _, o := range f.ww.view.panel.Objects {
			if img, ok := o.(*canvas.Image); ok && img.Image != nil {
				found = true
			}
		}
	})
	return found
}

func (f *wallFixture) expectScreen(want ...string) {
	f.t.Helper()
	got := f.screen()
	for _, w := range want {
		if !strings.Contains(got, w) {
			f.t.Fatalf("screen %q lacks %q", got, w)
		}
	}
}

func TestWallView_Rotation(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Rotate: 20 * time.Second}})
	f.expectScreen("NPS", "Last 90 days", "+42", "↑ +12 vs previous period", "n = 1,234", "±3.1", "57% Promoters", "15% Detractors")

	f.advance(20 * time.Second)
	f.expectScreen("NPS by week")
	if !f.hasImage() {
		t.Fatal("the trend panel shows no chart")
	}
	f.advance(20 * time.Second)
	f.expectScreen("NPS distribution")
	if !f.hasImage() {
		t.Fatal("the distribution panel shows no chart")
	}
	f.advance(20 * time.Second)
	f.expectScreen("Latest comments", "Positive", "Negative", "The new dashboard saves me an hour every Monday.",
		"Billing charged me twice this month.", "NPS 10  ·  ")
	f.advance(20 * time.Second)
	f.expectScreen("Week 10", "Best onboarding I have had.", "I could not find the invoice.")
	f.advance(20 * time.Second)
	f.expectScreen("+42")

	if got := f.footer(); got != "Updated "+f.clock.Now().Add(-100*time.Second).Format("15:04") {
		t.Errorf("footer %q, want the time of the first read", got)
	}
}

func TestWallView_RefreshShowsNewData(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Rotate: time.Hour, Refresh: time.Minute}})
	f.expectScreen("+42")
	f.mu.Lock()
	r := wallReport()
	r.Score, r.Responses = -7, 2000
	f.reports = []*data.Report{r}
	f.mu.Unlock()
	f.advance(time.Minute)
	f.expectScreen("−7", "n = 2,000")
}

func TestWallView_TextSizes(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Panels: []wall.Panel{wall.PanelScore, wall.PanelLatest}}})
	for _, size := range []fyne.Size{fyne.NewSize(1920, 1080), fyne.NewSize(1280, 720), fyne.NewSize(3840, 2160)} {
		f.ui(func() { f.ww.win.Resize(size) })
		for range 2 { // the score, then the latest comments
			texts := f.texts(false)
			if title := texts[0]; title.TextSize < 0.08*size.Height {
				t.Errorf("%v: title %q at %.0f, want at least 8%% of the height (%.0f)", size, title.Text, title.TextSize, 0.08*size.Height)
			}
			for _, tx := range texts {
				if strings.Contains(tx.Text, "Billing") && tx.TextSize < 0.035*size.Height {
					t.Errorf("%v: comment text at %.0f, want at least 3.5%% of the height (%.0f)", size, tx.TextSize, 0.035*size.Height)
				}
				if tx.Position().X < 0 || tx.Position().X+tx.Size().Width > size.Width+1 || tx.Position().Y+tx.Size().Height > size.Height {
					t.Errorf("%v: %q at %v size %v runs off the screen", size, tx.Text, tx.Position(), tx.Size())
				}
			}
			f.ww.wall.Step(1)
		}
	}
	f.expectScreen("+42")
}

func TestWallView_LongCommentsFit(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Panels: []wall.Panel{wall.PanelLatest}}})
	long := strings.Repeat("The invoice page keeps timing out whenever I try to download last year's statements. ", 8)
	f.mu.Lock()
	f.negative = []*data.Response{wallComment(1, long)}
	f.mu.Unlock()
	f.advance(wall.DefaultRefresh)
	var cut bool
	for _, tx := range f.texts(false) {
		if strings.HasSuffix(tx.Text, "…") {
			cut = true
		}
		if tx.Position().Y+tx.Size().Height > 1080-wallMetricsFor(fyne.NewSize(1920, 1080)).footer {
			t.Errorf("%q runs into the footer", tx.Text)
		}
	}
	if !cut {
		t.Error("a comment too long for the column is not cut with …")
	}
}

func TestWallView_Keys(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Rotate: 20 * time.Second}})
	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	f.expectScreen("NPS by week")
	if !strings.Contains(f.footer(), "Paused") {
		t.Fatalf("footer %q lacks the Paused badge after an arrow key", f.footer())
	}
	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	f.expectScreen("+42")
	f.advance(wall.PauseFor - time.Second)
	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyA}) // any key: the pause starts over
	f.advance(wall.PauseFor - time.Second)
	f.expectScreen("+42")
	f.advance(time.Second)
	if strings.Contains(f.footer(), "Paused") {
		t.Fatalf("footer %q still paused 30 s after the last key", f.footer())
	}
	f.advance(20 * time.Second)
	f.expectScreen("NPS by week")

	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !f.ww.view.stopped {
		t.Fatal("Esc did not leave the wall")
	}
}

func TestWallView_Kiosk(t *testing.T) {
	f := newWallFixture(t, WallOptions{Kiosk: true})
	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.ww.view.stopped {
		t.Fatal("Esc left a kiosk wall")
	}
	if !strings.Contains(f.footer(), "Paused") {
		t.Errorf("Esc in kiosk mode should pause like any key; footer %q", f.footer())
	}
}

func TestWallView_ClickPauses(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Rotate: 20 * time.Second}})
	test.Tap(f.ww.view)
	f.advance(25 * time.Second)
	f.expectScreen("+42")
	if !strings.Contains(f.footer(), "Paused") {
		t.Fatalf("footer %q lacks Paused after a click", f.footer())
	}
}

func TestWallView_SafeMode(t *testing.T) {
	personal := func(r *data.Response) *data.Response {
		r.RespondentName, r.RespondentEmail = "Ana López", "ana.lopez@example.com"
		return r
	}
	comment := "Ana here: call +34 612 345 678 or write to ana.lopez@example.com"
	setup := func(t *testing.T, showPersonal bool) *wallFixture {
		f := newWallFixture(t, WallOptions{Config: wall.Config{Panels: []wall.Panel{wall.PanelLatest}, ShowPersonal: showPersonal}})
		f.mu.Lock()
		f.negative = []*data.Response{personal(wallComment(1, comment))}
		f.mu.Unlock()
		f.advance(wall.DefaultRefresh)
		return f
	}
	t.Run("On", func(t *testing.T) {
		got := setup(t, false).screen()
		for _, secret := range []string{"Ana", "612", "ana.lopez", "López"} {
			if strings.Contains(got, secret) {
				t.Errorf("safe mode shows %q: %s", secret, got)
			}
		}
		if !strings.Contains(got, "••• here: call ••• or write to •••") {
			t.Errorf("masked comment missing: %s", got)
		}
	})
	t.Run("Off", func(t *testing.T) {
		setup(t, true).expectScreen(comment, "Ana López")
	})
}

// failingSync is a syncer whose every source fails, as with the network gone.
type failingSync struct{}

func (failingSync) Sync(context.Context, []string, syncer.Options) ([]syncer.Result, error) {
	return []syncer.Result{{Source: "typeform", Err: errors.New("dial tcp: network is unreachable")}}, nil
}

func TestWallView_OfflineBadge(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Sync: failingSync{}}})
	got, from := f.footer(), f.clock.Now().Add(-2*time.Hour).Format("15:04")
	if !strings.Contains(got, "Offline — data from ") || !strings.Contains(got, from) || !strings.Contains(got, "Updated ") {
		t.Fatalf("footer %q, want Updated and offline with data from %s", got, from)
	}
	f.expectScreen("+42") // the cache still shows
}

func TestWallView_Waiting(t *testing.T) {
	t.Run("EmptyCache", func(t *testing.T) {
		f := newWallFixture(t, WallOptions{})
		f.mu.Lock()
		f.reports = nil
		f.mu.Unlock()
		f.advance(wall.DefaultRefresh)
		f.expectScreen("Waiting for responses")
	})
	t.Run("BoardFile", func(t *testing.T) {
		f := newWallFixture(t, WallOptions{Config: wall.Config{BoardFile: t.TempDir() + "/week.verbatim-board.json", Panels: []wall.Panel{wall.PanelBoard}}})
		f.expectScreen("Waiting for the board file week.verbatim-board.json")
	})
}

func TestWallView_Cursor(t *testing.T) {
	tv := newWallFixture(t, WallOptions{})
	if tv.ww.view.Cursor() != desktop.HiddenCursor {
		t.Error("the pointer shows on a full-screen wall")
	}
	win := newWallFixture(t, WallOptions{Window: true})
	if win.ww.view.Cursor() != desktop.DefaultCursor {
		t.Error("the pointer is hidden in --window mode")
	}
}

func TestWallView_F11(t *testing.T) {
	f := newWallFixture(t, WallOptions{Window: true})
	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyF11})
	if !f.ww.win.FullScreen() || f.ww.view.Cursor() != desktop.HiddenCursor {
		t.Fatalf("F11 in a window: full screen %v, cursor %v; want full screen without the pointer", f.ww.win.FullScreen(), f.ww.view.Cursor())
	}
	f.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyF11})
	if f.ww.win.FullScreen() || f.ww.view.Cursor() != desktop.DefaultCursor {
		t.Fatal("F11 again did not go back to a window with the pointer")
	}
	if strings.Contains(f.footer(), "Paused") {
		t.Error("F11 paused the rotation")
	}

	kiosk := newWallFixture(t, WallOptions{Kiosk: true})
	kiosk.ww.typedKey(&fyne.KeyEvent{Name: fyne.KeyF11})
	if !kiosk.ww.win.FullScreen() {
		t.Error("F11 took a kiosk wall out of full screen")
	}
}

// TestWallView_NeverModal runs the wall through what goes wrong on an office TV — a locked
// database, a panic in a read, a missing board file, an empty cache, a failed sync — and
// checks at every step that nothing (a dialog, a pop-up) covers it, that a panel shows, and
// that the rotation goes on.
func TestWallView_NeverModal(t *testing.T) {
	locked := func() error { return data.Errorf(data.EUNAVAILABLE, "the cache is busy: database is locked") }
	cases := []struct {
		name   string
		cfg    wall.Config
		broken func() error
		empty  bool
		want   string // somewhere on the screen during the rotation
	}{
		{"LockedDatabase", wall.Config{}, locked, false, "+42"},
		{"PanicInARead", wall.Config{}, func() error { panic("a bad row") }, false, "+42"},
		{"MissingBoardFile", wall.Config{BoardFile: filepath.Join(t.TempDir(), "gone", "week.verbatim-board.json")}, nil, false, "Waiting for the board file week.verbatim-board.json"},
		{"EmptyCache", wall.Config{}, nil, true, "Waiting for responses"},
		{"SyncError", wall.Config{Sync: failingSync{}}, nil, false, "Offline — data from"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.cfg.Rotate, c.cfg.Refresh = 20*time.Second, 20*time.Second
			f := newWallFixture(t, WallOptions{Config: c.cfg})
			f.mu.Lock()
			f.broken = c.broken
			if c.empty {
				f.reports, f.positive, f.negative, f.board = nil, nil, nil, nil
			}
			f.mu.Unlock()
			seen, panels := "", map[wall.Panel]bool{}
			for step := range 2 * len(wall.AllPanels) {
				f.advance(20 * time.Second) // a refresh, and the next panel
				f.ui(func() {
					if n := len(f.ww.win.Canvas().Overlays().List()); n > 0 {
						t.Fatalf("step %d: %d overlays over the wall", step, n)
					}
					panels[f.ww.view.shown.Panel] = true
				})
				if len(f.texts(false)) == 0 {
					t.Fatalf("step %d: the %s panel is blank", step, f.ww.view.shown.Panel)
				}
				seen += f.screen() + " | " + f.footer() + "\n"
			}
			if !strings.Contains(seen, c.want) {
				t.Errorf("the screen never showed %q:\n%s", c.want, seen)
			}
			if len(panels) < 4 {
				t.Errorf("the rotation stopped: it showed only %v", panels)
			}
		})
	}
}

// TestWallView_BoardCardsTakeTurns checks that each visit of the board shows its next cards,
// whatever panels come between, and starts over after the last.
func TestWallView_BoardCardsTakeTurns(t *testing.T) {
	f := newWallFixture(t, WallOptions{Config: wall.Config{Rotate: 20 * time.Second, Refresh: 50 * time.Second,
		Panels: []wall.Panel{wall.PanelScore, wall.PanelBoard}}})
	f.mu.Lock()
	f.board.Cards = nil
	for i := 1; i <= 7; i++ {
		f.board.Cards = append(f.board.Cards, &data.SnapshotCard{Side: data.SidePositive, Source: "NPS", PinnedAt: time.Now(),
			Response: wallComment(10, fmt.Sprintf("Card %d.", i))})
	}
	f.mu.Unlock()
	f.advance(50 * time.Second) // the old board's visit, then the new board read while the score shows
	f.expectScreen("+42")
	cards := func() string {
		var shown []string
		for _, tx := range f.texts(false) {
			if strings.HasPrefix(tx.Text, "Card ") {
				shown = append(shown, strings.TrimSuffix(strings.TrimPrefix(tx.Text, "Card "), "."))
			}
		}
		return strings.Join(shown, ",")
	}
	for visit, want := range []string{"1,2,3", "4,5,6", "7", "1,2,3"} {
		f.advance(20 * time.Second)
		if got := cards(); got != want {
			t.Fatalf("visit %d of the board shows cards %q, want %q", visit+1, got, want)
		}
		f.advance(20 * time.Second)
		f.expectScreen("+42")
	}
}
