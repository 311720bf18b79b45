package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Dragging a card: while it moves, a bar shows where it would land (which column, between
// which cards); on release the card is moved there through the store. Positions are counted
// without the dragged card, which is how MoveCard counts them.

// dragCard follows the pointer (absolute position) of a card being dragged.
func (s *boardsScreen) dragCard(w *boardCard, at fyne.Position) {
	if s.board == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	col := 0
	if p := d.AbsolutePositionForObject(s.scrolls[1]); at.X >= p.X {
		col = 1
	}
	side := boardSides[col]
	scroll := s.scrolls[col]
	scrollPos := d.AbsolutePositionForObject(scroll)

	// Count the other cards of that side whose middle is above the pointer.
	index := 0
	var others []*boardCard
	for _, c := range s.sideCards(side) {
		if c.ResponseID == w.card.ResponseID {
			continue
		}
		cw := s.cards[c.ResponseID]
		others = append(others, cw)
		if at.Y > d.AbsolutePositionForObject(cw).Y+cw.Size().Height/2 {
			index++
		}
	}
	gap := theme.Padding()
	var y float32
	switch {
	case index < len(others):
		y = d.AbsolutePositionForObject(others[index]).Y - gap/2
	case len(others) > 0:
		last := others[len(others)-1]
		y = d.AbsolutePositionForObject(last).Y + last.Size().Height + gap/2
	default:
		y = scrollPos.Y + gap
	}
	// Keep the bar inside the visible part of the column.
	y = max(scrollPos.Y, min(y, scrollPos.Y+scroll.Size().Height-4))
	origin := d.AbsolutePositionForObject(s.overlay)
	s.indicator.Move(fyne.NewPos(scrollPos.X-origin.X, y-origin.Y-2))
	s.indicator.Resize(fyne.NewSize(scroll.Size().Width, 4))
	s.indicator.Show()
	s.dropSide, s.dropIndex = side, index
}

// dropCard moves a dragged card where the bar shows.
func (s *boardsScreen) dropCard(w *boardCard) {
	s.indicator.Hide()
	side, index := s.dropSide, s.dropIndex
	s.dropSide = ""
	if side == "" || s.board == nil {
		return
	}
	if side == w.card.Side && index == s.indexOf(w.card) {
		return // dropped where it was
	}
	s.moveTo(w.card, side, index)
}
