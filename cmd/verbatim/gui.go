package main

import (
	"context"
	"flag"
)

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

func runGUI(ctx context.Context, e *env, g *guiFlags) error {
	return usageErrorf("the window is being wired in; use a command (verbatim --help)")
}
