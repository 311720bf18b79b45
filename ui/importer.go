package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/formats"
)

// importer imports the survey exports a user drops on the window or picks with "Import a
// file…", one at a time, off the UI goroutine, with a progress dialog and Cancel. A generic
// CSV goes through the column mapping dialog first (the GUI's --map). When the queue is
// done, a summary says what each file did: rows read, inserted, updated, unchanged, skipped
// and why. Everything here runs on the UI goroutine except the imports themselves.
type importer struct {
	a       *App
	queue   []string
	busy    bool
	cancel  context.CancelFunc
	results []importOutcome
	count   int // files taken from the queue in this batch

	dlg    *dialog.CustomDialog
	title  *widget.Label
	bar    *widget.ProgressBar
	detail *widget.Label
	stop   *widget.Button

	// The dialogs last shown, and a hook called when a batch ends (tests).
	mapping *mappingForm
	summary *fyne.Container
	onIdle  func()
}

// importOutcome is how one file's import ended.
type importOutcome struct {
	file     string
	res      formats.Result
	err      error
	declined bool // the user skipped it at the mapping dialog
}

// importStore is what formats.Import writes to: the window's source and response services.
type importStore struct {
	data.SourceService
	data.ResponseService
}

func newImporter(a *App) *importer {
	i := &importer{a: a, title: widget.NewLabel(""), bar: widget.NewProgressBar(), detail: widget.NewLabel("")}
	i.title.Truncation = fyne.TextTruncateEllipsis
	i.detail.SizeName = theme.SizeNameCaptionText
	i.stop = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), i.cancelAll)
	return i
}

// choose asks for survey exports and imports them.
func (i *importer) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, i.a.win)
			return
		}
		if r == nil {
			return // the user closed the dialog
		}
		path := r.URI().Path()
		r.Close()
		i.enqueue([]string{path})
	}, i.a.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// dropped is the window's drop callback: every local file dropped is imported.
func (i *importer) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		i.enqueue(paths)
	}
}

// enqueue adds files to import; they start at once unless an import is under way.
func (i *importer) enqueue(paths []string) {
	i.queue = append(i.queue, paths...)
	if !i.busy {
		i.busy = true
		i.results, i.count = nil, 0
		i.next()
	}
}

// next takes the next file: guess its columns, ask for a mapping when it is a generic CSV,
// import it.
func (i *importer) next() {
	if len(i.queue) == 0 {
		i.finish()
		return
	}
	path := i.queue[0]
	i.queue = i.queue[1:]
	i.count++
	i.showProgress(path, 0, 0)
	load(i.a.bg, func(context.Context) (formats.Columns, error) { return guessFile(path) },
		func(cols formats.Columns, err error) {
			switch {
			case err != nil:
				i.results = append(i.results, importOutcome{file: path, err: err})
				i.next()
			case cols.Format == formats.FormatCSV:
				i.dlg.Hide()
				i.mapping = newMappingForm(i.a, path, cols, func(opts formats.Options, ok bool) {
					if !ok {
						i.results = append(i.results, importOutcome{file: path, declined: true})
						i.next()
						return
					}
					i.start(path, opts)
				})
				i.mapping.dlg.Show()
			default:
				i.start(path, formats.Options{})
			}
		})
}

// guessFile reads the head of a file for the mapping dialog.
func guessFile(path string) (formats.Columns, error) {
	info, err := os.Stat(path)
	if err != nil {
		return formats.Columns{}, data.Errorf(data.EINVALID, "cannot open %s: %v", path, errors.Unwrap(err))
	}
	if info.IsDir() {
		return formats.Columns{}, data.Errorf(data.EINVALID, "%s", lang.L("{{.Path}} is a folder: add it on the Sources screen as a watched folder to import the exports saved in it.", map[string]any{"Path": path}))
	}
	f, err := os.Open(path)
	if err != nil {
		return formats.Columns{}, data.Errorf(data.EINVALID, "cannot open %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	return formats.GuessColumns(f, filepath.Base(path), formats.Options{})
}

// start imports one file in the background.
func (i *importer) start(path string, opts formats.Options) {
	ctx, cancel := context.WithCancel(i.a.bg.ctx)
	i.cancel = cancel
	i.showProgress(path, 0, 0)
	store := importStore{i.a.svc.Sources, i.a.svc.Responses}
	i.a.bg.run(func(context.Context) {
		// Post progress only when it moves by half a percent: an import reports every batch.
		posted := -1.0
		res, err := formats.Import(ctx, store, path, opts, func(p formats.Progress) {
			v := float64(p.Bytes) / float64(max(p.Total, 1))
			if v-posted < 0.005 && v < 1 {
				return
			}
			posted = v
			i.a.bg.do(func() { i.showProgress(path, p.Bytes, p.Total) })
		})
		cancel()
		i.a.bg.do(func() {
			i.cancel = nil
			i.results = append(i.results, importOutcome{file: path, res: res, err: err})
			if errors.Is(err, context.Canceled) {
				i.queue = nil
			}
			i.next()
		})
	})
}

// cancelAll stops the import under way and drops the files waiting.
func (i *importer) cancelAll() {
	i.queue = nil
	if i.cancel != nil {
		i.cancel()
	}
}

// showProgress shows the progress dialog for a file.
func (i *importer) showProgress(path string, done, total int64) {
	if i.dlg == nil {
		content := container.NewVBox(i.title, i.bar, i.detail)
		i.dlg = dialog.NewCustomWithoutButtons(lang.L("Importing"), withWidth(480, content), i.a.win)
		i.dlg.SetButtons([]fyne.CanvasObject{i.stop})
	}
	name := filepath.Base(path)
	if left := len(i.queue); left > 0 || i.count > 1 {
		i.title.SetText(lang.L("{{.File}} ({{.N}} of {{.Total}})", map[string]any{"File": name, "N": i.count, "Total": i.count + left}))
	} else {
		i.title.SetText(name)
	}
	n := i.a.numbers()
	if total > 0 {
		i.bar.SetValue(float64(done) / float64(total))
		i.detail.SetText(lang.L("{{.Done}} of {{.Total}} read", map[string]any{"Done": fileSize(n, done), "Total": fileSize(n, total)}))
	} else {
		i.bar.SetValue(0)
		i.detail.SetText(lang.L("Reading the file…"))
	}
	i.dlg.Show()
}

// finish ends a batch: the summary, and the window reloads when anything changed.
func (i *importer) finish() {
	i.busy = false
	if i.dlg != nil {
		i.dlg.Hide()
	}
	changed := false
	done := &syncRound{finished: time.Now()}
	for _, r := range i.results {
		if r.err == nil && !r.declined {
			done.ok++
			done.inserted += r.res.Inserted
		}
		if r.err == nil && r.res.Inserted+r.res.Updated > 0 {
			changed = true
		}
	}
	if done.ok > 0 {
		i.a.syncs.lastImport = done // the status line says so until the next sync
	}
	if len(i.results) > 0 {
		i.showSummary()
	}
	if changed {
		i.a.dataChanged()
	}
	if i.onIdle != nil {
		i.onIdle()
	}
}
