package main

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
	"github.com/verbatim-app/verbatim/ui"
)

const meetSynopsis = "[NAME | --file F] [--minutes N] [--order alternate|positive-first] [--names] [--window]"

// runBoardMeet presents a board in meeting mode, full screen, straight from the command
// line: the board called NAME (the newest without one), or a board file, which needs no
// database at all (a meeting-room laptop that only received the file).
func runBoardMeet(ctx context.Context, e *env, args []string) error {
	var (
		file, order     *string
		minutes         *int
		names, inWindow *bool
	)
	fs := e.flagSet("verbatim board meet", meetSynopsis)
	file = fs.String("file", "", "present this board file instead of a board of the database")
	minutes = fs.Int("minutes", 0, "the countdown in minutes, 1 to 120 (default: the one last chosen in the app, or 5)")
	order = fs.String("order", "alternate", "alternate positive and negative cards, or positive-first")
	names = fs.Bool("names", false, "start with respondents' names and emails shown (N toggles them)")
	inWindow = fs.Bool("window", false, "run in a window instead of full screen (to try it out)")
	pos, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 1 || (len(pos) == 1 && *file != ""):
		return usageErrorf("verbatim board meet takes %s", meetSynopsis)
	case *minutes < 0 || *minutes > 120:
		return usageErrorf("--minutes must be from 1 to 120, not %d", *minutes)
	case *order != "alternate" && *order != "positive-first":
		return usageErrorf("--order must be alternate or positive-first, not %q", *order)
	}
	var (
		b       *data.Board
		privacy data.BoardPrivacy
	)
	if *file != "" {
		b, privacy, err = meetingFromFile(*file)
	} else {
		b, privacy, err = e.meetingFromStore(ctx, pos)
	}
	if err != nil {
		return err
	}
	ui.RunMeeting(ctx, app.NewWithID(appID), b, privacy, ui.MeetingOptions{Minutes: *minutes,
		PositiveFirst: *order == "positive-first", ShowNames: *names, Window: *inWindow, Lang: e.lang})
	return nil
}

// meetingFromStore reads the board called pos[0], or the newest board, with its privacy
// settings; the database is closed again before the presentation starts.
func (e *env) meetingFromStore(ctx context.Context, pos []string) (*data.Board, data.BoardPrivacy, error) {
	db, err := e.openStore()
	if err != nil {
		return nil, data.BoardPrivacy{}, err
	}
	defer db.Close()
	var b *data.Board
	if len(pos) == 1 {
		if b, err = db.BoardByName(ctx, pos[0]); data.ErrorCode(err) == data.ENOTFOUND {
			return nil, data.BoardPrivacy{}, data.Errorf(data.ENOTFOUND, "there is no board called %q (verbatim board list shows them)", pos[0])
		}
	} else {
		var boards []*data.Board
		if boards, err = db.Boards(ctx); err == nil && len(boards) == 0 {
			return nil, data.BoardPrivacy{}, data.Errorf(data.ENOTFOUND, "there are no boards yet; create one with verbatim board add NAME")
		}
		if err == nil {
			b, err = db.Board(ctx, boards[0].ID)
		}
	}
	if err != nil {
		return nil, data.BoardPrivacy{}, err
	}
	privacy, err := db.BoardPrivacy(ctx, b.ID)
	return b, privacy, err
}

// meetingFromFile reads a board file into a board to present. The file's cards carry their
// responses whole; they get ids in file order, which is all the presentation needs of them.
func meetingFromFile(path string) (*data.Board, data.BoardPrivacy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, data.BoardPrivacy{}, fmt.Errorf("open board file: %w", err)
	}
	defer f.Close()
	snap, err := boardfile.Read(f, path)
	if err != nil {
		return nil, data.BoardPrivacy{}, err
	}
	b := &data.Board{Name: snap.Name, CreatedAt: snap.CreatedAt}
	privacy := data.BoardPrivacy{HideNames: snap.HideNames, HiddenNames: map[int64]bool{}}
	for i, c := range snap.Cards {
		r := *c.Response
		r.ID = int64(i + 1)
		b.Cards = append(b.Cards, &data.BoardCard{ResponseID: r.ID, Side: c.Side, Note: c.Note, PinnedAt: c.PinnedAt, Response: &r})
		privacy.HiddenNames[r.ID] = c.NameHidden
	}
	return b, privacy, nil
}
