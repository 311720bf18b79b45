package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/formats"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim import", "[--format F] [--survey-type T] [--source NAME] [--map M] [--strict] [--include-unfinished] FILE...")
	var opts formats.Options
	fs.StringVar(&opts.Format, "format", "auto", "file format: auto, "+strings.Join(formats.Formats, ", "))
	fs.StringVar(&opts.SurveyType, "survey-type", "", "survey type of the score question (nps, csat, ces, star, ...); picks that question when a file has several")
	fs.StringVar(&opts.Source, "source", "", "source to file the responses under (default: from the file name and format)")
	mapping := fs.String("map", "", "columns to use: score=COL,comment=COL,date=COL,email=COL,name=COL,id=COL,segment=COL (repeatable)")
	fs.BoolVar(&opts.Strict, "strict", false, "fail on a row with a bad score or date instead of skipping it")
	fs.BoolVar(&opts.IncludeUnfinished, "include-unfinished", false, "keep unfinished responses (Qualtrics Finished=0, Typeform partial)")
	if err := parseCommand(fs, args, true); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("verbatim import needs at least one FILE")
	}
	if err := opts.Validate(); err != nil {
		return usageErrorf("%s", data.ErrorMessage(err))
	}
	var err error
	if opts.Mapping, err = formats.ParseMapping(*mapping); err != nil {
		return usageErrorf("%s", data.ErrorMessage(err))
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	// Each file is one transaction: a failing file leaves the database as it was and stops
	// the command; the files before it stay imported.
	for _, path := range fs.Args() {
		bar := newProgressBar(e.stderr, "Importing "+filepath.Base(path))
		res, err := formats.Import(ctx, db, path, opts, func(p formats.Progress) { bar.update(p.Bytes, p.Total) })
		bar.finish()
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, importLine(res))
	}
	return waitCatchUp(ctx, e, db)
}

// waitCatchUp finishes what the imports left for after their commits (indexes, the search
// index), so that the command ends with everything searchable. Interrupted, it loses
// nothing: the next command that opens the database resumes it.
func waitCatchUp(ctx context.Context, e *env, db *sqlite.DB) error {
	start, err := db.CatchUpStatus(ctx)
	if err != nil || start.Done() {
		return err
	}
	// An index costs about as much as indexing 50,000 comments.
	left := func(p sqlite.CatchUpProgress) int64 { return int64(p.Indexes)*50_000 + p.Total - p.Indexed }
	bar := newProgressBar(e.stderr, "Indexing for search")
	defer bar.finish()
	return db.WaitCatchUp(ctx, func(p sqlite.CatchUpProgress) { bar.update(left(start)-left(p), left(start)) })
}

// importLine is one file's result: what was read, written and skipped, and why.
func importLine(r formats.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s export into source %q: %d rows read, %d inserted, %d updated, %d unchanged, %d skipped",
		filepath.Base(r.File), formats.FormatName(r.Format), r.Source, r.Read, r.Inserted, r.Updated, r.Unchanged, r.Skipped.Total())
	if r.Skipped.Total() > 0 {
		b.WriteString(" (" + r.Skipped.String() + ")")
	}
	b.WriteByte('.')
	return b.String()
}
