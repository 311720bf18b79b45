package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// sourcesScreen lists where responses come from and keeps them current: each source's kind,
// size, last sync, new responses and last error, a watched folder's files, and the actions —
// add, edit, test, sync one or all with progress and Cancel, history, remove — with the sync
// schedule and file import. Syncs belong to the window's syncControl, so they go on while
// another screen is shown; this screen only shows them.
type sourcesScreen struct {
	a    *App
	c    *syncControl
	rows *fyne.Container
	byID map[int64]*sourceRow
	gen  generation

	syncAll   *widget.Button
	cancelAll *widget.Button
	// tests holds the last connection test of each source while the screen is open.
	tests map[int64]testOutcome
	form  *sourceForm // the add/edit dialog last opened
}

// sourceView is one source with what its row shows beside the source itself.
type sourceView struct {
	src      *data.Source
	token    string        // where its API token comes from, safe to show: "$VAR" or "••••abcd"
	lastOK   *data.SyncRun // its last successful sync, the one "Last sync" and "New" describe; nil: none
	files    []syncer.FolderFile
	filesErr error
}

func newSourcesScreen(a *App) *sourcesScreen {
	return &sourcesScreen{a: a, c: a.syncs, byID: map[int64]*sourceRow{}, tests: map[int64]testOutcome{}}
}

func (s *sourcesScreen) stop() {
	s.c.onChange = nil
	s.gen.next() // drop loads still running
	s.a.win.Canvas().RemoveShortcut(syncAllShortcut)
}

// syncAllShortcut syncs every source while the Sources screen is shown (Ctrl+R, Cmd+R on
// macOS: the usual key to refresh).
var syncAllShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}

func (s *sourcesScreen) buildUI() fyne.CanvasObject {
	title := widget.NewRichText(&widget.TextSegment{Text: lang.L("Sources"),
		Style: widget.RichTextStyle{SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
	actions := container.NewHBox()
	if s.c.available() {
		s.syncAll = widget.NewButtonWithIcon(lang.L("Sync all"), theme.ViewRefreshIcon(), func() { s.c.syncAll(false) })
		s.cancelAll = widget.NewButtonWithIcon(lang.L("Cancel all"), theme.CancelIcon(), s.c.cancelAll)
		add := widget.NewButtonWithIcon(lang.L("Add source…"), theme.ContentAddIcon(), func() { s.edit(nil) })
		actions.Add(s.syncAll)
		actions.Add(s.cancelAll)
		actions.Add(add)
		s.a.win.Canvas().AddShortcut(syncAllShortcut, func(fyne.Shortcut) { s.c.syncAll(false) })
	}
	importButton := widget.NewButtonWithIcon(lang.L("Import a file…"), theme.FolderOpenIcon(), s.a.importer.choose)
	importButton.Importance = widget.HighImportance
	actions.Add(importButton)
	header := container.NewBorder(nil, nil, title, actions)

	var schedule fyne.CanvasObject = layout.NewSpacer()
	if s.c.available() {
		schedule = s.scheduleField()
	}
	hint := widget.NewLabel(lang.L("Drop survey exports anywhere on the window to import them."))
	hint.SizeName = theme.SizeNameCaptionText
	top := container.NewVBox(header, container.NewHBox(schedule, layout.NewSpacer(), hint), widget.NewSeparator())

	s.rows = container.NewVBox(widget.NewLabel(lang.L("Loading…")))
	s.c.onChange = s.syncChanged
	s.load()
	s.updateButtons()
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.rows)))
}

// scheduleField is the sync schedule picker: off, every 15 minutes, hourly.
func (s *sourcesScreen) scheduleField() fyne.CanvasObject {
	var labels []string
	for _, o := range syncSchedules {
		labels = append(labels, lang.L(o.label))
	}
	pick := widget.NewSelect(labels, nil)
	current := s.a.prefs.StringWithFallback(prefSyncSchedule, syncSchedules[0].id)
	for i, o := range syncSchedules {
		if o.id == current {
			pick.SetSelectedIndex(i)
		}
	}
	pick.OnChanged = func(string) {
		o := syncSchedules[pick.SelectedIndex()]
		s.a.prefs.SetString(prefSyncSchedule, o.id)
		s.c.setSchedule(o.every)
	}
	label := widget.NewLabel(lang.L("Sync automatically"))
	return container.NewHBox(label, fitSelect(pick, 16))
}

// load reads the sources, their tokens' descriptions, last runs and folders' files.
func (s *sourcesScreen) load() {
	n := s.gen.next()
	load(s.a.bg, s.query, func(views []*sourceView, err error) {
		if !s.gen.current(n) {
			return
		}
		s.show(views, err)
	})
}

// recentRuns is how many of a source's last runs are searched for its last successful one.
const recentRuns = 20

func (s *sourcesScreen) query(ctx context.Context) ([]*sourceView, error) {
	sources, err := s.a.svc.Sources.Sources(ctx)
	if err != nil {
		return nil, err
	}
	views := make([]*sourceView, 0, len(sources))
	for _, src := range sources {
		v := &sourceView{src: src}
		if e := s.c.engine; e != nil {
			if apiKind(src.Kind) && e.Secrets != nil {
				v.token = e.Secrets.Describe(src)
			}
			// Failed runs since then do not hide what the last good one brought.
			if runs, err := e.Store.SyncRuns(ctx, src.ID, recentRuns); err == nil {
				for _, r := range runs {
					if r.Status == data.SyncOK {
						v.lastOK = r
						break
					}
				}
			}
		}
		if src.Kind == data.KindFolder {
			v.files, v.filesErr = syncer.FolderFiles(src)
		}
		views = append(views, v)
	}
	return views, nil
}

func (s *sourcesScreen) show(views []*sourceView, err error) {
	s.byID = map[int64]*sourceRow{}
	switch {
	case err != nil:
		msg := widget.NewLabel(loadFailed(err))
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		s.rows.Objects = []fyne.CanvasObject{msg, widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), s.load)}
	case len(views) == 0:
		text := lang.L("No sources yet. Import a survey export to start: each survey becomes a source, named after its file.")
		if s.c.available() {
			text = lang.L("No sources yet. Add a Qualtrics, Typeform or SurveyMonkey survey or a watched folder, or import a survey export: each survey becomes a source, named after its file.")
		}
		empty := widget.NewLabel(text)
		empty.Wrapping = fyne.TextWrapWord
		s.rows.Objects = []fyne.CanvasObject{empty}
	default:
		s.rows.Objects = []fyne.CanvasObject{sourcesHeader(), widget.NewSeparator()}
		for _, v := range views {
			r := newSourceRow(s, v)
			s.byID[v.src.ID] = r
			s.rows.Objects = append(s.rows.Objects, r.content, widget.NewSeparator())
		}
	}
	s.rows.Refresh()
	s.updateButtons()
}

// syncChanged is the syncControl's news about a source: progress moves its row, an end
// reloads the list (new counts, last sync, last error).
func (s *sourcesScreen) syncChanged(id int64, finished bool) {
	if finished {
		s.load()
	} else if r := s.byID[id]; r != nil {
		r.update()
	}
	s.updateButtons()
}

func (s *sourcesScreen) updateButtons() {
	if s.syncAll == nil {
		return
	}
	if s.c.busy() {
		s.cancelAll.Show()
	} else {
		s.cancelAll.Hide()
	}
}

// sourcesColumns are the shares of the list's columns: name and details, kind, responses,
// last sync, new in the last run, actions.
var sourcesColumns = []float32{3.8, 1.4, 1.1, 1.6, 0.9, 2.6}

func sourcesHeader() fyne.CanvasObject {
	caption := func(text string, align fyne.TextAlign) *widget.Label {
		l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	return tableRow(sourcesColumns,
		caption(lang.L("Name"), fyne.TextAlignLeading), caption(lang.L("Kind"), fyne.TextAlignLeading),
		caption(lang.L("Responses"), fyne.TextAlignTrailing), caption(lang.L("Last sync"), fyne.TextAlignLeading),
		caption(lang.L("New"), fyne.TextAlignTrailing), layout.NewSpacer())
}

// sourceKindLabel names a source kind.
func sourceKindLabel(kind string) string {
	switch kind {
	case data.KindFile:
		return lang.L("File import")
	case data.KindFolder:
		return lang.L("Watched folder")
	case data.KindQualtrics:
		return "Qualtrics"
	case data.KindTypeform:
		return "Typeform"
	case data.KindSurveyMonkey:
		return "SurveyMonkey"
	case data.KindDelighted:
		return lang.L("Delighted archive")
	case data.KindDemo:
		return lang.L("Demo data")
	default:
		return kind
	}
}

// apiKind reports whether sources of a kind call a platform's API with a token.
func apiKind(kind string) bool {
	return kind == data.KindQualtrics || kind == data.KindTypeform || kind == data.KindSurveyMonkey
}
