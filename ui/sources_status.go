package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// describe writes the sync part of the status line from what this window's syncs know: the
// syncs in progress, or the files just imported, or how the last round went — "Synced 4 min ago · 12 new", with the
// sources that failed beside it, or "Offline — showing cache from …" when nothing synced
// and some servers could not be reached at all. It returns false when no sync ran in this window yet: the status line then
// says what the cache recorded. statusLine.show calls it.
func (c *syncControl) describe(s *statusLine, st data.CacheStats, now time.Time) bool {
	c.stats = &st
	s.sync.Importance = widget.MediumImportance
	n := c.a.numbers()
	if len(c.jobs) > 0 {
		fetched := 0
		for _, j := range c.jobs {
			fetched += j.progress.Fetched
		}
		s.sync.SetText(lang.N("Syncing {{.Count}} sources…", len(c.jobs), map[string]any{"Count": n.int(len(c.jobs))}) + " " +
			lang.N("{{.Count}} responses fetched", fetched, map[string]any{"Count": n.int(fetched)}))
		s.problem.Hide()
		return true
	}
	r := c.lastRound
	if imp := c.lastImport; imp != nil && (r == nil || imp.finished.After(r.finished)) {
		s.sync.SetText(lang.N("Imported {{.When}} · {{.Count}} new", imp.inserted,
			map[string]any{"When": n.ago(imp.finished, now), "Count": n.int(imp.inserted)}))
		s.problem.Hide()
		return true
	}
	if r == nil {
		return false
	}
	switch {
	case r.ok == 0 && r.offline > 0:
		s.sync.Importance = widget.WarningImportance
		s.sync.SetText(offlineText(n, st))
	case r.ok == 0:
		s.sync.SetText(lang.L("Showing cache from {{.When}}", map[string]any{"When": cacheDate(n, st)}))
	default:
		s.sync.SetText(lang.N("Synced {{.When}} · {{.Count}} new", r.inserted,
			map[string]any{"When": n.ago(r.finished, now), "Count": n.int(r.inserted)}))
	}
	// Offline already says why the unreached sources did not sync; the others are named.
	bad := r.failed
	if r.ok > 0 {
		bad += r.offline
	}
	if bad > 0 {
		s.problem.SetText(lang.N("{{.Count}} sources failed to sync", bad, map[string]any{"Count": n.int(bad)}))
		s.problem.Show()
	} else {
		s.problem.Hide()
	}
	return true
}

// showStatus writes the status line again from its last statistics, without a query: sync
// progress moves many times a second.
func (c *syncControl) showStatus() {
	if c.stats != nil {
		c.a.status.show(*c.stats, time.Now())
	}
}

// offlineText is the status line of a cache whose sources could not be reached.
func offlineText(n numberFormat, st data.CacheStats) string {
	return lang.L("Offline — showing cache from {{.When}}", map[string]any{"When": cacheDate(n, st)})
}

// cacheDate says how recent the cache is: the last successful sync or import, else the
// newest response.
func cacheDate(n numberFormat, st data.CacheStats) string {
	t := st.LastSyncAt
	if t.IsZero() {
		t = st.Newest
	}
	if t.IsZero() {
		return "—"
	}
	return n.dateAndTime(t)
}

// dateAndTime writes a day and a local time of day: "Mar 4, 2026 14:05".
func (f numberFormat) dateAndTime(t time.Time) string {
	t = t.Local()
	return f.date(t) + " " + t.Format("15:04")
}
