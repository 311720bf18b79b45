package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

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

// prefBoard remembers the board the Boards screen showed last (by name).
const prefBoard = "board"

// boardsScreen shows the feedback boards: a picker, then the chosen board's positive
// comments on the left and negative ones on the right, as cards that can be dragged, moved
// with the keyboard or their menu, annotated and removed. From here the team fills the
// week's board from suggestions, starts meeting mode, and shares the board as a file or a
// picture. Every store call runs off the UI goroutine and the board is read again after it.
type boardsScreen struct {
	w       fyne.Window
	app     fyne.App
	bg      *background
	svc     data.BoardEditor
	sources data.SourceService // names on cards; may be nil
	prefs   fyne.Preferences
	numbers numberFormat
	dark    bool
	clock   clock
	gen     generation

	loaded      bool // a read of the boards has finished: until then nothing is said to be empty
	boards      []*data.Board
	board       *data.Board // the board shown, with its cards; nil when there is none
	privacy     data.BoardPrivacy
	sourceNames map[int64]string

	picker                    *widget.Select
	hideNames                 *widget.Check
	editing                   []fyne.Disableable // controls that need a board
	columns                   [2]*fyne.Container // positive, negative cards
	scrolls                   [2]*container.Scroll
	counts                    [2]*canvas.Text
	message                   *widget.Label
	cards                     map[int64]*boardCard
	overlay                   *fyne.Container // holds the drop indicator over the columns
	indicator                 *canvas.Rectangle
	dropSide                  string
	dropIndex                 int
	pickerSilent, checkSilent bool // set while the code (not the user) changes them
}

// newBoardsScreen builds the Boards screen of the app. Boards are edited through the
// store's data.BoardEditor; a BoardService that is not one shows boards read-only.
func newBoardsScreen(a *App) *boardsScreen {
	ed, _ := a.svc.Boards.(data.BoardEditor)
	return &boardsScreen{w: a.win, app: a.app, bg: a.bg, svc: ed, sources: a.svc.Sources, prefs: a.prefs,
		numbers: a.numbers(), dark: a.dark(), clock: systemClock{}}
}

func (s *boardsScreen) stop() {}

// boardSides are the two columns, in order.
var boardSides = [2]string{data.SidePositive, data.SideNegative}

func sideIndex(side string) int {
	if side == data.SideNegative {
		return 1
	}
	return 0
}

func (s *boardsScreen) buildUI() fyne.CanvasObject {
	s.cards = map[int64]*boardCard{}
	s.picker = widget.NewSelect(nil, func(name string) {
		if s.pickerSilent {
			return
		}
		s.prefs.SetString(prefBoard, name)
		s.reload(name)
	})
	s.picker.PlaceHolder = lang.L("No boards")
	s.hideNames = widget.NewCheck(lang.L("Hide names"), func(on bool) {
		if s.checkSilent || s.board == nil {
			return
		}
		id := s.board.ID
		s.mutate(func(ctx context.Context) error { return s.svc.SetBoardNamesHidden(ctx, id, on) })
	})
	newBoard := widget.NewButtonWithIcon(lang.L("New board"), theme.ContentAddIcon(), s.onNewBoard)
	fill := widget.NewButtonWithIcon(lang.L("Fill this week's board"), theme.SearchIcon(), s.onFill)
	fill.Importance = widget.HighImportance
	meeting := widget.NewButtonWithIcon(lang.L("Meeting mode"), theme.MediaPlayIcon(), s.onMeeting)
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more)
		widget.ShowPopUpMenuAtPosition(s.boardMenu(), s.w.Canvas(), pos.AddXY(0, more.Size().Height))
	})
	s.editing = []fyne.Disableable{s.hideNames, fill, meeting}
	if s.svc == nil {
		newBoard.Disable()
		more.Disable()
	}

	toolbar := container.NewHBox(widget.NewLabel(lang.L("Board")), withWidth(220, s.picker), newBoard, more,
		layout.NewSpacer(), s.hideNames, fill, meeting)

	var cols [2]fyne.CanvasObject
	for i, side := range boardSides {
		title := lang.L("Positive")
		if side == data.SideNegative {
			title = lang.L("Negative")
		}
		head := canvas.NewText(title, bandColor(map[int]string{0: data.BandPositive, 1: data.BandNegative}[i], s.dark))
		head.TextStyle.Bold = true
		head.TextSize = theme.TextSubHeadingSize()
		s.counts[i] = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
		s.counts[i].TextSize = theme.TextSubHeadingSize()
		rule := canvas.NewRectangle(head.Color)
		rule.SetMinSize(fyne.NewSize(0, 3))
		s.columns[i] = container.NewVBox()
		s.scrolls[i] = container.NewVScroll(s.columns[i])
		top := container.NewVBox(container.NewHBox(head, s.counts[i]), rule)
		cols[i] = container.NewBorder(top, nil, nil, nil, s.scrolls[i])
	}
	s.indicator = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	s.indicator.CornerRadius = 2
	s.indicator.Hide()
	s.overlay = container.NewWithoutLayout(s.indicator)
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	// A wider gutter than the grid's padding keeps the two sides apart.
	gutter := theme.Padding() * 2
	cols[0] = container.New(layout.NewCustomPaddedLayout(0, 0, 0, gutter), cols[0])
	cols[1] = container.New(layout.NewCustomPaddedLayout(0, 0, gutter, 0), cols[1])
	board := container.NewStack(container.NewGridWithColumns(2, cols[0], cols[1]), s.overlay)

	s.showBoard()
	s.reload(s.prefs.StringWithFallback(prefBoard, ""))
	return container.NewBorder(container.NewVBox(toolbar, s.message), nil, nil, nil, board)
}

// boardLoad is what reload reads: the boards, and the one shown with its privacy settings.
type boardLoad struct {
	boards  []*data.Board
	board   *data.Board
	privacy data.BoardPrivacy
	sources map[int64]string
}

// reload reads the boards again and shows the one called name (the newest when absent).
func (s *boardsScreen) reload(name string) { s.reloadThen(name, nil) }

// reloadThen reloads, then calls done (when not nil) once the board read is shown.
func (s *boardsScreen) reloadThen(name string, done func()) {
	n := s.gen.next()
	load(s.bg, func(ctx context.Context) (boardLoad, error) {
		var l boardLoad
		if s.svc == nil {
			return l, data.Errorf(data.EUNAVAILABLE, "boards cannot be edited with this store")
		}
		boards, err := s.svc.Boards(ctx)
		if err != nil {
			return l, err
		}
		l.boards = boards
		if len(boards) == 0 {
			return l, nil
		}
		pick := boards[0]
		for _, b := range boards {
			if b.Name == name {
				pick = b
			}
		}
		if l.board, err = s.svc.Board(ctx, pick.ID); err != nil {
			return l, err
		}
		if l.privacy, err = s.svc.BoardPrivacy(ctx, pick.ID); err != nil {
			return l, err
		}
		l.sources = map[int64]string{}
		if s.sources != nil {
			srcs, err := s.sources.Sources(ctx)
			if err != nil {
				return l, err
			}
			for _, src := range srcs {
				l.sources[src.ID] = src.Name
			}
		}
		return l, nil
	}, func(l boardLoad, err error) {
		if !s.gen.current(n) {
			return
		}
		if err != nil {
			s.showMessage(loadFailed(err))
			return
		}
		s.boards, s.board, s.privacy, s.sourceNames = l.boards, l.board, l.privacy, l.sources
		s.loaded = true
		s.showBoard()
		if done != nil {
			done()
		}
	})
}

// showMessage puts a sentence above the board (a load that failed, an empty state).
func (s *boardsScreen) showMessage(msg string) {
	s.message.SetText(msg)
	s.message.Show()
}

// showBoard draws the loaded state: the picker, the toggles and the two columns.
func (s *boardsScreen) showBoard() {
	names := make([]string, len(s.boards))
	for i, b := range s.boards {
		names[i] = b.Name
	}
	s.pickerSilent = true
	s.picker.SetOptions(names)
	if s.board != nil {
		s.picker.SetSelected(s.board.Name)
	} else {
		s.picker.ClearSelected()
	}
	s.pickerSilent = false
	s.checkSilent = true
	s.hideNames.SetChecked(s.privacy.HideNames)
	s.checkSilent = false
	for _, c := range s.editing {
		if s.board == nil || s.svc == nil {
			c.Disable()
		} else {
			c.Enable()
		}
	}

	s.message.Hide()
	if s.loaded && s.board == nil {
		s.showMessage(lang.L("No boards yet. Create one with New board, or pin comments from the Comments screen."))
	}
	s.cards = map[int64]*boardCard{}
	var per [2][]fyne.CanvasObject
	if s.board != nil {
		for _, c := range s.board.Cards {
			w := newBoardCard(c, s.sourceNames[c.Response.SourceID], s.privacy.NameHidden(c.ResponseID), s.numbers, s.dark, s)
			s.cards[c.ResponseID] = w
			i := sideIndex(c.Side)
			w.relayout = func() {
				s.columns[i].Refresh()
				s.scrolls[i].Refresh()
			}
			per[i] = append(per[i], w)
		}
	}
	for i := range boardSides {
		s.counts[i].Text = ""
		if s.loaded {
			s.counts[i].Text = s.numbers.int(len(per[i]))
		}
		s.counts[i].Refresh()
		if len(per[i]) == 0 && s.board != nil {
			empty := widget.NewLabel(lang.L("Drag cards here, or pin comments from the Comments screen."))
			empty.Wrapping = fyne.TextWrapWord
			empty.Importance = widget.LowImportance
			per[i] = []fyne.CanvasObject{empty}
		}
		s.columns[i].Objects = per[i]
		s.columns[i].Refresh()
	}
}

// sideCards returns the cards of a side in order.
func (s *boardsScreen) sideCards(side string) []*data.BoardCard {
	var out []*data.BoardCard
	if s.board == nil {
		return nil
	}
	for _, c := range s.board.Cards {
		if c.Side == side {
			out = append(out, c)
		}
	}
	return out
}

// indexOf returns a card's place in its side.
func (s *boardsScreen) indexOf(c *data.BoardCard) int {
	for i, o := range s.sideCards(c.Side) {
		if o.ResponseID == c.ResponseID {
			return i
		}
	}
	return -1
}

// mutate runs a change off the UI goroutine, then reads the board again.
func (s *boardsScreen) mutate(change func(ctx context.Context) error) {
	name := ""
	if s.board != nil {
		name = s.board.Name
	}
	s.mutateThen(change, func() { s.reload(name) })
}

// mutateThen runs a change off the UI goroutine, then done on the UI goroutine when it
// worked; a failure is shown instead.
func (s *boardsScreen) mutateThen(change func(ctx context.Context) error, done func()) {
	load(s.bg, func(ctx context.Context) (struct{}, error) { return struct{}{}, change(ctx) },
		func(_ struct{}, err error) {
			if err != nil {
				showError(err, s.w)
				return
			}
			done()
		})
}

// moveTo moves a card to index of side and keeps the keyboard focus on it.
func (s *boardsScreen) moveTo(c *data.BoardCard, side string, index int) {
	if s.board == nil {
		return
	}
	boardID, id, name := s.board.ID, c.ResponseID, s.board.Name
	s.mutateThen(func(ctx context.Context) error { return s.svc.MoveCard(ctx, boardID, id, side, index) }, func() {
		s.reloadThen(name, func() {
			if w := s.cards[id]; w != nil {
				s.w.Canvas().Focus(w)
			}
		})
	})
}

// boardCard actions (cardActions).

func (s *boardsScreen) moveCard(w *boardCard, delta int) {
	i := s.indexOf(w.card)
	if i < 0 || i+delta < 0 || i+delta >= len(s.sideCards(w.card.Side)) {
		return
	}
	s.moveTo(w.card, w.card.Side, i+delta)
}

func (s *boardsScreen) moveToSide(w *boardCard, side string) {
	if w.card.Side == side {
		return
	}
	s.moveTo(w.card, side, len(s.sideCards(side)))
}

func (s *boardsScreen) removeCard(w *boardCard) {
	boardID, id := s.board.ID, w.card.ResponseID
	s.mutate(func(ctx context.Context) error { return s.svc.UnpinCard(ctx, boardID, id) })
}

// cardMenu shows a card's actions at a position.
func (s *boardsScreen) cardMenu(w *boardCard, at fyne.Position) {
	widget.ShowPopUpMenuAtPosition(s.cardMenuOf(w), s.w.Canvas(), at)
}

// cardMenuOf lists what can be done with a card; moves that cannot happen are left out.
func (s *boardsScreen) cardMenuOf(w *boardCard) *fyne.Menu {
	c := w.card
	i, n := s.indexOf(c), len(s.sideCards(c.Side))
	var items []*fyne.MenuItem
	if i > 0 {
		items = append(items, &fyne.MenuItem{Label: lang.L("Move up"), Icon: theme.MoveUpIcon(), Action: func() { s.moveCard(w, -1) }})
	}
	if i >= 0 && i < n-1 {
		items = append(items, &fyne.MenuItem{Label: lang.L("Move down"), Icon: theme.MoveDownIcon(), Action: func() { s.moveCard(w, +1) }})
	}
	if c.Side == data.SidePositive {
		items = append(items, &fyne.MenuItem{Label: lang.L("Move to negative"), Icon: theme.NavigateNextIcon(),
			Action: func() { s.moveToSide(w, data.SideNegative) }})
	} else {
		items = append(items, &fyne.MenuItem{Label: lang.L("Move to positive"), Icon: theme.NavigateBackIcon(),
			Action: func() { s.moveToSide(w, data.SidePositive) }})
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: lang.L("Edit presenter note…"), Icon: theme.DocumentCreateIcon(), Action: func() { s.editNote(w) }})
	boardID, id := s.board.ID, c.ResponseID
	if s.privacy.HiddenNames[id] {
		items = append(items, &fyne.MenuItem{Label: lang.L("Show name"), Icon: theme.VisibilityIcon(), Action: func() {
			s.mutate(func(ctx context.Context) error { return s.svc.SetCardNameHidden(ctx, boardID, id, false) })
		}})
	} else {
		items = append(items, &fyne.MenuItem{Label: lang.L("Hide name"), Icon: theme.VisibilityOffIcon(), Action: func() {
			s.mutate(func(ctx context.Context) error { return s.svc.SetCardNameHidden(ctx, boardID, id, true) })
		}})
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: lang.L("Remove from board"), Icon: theme.DeleteIcon(), Action: func() { s.removeCard(w) }})
	return fyne.NewMenu("", items...)
}

// editNote asks for a card's presenter note.
func (s *boardsScreen) editNote(w *boardCard) {
	entry := widget.NewMultiLineEntry()
	entry.SetText(w.card.Note)
	entry.SetPlaceHolder(lang.L("A reminder for whoever reads this card aloud"))
	entry.Wrapping = fyne.TextWrapWord
	entry.SetMinRowsVisible(3)
	entry.Validator = func(text string) error {
		if n := len([]rune(strings.TrimSpace(text))); n > data.MaxNoteLength {
			return fmt.Errorf("%s", lang.L("At most {{.Max}} characters ({{.Count}} now)", map[string]any{"Max": data.MaxNoteLength, "Count": n}))
		}
		return nil
	}
	boardID, id := s.board.ID, w.card.ResponseID
	d := dialog.NewForm(lang.L("Presenter note"), lang.L("Save"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Note"), entry)}, func(ok bool) {
			if !ok {
				return
			}
			note := entry.Text
			s.mutate(func(ctx context.Context) error { return s.svc.SetCardNote(ctx, boardID, id, note) })
		}, s.w)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// boardMenu is the ⋯ menu: rename, delete, and sharing the board.
func (s *boardsScreen) boardMenu() *fyne.Menu {
	has := s.board != nil
	item := func(label string, icon fyne.Resource, action func(), needsBoard bool) *fyne.MenuItem {
		return &fyne.MenuItem{Label: label, Icon: icon, Action: action, Disabled: needsBoard && !has}
	}
	return fyne.NewMenu("",
		item(lang.L("Rename board…"), theme.DocumentCreateIcon(), s.onRename, true),
		item(lang.L("Delete board…"), theme.DeleteIcon(), s.onDelete, true),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Export board file…"), theme.DocumentSaveIcon(), s.onExportFile, true),
		item(lang.L("Import board file…"), theme.FolderOpenIcon(), s.onImportFile, false),
		item(lang.L("Export picture (PNG)…"), theme.FileImageIcon(), s.onExportPicture, true),
	)
}

// nameEntry is an entry for a board name, checked for emptiness as it is typed.
func nameEntry(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s", lang.L("A board needs a name"))
		}
		return nil
	}
	return e
}

func (s *boardsScreen) onNewBoard() {
	entry := nameEntry(weekBoardName(time.Now()))
	dialog.ShowForm(lang.L("New board"), lang.L("Create"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Name"), entry)}, func(ok bool) {
			if !ok {
				return
			}
			name := strings.TrimSpace(entry.Text)
			s.mutateThen(func(ctx context.Context) error {
				_, err := s.svc.CreateBoard(ctx, name)
				return err
			}, func() {
				s.prefs.SetString(prefBoard, name)
				s.reload(name)
			})
		}, s.w)
}

func (s *boardsScreen) onRename() {
	if s.board == nil {
		return
	}
	entry := nameEntry(s.board.Name)
	id := s.board.ID
	dialog.ShowForm(lang.L("Rename board"), lang.L("Rename"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Name"), entry)}, func(ok bool) {
			if !ok {
				return
			}
			name := strings.TrimSpace(entry.Text)
			s.mutateThen(func(ctx context.Context) error { return s.svc.RenameBoard(ctx, id, name) }, func() {
				s.prefs.SetString(prefBoard, name)
				s.reload(name)
			})
		}, s.w)
}

func (s *boardsScreen) onDelete() {
	if s.board == nil {
		return
	}
	b := s.board
	msg := lang.N("Delete the board {{.Board}} and its {{.Count}} card? The comments stay in the cache.", len(b.Cards),
		map[string]any{"Board": b.Name, "Count": s.numbers.int(len(b.Cards))})
	dialog.ShowConfirm(lang.L("Delete board"), msg, func(ok bool) {
		if ok {
			s.mutateThen(func(ctx context.Context) error { return s.svc.DeleteBoard(ctx, b.ID) }, func() { s.reload("") })
		}
	}, s.w)
}
