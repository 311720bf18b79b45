package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/verbatim-app/verbatim/assets"
	"github.com/verbatim-app/verbatim/data"
)

// MeetingOptions say how `verbatim board meet` presents a board.
type MeetingOptions struct {
	Minutes       int    // the countdown; 0 is the one last chosen in the app (5 by default)
	PositiveFirst bool   // all positive cards, then all negative ones, instead of alternating
	ShowNames     bool   // names and emails start shown (N toggles them either way)
	Window        bool   // a 1280×720 window instead of full screen, to try it out
	Lang          string // en, es or tr; "" is the saved setting or the system's language
}

// RunMeeting presents a board in meeting mode on its own, without the main window, and runs
// the app until the presentation is left (Esc, the window closing) or ctx ends (Ctrl+C in
// the terminal that started it). privacy says whose names the board hides.
func RunMeeting(ctx context.Context, fa fyne.App, b *data.Board, privacy data.BoardPrivacy, opts MeetingOptions) {
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	prefs := fa.Preferences()
	code := prefs.StringWithFallback(prefLanguage, defaultLanguage())
	if knownLanguage(opts.Lang) {
		code = opts.Lang
	}
	if err := setLanguage(code); err != nil {
		fyne.LogError("meeting: set the interface language", err)
	}
	minutes := opts.Minutes
	if minutes <= 0 {
		minutes = prefs.IntWithFallback(prefMeetingMinutes, defaultMeetingMinutes)
	}
	o := meetingOptions{duration: time.Duration(minutes) * time.Minute, order: meetingAlternate,
		showNames: opts.ShowNames, window: opts.Window}
	if opts.PositiveFirst {
		o.order = meetingBySide
	}
	m := startMeeting(fa, b, privacy, o, systemClock{}, numbersFor(code), nil)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			fyne.Do(m.close)
		case <-done:
		}
	}()
	fa.Run()
}
