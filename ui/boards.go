package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// boardsScreen shows the feedback boards: positive comments on the left, negative on the
// right.
type boardsScreen struct {
	a       *App
	picker  *widget.Select
	columns *fyne.Container
	boards  []*data.Board
}

func newBoardsScreen(a *App) *boardsScreen { return &boardsScreen{a: a} }

func (s *boardsScreen) stop() {}

func (s *boardsScreen) buildUI() fyne.CanvasObject {
	s.picker = widget.NewSelect(nil, func(string) { s.loadBoard() })
	s.columns = container.NewGridWithColumns(2)
	load(s.a.bg, func(ctx context.Context) ([]*data.Board, error) { return s.a.svc.Boards.Boards(ctx) },
		func(boards []*data.Board, err error) {
			if err != nil {
				s.a.status.showProblem(loadFailed(err))
				return
			}
			s.boards = boards
			var names []string
			for _, b := range boards {
				names = append(names, b.Name)
			}
			s.picker.SetOptions(names)
			if len(names) > 0 {
				s.picker.SetSelectedIndex(0)
			} else {
				s.columns.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("No boards yet: pin comments from the Comments screen."))}
				s.columns.Refresh()
			}
		})
	return container.NewBorder(container.NewHBox(widget.NewLabel(lang.L("Board")), s.picker), nil, nil, nil, container.NewVScroll(s.columns))
}

func (s *boardsScreen) loadBoard() {
	id := s.boards[s.picker.SelectedIndex()].ID
	load(s.a.bg, func(ctx context.Context) (*data.Board, error) { return s.a.svc.Boards.Board(ctx, id) },
		func(b *data.Board, err error) {
			if err != nil {
				s.a.status.showProblem(loadFailed(err))
				return
			}
			pos := container.NewVBox(widget.NewLabelWithStyle(lang.L("Positive"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
			neg := container.NewVBox(widget.NewLabelWithStyle(lang.L("Negative"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
			for _, c := range b.Cards {
				text := widget.NewLabel(c.Response.Comment)
				text.Wrapping = fyne.TextWrapWord
				card := widget.NewCard("", s.a.numbers().date(c.Response.CreatedAt), text)
				if c.Side == data.SidePositive {
					pos.Add(card)
				} else {
					neg.Add(card)
				}
			}
			s.columns.Objects = []fyne.CanvasObject{pos, neg}
			s.columns.Refresh()
		})
}
