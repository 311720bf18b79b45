package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// onMeeting asks for the countdown and the order, then presents the board full screen.
func (s *boardsScreen) onMeeting() {
	if s.board == nil {
		return
	}
	minutes := widget.NewEntry()
	minutes.SetText(strconv.Itoa(s.prefs.IntWithFallback(prefMeetingMinutes, defaultMeetingMinutes)))
	minutes.Validator = func(text string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(text)); err != nil || n < 1 || n > 120 {
			return fmt.Errorf("%s", lang.L("A whole number of minutes from 1 to 120"))
		}
		return nil
	}
	orders := []string{lang.L("Alternate positive and negative"), lang.L("All positive, then all negative")}
	order := widget.NewRadioGroup(orders, nil)
	order.Required = true
	order.SetSelected(orders[0])
	if s.prefs.StringWithFallback(prefMeetingOrder, meetingAlternate) == meetingBySide {
		order.SetSelected(orders[1])
	}
	names := widget.NewCheck(lang.L("Show names and emails"), nil)

	board, privacy := s.board, s.privacy
	d := dialog.NewForm(lang.L("Meeting mode"), lang.L("Start"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Countdown (minutes)"), minutes),
		widget.NewFormItem(lang.L("Order"), order),
		widget.NewFormItem("", names),
	}, func(ok bool) {
		if !ok {
			return
		}
		n, _ := strconv.Atoi(strings.TrimSpace(minutes.Text))
		o := meetingOptions{duration: time.Duration(n) * time.Minute, order: meetingAlternate, showNames: names.Checked}
		if order.Selected == orders[1] {
			o.order = meetingBySide
		}
		s.prefs.SetInt(prefMeetingMinutes, n)
		s.prefs.SetString(prefMeetingOrder, o.order)
		startMeeting(s.app, board, privacy, o, s.clock, s.numbers, nil)
	}, s.w)
	d.Resize(fyne.NewSize(480, 300))
	d.Show()
}
