package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

func TestClipped(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"Word", "the app", "the app…"},
		{"Period", "it broke.", "it broke…"},
		{"PunctuationAndSpaces", "really?! ", "really…"},
		{"Dash", "slow —", "slow…"},
		{"Ellipsis", "well...", "well…"},
		{"EllipsisRune", "well…", "well…"},
		{"KeepsClosingMarks", `they said "soon")`, `they said "soon")…`},
		{"KeepsPercent", "grew 50%", "grew 50%…"},
		{"OnlyPunctuation", "...", "…"},
		{"Empty", "", "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clipped(tt.text); got != tt.want {
				t.Fatalf("clipped(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestHighlightText_ClippedLine(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	measure := func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
	tests := []struct{ name, text, fits, want string }{
		// fits is the first line's text with room for "…" after it: the width is made for it.
		{"Period", "It crashed on login. Then the export failed and nobody answered.", "It crashed on login.…", "It crashed on login…"},
		{"Comma", "Slow, buggy, expensive, and the support never answers.", "Slow, buggy,…", "Slow, buggy…"},
		{"Word", "Support never answers my emails about the invoice.", "Support never…", "Support never…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHighlightText(theme.SizeNameText, 1)
			h.set(tt.text, nil)
			// breakLines keeps 3% and a scroll bar in reserve, inside the paddings.
			width := (measure(tt.fits)+1+theme.ScrollBarSize())/0.97 + 2*theme.InnerPadding()
			h.Resize(fyne.NewSize(width, 100))
			var b strings.Builder
			for _, seg := range h.rich.Segments {
				b.WriteString(seg.(*widget.TextSegment).Text)
			}
			if got := b.String(); got != tt.want {
				t.Fatalf("one line of %q at %.0f px = %q, want %q", tt.text, width, got, tt.want)
			}
		})
	}
}

func TestHighlightText_BreaksBeforeHighlight(t *testing.T) {
	// A highlighted word is a piece of its own without the space before it: it must still
	// go to the next line when it does not fit, not run past the edge.
	test.NewTempApp(t)
	size := theme.TextSize()
	measure := func(s string, bold bool) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width }
	tests := []struct{ name, text, search, first, second string }{
		{"AtTheEnd", "The export broke twice and I want a refund.", "refund", "The export broke twice and I want a ", "refund."},
		{"InTheMiddle", "The export broke twice and the invoice was wrong.", "invoice", "The export broke twice and the ", "invoice was wrong."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHighlightText(theme.SizeNameText, 0)
			h.set(tt.text, data.ParseSearch(tt.search).Terms())
			// Room for the first line and half the highlighted word.
			usable := measure(tt.first, false) + measure(tt.search, true)/2
			h.Resize(fyne.NewSize((usable+theme.ScrollBarSize())/0.97+2*theme.InnerPadding(), 100))
			var lines []string
			var b strings.Builder
			for _, seg := range h.rich.Segments {
				ts := seg.(*widget.TextSegment)
				b.WriteString(ts.Text)
				if !ts.Style.Inline {
					lines = append(lines, b.String())
					b.Reset()
				}
			}
			lines = append(lines, b.String())
			if len(lines) != 2 || strings.TrimSpace(lines[0]) != strings.TrimSpace(tt.first) || lines[1] != tt.second {
				t.Fatalf("lines = %q, want %q then %q", lines, tt.first, tt.second)
			}
		})
	}
}
