package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/ui/chart"
)

// dashboardScreen answers "how are we doing, is it changing, for whom": a KPI tile per survey
// type, and the trend and distribution of the type picked. Every figure leads to the comments
// behind it.
type dashboardScreen struct {
	a       *App
	tiles   *fyne.Container
	trend   *chartView
	dist    *chartView
	message *widget.Label
	by      *widget.Select
	title   *widget.Label
	gen     generation
	unsub   func()

	reports []*data.Report
	picked  string // survey type whose charts are shown
}

// granularities are the trend's bucket choices; "" picks one from the date range.
var granularities = []struct {
	by    data.Granularity
	label string
}{{"", "Automatic"}, {data.ByDay, "By day"}, {data.ByWeek, "By week"}, {data.ByMonth, "By month"}, {data.ByQuarter, "By quarter"}}

func newDashboardScreen(a *App) *dashboardScreen { return &dashboardScreen{a: a} }

func (d *dashboardScreen) buildUI() fyne.CanvasObject {
	d.tiles = container.NewGridWrap(fyne.NewSize(270, 205))
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Hide()
	d.trend = newChartView(d.a.bg, fyne.NewSize(400, 260), d.trendClicked)
	d.dist = newChartView(d.a.bg, fyne.NewSize(300, 260), d.barClicked)
	var labels []string
	for _, g := range granularities {
		labels = append(labels, lang.L(g.label))
	}
	d.by = widget.NewSelect(labels, func(string) { d.load() })
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	d.by.SetSelectedIndex(0)
	d.unsub = d.a.filter.onChanged(func(data.Filter) { d.load() })
	d.load()

	trendCard := container.NewBorder(container.NewHBox(d.title, layout.NewSpacer(), d.by), nil, nil, nil, d.trend)
	distCard := container.NewBorder(widget.NewLabelWithStyle(lang.L("Score distribution"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, d.dist)
	charts := container.NewHSplit(trendCard, distCard)
	charts.Offset = 0.64
	return container.NewBorder(container.NewVBox(d.tiles, d.message), nil, nil, nil, charts)
}

func (d *dashboardScreen) stop() {
	if d.unsub != nil {
		d.unsub()
	}
}

func (d *dashboardScreen) query() data.ReportQuery {
	i := max(d.by.SelectedIndex(), 0)
	return data.ReportQuery{Filter: d.a.filter.get(), By: granularities[i].by}
}

// load queries the reports off the UI goroutine; only the latest answer is shown.
func (d *dashboardScreen) load() {
	q := d.query()
	n := d.gen.next()
	load(d.a.bg, func(ctx context.Context) ([]*data.Report, error) {
		return d.a.svc.Reports.Reports(ctx, q)
	}, func(reports []*data.Report, err error) {
		if !d.gen.current(n) {
			return
		}
		if err != nil {
			d.message.SetText(loadFailed(err))
			d.message.Show()
			return
		}
		d.show(reports)
	})
}

// show puts reports on screen.
func (d *dashboardScreen) show(reports []*data.Report) {
	d.reports = reports
	d.message.Hide()
	if len(reports) == 0 {
		d.message.SetText(lang.L("No scored responses match the filter. Widen the dates or clear the filters."))
		d.message.Show()
	}
	d.tiles.Objects = nil
	for _, r := range reports {
		d.tiles.Add(d.tile(r))
	}
	d.tiles.Refresh()
	if d.report() == nil && len(reports) > 0 {
		d.picked = reports[0].SurveyType
	}
	d.drawCharts()
}

// report returns the report whose charts are shown.
func (d *dashboardScreen) report() *data.Report {
	for _, r := range d.reports {
		if r.SurveyType == d.picked {
			return r
		}
	}
	return nil
}

func (d *dashboardScreen) chartOptions(scale float32) chart.Options {
	n := d.a.numbers()
	o := chart.Options{Scale: float64(scale), Background: theme.Color(theme.ColorNameBackground),
		Format: chart.Format{Number: n.fixed, Percent: func(v float64, places int) string { return n.percent(v, places) }}}
	if d.a.dark() {
		o.Theme = chart.Dark
	}
	o.Words.Overall = lang.L("Overall")
	o.Words.Benchmark = lang.L("40% benchmark")
	return o
}

func (d *dashboardScreen) drawCharts() {
	r := d.report()
	if r == nil {
		return
	}
	d.title.SetText(lang.L("{{.Type}} trend", map[string]any{"Type": typeLabel(r.SurveyType)}))
	d.trend.setDraw(func(w, h int, scale float32) (*chart.Picture, error) {
		return chart.Trend(r, w, h, d.chartOptions(scale))
	})
	d.dist.setDraw(func(w, h int, scale float32) (*chart.Picture, error) {
		return chart.Distribution(r, w, h, d.chartOptions(scale))
	})
}

// trendClicked opens the comments of one time bucket.
func (d *dashboardScreen) trendClicked(h chart.Hit) {
	f := d.a.filter.get()
	f.SurveyType, f.From, f.To = d.picked, h.From, h.To
	d.a.filter.dateRange = dateCustom
	d.a.showComments(f)
}

// barClicked opens the comments of one score band.
func (d *dashboardScreen) barClicked(h chart.Hit) {
	f := d.a.filter.get()
	f.SurveyType, f.Band = d.picked, h.Band
	d.a.showComments(f)
}

// tile is a KPI tile: the score as its rule shows it, margin, n, change vs the previous
// period, and the band split as a stacked bar whose parts open their comments.
func (d *dashboardScreen) tile(r *data.Report) fyne.CanvasObject {
	n := d.a.numbers()
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	name := widget.NewLabelWithStyle(typeLabel(r.SurveyType), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pick := widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() {
		d.picked = r.SurveyType
		d.drawCharts()
	})
	pick.Importance = widget.LowImportance

	score := canvas.NewText(n.score(rule, r.Score), theme.Color(theme.ColorNameForeground))
	score.TextSize = theme.TextSize() * 3
	score.TextStyle.Bold = true
	detail := widget.NewLabel(lang.L("{{.Margin}} · n = {{.N}}", map[string]any{"Margin": n.margin(rule, r.Margin), "N": n.int(r.Responses)}))

	change := widget.NewLabel(lang.L("No previous period to compare"))
	if p := r.Previous; p != nil && p.Responses > 0 {
		delta := r.Score - p.Score
		text := lang.L("{{.Change}} vs previous period", map[string]any{"Change": n.signed(delta, scorePlaces(rule))})
		if metrics.ChangeIsWithinMargin(r.Summary, *p) {
			text = lang.L("{{.Change}} vs previous period (within margin)", map[string]any{"Change": n.signed(delta, scorePlaces(rule))})
		} else if delta > 0 {
			change.Importance = widget.SuccessImportance
		} else {
			change.Importance = widget.DangerImportance
		}
		change.SetText(text)
	}
	pos, neu, neg := bandLabels(r.SurveyType)
	bar := newBandBar(d.a.dark(), []bandPart{
		{data.BandPositive, pos, r.Promoters}, {data.BandNeutral, neu, r.Passives}, {data.BandNegative, neg, r.Detractors},
	}, r.Responses, func(band string) {
		f := d.a.filter.get()
		f.SurveyType, f.Band = r.SurveyType, band
		d.a.showComments(f)
	})
	body := container.NewVBox(container.NewBorder(nil, nil, nil, pick, name), score, detail, change, bar)
	return widget.NewCard("", "", body)
}

// bandPart is one band of a tile's stacked bar.
type bandPart struct {
	band  string
	label string // for the stacked bar's tooltip-free legend in the tile's detail line
	count int
}

// newBandBar draws the promoter/passive/detractor split as one bar; a tap on a part opens
// that band's comments.
func newBandBar(dark bool, parts []bandPart, total int, onTap func(band string)) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	var weights []float32
	for _, p := range parts {
		share := float32(p.count) / float32(max(total, 1))
		b := widget.NewButton("", func() { onTap(p.band) })
		b.Importance = widget.LowImportance
		rect := canvas.NewRectangle(bandColor(p.band, dark))
		objs = append(objs, container.NewStack(rect, b))
		weights = append(weights, share)
	}
	return container.New(&weightedRow{weights: weights, height: 14}, objs...)
}

// weightedRow lays objects side by side with widths proportional to their weights.
type weightedRow struct {
	weights []float32
	height  float32
}

func (l *weightedRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := size.Width * l.weights[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (l *weightedRow) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(100, l.height) }
