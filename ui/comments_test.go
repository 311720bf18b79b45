package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/mock"
)

// fakeComments is an in-memory comment store behind the mock services: newest (highest id)
// first, keyset pages by id, search by whole words, tags and notes kept per response.
type fakeComments struct {
	mu        sync.Mutex
	responses []*data.Response // by id - 1
	tags      []*data.Tag
	followUps map[int64]string
	notes     map[int64][]data.Note
	boards    []*data.Board
	calls     []string // what was written, in order
}

var fakeWords = []string{"invoice", "refund", "slow", "great", "app", "support", "billing"}

func newFakeComments(n int) *fakeComments {
	fc := &fakeComments{followUps: map[int64]string{}, notes: map[int64][]data.Note{},
		tags: []*data.Tag{{ID: 1, Name: "billing", Color: "#264653", Count: 40}, {ID: 2, Name: "bugs", Color: "#8e7dbe", Count: 90}}}
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		comment := fmt.Sprintf("Comment %d: the %s was %s", i, fakeWords[i%len(fakeWords)], fakeWords[(i/7)%len(fakeWords)])
		fc.responses = append(fc.responses, &data.Response{ID: int64(i), SourceID: 1, SurveyType: data.TypeNPS, ScaleMax: 10,
			Score: data.Float(float64(i % 11)), Comment: comment, CreatedAt: start.Add(time.Duration(i) * time.Hour),
			Properties: map[string]string{"region": "Europe"}, Permalink: "https://example.com/r/" + fmt.Sprint(i)})
	}
	return fc
}

func (fc *fakeComments) record(format string, args ...any) {
	fc.calls = append(fc.calls, fmt.Sprintf(format, args...))
}

func (fc *fakeComments) lastCall() string {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if len(fc.calls) == 0 {
		return ""
	}
	return fc.calls[len(fc.calls)-1]
}

// matches is the fake's reading of a filter: search words and TagsAll.
func (fc *fakeComments) matches(r *data.Response, f data.CommentFilter) bool {
	s := data.ParseSearch(f.Search)
	for _, g := range s.All {
		if !slices.ContainsFunc(g, func(t data.SearchTerm) bool { return hasWordFold(r.Comment, t.Text) }) {
			return false
		}
	}
	for _, t := range s.None {
		if hasWordFold(r.Comment, t.Text) {
			return false
		}
	}
	for _, tag := range f.TagsAll {
		if !slices.Contains(r.Tags, tag) {
			return false
		}
	}
	return true
}

func hasWordFold(text, word string) bool {
	return slices.Contains(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == ':' }), strings.ToLower(word))
}

func (fc *fakeComments) matching(f data.CommentFilter) []*data.Response {
	var out []*data.Response
	for i := len(fc.responses) - 1; i >= 0; i-- {
		if r := fc.responses[i]; fc.matches(r, f) {
			out = append(out, r)
		}
	}
	return out
}

func (fc *fakeComments) services() commentServices {
	lock := func() func() { fc.mu.Lock(); return fc.mu.Unlock }
	copyOf := func(r *data.Response) *data.Response {
		c := *r
		c.Tags = slices.Clone(r.Tags)
		return &c
	}
	comments := &mock.CommentService{
		FindCommentsFn: func(_ context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error) {
			defer lock()()
			var page data.CommentPage
			for _, r := range fc.matching(f) {
				if after != nil && r.ID >= after.ID {
					continue
				}
				if len(page.Responses) == limit {
					page.Next = &data.Cursor{ID: page.Responses[limit-1].ID}
					break
				}
				page.Responses = append(page.Responses, copyOf(r))
			}
			return page, nil
		},
		CountCommentsFn: func(_ context.Context, f data.CommentFilter) (int, error) {
			defer lock()()
			return len(fc.matching(f)), nil
		},
		CommentDetailFn: func(_ context.Context, id int64) (*data.CommentDetail, error) {
			defer lock()()
			r := copyOf(fc.responses[id-1])
			d := &data.CommentDetail{Response: r, Source: "Survey", FollowUp: fc.followUps[id], Notes: slices.Clone(fc.notes[id])}
			for _, name := range r.Tags {
				for _, t := range fc.tags {
					if t.Name == name {
						d.Tags = append(d.Tags, data.TagRef{ID: t.ID, Name: t.Name, Color: t.Color, Origin: data.OriginUser})
					}
				}
			}
			return d, nil
		},
		TagMatchingFn: func(_ context.Context, f data.CommentFilter, tagID int64) (int, error) {
			defer lock()()
			fc.record("TagMatching %q %d", f.Search, tagID)
			n := 0
			for _, r := range fc.matching(f) {
				if fc.tagOne(r, tagID) {
					n++
				}
			}
			return n, nil
		},
		ExportCommentsFn: func(ctx context.Context, f data.CommentFilter, w io.Writer, progress func(done, total int)) (int, error) {
			rs := func() []*data.Response { defer lock()(); return fc.matching(f) }()
			fmt.Fprintln(w, "id,comment")
			for i, r := range rs {
				if err := ctx.Err(); err != nil {
					return i, err
				}
				fmt.Fprintf(w, "%d,%s\n", r.ID, r.Comment)
				progress(i+1, len(rs))
			}
			return len(rs), nil
		},
	}
	tags := &mock.TagService{
		TagsFn: func(context.Context) ([]*data.Tag, error) {
			defer lock()()
			return slices.Clone(fc.tags), nil
		},
		EnsureTagFn: func(_ context.Context, name string) (*data.Tag, error) {
			defer lock()()
			for _, t := range fc.tags {
				if strings.EqualFold(t.Name, name) {
					return t, nil
				}
			}
			t := &data.Tag{ID: int64(len(fc.tags) + 1), Name: name, Color: "#2a9d8f"}
			fc.tags = append(fc.tags, t)
			return t, nil
		},
		TagResponsesFn: func(_ context.Context, tagID int64, ids []int64, origin string) error {
			defer lock()()
			sorted := slices.Clone(ids)
			slices.Sort(sorted)
			fc.record("TagResponses %d %v %s", tagID, sorted, origin)
			for _, id := range ids {
				fc.tagOne(fc.responses[id-1], tagID)
			}
			return nil
		},
		UntagResponsesFn: func(_ context.Context, tagID int64, ids []int64) error {
			defer lock()()
			fc.record("UntagResponses %d %v", tagID, ids)
			for _, id := range ids {
				r := fc.responses[id-1]
				r.Tags = slices.DeleteFunc(r.Tags, func(n string) bool { return n == fc.tags[tagID-1].Name })
			}
			return nil
		},
	}
	notes := &mock.NoteService{
		AddNoteFn: func(_ context.Context, id int64, body string) (int64, error) {
			defer lock()()
			fc.record("AddNote %d %q", id, body)
			fc.notes[id] = append(fc.notes[id], data.Note{ID: int64(len(fc.notes[id]) + 1), ResponseID: id, Body: body})
			return int64(len(fc.notes[id])), nil
		},
		SetFollowUpFn: func(_ context.Context, id int64, status string) error {
			defer lock()()
			fc.record("SetFollowUp %d %s", id, status)
			fc.followUps[id] = status
			return nil
		},
	}
	annotations := &mock.AnnotationService{
		UpdateNoteFn: func(_ context.Context, noteID int64, body string) error {
			defer lock()()
			fc.record("UpdateNote %d %q", noteID, body)
			return nil
		},
		ClearFollowUpFn: func(_ context.Context, id int64) error {
			defer lock()()
			fc.record("ClearFollowUp %d", id)
			delete(fc.followUps, id)
			return nil
		},
	}
	boards := &mock.BoardService{
		BoardsFn: func(context.Context) ([]*data.Board, error) {
			defer lock()()
			return slices.Clone(fc.boards), nil
		},
		CreateBoardFn: func(_ context.Context, name string) (*data.Board, error) {
			defer lock()()
			fc.record("CreateBoard %q", name)
			b := &data.Board{ID: int64(len(fc.boards) + 1), Name: name}
			fc.boards = append([]*data.Board{b}, fc.boards...)
			return b, nil
		},
		PinCardFn: func(_ context.Context, boardID, id int64, side string) error {
			defer lock()()
			fc.record("PinCard %d %d %s", boardID, id, side)
			return nil
		},
	}
	rules := &mock.TagRuleService{
		CreateTagRuleFn: func(_ context.Context, tag, query string) (*data.TagRule, int, error) {
			defer lock()()
			fc.record("CreateTagRule %s %q", tag, query)
			return &data.TagRule{Tag: tag, Query: query}, 0, nil
		},
	}
	return commentServices{Comments: comments, Tags: tags, Notes: notes, Annotations: annotations, Boards: boards, Rules: rules,
		Sources: &mock.SourceService{SourcesFn: func(context.Context) ([]*data.Source, error) {
			return []*data.Source{{ID: 1, Name: "Qualtrics NPS"}}, nil
		}}}
}

// tagOne puts tag tagID on r; it reports whether r did not have it. Call with mu held.
func (fc *fakeComments) tagOne(r *data.Response, tagID int64) bool {
	name := fc.tags[tagID-1].Name
	if slices.Contains(r.Tags, name) {
		return false
	}
	r.Tags = append(r.Tags, name)
	return true
}

// commentsFixture is a Comments screen on a fake store in a test window.
type commentsFixture struct {
	s  *commentsScreen
	fc *fakeComments
	bg *background
	w  fyne.Window
}

// newCommentsFixture builds the screen on n fake responses; edit changes the services first.
func newCommentsFixture(t *testing.T, n int, edit ...func(*commentServices)) *commentsFixture {
	t.Helper()
	test.NewTempApp(t)
	if err := setLanguage("en"); err != nil {
		t.Fatal(err)
	}
	bg := newBackground()
	t.Cleanup(bg.stop)
	fc := newFakeComments(n)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	svc := fc.services()
	for _, e := range edit {
		e(&svc)
	}
	s := newCommentsScreen(w, bg, newFilterState(dateAllTime, time.Now()), svc, func() string { return "en" })
	fx := &commentsFixture{s: s, fc: fc, bg: bg, w: w}
	fx.do(func() {
		w.SetContent(s.buildUI())
		w.Resize(fyne.NewSize(1200, 800))
	})
	t.Cleanup(s.stop)
	fx.settle()
	return fx
}

// do runs f as the UI goroutine would: one at a time with the callbacks of finished
// queries, which the test driver runs on their own goroutines.
func (fx *commentsFixture) do(f func()) {
	fx.bg.ui.Lock()
	defer fx.bg.ui.Unlock()
	f()
}

// settle waits for every query the screen started, then lets the list draw its rows (which
// may start more queries, for the rows it shows).
func (fx *commentsFixture) settle() {
	for range 5 {
		fx.bg.wait()
		fx.do(fx.s.list.Refresh)
	}
	fx.bg.wait()
}

// search types q in the search box and presses Enter.
func (fx *commentsFixture) search(q string) {
	fx.do(func() {
		fx.s.search.SetText(q)
		fx.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	fx.settle()
}

// key sends a key to the list (which has the focus while browsing).
func (fx *commentsFixture) key(r rune) {
	fx.do(func() { fx.s.list.TypedRune(r) })
	fx.settle()
}

// shownIDs lists the response ids in the list's rows in memory, in order.
func (fx *commentsFixture) shownIDs() []int64 {
	var ids []int64
	for i := range fx.s.pages.length() {
		if r := fx.s.pages.cached(i); r != nil {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func TestCommentsScreen_Search(t *testing.T) {
	fx := newCommentsFixture(t, 300)
	if got := fx.s.count.Text; got != "300 comments" {
		t.Fatalf("count = %q", got)
	}
	if ids := fx.shownIDs(); len(ids) == 0 || ids[0] != 300 {
		t.Fatalf("first rows = %v, want newest (300) first", ids)
	}

	fx.search("invoice -slow")
	want := fx.fc.matching(data.CommentFilter{Search: "invoice -slow"})
	if got := fx.s.count.Text; got != fmt.Sprintf("%d comments", len(want)) {
		t.Fatalf("count = %q, want %d", got, len(want))
	}
	ids := fx.shownIDs()
	if len(ids) < commentPageSize || ids[0] != want[0].ID {
		t.Fatalf("rows = %v", ids)
	}
	// The row highlights the search term, not the excluded one.
	row := newCommentRow(nil)
	fx.do(func() { fx.s.updateRow(0, row) })
	var bold []string
	for _, seg := range row.text.rich.Segments {
		if ts := seg.(*widget.TextSegment); ts.Style.TextStyle.Bold {
			bold = append(bold, ts.Text)
		}
	}
	if !slices.Equal(bold, []string{"invoice"}) {
		t.Errorf("highlighted %v in %q", bold, want[0].Comment)
	}

	t.Run("ScrollFetchesNextPages", func(t *testing.T) {
		// Asking for the rows of the last page fetched brings the next one; all rows arrive,
		// each once, in order.
		for range 10 {
			fx.do(func() { fx.s.pages.row(fx.s.pages.length() - 1) })
			fx.settle()
		}
		got := fx.shownIDs()
		wantIDs := make([]int64, len(want))
		for i, r := range want {
			wantIDs[i] = r.ID
		}
		if !slices.Equal(got, wantIDs) || fx.s.pages.length() != len(want) {
			t.Fatalf("rows after scrolling = %d (length %d), want %d", len(got), fx.s.pages.length(), len(want))
		}
	})

	t.Run("Escape", func(t *testing.T) {
		fx.do(func() { fx.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
		fx.settle()
		if fx.s.search.Text != "" || fx.s.count.Text != "300 comments" {
			t.Fatalf("after Escape: search %q, count %q", fx.s.search.Text, fx.s.count.Text)
		}
	})

	t.Run("GlobalFilter", func(t *testing.T) {
		var got data.CommentFilter
		find := fx.s.svc.Comments.(*mock.CommentService)
		prev := find.FindCommentsFn
		find.FindCommentsFn = func(ctx context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error) {
			got = f
			return prev(ctx, f, after, limit)
		}
		fx.do(func() {
			f := fx.s.filter.get()
			f.SurveyType = data.TypeCSAT
			fx.s.filter.set(f)
		})
		fx.settle()
		if got.SurveyType != data.TypeCSAT || !got.WithComment {
			t.Fatalf("filter sent = %+v", got)
		}
	})
}

func TestCommentsScreen_Keyboard(t *testing.T) {
	fx := newCommentsFixture(t, 120)
	// With nothing focused, the window's keys reach the screen, which gives the list the focus.
	fx.do(func() { test.TypeOnCanvas(fx.w.Canvas(), "j") })
	fx.settle()
	if fx.w.Canvas().Focused() != fx.s.list {
		t.Fatalf("j on the window focused %T", fx.w.Canvas().Focused())
	}
	if fx.s.current != 0 || fx.s.detail.id != 120 {
		t.Fatalf("after focusing the list: row %d, detail %d", fx.s.current, fx.s.detail.id)
	}
	steps := []struct {
		key  any
		row  int
		resp int64
	}{{'j', 1, 119}, {'j', 2, 118}, {'k', 1, 119}, {fyne.KeyDown, 2, 118}, {fyne.KeyUp, 1, 119}, {'k', 0, 120}, {'k', 0, 120}}
	for _, st := range steps {
		switch k := st.key.(type) {
		case rune:
			fx.key(k)
		case fyne.KeyName:
			fx.do(func() { fx.s.list.TypedKey(&fyne.KeyEvent{Name: k}) })
			fx.settle()
		}
		if fx.s.current != st.row || fx.s.detail.id != st.resp || fx.s.detail.detail == nil || fx.s.detail.detail.Response.ID != st.resp {
			t.Fatalf("after %v: row %d, detail %d; want row %d, response %d", st.key, fx.s.current, fx.s.detail.id, st.row, st.resp)
		}
	}

	fx.key('/')
	if fx.w.Canvas().Focused() != fx.s.search {
		t.Fatalf("/ focused %T", fx.w.Canvas().Focused())
	}
	fx.do(func() { fx.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) })
	fx.settle()
	if fx.w.Canvas().Focused() != fx.s.list {
		t.Fatalf("↓ in the search box focused %T", fx.w.Canvas().Focused())
	}
	fx.key('t')
	if fx.w.Canvas().Focused() != fx.s.detail.tagEntry {
		t.Fatalf("t focused %T", fx.w.Canvas().Focused())
	}
	fx.do(fx.s.focusList)
	fx.key('n')
	if fx.w.Canvas().Focused() != fx.s.detail.noteEntry {
		t.Fatalf("n focused %T", fx.w.Canvas().Focused())
	}
}

func TestCommentsScreen_TagAutocomplete(t *testing.T) {
	fx := newCommentsFixture(t, 30)
	fx.do(fx.s.focusList)
	fx.settle()
	fx.key('t')
	e := fx.s.detail.tagEntry
	fx.do(func() { test.Type(e, "bi") })
	if !slices.Equal(e.suggestions, []string{"billing"}) {
		t.Fatalf("suggestions = %v", e.suggestions)
	}
	fx.do(func() {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	fx.settle()
	if got := fx.fc.lastCall(); got != "TagResponses 1 [30] user" {
		t.Fatalf("last call = %q", got)
	}
	d := fx.s.detail.detail
	if len(d.Tags) != 1 || d.Tags[0].Name != "billing" {
		t.Fatalf("detail tags = %+v", d.Tags)
	}
	if r := fx.s.pages.cached(0); !slices.Equal(r.Tags, []string{"billing"}) {
		t.Fatalf("row tags = %v", r.Tags)
	}

	// A new tag is created, then put on the response.
	fx.do(func() {
		test.Type(e, "late delivery")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	fx.settle()
	if got := fx.fc.lastCall(); got != "TagResponses 3 [30] user" {
		t.Fatalf("last call = %q", got)
	}
	// Removing a tag from the detail pane.
	fx.do(func() { fx.s.detail.removeTag(fx.s.detail.detail.Tags[0]) })
	fx.settle()
	if got := fx.fc.lastCall(); got != "UntagResponses 1 [30]" {
		t.Fatalf("last call = %q", got)
	}
}

func TestCommentsScreen_BulkTag(t *testing.T) {
	fx := newCommentsFixture(t, 80)
	fx.do(fx.s.focusList)
	fx.key('x') // tick 80
	fx.key('j')
	fx.key('j')
	fx.key('x') // tick 78
	if got := fx.s.selected.Text; got != "2 selected" {
		t.Fatalf("selected label = %q", got)
	}
	fx.do(func() { fx.s.bulkTag("billing", fx.s.commentFilter(), fx.s.checkedIDs(), false, false) })
	fx.settle()
	if got := fx.fc.lastCall(); got != "TagResponses 1 [78 80] user" {
		t.Fatalf("last call = %q", got)
	}
	if len(fx.s.checked) != 0 || !strings.Contains(fx.s.message.Text, "Tagged 2 comments with billing") {
		t.Fatalf("after tagging: %d ticked, message %q", len(fx.s.checked), fx.s.message.Text)
	}
	fx.do(func() { fx.s.pages.row(0) })
	fx.settle()
	if r := fx.s.pages.cached(0); r == nil || !slices.Contains(r.Tags, "billing") {
		t.Fatalf("row 0 not refreshed: %+v", r)
	}

	fx.search("refund")
	want := len(fx.fc.matching(data.CommentFilter{Search: "refund"}))
	fx.do(func() { fx.s.bulkTag("refunds", fx.s.commentFilter(), nil, true, true) })
	fx.settle()
	fx.fc.mu.Lock()
	calls := slices.Clone(fx.fc.calls)
	fx.fc.mu.Unlock()
	if !slices.Equal(calls[len(calls)-2:], []string{`TagMatching "refund" 3`, `CreateTagRule refunds "refund"`}) {
		t.Fatalf("calls = %v", calls)
	}
	if !strings.Contains(fx.s.message.Text, fmt.Sprintf("Tagged %d comments with refunds", want)) {
		t.Fatalf("message = %q", fx.s.message.Text)
	}

	t.Run("Dialog", func(t *testing.T) {
		fx.do(func() { fx.s.bulkTagDialog(true) })
		entry, ok := fx.w.Canvas().Focused().(*tagEntry)
		if !ok {
			t.Fatalf("focused %T, want the dialog's tag entry", fx.w.Canvas().Focused())
		}
		fx.do(func() {
			test.Type(entry, "bu")
			entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
			entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		})
		fx.settle()
		if got := fx.fc.lastCall(); got != `TagMatching "refund" 2` {
			t.Fatalf("last call = %q", got)
		}
	})
}

func TestCommentsScreen_NotesAndFollowUp(t *testing.T) {
	fx := newCommentsFixture(t, 10)
	fx.do(fx.s.focusList)
	fx.settle()
	d := fx.s.detail
	fx.do(func() {
		d.noteEntry.SetText("Called back, refund sent")
		d.addNote(d.noteEntry.Text)
	})
	fx.settle()
	if got := fx.fc.lastCall(); got != `AddNote 10 "Called back, refund sent"` {
		t.Fatalf("last call = %q", got)
	}
	if len(d.detail.Notes) != 1 || d.noteEntry.Text != "" || len(d.notes.Objects) != 1 {
		t.Fatalf("notes = %+v, entry %q", d.detail.Notes, d.noteEntry.Text)
	}

	fx.do(func() { d.followUp.SetSelectedIndex(2) }) // contacted
	fx.settle()
	if got := fx.fc.lastCall(); got != "SetFollowUp 10 contacted" {
		t.Fatalf("last call = %q", got)
	}
	fx.key('f') // → closed
	if got := fx.fc.lastCall(); got != "SetFollowUp 10 closed" {
		t.Fatalf("after f: last call = %q", got)
	}
	fx.key('f') // → none
	if got := fx.fc.lastCall(); got != "ClearFollowUp 10" || d.detail.FollowUp != "" {
		t.Fatalf("after second f: last call = %q, follow-up %q", got, d.detail.FollowUp)
	}

	t.Run("Pin", func(t *testing.T) {
		// Response 10 scores 10: a promoter, pinned positive by default.
		if d.pinPos.Importance != widget.HighImportance || d.pinNeg.Importance == widget.HighImportance {
			t.Fatal("the positive pin is not the default for a promoter")
		}
		fx.key('p')
		_, week := time.Now().ISOWeek()
		fx.fc.mu.Lock()
		calls := slices.Clone(fx.fc.calls)
		fx.fc.mu.Unlock()
		if !slices.Equal(calls[len(calls)-2:], []string{fmt.Sprintf("CreateBoard %q", fmt.Sprintf("Week %d", week)), "PinCard 1 10 positive"}) {
			t.Fatalf("calls = %v", calls)
		}
		fx.key('P')
		if got := fx.fc.lastCall(); got != "PinCard 1 10 negative" {
			t.Fatalf("after P: %q", got)
		}
		if !strings.Contains(d.status.Text, "negative side") {
			t.Fatalf("status = %q", d.status.Text)
		}
	})
}

// closeBuffer is a buffer that counts Close.
type closeBuffer struct {
	bytes.Buffer
	closed int
}

func (b *closeBuffer) Close() error { b.closed++; return nil }

func TestCommentsScreen_Export(t *testing.T) {
	fx := newCommentsFixture(t, 40)
	fx.search("refund")
	var out closeBuffer
	fx.do(func() { fx.s.export(&out, nil) })
	fx.settle()
	want := len(fx.fc.matching(data.CommentFilter{Search: "refund"}))
	if lines := strings.Count(out.String(), "\n"); lines != want+1 || out.closed != 1 {
		t.Fatalf("export wrote %d lines (closed %d times), want %d", lines, out.closed, want+1)
	}
	if got := fx.s.message.Text; got != fmt.Sprintf("Exported %d comments.", want) {
		t.Fatalf("message = %q", got)
	}

	t.Run("Cancel", func(t *testing.T) {
		exp := fx.s.svc.Comments.(*mock.CommentService)
		started := make(chan struct{})
		exp.ExportCommentsFn = func(ctx context.Context, _ data.CommentFilter, _ io.Writer, progress func(int, int)) (int, error) {
			progress(10, 1000)
			close(started)
			<-ctx.Done()
			return 10, ctx.Err()
		}
		var out closeBuffer
		fx.do(func() { fx.s.export(&out, nil) })
		<-started
		var stop *widget.Button
		fx.do(func() { stop = findButton(fx.w.Canvas().Overlays().Top(), "Cancel") })
		if stop == nil {
			t.Fatal("no Cancel button in the export dialog")
		}
		fx.do(func() { test.Tap(stop) })
		fx.settle()
		if got := fx.s.message.Text; got != "Export cancelled." || out.closed != 1 {
			t.Fatalf("message %q, closed %d", got, out.closed)
		}
	})
}

// findButton walks a widget tree for the button labelled text.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestCommentPages_Evict(t *testing.T) {
	test.NewTempApp(t)
	bg := newBackground()
	t.Cleanup(bg.stop)
	fc := newFakeComments(commentPageSize * 20)
	var asked []int64 // the cursor id of every page fetch (0 for the first)
	svc := fc.services().Comments.(*mock.CommentService)
	find := svc.FindCommentsFn
	svc.FindCommentsFn = func(ctx context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error) {
		id := int64(0)
		if after != nil {
			id = after.ID
		}
		fc.mu.Lock()
		asked = append(asked, id)
		fc.mu.Unlock()
		return find(ctx, f, after, limit)
	}
	p := newCommentPages(svc, bg)
	do := func(f func()) { bg.ui.Lock(); defer bg.ui.Unlock(); f() }
	do(func() { p.reset(data.CommentFilter{}) })
	bg.wait()
	for range 25 { // scroll to the end, a page at a time
		do(func() { p.row(p.length() - 1) })
		bg.wait()
	}
	if n := p.length(); n != commentPageSize*20 {
		t.Fatalf("length = %d, want every row", n)
	}
	held := 0
	for _, pg := range p.pages {
		if pg.rows != nil {
			held++
		}
	}
	if held != commentPagesKept || p.cached(0) != nil {
		t.Fatalf("%d pages hold rows (first page cached: %v), want %d", held, p.cached(0) != nil, commentPagesKept)
	}
	// Scrolling back to the top fetches the first page again, from its (nil) cursor.
	asked = nil
	do(func() { p.row(0) })
	bg.wait()
	if r := p.cached(0); r == nil || r.ID != int64(commentPageSize*20) || !slices.Equal(asked, []int64{0}) {
		t.Fatalf("row 0 = %+v after fetches %v", r, asked)
	}
}
