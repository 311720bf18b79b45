package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
)

// boardsFixture is a Boards screen in a test window on a fakeBoards holding responses 1-6
// (1, 2 and 5 score high, 3, 4 and 6 low) and one board, "Week 47".
type boardsFixture struct {
	t     *testing.T
	fake  *fakeBoards
	board int64
	s     *boardsScreen
	w     fyne.Window
}

func newBoardsFixture(t *testing.T) *boardsFixture {
	t.Helper()
	a := test.NewTempApp(t)
	var rs []*data.Response
	for i, score := range []float64{10, 9, 2, 0, 10, 1} {
		id := int64(i + 1)
		rs = append(rs, &data.Response{ID: id, SourceID: 1, SurveyType: data.TypeNPS, ScaleMax: 10, Score: data.Float(score),
			Comment:        fmt.Sprintf("Comment %d, long enough to wrap inside a card on the board when the window is narrow", id),
			RespondentName: fmt.Sprintf("Person %d", id), CreatedAt: time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)})
	}
	return newBoardsFixtureOn(t, a, newFakeBoards(rs...))
}

// newBoardsFixtureOn shows the Boards screen of app a on fake, after creating "Week 47" there.
func newBoardsFixtureOn(t *testing.T, a fyne.App, fake *fakeBoards) *boardsFixture {
	t.Helper()
	f := &boardsFixture{t: t, fake: fake}
	b, err := f.fake.CreateBoard(context.Background(), "Week 47")
	if err != nil {
		t.Fatal(err)
	}
	f.board = b.ID
	f.w = test.NewTempWindow(t, nil)
	f.w.Resize(fyne.NewSize(1100, 2000))
	f.open(a)
	return f
}

// open builds a fresh screen on the fake, as showing the Boards screen does.
func (f *boardsFixture) open(a fyne.App) {
	bg := newBackground()
	f.t.Cleanup(bg.stop)
	f.s = &boardsScreen{w: f.w, app: a, bg: bg, svc: f.fake, prefs: a.Preferences(), numbers: numbersFor("en"), clock: newFakeClock()}
	// As App.show does on the UI goroutine: the first load's result waits until the screen
	// is in the window (the test driver runs fyne.Do on the loading goroutine).
	bg.ui.Lock()
	f.w.SetContent(f.s.buildUI())
	bg.ui.Unlock()
	f.settle()
}

// settle waits for the screen's store calls and reloads to finish.
func (f *boardsFixture) settle() {
	for range 5 { // a change reloads, and a reload may chain a focus
		f.s.bg.wait()
	}
}

func (f *boardsFixture) pin(id int64, side string) {
	f.t.Helper()
	if err := f.fake.PinCard(context.Background(), f.board, id, side); err != nil {
		f.t.Fatal(err)
	}
}

// shown returns the cards on screen as "side:id", positive column first.
func (f *boardsFixture) shown() string {
	var parts []string
	for i, col := range f.s.columns {
		for _, o := range col.Objects {
			if c, ok := o.(*boardCard); ok {
				if c.card.Side != boardSides[i] {
					f.t.Fatalf("card %d of side %s is in the %s column", c.card.ResponseID, c.card.Side, boardSides[i])
				}
				parts = append(parts, fmt.Sprintf("%s:%d", c.card.Side[:3], c.card.ResponseID))
			}
		}
	}
	return strings.Join(parts, " ")
}

// drag drags card id and drops it with the pointer dy below the top of card onto.
func (f *boardsFixture) drag(id, onto int64, dy float32) {
	d := fyne.CurrentApp().Driver()
	target := f.s.cards[onto]
	at := d.AbsolutePositionForObject(target).AddXY(20, dy)
	c := f.s.cards[id]
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}, Dragged: fyne.Delta{DX: 5, DY: 5}})
	if !f.s.indicator.Visible() {
		f.t.Fatal("no drop indicator while dragging")
	}
	c.DragEnd()
	f.settle()
}

func TestBoards_PinLandsInColumn(t *testing.T) {
	// The Comments screen (responses 10 down to 1, each scoring its id mod 11) pins to the
	// newest board, the one the Boards screen shows.
	cx := newCommentsFixture(t, 10)
	f := newBoardsFixtureOn(t, fyne.CurrentApp(), newFakeBoards(cx.fc.responses...))
	svc := cx.fc.services()
	svc.Boards = f.fake
	cx.s = newCommentsScreen(cx.w, cx.bg, newFilterState(dateAllTime, time.Now()), svc, func() string { return "en" })
	cx.do(func() { cx.w.SetContent(cx.s.buildUI()) })
	t.Cleanup(cx.s.stop)
	cx.settle()
	if got := f.shown(); got != "" {
		t.Fatalf("new board shows %q", got)
	}

	cx.do(cx.s.focusList)
	cx.settle()
	d := cx.s.detail
	steps := []struct {
		name string
		do   func()
		want string // the board, positive column first
	}{
		{"PinPositiveButton", func() { test.Tap(d.pinPos) }, "pos:10"},
		{"KeyPOnNext", func() { cx.key('j'); cx.key('p') }, "pos:10 pos:9"},
		{"PinNegativeButton", func() {
			for range 6 {
				cx.key('j')
			}
			cx.do(func() { test.Tap(d.pinNeg) })
		}, "pos:10 pos:9 neg:3"},
		{"KeyShiftPMovesItAcross", func() { cx.key('k'); cx.key('k'); cx.key('p'); cx.key('P') }, "pos:10 pos:9 neg:3 neg:5"},
	}
	for _, s := range steps {
		s.do()
		cx.settle()
		f.open(fyne.CurrentApp()) // the Boards screen reads the board whenever it is shown
		if got := f.shown(); got != s.want {
			t.Fatalf("%s: board shows %q, want %q", s.name, got, s.want)
		}
	}
	if !strings.Contains(d.status.Text, "Pinned to Week 47, negative side") {
		t.Errorf("the detail pane says %q after pinning", d.status.Text)
	}
	if got := f.s.counts[0].Text + "/" + f.s.counts[1].Text; got != "2/2" {
		t.Errorf("column counts %s, want 2/2", got)
	}
	if f.s.picker.Selected != "Week 47" {
		t.Errorf("picker shows %q", f.s.picker.Selected)
	}
}

func TestBoards_ReorderPersists(t *testing.T) {
	f := newBoardsFixture(t)
	f.pin(1, data.SidePositive)
	f.pin(2, data.SidePositive)
	f.pin(3, data.SideNegative)
	f.pin(4, data.SideNegative)
	f.open(fyne.CurrentApp())

	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"DragBelow", func() { f.drag(1, 2, f.s.cards[2].Size().Height-5) }, "pos:2 pos:1 neg:3 neg:4"},
		{"DragToOtherColumn", func() { f.drag(3, 2, 5) }, "pos:3 pos:2 pos:1 neg:4"},
		{"DropInPlace", func() { f.drag(4, 4, 5) }, "pos:3 pos:2 pos:1 neg:4"},
		{"AltDown", func() {
			f.s.cards[3].TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt})
		}, "pos:2 pos:3 pos:1 neg:4"},
		{"AltRight", func() {
			f.s.cards[1].TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
		}, "pos:2 pos:3 neg:4 neg:1"},
		{"MenuMoveUp", func() { menuItem(t, f.s.cardMenuOf(f.s.cards[1]), "Move up").Action() }, "pos:2 pos:3 neg:1 neg:4"},
		{"MenuToPositive", func() { menuItem(t, f.s.cardMenuOf(f.s.cards[4]), "Move to positive").Action() }, "pos:2 pos:3 pos:4 neg:1"},
		{"DeleteKey", func() { f.s.cards[3].TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) }, "pos:2 pos:4 neg:1"},
	}
	for _, s := range steps {
		s.do()
		f.settle()
		if got := f.fake.layout(f.board); got != s.want {
			t.Fatalf("%s: store has %q, want %q", s.name, got, s.want)
		}
		if got := f.shown(); got != s.want {
			t.Fatalf("%s: screen shows %q, want %q", s.name, got, s.want)
		}
	}
	// A keyboard move keeps the focus on the card moved.
	if focused, ok := f.w.Canvas().Focused().(*boardCard); !ok || focused.card.ResponseID != 4 {
		t.Errorf("focus is on %v after moving card 4", f.w.Canvas().Focused())
	}
	// Another visit to the screen reads the same order back.
	f.open(fyne.CurrentApp())
	if got := f.shown(); got != "pos:2 pos:4 neg:1" {
		t.Fatalf("reopened board shows %q", got)
	}
}

func TestBoards_CardMenu(t *testing.T) {
	f := newBoardsFixture(t)
	f.pin(1, data.SidePositive)
	f.pin(2, data.SidePositive)
	f.open(fyne.CurrentApp())
	labels := func(m *fyne.Menu) string {
		var out []string
		for _, it := range m.Items {
			if !it.IsSeparator {
				out = append(out, it.Label)
			}
		}
		return strings.Join(out, ", ")
	}
	// The first card cannot move up, the last cannot move down.
	if got := labels(f.s.cardMenuOf(f.s.cards[1])); got != "Move down, Move to negative, Edit presenter note…, Hide name, Remove from board" {
		t.Fatalf("menu of the first card: %s", got)
	}
	menuItem(t, f.s.cardMenuOf(f.s.cards[2]), "Hide name").Action()
	f.settle()
	if !f.s.cards[2].nameHidden || f.s.cards[1].nameHidden {
		t.Fatal("Hide name did not hide card 2's name alone")
	}
	if got := labels(f.s.cardMenuOf(f.s.cards[2])); !strings.Contains(got, "Move up") || !strings.Contains(got, "Show name") {
		t.Fatalf("menu of the last card with a hidden name: %s", got)
	}
	f.s.hideNames.SetChecked(true)
	f.settle()
	if !f.s.cards[1].nameHidden {
		t.Fatal("Hide names did not hide every name")
	}
}

func TestBoards_Fill(t *testing.T) {
	f := newBoardsFixture(t)
	f.fake.suggestions = []*data.Suggestion{
		{Side: data.SidePositive, Response: f.fake.responses[5], Group: "NPS · web"},
		{Side: data.SideNegative, Response: f.fake.responses[6], Group: "NPS · iOS"},
		{Side: data.SidePositive, Response: f.fake.responses[2], Group: "NPS · web"},
	}
	fd := f.s.openFill()
	f.settle()
	if fd.progress.Text != "Suggestion 1 of 3" || fd.add.Text != "Add to positive" {
		t.Fatalf("first suggestion: %q, button %q", fd.progress.Text, fd.add.Text)
	}
	test.Tap(fd.add)
	f.settle()
	if fd.add.Text != "Add to negative" {
		t.Fatalf("second suggestion's button says %q", fd.add.Text)
	}
	test.Tap(fd.skip)
	test.Tap(fd.add)
	f.settle()
	if got := f.fake.layout(f.board); got != "pos:5 pos:2" {
		t.Fatalf("after add, skip, add the board holds %q", got)
	}
	if got := f.shown(); got != "pos:5 pos:2" {
		t.Fatalf("the screen behind the dialog shows %q", got)
	}
	if !fd.add.Disabled() || !fd.skip.Disabled() {
		t.Fatal("buttons stay enabled after the last suggestion")
	}
	if end, ok := fd.preview.Objects[0].(*widget.Label); !ok || !strings.Contains(end.Text, "2 added to Week 47") {
		t.Fatalf("closing line: %#v", fd.preview.Objects[0])
	}
}

func TestBoards_NoBoards(t *testing.T) {
	f := newBoardsFixture(t)
	if err := f.fake.DeleteBoard(context.Background(), f.board); err != nil {
		t.Fatal(err)
	}
	f.open(fyne.CurrentApp())
	if !f.s.message.Visible() || !strings.Contains(f.s.message.Text, "No boards yet") {
		t.Fatalf("no board: message %q (visible %v)", f.s.message.Text, f.s.message.Visible())
	}
	for _, c := range f.s.editing {
		if !c.Disabled() {
			t.Fatal("board actions are enabled without a board")
		}
	}
}

func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// findAll returns the objects of type T under o, in drawing order, looking inside
// containers and widgets' renderers.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	if v, ok := o.(T); ok {
		out = append(out, v)
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, findAll[T](c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, findAll[T](c)...)
		}
	}
	return out
}

// dialogText returns the message and the title of the window's top information dialog, and
// closes it.
func (f *boardsFixture) dialogText() (msg, title string) {
	f.t.Helper()
	top := f.w.Canvas().Overlays().Top()
	if top == nil {
		f.t.Fatal("no dialog is showing")
	}
	labels := findAll[*widget.Label](top)
	if len(labels) != 2 {
		f.t.Fatalf("the dialog has %d labels, want a message and a title", len(labels))
	}
	f.w.Canvas().Overlays().Remove(top)
	return labels[0].Text, labels[1].Text
}

func TestBoards_ImportFile(t *testing.T) {
	f := newBoardsFixture(t)
	f.pin(1, data.SidePositive)
	f.pin(3, data.SideNegative)
	f.open(fyne.CurrentApp())
	snap, err := f.fake.BoardSnapshot(context.Background(), f.board)
	if err != nil {
		t.Fatal(err)
	}
	snap.Name = "Week 48"
	var good bytes.Buffer
	if err := boardfile.Write(&good, snap); err != nil {
		t.Fatal(err)
	}
	future := strings.Replace(good.String(), fmt.Sprintf(`"version": %d`, boardfile.Version), `"version": 99`, 1)
	if future == good.String() {
		t.Fatal("the board file has no version field to change")
	}

	bad := []struct {
		name, file, want string
	}{
		{"Truncated", good.String()[:good.Len()/2], "is a truncated board file"},
		{"FutureVersion", future, "is a version 99 board file, newer than this Verbatim reads"},
		{"NotABoard", "id,score,comment\n1,9,Great\n", "is not a Verbatim board file"},
		{"OtherJSON", `{"responses": []}`, "is not a Verbatim board file"},
		{"Empty", "", "is empty, not a board file"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			f.s.importFrom(io.NopCloser(strings.NewReader(c.file)), "week48"+boardfile.Extension)
			f.settle()
			msg, title := f.dialogText()
			if title != "Cannot import the board file" || !strings.HasPrefix(msg, "week48"+boardfile.Extension+" "+c.want) {
				t.Fatalf("dialog %q says %q, want the file's name and %q", title, msg, c.want)
			}
			if strings.Count(strings.TrimSuffix(msg, "."), ". ") > 0 || strings.Contains(msg, "\n") {
				t.Errorf("dialog says more than one sentence: %q", msg)
			}
			if f.fake.imports != 0 || f.fake.layout(f.board) != "pos:1 neg:3" || len(f.s.boards) != 1 {
				t.Fatalf("a bad file changed the boards: %d imports, Week 47 holds %q, %d boards",
					f.fake.imports, f.fake.layout(f.board), len(f.s.boards))
			}
		})
	}

	f.s.importFrom(io.NopCloser(bytes.NewReader(good.Bytes())), "week48"+boardfile.Extension)
	f.settle()
	if msg, _ := f.dialogText(); !strings.Contains(msg, "Week 48 imported from week48"+boardfile.Extension+": 2 cards") {
		t.Fatalf("after a good file the dialog says %q", msg)
	}
	if f.s.picker.Selected != "Week 48" || f.shown() != "pos:1 neg:3" || len(f.s.boards) != 2 {
		t.Fatalf("imported board: picker %q, showing %q, %d boards", f.s.picker.Selected, f.shown(), len(f.s.boards))
	}
}

func TestBoards_Note(t *testing.T) {
	f := newBoardsFixture(t)
	f.pin(1, data.SidePositive)
	f.open(fyne.CurrentApp())
	menuItem(t, f.s.cardMenuOf(f.s.cards[1]), "Edit presenter note…").Action()
	top := f.w.Canvas().Overlays().Top()
	entries := findAll[*widget.Entry](top)
	if len(entries) != 1 {
		t.Fatalf("the note dialog has %d entries", len(entries))
	}
	save := findButton(top, "Save")
	test.Type(entries[0], strings.Repeat("x", data.MaxNoteLength+1))
	if !save.Disabled() {
		t.Fatal("Save is enabled for a note over the limit")
	}
	entries[0].SetText("Read this one first: it is why we changed the invoices.")
	if save.Disabled() {
		t.Fatal("Save is disabled for a short note")
	}
	test.Tap(save)
	f.settle()
	if got := f.s.cards[1].card.Note; got != "Read this one first: it is why we changed the invoices." {
		t.Fatalf("card note after saving: %q", got)
	}
	var shown []string
	for _, h := range findAll[*highlightText](f.s.cards[1]) {
		shown = append(shown, h.text)
	}
	if !slices.Contains(shown, "Read this one first: it is why we changed the invoices.") {
		t.Fatalf("the card shows %q, not the note", shown)
	}
}

func TestBoards_LongCommentClamped(t *testing.T) {
	f := newBoardsFixture(t)
	f.fake.responses[1].Comment = strings.Repeat("We have used it for years and this is why we are leaving now. ", 20)
	f.pin(1, data.SidePositive)
	f.pin(2, data.SidePositive)
	f.open(fyne.CurrentApp())
	long, short := findAll[*highlightText](f.s.cards[1])[0], findAll[*highlightText](f.s.cards[2])[0]
	if long.lines != cardCommentLines || short.lines >= cardCommentLines {
		t.Fatalf("the long comment takes %d lines and the short one %d; want %d and fewer", long.lines, short.lines, cardCommentLines)
	}
	last := long.rich.Segments[len(long.rich.Segments)-1].(*widget.TextSegment).Text
	if !strings.HasSuffix(last, "…") {
		t.Fatalf("the clamped comment ends with %q, not …", last)
	}
}
