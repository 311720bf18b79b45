package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// wallMenu taps the navigation's "Wall display" button, checks that it opens a menu, and
// returns the menu's items.
func wallMenu(t *testing.T, f *shellFixture) []*fyne.MenuItem {
	t.Helper()
	f.onUI(func() {
		b := findButton(f.a.win.Content(), "Wall display")
		if b == nil {
			t.Fatal("no Wall display button in the main window")
		}
		b.OnTapped()
		overlays := f.a.win.Canvas().Overlays()
		menu := overlays.Top()
		if menu == nil {
			t.Fatal("the Wall display button opened no menu")
		}
		overlays.Remove(menu)
	})
	items := f.a.wallMenu().Items
	var labels []string
	for _, it := range items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, " | "); got != "Full screen on this screen | In a window to move to another screen" {
		t.Fatalf("wall menu %q", got)
	}
	return items
}

// onWall runs fn as the UI goroutine would while the wall has the main window: the wall's
// own background hands it state under its own lock (on the real driver both run on the one
// UI goroutine).
func (f *shellFixture) onWall(fn func()) {
	f.onUI(func() {
		if f.a.wall == nil {
			fn()
			return
		}
		ww := f.a.wall
		ww.bg.ui.Lock()
		defer ww.bg.ui.Unlock()
		fn()
	})
}

// waitStopped waits for a wall that was left to end its schedules and chart renders, so
// that none outlives its test.
func waitStopped(v *wallView) {
	v.w.Stop()
	v.bg.stop()
}

func TestApp_WallHere(t *testing.T) {
	f := newShellFixture(t, 500, Options{StartScreen: screenComments, Lang: "en"})
	f.eventually(t, "the comments screen", func() bool { _, ok := f.a.active.(*commentsScreen); return ok })
	c := f.a.win.Canvas()
	start := map[string]func(){
		"Menu":     func() { item := wallMenu(t, f)[0]; f.onUI(item.Action) },
		"Shortcut": func() { f.onUI(func() { c.(fyne.Shortcutable).TypedShortcut(wallShortcut) }) },
	}
	for name, open := range start {
		t.Run(name, func(t *testing.T) {
			open()
			f.onWall(func() {
				if _, ok := f.a.win.Content().(*wallView); !ok || f.a.wall == nil {
					t.Fatalf("the main window shows %T, not the wall", f.a.win.Content())
				}
				if !f.a.win.FullScreen() || f.a.win.Padded() {
					t.Errorf("wall in the main window: full screen %v, padded %v; want full screen without padding", f.a.win.FullScreen(), f.a.win.Padded())
				}
				if c.OnTypedRune() != nil {
					t.Error("the comments screen's single-key commands still answer under the wall")
				}
				c.(fyne.Shortcutable).TypedShortcut(screenShortcut(2)) // Ctrl+3: Boards
				if f.a.current != screenComments || f.a.win.Content() != f.a.wall.view {
					t.Errorf("Ctrl+3 under the wall switched to %q", f.a.current)
				}
				c.(fyne.Shortcutable).TypedShortcut(wallShortcut) // a second wall: ignored
			})
			view := f.a.wall.view
			f.onWall(func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
			waitStopped(view)
			f.eventually(t, "the comments screen back after Esc", func() bool {
				_, ok := f.a.active.(*commentsScreen)
				return ok && f.a.wall == nil && !f.a.win.FullScreen() && f.a.win.Padded() && findButton(f.a.win.Content(), "Wall display") != nil
			})
			f.onUI(func() { c.(fyne.Shortcutable).TypedShortcut(screenShortcut(2)) })
			f.eventually(t, "Ctrl+3 to work again after the wall", func() bool { return f.a.current == screenBoards })
			f.onUI(func() { f.a.show(screenComments) })
		})
	}
}

func TestApp_WallThere(t *testing.T) {
	// The wall's window hands its updates over under its own background's lock, not the main
	// window's; on the real driver both run on the one UI goroutine, but the test driver runs
	// them where they come from. Starting on a screen that loads nothing, and waiting for the
	// status line's first load, leaves the main window quiet while the wall runs.
	f := newShellFixture(t, 500, Options{StartScreen: screenSettings, Lang: "en"})
	f.eventually(t, "the settings screen and the status line", func() bool {
		_, ok := f.a.active.(*settingsScreen)
		return ok && f.a.status.cache.Text != ""
	})
	items := wallMenu(t, f)
	f.onUI(items[1].Action)
	var wallWin fyne.Window
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if strings.HasPrefix(w.Title(), "Verbatim wall: drag this window to the TV") {
			wallWin = w
		}
	}
	if wallWin == nil {
		t.Fatal("no wall window opened")
	}
	view, ok := wallWin.Content().(*wallView)
	if !ok {
		t.Fatalf("the new window shows %T, not the wall", wallWin.Content())
	}
	if wallWin.FullScreen() || f.a.win.FullScreen() || f.a.wall != nil {
		t.Error("the wall for another screen should open as a window, leaving the main window alone")
	}
	key := func(name fyne.KeyName) { // as the UI goroutine would, serialised with the wall's updates
		view.bg.ui.Lock()
		defer view.bg.ui.Unlock()
		wallWin.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
	key(fyne.KeyF11)
	if !wallWin.FullScreen() {
		t.Error("F11 did not put the wall's window in full screen")
	}
	key(fyne.KeyEscape)
	if !view.stopped {
		t.Error("Esc did not close the wall's window")
	}
	waitStopped(view)
}
