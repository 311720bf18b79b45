package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/verbatim-app/verbatim/data"
)

// showError tells the user an action failed. A data.Error meant for the user (bad input, not
// found, a source that is down...) shows its sentence as a plain message; anything else is
// an internal error, logged in full and shown in an error dialog. A cancelled action (the
// user pressed Cancel) shows nothing. Call it on the UI
// goroutine; from a goroutine, use background.showError.
//
// Loading a screen's data does not use it: a screen shows its own inline message with a
// retry, and network trouble goes to the status line, never to a modal.
func showError(err error, w fyne.Window) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	if data.ErrorCode(err) == data.EINTERNAL {
		fyne.LogError("Verbatim", err)
		dialog.ShowError(err, w)
		return
	}
	dialog.ShowInformation(lang.L("Cannot do that"), data.ErrorMessage(err), w)
}

// showError shows err with showError on the UI goroutine.
func (b *background) showError(err error, w fyne.Window) {
	b.do(func() { showError(err, w) })
}

// loadFailed is the sentence shown in place of a screen's data when loading it failed.
func loadFailed(err error) string {
	return lang.L("Could not load this view: {{.Reason}}", map[string]any{"Reason": data.ErrorMessage(err)})
}
