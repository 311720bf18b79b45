package ui

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// isDark reports whether the app shows its dark variant.
func isDark() bool {
	app := fyne.CurrentApp()
	return app != nil && app.Settings().ThemeVariant() == theme.VariantDark
}

// responseBand returns the score band of a response, "" when it has no score.
func responseBand(r *data.Response) string {
	if r.Score == nil {
		return ""
	}
	return metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax).Band(*r.Score)
}

// scoreText writes a raw score: "9", "4.5", "–" when there is none.
func scoreText(r *data.Response) string {
	if r.Score == nil {
		return "–"
	}
	return strconv.FormatFloat(*r.Score, 'f', -1, 64)
}

// scoreChip is a response's score on its band's colour.
type scoreChip struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newScoreChip(size fyne.Size) *scoreChip {
	c := &scoreChip{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White)}
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.bg.SetMinSize(size)
	c.text.TextStyle.Bold = true
	c.text.Alignment = fyne.TextAlignCenter
	c.ExtendBaseWidget(c)
	return c
}

// set shows r's score.
func (c *scoreChip) set(r *data.Response) {
	c.text.Text = scoreText(r)
	if band := responseBand(r); band != "" {
		c.bg.FillColor = bandColor(band, isDark())
		c.text.Color = color.White
	} else {
		c.bg.FillColor = theme.Color(theme.ColorNameDisabledButton)
		c.text.Color = theme.Color(theme.ColorNameForeground)
	}
	c.Refresh()
}

func (c *scoreChip) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewCenter(c.text)))
}

// tagColor parses a tag's #rrggbb colour; a malformed one is grey.
func tagColor(hex string) color.NRGBA {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// newTagChip is a small tag label on a tint of the tag's colour, with a colour dot.
func newTagChip(name, hex string) fyne.CanvasObject {
	c := tagColor(hex)
	tint := c
	tint.A = 0x38
	bg := canvas.NewRectangle(tint)
	bg.CornerRadius = theme.InputRadiusSize()
	dot := canvas.NewCircle(c)
	dotBox := container.NewGridWrap(fyne.NewSquareSize(theme.CaptionTextSize()*0.7), dot)
	text := canvas.NewText(name, theme.Color(theme.ColorNameForeground))
	text.TextSize = theme.CaptionTextSize()
	pad := theme.InnerPadding() / 2
	return container.NewStack(bg, container.New(&paddedLayout{pad, pad / 2},
		container.NewHBox(container.NewCenter(dotBox), text)))
}

// paddedLayout insets its objects by h horizontally and v vertically.
type paddedLayout struct{ h, v float32 }

func (l *paddedLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSize(2*l.h, 2*l.v))
}

func (l *paddedLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(l.h, l.v))
		o.Resize(size.Subtract(fyne.NewSize(2*l.h, 2*l.v)))
	}
}

// fixedHeightLayout gives its objects a fixed height and any width: the list's rows stay
// the same height however long their comment.
type fixedHeightLayout struct{ height float32 }

func (l *fixedHeightLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, l.height) }

func (l *fixedHeightLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// commentRowLines is how many lines of its comment a row shows.
const commentRowLines = 2

// commentRow is one row of the comment list: selection box, score chip, date and survey,
// tags, and the first lines of the comment with the search terms highlighted.
type commentRow struct {
	widget.BaseWidget
	id      int64 // the response shown, 0 while loading
	check   *widget.Check
	chip    *scoreChip
	meta    *canvas.Text
	tags    *fyne.Container
	text    *highlightText
	content fyne.CanvasObject
}

func newCommentRow(onCheck func(bool)) *commentRow {
	r := &commentRow{
		check: widget.NewCheck("", onCheck),
		chip:  newScoreChip(fyne.NewSize(38, 28)),
		meta:  canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder)),
		tags:  container.NewHBox(),
		text:  newHighlightText("", commentRowLines),
	}
	r.meta.TextSize = theme.CaptionTextSize()
	line := fyne.MeasureText("Ág", theme.TextSize(), fyne.TextStyle{}).Height
	textBox := container.New(&fixedHeightLayout{commentRowLines*line + 2*theme.InnerPadding()}, r.text)
	top := container.NewBorder(nil, nil, nil, r.tags, container.NewPadded(r.meta))
	r.content = container.NewBorder(nil, nil, container.NewHBox(r.check, container.NewCenter(r.chip)), nil,
		container.NewVBox(top, textBox))
	r.ExtendBaseWidget(r)
	return r
}

func (r *commentRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// set shows response resp, its comment cut to budget characters; nil shows a loading row.
func (r *commentRow) set(resp *data.Response, checked bool, terms []data.SearchTerm, budget int, nf numberFormat, source string, colors map[string]string) {
	r.tags.RemoveAll()
	r.id = 0 // while the box is set below, its callback must not record anything
	if resp == nil {
		r.check.Hide()
		r.chip.Hide()
		r.meta.Text = ""
		r.text.set(lang.L("Loading…"), nil)
		r.meta.Refresh()
		return
	}
	r.check.Show()
	r.chip.Show()
	r.check.SetChecked(checked)
	r.id = resp.ID
	r.chip.set(resp)
	meta := []string{nf.date(resp.CreatedAt.Local()), typeLabel(resp.SurveyType)}
	if source != "" {
		meta = append(meta, source)
	}
	r.meta.Text = strings.Join(meta, " · ")
	r.meta.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.meta.Refresh()
	for _, t := range resp.Tags {
		r.tags.Add(newTagChip(t, colors[strings.ToLower(t)]))
	}
	text := snippet(resp.Comment, terms, budget)
	if text == "" {
		text = lang.L("(no comment)")
	}
	r.text.set(text, terms)
}

// rowTextBudget is how many characters of a comment fit commentRowLines lines of a row in a
// list width wide, with a margin for the words that wrap early.
func rowTextBudget(width float32) int {
	const sample = "the quick brown fox jumps over a lazy dog, THE QUICK BROWN FOX"
	perChar := fyne.MeasureText(sample, theme.TextSize(), fyne.TextStyle{}).Width / float32(len(sample))
	text := width - 120 // selection box, score chip, paddings, scroll bar
	return max(40, int(commentRowLines*text/perChar*0.85))
}
