package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// filterBar edits the global filter: date range, survey type, source and one segment. Its
// choices (types, sources, segment keys and values) come from the cache, loaded off the UI
// goroutine.
type filterBar struct {
	a       *App
	content *fyne.Container
	row     *fyne.Container // the pickers, re-laid out when their options change

	dates      *widget.Select
	from, to   *widget.Entry
	custom     *fyne.Container
	types      *widget.Select
	sources    *widget.Select
	segKeys    *widget.Select
	segValues  *widget.Select
	typeIDs    []string // survey types behind types' options, "" = any
	sourceIDs  []int64
	segKeyIDs  []string
	updating   bool // set while the bar itself sets widgets, so their callbacks do not loop
	valuesLoad generation
}

const dayLayout = "2006-01-02"

func newFilterBar(a *App) *filterBar {
	b := &filterBar{a: a}
	var labels []string
	for _, p := range datePresets {
		labels = append(labels, lang.L(p.label))
	}
	b.dates = widget.NewSelect(labels, func(string) { b.datesChanged() })
	b.from, b.to = widget.NewEntry(), widget.NewEntry()
	b.from.SetPlaceHolder(lang.L("From (YYYY-MM-DD)"))
	b.to.SetPlaceHolder(lang.L("To (YYYY-MM-DD)"))
	b.from.Validator = validDay
	b.to.Validator = validDay
	b.from.OnSubmitted = func(string) { b.customChanged() }
	b.to.OnSubmitted = func(string) { b.customChanged() }
	apply := widget.NewButton(lang.L("Apply"), b.customChanged)
	dayWidth := 11 * theme.TextSize() // a typed day, the validation icon and some air
	b.custom = container.NewHBox(withWidth(dayWidth, b.from), withWidth(dayWidth, b.to), apply)
	b.custom.Hide()

	b.types = widget.NewSelect(nil, func(string) { b.changed() })
	b.sources = widget.NewSelect(nil, func(string) { b.changed() })
	b.segKeys = widget.NewSelect(nil, func(string) { b.segmentKeyChanged() })
	b.segValues = widget.NewSelect(nil, func(string) { b.changed() })
	b.segValues.PlaceHolder = lang.L("Any value")
	b.segValues.Disable()

	field := func(label string, s *widget.Select) fyne.CanvasObject {
		return container.NewHBox(widget.NewLabel(lang.L(label)), fitSelect(s, 16))
	}
	b.row = container.NewHBox(
		field("Dates", b.dates), b.custom,
		field("Survey", b.types),
		field("Source", b.sources),
		field("Segment", b.segKeys), fitSelect(b.segValues, 14),
	)
	// A scroller, so a narrow window (or large text) scrolls the bar instead of growing the
	// window past the screen.
	b.content = container.NewVBox(container.NewHScroll(b.row), widget.NewSeparator())
	b.sync()
	b.reload()
	return b
}

func validDay(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.ParseInLocation(dayLayout, s, time.Local); err != nil {
		return data.Errorf(data.EINVALID, "%s", lang.L("Use a date like 2026-03-31"))
	}
	return nil
}

// sync shows the filter's current state in the widgets.
func (b *filterBar) sync() {
	b.updating = true
	defer func() { b.updating = false }()
	f := b.a.filter.get()
	for i, p := range datePresets {
		if p.id == b.a.filter.dateRange {
			b.dates.SetSelectedIndex(i)
		}
	}
	b.custom.Hidden = b.a.filter.dateRange != dateCustom
	if !f.From.IsZero() {
		b.from.SetText(f.From.Format(dayLayout))
	}
	if !f.To.IsZero() {
		b.to.SetText(f.To.AddDate(0, 0, -1).Format(dayLayout))
	}
	selectIndex(b.types, indexOf(b.typeIDs, f.SurveyType))
	selectIndex(b.sources, indexOf(b.sourceIDs, f.SourceID))
	selectIndex(b.segKeys, indexOf(b.segKeyIDs, f.SegmentKey))
	if f.SegmentKey != "" {
		b.segValues.Enable()
		b.segValues.SetSelected(f.SegmentValue)
	} else {
		b.segValues.ClearSelected()
		b.segValues.Disable()
	}
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func selectIndex(s *widget.Select, i int) {
	if i < len(s.Options) {
		s.SetSelectedIndex(i)
	}
}

// reload fetches the bar's choices from the cache.
func (b *filterBar) reload() {
	type choices struct {
		types   []string
		sources []*data.Source
		keys    []string
	}
	svc := b.a.svc
	load(b.a.bg, func(ctx context.Context) (choices, error) {
		var c choices
		reports, err := svc.Reports.Reports(ctx, data.ReportQuery{By: data.ByQuarter})
		if err != nil {
			return c, err
		}
		for _, r := range reports {
			c.types = append(c.types, r.SurveyType)
		}
		if c.sources, err = svc.Sources.Sources(ctx); err != nil {
			return c, err
		}
		c.keys, err = svc.Reports.SegmentKeys(ctx)
		return c, err
	}, func(c choices, err error) {
		if err != nil {
			b.a.status.showProblem(loadFailed(err))
			return
		}
		b.typeIDs = append([]string{""}, c.types...)
		typeLabels := []string{lang.L("All types")}
		for _, t := range c.types {
			typeLabels = append(typeLabels, typeLabel(t))
		}
		b.sourceIDs = []int64{0}
		sourceLabels := []string{lang.L("All sources")}
		for _, s := range c.sources {
			b.sourceIDs = append(b.sourceIDs, s.ID)
			sourceLabels = append(sourceLabels, s.Name)
		}
		b.segKeyIDs = []string{""}
		keyLabels := []string{lang.L("None")}
		for _, k := range c.keys {
			if k == "source" {
				continue // the source picker covers it
			}
			b.segKeyIDs = append(b.segKeyIDs, k)
			keyLabels = append(keyLabels, k)
		}
		b.updating = true
		b.types.SetOptions(typeLabels)
		b.sources.SetOptions(sourceLabels)
		b.segKeys.SetOptions(keyLabels)
		b.updating = false
		b.sync()
		b.row.Refresh()
		if f := b.a.filter.get(); f.SegmentKey != "" {
			b.loadValues(f.SegmentKey)
		}
	})
}

func (b *filterBar) loadValues(key string) {
	n := b.valuesLoad.next()
	load(b.a.bg, func(ctx context.Context) ([]string, error) {
		return b.a.svc.Reports.SegmentValues(ctx, key)
	}, func(values []string, err error) {
		if !b.valuesLoad.current(n) || err != nil {
			return
		}
		b.updating = true
		b.segValues.SetOptions(values)
		b.updating = false
		b.sync()
		b.row.Refresh()
	})
}

func (b *filterBar) datesChanged() {
	if b.updating {
		return
	}
	preset := datePresets[b.dates.SelectedIndex()].id
	b.custom.Hidden = preset != dateCustom
	b.content.Refresh()
	if preset == dateCustom {
		return // applied when days are typed
	}
	b.a.prefs.SetString(prefDateRange, preset)
	b.a.filter.setDateRange(preset, time.Time{}, time.Time{})
}

func (b *filterBar) customChanged() {
	from, errFrom := time.ParseInLocation(dayLayout, b.from.Text, time.Local)
	to, errTo := time.ParseInLocation(dayLayout, b.to.Text, time.Local)
	if errFrom != nil || errTo != nil || !from.Before(to.AddDate(0, 0, 1)) {
		b.a.status.showProblem(lang.L("Type both dates like 2026-03-31, the first not after the second."))
		return
	}
	b.a.filter.setDateRange(dateCustom, from, to.AddDate(0, 0, 1))
}

func (b *filterBar) segmentKeyChanged() {
	if b.updating {
		return
	}
	key := b.segKeyIDs[max(b.segKeys.SelectedIndex(), 0)]
	f := b.a.filter.get()
	f.SegmentKey, f.SegmentValue = "", ""
	if key == "" {
		b.segValues.ClearSelected()
		b.segValues.Disable()
		b.a.filter.set(f)
		return
	}
	b.segValues.Enable()
	b.segValues.ClearSelected()
	b.a.filter.set(f) // a key without a value filters nothing yet
	b.loadValues(key)
}

// changed copies the type, source and segment value pickers into the filter.
func (b *filterBar) changed() {
	if b.updating {
		return
	}
	f := b.a.filter.get()
	f.SurveyType = b.typeIDs[max(b.types.SelectedIndex(), 0)]
	f.SourceID = b.sourceIDs[max(b.sources.SelectedIndex(), 0)]
	f.SegmentKey, f.SegmentValue = "", ""
	if key := b.segKeyIDs[max(b.segKeys.SelectedIndex(), 0)]; key != "" && b.segValues.Selected != "" {
		f.SegmentKey, f.SegmentValue = key, b.segValues.Selected
	}
	b.a.filter.set(f)
}
