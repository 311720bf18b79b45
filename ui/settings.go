package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// settingsScreen holds the interface choices: language, theme, text size, and the score rules
// every figure follows.
type settingsScreen struct{ a *App }

func newSettingsScreen(a *App) *settingsScreen { return &settingsScreen{a: a} }

func (s *settingsScreen) stop() {}

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	a := s.a
	var langNames []string
	for _, l := range languages {
		langNames = append(langNames, l.name)
	}
	language := widget.NewSelect(langNames, nil)
	for i, l := range languages {
		if l.code == a.lang {
			language.SetSelectedIndex(i)
		}
	}
	language.OnChanged = func(string) {
		// Rebuilding the window from inside the select's own callback would tear the select
		// down under itself; do it right after.
		code := languages[language.SelectedIndex()].code
		fyne.Do(func() { a.setLanguage(code) })
	}

	themeIDs := []string{themeSystem, themeLight, themeDark}
	themes := widget.NewRadioGroup([]string{lang.L("System"), lang.L("Light"), lang.L("Dark")}, nil)
	themes.Horizontal = true
	themes.SetSelected(themes.Options[indexOf(themeIDs, a.themeSel)])
	themes.OnChanged = func(string) {
		for i, o := range themes.Options {
			if o == themes.Selected {
				a.themeSel = themeIDs[i]
			}
		}
		a.prefs.SetString(prefTheme, a.themeSel)
		a.applyTheme()
	}

	var sizeLabels []string
	for _, t := range textSizes {
		sizeLabels = append(sizeLabels, lang.L(t.label))
	}
	size := widget.NewSelect(sizeLabels, nil)
	for i, t := range textSizes {
		if t.name == a.textSize {
			size.SetSelectedIndex(i)
		}
	}
	size.OnChanged = func(string) {
		a.textSize = textSizes[size.SelectedIndex()].name
		a.prefs.SetString(prefTextSize, a.textSize)
		a.applyTheme()
	}

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Language"), language),
		widget.NewFormItem(lang.L("Theme"), themes),
		widget.NewFormItem(lang.L("Text size"), size),
	)
	rules := widget.NewLabel(scoreRulesText())
	rules.TextStyle.Monospace = true
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Score rules"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(lang.L("Every score is computed from the raw answers with these rules, and shown with its number of responses (n) and margin of error.")),
		rules,
	))
}

// scoreRulesText lays the metrics rules out as a table.
func scoreRulesText() string {
	types := []struct {
		typ      string
		min, max int
	}{
		{data.TypeNPS, 0, 10}, {data.TypeENPS, 0, 10}, {data.TypeCSAT, 1, 5}, {data.TypeCES, 1, 7}, {data.TypeCES, 1, 5},
		{data.TypeStar, 1, 5}, {data.TypeSmiley, 1, 5}, {data.TypeThumbs, 0, 1}, {data.TypePMF, 1, 3},
	}
	out := fmt.Sprintf("%-16s %-6s %-12s %-12s %s\n", lang.L("Type"), lang.L("Scale"), lang.L("Positive"), lang.L("Negative"), lang.L("Score"))
	for _, t := range types {
		r := metrics.RuleFor(t.typ, t.min, t.max)
		var score string
		switch r.Kind {
		case metrics.NetKind:
			score = lang.L("% positive − % negative")
		case metrics.ShareKind:
			score = lang.L("% positive")
		default:
			score = lang.L("mean")
		}
		out += fmt.Sprintf("%-16s %-6s %-12s %-12s %s\n", typeLabel(t.typ), fmt.Sprintf("%d-%d", t.min, t.max),
			fmt.Sprintf("≥ %g", r.PositiveFrom), fmt.Sprintf("≤ %g", r.NegativeTo), score)
	}
	return out
}
