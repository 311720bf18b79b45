package ui

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data/formats"
)

// mappingForm is the column mapping dialog of a generic CSV, the GUI's --map: a select per
// part (score, comment, date, email, name, response id) filled from the header and set to
// the guess, the columns to segment by, and the score's survey type. Like --map it overrides
// the guess: what the user leaves as guessed stays guessed.
type mappingForm struct {
	cols       formats.Columns
	labels     []string // one per column, unique, as the selects show them
	parts      []*mappingPart
	segments   *widget.CheckGroup
	surveyType *widget.Select
	message    *widget.Label
	ok         *widget.Button
	dlg        *dialog.CustomDialog
}

// mappingPart is one select: the part it names and the column guessed for it.
type mappingPart struct {
	label  string // English, translated when shown
	guess  int
	choice *widget.Select
	set    func(m *formats.Mapping, column string)
}

// notInFile is the choice of a part the file has no column for.
const notInFile = "—"

func newMappingForm(a *App, path string, cols formats.Columns, done func(formats.Options, bool)) *mappingForm {
	f := &mappingForm{cols: cols, labels: columnLabels(cols.Header)}
	f.parts = []*mappingPart{
		{label: "Score", guess: cols.Score, set: func(m *formats.Mapping, c string) { m.Score = c }},
		{label: "Comment", guess: cols.Comment, set: func(m *formats.Mapping, c string) { m.Comment = c }},
		{label: "Date", guess: cols.Date, set: func(m *formats.Mapping, c string) { m.Date = c }},
		{label: "Email", guess: cols.Email, set: func(m *formats.Mapping, c string) { m.Email = c }},
		{label: "Name", guess: cols.Name, set: func(m *formats.Mapping, c string) { m.Name = c }},
		{label: "Response ID", guess: cols.ID, set: func(m *formats.Mapping, c string) { m.ID = c }},
	}
	form := widget.NewForm()
	for _, p := range f.parts {
		options := f.labels
		if p.guess < 0 {
			// A guessed part can be moved to another column; one the guess did not find can
			// also stay out, which a mapping cannot ask of a guessed one.
			options = append([]string{notInFile}, f.labels...)
		}
		p.choice = widget.NewSelect(options, func(string) { f.check() })
		if p.guess >= 0 {
			p.choice.SetSelected(f.labels[p.guess])
		} else {
			p.choice.SetSelected(notInFile)
		}
		form.Append(lang.L(p.label), fitSelect(p.choice, 24))
	}

	var segmentOptions, guessed []string
	for i, l := range f.labels {
		if slices.Contains(cols.Segments, i) {
			guessed = append(guessed, cols.Header[i])
		} else {
			segmentOptions = append(segmentOptions, l)
		}
	}
	f.segments = widget.NewCheckGroup(segmentOptions, nil)
	f.surveyType = widget.NewSelect(surveyTypeLabels(lang.L("Detect from the question")), nil)
	f.surveyType.SetSelectedIndex(0)
	form.Append(lang.L("Survey type"), fitSelect(f.surveyType, 24))

	intro := widget.NewLabel(lang.L("{{.File}} is a CSV file without a known layout. Check which column holds what; the guess is already set.",
		map[string]any{"File": filepath.Base(path)}))
	intro.Wrapping = fyne.TextWrapWord
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.WarningImportance
	if cols.Problem != "" {
		f.message.SetText(cols.Problem)
	} else {
		f.message.Hide()
	}
	segTitle := widget.NewLabelWithStyle(lang.L("Segment by"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	segBox := container.NewVBox(segTitle)
	if len(guessed) > 0 {
		found := widget.NewLabel(lang.L("Found: {{.Columns}}. Also segment by:", map[string]any{"Columns": strings.Join(guessed, ", ")}))
		found.Wrapping = fyne.TextWrapWord
		found.SizeName = theme.SizeNameCaptionText
		segBox.Add(found)
	}
	segBox.Add(container.NewVScroll(f.segments))
	segScroll := segBox.Objects[len(segBox.Objects)-1].(*container.Scroll)
	segScroll.SetMinSize(fyne.NewSize(0, min(f.segments.MinSize().Height, 180)))

	content := container.NewVBox(intro, f.message, form, widget.NewSeparator(), segBox)
	skip := widget.NewButton(lang.L("Skip this file"), func() {
		f.dlg.Hide()
		done(formats.Options{}, false)
	})
	f.ok = widget.NewButtonWithIcon(lang.L("Import"), theme.ConfirmIcon(), func() {
		f.dlg.Hide()
		done(f.options(), true)
	})
	f.ok.Importance = widget.HighImportance
	f.dlg = dialog.NewCustomWithoutButtons(lang.L("Which column is which?"), container.NewVScroll(withWidth(560, content)), a.win)
	f.dlg.SetButtons([]fyne.CanvasObject{skip, f.ok})
	f.dlg.Resize(fyne.NewSize(640, min(content.MinSize().Height+140, 640)))
	f.check()
	return f
}

// columnLabels names the columns for the selects, each once: its header, or "Column 3" when
// it has none, with the position added to headers that repeat.
func columnLabels(header []string) []string {
	seen := map[string]int{}
	for _, h := range header {
		seen[strings.ToLower(h)]++
	}
	out := make([]string, len(header))
	for i, h := range header {
		switch {
		case h == "":
			out[i] = lang.L("Column {{.N}}", map[string]any{"N": i + 1})
		case seen[strings.ToLower(h)] > 1:
			out[i] = lang.L("{{.Header}} (column {{.N}})", map[string]any{"Header": h, "N": i + 1})
		default:
			out[i] = h
		}
	}
	return out
}

// column returns the index of the column a select shows, -1 for none.
func (f *mappingForm) column(label string) int { return slices.Index(f.labels, label) }

// check allows Import once the file has a score or a comment column.
func (f *mappingForm) check() {
	if f.ok == nil {
		return
	}
	if f.column(f.parts[0].choice.Selected) < 0 && f.column(f.parts[1].choice.Selected) < 0 {
		f.ok.Disable()
		return
	}
	f.ok.Enable()
}

// options turns the choices into import options: a Mapping of what differs from the guess.
func (f *mappingForm) options() formats.Options {
	var m formats.Mapping
	for _, p := range f.parts {
		if i := f.column(p.choice.Selected); i >= 0 && i != p.guess {
			p.set(&m, f.cols.MappingName(i))
		}
	}
	for _, label := range f.segments.Selected {
		if i := f.column(label); i >= 0 {
			m.Segments = append(m.Segments, f.cols.MappingName(i))
		}
	}
	return formats.Options{Mapping: m, SurveyType: surveyTypeChoices[max(f.surveyType.SelectedIndex(), 0)]}
}
