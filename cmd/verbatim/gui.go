package main

import (
	"context"
	"flag"

	"fyne.io/fyne/v2/app"

	"github.com/verbatim-app/verbatim/data/demo"
	"github.com/verbatim-app/verbatim/data/formats"
	"github.com/verbatim-app/verbatim/ui"
)

// appID names the app to the OS and locates its preferences; it matches FyneApp.toml.
const appID = "app.verbatim.desktop"

// guiFlags are the flags that only matter when verbatim opens the window.
type guiFlags struct {
	screen string
	theme  string
}

func addGUIFlags(fs *flag.FlagSet) *guiFlags {
	g := &guiFlags{}
	fs.StringVar(&g.screen, "screen", "", "open on this screen: dashboard, comments, boards, sources or settings")
	fs.StringVar(&g.theme, "theme", "", "light or dark (default: the saved setting)")
	return g
}

// runGUI opens the main window on the store and runs until it is closed.
func runGUI(ctx context.Context, e *env, g *guiFlags) error {
	db, engine, err := e.openSyncer()
	if err != nil {
		return err
	}
	defer db.Close()
	svc := ui.Services{
		Reports: db, Themes: db, Responses: db, Sources: db, Stats: db, Tags: db, Notes: db, Boards: db,
		Comments: db, Annotations: db, Rules: db, Index: db, Sync: engine,
		LoadDemo: func(ctx context.Context, progress func(done, total int)) error {
			_, err := demo.Load(ctx, db, demo.Options{}, progress)
			return err
		},
		ImportFile: func(ctx context.Context, path string, progress func(done, total int64)) (string, error) {
			res, err := formats.Import(ctx, db, path, formats.Options{}, func(p formats.Progress) { progress(p.Bytes, p.Total) })
			if err != nil {
				return "", err
			}
			return importLine(res), nil
		},
	}
	w := ui.New(app.NewWithID(appID), svc, ui.Options{StartScreen: g.screen, Theme: g.theme, Lang: e.lang})
	w.ShowAndRun()
	return nil
}
