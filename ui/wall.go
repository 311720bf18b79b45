package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/verbatim-app/verbatim/assets"
	"github.com/verbatim-app/verbatim/ui/wall"
)

// WallOptions say how the wall display runs: what it shows (wall.Config) and how its
// window behaves.
type WallOptions struct {
	wall.Config
	Window bool   // a 1280×720 window with the mouse pointer, instead of full screen
	Kiosk  bool   // Esc does not leave: the TV is left alone for weeks
	Lang   string // en, es or tr; "" is the saved setting or the system's language
}

// RunWall shows the wall display on its own and runs the app until the wall is left (Esc,
// the window closing) or ctx ends (Ctrl+C in the terminal that started it).
func RunWall(ctx context.Context, fa fyne.App, svc wall.Services, opts WallOptions) {
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	code := fa.Preferences().StringWithFallback(prefLanguage, defaultLanguage())
	if knownLanguage(opts.Lang) {
		code = opts.Lang
	}
	if err := setLanguage(code); err != nil {
		fyne.LogError("wall: set the interface language", err)
	}
	ww := newWallWindow(fa, svc, opts, code, "Verbatim wall")
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			fyne.Do(ww.win.Close)
		case <-done:
		}
	}()
	ww.win.ShowAndRun()
}

// wallWindow is a window showing the wall: full screen without chrome, keys for pausing and
// stepping, and nothing modal, ever. The window is the wall's own (verbatim wall, or the
// GUI's "another screen") or the main window lent to it until Esc.
type wallWindow struct {
	win  fyne.Window
	wall *wall.Wall
	view *wallView
	bg   *background
	opts WallOptions
	// leave is what Esc does: close the wall's own window, or give the main window back.
	leave func()
}

// newWallWindow opens the wall in a window of its own, titled title; closing the window
// stops it.
func newWallWindow(fa fyne.App, svc wall.Services, opts WallOptions, lang, title string) *wallWindow {
	win := fa.NewWindow(title)
	if opts.Window {
		win.Resize(fyne.NewSize(1280, 720))
	}
	ww := showWall(win, svc, opts, lang, win.Close)
	if opts.Kiosk {
		win.SetCloseIntercept(func() {}) // nothing but stopping the program ends a kiosk
	}
	win.SetOnClosed(ww.stop)
	return ww
}

// showWall puts the wall on win, full screen unless opts.Window, takes the window's keys
// and starts the rotation and the refresh. Esc calls leave unless opts.Kiosk; the caller
// stops the wall when the window goes.
func showWall(win fyne.Window, svc wall.Services, opts WallOptions, lang string, leave func()) *wallWindow {
	ww := &wallWindow{win: win, wall: wall.New(opts.Config, svc), bg: newBackground(), opts: opts, leave: leave}
	ww.view = newWallView(ww.wall, ww.bg, numbersFor(lang), opts.Panels, opts.BoardFile != "")
	win.SetPadded(false)
	win.SetContent(ww.view)
	c := win.Canvas()
	c.Unfocus() // keys typed into a field of the main window would not reach the wall
	c.SetOnTypedRune(nil)
	c.SetOnTypedKey(ww.typedKey)
	ww.setFullScreen(!opts.Window)
	ww.wall.Start(ww.view.changed)
	ww.view.startTicks()
	return ww
}

// setFullScreen puts the window in or out of full screen, where the mouse pointer hides.
// Full screen is on the screen the window is on: Fyne cannot pick a screen, so a wall
// meant for a TV is dragged there first.
func (ww *wallWindow) setFullScreen(full bool) {
	ww.win.SetFullScreen(full)
	ww.view.hideCursor = full
}

// typedKey: arrows (and a presenter remote's page keys) step, Esc leaves and F11 goes in
// and out of full screen unless in kiosk mode, any other key pauses.
func (ww *wallWindow) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if !ww.opts.Kiosk {
			ww.leave()
			return
		}
		ww.wall.Input()
	case fyne.KeyF11:
		if !ww.opts.Kiosk {
			ww.setFullScreen(!ww.win.FullScreen())
			return
		}
		ww.wall.Input()
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown:
		ww.wall.Step(1)
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp:
		ww.wall.Step(-1)
	default:
		ww.wall.Input()
	}
}

// stop ends the wall's schedules and what the view started. Waiting for a read under way
// (up to SQLite's busy timeout) happens off the UI goroutine, so the main window never
// stalls when the wall closes.
func (ww *wallWindow) stop() {
	ww.view.stop()
	ww.bg.cancel()
	go func() {
		ww.wall.Stop()
		ww.bg.stop()
	}()
}

// wallServices is what the wall reads of the main window's services. Boards needs more
// than data.BoardService (a board by name, its self-contained copy): the store has it, and
// a fake that does not simply shows no board.
func wallServices(svc Services) wall.Services {
	out := wall.Services{Reports: svc.Reports, Comments: svc.Comments, Stats: svc.Stats}
	if b, ok := svc.Boards.(wall.BoardSource); ok {
		out.Boards = b
	}
	return out
}
