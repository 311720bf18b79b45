package ui

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// followUpChoices are the follow-up select's options, in order, with the status each sets.
var followUpChoices = []struct{ status, label string }{
	{"", "No follow-up"},
	{data.FollowUpOpen, "Follow-up open"},
	{data.FollowUpContacted, "Contacted"},
	{data.FollowUpClosed, "Closed"},
}

// commentDetail is the pane that shows one response in full and edits what the team adds to
// it: tags, notes, follow-up status, board pins.
type commentDetail struct {
	s      *commentsScreen
	id     int64
	detail *data.CommentDetail
	gen    generation

	chip      *scoreChip
	heading   *widget.Label
	meta      *widget.Label
	text      *highlightText
	permalink *widget.Button
	segments  *fyne.Container
	answers   *fyne.Container
	tags      *fyne.Container
	tagEntry  *tagEntry
	notes     *fyne.Container
	noteEntry *widget.Entry
	followUp  *widget.Select
	pinPos    *widget.Button
	pinNeg    *widget.Button
	status    *widget.Label
	body      *fyne.Container
	empty     *widget.Label
	content   *fyne.Container
}

func newCommentDetail(s *commentsScreen) *commentDetail {
	d := &commentDetail{s: s,
		chip:     newScoreChip(fyne.NewSize(52, 40)),
		heading:  widget.NewLabel(""),
		meta:     widget.NewLabel(""),
		text:     newHighlightText(theme.SizeNameSubHeadingText, 0),
		segments: container.New(layout.NewFormLayout()),
		answers:  container.New(layout.NewFormLayout()),
		tags:     container.NewHBox(),
		notes:    container.NewVBox(),
		status:   widget.NewLabel(""),
		empty:    widget.NewLabel(lang.L("Select a comment to see it in full.")),
	}
	d.heading.TextStyle.Bold = true
	d.meta.Wrapping = fyne.TextWrapWord
	d.status.Importance = widget.LowImportance
	d.status.Wrapping = fyne.TextWrapWord
	d.empty.Alignment = fyne.TextAlignCenter
	d.permalink = widget.NewButtonWithIcon(lang.L("Open in survey tool"), theme.ComputerIcon(), d.openPermalink)
	d.tagEntry = newTagEntry(s.tagList, d.addTag)
	d.noteEntry = widget.NewMultiLineEntry()
	d.noteEntry.SetPlaceHolder(lang.L("Add a note for the team…"))
	d.noteEntry.SetMinRowsVisible(2)
	addNote := widget.NewButtonWithIcon(lang.L("Add note"), theme.ContentAddIcon(), func() { d.addNote(d.noteEntry.Text) })
	labels := make([]string, len(followUpChoices))
	for i, c := range followUpChoices {
		labels[i] = lang.L(c.label)
	}
	d.followUp = widget.NewSelect(labels, d.followUpChanged)
	d.pinPos = widget.NewButtonWithIcon(lang.L("Pin positive"), theme.ConfirmIcon(), func() { d.pin(data.SidePositive) })
	d.pinNeg = widget.NewButtonWithIcon(lang.L("Pin negative"), theme.CancelIcon(), func() { d.pin(data.SideNegative) })

	section := func(title string) fyne.CanvasObject {
		l := widget.NewLabel(title)
		l.TextStyle.Bold = true
		return l
	}
	d.body = container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(d.chip), nil, container.NewVBox(d.heading, d.meta)),
		widget.NewSeparator(),
		d.text,
		container.NewHBox(d.permalink),
		section(lang.L("Tags")), d.tags, d.tagEntry, d.tagEntry.suggestionBox,
		section(lang.L("Follow-up")), d.followUp,
		section(lang.L("Board")), container.NewGridWithColumns(2, d.pinPos, d.pinNeg),
		section(lang.L("Notes")), d.notes, d.noteEntry, container.NewHBox(layout.NewSpacer(), addNote),
		d.status,
		section(lang.L("Segments")), d.segments,
		section(lang.L("Other answers")), d.answers,
	)
	d.tagEntry.hideSuggestions()
	d.text.onLines = d.body.Refresh
	d.content = container.NewStack(container.NewCenter(d.empty), container.NewVScroll(container.NewPadded(d.body)))
	d.show(0)
	return d
}

// show loads and shows response id; 0 empties the pane.
func (d *commentDetail) show(id int64) {
	d.id = id
	gen := d.gen.next()
	if id == 0 {
		d.detail = nil
		d.content.Objects[0].Show()
		d.content.Objects[1].Hide()
		return
	}
	load(d.s.bg, func(ctx context.Context) (*data.CommentDetail, error) {
		return d.s.svc.Comments.CommentDetail(ctx, id)
	}, func(det *data.CommentDetail, err error) {
		if !d.gen.current(gen) {
			return
		}
		if err != nil {
			d.status.SetText(loadFailed(err))
			return
		}
		d.detail = det
		d.fill()
	})
}

// reload shows the current response again, after a change.
func (d *commentDetail) reload() { d.show(d.id) }

func (d *commentDetail) fill() {
	det, r := d.detail, d.detail.Response
	d.content.Objects[0].Hide()
	d.content.Objects[1].Show()
	nf := d.s.numbers()
	d.chip.set(r)
	heading := typeLabel(r.SurveyType)
	if r.Score != nil {
		heading += " " + scoreText(r) + " / " + fmt.Sprint(r.ScaleMax)
	}
	if band := responseBand(r); band != "" {
		pos, neu, neg := bandLabels(r.SurveyType)
		heading += " · " + map[string]string{data.BandPositive: pos, data.BandNeutral: neu, data.BandNegative: neg}[band]
	}
	d.heading.SetText(heading)
	meta := []string{nf.date(r.CreatedAt.Local()) + " " + r.CreatedAt.Local().Format("15:04")}
	for _, s := range []string{r.Survey, det.Source} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	d.meta.SetText(strings.Join(meta, " · "))
	comment := r.Comment
	if comment == "" {
		comment = lang.L("(no comment)")
	}
	d.text.set(comment, d.s.terms)
	if r.Permalink != "" {
		d.permalink.Show()
	} else {
		d.permalink.Hide()
	}
	fillPairs(d.segments, r.Properties)
	fillPairs(d.answers, r.Answers)

	d.tags.RemoveAll()
	for _, t := range det.Tags {
		d.tags.Add(d.tagWithRemove(t))
	}
	if len(det.Tags) == 0 {
		d.tags.Add(lowLabel(lang.L("No tags yet.")))
	}
	d.notes.RemoveAll()
	for _, n := range det.Notes {
		d.notes.Add(d.noteRow(n))
	}
	d.followUp.OnChanged = nil // setting the current value is not a change
	for i, c := range followUpChoices {
		if c.status == det.FollowUp {
			d.followUp.SetSelectedIndex(i)
		}
	}
	d.followUp.OnChanged = d.followUpChanged
	d.pinPos.Importance, d.pinNeg.Importance = widget.MediumImportance, widget.MediumImportance
	switch d.defaultSide() {
	case data.SidePositive:
		d.pinPos.Importance = widget.HighImportance
	case data.SideNegative:
		d.pinNeg.Importance = widget.HighImportance
	}
	d.pinPos.Refresh()
	d.pinNeg.Refresh()
	d.body.Refresh()
}

// fillPairs lists a string map as key: value rows, keys sorted.
func fillPairs(c *fyne.Container, m map[string]string) {
	c.RemoveAll()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := widget.NewLabel(k)
		key.Importance = widget.LowImportance
		value := widget.NewLabel(m[k])
		value.Wrapping = fyne.TextWrapWord
		c.Add(key)
		c.Add(value)
	}
	if len(keys) == 0 {
		c.Add(lowLabel("–"))
		c.Add(widget.NewLabel(""))
	}
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

// tagWithRemove is a tag chip with who put it there and a button removing it.
func (d *commentDetail) tagWithRemove(t data.TagRef) fyne.CanvasObject {
	remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { d.removeTag(t) })
	remove.Importance = widget.LowImportance
	chip := newTagChip(t.Name, t.Color)
	var origin string
	switch t.Origin {
	case data.OriginRule:
		origin = lang.L("by rule")
	case data.OriginSource:
		origin = lang.L("from source")
	}
	items := []fyne.CanvasObject{container.NewCenter(chip)}
	if origin != "" {
		o := canvas.NewText(origin, theme.Color(theme.ColorNamePlaceHolder))
		o.TextSize = theme.CaptionTextSize()
		items = append(items, container.NewCenter(o))
	}
	return container.NewHBox(append(items, remove)...)
}

// noteRow is one note with edit and delete buttons.
func (d *commentDetail) noteRow(n data.Note) fyne.CanvasObject {
	body := widget.NewLabel(n.Body)
	body.Wrapping = fyne.TextWrapWord
	when := widget.NewLabel(d.s.numbers().date(n.CreatedAt.Local()))
	when.Importance = widget.LowImportance
	when.SizeName = theme.SizeNameCaptionText
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { d.editNote(n) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.deleteNote(n) })
	edit.Importance, del.Importance = widget.LowImportance, widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), container.NewVBox(body, when))
}

// act runs a change off the UI goroutine, then reloads the pane and tells the screen the
// response changed (its row shows tags).
func (d *commentDetail) act(done string, change func(ctx context.Context) error) {
	id := d.id
	load(d.s.bg, func(ctx context.Context) (struct{}, error) { return struct{}{}, change(ctx) },
		func(_ struct{}, err error) {
			if err != nil {
				showError(err, d.s.w)
				return
			}
			d.status.SetText(done)
			d.s.responseChanged(id)
			if d.id == id {
				d.reload()
			}
		})
}

func (d *commentDetail) addTag(name string) {
	if d.id == 0 {
		return
	}
	id := d.id
	d.act(lang.L("Tagged {{.Tag}}.", map[string]any{"Tag": name}), func(ctx context.Context) error {
		tag, err := d.s.svc.Tags.EnsureTag(ctx, name)
		if err != nil {
			return err
		}
		return d.s.svc.Tags.TagResponses(ctx, tag.ID, []int64{id}, data.OriginUser)
	})
}

func (d *commentDetail) removeTag(t data.TagRef) {
	id := d.id
	d.act(lang.L("Removed {{.Tag}}.", map[string]any{"Tag": t.Name}), func(ctx context.Context) error {
		return d.s.svc.Tags.UntagResponses(ctx, t.ID, []int64{id})
	})
}

func (d *commentDetail) addNote(body string) {
	if d.id == 0 || strings.TrimSpace(body) == "" {
		return
	}
	id := d.id
	d.noteEntry.SetText("")
	d.act(lang.L("Note added."), func(ctx context.Context) error {
		_, err := d.s.svc.Notes.AddNote(ctx, id, body)
		return err
	})
}

func (d *commentDetail) editNote(n data.Note) {
	entry := widget.NewMultiLineEntry()
	entry.SetText(n.Body)
	entry.SetMinRowsVisible(4)
	dlg := dialog.NewForm(lang.L("Edit note"), lang.L("Save"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", entry)}, func(ok bool) {
			if !ok || strings.TrimSpace(entry.Text) == "" {
				return
			}
			d.act(lang.L("Note saved."), func(ctx context.Context) error {
				return d.s.svc.Annotations.UpdateNote(ctx, n.ID, entry.Text)
			})
		}, d.s.w)
	dlg.Resize(fyne.NewSize(420, 220))
	dlg.Show()
}

func (d *commentDetail) deleteNote(n data.Note) {
	dialog.ShowConfirm(lang.L("Delete note"), lang.L("Delete this note? This cannot be undone."), func(ok bool) {
		if ok {
			d.act(lang.L("Note deleted."), func(ctx context.Context) error {
				return d.s.svc.Annotations.DeleteNote(ctx, n.ID)
			})
		}
	}, d.s.w)
}

func (d *commentDetail) followUpChanged(string) {
	i := d.followUp.SelectedIndex()
	if d.id == 0 || i < 0 {
		return
	}
	d.setFollowUp(followUpChoices[i].status)
}

func (d *commentDetail) setFollowUp(status string) {
	id := d.id
	d.act(lang.L("Follow-up updated."), func(ctx context.Context) error {
		if status == "" {
			return d.s.svc.Annotations.ClearFollowUp(ctx, id)
		}
		return d.s.svc.Notes.SetFollowUp(ctx, id, status)
	})
}

// cycleFollowUp moves to the next follow-up status (the f key).
func (d *commentDetail) cycleFollowUp() {
	if d.detail == nil {
		return
	}
	d.followUp.SetSelectedIndex((d.followUp.SelectedIndex() + 1) % len(followUpChoices))
}

// defaultSide is the board side a response's score suggests: promoters positive,
// detractors negative, nothing for the rest.
func (d *commentDetail) defaultSide() string {
	if d.detail == nil {
		return ""
	}
	switch responseBand(d.detail.Response) {
	case data.BandPositive:
		return data.SidePositive
	case data.BandNegative:
		return data.SideNegative
	}
	return ""
}

// pin puts the response on the newest board (creating "Week N" when there is none).
func (d *commentDetail) pin(side string) {
	if d.id == 0 {
		return
	}
	id := d.id
	load(d.s.bg, func(ctx context.Context) (string, error) {
		b, err := d.s.pinBoard(ctx)
		if err != nil {
			return "", err
		}
		return b.Name, d.s.svc.Boards.PinCard(ctx, b.ID, id, side)
	}, func(board string, err error) {
		if err != nil {
			showError(err, d.s.w)
			return
		}
		msg := lang.L("Pinned to {{.Board}}, positive side.", map[string]any{"Board": board})
		if side == data.SideNegative {
			msg = lang.L("Pinned to {{.Board}}, negative side.", map[string]any{"Board": board})
		}
		d.status.SetText(msg)
	})
}

func (d *commentDetail) openPermalink() {
	if d.detail == nil || d.detail.Response.Permalink == "" {
		return
	}
	u, err := url.Parse(d.detail.Response.Permalink)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		showError(data.Errorf(data.EINVALID, "the link %q is not a web address", d.detail.Response.Permalink), d.s.w)
		return
	}
	if err := fyne.CurrentApp().OpenURL(u); err != nil {
		showError(err, d.s.w)
	}
}

// weekBoardName names a board after the ISO week of t: "Week 48".
func weekBoardName(t time.Time) string {
	_, w := t.ISOWeek()
	return lang.L("Week {{.Week}}", map[string]any{"Week": w})
}
