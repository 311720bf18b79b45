package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The main window's way into the wall display. Fyne can neither list the screens nor place
// a window on one, and full screen always fills the screen a window is on. So the wall
// starts either in the main window itself (full screen where the app already is; Esc gives
// the window back) or in a window of its own that the user drags to the TV and turns full
// screen there with F11.

// wallShortcut starts the wall in the main window: Ctrl+Shift+W (Cmd+Shift+W on macOS).
var wallShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// addWallShortcut registers the wall's shortcut on the main window.
func (a *App) addWallShortcut() {
	a.win.Canvas().AddShortcut(wallShortcut, func(fyne.Shortcut) { a.wallHere() })
}

// wallButton is the navigation's "Wall display" button: it opens wallMenu.
func (a *App) wallButton() fyne.CanvasObject {
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.L("Wall display"), theme.ComputerIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		widget.ShowPopUpMenuAtPosition(a.wallMenu(), a.win.Canvas(), pos)
	})
	return container.NewPadded(b)
}

// wallMenu offers the two ways to start the wall.
func (a *App) wallMenu() *fyne.Menu {
	here := fyne.NewMenuItem(lang.L("Full screen on this screen"), a.wallHere)
	here.Shortcut = wallShortcut
	there := fyne.NewMenuItem(lang.L("In a window to move to another screen"), a.wallThere)
	return fyne.NewMenu("", here, there)
}

// wallHere turns the main window into the wall, full screen, until Esc. The screen on show
// is stopped (its keys and shortcuts with it) and the navigation's shortcuts are taken off,
// so nothing but the wall answers a key; leaving builds the screen anew, with whatever data
// came in meanwhile.
func (a *App) wallHere() {
	if a.wall != nil {
		return
	}
	if a.active != nil {
		a.active.stop()
		a.active = nil
	}
	c := a.win.Canvas()
	for i := range min(len(a.defs), len(screenKeys)) {
		c.RemoveShortcut(screenShortcut(i))
	}
	c.RemoveShortcut(wallShortcut)
	content, full, padded := a.win.Content(), a.win.FullScreen(), a.win.Padded()
	a.wall = showWall(a.win, wallServices(a.svc), WallOptions{}, a.lang, func() {
		a.stopWall()
		c.SetOnTypedKey(nil)
		a.win.SetFullScreen(full)
		a.win.SetPadded(padded)
		a.win.SetContent(content)
		a.addShortcuts()
		a.addWallShortcut()
		a.checkEmptyCache()
	})
}

// wallThere opens the wall in a window of its own, not full screen yet: its title says to
// drag it to the TV and press F11 there.
func (a *App) wallThere() {
	title := lang.L("Verbatim wall: drag this window to the TV, then press F11 for full screen")
	newWallWindow(a.app, wallServices(a.svc), WallOptions{Window: true}, a.lang, title).win.Show()
}

// stopWall stops the wall shown in the main window, if any.
func (a *App) stopWall() {
	if a.wall == nil {
		return
	}
	a.wall.stop()
	a.wall = nil
}
