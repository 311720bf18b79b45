package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// cardActions is what a board card asks of the screen that shows it. A card without actions
// (the preview in the fill dialog) is only drawn.
type cardActions interface {
	cardMenu(c *boardCard, at fyne.Position) // at: absolute position for the pop-up
	moveCard(c *boardCard, delta int)        // up (−1) or down (+1) within its side
	moveToSide(c *boardCard, side string)
	removeCard(c *boardCard)
	dragCard(c *boardCard, at fyne.Position) // at: the pointer's absolute position
	dropCard(c *boardCard)
}

// boardCard draws one pinned comment: a stripe in its side's colour, a score chip coloured
// by band, the date and source, the comment in large wrapped type, the respondent's name
// unless hidden, and the presenter note. It can be dragged (to reorder or change sides),
// focused (Alt+arrows move it, Delete removes it, Space or Enter opens its menu) and
// right-clicked (its menu).
type boardCard struct {
	widget.BaseWidget
	card       *data.BoardCard
	source     string
	nameHidden bool
	numbers    numberFormat
	dark       bool
	actions    cardActions // nil for a preview

	focused, dragging bool
	bg                *canvas.Rectangle
	// relayout lays out the column again when the comment's wrapped height changes (a new
	// width); nil when the card's container needs nothing.
	relayout func()
}

// cardCommentLines is as much of a comment as a card shows: a long comment ends in "…" and
// is read whole in meeting mode or the Comments screen, so one card never fills a column.
const cardCommentLines = 6

func newBoardCard(c *data.BoardCard, source string, nameHidden bool, numbers numberFormat, dark bool, actions cardActions) *boardCard {
	w := &boardCard{card: c, source: source, nameHidden: nameHidden, numbers: numbers, dark: dark, actions: actions}
	w.ExtendBaseWidget(w)
	return w
}

// Colours of a note's background: a pale amber on either theme.
var (
	noteLight = color.NRGBA{R: 0xff, G: 0xf3, B: 0xcf, A: 0xff}
	noteDark  = color.NRGBA{R: 0x4a, G: 0x3f, B: 0x1f, A: 0xff}
)

func (w *boardCard) CreateRenderer() fyne.WidgetRenderer {
	r := w.card.Response
	sideBand := data.BandPositive
	if w.card.Side == data.SideNegative {
		sideBand = data.BandNegative
	}
	stripe := canvas.NewRectangle(bandColor(sideBand, w.dark))
	stripe.SetMinSize(fyne.NewSize(6, 0))
	stripe.CornerRadius = 3

	chipText := canvas.NewText(lang.L("No score"), color.White)
	chipColor := color.Color(color.NRGBA{R: 0x80, G: 0x86, B: 0x90, A: 0xff})
	if r.Score != nil {
		chipText.Text = scoreOutOf(w.numbers, r)
		chipColor = bandColor(scoreBand(r), w.dark)
	}
	chipText.TextStyle.Bold = true
	chipText.TextSize = theme.CaptionTextSize() + 1
	chipBg := canvas.NewRectangle(chipColor)
	chipBg.CornerRadius = 10
	chip := container.NewStack(chipBg, container.New(&chipLayout{}, chipText))

	// The same line as a Comments row: date, survey type, source.
	metaParts := []string{w.numbers.date(r.CreatedAt.Local()), typeLabel(r.SurveyType)}
	if w.source != "" {
		metaParts = append(metaParts, w.source)
	}
	meta := widget.NewRichText(&widget.TextSegment{Text: strings.Join(metaParts, " · "), Style: widget.RichTextStyle{
		Inline: true, ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}})
	meta.Truncation = fyne.TextTruncateEllipsis

	var header fyne.CanvasObject = container.NewBorder(nil, nil, container.NewCenter(chip), nil, meta)
	if w.actions != nil {
		more := widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
		more.Importance = widget.LowImportance
		more.OnTapped = func() {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more)
			w.actions.cardMenu(w, pos.AddXY(0, more.Size().Height))
		}
		header = container.NewBorder(nil, nil, container.NewCenter(chip), more, meta)
	}

	comment := newHighlightText(theme.SizeNameSubHeadingText, cardCommentLines)
	if r.Comment == "" {
		comment.set(lang.L("(no comment)"), nil)
	} else {
		comment.set(r.Comment, nil)
	}
	// The chip and the note line up with the text, which sits inside its own inner padding.
	inset := theme.InnerPadding()
	body := container.NewVBox(container.New(layout.NewCustomPaddedLayout(0, 0, inset, 0), header), comment)

	switch {
	case w.nameHidden:
		name := widget.NewLabel(lang.L("Name hidden"))
		name.Importance = widget.LowImportance
		name.TextStyle.Italic = true
		body.Add(name)
	case r.RespondentName != "":
		name := widget.NewLabel("— " + r.RespondentName)
		name.TextStyle.Italic = true
		body.Add(name)
	}
	var note *highlightText
	if w.card.Note != "" {
		// Broken into lines like the comment, so the column hears when its height changes.
		note = newHighlightText(theme.SizeNameText, 0)
		note.set(w.card.Note, nil)
		noteBg := canvas.NewRectangle(noteLight)
		if w.dark {
			noteBg.FillColor = noteDark
		}
		noteBg.CornerRadius = theme.InputRadiusSize()
		icon := widget.NewIcon(theme.DocumentCreateIcon())
		// The icon sits on the note's first line, below the text's own inner padding.
		line := fyne.MeasureText("Ág", theme.TextSize(), fyne.TextStyle{}).Height
		iconTop := theme.InnerPadding() + (line-theme.IconInlineSize())/2
		iconBox := container.New(layout.NewCustomPaddedLayout(iconTop, 0, 0, 0), icon)
		noteRow := container.NewStack(noteBg, container.NewPadded(container.NewBorder(nil, nil, container.NewVBox(iconBox), nil, note)))
		body.Add(container.New(layout.NewCustomPaddedLayout(0, theme.Padding(), inset, inset), noteRow))
	}

	// A text's height changes while the column lays the card out at a new width, after the
	// column has read the old height: lay out again once that pass is over. Set only once the
	// texts are, or the column would ask for this renderer while it is being created.
	relayout := func() {
		fyne.Do(func() {
			w.Refresh() // forgets the card's cached minimum size and lays it out again
			if w.relayout != nil {
				w.relayout()
			}
		})
	}
	comment.onLines = relayout
	if note != nil {
		note.onLines = relayout
	}

	w.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	w.bg.CornerRadius = theme.InputRadiusSize() * 2
	w.bg.StrokeWidth = 2
	w.updateBorder()
	content := container.NewBorder(nil, nil, container.NewPadded(stripe), nil, container.NewPadded(body))
	return widget.NewSimpleRenderer(container.NewStack(w.bg, content))
}

// updateBorder outlines a focused or dragged card.
func (w *boardCard) updateBorder() {
	if w.bg == nil {
		return
	}
	w.bg.StrokeColor = color.Transparent
	switch {
	case w.dragging:
		w.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	case w.focused:
		w.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
	}
	w.bg.Refresh()
}

// Tapped focuses the card, so the keyboard can move it.
func (w *boardCard) Tapped(*fyne.PointEvent) {
	if w.actions == nil {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(w); c != nil {
		c.Focus(w)
	}
}

// TappedSecondary opens the card's menu.
func (w *boardCard) TappedSecondary(ev *fyne.PointEvent) {
	if w.actions != nil {
		w.actions.cardMenu(w, ev.AbsolutePosition)
	}
}

// Dragged tells the screen where the card is being dragged to.
func (w *boardCard) Dragged(ev *fyne.DragEvent) {
	if w.actions == nil {
		return
	}
	if !w.dragging {
		w.dragging = true
		w.updateBorder()
	}
	w.actions.dragCard(w, ev.AbsolutePosition)
}

// DragEnd drops the card where the screen's indicator shows.
func (w *boardCard) DragEnd() {
	if w.actions == nil || !w.dragging {
		return
	}
	w.dragging = false
	w.updateBorder()
	w.actions.dropCard(w)
}

// FocusGained outlines the card.
func (w *boardCard) FocusGained() {
	w.focused = true
	w.updateBorder()
}

// FocusLost removes the outline.
func (w *boardCard) FocusLost() {
	w.focused = false
	w.updateBorder()
}

// TypedRune ignores text: a card has none to edit.
func (w *boardCard) TypedRune(rune) {}

// TypedKey removes the focused card with Delete and opens its menu with Space or Enter.
func (w *boardCard) TypedKey(ev *fyne.KeyEvent) {
	if w.actions == nil {
		return
	}
	switch ev.Name {
	case fyne.KeyDelete:
		w.actions.removeCard(w)
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(w)
		w.actions.cardMenu(w, pos.AddXY(w.Size().Width/2, w.Size().Height/2))
	}
}

// cardMoveKeys are the shortcuts a focused card answers: Alt+Up/Down within its side,
// Alt+Left/Right to the positive/negative side.
var cardMoveKeys = map[fyne.KeyName]func(w *boardCard){
	fyne.KeyUp:    func(w *boardCard) { w.actions.moveCard(w, -1) },
	fyne.KeyDown:  func(w *boardCard) { w.actions.moveCard(w, +1) },
	fyne.KeyLeft:  func(w *boardCard) { w.actions.moveToSide(w, data.SidePositive) },
	fyne.KeyRight: func(w *boardCard) { w.actions.moveToSide(w, data.SideNegative) },
}

// TypedShortcut moves the focused card with Alt+arrows and hands every other shortcut to
// the window (a focused widget that takes shortcuts receives them instead of the window).
func (w *boardCard) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && w.actions != nil && cs.Modifier == fyne.KeyModifierAlt {
		if move, ok := cardMoveKeys[cs.KeyName]; ok {
			move(w)
			return
		}
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(w).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// chipLayout pads the score text inside its chip.
type chipLayout struct{}

func (chipLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[0].MinSize()
	return fyne.NewSize(m.Width+16, m.Height+4)
}

func (chipLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	m := objects[0].MinSize()
	objects[0].Resize(m)
	objects[0].Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
}
