package main

import (
	"context"
	"fmt"
	"time"

	"github.com/verbatim-app/verbatim/data/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim demo", "[--responses N] [--seed S]")
	var opts demo.Options
	fs.IntVar(&opts.Responses, "responses", demo.DefaultResponses, "how many responses to generate")
	fs.Int64Var(&opts.Seed, "seed", 1, "random seed: the same seed gives the same data")
	if err := parseCommand(fs, args, false); err != nil {
		return err
	}
	if opts.Responses < 1 {
		return usageErrorf("--responses must be at least 1, not %d", opts.Responses)
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	bar := newProgressBar(e.stderr, "Generating demo data")
	res, err := demo.Load(ctx, db, opts, func(done, total int) { bar.update(int64(done), int64(total)) })
	bar.finish()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(e.stdout, "Demo data in %s: %d responses (%d new, %d updated, %d unchanged) from %d sources, %d with comments, %d notes, %d follow-ups",
		db.Path(), res.Responses, res.Written.Inserted, res.Written.Updated, res.Written.Unchanged, res.Sources, res.Comments, res.Notes, res.FollowUps)
	if res.Board != "" {
		fmt.Fprintf(e.stdout, ", board %q with %d cards", res.Board, res.Cards)
	}
	fmt.Fprintf(e.stdout, ". %.1f s, %.0f responses/s.\n", elapsed.Seconds(), float64(res.Responses)/elapsed.Seconds())
	return nil
}
