package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/ui/wall"
)

// Most comments a column shows at once: the latest comments two a side (four on screen),
// board cards three a side.
const (
	latestPerSide = 2
	boardPerSide  = 3
)

// wallBuild lays out one panel of a state for a window size.
type wallBuild struct {
	m  wallMetrics
	nf numberFormat
	st *wall.State
	// chart returns the image object showing a chart panel's picture, nil while the
	// picture is being drawn.
	chart     func(wall.Panel) *canvas.Image
	boardFile bool // the board comes from a board file, not the database
	// board is the first card of each side to show (positive, negative); a board panel
	// sets boardNext to where the next visit starts.
	board, boardNext [2]int
}

// areaHeight is the height above the footer.
func (b *wallBuild) areaHeight() float32 { return b.m.size.Height - b.m.footer }

// build returns the panel's objects.
func (b *wallBuild) build() []fyne.CanvasObject {
	s := &sheet{}
	st := b.st
	switch {
	case !st.Loaded:
		b.waiting(s, lang.L("Loading…"), "")
	case st.Panel == wall.PanelBoard:
		b.boardPanel(s)
	case st.Empty():
		b.waiting(s, lang.L("Waiting for responses"),
			lang.L("Scores and comments show here as soon as the cache has some: import a survey export or sync a source. This screen checks again by itself."))
	case st.Panel == wall.PanelScore:
		b.score(s)
	case st.Panel == wall.PanelTrend:
		b.chartPanel(s, trendTitle(st.Report), wall.PanelTrend)
	case st.Panel == wall.PanelDistribution:
		b.chartPanel(s, lang.L("{{.Type}} distribution", map[string]any{"Type": typeLabel(st.Report.SurveyType)}), wall.PanelDistribution)
	case st.Panel == wall.PanelLatest:
		b.latest(s)
	}
	return s.objs
}

// title writes a panel's title, with the period it covers beside it, and returns the y
// where the panel's body starts.
func (b *wallBuild) title(s *sheet, title string, period bool) float32 {
	m := b.m
	size := s.text(title, m.title, wallPalette.fg, true, m.margin, m.margin, fyne.TextAlignLeading)
	if period {
		days := lang.N("Last {{.Count}} days", b.st.Days, map[string]any{"Count": b.nf.int(b.st.Days)})
		s.text(days, m.title, wallPalette.muted, false, m.margin+size.Width+m.title*0.5, m.margin, fyne.TextAlignLeading)
	}
	return m.margin + size.Height + m.margin*0.6
}

// waiting is a friendly panel for when there is nothing to show yet.
func (b *wallBuild) waiting(s *sheet, title, detail string) {
	m := b.m
	y := b.areaHeight()*0.36 - m.title
	size := s.text(title, m.title, wallPalette.fg, true, m.size.Width/2, y, fyne.TextAlignCenter)
	if detail == "" {
		return
	}
	width := min(m.size.Width-4*m.margin, m.unit*1.3)
	lines, _ := wrapText(detail, m.text, false, width, 4)
	for i, l := range lines {
		s.text(l, m.text, wallPalette.muted, false, m.size.Width/2, y+size.Height+m.margin+float32(i)*lineHeight(m.text), fyne.TextAlignCenter)
	}
}

// score is the score in huge type, how it moved, its n and margin, and its bands.
func (b *wallBuild) score(s *sheet) {
	m, nf, r := b.m, b.nf, b.st.Report
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	y := b.title(s, typeLabel(r.SurveyType), true)
	cx := m.size.Width / 2

	scoreSize := s.text(tileScore(nf, rule, r.Score), m.huge, wallPalette.fg, true, cx, y-m.huge*0.08, fyne.TextAlignCenter)
	y += scoreSize.Height - m.huge*0.12

	change, direction := changeText(nf, rule, r)
	col, arrow := wallPalette.muted, ""
	switch direction {
	case 1:
		col, arrow = wallBand(data.BandPositive), "↑ "
	case -1:
		col, arrow = wallBand(data.BandNegative), "↓ "
	}
	changeSize := s.text(arrow+change, m.large, col, direction != 0, cx, y, fyne.TextAlignCenter)
	y += changeSize.Height + m.margin*0.3
	s.text(nLabel(nf, r.Responses)+"  ·  "+nf.margin(rule, r.Margin), m.large*0.85, wallPalette.muted, false, cx, y, fyne.TextAlignCenter)

	b.bands(s, r, b.areaHeight()-m.margin-m.small*1.4-m.large*0.5)
}

// bands draws the split of responses into bands as one bar, positive first, with each
// band's share and name under it.
func (b *wallBuild) bands(s *sheet, r *data.Report, y float32) {
	m, nf := b.m, b.nf
	total := r.Promoters + r.Passives + r.Detractors
	if total == 0 {
		return
	}
	names := [3]string{}
	names[0], names[1], names[2] = bandLabels(r.SurveyType)
	counts := [3]int{r.Promoters, r.Passives, r.Detractors}
	bands := [3]string{data.BandPositive, data.BandNeutral, data.BandNegative}
	x, width, height := m.margin, m.size.Width-2*m.margin, m.large*0.5
	for i, n := range counts {
		w := width * float32(n) / float32(total)
		if w > 0 {
			s.rect(wallBand(bands[i]), x, y, w, height, 0)
		}
		x += w
	}
	aligns := [3]fyne.TextAlign{fyne.TextAlignLeading, fyne.TextAlignCenter, fyne.TextAlignTrailing}
	xs := [3]float32{m.margin, m.size.Width / 2, m.size.Width - m.margin}
	for i, n := range counts {
		label := nf.percent(100*float64(n)/float64(total), 0) + " " + names[i]
		s.text(label, m.small*1.15, wallBand(bands[i]), true, xs[i], y+height+m.small*0.3, aligns[i])
	}
}

// chartRect is where a chart panel draws its chart: under the title, the full width.
func chartRect(m wallMetrics) (x, y, w, h float32) {
	top := m.margin + m.title*1.3 + m.margin*0.6
	return m.margin, top, m.size.Width - 2*m.margin, m.size.Height - m.footer - top - m.margin*0.5
}

func (b *wallBuild) chartPanel(s *sheet, title string, p wall.Panel) {
	b.title(s, title, true)
	c := b.chart(p)
	if c == nil {
		return // being drawn; it appears when done
	}
	x, y, w, h := chartRect(b.m)
	s.add(c, x, y, w, h)
}

// columns returns the left edges and width of the wall's two columns.
func (b *wallBuild) columns() (left, right, width float32) {
	m := b.m
	width = (m.size.Width - 3*m.margin) / 2
	return m.margin, 2*m.margin + width, width
}

// columnHeads writes "Positive" and "Negative" over the columns and returns the y under them.
func (b *wallBuild) columnHeads(s *sheet, y float32) float32 {
	left, right, _ := b.columns()
	h := s.text(lang.L("Positive"), b.m.large, wallBand(data.BandPositive), true, left, y, fyne.TextAlignLeading)
	s.text(lang.L("Negative"), b.m.large, wallBand(data.BandNegative), true, right, y, fyne.TextAlignLeading)
	return y + h.Height + b.m.margin*0.4
}

func (b *wallBuild) latest(s *sheet) {
	st := b.st
	y := b.title(s, lang.L("Latest comments"), true)
	y = b.columnHeads(s, y)
	left, right, width := b.columns()
	bottom := b.areaHeight() - b.m.margin*0.5
	b.column(s, st.Positive, 0, latestPerSide, left, y, width, bottom)
	b.column(s, st.Negative, 0, latestPerSide, right, y, width, bottom)
}

func (b *wallBuild) boardPanel(s *sheet) {
	st := b.st
	if st.Board == nil {
		switch {
		case st.BoardWaiting != "" && b.boardFile:
			b.waiting(s, lang.L("Waiting for the board file {{.Name}}", map[string]any{"Name": st.BoardWaiting}),
				lang.L("Export a board to this file on another computer (verbatim board export NAME); it shows here within seconds."))
		case st.BoardWaiting != "":
			b.waiting(s, lang.L("Waiting for the board {{.Name}}", map[string]any{"Name": st.BoardWaiting}),
				lang.L("Create it on the Boards screen or with verbatim board add NAME; it shows here at the next refresh."))
		default:
			b.waiting(s, lang.L("No board yet"), lang.L("Pin comments to a board on the Comments screen; the newest board shows here."))
		}
		return
	}
	bd := st.Board
	y := b.title(s, bd.Name, false)
	if len(bd.Positive)+len(bd.Negative) == 0 {
		s.text(lang.L("This board has no cards yet."), b.m.text, wallPalette.muted, false, b.m.margin, y, fyne.TextAlignLeading)
		return
	}
	y = b.columnHeads(s, y)
	left, right, width := b.columns()
	bottom := b.areaHeight() - b.m.margin*0.5
	for side, cs := range [2][]wall.Comment{bd.Positive, bd.Negative} {
		start := b.board[side]
		if start >= len(cs) {
			start = 0
		}
		x := left
		if side == 1 {
			x = right
		}
		n := b.column(s, cs, start, boardPerSide, x, y, width, bottom)
		b.boardNext[side] = start + n
		if b.boardNext[side] >= len(cs) {
			b.boardNext[side] = 0
		}
	}
}

// column shows comments from start, as many as fit (at most most), each on a card: the text
// wrapped in large type and, under it, its score and date (and, with safe mode off, who).
// The first is cut to fit when it must; later ones only show whole. It returns how many it
// showed.
func (b *wallBuild) column(s *sheet, cs []wall.Comment, start, most int, x, y, width, bottom float32) int {
	m := b.m
	if len(cs) == 0 {
		s.text(lang.L("None yet"), m.text, wallPalette.muted, false, x, y, fyne.TextAlignLeading)
		return 0
	}
	pad, stripe := m.text*0.45, max(m.unit*0.006, 3)
	textX := x + stripe + 2*pad
	textW := width - stripe - 3*pad
	meta := lineHeight(m.small)
	shown := 0
	for i := start; i < len(cs) && shown < most; i++ {
		c := cs[i]
		room := bottom - y - 2*pad - meta - pad*0.5
		maxLines := int(room / lineHeight(m.text))
		if maxLines < 1 {
			break
		}
		lines, cut := wrapText(c.Text, m.text, false, textW, maxLines)
		if cut && shown > 0 {
			break
		}
		height := 2*pad + float32(len(lines))*lineHeight(m.text) + pad*0.5 + meta
		s.rect(wallPalette.surface, x, y, width, height, pad)
		s.rect(wallBand(c.Band), x+pad*0.6, y+pad, stripe, height-2*pad, stripe/2)
		s.lines(lines, m.text, wallPalette.fg, false, textX, y+pad)
		s.text(b.commentMeta(c), m.small, wallPalette.muted, false, textX, y+pad+float32(len(lines))*lineHeight(m.text)+pad*0.5, fyne.TextAlignLeading)
		y += height + pad*1.5
		shown++
	}
	return shown
}

// commentMeta is the line under a comment: "NPS 9 · Mar 4, 2026", and the respondent with
// safe mode off.
func (b *wallBuild) commentMeta(c wall.Comment) string {
	nf := b.nf
	score := typeLabel(c.SurveyType)
	if c.Score != nil {
		v := nf.fixed(*c.Score, valuePlaces(*c.Score))
		switch c.SurveyType {
		case data.TypeNPS, data.TypeENPS:
			score += " " + v
		default:
			score += " " + v + "/" + nf.int(c.ScaleMax)
		}
	}
	out := score + "  ·  " + nf.date(c.Date.Local())
	if c.Name != "" {
		out += "  ·  " + c.Name
	}
	return out
}

// valuePlaces is how many decimals a raw answer needs: none for whole ones.
func valuePlaces(v float64) int {
	if v == float64(int64(v)) {
		return 0
	}
	return 1
}
