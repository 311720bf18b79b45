// Command verbatim is the Verbatim desktop app and its command line. With no subcommand it
// opens the window; each subcommand is one file beside this one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	_ "github.com/verbatim-app/verbatim/cmd/verbatim/internal/posixlocale" // before Fyne reads the locale
	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// command is one subcommand: its name, a one-line summary for --help, and what it runs.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists every subcommand. Add one line here per new command file.
var commands = []command{
	{"demo", "fill the cache with a realistic multilingual demo dataset", runDemo},
	{"report", "print scores, trend and segments (text or --json)", runReport},
	{"comments", "search and filter comments (text, --json, or --csv for spreadsheets)", runComments},
	{"tag", "tag responses from scripts: list, add, remove, rule add|list|remove", runTag},
	{"source", "add, list, test or remove survey sources (Qualtrics, Typeform, SurveyMonkey, folders)", runSource},
	{"sync", "fetch new responses from the API sources: verbatim sync [NAME...] [--full]", runSync},
	{"board", "feedback boards: list, show, add, pin, suggest, export and import board files, meeting mode", runBoard},
	{"import", "import survey exports (Qualtrics, SurveyMonkey, Typeform, Google Forms, Delighted, CSV)", runImport},
	{"wall", "full-screen wall display for an office TV: rotating scores and comments, safe by default", runWall},
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what every command shares: output streams and the global flags.
type env struct {
	stdout, stderr io.Writer
	dbPath         string
	lang           string
}

// run dispatches args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, dbPath: os.Getenv("VERBATIM_DB")}
	fs := e.flagSet("verbatim", "[global flags] [command] [flags]")
	gui := addGUIFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: verbatim [global flags] [command] [flags]\n\nGlobal flags:\n")
		fs.PrintDefaults()
		fmt.Fprintln(e.stderr, "\nCommands:")
		for _, c := range commands {
			fmt.Fprintf(e.stderr, "  %-10s %s\n", c.name, c.summary)
		}
		fmt.Fprintln(e.stderr, "\nWith no command, verbatim opens the window. Run verbatim COMMAND --help for a command's flags.")
	}
	if err := parseFlags(fs, args); err != nil {
		return e.fail(err)
	}
	if fs.NArg() == 0 {
		return e.fail(runGUI(ctx, e, gui))
	}
	name := fs.Arg(0)
	if name == "help" {
		fs.Usage()
		return exitOK
	}
	for _, c := range commands {
		if c.name == name {
			return e.fail(c.run(ctx, e, fs.Args()[1:]))
		}
	}
	return e.fail(usageErrorf("unknown command %q; run verbatim --help for the list", name))
}

// flagSet returns a flag set that knows the global flags, so they work before or after the
// command name, and prints the command list in its usage.
func (e *env) flagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.dbPath, "db", e.dbPath, "database file (default: $VERBATIM_DB or the user config dir)")
	fs.StringVar(&e.lang, "lang", e.lang, "interface language: en, es or tr")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// openStore opens the database the global flags name, creating the default directory when
// it is the default location.
func (e *env) openStore() (*sqlite.DB, error) {
	path := e.dbPath
	if path == "" {
		def, err := sqlite.DefaultPath()
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(def), 0o700); err != nil {
			return nil, fmt.Errorf("create the data directory %s: %w", filepath.Dir(def), err)
		}
		path = def
	}
	return sqlite.Open(path)
}

// usageError is a mistake in the command line: exit code 2. printed is set when the flag
// package already told the user.
type usageError struct {
	msg     string
	printed bool
}

func (u *usageError) Error() string { return u.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseFlags parses args, turning the flag package's errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &usageError{msg: err.Error(), printed: true}
}

// fail prints err as one sentence on stderr and returns its exit code.
func (e *env) fail(err error) int {
	var u *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &u):
		if !u.printed {
			fmt.Fprintln(e.stderr, "verbatim: "+sentence(u.msg))
		}
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "verbatim: interrupted; nothing was half-written.")
		return exitFailure
	default:
		fmt.Fprintln(e.stderr, "verbatim: "+sentence(data.ErrorMessage(err)))
		return exitFailure
	}
}

// sentence ends a message with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// parseCommand parses a subcommand's flags; extra positional args are a usage error unless
// the command takes them.
func parseCommand(fs *flag.FlagSet, args []string, positional bool) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !positional && fs.NArg() > 0 {
		return usageErrorf("%s does not take %q", fs.Name(), fs.Arg(0))
	}
	return nil
}
