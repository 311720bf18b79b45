package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// statusRefresh is how often the status line re-reads the cache size and last sync.
const statusRefresh = 30 * time.Second

// statusLine is the bar under every screen: the cache's size and the last sync, or a problem.
type statusLine struct {
	a       *App
	content *fyne.Container
	cache   *widget.Label
	sync    *widget.Label
	problem *widget.Label
	cancel  context.CancelFunc
}

func newStatusLine(a *App) *statusLine {
	s := &statusLine{a: a, cache: widget.NewLabel(""), sync: widget.NewLabel(""), problem: widget.NewLabel("")}
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	s.content = container.NewVBox(widget.NewSeparator(), container.NewHBox(s.cache, layout.NewSpacer(), s.problem, s.sync))
	return s
}

// start reads the cache now and every statusRefresh until stop.
func (s *statusLine) start() {
	ctx, cancel := context.WithCancel(s.a.bg.ctx)
	s.cancel = cancel
	s.a.bg.run(func(context.Context) {
		t := time.NewTicker(statusRefresh)
		defer t.Stop()
		for {
			s.a.bg.do(s.refresh)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
}

func (s *statusLine) stop() {
	if s.cancel != nil {
		s.cancel()
	}
}

// refresh re-reads the cache statistics.
func (s *statusLine) refresh() {
	load(s.a.bg, func(ctx context.Context) (data.CacheStats, error) {
		return s.a.svc.Stats.CacheStats(ctx)
	}, func(st data.CacheStats, err error) {
		if err != nil {
			s.showProblem(loadFailed(err))
			return
		}
		s.show(st, time.Now())
	})
}

// show writes the statistics: "1,000,000 responses · 3 sources" and "Synced 4 min ago · 12
// new" (or the last sync's error, or "Offline — showing cache from …").
func (s *statusLine) show(st data.CacheStats, now time.Time) {
	n := s.a.numbers()
	s.cache.SetText(lang.N("{{.Count}} responses", st.Responses, map[string]any{"Count": n.int(st.Responses)}) + " · " +
		lang.N("{{.Count}} sources", st.Sources, map[string]any{"Count": n.int(st.Sources)}))
	if s.a.syncs.describe(s, st, now) {
		return // this window's syncs know more than the cache's last run
	}
	switch {
	case st.LastSyncAt.IsZero():
		s.sync.SetText(lang.L("Not synced yet: showing the local cache"))
	case st.LastError != "":
		// The cache keeps the last run's sentence, not whether the network was down; a
		// failed last run most often means the machine was offline.
		s.sync.Importance = widget.WarningImportance
		s.sync.SetText(offlineText(n, st))
	default:
		s.sync.SetText(lang.N("Synced {{.When}} · {{.Count}} new", st.NewInLast,
			map[string]any{"When": n.ago(st.LastSyncAt, now), "Count": n.int(st.NewInLast)}))
	}
	s.problem.Hide()
}

// showProblem shows a short problem (a failed load) in the status line instead of a dialog.
func (s *statusLine) showProblem(msg string) {
	s.problem.SetText(msg)
	s.problem.Show()
}
