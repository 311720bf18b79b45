package ui

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// wallMetrics are the wall's sizes for one window size, in Fyne units. Everything is a share
// of the height of the largest 16:9 area that fits, so a 55" 1080p TV read from 4 m gets
// titles of 8.5% of the screen height and comment text of 4.2% (the readability floor for
// that distance is about 8% for headlines and 3.5% for body text).
type wallMetrics struct {
	size   fyne.Size
	unit   float32
	margin float32
	title  float32 // panel titles
	huge   float32 // the score
	large  float32 // the score's change, column heads
	text   float32 // comments
	small  float32 // comment details, the footer
	footer float32 // the footer strip's height
	bar    float32 // the progress bar's height
}

func wallMetricsFor(size fyne.Size) wallMetrics {
	u := min(size.Height, size.Width*9/16)
	return wallMetrics{size: size, unit: u, margin: 0.045 * u, title: 0.085 * u, huge: 0.34 * u, large: 0.06 * u,
		text: 0.042 * u, small: 0.032 * u, footer: 0.08 * u, bar: max(0.008*u, 3)}
}

// lineHeight is the distance between two lines of wrapped text.
func lineHeight(size float32) float32 { return size * 1.28 }

// wallPalette is the wall's own colours: light text on a dark background, which keeps its
// contrast under office lights and does not glare across a dark room; the band colours are
// the dashboard's dark variants.
var wallPalette = struct {
	bg, surface, fg, muted, accent, warn, warnText color.NRGBA
}{
	bg:       color.NRGBA{R: 0x10, G: 0x15, B: 0x1b, A: 0xff},
	surface:  color.NRGBA{R: 0x1d, G: 0x26, B: 0x30, A: 0xff},
	fg:       color.NRGBA{R: 0xf4, G: 0xf6, B: 0xf8, A: 0xff},
	muted:    color.NRGBA{R: 0xa3, G: 0xb0, B: 0xbc, A: 0xff},
	accent:   color.NRGBA{R: 0x5a, G: 0xa9, B: 0xf0, A: 0xff},
	warn:     color.NRGBA{R: 0xf2, G: 0xb9, B: 0x46, A: 0xff},
	warnText: color.NRGBA{R: 0x1a, G: 0x14, B: 0x05, A: 0xff},
}

func wallBand(band string) color.NRGBA {
	if band == "" {
		return wallPalette.muted
	}
	return bandColor(band, true)
}

// sheet collects the canvas objects of one panel, placed at absolute positions: the wall
// lays itself out by arithmetic on the window size rather than with containers, so every
// size is exactly the share of the screen it was chosen to be.
type sheet struct {
	objs []fyne.CanvasObject
}

// text places one line of text with its top-left (or top-centre, top-right, by align) at
// x, y and returns its size.
func (s *sheet) text(str string, size float32, col color.Color, bold bool, x, y float32, align fyne.TextAlign) fyne.Size {
	t := canvas.NewText(str, col)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	m := t.MinSize()
	switch align {
	case fyne.TextAlignCenter:
		x -= m.Width / 2
	case fyne.TextAlignTrailing:
		x -= m.Width
	}
	t.Move(fyne.NewPos(x, y))
	t.Resize(m)
	s.objs = append(s.objs, t)
	return m
}

// lines places wrapped lines one under the other and returns the height they take.
func (s *sheet) lines(ls []string, size float32, col color.Color, bold bool, x, y float32) float32 {
	for i, l := range ls {
		s.text(l, size, col, bold, x, y+float32(i)*lineHeight(size), fyne.TextAlignLeading)
	}
	return float32(len(ls)) * lineHeight(size)
}

func (s *sheet) rect(col color.Color, x, y, w, h, radius float32) {
	r := canvas.NewRectangle(col)
	r.CornerRadius = radius
	r.Move(fyne.NewPos(x, y))
	r.Resize(fyne.NewSize(w, h))
	s.objs = append(s.objs, r)
}

func (s *sheet) add(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	s.objs = append(s.objs, o)
}

// wrapText breaks s into lines no wider than width at the given size, at most maxLines of
// them; when the text does not fit, the last line ends with "…". cut reports that.
func wrapText(s string, size float32, bold bool, width float32, maxLines int) (lines []string, cut bool) {
	style := fyne.TextStyle{Bold: bold}
	fits := func(l string) bool { return fyne.MeasureText(l, size, style).Width <= width }
	words := strings.Fields(s)
	var line string
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if line != "" {
			try = line + " " + w
		}
		if fits(try) {
			line = try
			continue
		}
		if line == "" { // one word wider than the line: break it
			head, tail := splitToFit(w, fits)
			line = head
			words[i] = tail
			i--
		} else {
			i-- // the word starts the next line
		}
		lines = append(lines, line)
		line = ""
		if len(lines) == maxLines {
			return ellipsis(lines, fits), true
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, false
}

// splitToFit returns the longest head of w that fits (at least one character) and the rest.
func splitToFit(w string, fits func(string) bool) (string, string) {
	cut := len(w)
	for cut > 0 && !fits(w[:cut]) {
		_, size := utf8.DecodeLastRuneInString(w[:cut])
		cut -= size
	}
	if cut == 0 {
		_, cut = utf8.DecodeRuneInString(w)
	}
	return w[:cut], w[cut:]
}

// ellipsis ends the last line with "…", dropping words until it fits.
func ellipsis(lines []string, fits func(string) bool) []string {
	last := lines[len(lines)-1]
	for {
		if fits(last + "…") {
			break
		}
		i := strings.LastIndexByte(last, ' ')
		if i <= 0 {
			_, size := utf8.DecodeLastRuneInString(last)
			if size == 0 || len(last) <= size {
				break
			}
			last = last[:len(last)-size]
			continue
		}
		last = last[:i]
	}
	lines[len(lines)-1] = strings.TrimRight(last, " ,;:") + "…"
	return lines
}
