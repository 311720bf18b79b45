package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// screenKeys are the keys that, with Ctrl (Cmd on macOS), open the screens in navigation
// order: Ctrl+1 the dashboard, Ctrl+2 the comments, and so on.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

// screenShortcut is the shortcut that opens the i-th screen of the navigation.
func screenShortcut(i int) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: screenKeys[i], Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts registers the window's own shortcuts, once: they outlive rebuilds of the
// content, and screens add and remove their own.
func (a *App) addShortcuts() {
	for i, d := range a.defs {
		if i >= len(screenKeys) {
			break
		}
		id := d.id
		a.win.Canvas().AddShortcut(screenShortcut(i), func(fyne.Shortcut) { a.show(id) })
	}
}
