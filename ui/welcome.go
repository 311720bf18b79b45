package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/assets"
)

// showWelcome fills the window body with the first-run panel: the cache is empty, so offer
// the demo dataset (one click) or a file import, with progress and a way to cancel.
func (a *App) showWelcome() {
	a.bar.content.Hide() // nothing to filter yet
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.IconPNG))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	title := widget.NewRichText(&widget.TextSegment{Text: lang.L("Welcome to Verbatim"),
		Style: widget.RichTextStyle{Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
	text := widget.NewLabel(lang.L("Your cache is empty. Explore Verbatim with a realistic demo dataset, or import a survey export (Qualtrics, SurveyMonkey, Typeform, Google Forms, Delighted or any CSV)."))
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter

	var demo, importFile *widget.Button
	job := newLongJob(a, func(busy bool) {
		for _, b := range []*widget.Button{demo, importFile} {
			if busy {
				b.Disable()
			} else {
				b.Enable()
			}
		}
	})
	demo = widget.NewButtonWithIcon(lang.L("Load demo data"), theme.MediaPlayIcon(), func() { a.loadDemo(job) })
	demo.Importance = widget.HighImportance
	importFile = widget.NewButtonWithIcon(lang.L("Import a file…"), theme.FolderOpenIcon(), func() { a.importFile(job) })
	buttons := container.NewHBox()
	if a.svc.LoadDemo != nil {
		buttons.Add(demo)
	}
	if a.svc.ImportFile != nil {
		buttons.Add(importFile)
	}
	panel := container.NewVBox(container.NewCenter(icon), title, text, container.NewCenter(buttons), job.content)
	a.body.Objects = []fyne.CanvasObject{container.NewCenter(withWidth(560, panel))}
	a.body.Refresh()
}
