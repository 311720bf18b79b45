package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
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
	f := &boardsFixture{t: t, fake: newFakeBoards(rs...)}
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
	f := newBoardsFixture(t)
	if got := f.shown(); got != "" {
		t.Fatalf("new board shows %q", got)
	}
	// The Comments screen pins through the service; the board shows it when next shown.
	f.pin(1, data.SidePositive)
	f.pin(3, data.SideNegative)
	f.pin(2, data.SidePositive)
	f.open(fyne.CurrentApp())
	if got, want := f.shown(), "pos:1 pos:2 neg:3"; got != want {
		t.Fatalf("board shows %q, want %q", got, want)
	}
	if got := f.s.counts[0].Text + "/" + f.s.counts[1].Text; got != "2/1" {
		t.Errorf("column counts %s, want 2/1", got)
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
