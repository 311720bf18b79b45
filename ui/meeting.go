package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/data/privacy"
)

// Meeting orders: the cards alternate sides (positive, negative, positive...), or all the
// positive ones come first.
const (
	meetingAlternate = "alternate"
	meetingBySide    = "sides"
)

// Meeting mode's preferences, beside the app's others in prefs.go.
const (
	prefMeetingMinutes = "meetingMinutes" // the countdown, in whole minutes
	prefMeetingOrder   = "meetingOrder"   // meetingAlternate or meetingBySide
)

const (
	defaultMeetingMinutes = 5
	// meetingWarning is the longest the countdown stays amber before it runs out: its last
	// minute, or less for a short countdown (warningAt).
	meetingWarning = time.Minute
)

// meetingOptions are what the presenter chooses before starting.
type meetingOptions struct {
	duration  time.Duration
	order     string
	showNames bool // names and emails start hidden; N toggles them
	window    bool // a 1280×720 window instead of full screen (verbatim board meet --window)
}

// Colours of the presentation: a dark room-friendly background whatever the app's theme.
var (
	meetingBackground = color.NRGBA{R: 0x12, G: 0x15, B: 0x1b, A: 0xff}
	meetingText       = color.NRGBA{R: 0xf2, G: 0xf4, B: 0xf7, A: 0xff}
	meetingMuted      = color.NRGBA{R: 0x9a, G: 0xa3, B: 0xb0, A: 0xff}
	meetingNote       = color.NRGBA{R: 0xe9, G: 0xc9, B: 0x7a, A: 0xff} // a pale amber, like the notes on the board
	meetingTrack      = color.NRGBA{R: 0x2a, G: 0x2f, B: 0x38, A: 0xff}
)

// meetingCardOrder returns the cards in presentation order. Each side keeps the board's order.
func meetingCardOrder(cards []*data.BoardCard, order string) []*data.BoardCard {
	var pos, neg []*data.BoardCard
	for _, c := range cards {
		if c.Side == data.SidePositive {
			pos = append(pos, c)
		} else {
			neg = append(neg, c)
		}
	}
	if order == meetingBySide {
		return append(pos, neg...)
	}
	out := make([]*data.BoardCard, 0, len(cards))
	for i := 0; i < max(len(pos), len(neg)); i++ {
		if i < len(pos) {
			out = append(out, pos[i])
		}
		if i < len(neg) {
			out = append(out, neg[i])
		}
	}
	return out
}

// meeting is the full-screen presentation of a board: one card at a time in large type and
// a countdown, for reading customers' words aloud. It works from the board already loaded,
// so it needs neither the network nor the database once started. UI goroutine only.
type meeting struct {
	w         fyne.Window
	board     string
	cards     []*data.BoardCard
	privacy   data.BoardPrivacy
	clock     clock
	duration  time.Duration
	started   time.Time
	index     int // len(cards) is the closing slide
	showNames bool
	closed    bool
	stopTicks func()
	onClosed  func()
	numbers   numberFormat

	sideLabel, position, timer, timeUp, meta, name, hint *canvas.Text
	comment, note                                        *paragraph
	accent, track, progress                              *canvas.Rectangle // progress: the time left, over track
	remaining                                            float64           // share of the time left, 0..1

	// Type follows the screen's height, so a projector at 720p and a 4K TV read alike from
	// the back of the room: sizes are given for 1080 pixels and scaled by scale.
	scale     float32
	textSizes map[*canvas.Text]float32 // each text's size at meetingHeight pixels
	fit       commentFit               // what the comment's size was last fitted to
	fitHeight float32                  // and the height it took
}

// meetingHeight is the screen height the type sizes are given for.
const meetingHeight = 1080

// startMeeting opens the presentation of a board's cards in a new full-screen window.
// onClosed runs when it is left (Esc, or the window closed).
func startMeeting(a fyne.App, b *data.Board, p data.BoardPrivacy, o meetingOptions, clk clock, numbers numberFormat, onClosed func()) *meeting {
	m := &meeting{board: b.Name, cards: meetingCardOrder(b.Cards, o.order), privacy: p, clock: clk,
		duration: o.duration, showNames: o.showNames, onClosed: onClosed, numbers: numbers, remaining: 1,
		scale: 1, textSizes: map[*canvas.Text]float32{}}
	// The title starts with the product's name, as every Verbatim window's does, and an
	// ASCII separator: tools that list windows outside a UTF-8 locale then still read it.
	m.w = a.NewWindow("Verbatim - " + lang.L("Meeting: {{.Board}}", map[string]any{"Board": b.Name}))
	m.w.SetPadded(false)
	m.w.SetContent(m.build())
	m.w.Canvas().SetOnTypedKey(m.typedKey)
	m.w.Canvas().SetOnTypedRune(m.typedRune)
	m.w.SetOnClosed(m.stop)
	if o.window {
		m.w.Resize(fyne.NewSize(1280, 720))
	} else {
		m.w.SetFullScreen(true)
	}
	m.started = clk.Now()
	m.show()
	m.tick()
	m.stopTicks = clk.Every(250*time.Millisecond, m.tick)
	m.w.Show()
	return m
}

func (m *meeting) build() fyne.CanvasObject {
	text := func(size float32, c color.Color, bold bool) *canvas.Text {
		t := canvas.NewText("", c)
		t.TextSize = size
		m.textSizes[t] = size
		t.TextStyle.Bold = bold
		return t
	}
	m.sideLabel = text(36, meetingText, true)
	m.position = text(28, meetingMuted, false)
	m.timer = text(88, meetingText, true)
	m.timer.Alignment = fyne.TextAlignTrailing
	m.timeUp = text(30, bandColor(data.BandNegative, true), true)
	m.timeUp.Alignment = fyne.TextAlignTrailing
	m.meta = text(28, meetingMuted, false)
	m.meta.Alignment = fyne.TextAlignCenter
	m.name = text(32, meetingMuted, false)
	m.name.TextStyle.Italic = true
	m.name.Alignment = fyne.TextAlignCenter
	m.hint = text(20, meetingMuted, false)
	m.hint.Alignment = fyne.TextAlignCenter
	m.comment = newParagraph(meetingText, 60, false)
	m.note = newParagraph(meetingNote, 28, false)
	m.accent = canvas.NewRectangle(meetingText)
	m.accent.CornerRadius = 4
	m.progress = canvas.NewRectangle(meetingText)
	m.track = canvas.NewRectangle(meetingTrack)
	bg := canvas.NewRectangle(meetingBackground)

	l := &meetingLayout{m: m}
	objects := []fyne.CanvasObject{bg, m.track, m.progress, m.accent, m.sideLabel, m.position, m.timer, m.timeUp,
		m.comment.box, m.meta, m.name, m.note.box, m.hint}
	return container.NewStack(container.New(l, objects...), newTapArea(m.next, m.previous))
}

// typedKey moves through the cards and leaves on Esc.
func (m *meeting) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyPageDown:
		m.next()
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		m.previous()
	case fyne.KeyEscape:
		m.close()
	}
}

// typedRune toggles names with N.
func (m *meeting) typedRune(r rune) {
	if r == 'n' || r == 'N' {
		m.showNames = !m.showNames
		m.show()
	}
}

func (m *meeting) next() {
	if m.index < len(m.cards) {
		m.index++
		m.show()
	}
}

func (m *meeting) previous() {
	if m.index > 0 {
		m.index--
		m.show()
	}
}

// close leaves meeting mode.
func (m *meeting) close() {
	if !m.closed {
		m.w.Close() // runs stop through SetOnClosed
	}
}

// stop ends the countdown; it runs once, however the window was closed.
func (m *meeting) stop() {
	if m.closed {
		return
	}
	m.closed = true
	m.stopTicks()
	if m.onClosed != nil {
		m.onClosed()
	}
}

// show draws the current card, or the closing slide after the last one.
func (m *meeting) show() {
	total := len(m.cards)
	if m.index >= total {
		m.sideLabel.Text, m.meta.Text, m.name.Text = "", "", ""
		m.note.label.SetText("")
		m.accent.FillColor = meetingMuted
		m.position.Text = lang.N("{{.Count}} card", total, map[string]any{"Count": m.numbers.int(total)})
		m.setComment(lang.L("That was the board. Thank you!"), 56)
		if total == 0 {
			m.setComment(lang.L("This board has no cards yet."), 56)
		}
	} else {
		c := m.cards[m.index]
		r := c.Response
		sideColor := bandColor(data.BandPositive, true)
		m.sideLabel.Text = strings.ToUpper(lang.L("Positive"))
		if c.Side == data.SideNegative {
			sideColor = bandColor(data.BandNegative, true)
			m.sideLabel.Text = strings.ToUpper(lang.L("Negative"))
		}
		m.sideLabel.Color, m.accent.FillColor = sideColor, sideColor
		m.position.Text = lang.L("{{.Index}} of {{.Total}}", map[string]any{"Index": m.numbers.int(m.index + 1), "Total": m.numbers.int(total)})
		named := m.showNames && !m.privacy.NameHidden(r.ID)
		comment := r.Comment
		m.name.Text = ""
		if named {
			who := r.RespondentName
			if r.RespondentEmail != "" {
				who = strings.TrimSpace(who + " · " + r.RespondentEmail)
			}
			if who != "" {
				m.name.Text = "— " + strings.TrimPrefix(who, "· ")
			}
		} else {
			// Names hidden: hide them inside the comment too, with emails and phone numbers.
			comment = privacy.MaskText(comment, r.RespondentName)
		}
		m.setComment("“"+comment+"”", commentSize(comment))
		m.meta.Text = cardMeta(m.numbers, r)
		note := ""
		if c.Note != "" {
			note = lang.L("Note: {{.Note}}", map[string]any{"Note": c.Note})
		}
		m.note.label.SetText(note)
	}
	if m.showNames {
		m.hint.Text = lang.L("→ or Space: next · ←: back · N: hide names · Esc: leave")
	} else {
		m.hint.Text = lang.L("→ or Space: next · ←: back · N: show names · Esc: leave")
	}
	for _, t := range []*canvas.Text{m.sideLabel, m.position, m.meta, m.name, m.hint} {
		t.Refresh()
	}
	m.accent.Refresh()
	m.w.Content().Refresh()
}

// setComment shows text; base is its size at 1080 pixels, which the layout scales to the
// screen and shrinks when the text would not fit.
func (m *meeting) setComment(text string, base float32) {
	m.comment.base = base
	m.comment.label.SetText(text)
}

// commentSize is the type size (at 1080 pixels) that keeps a comment readable at 4 m: large
// for a sentence, smaller for a paragraph. The layout shrinks it further if need be.
func commentSize(comment string) float32 {
	switch n := len([]rune(comment)); {
	case n <= 160:
		return 60
	case n <= 320:
		return 50
	default:
		return 42
	}
}

// rescale sets every text's size for a screen height.
func (m *meeting) rescale(height float32) {
	k := max(0.5, height/meetingHeight)
	if k == m.scale {
		return
	}
	m.scale = k
	for t, size := range m.textSizes {
		t.TextSize = size * k
		t.Refresh()
	}
}

// cardMeta is the line under a comment: score, survey type and date.
func cardMeta(f numberFormat, r *data.Response) string {
	parts := []string{strings.ToUpper(r.SurveyType), f.date(r.CreatedAt.Local())}
	if r.Score != nil {
		parts = append([]string{scoreOutOf(f, r)}, parts...)
	}
	return strings.Join(parts, "  ·  ")
}

// scoreOutOf writes a score on its scale: "9/10", "4,5/5".
func scoreOutOf(f numberFormat, r *data.Response) string {
	places := 0
	if *r.Score != math.Trunc(*r.Score) {
		places = 1
	}
	return f.fixed(*r.Score, places) + "/" + f.int(r.ScaleMax)
}

// scoreBand is the band of a response's score, "" without one.
func scoreBand(r *data.Response) string {
	if r.Score == nil {
		return ""
	}
	return metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax).Band(*r.Score)
}

// commentFit is what the comment's size was fitted to; the countdown relays the screen out
// four times a second, and fitting a long comment again each time would be wasted work.
type commentFit struct {
	text                string
	base, width, height float32
}

// fitComment draws the comment as large as its base size allows within width and height
// (in pixels, at the current scale) and returns its height.
func (m *meeting) fitComment(width, height float32) float32 {
	key := commentFit{text: m.comment.label.Text, base: m.comment.base * m.scale, width: width, height: height}
	if key == m.fit {
		return m.fitHeight
	}
	size := key.base
	m.comment.setSize(size)
	h := m.comment.heightAt(width)
	// A paragraph's height goes roughly with the square of its type size (more lines, each
	// taller): jump close to the size that fits, then close in a little at a time.
	minSize := 20 * m.scale
	for h > height && size > minSize {
		size = max(minSize, size*min(0.95, float32(math.Sqrt(float64(height/h)))))
		m.comment.setSize(size)
		h = m.comment.heightAt(width)
	}
	m.fit, m.fitHeight = key, h
	return h
}

// warningAt is how much time is left when the countdown turns amber: the last minute, or
// the last fifth of a countdown shorter than five minutes.
func warningAt(d time.Duration) time.Duration { return min(meetingWarning, d/5) }

// tick redraws the countdown: white, amber near the end (warningAt), red with "Time's up"
// after.
func (m *meeting) tick() {
	if m.closed {
		return
	}
	left := m.duration - m.clock.Now().Sub(m.started)
	c := meetingText
	m.timeUp.Text = ""
	switch {
	case left <= 0:
		c = bandColor(data.BandNegative, true)
		m.timeUp.Text = lang.L("Time's up")
		left = 0
	case left <= warningAt(m.duration):
		c = bandColor(data.BandNeutral, true)
	}
	secs := int(math.Ceil(left.Seconds()))
	m.timer.Text = fmt.Sprintf("%d:%02d", secs/60, secs%60)
	m.timer.Color, m.progress.FillColor = c, c
	m.remaining = 0
	if m.duration > 0 {
		m.remaining = float64(left) / float64(m.duration)
	}
	// Only the clock changes: the comment is not wrapped again four times a second.
	m.progress.Resize(fyne.NewSize(m.track.Size().Width*float32(m.remaining), m.track.Size().Height))
	m.timer.Refresh()
	m.timeUp.Refresh()
	m.progress.Refresh()
}

// meetingLayout places the presentation: a header (side, position, countdown), the comment
// centred in a readable measure, the meta line, name and note under it, the key hint and
// the time bar at the bottom.
type meetingLayout struct {
	m *meeting
}

func (l *meetingLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(640, 480) }

func (l *meetingLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	m := l.m
	m.rescale(size.Height)
	objects[0].Resize(size) // background
	objects[0].Move(fyne.NewPos(0, 0))
	margin := max(40, size.Width*0.05)
	place := func(o fyne.CanvasObject, x, y, w, h float32) {
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
	}
	textHeight := func(t *canvas.Text) float32 { return t.MinSize().Height }

	// Header.
	top := margin * 0.8
	place(m.accent, margin, top+6, 10, textHeight(m.sideLabel)+textHeight(m.position)-6)
	place(m.sideLabel, margin+28, top, size.Width/2, textHeight(m.sideLabel))
	place(m.position, margin+28, top+textHeight(m.sideLabel)+2, size.Width/2, textHeight(m.position))
	place(m.timer, size.Width/2, top-8, size.Width/2-margin, textHeight(m.timer))
	place(m.timeUp, size.Width/2, top+textHeight(m.timer)-4, size.Width/2-margin, textHeight(m.timeUp))

	// Bottom: the time bar along the edge, the hint above it.
	bar := float32(8)
	place(m.track, 0, size.Height-bar, size.Width, bar)
	place(m.progress, 0, size.Height-bar, size.Width*float32(m.remaining), bar)
	hintY := size.Height - bar - margin*0.6 - textHeight(m.hint)
	place(m.hint, 0, hintY, size.Width, textHeight(m.hint))

	// Middle: the comment in at most ~72% of the width, with its meta, name and note under
	// it, its type shrunk until the whole block fits between the header and the hint.
	k := m.scale
	width := min(size.Width-2*margin, max(size.Width*0.72, 600))
	gap, nameGap := 32*k, 12*k
	headerBottom := top + textHeight(m.timer) + textHeight(m.timeUp)
	room := hintY - headerBottom - 2*gap
	m.note.setSize(m.note.base * k)
	fixed := gap + textHeight(m.meta)
	if m.name.Text != "" {
		fixed += nameGap + textHeight(m.name)
	}
	noteH := m.note.heightAt(width)
	if noteH > 0 {
		fixed += gap + noteH
	}
	commentH := m.fitComment(width, room-fixed)
	y := max(headerBottom+gap, headerBottom+(hintY-headerBottom-commentH-fixed)/2)
	x := (size.Width - width) / 2
	place(m.comment.box, x, y, width, commentH)
	y += commentH + gap
	place(m.meta, x, y, width, textHeight(m.meta))
	y += textHeight(m.meta)
	place(m.name, x, y+nameGap, width, textHeight(m.name))
	if m.name.Text != "" {
		y += nameGap + textHeight(m.name)
	}
	place(m.note.box, x, y+gap, width, noteH)
}

// tapArea covers the presentation: a click advances, a right click goes back.
type tapArea struct {
	widget.BaseWidget
	onTap, onSecondary func()
}

func newTapArea(onTap, onSecondary func()) *tapArea {
	t := &tapArea{onTap: onTap, onSecondary: onSecondary}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) Tapped(*fyne.PointEvent)          { t.onTap() }
func (t *tapArea) TappedSecondary(*fyne.PointEvent) { t.onSecondary() }

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
