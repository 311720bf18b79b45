package ui

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// showSummary says what each file of the batch did: a table of rows read, inserted, updated,
// unchanged and skipped, the reasons rows were skipped, and the files that failed, were
// cancelled or skipped.
func (i *importer) showSummary() {
	n := i.a.numbers()
	shares := []float32{3.2, 1, 1, 1, 1, 1}
	right := func(v int) fyne.CanvasObject {
		return widget.NewLabelWithStyle(n.int(v), fyne.TextAlignTrailing, fyne.TextStyle{})
	}
	bold := func(text string, align fyne.TextAlign) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: true})
	}
	table := container.NewVBox(tableRow(shares, bold(lang.L("File"), fyne.TextAlignLeading),
		bold(lang.L("Read"), fyne.TextAlignTrailing), bold(lang.L("New"), fyne.TextAlignTrailing),
		bold(lang.L("Updated"), fyne.TextAlignTrailing), bold(lang.L("Unchanged"), fyne.TextAlignTrailing),
		bold(lang.L("Skipped"), fyne.TextAlignTrailing)), widget.NewSeparator())
	notes := container.NewVBox()
	note := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		notes.Add(l)
	}
	imported, cancelled := 0, false
	for _, r := range i.results {
		name := filepath.Base(r.file)
		switch {
		case r.declined:
			note(lang.L("{{.File}} was not imported: you skipped it at the column mapping.", map[string]any{"File": name}), widget.MediumImportance)
		case errors.Is(r.err, context.Canceled):
			cancelled = true
			note(lang.L("Cancelled: nothing from {{.File}} was imported.", map[string]any{"File": name}), widget.WarningImportance)
		case r.err != nil:
			note(data.ErrorMessage(r.err), widget.DangerImportance)
		default:
			imported++
			file := widget.NewLabel(name)
			file.Truncation = fyne.TextTruncateEllipsis
			source := widget.NewLabel(lang.L("into {{.Source}}", map[string]any{"Source": r.res.Source}))
			source.SizeName = theme.SizeNameCaptionText
			source.Truncation = fyne.TextTruncateEllipsis
			table.Add(tableRow(shares, container.NewVBox(file, source), right(r.res.Read), right(r.res.Inserted),
				right(r.res.Updated), right(r.res.Unchanged), right(r.res.Skipped.Total())))
			if r.res.Skipped.Total() > 0 {
				note(lang.L("{{.File}}, rows skipped: {{.Reasons}}", map[string]any{"File": name, "Reasons": r.res.Skipped.String()}), widget.WarningImportance)
			}
		}
	}
	content := container.NewVBox()
	if imported > 0 {
		content.Add(table)
	}
	content.Add(notes)
	title := lang.L("Import finished")
	if cancelled {
		title = lang.L("Import cancelled")
	}
	i.summary = content
	d := dialog.NewCustom(title, lang.L("Close"), container.NewVScroll(withWidth(720, content)), i.a.win)
	d.Resize(fyne.NewSize(780, min(content.MinSize().Height+160, 560)))
	d.Show()
}
