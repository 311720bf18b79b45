package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// longJob runs one long action — loading the demo data, importing a file — off the UI
// goroutine, with a progress bar, a Cancel button and a line saying how it ended. A screen
// places content where the job's progress belongs and disables its own buttons through
// onBusy. Call run on the UI goroutine.
type longJob struct {
	a        *App
	progress *widget.ProgressBar
	stop     *widget.Button
	message  *widget.Label
	content  *fyne.Container
	cancel   context.CancelFunc
	onBusy   func(busy bool)
}

func newLongJob(a *App, onBusy func(bool)) *longJob {
	j := &longJob{a: a, progress: widget.NewProgressBar(), message: widget.NewLabel(""), onBusy: onBusy}
	j.message.Wrapping = fyne.TextWrapWord
	j.stop = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
		if j.cancel != nil {
			j.cancel()
		}
	})
	j.content = container.NewVBox(container.NewBorder(nil, nil, nil, j.stop, j.progress), j.message)
	j.content.Objects[0].Hide()
	j.message.Hide()
	return j
}

// run starts work. work reports progress as done out of total (any unit); its summary, when
// not empty, is shown in a dialog once the cache has reloaded.
func (j *longJob) run(work func(ctx context.Context, progress func(done, total int64)) (summary string, err error)) {
	if j.cancel != nil {
		return // one at a time
	}
	ctx, cancel := context.WithCancel(j.a.bg.ctx)
	j.cancel = cancel
	j.progress.SetValue(0)
	j.content.Objects[0].Show()
	j.message.Hide()
	j.onBusy(true)
	j.a.bg.run(func(context.Context) {
		// Post progress only when it moves by half a percent: an import reports every batch,
		// and the UI goroutine has better things to do than redraw the same bar.
		posted := -1.0
		summary, err := work(ctx, func(done, total int64) {
			v := float64(done) / float64(max(total, 1))
			if v-posted < 0.005 && v < 1 {
				return
			}
			posted = v
			j.a.bg.do(func() { j.progress.SetValue(v) })
		})
		cancel()
		j.a.bg.do(func() { j.finish(summary, err) })
	})
}

func (j *longJob) finish(summary string, err error) {
	j.cancel = nil
	j.content.Objects[0].Hide()
	j.onBusy(false)
	switch {
	case errors.Is(err, context.Canceled):
		j.message.SetText(lang.L("Cancelled."))
		j.message.Importance = widget.MediumImportance
		j.message.Show()
		j.a.status.refresh() // a cancelled demo load keeps the days it wrote, and resumes next time
	case err != nil:
		j.message.SetText(lang.L("That did not work: {{.Reason}}", map[string]any{"Reason": data.ErrorMessage(err)}))
		j.message.Importance = widget.DangerImportance
		j.message.Show()
	default:
		win := j.a.win
		j.a.dataChanged()
		if summary != "" {
			dialog.ShowInformation(lang.L("Import finished"), summary, win)
		}
	}
}

// loadDemo runs the command layer's demo loader as job.
func (a *App) loadDemo(job *longJob) {
	job.run(func(ctx context.Context, progress func(done, total int64)) (string, error) {
		return "", a.svc.LoadDemo(ctx, func(done, total int) { progress(int64(done), int64(total)) })
	})
}

// importFile asks for a survey export and imports it as job.
func (a *App) importFile(job *longJob) {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, a.win)
			return
		}
		if r == nil {
			return // the user closed the dialog
		}
		path := r.URI().Path()
		r.Close()
		job.run(func(ctx context.Context, progress func(done, total int64)) (string, error) {
			return a.svc.ImportFile(ctx, path, progress)
		})
	}, a.win)
}
