package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// historyRuns is how many of a source's sync runs the history shows.
const historyRuns = 50

// history shows a source's recent sync runs: when, how long, how they ended, what they
// brought, and why a failed one failed.
func (s *sourcesScreen) history(src *data.Source) {
	rows := container.NewVBox(widget.NewLabel(lang.L("Loading…")))
	d := dialog.NewCustom(lang.L("Sync history of {{.Name}}", map[string]any{"Name": src.Name}), lang.L("Close"),
		container.NewVScroll(rows), s.a.win)
	d.Resize(fyne.NewSize(860, 460))
	d.Show()
	load(s.a.bg, func(ctx context.Context) ([]*data.SyncRun, error) {
		return s.c.engine.Store.SyncRuns(ctx, src.ID, historyRuns)
	}, func(runs []*data.SyncRun, err error) {
		rows.Objects = historyRows(s.a.numbers(), runs, err)
		rows.Refresh()
	})
}

// historyRows lays sync runs out as a table, newest first.
func historyRows(n numberFormat, runs []*data.SyncRun, err error) []fyne.CanvasObject {
	if err != nil {
		l := widget.NewLabel(loadFailed(err))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{l}
	}
	if len(runs) == 0 {
		return []fyne.CanvasObject{widget.NewLabel(lang.L("This source has not synced yet."))}
	}
	shares := []float32{2.4, 1.1, 1.4, 1, 1, 1}
	bold := func(text string, align fyne.TextAlign) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: true})
	}
	right := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{})
	}
	out := []fyne.CanvasObject{tableRow(shares,
		bold(lang.L("Started"), fyne.TextAlignLeading), bold(lang.L("Took"), fyne.TextAlignTrailing),
		bold(lang.L("Result"), fyne.TextAlignLeading), bold(lang.L("Fetched"), fyne.TextAlignTrailing),
		bold(lang.L("New"), fyne.TextAlignTrailing), bold(lang.L("Updated"), fyne.TextAlignTrailing)),
		widget.NewSeparator()}
	for _, r := range runs {
		took := "—"
		if !r.FinishedAt.IsZero() {
			took = duration(n, r.FinishedAt.Sub(r.StartedAt))
		}
		result := widget.NewLabel(runStatus(r.Status, r.FinishedAt.IsZero()))
		if r.Status == data.SyncFailed {
			result.Importance = widget.DangerImportance
		}
		out = append(out, tableRow(shares, widget.NewLabel(n.dateAndTime(r.StartedAt)), right(took), result,
			right(n.int(r.Fetched)), right(n.int(r.Inserted)), right(n.int(r.Updated))))
		if r.Error != "" && r.Status == data.SyncFailed {
			e := widget.NewLabel(r.Error)
			e.Importance = widget.DangerImportance
			e.Wrapping = fyne.TextWrapWord
			out = append(out, e)
		}
	}
	return out
}

// runStatus names how a sync run ended. A run still "running" with no end was cut off by
// the app closing or crashing; the next sync picked up from its last committed page.
func runStatus(status string, unfinished bool) string {
	switch status {
	case data.SyncOK:
		return lang.L("OK")
	case data.SyncFailed:
		return lang.L("Failed")
	case data.SyncCanceled:
		return lang.L("Cancelled")
	case data.SyncRunning:
		if unfinished {
			return lang.L("Interrupted")
		}
	}
	return status
}

// duration writes how long something took: "0.4 s", "12 s", "3 min 5 s".
func duration(n numberFormat, d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return n.fixed(d.Seconds(), 1) + " s"
	case d < time.Minute:
		return n.int(int(d.Seconds())) + " s"
	default:
		return n.int(int(d/time.Minute)) + " min " + n.int(int(d%time.Minute/time.Second)) + " s"
	}
}

// remove asks how to remove a source, then does it. A source that syncs can go and leave its
// responses (with their tags, notes and board cards) as a plain archive, or go with them; a
// source that does not sync only has its responses, so removing it deletes them.
func (s *sourcesScreen) remove(src *data.Source) {
	if s.c.job(src.ID) != nil {
		showError(data.Errorf(data.ECONFLICT, "%s", lang.L("{{.Name}} is syncing; cancel its sync first.", map[string]any{"Name": src.Name})), s.a.win)
		return
	}
	n := s.a.numbers()
	syncs := s.c.syncable(src)
	var text string
	if syncs {
		text = lang.L("{{.Name}} will no longer sync, and its saved API token is deleted. Its responses stay in the cache with their tags, notes and board cards.", map[string]any{"Name": src.Name})
	} else {
		text = lang.N("{{.Name}} and its {{.Count}} responses are deleted, with their tags, notes and board cards.", src.Responses,
			map[string]any{"Name": src.Name, "Count": n.int(src.Responses)})
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	purge := widget.NewCheck(lang.N("Also delete its {{.Count}} responses", src.Responses, map[string]any{"Count": n.int(src.Responses)}), nil)
	content := container.NewVBox(msg)
	if syncs {
		content.Add(purge)
	}
	d := dialog.NewCustomConfirm(lang.L("Remove source"), lang.L("Remove"), lang.L("Cancel"), withWidth(460, content), func(ok bool) {
		if !ok {
			return
		}
		all := purge.Checked || !syncs
		load(s.a.bg, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.c.removeSource(ctx, src, all)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(err, s.a.win)
			}
			s.a.dataChanged()
		})
	}, s.a.win)
	d.Show()
}

// removeSource deletes a source with its responses (purge), or turns it into a plain archive
// of the responses it brought: kind file, no settings, no cursor, nothing syncs it again —
// as verbatim source remove does. Either way its saved API token goes.
func (c *syncControl) removeSource(ctx context.Context, src *data.Source, purge bool) error {
	if purge {
		if err := c.a.svc.Sources.DeleteSource(ctx, src.ID); err != nil {
			return err
		}
	} else {
		detached := *src
		detached.Kind, detached.Config, detached.Cursor, detached.LastError = data.KindFile, nil, "", ""
		if err := c.a.svc.Sources.UpdateSource(ctx, &detached); err != nil {
			return err
		}
	}
	if c.engine != nil && c.engine.Secrets != nil && apiKind(src.Kind) {
		return c.engine.Secrets.DeleteToken(src.Name)
	}
	return nil
}
