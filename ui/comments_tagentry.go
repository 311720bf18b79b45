package ui

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// maxTagSuggestions is how many tags the suggestion list shows.
const maxTagSuggestions = 8

// tagEntry is an entry for a tag name that suggests existing tags as the user types: Tab
// (or Down) completes to the next suggestion, Enter adds what is typed, Escape clears it. It
// embeds widget.Entry, like rymdport's completion entry, so it behaves as an entry
// everywhere else. The suggestions are buttons in suggestionBox, which the screen places
// under the entry: inline rather than in a pop-up, so the keyboard stays in the entry.
type tagEntry struct {
	widget.Entry
	tags     func() []*data.Tag // the tags to suggest from
	onSubmit func(name string)

	suggestions   []string
	next          int // the suggestion Tab completes to
	suggestionBox *fyne.Container
}

func newTagEntry(tags func() []*data.Tag, onSubmit func(string)) *tagEntry {
	e := &tagEntry{tags: tags, onSubmit: onSubmit, suggestionBox: container.NewGridWrap(fyne.NewSize(110, 30))}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(lang.L("Add a tag…"))
	e.OnChanged = func(string) { e.suggest() }
	e.OnSubmitted = func(s string) { e.submit(s) }
	return e
}

// AcceptsTab keeps Tab in the entry, for completion.
func (e *tagEntry) AcceptsTab() bool { return true }

// TypedKey completes on Tab and Down, clears on Escape, and types everything else.
func (e *tagEntry) TypedKey(key *fyne.KeyEvent) {
	switch key.Name {
	case fyne.KeyTab, fyne.KeyDown:
		e.complete()
	case fyne.KeyEscape:
		e.SetText("")
		e.hideSuggestions()
	default:
		e.Entry.TypedKey(key)
	}
}

// matchTags returns the names of tags matching typed: those starting with it first, then
// those containing it, each group in the order given (most used first), case-insensitively.
func matchTags(tags []*data.Tag, typed string) []string {
	typed = strings.ToLower(strings.TrimSpace(typed))
	if typed == "" {
		return nil
	}
	var starts, contains []string
	for _, t := range tags {
		name := strings.ToLower(t.Name)
		switch {
		case name == typed:
		case strings.HasPrefix(name, typed):
			starts = append(starts, t.Name)
		case strings.Contains(name, typed):
			contains = append(contains, t.Name)
		}
	}
	return append(starts, contains...)
}

// byUse sorts tags most used first, then by name.
func byUse(tags []*data.Tag) []*data.Tag {
	out := append([]*data.Tag(nil), tags...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	return out
}

// suggest recomputes the suggestions for the text and shows them under the entry.
func (e *tagEntry) suggest() {
	e.suggestions = matchTags(byUse(e.tags()), e.Text)
	if len(e.suggestions) > maxTagSuggestions {
		e.suggestions = e.suggestions[:maxTagSuggestions]
	}
	e.next = 0
	if len(e.suggestions) == 0 {
		e.hideSuggestions()
		return
	}
	e.suggestionBox.RemoveAll()
	for _, name := range e.suggestions {
		b := widget.NewButton(name, func() { e.submit(name) })
		b.Importance = widget.LowImportance
		e.suggestionBox.Add(b)
	}
	e.suggestionBox.Show()
}

// complete replaces the text with the next suggestion.
func (e *tagEntry) complete() {
	if len(e.suggestions) == 0 {
		return
	}
	name := e.suggestions[e.next%len(e.suggestions)]
	suggestions, next := e.suggestions, e.next+1
	e.SetText(name) // recomputes the suggestions for the new text; keep cycling the old ones
	e.suggestions, e.next = suggestions, next
	e.CursorColumn = len([]rune(name))
	e.Refresh()
}

func (e *tagEntry) submit(name string) {
	name = strings.TrimSpace(name)
	e.SetText("")
	e.hideSuggestions()
	if name != "" && e.onSubmit != nil {
		e.onSubmit(name)
	}
}

func (e *tagEntry) hideSuggestions() {
	e.suggestionBox.RemoveAll()
	e.suggestionBox.Hide()
}
