package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listedThemes is how many themes the ranked list shows beside the matrix.
const listedThemes = 8

// showThemeLists fills the ranked themes and the detractor words; each row opens its comments.
func (s *dashboardScreen) showThemeLists() {
	nf := s.numbers()
	surveyType := ""
	if s.focus != nil {
		surveyType = s.focus.SurveyType
	}
	positive, _, negative := bandLabels(surveyType)

	s.themeList.Objects = nil
	themes := s.themes.themes
	if len(themes) > 0 {
		s.themeList.Add(listHeader(lang.L("Most painful"), lang.L("n"), negative))
	}
	for i, t := range themes[:min(len(themes), listedThemes)] {
		tag := t.Tag
		name := widget.NewLabel(nf.int(i+1) + ". " + t.Tag)
		name.Truncation = fyne.TextTruncateEllipsis
		pain := widget.NewLabel(nf.percent(100*t.Pain, 0))
		pain.Importance = widget.DangerImportance
		pain.TextStyle.Bold = true
		s.themeList.Add(newTapRow(listRow(name, countLabel(nf.int(t.Responses)), pain), func() { s.openTag(tag) }))
	}
	s.themeList.Refresh()

	s.wordList.Objects = nil
	words := s.themes.words
	if len(words) == 0 {
		if s.focus != nil {
			empty := widget.NewLabel(lang.L("No word stands out yet: it takes comments from both detractors and promoters."))
			empty.Wrapping = fyne.TextWrapWord
			empty.Importance = widget.LowImportance
			s.wordList.Add(empty)
		}
	} else {
		s.wordList.Add(listHeader(lang.L("Word"), negative, positive))
	}
	for _, w := range words {
		word := w.Word
		name := widget.NewLabel(word)
		name.Truncation = fyne.TextTruncateEllipsis
		name.TextStyle.Bold = true
		detractors := countLabel(nf.int(w.Detractors))
		detractors.Importance = widget.DangerImportance
		s.wordList.Add(newTapRow(listRow(name, detractors, countLabel(nf.int(w.Promoters))), func() { s.openWord(word) }))
	}
	s.wordList.Refresh()
}

// listRow lays out a name taking the room left by two number columns.
func listRow(name *widget.Label, a, b *widget.Label) fyne.CanvasObject {
	numbers := container.NewGridWithColumns(2, a, b)
	return container.NewBorder(nil, nil, nil, container.NewGridWrap(numberColumns(), numbers), name)
}

// listHeader is the caption row over a list of listRow.
func listHeader(name, a, b string) fyne.CanvasObject {
	na, ca, cb := widget.NewLabel(name), widget.NewLabel(a), widget.NewLabel(b)
	for _, l := range []*widget.Label{na, ca, cb} {
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		l.SizeName = theme.SizeNameCaptionText
	}
	ca.Alignment, cb.Alignment = fyne.TextAlignTrailing, fyne.TextAlignTrailing
	return listRow(na, ca, cb)
}

// numberColumns is the size of the two number columns of a list row.
func numberColumns() fyne.Size { return fyne.NewSize(150, widget.NewLabel("0").MinSize().Height) }

// countLabel is a number in a list, right-aligned.
func countLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Alignment = fyne.TextAlignTrailing
	return l
}
