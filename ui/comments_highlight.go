package ui

import (
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/verbatim-app/verbatim/data/fold"

	"github.com/verbatim-app/verbatim/data"
)

// Highlighting finds search terms in a comment the way the full-text index matched them:
// word by word, ignoring case and accents, Turkish ı and İ read as i, a term's last word as a
// prefix when it ends with *. Words are runs of letters and digits, as the index cuts them.

// foldedWord is one word of a text, folded for comparison, with its byte span in the text.
type foldedWord struct {
	text       string
	start, end int
}

// foldWords cuts s into words and folds each.
func foldWords(s string) []foldedWord {
	var words []foldedWord
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			words = append(words, foldedWord{b.String(), start, end})
			b.Reset()
			start = -1
		}
	}
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		b.WriteString(fold.Rune(r))
	}
	flush(len(s))
	return words
}

// span is a byte range of a text to highlight.
type span struct{ start, end int }

// matchSpans finds where terms occur in text, merged and in order.
func matchSpans(text string, terms []data.SearchTerm) []span {
	words := foldWords(text)
	var spans []span
	for _, t := range terms {
		want := foldWords(t.Text)
		if len(want) == 0 {
			continue
		}
		for i := 0; i+len(want) <= len(words); i++ {
			if wordsMatch(words[i:i+len(want)], want, t.Prefix) {
				spans = append(spans, span{words[i].start, words[i+len(want)-1].end})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var merged []span
	for _, s := range spans {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

func wordsMatch(got, want []foldedWord, prefix bool) bool {
	for i := range want {
		last := i == len(want)-1
		if got[i].text != want[i].text && !(last && prefix && strings.HasPrefix(got[i].text, want[i].text)) {
			return false
		}
	}
	return true
}

// highlightSegments returns text as rich-text segments of the given text size (a theme
// size name, "" for body text), the parts matching terms in bold primary colour.
func highlightSegments(text string, terms []data.SearchTerm, size fyne.ThemeSizeName) []widget.RichTextSegment {
	plain := func(s string) widget.RichTextSegment {
		style := widget.RichTextStyleInline
		style.SizeName = size
		return &widget.TextSegment{Text: s, Style: style}
	}
	var segs []widget.RichTextSegment
	at := 0
	for _, s := range matchSpans(text, terms) {
		if s.start > at {
			segs = append(segs, plain(text[at:s.start]))
		}
		style := widget.RichTextStyleStrong
		style.ColorName = theme.ColorNamePrimary
		style.SizeName = size
		segs = append(segs, &widget.TextSegment{Text: text[s.start:s.end], Style: style})
		at = s.end
	}
	if at < len(text) || len(segs) == 0 {
		segs = append(segs, plain(text[at:]))
	}
	return segs
}

// snippet cuts text to about budget characters for a list row: whitespace runs become single
// spaces, the cut falls between words and is marked with …, and when the first match of terms
// would fall past the cut, the snippet starts a few words before it instead.
func snippet(text string, terms []data.SearchTerm, budget int) string {
	text = strings.Join(strings.Fields(text), " ")
	runes := []rune(text)
	if len(runes) <= budget {
		return text
	}
	start := 0
	if spans := matchSpans(text, terms); len(spans) > 0 {
		first := len([]rune(text[:spans[0].start]))
		if first > budget*3/4 {
			start = first - budget/5
			for start > 0 && runes[start-1] != ' ' {
				start--
			}
		}
	}
	end := min(start+budget, len(runes))
	if end < len(runes) {
		for cut := end; cut > start+budget/2; cut-- {
			if runes[cut] == ' ' {
				end = cut
				break
			}
		}
	}
	out := string(runes[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(runes) {
		out = clipped(out)
	}
	return out
}
