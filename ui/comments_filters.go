package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// scoreChoice is an option of the score filter: any score, a band, or one value.
type scoreChoice struct {
	label string // English, translated when shown; "" for a value
	band  string
	value float64 // -1 for none
}

// scoreChoices are the score filter's options: any, a band, or one value of 0-10 scales.
var scoreChoices = func() []scoreChoice {
	out := []scoreChoice{
		{"Any score", "", -1},
		{"Positive scores", data.BandPositive, -1},
		{"Neutral scores", data.BandNeutral, -1},
		{"Negative scores", data.BandNegative, -1},
	}
	for v := 0; v <= 10; v++ {
		out = append(out, scoreChoice{"", "", float64(v)})
	}
	return out
}()

// Options of the tag mode, note, follow-up and comment selects, in order.
var (
	tagModes        = []string{"Has all of", "Has any of", "Has none of"}
	noteChoices     = []string{"Notes: any", "With a note", "Without a note"}
	followUpFilters = []struct{ value, label string }{
		{"", "Follow-up: any"},
		{data.FollowUpNone, "No follow-up"},
		{data.FollowUpOpen, "Follow-up open"},
		{data.FollowUpContacted, "Contacted"},
		{data.FollowUpClosed, "Closed"},
	}
	commentChoices = []string{"With a comment", "Without a comment", "With or without"}
)

// commentFilters is the Comments screen's own filter row: score, tags, notes, follow-up and
// whether there is a comment at all. UI goroutine only.
type commentFilters struct {
	score    *widget.Select
	tagMode  *widget.Select
	tagEntry *tagEntry
	chips    *fyne.Container
	tags     []string
	note     *widget.Select
	followUp *widget.Select
	comment  *widget.Select
	content  fyne.CanvasObject
	onChange func()
}

func newCommentFilters(tagList func() []*data.Tag, onChange func()) *commentFilters {
	c := &commentFilters{chips: container.NewHBox()}
	changed := func(string) {
		if c.onChange != nil {
			c.onChange()
		}
	}
	labels := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = lang.L(s)
		}
		return out
	}
	scoreLabels := make([]string, len(scoreChoices))
	for i, ch := range scoreChoices {
		if ch.value >= 0 {
			scoreLabels[i] = lang.L("Score {{.Value}}", map[string]any{"Value": int(ch.value)})
		} else {
			scoreLabels[i] = lang.L(ch.label)
		}
	}
	followLabels := make([]string, len(followUpFilters))
	for i, f := range followUpFilters {
		followLabels[i] = lang.L(f.label)
	}
	c.score = widget.NewSelect(scoreLabels, changed)
	c.tagMode = widget.NewSelect(labels(tagModes), func(string) {
		if len(c.tags) > 0 {
			changed("")
		}
	})
	c.note = widget.NewSelect(labels(noteChoices), changed)
	c.followUp = widget.NewSelect(followLabels, changed)
	c.comment = widget.NewSelect(labels(commentChoices), changed)
	for _, s := range []*widget.Select{c.score, c.tagMode, c.note, c.followUp, c.comment} {
		s.SetSelectedIndex(0)
	}
	c.tagEntry = newTagEntry(tagList, c.addTag)
	c.tagEntry.SetPlaceHolder(lang.L("Filter by tag…"))
	c.tagEntry.hideSuggestions()
	c.content = container.NewVBox(
		container.NewGridWithColumns(6, c.score, c.tagMode, c.tagEntry, c.note, c.followUp, c.comment),
		c.tagEntry.suggestionBox,
		c.chips,
	)
	c.onChange = onChange
	return c
}

func (c *commentFilters) addTag(name string) {
	for _, t := range c.tags {
		if strings.EqualFold(t, name) {
			return
		}
	}
	c.tags = append(c.tags, name)
	c.refreshChips()
	c.onChange()
}

func (c *commentFilters) removeTag(name string) {
	c.tags = slices.DeleteFunc(c.tags, func(t string) bool { return t == name })
	c.refreshChips()
	c.onChange()
}

func (c *commentFilters) refreshChips() {
	c.chips.RemoveAll()
	for _, t := range c.tags {
		b := widget.NewButtonWithIcon(t, theme.CancelIcon(), func() { c.removeTag(t) })
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		c.chips.Add(b)
	}
}

// filter returns the local part of the comment filter.
func (c *commentFilters) filter() data.CommentFilter {
	var f data.CommentFilter
	if i := c.score.SelectedIndex(); i > 0 {
		ch := scoreChoices[i]
		f.Band = ch.band
		if ch.value >= 0 {
			v := ch.value
			f.MinScore, f.MaxScore = &v, &v
		}
	}
	if len(c.tags) > 0 {
		tags := slices.Clone(c.tags)
		switch c.tagMode.SelectedIndex() {
		case 1:
			f.TagsAny = tags
		case 2:
			f.TagsNone = tags
		default:
			f.TagsAll = tags
		}
	}
	switch c.note.SelectedIndex() {
	case 1:
		yes := true
		f.HasNote = &yes
	case 2:
		no := false
		f.HasNote = &no
	}
	if i := c.followUp.SelectedIndex(); i > 0 {
		f.FollowUp = followUpFilters[i].value
	}
	switch c.comment.SelectedIndex() {
	case 0:
		f.WithComment = true
	case 1:
		f.WithoutComment = true
	}
	return f
}
