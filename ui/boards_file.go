package ui

import (
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
)

// Sharing a board: a board file (the same as verbatim board export/import, for the wall
// machine or a colleague's laptop) and a printable picture.

// fileName turns a board name into a file name: no path separators or characters that some
// systems refuse.
func fileName(board, ext string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(board))
	if clean == "" {
		clean = "board"
	}
	return clean + ext
}

func (s *boardsScreen) onExportFile() {
	s.saveBoard(boardfile.Extension, func(w io.Writer, snap *data.BoardSnapshot) error { return boardfile.Write(w, snap) },
		func(board, file string) string {
			return lang.L("Board {{.Board}} saved as {{.File}}.", map[string]any{"Board": board, "File": file})
		})
}

func (s *boardsScreen) onExportPicture() {
	s.saveBoard(".png", func(w io.Writer, snap *data.BoardSnapshot) error {
		return boardfile.WritePicture(w, snap, s.pictureOptions(snap))
	}, func(board, file string) string {
		return lang.L("Picture of {{.Board}} saved as {{.File}}.", map[string]any{"Board": board, "File": file})
	})
}

// pictureOptions are the picture's words in the interface language.
func (s *boardsScreen) pictureOptions(snap *data.BoardSnapshot) boardfile.PictureOptions {
	var pos, neg int
	for _, c := range snap.Cards {
		if c.Side == data.SidePositive {
			pos++
		} else {
			neg++
		}
	}
	return boardfile.PictureOptions{Positive: lang.L("Positive"), Negative: lang.L("Negative"), Empty: lang.L("No cards"),
		Note: lang.L("Note"), Subtitle: lang.L("{{.Positive}} positive · {{.Negative}} negative · created {{.Date}}",
			map[string]any{"Positive": s.numbers.int(pos), "Negative": s.numbers.int(neg), "Date": s.numbers.date(snap.CreatedAt.Local())})}
}

// saveBoard asks where to save the board and writes it there with write, off the UI
// goroutine; done says what was saved where.
func (s *boardsScreen) saveBoard(ext string, write func(io.Writer, *data.BoardSnapshot) error, done func(board, file string) string) {
	if s.board == nil {
		return
	}
	boardID, name := s.board.ID, s.board.Name
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(err, s.w)
			return
		}
		if wc == nil {
			return // cancelled
		}
		file := wc.URI().Name()
		load(s.bg, func(ctx context.Context) (struct{}, error) {
			defer wc.Close()
			snap, err := s.svc.BoardSnapshot(ctx, boardID)
			if err != nil {
				return struct{}{}, err
			}
			return struct{}{}, write(wc, snap)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(err, s.w)
				return
			}
			dialog.ShowInformation(lang.L("Saved"), done(name, file), s.w)
		})
	}, s.w)
	d.SetFileName(fileName(name, ext))
	d.Show()
}

func (s *boardsScreen) onImportFile() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, s.w)
			return
		}
		if rc == nil {
			return // cancelled
		}
		s.importFrom(rc, rc.URI().Name())
	}, s.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// importFrom reads a board file whole, off the UI goroutine, before anything is written: a
// file that is truncated, from a newer version or not a board file at all gets one sentence
// and leaves every board as it was. name is the file's name in that sentence.
func (s *boardsScreen) importFrom(rc io.ReadCloser, name string) {
	load(s.bg, func(context.Context) (*data.BoardSnapshot, error) {
		defer rc.Close()
		return boardfile.Read(rc, name)
	}, func(snap *data.BoardSnapshot, err error) {
		switch {
		case data.ErrorCode(err) == data.EINVALID:
			dialog.ShowInformation(lang.L("Cannot import the board file"), data.ErrorMessage(err), s.w)
		case err != nil:
			showError(err, s.w)
		default:
			s.confirmImport(snap, name)
		}
	})
}

// confirmImport imports a board file that was read whole; a board of the same name is only
// replaced when the user agrees.
func (s *boardsScreen) confirmImport(snap *data.BoardSnapshot, file string) {
	doImport := func() {
		var res *data.BoardImport
		s.mutateThen(func(ctx context.Context) error {
			var err error
			res, err = s.svc.ImportBoard(ctx, snap)
			return err
		}, func() {
			s.prefs.SetString(prefBoard, res.Board.Name)
			s.reload(res.Board.Name)
			dialog.ShowInformation(lang.L("Board imported"), lang.N("{{.Board}} imported from {{.File}}: {{.Count}} card.", len(res.Board.Cards),
				map[string]any{"Board": res.Board.Name, "File": file, "Count": s.numbers.int(len(res.Board.Cards))}), s.w)
		})
	}
	for _, b := range s.boards {
		if b.Name == snap.Name {
			dialog.ShowConfirm(lang.L("Replace board?"),
				lang.L("A board called {{.Board}} already exists. Replace its cards with the file's?", map[string]any{"Board": snap.Name}),
				func(ok bool) {
					if ok {
						doImport()
					}
				}, s.w)
			return
		}
	}
	doImport()
}
