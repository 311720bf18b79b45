package ui

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
)

// bulkTagDialog asks for a tag and puts it on the selected responses, or (all) on every
// result of the current filter, optionally saving the search as a rule for new comments.
func (s *commentsScreen) bulkTagDialog(all bool) {
	f := s.commentFilter()
	ids := s.checkedIDs()
	if !all && len(ids) == 0 {
		showError(data.Errorf(data.EINVALID, "%s", lang.L("Select comments first, with their boxes or the x key.")), s.w)
		return
	}
	var d dialog.Dialog
	entry := newTagEntry(s.tagList, func(name string) {
		d.Hide()
		s.bulkTag(name, f, ids, all, false)
	})
	rule := widget.NewCheck(lang.L("Also tag new comments matching this search (a tag rule)"), nil)
	if !all || data.ParseSearch(f.Search).Terms() == nil {
		rule.Disable()
	}
	message := lang.N("Tag {{.Count}} selected comment.", len(ids), map[string]any{"Count": s.numbers().int(len(ids))})
	if all {
		message = lang.L("Tag every comment matching the current search and filters.")
	}
	content := container.NewVBox(widget.NewLabel(message), entry, entry.suggestionBox, rule)
	entry.hideSuggestions()
	d = dialog.NewCustomConfirm(lang.L("Tag comments"), lang.L("Tag"), lang.L("Cancel"), content, func(ok bool) {
		if ok && entry.Text != "" {
			s.bulkTag(entry.Text, f, ids, all, rule.Checked)
		}
	}, s.w)
	d.Resize(fyne.NewSize(440, 260))
	d.Show()
	s.w.Canvas().Focus(entry)
}

// checkedIDs lists the responses whose boxes are ticked.
func (s *commentsScreen) checkedIDs() []int64 {
	ids := make([]int64, 0, len(s.checked))
	for id := range s.checked {
		ids = append(ids, id)
	}
	return ids
}

// bulkTag tags ids, or every response matching f when all, off the UI goroutine.
func (s *commentsScreen) bulkTag(name string, f data.CommentFilter, ids []int64, all, asRule bool) {
	s.message.SetText(lang.L("Tagging…"))
	s.message.Show()
	load(s.bg, func(ctx context.Context) (int, error) {
		tag, err := s.svc.Tags.EnsureTag(ctx, name)
		if err != nil {
			return 0, err
		}
		if !all {
			return len(ids), s.svc.Tags.TagResponses(ctx, tag.ID, ids, data.OriginUser)
		}
		n, err := s.svc.Comments.TagMatching(ctx, f, tag.ID)
		if err != nil || !asRule {
			return n, err
		}
		_, _, err = s.svc.Rules.CreateTagRule(ctx, tag.Name, f.Search)
		return n, err
	}, func(n int, err error) {
		s.message.Hide()
		if err != nil {
			showError(err, s.w)
			return
		}
		s.message.SetText(lang.N("Tagged {{.Count}} comment with {{.Tag}}.", n, map[string]any{"Count": s.numbers().int(n), "Tag": name}))
		s.message.Show()
		s.clearChecked()
		s.loadTags()
		s.refreshRows()
		if s.detail.id != 0 {
			s.detail.reload()
		}
	})
}

// refreshRows re-reads the rows on screen (their tags changed) without moving the list.
func (s *commentsScreen) refreshRows() {
	for _, pg := range s.pages.pages {
		pg.rows = nil // fetched again, from the same cursors, as the list asks for them
	}
	s.list.Refresh()
}

// exportDialog asks where to save the current results as CSV, then exports them.
func (s *commentsScreen) exportDialog() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(err, s.w)
			return
		}
		if w == nil {
			return // cancelled
		}
		s.export(w, w.URI())
	}, s.w)
	save.SetFileName("verbatim-comments-" + time.Now().Format("2006-01-02") + ".csv")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	save.Show()
}

// export writes every result of the current filter to w, showing progress with a Cancel
// button. A cancelled or failed export removes the half-written file (uri, when known).
func (s *commentsScreen) export(w io.WriteCloser, uri fyne.URI) {
	f := s.commentFilter()
	ctx, cancel := context.WithCancel(s.bg.ctx)
	bar := widget.NewProgressBar()
	label := widget.NewLabel(lang.L("Exporting…"))
	stop := widget.NewButton(lang.L("Cancel"), cancel)
	progress := dialog.NewCustomWithoutButtons(lang.L("Export CSV"), container.NewVBox(label, bar, stop), s.w)
	progress.Resize(fyne.NewSize(380, 160))
	progress.Show()
	s.bg.run(func(context.Context) {
		defer cancel()
		n, err := s.svc.Comments.ExportComments(ctx, f, w, func(done, total int) {
			s.bg.do(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
				label.SetText(lang.L("Exported {{.Done}} of {{.Total}}…", map[string]any{
					"Done": s.numbers().int(done), "Total": s.numbers().int(total)}))
			})
		})
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil && uri != nil {
			storage.Delete(uri) // nothing half-written stays behind
		}
		s.bg.do(func() {
			progress.Hide()
			switch {
			case ctx.Err() != nil && err != nil:
				s.message.SetText(lang.L("Export cancelled."))
			case err != nil:
				showError(err, s.w)
				return
			default:
				s.message.SetText(lang.N("Exported {{.Count}} comment.", n, map[string]any{"Count": s.numbers().int(n)}))
			}
			s.message.Show()
		})
	})
}
