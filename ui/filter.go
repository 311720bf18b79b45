package ui

import (
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// filterState is the global filter: the one value every screen reads and subscribes to.
// The filter bar writes it; screens read get() and re-query on onChanged. UI goroutine only.
type filterState struct {
	f         data.Filter
	dateRange string // the preset that set From and To (dateCustom for typed dates)
	listeners map[int]func(data.Filter)
	nextID    int
}

func newFilterState(dateRange string, now time.Time) *filterState {
	s := &filterState{listeners: map[int]func(data.Filter){}}
	s.f.From, s.f.To = presetRange(dateRange, now)
	s.dateRange = dateRange
	return s
}

// get returns the current filter.
func (s *filterState) get() data.Filter { return s.f }

// set replaces the filter and tells every listener, when it changed.
func (s *filterState) set(f data.Filter) {
	if f == s.f {
		return
	}
	s.f = f
	for _, id := range s.ids() {
		if fn, ok := s.listeners[id]; ok { // a listener may have unsubscribed another
			fn(f)
		}
	}
}

// setDateRange applies a date preset (or, with dateCustom, the given days).
func (s *filterState) setDateRange(preset string, from, to time.Time) {
	s.dateRange = preset
	f := s.f
	if preset == dateCustom {
		f.From, f.To = from, to
	} else {
		f.From, f.To = presetRange(preset, time.Now())
	}
	s.set(f)
}

// onChanged calls fn with the new filter after every change, until the returned cancel is
// called. Screens subscribe when built and cancel when stopped.
func (s *filterState) onChanged(fn func(data.Filter)) (cancel func()) {
	s.nextID++
	id := s.nextID
	s.listeners[id] = fn
	return func() { delete(s.listeners, id) }
}

// ids returns the listener ids in subscription order, so listeners run in a stable order.
func (s *filterState) ids() []int {
	ids := make([]int, 0, len(s.listeners))
	for id := 1; id <= s.nextID; id++ {
		if _, ok := s.listeners[id]; ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// Date presets of the filter bar.
const (
	date30Days   = "30d"
	date90Days   = "90d"
	date12Months = "12m"
	dateAllTime  = "all"
	dateCustom   = "custom"
)

// datePresets lists the presets in the order the filter bar shows them, with their English
// labels (translated when shown).
var datePresets = []struct{ id, label string }{
	{date30Days, "Last 30 days"},
	{date90Days, "Last 90 days"},
	{date12Months, "Last 12 months"},
	{dateAllTime, "All time"},
	{dateCustom, "Custom range"},
}

// knownDatePreset reports whether id names a preset.
func knownDatePreset(id string) bool {
	for _, p := range datePresets {
		if p.id == id {
			return true
		}
	}
	return false
}

// presetRange returns the days a preset covers, in local time, ending with today: From is
// the first day's midnight, To the midnight after today. All time (and custom, until days
// are typed) is open on both ends.
func presetRange(preset string, now time.Time) (from, to time.Time) {
	y, m, d := now.Date()
	tomorrow := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	switch preset {
	case date30Days:
		return tomorrow.AddDate(0, 0, -30), tomorrow
	case date90Days:
		return tomorrow.AddDate(0, 0, -90), tomorrow
	case date12Months:
		return tomorrow.AddDate(-1, 0, 0), tomorrow
	default:
		return time.Time{}, time.Time{}
	}
}
