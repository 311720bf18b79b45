package boardfile

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// PictureOptions are the words a board picture prints; empty ones are English. The caller
// translates them (this package has no notion of the interface language).
type PictureOptions struct {
	Positive string // column title, "Positive"
	Negative string // column title, "Negative"
	Subtitle string // under the board's name, e.g. "5 positive · 4 negative · created 2026-11-20"
	Empty    string // in a column without cards, "No cards"
	Note     string // before a presenter note, "Note"
}

// The page: A4 portrait at 300 dpi, growing taller when the cards need it. Sizes are pixels.
const (
	pageWidth   = 2480
	pageHeight  = 3508
	pageMargin  = 140
	columnGap   = 90
	cardPadding = 44
	cardGap     = 44
	cardRadius  = 26
	stripeWidth = 14
)

var (
	colInk      = color.RGBA{0x20, 0x24, 0x2a, 0xff}
	colMuted    = color.RGBA{0x5f, 0x66, 0x70, 0xff}
	colCard     = color.RGBA{0xf5, 0xf6, 0xf8, 0xff}
	colNote     = color.RGBA{0xfd, 0xf3, 0xd0, 0xff}
	colPositive = color.RGBA{0x1e, 0x8e, 0x3e, 0xff}
	colNeutral  = color.RGBA{0xc7, 0x7c, 0x02, 0xff}
	colNegative = color.RGBA{0xc5, 0x22, 0x1f, 0xff}
	colNoScore  = color.RGBA{0x8a, 0x90, 0x99, 0xff}
)

// faces are the type sizes of a picture.
type faces struct {
	title, subtitle, column, comment, meta, chip, name, note font.Face
}

func newFaces() (*faces, error) {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	italic, err := opentype.Parse(goitalic.TTF)
	if err != nil {
		return nil, err
	}
	face := func(f *opentype.Font, size float64) font.Face {
		if err != nil {
			return nil
		}
		var fc font.Face
		fc, err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		return fc
	}
	fs := &faces{title: face(bold, 92), subtitle: face(regular, 40), column: face(bold, 56), comment: face(regular, 44),
		meta: face(regular, 32), chip: face(bold, 34), name: face(italic, 36), note: face(regular, 34)}
	return fs, err
}

// WritePicture renders a board as a printable PNG: its name, then two columns, positive
// on the left and negative on the right, of cards showing the comment, a score chip coloured
// by band, the date, the source, the respondent's name unless hidden, and the presenter note.
func WritePicture(w io.Writer, s *data.BoardSnapshot, o PictureOptions) error {
	img, err := Picture(s, o)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("write picture of board %q: %w", s.Name, err)
	}
	return nil
}

// Picture renders a board as an image (see WritePicture).
func Picture(s *data.BoardSnapshot, o PictureOptions) (*image.RGBA, error) {
	fs, err := newFaces()
	if err != nil {
		return nil, fmt.Errorf("load the picture fonts: %w", err)
	}
	var pos, neg []*data.SnapshotCard
	for _, c := range s.Cards {
		if c.Side == data.SidePositive {
			pos = append(pos, c)
		} else {
			neg = append(neg, c)
		}
	}
	o = o.withDefaults(s, len(pos), len(neg))
	colWidth := (pageWidth - 2*pageMargin - columnGap) / 2
	headerHeight := 92 + 30 + 40 + 90 // title, gap, subtitle, gap before the columns
	columnTop := pageMargin + headerHeight
	cardsTop := columnTop + 56 + 24 + 8 + 44 // column title, gap, rule, gap

	lay := func(cards []*data.SnapshotCard) ([]cardLayout, int) {
		var out []cardLayout
		bottom := cardsTop
		for _, c := range cards {
			l := layoutCard(fs, c, s.HideNames, colWidth, o)
			out = append(out, l)
			bottom += l.height + cardGap
		}
		return out, bottom
	}
	posLay, posBottom := lay(pos)
	negLay, negBottom := lay(neg)
	height := max(pageHeight, max(posBottom, negBottom)+pageMargin)

	img := image.NewRGBA(image.Rect(0, 0, pageWidth, height))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	text(img, fs.title, colInk, pageMargin, pageMargin+74, s.Name)
	text(img, fs.subtitle, colMuted, pageMargin, pageMargin+92+30+32, o.Subtitle)

	for i, col := range []struct {
		title string
		color color.RGBA
		lay   []cardLayout
	}{{o.Positive, colPositive, posLay}, {o.Negative, colNegative, negLay}} {
		x := pageMargin + i*(colWidth+columnGap)
		text(img, fs.column, col.color, x, columnTop+46, col.title)
		fillRect(img, image.Rect(x, columnTop+56+24, x+colWidth, columnTop+56+24+8), col.color)
		y := cardsTop
		if len(col.lay) == 0 {
			text(img, fs.comment, colMuted, x, y+44, o.Empty)
		}
		for _, l := range col.lay {
			l.draw(img, fs, x, y, colWidth, col.color)
			y += l.height + cardGap
		}
	}
	return img, nil
}

func (o PictureOptions) withDefaults(s *data.BoardSnapshot, pos, neg int) PictureOptions {
	if o.Positive == "" {
		o.Positive = "Positive"
	}
	if o.Negative == "" {
		o.Negative = "Negative"
	}
	if o.Empty == "" {
		o.Empty = "No cards"
	}
	if o.Note == "" {
		o.Note = "Note"
	}
	if o.Subtitle == "" {
		o.Subtitle = fmt.Sprintf("%d positive · %d negative · created %s", pos, neg, s.CreatedAt.Format("2006-01-02"))
	}
	return o
}

// cardLayout is a card measured for a column width: its wrapped lines and heights.
type cardLayout struct {
	chip, meta string
	band       string
	comment    []string
	name       string
	note       []string
	height     int
}

// Line heights of the card's parts.
const (
	chipHeight    = 56
	commentLine   = 60
	nameLine      = 52
	noteLine      = 46
	notePadding   = 22
	sectionMargin = 26
)

func layoutCard(fs *faces, c *data.SnapshotCard, hideNames bool, width int, o PictureOptions) cardLayout {
	r := c.Response
	inner := width - 2*cardPadding - stripeWidth
	l := cardLayout{chip: "–", band: ""}
	if r.Score != nil {
		l.chip = formatScore(*r.Score) + "/" + strconv.Itoa(r.ScaleMax)
		l.band = metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax).Band(*r.Score)
	}
	meta := []string{strings.ToUpper(r.SurveyType), r.CreatedAt.Format("2006-01-02")}
	if c.Source != "" {
		meta = append(meta, c.Source)
	}
	l.meta = strings.Join(meta, " · ")
	l.comment = wrap(fs.comment, r.Comment, inner)
	if !hideNames && !c.NameHidden && r.RespondentName != "" {
		l.name = "— " + r.RespondentName
	}
	if note := strings.TrimSpace(c.Note); note != "" {
		l.note = wrap(fs.note, o.Note+": "+note, inner-2*notePadding)
	}
	h := cardPadding + chipHeight + sectionMargin + len(l.comment)*commentLine
	if l.name != "" {
		h += sectionMargin/2 + nameLine
	}
	if len(l.note) > 0 {
		h += sectionMargin + 2*notePadding + len(l.note)*noteLine
	}
	l.height = h + cardPadding
	return l
}

func (l cardLayout) draw(img *image.RGBA, fs *faces, x, y, width int, side color.RGBA) {
	// One rounded shape, filled twice: the card, then its left edge in the side's colour.
	mask := roundMask(width, l.height, cardRadius)
	draw.DrawMask(img, image.Rect(x, y, x+width, y+l.height), image.NewUniform(colCard), image.Point{}, mask, image.Point{}, draw.Over)
	draw.DrawMask(img, image.Rect(x, y, x+stripeWidth, y+l.height), image.NewUniform(side), image.Point{}, mask, image.Point{}, draw.Over)

	left := x + stripeWidth + cardPadding
	cy := y + cardPadding
	chipColor := colNoScore
	switch l.band {
	case data.BandPositive:
		chipColor = colPositive
	case data.BandNeutral:
		chipColor = colNeutral
	case data.BandNegative:
		chipColor = colNegative
	}
	chipWidth := font.MeasureString(fs.chip, l.chip).Ceil() + 2*24
	fillRoundRect(img, image.Rect(left, cy, left+chipWidth, cy+chipHeight), chipHeight/2, chipColor)
	text(img, fs.chip, color.White, left+24, cy+40, l.chip)
	text(img, fs.meta, colMuted, left+chipWidth+24, cy+40, l.meta)

	cy += chipHeight + sectionMargin
	for _, line := range l.comment {
		text(img, fs.comment, colInk, left, cy+46, line)
		cy += commentLine
	}
	if l.name != "" {
		cy += sectionMargin / 2
		text(img, fs.name, colMuted, left, cy+38, l.name)
		cy += nameLine
	}
	if len(l.note) > 0 {
		cy += sectionMargin
		inner := width - 2*cardPadding - stripeWidth
		fillRoundRect(img, image.Rect(left, cy, left+inner, cy+2*notePadding+len(l.note)*noteLine), 14, colNote)
		cy += notePadding
		for _, line := range l.note {
			text(img, fs.note, colInk, left+notePadding, cy+34, line)
			cy += noteLine
		}
	}
}

// formatScore prints a whole score without decimals and any other with one.
func formatScore(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// wrap breaks text into lines no wider than width, at spaces, keeping the comment's own line
// breaks; a word wider than a line is broken between letters.
func wrap(face font.Face, text string, width int) []string {
	var lines []string
	limit := fixed.I(width)
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for font.MeasureString(face, word) > limit && utf8.RuneCountInString(word) > 1 {
				head, tail := breakWord(face, word, limit)
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				lines = append(lines, head)
				word = tail
			}
			switch candidate := line + " " + word; {
			case line == "":
				line = word
			case font.MeasureString(face, candidate) <= limit:
				line = candidate
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// breakWord splits a word at the last letter that still fits in limit (at least one letter).
func breakWord(face font.Face, word string, limit fixed.Int26_6) (string, string) {
	cut := 0
	for i := range word {
		if i > 0 && font.MeasureString(face, word[:i]) > limit {
			break
		}
		cut = i
	}
	if cut == 0 {
		_, size := utf8.DecodeRuneInString(word)
		cut = size
	}
	return word[:cut], word[cut:]
}

// text draws s with its baseline at y.
func text(img *image.RGBA, face font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func fillRect(img *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
}

// fillRoundRect fills an anti-aliased rectangle with rounded corners.
func fillRoundRect(img *image.RGBA, r image.Rectangle, radius int, c color.Color) {
	draw.DrawMask(img, r, image.NewUniform(c), image.Point{}, roundMask(r.Dx(), r.Dy(), radius), image.Point{}, draw.Over)
}

// roundMask is the coverage of a w×h rectangle with rounded corners (cubic quarter circles).
func roundMask(width, height, radius int) *image.Alpha {
	w, h := float32(width), float32(height)
	rad := min(float32(radius), w/2, h/2)
	k := rad * 0.5523 // control point distance of a cubic quarter circle
	z := vector.NewRasterizer(width, height)
	z.MoveTo(rad, 0)
	z.LineTo(w-rad, 0)
	z.CubeTo(w-rad+k, 0, w, rad-k, w, rad)
	z.LineTo(w, h-rad)
	z.CubeTo(w, h-rad+k, w-rad+k, h, w-rad, h)
	z.LineTo(rad, h)
	z.CubeTo(rad-k, h, 0, h-rad+k, 0, h-rad)
	z.LineTo(0, rad)
	z.CubeTo(0, rad-k, rad-k, 0, rad, 0)
	z.ClosePath()
	mask := image.NewAlpha(image.Rect(0, 0, width, height))
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return mask
}
