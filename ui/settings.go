package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
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

	field := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewHBox(withWidth(260, o)) }
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Language"), field(language)),
		widget.NewFormItem(lang.L("Theme"), themes),
		widget.NewFormItem(lang.L("Text size"), field(size)),
	)
	note := widget.NewLabel(lang.L("Scores are computed from the raw answers with these rules, and always shown with their number of responses (n) and margin of error. An unknown scale is shown as its mean; a 0-10 question counts as NPS only when its source says so."))
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = theme.SizeNameCaptionText
	heading := func(text string) fyne.CanvasObject {
		return widget.NewRichText(&widget.TextSegment{Text: text,
			Style: widget.RichTextStyle{SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		heading(lang.L("Settings")),
		container.NewHBox(withWidth(520, form)),
		widget.NewSeparator(),
		heading(lang.L("Score rules")),
		container.NewHBox(withWidth(760, container.NewVBox(scoreRulesTable(), note))),
	)))
}

// scoreRulesTable lays the metrics rules out as a table: each survey type's scale, which
// answers count as positive, neutral and negative, and how the score is computed.
func scoreRulesTable() fyne.CanvasObject {
	types := []struct {
		typ      string
		min, max int
	}{
		{data.TypeNPS, 0, 10}, {data.TypeENPS, 0, 10}, {data.TypeCSAT, 1, 5}, {data.TypeCES, 1, 7}, {data.TypeCES, 1, 5},
		{data.TypeStar, 1, 5}, {data.TypeSmiley, 1, 5}, {data.TypeThumbs, 0, 1}, {data.TypePMF, 1, 3},
	}
	row := func(cells ...fyne.CanvasObject) fyne.CanvasObject {
		return tableRow([]float32{2.2, 1, 1.1, 1.1, 1.1, 3}, cells...)
	}
	header := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	out := container.NewVBox(row(header(lang.L("Type")), header(lang.L("Scale")), header(lang.L("Positive")),
		header(lang.L("Neutral")), header(lang.L("Negative")), header(lang.L("Score"))), widget.NewSeparator())
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
		neutral := "—"
		if lo, hi := r.NegativeTo+1, r.PositiveFrom-1; lo <= hi {
			neutral = scaleRange(lo, hi)
		}
		out.Add(row(widget.NewLabel(typeLabel(t.typ)), widget.NewLabel(scaleRange(r.Min, r.Max)),
			widget.NewLabel(scaleRange(r.PositiveFrom, r.Max)), widget.NewLabel(neutral),
			widget.NewLabel(scaleRange(r.Min, r.NegativeTo)), widget.NewLabel(score)))
	}
	return out
}

// scaleRange writes a range of scale values: "9–10", or "5" when it is one value.
func scaleRange(lo, hi float64) string {
	if lo == hi {
		return strconv.FormatFloat(lo, 'f', -1, 64)
	}
	return strconv.FormatFloat(lo, 'f', -1, 64) + "–" + strconv.FormatFloat(hi, 'f', -1, 64)
}
