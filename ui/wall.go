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
	ww := newWallWindow(fa, svc, opts, code)
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
// stepping, and nothing modal, ever.
type wallWindow struct {
	win  fyne.Window
	wall *wall.Wall
	view *wallView
	bg   *background
	opts WallOptions
}

func newWallWindow(fa fyne.App, svc wall.Services, opts WallOptions, lang string) *wallWindow {
	ww := &wallWindow{win: fa.NewWindow("Verbatim wall"), wall: wall.New(opts.Config, svc), bg: newBackground(), opts: opts}
	ww.view = newWallView(ww.wall, ww.bg, numbersFor(lang), opts.Panels, !opts.Window, opts.BoardFile != "")
	ww.win.SetPadded(false)
	ww.win.SetContent(ww.view)
	ww.win.Canvas().SetOnTypedKey(ww.typedKey)
	if opts.Kiosk {
		ww.win.SetCloseIntercept(func() {}) // nothing but stopping the program ends a kiosk
	}
	ww.win.SetOnClosed(ww.stop)
	if opts.Window {
		ww.win.Resize(fyne.NewSize(1280, 720))
	} else {
		ww.win.SetFullScreen(true)
	}
	ww.wall.Start(ww.view.changed)
	ww.view.startTicks()
	return ww
}

// typedKey: arrows (and a presenter remote's page keys) step, Esc leaves unless in kiosk
// mode, any other key pauses.
func (ww *wallWindow) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if !ww.opts.Kiosk {
			ww.win.Close()
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

// openWall starts the wall display from the main window, in a window of its own, full
// screen: Esc closes it and leaves the main window as it was.
func (a *App) openWall() {
	newWallWindow(a.app, wallServices(a.svc), WallOptions{}, a.lang).win.Show()
}
