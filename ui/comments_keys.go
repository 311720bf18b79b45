package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// The Comments screen's keyboard, while the list has the focus (it takes it when a row is
// clicked, and after a search) or nothing has:
//
//	/        search            j, ↓   next comment      k, ↑   previous comment
//	x        tick for bulk     t      tag it            n      write a note
//	p        pin positive      P      pin negative      f      next follow-up status
//	Ctrl+E   export the results to CSV (from the search box too)
//
// In the search box, Enter or ↓ goes to the list, Escape clears the search.

// exportShortcut is Ctrl+E (Cmd+E on macOS).
var exportShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}

// commentList is the comment list with the screen's keys.
type commentList struct {
	widget.List
	s *commentsScreen
}

func newCommentList(s *commentsScreen) *commentList {
	l := &commentList{s: s}
	l.Length = func() int { return s.pages.length() }
	l.CreateItem = func() fyne.CanvasObject {
		var row *commentRow
		row = newCommentRow(func(on bool) { s.check(row, on) })
		return row
	}
	l.UpdateItem = s.updateRow
	l.OnSelected = s.rowSelected
	l.ExtendBaseWidget(l)
	return l
}

// TypedRune runs the screen's single-key commands.
func (l *commentList) TypedRune(r rune) {
	if !l.s.typedRune(r) {
		l.List.TypedRune(r)
	}
}

// TypedKey moves the selection (not just the keyboard highlight) with the arrow keys.
func (l *commentList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		l.s.move(1)
	case fyne.KeyUp:
		l.s.move(-1)
	default:
		l.List.TypedKey(k)
	}
}

// TypedShortcut handles Ctrl+E.
func (l *commentList) TypedShortcut(sc fyne.Shortcut) {
	if sc.ShortcutName() == exportShortcut.ShortcutName() {
		l.s.exportDialog()
	}
}

// searchEntry is the search box, with keys to leave it for the list.
type searchEntry struct {
	widget.Entry
	s *commentsScreen
}

func newSearchEntry(s *commentsScreen) *searchEntry {
	e := &searchEntry{s: s}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey goes down to the list with ↓ and clears the search with Escape.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.s.focusList()
	case fyne.KeyEscape:
		e.SetText("")
		e.s.apply()
	default:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut handles Ctrl+E, and the entry's own shortcuts (copy, paste...).
func (e *searchEntry) TypedShortcut(sc fyne.Shortcut) {
	if sc.ShortcutName() == exportShortcut.ShortcutName() {
		e.s.exportDialog()
		return
	}
	e.Entry.TypedShortcut(sc)
}

// listenKeys takes the window's keys while no widget has the focus, until stop.
func (s *commentsScreen) listenKeys() {
	c := s.w.Canvas()
	c.SetOnTypedRune(func(r rune) { s.typedRune(r) })
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyDown:
			s.move(1)
		case fyne.KeyUp:
			s.move(-1)
		}
	})
	c.AddShortcut(exportShortcut, func(fyne.Shortcut) { s.exportDialog() })
}

// typedRune runs a single-key command and reports whether r was one.
func (s *commentsScreen) typedRune(r rune) bool {
	switch r {
	case '/':
		s.w.Canvas().Focus(s.search)
	case 'j':
		s.move(1)
	case 'k':
		s.move(-1)
	case 'x':
		s.toggleCurrent()
	case 't':
		if s.detail.detail != nil {
			s.w.Canvas().Focus(s.detail.tagEntry)
		}
	case 'n':
		if s.detail.detail != nil {
			s.w.Canvas().Focus(s.detail.noteEntry)
		}
	case 'p':
		s.detail.pin(data.SidePositive)
	case 'P':
		s.detail.pin(data.SideNegative)
	case 'f':
		s.detail.cycleFollowUp()
	default:
		return false
	}
	return true
}

// toggleCurrent ticks or unticks the selected row's box.
func (s *commentsScreen) toggleCurrent() {
	r := s.pages.cached(s.current)
	if s.current < 0 || r == nil {
		return
	}
	if s.checked[r.ID] {
		delete(s.checked, r.ID)
	} else {
		s.checked[r.ID] = true
	}
	s.updateSelectedLabel()
	s.list.RefreshItem(s.current)
}

// focusList gives the keyboard to the list, selecting the first row when none is.
func (s *commentsScreen) focusList() {
	s.w.Canvas().Focus(s.list)
	if s.current < 0 {
		s.move(1)
	}
}
