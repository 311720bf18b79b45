package ui

import (
	"context"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// commentServices is what the Comments screen reads and writes.
type commentServices struct {
	Comments    data.CommentService
	Tags        data.TagService
	Notes       data.NoteService
	Annotations data.AnnotationService
	Boards      data.BoardService
	Rules       data.TagRuleService
	Sources     data.SourceService
	Index       data.IndexStatusService // nil: search always covers every comment
}

// searchDelay is how long the screen waits after the last keystroke in the search box
// before searching: typing a word runs one search, not one per letter.
const searchDelay = 250 * time.Millisecond

// commentsScreen is the verbatim browser: every comment, searchable and filterable, with a
// detail pane to tag, annotate and pin the one selected.
type commentsScreen struct {
	w      fyne.Window
	bg     *background
	filter *filterState
	svc    commentServices
	code   func() string // the interface language, for numbers and dates

	pages    *commentPages
	terms    []data.SearchTerm
	checked  map[int64]bool
	current  int // the selected row, -1 for none
	tags     []*data.Tag
	colors   map[string]string // lower-case tag name → colour
	sources  map[int64]string
	countGen generation
	applied  *data.CommentFilter // the filter the list shows
	unsub    func()

	search   *searchEntry
	sort     *widget.Select
	local    *commentFilters
	list     *commentList
	count    *widget.Label
	selected *widget.Label
	message  *widget.Label
	empty    *widget.Label
	detail   *commentDetail
	debounce *debouncer
	index    *indexWatch
}

func newCommentsScreen(w fyne.Window, bg *background, filter *filterState, svc commentServices, code func() string) *commentsScreen {
	s := &commentsScreen{w: w, bg: bg, filter: filter, svc: svc, code: code, checked: map[int64]bool{}, current: -1,
		colors: map[string]string{}, sources: map[int64]string{}}
	s.pages = newCommentPages(svc.Comments, bg)
	s.pages.onChange = func() {
		s.list.Refresh()
		s.message.Hide()
	}
	s.pages.onError = func(err error) {
		s.message.SetText(loadFailed(err))
		s.message.Show()
	}
	return s
}

func (s *commentsScreen) numbers() numberFormat { return numbersFor(s.code()) }

// buildUI lays the screen out: search and filters on top, the list on the left, the
// selected comment on the right.
func (s *commentsScreen) buildUI() fyne.CanvasObject {
	s.search = newSearchEntry(s)
	s.search.SetPlaceHolder(lang.L("Search comments: words, \"exact phrase\", -exclude, a OR b, prefix*"))
	s.debounce = newDebouncer(s.bg, searchDelay, func(context.Context) { s.bg.do(s.apply) })
	s.search.OnChanged = func(string) { s.debounce.trigger() }
	s.search.OnSubmitted = func(string) {
		s.apply()
		s.focusList()
	}
	sortLabels := []string{lang.L("Newest first"), lang.L("Oldest first"), lang.L("Lowest score first"), lang.L("Highest score first")}
	s.sort = widget.NewSelect(sortLabels, func(string) { s.apply() })
	s.sort.SetSelectedIndex(0)
	s.local = newCommentFilters(s.tagList, s.apply)
	s.count = widget.NewLabel("")
	s.count.TextStyle.Bold = true
	s.selected = widget.NewLabel("")
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.empty = widget.NewLabel(lang.L("No comments match. Try fewer words, or clear some filters."))
	s.empty.Alignment = fyne.TextAlignCenter
	s.empty.Wrapping = fyne.TextWrapWord
	s.empty.Hide()
	s.detail = newCommentDetail(s)
	s.index = newIndexWatch(s.bg, s.svc.Index, s.code)
	s.index.onComplete = func() {
		s.applied = nil // the same search again, now over every comment
		s.apply()
	}

	s.list = newCommentList(s)

	tagSelected := widget.NewButtonWithIcon(lang.L("Tag selected…"), theme.ContentAddIcon(), func() { s.bulkTagDialog(false) })
	tagAll := widget.NewButtonWithIcon(lang.L("Tag all results…"), theme.ContentAddIcon(), func() { s.bulkTagDialog(true) })
	clear := widget.NewButton(lang.L("Clear selection"), s.clearChecked)
	export := widget.NewButtonWithIcon(lang.L("Export CSV…"), theme.DocumentSaveIcon(), s.exportDialog)
	for _, b := range []*widget.Button{tagSelected, tagAll, clear, export} {
		b.Importance = widget.LowImportance
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(
			container.NewGridWrap(fyne.NewSize(230, s.sort.MinSize().Height), s.sort), export), s.search),
		s.index.line,
		s.local.content,
		container.NewHBox(s.count, s.selected, layout.NewSpacer(), clear, tagSelected, tagAll),
		s.message,
	)
	split := container.NewHSplit(container.NewStack(s.list, container.NewCenter(s.empty)), s.detail.content)
	split.Offset = 0.56

	s.unsub = s.filter.onChanged(func(data.Filter) { s.apply() })
	s.listenKeys()
	s.loadTags()
	s.loadSources()
	s.updateSelectedLabel()
	s.apply()
	return container.NewBorder(top, nil, nil, nil, split)
}

// stop ends the screen's subscriptions and gives the window's keys back.
func (s *commentsScreen) stop() {
	if s.unsub != nil {
		s.unsub()
	}
	if s.index != nil {
		s.index.stop()
	}
	c := s.w.Canvas()
	c.SetOnTypedRune(nil)
	c.SetOnTypedKey(nil)
	c.RemoveShortcut(exportShortcut)
}

// commentFilter is everything the screen filters by: the global filter bar, the search box,
// the local filters and the sort.
func (s *commentsScreen) commentFilter() data.CommentFilter {
	f := s.local.filter()
	global := s.filter.get()
	if f.Band != "" {
		global.Band = f.Band // the screen's own score choice wins over the filter bar's
	}
	f.Filter = global
	f.Search = strings.TrimSpace(s.search.Text)
	f.Sort = data.Sorts[max(s.sort.SelectedIndex(), 0)]
	return f
}

// apply runs the search for the current filter: the list starts over, the count follows.
// The same filter again changes nothing (Enter in the search box, then the delayed search of
// the same text).
func (s *commentsScreen) apply() {
	if s.list == nil {
		return
	}
	f := s.commentFilter()
	if s.applied != nil && reflect.DeepEqual(*s.applied, f) {
		return
	}
	s.applied = &f
	s.index.searching(f.Search != "")
	s.terms = data.ParseSearch(f.Search).Terms()
	s.current = -1
	s.list.UnselectAll()
	s.detail.show(0)
	s.pages.reset(f)
	s.list.Refresh()
	s.list.ScrollToTop()
	s.count.SetText(lang.L("Counting…"))
	s.empty.Hide()
	gen := s.countGen.next()
	load(s.bg, func(ctx context.Context) (int, error) { return s.svc.Comments.CountComments(ctx, f) },
		func(n int, err error) {
			if !s.countGen.current(gen) {
				return
			}
			if err != nil {
				s.count.SetText("")
				s.message.SetText(loadFailed(err))
				s.message.Show()
				return
			}
			s.count.SetText(lang.N("{{.Count}} comment", n, map[string]any{"Count": s.numbers().int(n)}))
			if n == 0 {
				s.empty.Show()
			}
		})
}

func (s *commentsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*commentRow)
	r := s.pages.row(i)
	if r == nil {
		row.set(nil, false, nil, 0, s.numbers(), "", nil)
		return
	}
	row.set(r, s.checked[r.ID], s.terms, rowTextBudget(s.list.Size().Width), s.numbers(), s.sources[r.SourceID], s.colors)
}

// check records a row's selection box.
func (s *commentsScreen) check(row *commentRow, on bool) {
	if row.id == 0 {
		return
	}
	if on {
		s.checked[row.id] = true
	} else {
		delete(s.checked, row.id)
	}
	s.updateSelectedLabel()
}

func (s *commentsScreen) rowSelected(i widget.ListItemID) {
	s.current = i
	r := s.pages.cached(i)
	if r == nil {
		s.detail.show(0)
		return
	}
	s.detail.show(r.ID)
}

func (s *commentsScreen) updateSelectedLabel() {
	n := len(s.checked)
	if n == 0 {
		s.selected.SetText("")
		return
	}
	s.selected.SetText(lang.N("{{.Count}} selected", n, map[string]any{"Count": s.numbers().int(n)}))
}

func (s *commentsScreen) clearChecked() {
	s.checked = map[int64]bool{}
	s.updateSelectedLabel()
	s.list.Refresh()
}

// move selects the row delta away from the current one (j/k and the arrow keys).
func (s *commentsScreen) move(delta int) {
	n := s.pages.length()
	if n == 0 {
		return
	}
	i := min(max(s.current+delta, 0), n-1)
	if s.current < 0 {
		i = 0
	}
	if s.pages.cached(i) == nil {
		return // still loading
	}
	s.list.Select(i)
	s.list.ScrollTo(i)
	if c := s.w.Canvas(); c.Focused() == nil {
		c.Focus(s.list) // the next keys go to the list
	}
}

// responseChanged refreshes what the screen shows of a response after an edit: its row
// (tags) and the tag list (counts, new tags).
func (s *commentsScreen) responseChanged(id int64) {
	s.loadTags()
	i := s.pages.find(id)
	if i < 0 {
		return
	}
	load(s.bg, func(ctx context.Context) (*data.CommentDetail, error) { return s.svc.Comments.CommentDetail(ctx, id) },
		func(d *data.CommentDetail, err error) {
			if err != nil {
				return
			}
			if r := s.pages.cached(i); r != nil && r.ID == id {
				r.Tags, r.Notes = d.Response.Tags, d.Response.Notes
				s.list.RefreshItem(i)
			}
		})
}

// tagList returns the known tags, most used first (for the tag entries' suggestions).
func (s *commentsScreen) tagList() []*data.Tag { return s.tags }

func (s *commentsScreen) loadTags() {
	load(s.bg, func(ctx context.Context) ([]*data.Tag, error) { return s.svc.Tags.Tags(ctx) },
		func(tags []*data.Tag, err error) {
			if err != nil {
				return // suggestions and colours wait for the next load
			}
			s.tags = byUse(tags)
			s.colors = map[string]string{}
			for _, t := range tags {
				s.colors[strings.ToLower(t.Name)] = t.Color
			}
			s.list.Refresh()
		})
}

func (s *commentsScreen) loadSources() {
	if s.svc.Sources == nil {
		return
	}
	load(s.bg, func(ctx context.Context) ([]*data.Source, error) { return s.svc.Sources.Sources(ctx) },
		func(sources []*data.Source, err error) {
			if err != nil {
				return
			}
			for _, src := range sources {
				s.sources[src.ID] = src.Name
			}
			s.list.Refresh()
		})
}

// pinBoard returns the board pins go to: the newest one, or a new "Week N" board when there
// is none. Off the UI goroutine.
func (s *commentsScreen) pinBoard(ctx context.Context) (*data.Board, error) {
	boards, err := s.svc.Boards.Boards(ctx)
	if err != nil {
		return nil, err
	}
	if len(boards) > 0 {
		return boards[0], nil
	}
	return s.svc.Boards.CreateBoard(ctx, weekBoardName(time.Now()))
}
