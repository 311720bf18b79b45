package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// highlightText shows a comment with its search terms highlighted, breaking the lines
// itself: RichText's own word wrap, given a highlighted word at the very end of a line,
// stacks it one letter per line. At most maxLines lines show (0: all), the last ending in …
// when the text goes on.
type highlightText struct {
	widget.BaseWidget
	rich     *widget.RichText
	text     string
	terms    []data.SearchTerm
	size     fyne.ThemeSizeName
	maxLines int
	width    float32 // the width the lines were broken for
	lines    int

	onLines func() // the number of lines changed (the parent may need a new layout)
}

func newHighlightText(size fyne.ThemeSizeName, maxLines int) *highlightText {
	h := &highlightText{rich: widget.NewRichText(), size: size, maxLines: maxLines}
	h.ExtendBaseWidget(h)
	return h
}

// set shows text with terms highlighted.
func (h *highlightText) set(text string, terms []data.SearchTerm) {
	h.text, h.terms = text, terms
	h.breakLines()
}

func (h *highlightText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.rich) }

// MinSize is the height of the lines; any width will do, the lines follow it.
func (h *highlightText) MinSize() fyne.Size {
	return fyne.NewSize(theme.InnerPadding()*2, h.rich.MinSize().Height)
}

// Resize breaks the lines again for a new width.
func (h *highlightText) Resize(size fyne.Size) {
	h.BaseWidget.Resize(size)
	if size.Width != h.width {
		h.width = size.Width
		h.breakLines()
	}
}

// piece is a run of text in one style, up to one word (with the space before it).
type piece struct {
	text string
	bold bool
}

func (h *highlightText) breakLines() {
	textSize := theme.SizeForWidget(h.size, h)
	if h.size == "" {
		textSize = theme.SizeForWidget(theme.SizeNameText, h)
	}
	// A margin for what the measure does not see: kerning between pieces, a scroll bar
	// drawn over the end of a list row.
	width := (h.width-2*theme.InnerPadding())*0.97 - theme.ScrollBarSize()
	measure := func(p piece) float32 {
		return fyne.MeasureText(p.text, textSize, fyne.TextStyle{Bold: p.bold}).Width
	}

	var lines [][]piece
	for _, para := range strings.Split(strings.ReplaceAll(h.text, "\r", ""), "\n") {
		var line []piece
		used := float32(0)
		for _, p := range splitPieces(para, h.terms) {
			w := measure(p)
			// A highlighted word's space is the end of the piece before it, so a word starts
			// after a space on either side.
			startsWord := p.text != "" && unicode.IsSpace([]rune(p.text)[0]) ||
				len(line) > 0 && strings.HasSuffix(line[len(line)-1].text, " ")
			if width > 0 && used+w > width && len(line) > 0 && startsWord {
				lines = append(lines, line)
				p.text = strings.TrimLeft(p.text, " ")
				line, used = nil, 0
				w = measure(p)
			}
			line = append(line, p)
			used += w
		}
		lines = append(lines, line)
	}
	if h.maxLines > 0 && len(lines) > h.maxLines {
		lines = lines[:h.maxLines]
		last := lines[h.maxLines-1]
		ellipsis := piece{text: "…"}
		for len(last) > 1 && sumWidth(last, measure)+measure(ellipsis) > width {
			last = last[:len(last)-1]
		}
		lines[h.maxLines-1] = append(trimClipped(last), ellipsis)
	}

	var segs []widget.RichTextSegment
	for i, l := range lines {
		merged := mergePieces(l)
		if len(merged) == 0 {
			merged = []piece{{text: " "}} // an empty line (between paragraphs) keeps its height
		}
		for j, p := range merged {
			style := widget.RichTextStyleInline
			if p.bold {
				style = widget.RichTextStyleStrong
				style.ColorName = theme.ColorNamePrimary
			}
			style.SizeName = h.size
			if j == len(merged)-1 && i < len(lines)-1 {
				style.Inline = false // ends the line
			}
			segs = append(segs, &widget.TextSegment{Text: p.text, Style: style})
		}
	}
	h.rich.Segments = segs
	h.rich.Refresh()
	if len(lines) != h.lines {
		h.lines = len(lines)
		if h.onLines != nil {
			h.onLines()
		}
	}
}

// clipped ends text cut short with …, without the spaces and punctuation the cut left at its
// end: "it broke.…" reads as two marks, "it broke…" as one.
func clipped(text string) string {
	return strings.TrimRightFunc(text, trimmedBeforeEllipsis) + "…"
}

// trimClipped drops the spaces and punctuation at the end of a line about to end in …, and
// the pieces that leaves empty.
func trimClipped(ps []piece) []piece {
	for n := len(ps); n > 0; n = len(ps) {
		ps[n-1].text = strings.TrimRightFunc(ps[n-1].text, trimmedBeforeEllipsis)
		if ps[n-1].text != "" {
			break
		}
		ps = ps[:n-1]
	}
	return ps
}

// trimmedBeforeEllipsis reports whether r goes when … follows it: spaces, dashes and the
// marks that end a sentence or a clause. Brackets, quotes and signs such as % stay: they
// belong to the words.
func trimmedBeforeEllipsis(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || strings.ContainsRune(".,;:!?…", r)
}

func sumWidth(ps []piece, measure func(piece) float32) float32 {
	w := float32(0)
	for _, p := range ps {
		w += measure(p)
	}
	return w
}

// splitPieces cuts text into words (each with the spaces before it) in plain or highlighted
// style; a word part highlighted and part not ("invoice,") becomes two pieces.
func splitPieces(text string, terms []data.SearchTerm) []piece {
	var out []piece
	for _, seg := range highlightSegments(text, terms, "") {
		ts := seg.(*widget.TextSegment)
		bold := ts.Style.TextStyle.Bold
		start := 0
		runes := []rune(ts.Text)
		for i := 1; i <= len(runes); i++ {
			if i == len(runes) || unicode.IsSpace(runes[i]) && !unicode.IsSpace(runes[i-1]) {
				out = append(out, piece{string(runes[start:i]), bold})
				start = i
			}
		}
	}
	return out
}

// mergePieces joins neighbouring pieces of the same style, for fewer segments.
func mergePieces(ps []piece) []piece {
	var out []piece
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].bold == p.bold {
			out[n-1].text += p.text
			continue
		}
		out = append(out, p)
	}
	return out
}
