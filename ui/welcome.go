package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// showWelcome fills the window body with the first-run panel: the cache is empty, so offer
// the demo dataset (one click) or a file import.
func (a *App) showWelcome() {
	title := widget.NewLabelWithStyle(lang.L("Welcome to Verbatim"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(lang.L("Your cache is empty. Explore Verbatim with a realistic demo dataset, or import a survey export (Qualtrics, SurveyMonkey, Typeform, Google Forms, Delighted or any CSV)."))
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter
	progress := widget.NewProgressBar()
	progress.Hide()
	message := widget.NewLabel("")
	message.Wrapping = fyne.TextWrapWord
	message.Hide()

	var demo, importFile *widget.Button
	busy := func(on bool) {
		if on {
			demo.Disable()
			importFile.Disable()
			progress.SetValue(0)
			progress.Show()
			message.Hide()
			return
		}
		demo.Enable()
		importFile.Enable()
		progress.Hide()
	}
	fail := func(err error) {
		busy(false)
		message.SetText(lang.L("That did not work: {{.Reason}}", map[string]any{"Reason": data.ErrorMessage(err)}))
		message.Show()
	}
	demo = widget.NewButtonWithIcon(lang.L("Load demo data"), theme.MediaPlayIcon(), func() {
		busy(true)
		a.bg.run(func(ctx context.Context) {
			err := a.svc.LoadDemo(ctx, func(done, total int) {
				a.bg.do(func() { progress.SetValue(float64(done) / float64(max(total, 1))) })
			})
			a.bg.do(func() {
				if err != nil {
					fail(err)
					return
				}
				a.dataChanged()
			})
		})
	})
	demo.Importance = widget.HighImportance
	importFile = widget.NewButtonWithIcon(lang.L("Import a file…"), theme.FolderOpenIcon(), func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			busy(true)
			a.bg.run(func(ctx context.Context) {
				summary, err := a.svc.ImportFile(ctx, path, func(done, total int64) {
					a.bg.do(func() { progress.SetValue(float64(done) / float64(max(total, 1))) })
				})
				a.bg.do(func() {
					if err != nil {
						fail(err)
						return
					}
					a.dataChanged()
					dialog.ShowInformation(lang.L("Import finished"), summary, a.win)
				})
			})
		}, a.win)
	})
	panel := container.NewVBox(title, text, container.NewCenter(container.NewHBox(demo, importFile)), progress, message)
	a.body.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(560, panel.MinSize().Height+40), panel))}
	a.body.Refresh()
}
