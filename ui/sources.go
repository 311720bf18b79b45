package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// sourcesScreen lists where responses come from — each source's kind, size, last sync and
// last error — and imports survey exports. Adding, testing and syncing API sources happen on
// the command line until this screen grows its editor.
type sourcesScreen struct {
	a    *App
	rows *fyne.Container
	job  *longJob
}

func newSourcesScreen(a *App) *sourcesScreen { return &sourcesScreen{a: a} }

func (s *sourcesScreen) stop() {}

func (s *sourcesScreen) buildUI() fyne.CanvasObject {
	title := widget.NewRichText(&widget.TextSegment{Text: lang.L("Sources"),
		Style: widget.RichTextStyle{SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
	header := container.NewHBox(title, layout.NewSpacer())
	var importButton *widget.Button
	s.job = newLongJob(s.a, func(busy bool) {
		if busy {
			importButton.Disable()
		} else {
			importButton.Enable()
		}
	})
	if s.a.svc.ImportFile != nil {
		importButton = widget.NewButtonWithIcon(lang.L("Import a file…"), theme.FolderOpenIcon(), func() { s.a.importFile(s.job) })
		importButton.Importance = widget.HighImportance
		header.Add(importButton)
	}
	hint := widget.NewLabel(lang.L("API sources (Qualtrics, Typeform, SurveyMonkey) and watched folders are added, tested and synced with verbatim source add, verbatim source test and verbatim sync; they show here with their last sync."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText

	s.rows = container.NewVBox(widget.NewLabel(lang.L("Loading…")))
	s.load()
	return container.NewPadded(container.NewBorder(container.NewVBox(header, s.job.content), nil, nil, nil,
		container.NewVScroll(container.NewVBox(s.rows, hint))))
}

func (s *sourcesScreen) load() {
	load(s.a.bg, func(ctx context.Context) ([]*data.Source, error) { return s.a.svc.Sources.Sources(ctx) },
		func(sources []*data.Source, err error) {
			switch {
			case err != nil:
				msg := widget.NewLabel(loadFailed(err))
				msg.Importance = widget.DangerImportance
				msg.Wrapping = fyne.TextWrapWord
				s.rows.Objects = []fyne.CanvasObject{msg, widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), s.load)}
			case len(sources) == 0:
				empty := widget.NewLabel(lang.L("No sources yet. Import a survey export to start: each survey becomes a source, named after its file."))
				empty.Wrapping = fyne.TextWrapWord
				s.rows.Objects = []fyne.CanvasObject{empty}
			default:
				s.rows.Objects = s.table(sources, time.Now())
			}
			s.rows.Refresh()
		})
}

// table lays the sources out as rows under a header: name, kind, responses, last sync.
func (s *sourcesScreen) table(sources []*data.Source, now time.Time) []fyne.CanvasObject {
	n := s.a.numbers()
	row := func(cells ...fyne.CanvasObject) fyne.CanvasObject {
		return tableRow([]float32{4, 2.5, 1.5, 2.5}, cells...)
	}
	caption := func(text string, align fyne.TextAlign) *widget.Label {
		return widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: true})
	}
	out := []fyne.CanvasObject{row(
		caption(lang.L("Name"), fyne.TextAlignLeading), caption(lang.L("Kind"), fyne.TextAlignLeading),
		caption(lang.L("Responses"), fyne.TextAlignTrailing), caption(lang.L("Last sync"), fyne.TextAlignLeading),
	), widget.NewSeparator()}
	for _, src := range sources {
		name := widget.NewLabelWithStyle(src.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		last := lang.L("Never synced")
		if !src.LastSyncAt.IsZero() {
			last = n.ago(src.LastSyncAt, now)
		}
		lastLabel := widget.NewLabel(last)
		cells := row(name, widget.NewLabel(sourceKindLabel(src.Kind)),
			widget.NewLabelWithStyle(n.int(src.Responses), fyne.TextAlignTrailing, fyne.TextStyle{}), lastLabel)
		if src.LastError != "" {
			problem := widget.NewLabel(lang.L("Last sync failed: {{.Reason}}", map[string]any{"Reason": src.LastError}))
			problem.Importance = widget.DangerImportance
			problem.Wrapping = fyne.TextWrapWord
			out = append(out, container.NewVBox(cells, problem))
		} else {
			out = append(out, cells)
		}
		out = append(out, widget.NewSeparator())
	}
	return out
}

// sourceKindLabel names a source kind.
func sourceKindLabel(kind string) string {
	switch kind {
	case data.KindFile:
		return lang.L("File import")
	case data.KindFolder:
		return lang.L("Watched folder")
	case data.KindQualtrics:
		return "Qualtrics"
	case data.KindTypeform:
		return "Typeform"
	case data.KindSurveyMonkey:
		return "SurveyMonkey"
	case data.KindDelighted:
		return lang.L("Delighted archive")
	case data.KindDemo:
		return lang.L("Demo data")
	default:
		return kind
	}
}
