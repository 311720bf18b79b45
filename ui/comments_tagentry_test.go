package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/verbatim-app/verbatim/data"
)

func TestMatchTags(t *testing.T) {
	tags := byUse([]*data.Tag{{Name: "Billing", Count: 5}, {Name: "rebill", Count: 9}, {Name: "bugs", Count: 7}, {Name: "ux", Count: 1}})
	tests := []struct {
		typed string
		want  []string
	}{
		{"bi", []string{"Billing", "rebill"}},
		{"B", []string{"bugs", "Billing", "rebill"}}, // prefixes first, most used first; then contained
		{"bill", []string{"Billing", "rebill"}},
		{"billing", nil}, // the exact tag needs no suggestion
		{"  ", nil},
		{"zz", nil},
	}
	for _, tt := range tests {
		if got := matchTags(tags, tt.typed); !slices.Equal(got, tt.want) {
			t.Errorf("matchTags(%q) = %v, want %v", tt.typed, got, tt.want)
		}
	}
}

func TestTagEntry(t *testing.T) {
	test.NewTempApp(t)
	tags := []*data.Tag{{Name: "billing", Count: 10}, {Name: "bugs", Count: 20}, {Name: "ux", Count: 3}}
	var submitted []string
	e := newTagEntry(func() []*data.Tag { return tags }, func(name string) { submitted = append(submitted, name) })
	w := test.NewTempWindow(t, container.NewVBox(e, e.suggestionBox))
	w.Resize(fyne.NewSize(300, 200))
	w.Canvas().Focus(e)

	t.Run("SuggestAndComplete", func(t *testing.T) {
		test.Type(e, "b")
		if !slices.Equal(e.suggestions, []string{"bugs", "billing"}) {
			t.Fatalf("suggestions = %v", e.suggestions)
		}
		if !e.suggestionBox.Visible() || len(e.suggestionBox.Objects) != 2 {
			t.Fatal("suggestions not shown")
		}
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		if e.Text != "bugs" {
			t.Fatalf("after Tab: %q", e.Text)
		}
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		if e.Text != "billing" {
			t.Fatalf("after second Tab: %q", e.Text)
		}
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if !slices.Equal(submitted, []string{"billing"}) || e.Text != "" || e.suggestionBox.Visible() {
			t.Fatalf("submitted %v, text %q, suggestions visible %v", submitted, e.Text, e.suggestionBox.Visible())
		}
	})

	t.Run("NewTag", func(t *testing.T) {
		test.Type(e, "refunds ")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if submitted[len(submitted)-1] != "refunds" {
			t.Fatalf("submitted %v", submitted)
		}
	})

	t.Run("ClickSuggestion", func(t *testing.T) {
		test.Type(e, "u")
		if len(e.suggestions) != 2 || e.suggestions[0] != "ux" {
			t.Fatalf("suggestions = %v", e.suggestions)
		}
		test.Tap(e.suggestionBox.Objects[0].(fyne.Tappable))
		if submitted[len(submitted)-1] != "ux" || e.Text != "" {
			t.Fatalf("submitted %v, text %q", submitted, e.Text)
		}
	})

	t.Run("Escape", func(t *testing.T) {
		test.Type(e, "bu")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if e.Text != "" || e.suggestionBox.Visible() {
			t.Fatalf("text %q, suggestions visible %v", e.Text, e.suggestionBox.Visible())
		}
	})
}
