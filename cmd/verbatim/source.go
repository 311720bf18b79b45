package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// runSource dispatches verbatim source add|list|test|remove.
func runSource(ctx context.Context, e *env, args []string) error {
	const usage = "add|list|test|remove ..."
	if len(args) == 0 {
		return usageErrorf("verbatim source needs a subcommand: %s", usage)
	}
	switch args[0] {
	case "add":
		return runSourceAdd(ctx, e, args[1:])
	case "list":
		return runSourceList(ctx, e, args[1:])
	case "test":
		return runSourceTest(ctx, e, args[1:])
	case "remove":
		return runSourceRemove(ctx, e, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(e.stderr, "Usage: verbatim source %s\n\n"+
			"  add NAME --kind qualtrics|typeform|surveymonkey|folder [--url BASE] [--survey ID] [--token-env VAR|--token-file F] [--path DIR]\n"+
			"  list [--json]\n  test NAME\n  remove NAME [--purge]\n", usage)
		return nil
	}
	return usageErrorf("unknown source subcommand %q; use %s", args[0], usage)
}

// parsePositional parses flags that may come before, between or after positional
// arguments ("add NAME --kind k" and "add --kind k NAME" alike) and returns the positionals.
func parsePositional(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// openListing parses the flags of a listing command, which has only --json, and opens the
// store.
func (e *env) openListing(name string, args []string) (db *sqlite.DB, asJSON bool, err error) {
	fs := e.flagSet(name, "[--json]")
	j := fs.Bool("json", false, "print JSON")
	if err := parseCommand(fs, args, false); err != nil {
		return nil, false, err
	}
	db, err = e.openStore()
	return db, *j, err
}

// secrets returns where API tokens live.
func (e *env) secrets() (*syncer.Secrets, error) {
	dir, err := syncer.DefaultSecretsDir()
	if err != nil {
		return nil, err
	}
	return &syncer.Secrets{Dir: dir}, nil
}

func runSourceAdd(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim source add", "NAME --kind qualtrics|typeform|surveymonkey|folder [--url BASE] [--survey ID] [--token-env VAR|--token-file F] [--path DIR]")
	kind := fs.String("kind", "", "qualtrics, typeform, surveymonkey or folder")
	url := fs.String("url", "", "API base URL: a Qualtrics data centre (https://iad1.qualtrics.com), an EU host, a proxy")
	survey := fs.String("survey", "", "survey or form ID on the platform")
	tokenEnv := fs.String("token-env", "", "environment variable that holds the API token")
	tokenFile := fs.String("token-file", "", `file holding the API token ("-" reads standard input); it is copied to the user config dir, readable by you only`)
	path := fs.String("path", "", "folder sources: the directory to pick exports up from")
	surveyType := fs.String("survey-type", "", "optional: the survey type of the score question when the platform does not say (nps, csat, ces...)")
	names, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return usageErrorf("verbatim source add needs exactly one NAME")
	}
	name := names[0]
	if err := syncer.ValidSourceName(name); err != nil {
		return &usageError{msg: data.ErrorMessage(err)}
	}
	config := map[string]string{}
	switch *kind {
	case data.KindQualtrics, data.KindTypeform, data.KindSurveyMonkey:
		if *survey == "" {
			return usageErrorf("a %s source needs --survey ID", *kind)
		}
		if *kind == data.KindQualtrics && *url == "" {
			return usageErrorf("a qualtrics source needs --url https://<datacenter>.qualtrics.com")
		}
		if (*tokenEnv == "") == (*tokenFile == "") {
			return usageErrorf("a %s source needs its API token from exactly one of --token-env VAR or --token-file FILE", *kind)
		}
		if *path != "" {
			return usageErrorf("--path is for folder sources")
		}
		config[syncer.ConfigSurvey] = *survey
		if *url != "" {
			config[syncer.ConfigURL] = *url
		}
		if *tokenEnv != "" {
			config[syncer.ConfigTokenEnv] = *tokenEnv
		}
		if *surveyType != "" {
			config[syncer.ConfigSurveyType] = *surveyType
		}
	case data.KindFolder:
		if *path == "" {
			return usageErrorf("a folder source needs --path DIR")
		}
		if *url != "" || *survey != "" || *tokenEnv != "" || *tokenFile != "" {
			return usageErrorf("a folder source takes --path only")
		}
		abs, err := filepath.Abs(*path)
		if err != nil {
			return fmt.Errorf("folder %s: %w", *path, err)
		}
		if info, err := os.Stat(abs); err != nil || !info.IsDir() {
			return data.Errorf(data.EINVALID, "folder %s does not exist or is not a directory", abs)
		}
		config[syncer.ConfigPath] = abs
	case "":
		return usageErrorf("verbatim source add needs --kind qualtrics, typeform, surveymonkey or folder")
	default:
		return usageErrorf("--kind %q is not qualtrics, typeform, surveymonkey or folder", *kind)
	}
	// Read the token before touching the database, so a bad token file leaves nothing behind.
	var token string
	if *tokenFile != "" {
		var err error
		if token, err = readToken(*tokenFile); err != nil {
			return err
		}
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	src := &data.Source{Name: name, Kind: *kind, Config: config}
	if err := db.CreateSource(ctx, src); err != nil {
		return err
	}
	if token != "" {
		secrets, err := e.secrets()
		if err == nil {
			err = secrets.SaveToken(name, token)
		}
		if err != nil {
			db.DeleteSource(context.WithoutCancel(ctx), src.ID)
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Added %s source %q", *kind, name)
	if *kind == data.KindFolder {
		fmt.Fprintf(e.stdout, " watching %s.\n", config[syncer.ConfigPath])
	} else {
		fmt.Fprintf(e.stdout, " for survey %s. Check it with: verbatim source test %s\n", *survey, shellQuote(name))
	}
	return nil
}

// readToken reads an API token from a file, or from standard input for "-".
func readToken(path string) (string, error) {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", data.Errorf(data.EINVALID, "cannot read the token file %s: %v", path, err)
		}
		defer f.Close()
		r = f
	}
	buf, err := io.ReadAll(io.LimitReader(r, 64<<10))
	if err != nil {
		return "", fmt.Errorf("read the API token: %w", err)
	}
	token := strings.TrimSpace(string(buf))
	if token == "" || strings.ContainsAny(token, "\r\n") {
		return "", data.Errorf(data.EINVALID, "the token file %s must hold the API token alone on one line", path)
	}
	return token, nil
}

// sourceJSON is one source in verbatim source list --json. The token is only described.
type sourceJSON struct {
	Name       string     `json:"name"`
	Kind       string     `json:"kind"`
	URL        string     `json:"url,omitempty"`
	Survey     string     `json:"survey,omitempty"`
	Path       string     `json:"path,omitempty"`
	Token      string     `json:"token,omitempty"` // "$VAR" or a masked token
	Responses  int        `json:"responses"`
	LastSyncAt *time.Time `json:"last_sync_at"`
	LastError  string     `json:"last_error"`
}

func runSourceList(ctx context.Context, e *env, args []string) error {
	db, asJSON, err := e.openListing("verbatim source list", args)
	if err != nil {
		return err
	}
	defer db.Close()
	sources, err := db.Sources(ctx)
	if err != nil {
		return err
	}
	secrets, err := e.secrets()
	if err != nil {
		return err
	}
	out := make([]sourceJSON, 0, len(sources))
	for _, s := range sources {
		j := sourceJSON{Name: s.Name, Kind: s.Kind, URL: s.Config[syncer.ConfigURL], Survey: s.Config[syncer.ConfigSurvey],
			Path: s.Config[syncer.ConfigPath], Responses: s.Responses, LastError: s.LastError}
		if isAPIKind(s.Kind) {
			j.Token = secrets.Describe(s)
		}
		if !s.LastSyncAt.IsZero() {
			t := s.LastSyncAt.UTC()
			j.LastSyncAt = &t
		}
		out = append(out, j)
	}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "No sources yet. Add one with: verbatim source add NAME --kind typeform --survey FORM_ID --token-env VAR")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tSURVEY\tTOKEN\tRESPONSES\tLAST SYNC\tLAST ERROR")
	for _, s := range out {
		where := s.Survey
		if s.Path != "" {
			where = s.Path
		}
		last := "never"
		if s.LastSyncAt != nil {
			last = s.LastSyncAt.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", s.Name, s.Kind, dash(where), dash(s.Token), s.Responses, last, dash(s.LastError))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func isAPIKind(kind string) bool {
	return kind == data.KindQualtrics || kind == data.KindTypeform || kind == data.KindSurveyMonkey
}

func runSourceTest(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim source test", "NAME")
	names, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return usageErrorf("verbatim source test needs exactly one NAME")
	}
	db, engine, err := e.openSyncer()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := engine.Test(ctx, names[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Source %q answers and accepts its API token.\n", names[0])
	return nil
}

func runSourceRemove(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim source remove", "NAME [--purge]")
	purge := fs.Bool("purge", false, "also delete the source's responses and every tag, note and board card on them")
	names, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return usageErrorf("verbatim source remove needs exactly one NAME")
	}
	name := names[0]
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	src, err := db.SourceByName(ctx, name)
	if err != nil {
		return err
	}
	secrets, err := e.secrets()
	if err != nil {
		return err
	}
	if *purge {
		if err := db.DeleteSource(ctx, src.ID); err != nil {
			return err
		}
		if err := secrets.DeleteToken(name); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Removed source %q with its %d responses and their annotations.\n", name, src.Responses)
		return nil
	}
	if err := detachSource(ctx, db, src); err != nil {
		return err
	}
	if err := secrets.DeleteToken(name); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Source %q no longer syncs and its API token is gone; its responses, tags, notes and board cards stay (use --purge to delete them).\n", name)
	return nil
}

// detachSource turns a source into a plain archive of the responses it brought: kind file,
// no connection settings, no cursor. Nothing syncs it any more, and every annotation on its
// responses stays where it is.
func detachSource(ctx context.Context, db *sqlite.DB, src *data.Source) error {
	src.Kind, src.Config, src.Cursor, src.LastError = data.KindFile, nil, "", ""
	return db.UpdateSource(ctx, src)
}

// shellQuote quotes a source name for a command the user may copy.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?&;|<>()[]{}#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
