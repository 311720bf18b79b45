package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

func TestHighlightSegments(t *testing.T) {
	tests := []struct {
		name, text, search string
		want               string // highlighted parts in [brackets]
	}{
		{"Word", "Billing is slow, billing!", "billing", "[Billing] is slow, [billing]!"},
		{"NotInsideWords", "rebilling bills", "bill", "rebilling bills"},
		{"Prefix", "rebilling bills billing", "bill*", "rebilling [bills] [billing]"},
		{"Phrase", "credit card, card credit", `"credit card"`, "[credit card], card credit"},
		{"PhraseAcrossPunctuation", "log-in failed", `"log in"`, "[log-in] failed"},
		{"Diacritics", "El Señor Pérez", "senor perez", "El [Señor] [Pérez]"},
		{"TurkishI", "Uygulama KIRIK ve İyi değil", "kırık iyi", "Uygulama [KIRIK] ve [İyi] değil"},
		{"Or", "invoice or factura", "invoice OR factura", "[invoice] or [factura]"},
		{"ExclusionsNotHighlighted", "great but slow", "great -slow", "[great] but slow"},
		{"Overlapping", "credit card", `"credit card" card`, "[credit card]"},
		{"NoTerms", "plain text", "", "plain text"},
		{"Empty", "", "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := highlightSegments(tt.text, data.ParseSearch(tt.search).Terms(), "")
			var b strings.Builder
			for _, s := range segs {
				ts := s.(*widget.TextSegment)
				if ts.Style.TextStyle.Bold {
					b.WriteString("[" + ts.Text + "]")
				} else {
					b.WriteString(ts.Text)
				}
			}
			if got := b.String(); got != tt.want {
				t.Fatalf("highlight %q in %q = %q, want %q", tt.search, tt.text, got, tt.want)
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	long := "The first part of this comment talks about onboarding and the team, at some length, before it finally says that the invoice was wrong twice and nobody answered."
	tests := []struct {
		name, text, search string
		budget             int
		want               string
	}{
		{"Short", "Fine\n\nthanks", "", 40, "Fine thanks"},
		{"CutBetweenWords", long, "", 40, "The first part of this comment talks…"},
		{"StartsNearTheMatch", long, "invoice", 60, "…says that the invoice was wrong twice and nobody answered."},
		{"MatchWithinBudget", long, "first", 40, "The first part of this comment talks…"},
		{"NoPeriodBeforeEllipsis", "It crashed on login. Then the export failed too.", "", 22, "It crashed on login…"},
		{"NoCommaBeforeEllipsis", long, "", 67, "The first part of this comment talks about onboarding and the team…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet(tt.text, data.ParseSearch(tt.search).Terms(), tt.budget); got != tt.want {
				t.Fatalf("snippet = %q, want %q", got, tt.want)
			}
		})
	}
}
