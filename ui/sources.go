package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// sourcesScreen lists where responses come from, with their size and last sync.
type sourcesScreen struct {
	a    *App
	list *fyne.Container
}

func newSourcesScreen(a *App) *sourcesScreen { return &sourcesScreen{a: a} }

func (s *sourcesScreen) stop() {}

func (s *sourcesScreen) buildUI() fyne.CanvasObject {
	s.list = container.NewVBox()
	load(s.a.bg, func(ctx context.Context) ([]*data.Source, error) { return s.a.svc.Sources.Sources(ctx) },
		func(sources []*data.Source, err error) {
			if err != nil {
				s.a.status.showProblem(loadFailed(err))
				return
			}
			n := s.a.numbers()
			for _, src := range sources {
				last := lang.L("never synced")
				if !src.LastSyncAt.IsZero() {
					last = n.ago(src.LastSyncAt, time.Now())
				}
				line := widget.NewLabel(fmt.Sprintf("%s · %s · %s", src.Kind,
					lang.N("{{.Count}} responses", src.Responses, map[string]any{"Count": n.int(src.Responses)}), last))
				card := widget.NewCard(src.Name, "", line)
				if src.LastError != "" {
					problem := widget.NewLabel(src.LastError)
					problem.Importance = widget.DangerImportance
					problem.Wrapping = fyne.TextWrapWord
					card.SetContent(container.NewVBox(line, problem))
				}
				s.list.Add(card)
			}
			s.list.Refresh()
		})
	return container.NewVScroll(s.list)
}
