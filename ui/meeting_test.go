package ui

import (
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/verbatim-app/verbatim/data"
)

// fakeClock is a clock a test moves by hand: Advance calls the tickers' functions on the
// test's goroutine, as the UI goroutine would.
type fakeClock struct {
	now     time.Time
	tickers map[int]func()
	next    int
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), tickers: map[int]func(){}}
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Every(_ time.Duration, f func()) func() {
	c.next++
	id := c.next
	c.tickers[id] = f
	return func() { delete(c.tickers, id) }
}

func (c *fakeClock) Advance(d time.Duration) {
	c.now = c.now.Add(d)
	for _, f := range c.tickers {
		f()
	}
}

// meetingBoard has two positive and two negative cards; the first one's comment holds its
// author's name and email.
func meetingBoard() *data.Board {
	card := func(id int64, side string, score float64, comment, name string) *data.BoardCard {
		return &data.BoardCard{ResponseID: id, Side: side, Response: &data.Response{ID: id, SurveyType: data.TypeNPS,
			ScaleMax: 10, Score: data.Float(score), Comment: comment, RespondentName: name,
			RespondentEmail: strings.ToLower(strings.Fields(name)[0]) + "@example.com", CreatedAt: time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)}}
	}
	return &data.Board{ID: 1, Name: "Week 47", Cards: []*data.BoardCard{
		card(1, data.SidePositive, 10, "Ana here (ana@example.com): the new reports are wonderful", "Ana García"),
		card(2, data.SidePositive, 9, "Support fixed it in minutes", "Bob Stone"),
		card(3, data.SideNegative, 1, "Billed twice this month", "Cem Yılmaz"),
		card(4, data.SideNegative, 2, "The app crashes on big reports", "Dee Park"),
	}}
}

func newTestMeeting(t *testing.T, o meetingOptions) (*meeting, *fakeClock, *bool) {
	t.Helper()
	a := test.NewTempApp(t)
	clk := newFakeClock()
	closed := false
	m := startMeeting(a, meetingBoard(), data.BoardPrivacy{HiddenNames: map[int64]bool{4: true}}, o, clk, numbersFor("en"),
		func() { closed = true })
	t.Cleanup(m.close)
	return m, clk, &closed
}

func key(m *meeting, name fyne.KeyName) { m.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name}) }

func TestMeeting_Advances(t *testing.T) {
	m, _, _ := newTestMeeting(t, meetingOptions{duration: 5 * time.Minute, order: meetingAlternate})
	steps := []struct {
		name    string
		do      func()
		side    string
		comment string
	}{
		{"Start", func() {}, "POSITIVE", "the new reports are wonderful"},
		{"Right", func() { key(m, fyne.KeyRight) }, "NEGATIVE", "Billed twice"},
		{"Space", func() { key(m, fyne.KeySpace) }, "POSITIVE", "Support fixed it"},
		{"Left", func() { key(m, fyne.KeyLeft) }, "NEGATIVE", "Billed twice"},
		{"Click", func() { test.Tap(m.w.Content().(*fyne.Container).Objects[1].(*tapArea)) }, "POSITIVE", "Support fixed it"},
		{"Down", func() { key(m, fyne.KeyDown) }, "NEGATIVE", "crashes"},
		{"PastTheEnd", func() { key(m, fyne.KeyRight); key(m, fyne.KeyRight) }, "", "That was the board"},
	}
	for _, s := range steps {
		s.do()
		if m.sideLabel.Text != s.side || !strings.Contains(m.comment.label.Text, s.comment) {
			t.Fatalf("%s: showing %q %q; want %q containing %q", s.name, m.sideLabel.Text, m.comment.label.Text, s.side, s.comment)
		}
	}
}

func TestMeeting_PositiveFirst(t *testing.T) {
	m, _, _ := newTestMeeting(t, meetingOptions{duration: time.Minute, order: meetingBySide})
	var got []string
	for range m.cards {
		got = append(got, m.sideLabel.Text[:3])
		key(m, fyne.KeyRight)
	}
	if s := strings.Join(got, " "); s != "POS POS NEG NEG" {
		t.Fatalf("order %s, want POS POS NEG NEG", s)
	}
}

func TestMeeting_Countdown(t *testing.T) {
	m, clk, _ := newTestMeeting(t, meetingOptions{duration: 5 * time.Minute, order: meetingAlternate})
	steps := []struct {
		advance time.Duration
		timer   string
		band    string // "" for the normal colour
		timeUp  bool
	}{
		{0, "5:00", "", false},
		{time.Second, "4:59", "", false},
		{2*time.Minute + 59*time.Second, "2:00", "", false},
		{time.Minute, "1:00", data.BandNeutral, false},
		{59 * time.Second, "0:01", data.BandNeutral, false},
		{time.Second, "0:00", data.BandNegative, true},
		{time.Hour, "0:00", data.BandNegative, true},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		want := meetingText
		if s.band != "" {
			want = bandColor(s.band, true)
		}
		if m.timer.Text != s.timer || m.timer.Color != want || (m.timeUp.Text != "") != s.timeUp {
			t.Fatalf("at %s: timer %q in %v, time's up %q; want %q in %v, time's up %v",
				clk.now.Sub(m.started), m.timer.Text, m.timer.Color, m.timeUp.Text, s.timer, want, s.timeUp)
		}
		// The bar along the bottom shows the share of the time left.
		left := max(0, 5*time.Minute-clk.now.Sub(m.started))
		share := m.progress.Size().Width / m.track.Size().Width
		if m.track.Size().Width == 0 || math.Abs(float64(share)-left.Seconds()/300) > 0.01 {
			t.Fatalf("at %s: the time bar fills %.3f of the track, want %.3f", clk.now.Sub(m.started), share, left.Seconds()/300)
		}
	}
}

func TestMeeting_Names(t *testing.T) {
	m, _, _ := newTestMeeting(t, meetingOptions{duration: time.Minute, order: meetingBySide})
	if m.name.Text != "" || strings.Contains(m.comment.label.Text, "ana@example.com") || strings.Contains(m.comment.label.Text, "Ana") {
		t.Fatalf("names hidden by default, but showing %q / %q", m.name.Text, m.comment.label.Text)
	}
	m.w.Canvas().OnTypedRune()('n')
	if m.name.Text != "— Ana García · ana@example.com" || !strings.Contains(m.comment.label.Text, "ana@example.com") {
		t.Fatalf("after N: name %q, comment %q", m.name.Text, m.comment.label.Text)
	}
	// Card 4 hides its name on the board: N does not show it.
	for range 3 {
		key(m, fyne.KeyRight)
	}
	if m.name.Text != "" {
		t.Fatalf("card with a hidden name shows %q", m.name.Text)
	}
	m.w.Canvas().OnTypedRune()('N')
	key(m, fyne.KeyLeft)
	if m.name.Text != "" {
		t.Fatalf("names toggled off, still showing %q", m.name.Text)
	}
}

func TestMeeting_EscLeaves(t *testing.T) {
	m, clk, closed := newTestMeeting(t, meetingOptions{duration: time.Minute, order: meetingAlternate})
	key(m, fyne.KeyEscape)
	if !*closed || !m.closed {
		t.Fatal("Esc did not leave meeting mode")
	}
	if len(clk.tickers) != 0 {
		t.Fatal("the countdown still ticks after leaving")
	}
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w == m.w {
			t.Fatal("the meeting window is still open")
		}
	}
}

func TestMeeting_ShortCountdownWarns(t *testing.T) {
	// A one-minute countdown turns amber for its last fifth (12 s), not from the start.
	m, clk, _ := newTestMeeting(t, meetingOptions{duration: time.Minute, order: meetingAlternate})
	steps := []struct {
		advance time.Duration
		color   color.Color
	}{
		{0, meetingText},
		{47 * time.Second, meetingText},
		{time.Second, bandColor(data.BandNeutral, true)},
		{12 * time.Second, bandColor(data.BandNegative, true)},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		if m.timer.Color != s.color {
			t.Fatalf("at %s (%s left): timer in %v, want %v", clk.now.Sub(m.started), m.timer.Text, m.timer.Color, s.color)
		}
	}
}

func TestMeeting_TypeFitsTheScreen(t *testing.T) {
	m, _, _ := newTestMeeting(t, meetingOptions{duration: time.Minute, order: meetingAlternate})
	m.cards[0].Response.Comment = strings.Repeat("I have used it for years and want to say why in detail. ", 16)
	m.show()
	for _, size := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1280, Height: 720}} {
		m.w.Resize(size)
		// The long first card, then a short one.
		for _, card := range []int{0, 2} {
			m.index = card
			m.show()
			m.w.Content().Refresh()
			box := m.comment.box
			bottom := box.Position().Y + box.Size().Height
			if hint := m.hint.Position().Y; bottom > hint || box.Position().Y < m.timer.Position().Y+m.timer.Size().Height {
				t.Errorf("%v, card %d: the comment spans %.0f-%.0f, outside the room between the header and the hint at %.0f",
					size, card, box.Position().Y, bottom, hint)
			}
			if card == 0 && m.comment.size >= m.comment.base*size.Height/meetingHeight {
				t.Errorf("%v: the long comment kept its full size %.1f px", size, m.comment.size)
			}
			if card == 2 && m.comment.size != m.comment.base*size.Height/meetingHeight {
				t.Errorf("%v: a short comment is drawn at %.1f px, want its full size %.1f", size, m.comment.size, m.comment.base*size.Height/meetingHeight)
			}
			if m.timer.TextSize != 88*size.Height/meetingHeight {
				t.Errorf("%v: the timer is %.1f px, want it scaled to the screen", size, m.timer.TextSize)
			}
		}
	}
}
