// Package ui is Verbatim's window: the shell (navigation, the global filter bar, the status
// line), one file per screen, and the full-screen modes. It reads and writes through the data
// service interfaces only; everything slow runs off the UI goroutine (background.go).
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/assets"
	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// Services is everything the window reads and writes, plus the long jobs the command layer
// knows how to run (loading demo data, importing a file).
type Services struct {
	Reports     data.ReportService
	Themes      data.ThemeService
	Responses   data.ResponseService
	Sources     data.SourceService
	Stats       data.StatsService
	Tags        data.TagService
	Notes       data.NoteService
	Boards      data.BoardService
	Comments    data.CommentService
	Annotations data.AnnotationService
	Rules       data.TagRuleService
	Index       data.IndexStatusService // how far the search index is; nil when always complete

	// LoadDemo fills an empty cache with the demo dataset.
	LoadDemo func(ctx context.Context, progress func(done, total int)) error
	// ImportFile imports one survey export and returns a one-line summary.
	ImportFile func(ctx context.Context, path string, progress func(done, total int64)) (string, error)
	// Sync syncs API sources and watched folders (the Sources screen, the sync schedule);
	// nil leaves syncing out. New sets its Progress.
	Sync *syncer.Engine
}

// Options are the command line's say over the window.
type Options struct {
	StartScreen string // a screen id: dashboard, comments, boards, sources, settings
	Theme       string // themeLight or themeDark overrides the saved setting for this run
	Lang        string // en, es or tr overrides the saved setting for this run
}

// Screen ids, also the values of --screen.
const (
	screenDashboard = "dashboard"
	screenComments  = "comments"
	screenBoards    = "boards"
	screenSources   = "sources"
	screenSettings  = "settings"
)

// screen is one page of the window. buildUI is called each time the screen is shown (and
// again after a language change); stop ends its subscriptions and tickers.
type screen interface {
	buildUI() fyne.CanvasObject
	stop()
}

// screenDef registers a screen in the navigation.
type screenDef struct {
	id    string
	label string // English, translated when shown
	icon  fyne.Resource
	build func(a *App) screen
}

// screenDefs lists the navigation in order. A new screen is one line here.
func screenDefs() []screenDef {
	return []screenDef{
		{screenDashboard, "Dashboard", theme.HomeIcon(), func(a *App) screen { return newDashboardScreen(a) }},
		{screenComments, "Comments", theme.MailComposeIcon(), func(a *App) screen {
			return newCommentsScreen(a.win, a.bg, a.filter, commentServices{Comments: a.svc.Comments, Tags: a.svc.Tags,
				Notes: a.svc.Notes, Annotations: a.svc.Annotations, Boards: a.svc.Boards, Rules: a.svc.Rules,
				Sources: a.svc.Sources, Index: a.svc.Index}, a.language)
		}},
		{screenBoards, "Boards", theme.GridIcon(), func(a *App) screen { return newBoardsScreen(a) }},
		{screenSources, "Sources", theme.StorageIcon(), func(a *App) screen { return newSourcesScreen(a) }},
		{screenSettings, "Settings", theme.SettingsIcon(), func(a *App) screen { return newSettingsScreen(a) }},
	}
}

func knownScreen(id string) bool {
	for _, d := range screenDefs() {
		if d.id == id {
			return true
		}
	}
	return false
}

// App is the main window and the state its screens share.
type App struct {
	app    fyne.App
	win    fyne.Window
	svc    Services
	opts   Options
	bg     *background
	filter *filterState
	prefs  fyne.Preferences

	lang     string // the interface language in use
	themeSel string // themeSystem, themeLight or themeDark
	textSize string

	defs    []screenDef
	current string // id of the screen shown
	active  screen
	nav     *widget.List
	body    *fyne.Container // holds the active screen (or the welcome panel)
	bar     *filterBar
	status  *statusLine

	syncs    *syncControl // syncs and the sync schedule (sources_sync.go)
	importer *importer    // imports of dropped and chosen files (importer.go)
	wall     *wallWindow  // the wall display when it has the window, nil otherwise (wall_entry.go)
	// onScreenChanged is called after a screen is shown (tests).
	onScreenChanged func(id string)
}

// New builds the main window. Call it after the fyne.App exists and before it runs.
func New(fa fyne.App, svc Services, opts Options) *App {
	a := &App{app: fa, svc: svc, opts: opts, prefs: fa.Preferences(), bg: newBackground(), defs: screenDefs()}
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))

	a.lang = a.prefs.StringWithFallback(prefLanguage, defaultLanguage())
	if knownLanguage(opts.Lang) {
		a.lang = opts.Lang
	}
	if err := setLanguage(a.lang); err != nil {
		fyne.LogError("set the interface language", err)
	}
	a.themeSel = a.prefs.StringWithFallback(prefTheme, themeSystem)
	if opts.Theme == themeLight || opts.Theme == themeDark {
		a.themeSel = opts.Theme
	}
	a.textSize = a.prefs.StringWithFallback(prefTextSize, "normal")
	a.applyTheme()

	preset := a.prefs.StringWithFallback(prefDateRange, date12Months)
	if !knownDatePreset(preset) || preset == dateCustom {
		preset = date12Months
	}
	a.filter = newFilterState(preset, time.Now())

	a.current = a.prefs.StringWithFallback(prefScreen, screenDashboard)
	if knownScreen(opts.StartScreen) {
		a.current = opts.StartScreen
	}
	if !knownScreen(a.current) {
		a.current = screenDashboard
	}

	a.win = fa.NewWindow("Verbatim")
	a.win.Resize(fyne.NewSize(
		float32(a.prefs.FloatWithFallback(prefWindowWidth, 1280)),
		float32(a.prefs.FloatWithFallback(prefWindowHeight, 720))))
	a.win.SetCloseIntercept(func() {
		size := a.win.Canvas().Size()
		a.prefs.SetFloat(prefWindowWidth, float64(size.Width))
		a.prefs.SetFloat(prefWindowHeight, float64(size.Height))
		a.prefs.SetString(prefScreen, a.current)
		a.close()
		a.win.Close()
	})
	a.addShortcuts()
	a.addWallShortcut()
	a.syncs, a.importer = newSyncControl(a, svc.Sync), newImporter(a)
	a.win.SetOnDropped(a.importer.dropped)
	a.syncs.setSchedule(scheduleEvery(a.prefs.StringWithFallback(prefSyncSchedule, "")))
	// Background loads started by build hand their results back under bg.ui; holding it while
	// building keeps a fast one from touching widgets before build is done (the test driver
	// runs fyne.Do inline on the loading goroutine).
	a.bg.ui.Lock()
	defer a.bg.ui.Unlock()
	a.build()
	return a
}

// Window returns the main window.
func (a *App) Window() fyne.Window { return a.win }

// ShowAndRun shows the window and runs the app until it closes.
func (a *App) ShowAndRun() { a.win.ShowAndRun() }

// close stops every screen and background job.
func (a *App) close() {
	a.stopWall()
	a.bg.ui.Lock()
	if a.active != nil {
		a.active.stop()
		a.active = nil
	}
	a.status.stop()
	a.bg.ui.Unlock()
	a.bg.stop()
}

// language returns the interface language in use.
func (a *App) language() string { return a.lang }

// numbers returns the number and date format of the interface language.
func (a *App) numbers() numberFormat { return numbersFor(a.lang) }

// dark reports whether the window draws in the dark variant.
func (a *App) dark() bool {
	return (&appTheme{variant: a.themeSel}).resolve(a.app.Settings().ThemeVariant()) == theme.VariantDark
}

func (a *App) applyTheme() {
	a.app.Settings().SetTheme(&appTheme{variant: a.themeSel, scale: textScale(a.textSize)})
}

// build lays out the whole window; a language change calls it again so every label is
// translated anew.
func (a *App) build() {
	a.nav = widget.NewList(
		func() int { return len(a.defs) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Settings placeholder"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(a.defs[i].icon)
			row.Objects[1].(*widget.Label).SetText(lang.L(a.defs[i].label))
		},
	)
	a.nav.OnSelected = func(i widget.ListItemID) { a.show(a.defs[i].id) }

	a.body = container.NewStack()
	a.bar = newFilterBar(a)
	if a.status != nil {
		a.status.stop()
	}
	a.status = newStatusLine(a)

	title := widget.NewLabelWithStyle("Verbatim", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(container.NewPadded(title), a.wallButton(), nil, nil, a.nav)
	main := container.NewBorder(a.bar.content, a.status.content, nil, nil, a.body)
	split := container.NewHSplit(left, main)
	split.Offset = 0.13
	a.win.SetContent(split)

	a.status.start()
	a.checkEmptyCache()
}

// show switches to a screen by id; not while the wall has the window (leaving it shows the
// screen).
func (a *App) show(id string) {
	if !knownScreen(id) || a.wall != nil {
		return
	}
	if a.active != nil {
		a.active.stop()
	}
	a.current = id
	for i, d := range a.defs {
		if d.id != id {
			continue
		}
		a.active = d.build(a)
		a.body.Objects = []fyne.CanvasObject{a.active.buildUI()}
		a.body.Refresh()
		if a.nav != nil {
			a.nav.Select(i) // no-op when already selected
		}
	}
	a.bar.content.Show()
	if id == screenSettings || id == screenSources || id == screenBoards {
		a.bar.content.Hide() // these screens do not read the global filter
	}
	if a.onScreenChanged != nil {
		a.onScreenChanged(id)
	}
}

// showComments opens the Comments screen with the global filter set to f: the dashboard's
// click-through.
func (a *App) showComments(f data.Filter) {
	a.filter.set(f)
	a.bar.sync()
	a.show(screenComments)
}

// setLanguage switches the interface language and rebuilds the window so every label
// changes at once.
func (a *App) setLanguage(code string) {
	if code == a.lang || !knownLanguage(code) {
		return
	}
	if err := setLanguage(code); err != nil {
		showError(err, a.win)
		return
	}
	a.lang = code
	a.prefs.SetString(prefLanguage, code)
	if a.active != nil {
		a.active.stop()
		a.active = nil
	}
	a.build()
}

// checkEmptyCache shows the welcome panel when the cache holds no responses, and the chosen
// screen otherwise.
func (a *App) checkEmptyCache() {
	load(a.bg, func(ctx context.Context) (data.CacheStats, error) {
		return a.svc.Stats.CacheStats(ctx)
	}, func(st data.CacheStats, err error) {
		if err == nil && st.Responses == 0 && a.current != screenSettings && a.current != screenSources {
			a.showWelcome()
			return
		}
		a.show(a.current)
	})
}

// dataChanged tells the shell that responses were added (demo, import, sync): the status
// line, the filter bar's choices and the screen on show reload.
func (a *App) dataChanged() {
	a.status.refresh()
	a.bar.reload()
	a.show(a.current)
}
