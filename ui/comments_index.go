package ui

import (
	"context"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// indexPoll is how often the Comments screen re-reads the search index's progress while a
// search runs on an index that is still being built.
const indexPoll = time.Second

// indexWatch tells, under the search box, that a search may miss comments because the
// search index is still being built after a large import, and how far it is. It polls only
// while a search is active and the index is behind, and stops when the index is complete,
// when indexing failed, when the search is cleared and when the screen goes away. UI
// goroutine only, but for the poll itself.
type indexWatch struct {
	bg     *background
	svc    data.IndexStatusService // nil: the store indexes as it writes, nothing to show
	code   func() string
	every  time.Duration
	line   *widget.Label
	cancel context.CancelFunc // stops the running poll; nil when none runs

	// onComplete is called when the index becomes complete during a search: the results
	// shown so far came from part of it.
	onComplete func()
}

func newIndexWatch(bg *background, svc data.IndexStatusService, code func() string) *indexWatch {
	line := widget.NewLabel("")
	line.Wrapping = fyne.TextWrapWord
	line.Hide()
	return &indexWatch{bg: bg, svc: svc, code: code, every: indexPoll, line: line}
}

// searching starts watching when a search is active and stops when it is not.
func (x *indexWatch) searching(active bool) {
	if x.svc == nil {
		return
	}
	if !active {
		x.stop()
		x.line.Hide()
		return
	}
	if x.cancel != nil {
		return // already watching
	}
	ctx, cancel := context.WithCancel(x.bg.ctx)
	x.cancel = cancel
	x.bg.run(func(context.Context) {
		t := time.NewTicker(x.every)
		defer t.Stop()
		for {
			st, err := x.svc.IndexStatus(ctx)
			if ctx.Err() != nil {
				return
			}
			x.bg.do(func() { x.show(ctx, st, err) })
			if err == nil && (st.Complete() || st.Err != nil) {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if ctx.Err() != nil {
					return // select picks at random when both are ready
				}
			}
		}
	})
}

// show writes what the last poll found. A poll that was stopped meanwhile shows nothing: a
// newer one, or none, has the line.
func (x *indexWatch) show(ctx context.Context, st data.IndexStatus, err error) {
	if ctx.Err() != nil {
		return
	}
	switch {
	case err != nil:
		// The store is busy (an import writing): keep the last line and try again.
	case st.Err != nil:
		x.stop()
		fyne.LogError("search index", st.Err)
		x.line.Importance = widget.WarningImportance
		x.line.SetText(lang.L("Indexing for search failed, so results may be incomplete: {{.Reason}}",
			map[string]any{"Reason": data.ErrorMessage(st.Err)}))
		x.line.Show()
	case st.Complete():
		x.stop()
		behind := x.line.Visible()
		x.line.Hide()
		if behind && x.onComplete != nil {
			x.onComplete()
		}
	default:
		// Rounded down: "100%" while a part is still missing would say the opposite.
		pct := numbersFor(x.code()).percent(math.Floor(st.Searchable*100), 0)
		x.line.Importance = widget.MediumImportance
		x.line.SetText(lang.L("Indexing for search: {{.Percent}} — results may be incomplete", map[string]any{"Percent": pct}))
		x.line.Show()
	}
}

// stop ends the poll, if one runs; the line stays as it is.
func (x *indexWatch) stop() {
	if x.cancel != nil {
		x.cancel()
		x.cancel = nil
	}
}
