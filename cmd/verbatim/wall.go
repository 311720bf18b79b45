package main

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2/app"

	"github.com/verbatim-app/verbatim/data/syncer"
	"github.com/verbatim-app/verbatim/ui"
	"github.com/verbatim-app/verbatim/ui/wall"
)

const wallSynopsis = "[--board NAME | --board-file F] [--panels score,trend,distribution,latest,board] [--rotate 20s] [--refresh 5m] [--sync] [--safe=true] [--window] [--kiosk]"

// runWall runs the wall display for an office TV until Esc (or Ctrl+C).
func runWall(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim wall", wallSynopsis)
	board := fs.String("board", "", "show this board (default: the newest board)")
	boardFile := fs.String("board-file", "", "show this board file, written by another computer, and reload it when it changes")
	panels := fs.String("panels", "score,trend,distribution,latest,board", "the panels to rotate through, in order")
	rotate := fs.Duration("rotate", wall.DefaultRotate, "how long each panel stays")
	refresh := fs.Duration("refresh", wall.DefaultRefresh, "how often the cache is read again (and, with --sync, the sources synced)")
	doSync := fs.Bool("sync", false, "sync every source in the background on the --refresh schedule")
	safe := fs.Bool("safe", true, "hide respondents' names, and emails, phone numbers and names inside comments; --safe=false shows them")
	window := fs.Bool("window", false, "run in a window instead of full screen (to try it out)")
	kiosk := fs.Bool("kiosk", false, "Esc does not leave; only stopping the program does")
	if err := parseCommand(fs, args, false); err != nil {
		return err
	}
	if *board != "" && *boardFile != "" {
		return usageErrorf("use --board or --board-file, not both")
	}
	list, err := wall.ParsePanels(*panels)
	if err != nil {
		return usageErrorf("%s", err)
	}
	if *rotate < time.Second {
		return usageErrorf("--rotate must be at least 1s, not %s", *rotate)
	}
	if *refresh < time.Second {
		return usageErrorf("--refresh must be at least 1s, not %s", *refresh)
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	cfg := wall.Config{Panels: list, Rotate: *rotate, Refresh: *refresh, ShowPersonal: !*safe,
		BoardName: *board, BoardFile: *boardFile}
	if *doSync {
		engine, err := syncer.NewEngine(db)
		if err != nil {
			return err
		}
		cfg.Sync = engine
	}
	if !*safe {
		fmt.Fprintln(e.stderr, "verbatim: safe mode is off: respondents' names and the contact details in their comments will show on the wall.")
	}
	ui.RunWall(ctx, app.NewWithID(appID), wall.Services{Reports: db, Comments: db, Stats: db, Boards: db},
		ui.WallOptions{Config: cfg, Window: *window, Kiosk: *kiosk, Lang: e.lang})
	return nil
}
