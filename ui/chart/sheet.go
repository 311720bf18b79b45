package chart

import (
	"errors"
	"image"
	"image/draw"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// Sheet draws one report on one page, for `verbatim report --png`: a header with the
// score, its margin and n, the trend across the top, and under it the distribution, the
// segments (when the report has them) and the themes matrix (when themes are given). Its
// headings are English, like the rest of the command line's output.
func Sheet(r *data.Report, themes []data.Theme, w, h int, o Options) (*image.RGBA, error) {
	if r == nil || r.Responses == 0 {
		return nil, ErrEmpty
	}
	s := o.scale()
	px := func(v float64) int { return int(v * s) }
	if w < px(600) || h < px(450) {
		return nil, errors.New("a report sheet needs at least 600×450 pixels")
	}
	font, err := chartFont()
	if err != nil {
		return nil, err
	}
	pal := paletteFor(o)
	rr, err := gochart.PNG(w, h)
	if err != nil {
		return nil, err
	}
	rr.SetDPI(96 * s)
	rr.SetFont(font)
	rr.SetFillColor(pal.background)
	rr.MoveTo(0, 0)
	rr.LineTo(w, 0)
	rr.LineTo(w, h)
	rr.LineTo(0, h)
	rr.Close()
	rr.Fill()
	text := func(str string, x, y int, points float64, col drawing.Color) int {
		rr.SetFontSize(points)
		rr.SetFontColor(col)
		rr.Text(str, x, y)
		return x + rr.MeasureText(str).Width()
	}

	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	margin := px(24)
	y := margin + px(30)
	x := text(sheetLabel(r.SurveyType), margin, y, 22, pal.text)
	x = text(o.score(rule, r.Score), x+px(18), y, 22, pal.accent)
	detail := "±" + o.number(r.Margin, 1) + "   n = " + o.number(float64(r.Responses), 0) +
		"   " + r.From.Format("2006-01-02") + " – " + r.To.AddDate(0, 0, -1).Format("2006-01-02")
	if p := r.Previous; p != nil && p.Responses > 0 {
		change := o.number(r.Score-p.Score, 1)
		if r.Score > p.Score {
			change = "+" + change
		}
		detail += "   change " + change
		if metrics.ChangeIsWithinMargin(r.Summary, *p) {
			detail += " (within margin)"
		}
	}
	text(detail, x+px(14), y, 13, pal.muted)

	type panel struct {
		title string
		draw  func(w, h int) (*Picture, error)
	}
	bottom := []panel{{"Distribution", func(w, h int) (*Picture, error) { return Distribution(r, w, h, o) }}}
	if len(r.Segments) > 0 {
		bottom = append(bottom, panel{"By " + r.Segments[0].Key, func(w, h int) (*Picture, error) { return Segments(r, w, h, o) }})
	}
	if len(themes) > 0 {
		bottom = append(bottom, panel{"Themes: volume × pain", func(w, h int) (*Picture, error) { return Themes(themes, r, w, h, o) }})
	}
	headH := px(34)
	top := y + px(22)
	trendH := (h - top - margin) * 48 / 100
	var page gochart.ImageWriter
	var blits []func(dst *image.RGBA) error
	place := func(p panel, x0, y0, pw, ph int) {
		text(p.title, x0+px(6), y0+px(22), 14, pal.text)
		blits = append(blits, func(dst *image.RGBA) error {
			pic, err := p.draw(pw, ph-headH)
			if errors.Is(err, ErrEmpty) {
				return nil
			}
			if err != nil {
				return err
			}
			draw.Draw(dst, image.Rect(x0, y0+headH, x0+pw, y0+ph), pic.Image, image.Point{}, draw.Src)
			return nil
		})
	}
	place(panel{"Score by " + string(r.By), func(w, h int) (*Picture, error) { return Trend(r, w, h, o) }},
		margin, top, w-2*margin, trendH)
	rowTop := top + trendH + px(12)
	gap := px(16)
	pw := (w - 2*margin - gap*(len(bottom)-1)) / len(bottom)
	for i, p := range bottom {
		place(p, margin+i*(pw+gap), rowTop, pw, h-margin-rowTop)
	}
	if err := rr.Save(&page); err != nil {
		return nil, err
	}
	img, err := page.Image()
	if err != nil {
		return nil, err
	}
	dst, ok := img.(*image.RGBA)
	if !ok {
		return nil, errors.New("go-chart returned an image that is not RGBA")
	}
	for _, b := range blits {
		if err := b(dst); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// sheetLabel names a survey type in a heading: acronyms in capitals, words capitalised.
func sheetLabel(t string) string {
	switch t {
	case data.TypeNPS, data.TypeENPS, data.TypeCSAT, data.TypeCES, data.TypePMF:
		return strings.ToUpper(t)
	case "":
		return "Score"
	default:
		return strings.ToUpper(t[:1]) + t[1:]
	}
}
