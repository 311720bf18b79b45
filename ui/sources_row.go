package ui

import (
	"context"
	"image/color"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// testTimeout bounds a connection test: the client retries an unreachable server for a
// while before it gives up, and a test should answer well before a user gives up.
const testTimeout = time.Minute

// maxFolderFiles is how many of a watched folder's files its row lists, newest first.
const maxFolderFiles = 8

// testOutcome is the sentence a connection test ended with (or "testing…").
type testOutcome struct {
	running bool
	ok      bool
	text    string
}

// sourceRow is one source in the list: a line of columns, then, when there is something to
// say, its sync progress, its last error, its last test and a folder's files.
type sourceRow struct {
	s       *sourcesScreen
	v       *sourceView
	content *fyne.Container

	syncButton   *widget.Button
	testButton   *widget.Button
	progress     *fyne.Container // indented under the name; hidden when not syncing
	bar          *widget.ProgressBar
	spinner      *widget.ProgressBarInfinite
	progressText *widget.Label
	test         *widget.Label
}

func newSourceRow(s *sourcesScreen, v *sourceView) *sourceRow {
	r := &sourceRow{s: s, v: v}
	src := v.src
	n := s.a.numbers()
	now := time.Now()

	name := widget.NewLabelWithStyle(src.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	nameCell := container.NewVBox(name)
	if d := sourceDetails(src, v.token); d != "" {
		details := widget.NewLabel(d)
		details.SizeName = theme.SizeNameCaptionText
		details.Truncation = fyne.TextTruncateEllipsis
		nameCell.Add(details)
	}
	last := lang.L("Never synced")
	if !src.LastSyncAt.IsZero() {
		last = n.ago(src.LastSyncAt, now)
	}
	fresh := "—"
	if v.lastOK != nil {
		fresh = n.int(v.lastOK.Inserted)
	}
	kind := widget.NewLabel(sourceKindLabel(src.Kind))
	kind.Truncation = fyne.TextTruncateEllipsis
	lastLabel := widget.NewLabel(last)
	lastLabel.Truncation = fyne.TextTruncateEllipsis
	line := tableRow(sourcesColumns,
		container.NewBorder(nil, nil, r.statusDot(), nil, nameCell), kind,
		widget.NewLabelWithStyle(n.int(src.Responses), fyne.TextAlignTrailing, fyne.TextStyle{}),
		lastLabel, widget.NewLabelWithStyle(fresh, fyne.TextAlignTrailing, fyne.TextStyle{}),
		container.NewVBox(r.actions())) // the buttons keep their height when details make the row taller

	r.bar = widget.NewProgressBar()
	r.spinner = widget.NewProgressBarInfinite()
	r.progressText = widget.NewLabel("")
	r.progressText.Truncation = fyne.TextTruncateEllipsis
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { s.c.cancel(src.ID) })
	bars := container.NewStack(r.bar, r.spinner)
	r.progress = indent(container.NewBorder(nil, nil, nil, cancel,
		tableRow([]float32{1, 1.4}, bars, r.progressText)))
	r.progress.Hide()

	r.test = widget.NewLabel("")
	r.test.Wrapping = fyne.TextWrapWord
	r.test.Hide()

	r.content = container.NewVBox(line, r.progress)
	if src.LastError != "" {
		problem := widget.NewLabel(lang.L("Last sync failed: {{.Reason}}", map[string]any{"Reason": src.LastError}))
		problem.Importance = widget.DangerImportance
		if s.c.unreached[src.ID] {
			problem.SetText(lang.L("Offline: the next sync tries again. {{.Reason}}", map[string]any{"Reason": src.LastError}))
			problem.Importance = widget.WarningImportance
		}
		problem.Wrapping = fyne.TextWrapWord
		r.content.Add(indent(problem))
	}
	r.content.Add(indent(r.test))
	if src.Kind == data.KindFolder {
		r.content.Add(indent(r.folderFiles()))
	}
	r.showTest()
	r.update()
	return r
}

// indent sets a detail line under a row's name, past its status dot.
func indent(o fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedLayout(0, 0, 14, 0), o)
}

// statusDot is green when the last sync worked, red when it failed, amber when its server
// could not be reached, grey before any sync.
func (r *sourceRow) statusDot() fyne.CanvasObject {
	src := r.v.src
	var c color.Color = theme.Color(theme.ColorNameDisabled)
	switch {
	case src.LastError != "" && r.s.c.unreached[src.ID]:
		c = theme.Color(theme.ColorNameWarning)
	case src.LastError != "":
		c = theme.Color(theme.ColorNameError)
	case !src.LastSyncAt.IsZero():
		c = theme.Color(theme.ColorNameSuccess)
	}
	dot := canvas.NewCircle(c)
	h := widget.NewLabel("").MinSize().Height
	return container.NewGridWrap(fyne.NewSize(10, h), container.NewCenter(container.NewGridWrap(fyne.NewSize(9, 9), dot)))
}

// actions are the row's buttons: Sync now and Test for a source that syncs, and a menu.
func (r *sourceRow) actions() fyne.CanvasObject {
	s, src := r.s, r.v.src
	box := container.NewHBox(layout.NewSpacer())
	var items []*fyne.MenuItem
	if s.c.syncable(src) {
		r.syncButton = widget.NewButtonWithIcon(lang.L("Sync now"), theme.ViewRefreshIcon(), func() {
			s.c.start([]*data.Source{src}, false)
		})
		r.testButton = widget.NewButton(lang.L("Test"), r.runTest)
		r.testButton.Importance = widget.LowImportance
		box.Add(r.syncButton)
		box.Add(r.testButton)
		items = append(items, fyne.NewMenuItem(lang.L("Edit…"), func() { s.edit(r.v) }))
		items = append(items, fyne.NewMenuItem(lang.L("History…"), func() { s.history(src) }))
	}
	items = append(items, fyne.NewMenuItem(lang.L("Remove…"), func() { s.remove(src) }))
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
		// Right-aligned under the button: the button sits at the window's right edge.
		menu := widget.NewPopUpMenu(fyne.NewMenu("", items...), s.a.win.Canvas())
		menu.ShowAtRelativePosition(fyne.NewPos(more.Size().Width-menu.MinSize().Width, more.Size().Height), more)
	})
	more.Importance = widget.LowImportance
	box.Add(more)
	return box
}

// update shows the source's sync in progress, if any.
func (r *sourceRow) update() {
	j := r.s.c.job(r.v.src.ID)
	if j == nil {
		r.progress.Hide()
		if r.syncButton != nil {
			r.syncButton.Enable()
		}
		return
	}
	if r.syncButton != nil {
		r.syncButton.Disable()
	}
	p := j.progress
	if p.Total > 0 {
		r.bar.SetValue(min(float64(p.Fetched)/float64(p.Total), 1))
		r.bar.Show()
		r.spinner.Hide()
	} else {
		r.bar.Hide()
		r.spinner.Show()
	}
	r.progressText.SetText(syncProgressText(r.s.a.numbers(), j))
	r.progress.Show()
}

// syncProgressText says how far a sync is: "Page 3 · 1,200 of 5,000 responses · about 20 s
// left", or that it waits for its turn.
func syncProgressText(n numberFormat, j *syncJob) string {
	p := j.progress
	switch {
	case !j.started:
		return lang.L("Waiting for the other sources…")
	case p.Event == syncer.EventStart || p.Pages == 0:
		return lang.L("Connecting…")
	case p.Total > 0:
		text := lang.L("Page {{.Page}} · {{.Done}} of {{.Total}} responses", map[string]any{
			"Page": n.int(p.Pages), "Done": n.int(p.Fetched), "Total": n.int(p.Total)})
		if p.ETA > 0 {
			text += " · " + etaText(n, p.ETA)
		}
		return text
	default:
		return lang.N("Page {{.Page}} · {{.Count}} responses", p.Fetched, map[string]any{
			"Page": n.int(p.Pages), "Count": n.int(p.Fetched)})
	}
}

// etaText says roughly how long is left: "about 20 s left", "about 3 min left".
func etaText(n numberFormat, d time.Duration) string {
	if d < time.Minute {
		s := max(int(d.Round(time.Second)/time.Second), 1)
		return lang.N("about {{.Count}} s left", s, map[string]any{"Count": n.int(s)})
	}
	m := int(d.Round(time.Minute) / time.Minute)
	return lang.N("about {{.Count}} min left", m, map[string]any{"Count": n.int(m)})
}

// runTest checks the source's connection and says how it went under the row.
func (r *sourceRow) runTest() { r.s.testSource(r.v.src) }

// testSource checks a source's connection in the background and shows the outcome in one
// sentence under its row.
func (s *sourcesScreen) testSource(src *data.Source) {
	id, name, kind := src.ID, src.Name, src.Kind
	s.tests[id] = testOutcome{running: true, text: lang.L("Testing the connection…")}
	if row := s.byID[id]; row != nil {
		row.showTest()
	}
	load(s.a.bg, func(ctx context.Context) (struct{}, error) {
		ctx, cancel := context.WithTimeout(ctx, testTimeout)
		defer cancel()
		return struct{}{}, s.c.engine.Test(ctx, name)
	}, func(_ struct{}, err error) {
		s.tests[id] = testResult(kind, err)
		if row := s.byID[id]; row != nil {
			row.showTest()
		}
	})
}

// testResult turns a connection test's outcome into its sentence.
func testResult(kind string, err error) testOutcome {
	switch {
	case err != nil:
		return testOutcome{text: lang.L("Test failed: {{.Reason}}", map[string]any{"Reason": data.ErrorMessage(err)})}
	case kind == data.KindFolder:
		return testOutcome{ok: true, text: lang.L("The folder can be read.")}
	default:
		return testOutcome{ok: true, text: lang.L("Connection works: {{.Platform}} answers and accepts the API token.",
			map[string]any{"Platform": sourceKindLabel(kind)})}
	}
}

func (r *sourceRow) showTest() {
	t, ok := r.s.tests[r.v.src.ID]
	if !ok {
		r.test.Hide()
		return
	}
	if r.testButton != nil {
		if t.running {
			r.testButton.Disable()
		} else {
			r.testButton.Enable()
		}
	}
	switch {
	case t.running:
		r.test.Importance = widget.MediumImportance
	case t.ok:
		r.test.Importance = widget.SuccessImportance
	default:
		r.test.Importance = widget.DangerImportance
	}
	r.test.SetText(t.text)
	r.test.Show()
}

// sourceDetails is the line under a source's name: where it syncs from and how its token is
// kept — "Survey SV_1 · iad1.qualtrics.com · token ••••abcd" — or a folder's or file's path.
func sourceDetails(src *data.Source, token string) string {
	var parts []string
	switch {
	case apiKind(src.Kind):
		if id := src.Config[syncer.ConfigSurvey]; id != "" && src.Kind == data.KindTypeform {
			parts = append(parts, lang.L("Form {{.ID}}", map[string]any{"ID": id}))
		} else if id != "" {
			parts = append(parts, lang.L("Survey {{.ID}}", map[string]any{"ID": id}))
		}
		if host := urlHost(src.Config[syncer.ConfigURL]); host != "" {
			parts = append(parts, host)
		}
		switch {
		case token == "":
			parts = append(parts, lang.L("no API token"))
		case strings.HasPrefix(token, "$"):
			parts = append(parts, lang.L("token from {{.Var}}", map[string]any{"Var": token}))
		default:
			parts = append(parts, lang.L("token {{.Masked}}", map[string]any{"Masked": token}))
		}
	default:
		if p := src.Config[syncer.ConfigPath]; p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// urlHost is the host of a base URL as a user typed it (with or without https://).
func urlHost(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// folderFiles lists a watched folder's files, newest first: when each was imported, or that
// the next sync picks it up, or that it could not be imported.
func (r *sourceRow) folderFiles() fyne.CanvasObject {
	v, n := r.v, r.s.a.numbers()
	if v.filesErr != nil {
		l := widget.NewLabel(data.ErrorMessage(v.filesErr))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	if len(v.files) == 0 {
		l := widget.NewLabel(lang.L("The folder holds no survey exports yet."))
		l.SizeName = theme.SizeNameCaptionText
		return l
	}
	box := container.NewVBox()
	files := v.files
	for i := len(files) - 1; i >= 0 && len(files)-i <= maxFolderFiles; i-- {
		f := files[i]
		state := widget.NewLabel(r.fileState(f))
		state.SizeName = theme.SizeNameCaptionText
		state.Truncation = fyne.TextTruncateEllipsis
		if f.State == syncer.FileDone && r.fileFailed(f) {
			state.Importance = widget.DangerImportance
		}
		name := widget.NewLabel(f.Name)
		name.SizeName = theme.SizeNameCaptionText
		name.Truncation = fyne.TextTruncateEllipsis
		size := widget.NewLabelWithStyle(fileSize(n, f.Size), fyne.TextAlignTrailing, fyne.TextStyle{})
		size.SizeName = theme.SizeNameCaptionText
		icon := widget.NewIcon(theme.FileIcon())
		box.Add(tableRow([]float32{3.4, 0.9, 4.5},
			container.NewBorder(nil, nil, icon, nil, name), size, state))
	}
	if more := len(files) - maxFolderFiles; more > 0 {
		l := widget.NewLabel(lang.N("and {{.Count}} older files", more, map[string]any{"Count": n.int(more)}))
		l.SizeName = theme.SizeNameCaptionText
		box.Add(l)
	}
	return box
}

// fileState says where a folder's file stands.
func (r *sourceRow) fileState(f syncer.FolderFile) string {
	n := r.s.a.numbers()
	switch f.State {
	case syncer.FileNew:
		return lang.L("New: the next sync imports it")
	case syncer.FileChanged:
		return lang.L("Changed: the next sync imports it again")
	case syncer.FileDone:
		if r.fileFailed(f) {
			return lang.L("Not imported: see the error above")
		}
	}
	return lang.L("Imported · modified {{.When}}", map[string]any{"When": n.dateAndTime(f.Modified)})
}

// fileFailed reports whether the folder's last sync error is about f: a file's errors name
// it, and a refused file is not read again until it changes.
func (r *sourceRow) fileFailed(f syncer.FolderFile) bool {
	return r.v.src.LastError != "" && strings.Contains(r.v.src.LastError, f.Name)
}

// fileSize writes a size in bytes as people read it: "820 B", "14 KB", "3.2 MB".
func fileSize(n numberFormat, b int64) string {
	switch {
	case b < 1000:
		return n.int(int(b)) + " B"
	case b < 1000*1000:
		return n.fixed(float64(b)/1000, 0) + " KB"
	case b < 1000*1000*1000:
		return n.fixed(float64(b)/1e6, 1) + " MB"
	default:
		return n.fixed(float64(b)/1e9, 1) + " GB"
	}
}
