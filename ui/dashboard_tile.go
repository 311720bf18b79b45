package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// kpiTile shows one survey type's score: the score as its rule writes it, its margin of
// error and n, the change against the previous period of equal length (labelled "within
// margin" when smaller than the margin), and the split into bands as a stacked bar. A tap
// on the tile shows its type in the charts; a tap on a band opens that band's comments.
type kpiTile struct {
	widget.BaseWidget
	report   *data.Report
	selected bool
	onSelect func()

	frame  *canvas.Rectangle
	title  *widget.Label
	count  *widget.Label
	score  *canvas.Text
	margin *widget.Label
	change *canvas.Text
	trend  int // the change's direction when it is beyond the margin: 1 up, -1 down, 0 none
	bands  *bandBar
}

func newKPITile(onSelect func(), onBand func(band string)) *kpiTile {
	t := &kpiTile{onSelect: onSelect}
	t.frame = canvas.NewRectangle(color.Transparent)
	t.frame.CornerRadius = theme.InputRadiusSize() * 2
	t.title = widget.NewLabel("")
	t.title.TextStyle.Bold = true
	t.count = widget.NewLabel("")
	t.score = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	t.score.TextStyle.Bold = true
	t.margin = widget.NewLabel("")
	t.change = canvas.NewText("", color.Black)
	t.bands = newBandBar(onBand)
	t.ExtendBaseWidget(t)
	return t
}

// set shows a report in the tile.
func (t *kpiTile) set(r *data.Report, nf numberFormat, selected bool) {
	t.report, t.selected = r, selected
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	t.title.SetText(typeLabel(r.SurveyType))
	t.count.SetText(nLabel(nf, r.Responses))
	t.score.Text = tileScore(nf, rule, r.Score)
	t.margin.SetText(nf.margin(rule, r.Margin))
	t.change.Text, t.trend = changeText(nf, rule, r)
	positive, neutral, negative := bandLabels(r.SurveyType)
	t.bands.set([3]int{r.Promoters, r.Passives, r.Detractors}, [3]string{positive, neutral, negative}, nf)
	t.Refresh()
}

// tileScore writes a tile's score: net scores signed ("+27"), the rest as the rule says.
func tileScore(nf numberFormat, rule metrics.Rule, v float64) string {
	if rule.Kind == metrics.NetKind {
		return nf.signed(math.Round(v), 0)
	}
	return nf.score(rule, v)
}

// changeText says how the score moved since the previous period of equal length, and how
// much that matters: a change smaller than the margin of error is said to be within it.
func changeText(nf numberFormat, rule metrics.Rule, r *data.Report) (string, int) {
	p := r.Previous
	if p == nil || p.Responses == 0 {
		return lang.L("No previous period to compare"), 0
	}
	delta := r.Score - p.Score
	var change string
	switch rule.Kind {
	case metrics.ShareKind:
		change = lang.L("{{.Change}} pts", map[string]any{"Change": nf.signed(delta, 0)})
	default:
		change = nf.signed(delta, scorePlaces(rule))
	}
	if metrics.ChangeIsWithinMargin(r.Summary, *p) {
		return lang.L("{{.Change}} vs previous period, within margin", map[string]any{"Change": change}), 0
	}
	direction := 1
	if delta < 0 {
		direction = -1
	}
	return lang.L("{{.Change}} vs previous period", map[string]any{"Change": change}), direction
}

// Tapped shows this tile's survey type in the charts.
func (t *kpiTile) Tapped(*fyne.PointEvent) {
	if t.onSelect != nil {
		t.onSelect()
	}
}

// Cursor is a pointer: the tile can be tapped.
func (t *kpiTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

// Refresh updates the colours for the theme and the selection.
func (t *kpiTile) Refresh() {
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.frame.FillColor = th.Color(theme.ColorNameInputBackground, v)
	t.frame.StrokeWidth = 1
	t.frame.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	if t.selected {
		t.frame.StrokeWidth = 2
		t.frame.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	}
	t.score.Color = th.Color(theme.ColorNameForeground, v)
	t.score.TextSize = th.Size(theme.SizeNameText) * 2.4
	dark := luminance(nrgba(th.Color(theme.ColorNameBackground, v))) < 0.5
	t.change.TextSize = th.Size(theme.SizeNameText)
	t.change.TextStyle.Bold = t.trend != 0
	switch t.trend {
	case 1:
		t.change.Color = bandColor(data.BandPositive, dark)
	case -1:
		t.change.Color = bandColor(data.BandNegative, dark)
	default:
		t.change.Color = th.Color(theme.ColorNamePlaceHolder, v)
	}
	t.BaseWidget.Refresh()
}

func (t *kpiTile) CreateRenderer() fyne.WidgetRenderer {
	head := container.NewBorder(nil, nil, nil, t.count, t.title)
	score := container.NewHBox(t.score, container.NewVBox(layout.NewSpacer(), t.margin),
		container.NewVBox(layout.NewSpacer(), container.NewPadded(t.change)))
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), head, score, container.NewPadded(t.bands))
	return widget.NewSimpleRenderer(container.NewStack(t.frame, container.NewPadded(body)))
}

// nLabel writes a number of responses the way every figure on screen carries it: "n = 1,234".
func nLabel(nf numberFormat, n int) string {
	return lang.L("n = {{.Count}}", map[string]any{"Count": nf.int(n)})
}
