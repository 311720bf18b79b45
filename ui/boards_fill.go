package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// fillPeriods are the periods, in days, "Fill this week's board" looks back over.
var fillPeriods = []int{7, 14, 30}

// fillDialog proposes cards for the board one at a time: the store's suggestions (highest-
// and lowest-scoring substantive comments of the period, balanced across sources and
// channels, on no board yet), each added to its side or skipped.
type fillDialog struct {
	s           *boardsScreen
	boardID     int64
	boardName   string
	days        int
	suggestions []*data.Suggestion
	index       int
	added       int
	gen         generation

	d         dialog.Dialog
	period    *widget.Select
	progress  *widget.Label
	preview   *fyne.Container
	add, skip *widget.Button
}

func (s *boardsScreen) onFill() {
	if s.board != nil {
		s.openFill()
	}
}

// openFill shows the fill dialog for the board shown.
func (s *boardsScreen) openFill() *fillDialog {
	f := &fillDialog{s: s, boardID: s.board.ID, boardName: s.board.Name, days: fillPeriods[0]}
	labels := make([]string, len(fillPeriods))
	for i, days := range fillPeriods {
		labels[i] = lang.N("Last {{.Count}} days", days, map[string]any{"Count": s.numbers.int(days)})
	}
	f.period = widget.NewSelect(labels, func(label string) {
		for i, l := range labels {
			if l == label && f.days != fillPeriods[i] {
				f.days = fillPeriods[i]
				f.load()
			}
		}
	})
	f.period.SetSelectedIndex(0)
	f.progress = widget.NewLabel("")
	f.preview = container.NewStack()
	f.skip = widget.NewButtonWithIcon(lang.L("Skip"), theme.MediaSkipNextIcon(), f.onSkip)
	f.add = widget.NewButtonWithIcon(lang.L("Add to board"), theme.ContentAddIcon(), f.onAdd)
	f.add.Importance = widget.HighImportance
	done := widget.NewButton(lang.L("Done"), func() { f.d.Hide() })

	top := container.NewHBox(widget.NewLabel(lang.L("Comments from")), f.period, layout.NewSpacer(), f.progress)
	buttons := container.NewHBox(layout.NewSpacer(), done, f.skip, f.add)
	content := container.NewBorder(top, buttons, nil, nil, container.NewVScroll(f.preview))
	f.d = dialog.NewCustomWithoutButtons(lang.L("Fill this week's board"), content, s.w)
	f.d.Resize(fyne.NewSize(720, 520))
	f.d.Show()
	f.load()
	return f
}

// load asks the store for the period's suggestions.
func (f *fillDialog) load() {
	n := f.gen.next()
	f.suggestions, f.index = nil, 0
	f.progress.SetText(lang.L("Looking for candidates…"))
	f.show()
	to := f.s.clock.Now()
	q := data.SuggestQuery{Filter: data.Filter{From: to.AddDate(0, 0, -f.days), To: to}, BoardID: f.boardID,
		PerSide: data.DefaultSuggestions}
	load(f.s.bg, func(ctx context.Context) ([]*data.Suggestion, error) { return f.s.svc.SuggestCards(ctx, q) },
		func(got []*data.Suggestion, err error) {
			if !f.gen.current(n) {
				return
			}
			if err != nil {
				f.progress.SetText(loadFailed(err))
				return
			}
			f.suggestions = got
			f.show()
		})
}

// show draws the current candidate, or a closing line when there is none left.
func (f *fillDialog) show() {
	if f.index >= len(f.suggestions) {
		f.add.Disable()
		f.skip.Disable()
		msg := lang.L("No candidates in this period: every comment that scores high or low enough is short, a repeat, or already on a board.")
		if len(f.suggestions) > 0 {
			msg = lang.L("That was every suggestion. {{.Count}} added to {{.Board}}.",
				map[string]any{"Count": f.s.numbers.int(f.added), "Board": f.boardName})
		}
		if f.suggestions == nil {
			msg = ""
		} else {
			f.progress.SetText("")
		}
		end := widget.NewLabel(msg)
		end.Wrapping = fyne.TextWrapWord
		f.preview.Objects = []fyne.CanvasObject{end}
		f.preview.Refresh()
		return
	}
	sg := f.suggestions[f.index]
	f.progress.SetText(lang.L("Suggestion {{.Index}} of {{.Total}}",
		map[string]any{"Index": f.s.numbers.int(f.index + 1), "Total": f.s.numbers.int(len(f.suggestions))}))
	band, title := data.BandPositive, lang.L("Add to positive")
	if sg.Side == data.SideNegative {
		band, title = data.BandNegative, lang.L("Add to negative")
	}
	f.add.SetText(title)
	f.add.Enable()
	f.skip.Enable()
	side := canvas.NewText(map[string]string{data.BandPositive: lang.L("Positive"), data.BandNegative: lang.L("Negative")}[band],
		bandColor(band, f.s.dark))
	side.TextStyle.Bold = true
	// What the suggestion was balanced as, in the muted colour of a card's meta line.
	group := widget.NewRichText(&widget.TextSegment{Text: sg.Group, Style: widget.RichTextStyle{
		Inline: true, ColorName: theme.ColorNamePlaceHolder}})
	card := newBoardCard(&data.BoardCard{ResponseID: sg.Response.ID, Side: sg.Side, Response: sg.Response},
		f.s.sourceNames[sg.Response.SourceID], f.s.privacy.HideNames, f.s.numbers, f.s.dark, nil)
	card.relayout = f.preview.Refresh
	f.preview.Objects = []fyne.CanvasObject{container.NewVBox(container.NewHBox(side, group), card)}
	f.preview.Refresh()
}

func (f *fillDialog) onSkip() {
	f.index++
	f.show()
}

// onAdd pins the candidate to its side and moves on.
func (f *fillDialog) onAdd() {
	if f.index >= len(f.suggestions) {
		return
	}
	sg := f.suggestions[f.index]
	f.s.mutateThen(func(ctx context.Context) error { return f.s.svc.PinCard(ctx, f.boardID, sg.Response.ID, sg.Side) }, func() {
		f.added++
		f.index++
		f.show()
		f.s.reload(f.boardName)
	})
}
