package ui

// openComments shows the Comments screen with exactly what a dashboard mark counts: the
// global filter (the shared filter object, so the filter bar shows it too) and, for a word
// or a single scale value, the Comments screen's own search box and score filter.
func (a *App) openComments(t commentsTarget) {
	if f := a.filter.get(); !t.filter.From.Equal(f.From) || !t.filter.To.Equal(f.To) {
		a.filter.dateRange = dateCustom // the days of one trend point are no preset
	}
	a.showComments(t.filter)
	cs, ok := a.active.(*commentsScreen)
	if !ok || (t.search == "" && t.score == nil) {
		return
	}
	if t.score != nil {
		for i, ch := range scoreChoices {
			if ch.value == *t.score {
				cs.local.score.SetSelectedIndex(i)
			}
		}
	}
	if t.search != "" {
		cs.search.SetText(t.search)
	}
	cs.apply()
}
