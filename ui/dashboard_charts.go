package ui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/ui/chart"
)

// granularities are the trend picker's choices, in its order; "" is automatic. Labels are
// English, translated when shown.
var granularities = []struct {
	by    data.Granularity
	label string
}{{"", "Automatic"}, {data.ByDay, "By day"}, {data.ByWeek, "By week"}, {data.ByMonth, "By month"}, {data.ByQuarter, "By quarter"}}

func granularityLabels() []string {
	labels := make([]string, len(granularities))
	for i, g := range granularities {
		labels[i] = lang.L(g.label)
	}
	return labels
}

func granularityOf(label string) data.Granularity {
	for i, l := range granularityLabels() {
		if l == label {
			return granularities[i].by
		}
	}
	return ""
}

// trendTitle names the trend of a report: "NPS by week".
func trendTitle(r *data.Report) string {
	args := map[string]any{"Type": typeLabel(r.SurveyType)}
	switch r.By {
	case data.ByDay:
		return lang.L("{{.Type}} by day", args)
	case data.ByMonth:
		return lang.L("{{.Type}} by month", args)
	case data.ByQuarter:
		return lang.L("{{.Type}} by quarter", args)
	default:
		return lang.L("{{.Type}} by week", args)
	}
}

// segmentLabel names a segment key in the picker: keys are the data's own words, except the
// source, which is ours.
func segmentLabel(key string) string {
	if key == "source" {
		return lang.L("Source")
	}
	return key
}

// painLabel names the themes matrix's y axis: the share of a type's negative band.
func painLabel(surveyType string) string {
	switch surveyType {
	case data.TypeNPS, data.TypeENPS:
		return lang.L("Share of detractors")
	case data.TypeCES:
		return lang.L("Share finding it difficult")
	case data.TypePMF:
		return lang.L("Share not disappointed")
	default:
		return lang.L("Share dissatisfied")
	}
}

// bucketLabel writes a trend bucket on the axis: "Jan 6" (days, weeks), "Jan 2025",
// "Q1 2025", in the interface language.
func bucketLabel(nf numberFormat, t time.Time, by data.Granularity) string {
	m := nf.months[t.Month()-1]
	switch by {
	case data.ByMonth:
		return m + " " + strconv.Itoa(t.Year())
	case data.ByQuarter:
		return lang.L("Q{{.Quarter}} {{.Year}}", map[string]any{"Quarter": int(t.Month()-1)/3 + 1, "Year": strconv.Itoa(t.Year())})
	default:
		if nf.code == "en" {
			return m + " " + strconv.Itoa(t.Day())
		}
		return strconv.Itoa(t.Day()) + " " + m
	}
}

// chartOptions are the dashboard's chart settings for a theme: its palette and background,
// numbers and dates in the interface language, translated words.
func (s *dashboardScreen) chartOptions(dark bool, background color.Color) chart.Options {
	o := chart.Options{Background: background}
	o.Format, o.Words = chartText(s.numbers())
	o.Words.Volume = lang.L("Responses with the tag (log scale)")
	if dark {
		o.Theme = chart.Dark
	}
	if s.focus != nil {
		o.Words.Pain = painLabel(s.focus.SurveyType)
	}
	return o
}

// chartText is how every chart in the interface writes numbers, dates and its common words,
// in the interface language.
func chartText(nf numberFormat) (chart.Format, chart.Words) {
	format := chart.Format{
		Number:  nf.fixed,
		Percent: nf.percent,
		Bucket:  func(t time.Time, by data.Granularity) string { return bucketLabel(nf, t, by) },
	}
	words := chart.Words{
		Overall:   lang.L("Overall"),
		Benchmark: lang.L("{{.Value}} benchmark", map[string]any{"Value": nf.percent(metrics.PMFBenchmark, 0)}),
	}
	return format, words
}

// showFocus draws the trend and the distribution of the survey type in focus.
func (s *dashboardScreen) showFocus() {
	r := s.focus
	s.trendTitle.SetText(trendTitle(r))
	s.distTitle.SetText(lang.L("{{.Type}} distribution", map[string]any{"Type": typeLabel(r.SurveyType)}))
	s.trend.show(func(w, h int, o chart.Options) (*chart.Picture, error) { return chart.Trend(r, w, h, o) }, lang.L("No responses in this period."))
	s.dist.show(func(w, h int, o chart.Options) (*chart.Picture, error) { return chart.Distribution(r, w, h, o) }, lang.L("No responses in this period."))
}

// showSegments draws the breakdown by the chosen segment.
func (s *dashboardScreen) showSegments() {
	r := s.segments
	if r == nil || len(r.Segments) == 0 {
		s.segNote.Hide()
		s.segs.showMessage(lang.L("No responses carry this segment."))
		return
	}
	s.segs.onDrawn = func(p *chart.Picture) {
		if p.Omitted > 0 {
			s.segNote.SetText(lang.N("{{.Count}} smaller segment not shown", p.Omitted, map[string]any{"Count": s.numbers().int(p.Omitted)}))
			s.segNote.Show()
		} else {
			s.segNote.Hide()
		}
	}
	s.segs.show(func(w, h int, o chart.Options) (*chart.Picture, error) { return chart.Segments(r, w, h, o) }, "")
}

// showThemes draws the themes matrix and fills the ranked themes and the words.
func (s *dashboardScreen) showThemes() {
	r, themes := s.focus, s.themes.themes
	if len(themes) == 0 {
		s.matrix.showMessage(lang.L("No themes yet: tag comments (or add tag rules) and they are ranked here."))
	} else {
		s.matrix.show(func(w, h int, o chart.Options) (*chart.Picture, error) { return chart.Themes(themes, r, w, h, o) }, "")
	}
	s.showThemeLists()
}

// tooltips

func (s *dashboardScreen) scoreLine(surveyType string, rule metrics.Rule, score, margin float64) string {
	nf := s.numbers()
	return typeLabel(surveyType) + " " + tileScore(nf, rule, score) + " " + nf.margin(rule, margin)
}

// bucketTip describes a trend point: its days, score, margin and n.
func (s *dashboardScreen) bucketTip(h chart.Hit) string {
	r := s.focus
	if r == nil {
		return ""
	}
	nf := s.numbers()
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	days := nf.date(h.From)
	if last := h.To.AddDate(0, 0, -1); !last.Equal(h.From) {
		days += " – " + nf.date(last)
	}
	lines := []string{days, s.scoreLine(r.SurveyType, rule, h.Score, h.Margin), nLabel(nf, h.Responses)}
	if h.Responses < metrics.MinReliable {
		lines = append(lines, lang.L("Too few responses to rely on"))
	}
	return strings.Join(lines, "\n")
}

// valueTip describes a distribution bar.
func (s *dashboardScreen) valueTip(h chart.Hit) string {
	nf := s.numbers()
	return lang.L("Score {{.Value}}", map[string]any{"Value": nf.fixed(h.Value, 0)}) + "\n" +
		lang.N("{{.Count}} response", h.Responses, map[string]any{"Count": nf.int(h.Responses)}) +
		" (" + nf.percent(100*h.Share, 0) + ")"
}

// segmentTip describes a segment bar.
func (s *dashboardScreen) segmentTip(h chart.Hit) string {
	r := s.segments
	if r == nil {
		return ""
	}
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	return h.SegmentValue + "\n" + s.scoreLine(r.SurveyType, rule, h.Score, h.Margin) + "\n" + nLabel(s.numbers(), h.Responses)
}

// themeTip describes a theme on the matrix.
func (s *dashboardScreen) themeTip(h chart.Hit) string {
	r := s.focus
	if r == nil {
		return ""
	}
	nf := s.numbers()
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	_, _, negative := bandLabels(r.SurveyType)
	return h.Tag + "\n" + nLabel(nf, h.Responses) + "\n" + negative + ": " + nf.percent(100*h.Share, 0) +
		"\n" + typeLabel(r.SurveyType) + " " + tileScore(nf, rule, h.Score)
}

// click-through: each opens the comments behind a mark, with the filter on screen narrowed
// to exactly what the mark counts.

// openBucket opens the comments of a trend point: its days, within the filter's.
func (s *dashboardScreen) openBucket(h chart.Hit) {
	f := s.focusFilter()
	from, to := h.From, h.To
	if !f.From.IsZero() && f.From.After(from) {
		from = f.From
	}
	if !f.To.IsZero() && f.To.Before(to) {
		to = f.To
	}
	f.From, f.To = from, to
	s.open(commentsTarget{filter: f})
}

// openValue opens the comments of one scale value.
func (s *dashboardScreen) openValue(h chart.Hit) {
	f := s.focusFilter()
	f.Band = h.Band
	v := h.Value
	s.open(commentsTarget{filter: f, score: &v})
}

// openSegment opens the comments of one segment value.
func (s *dashboardScreen) openSegment(h chart.Hit) {
	f := s.focusFilter()
	f.SegmentKey, f.SegmentValue = h.SegmentKey, h.SegmentValue
	s.open(commentsTarget{filter: f})
}

// openTheme opens the comments of one theme.
func (s *dashboardScreen) openTheme(h chart.Hit) { s.openTag(h.Tag) }

func (s *dashboardScreen) openTag(tag string) {
	f := s.focusFilter()
	f.Tag = tag
	s.open(commentsTarget{filter: f})
}

// openBand opens the comments of one band of tile i.
func (s *dashboardScreen) openBand(i int, band string) {
	if i >= len(s.reports) {
		return
	}
	f := s.filter.get()
	f.SurveyType = s.reports[i].SurveyType
	f.Band = band
	s.open(commentsTarget{filter: f})
}

// openWord opens the detractors' comments using a word.
func (s *dashboardScreen) openWord(word string) {
	f := s.focusFilter()
	f.Band = data.BandNegative
	s.open(commentsTarget{filter: f, search: word})
}
