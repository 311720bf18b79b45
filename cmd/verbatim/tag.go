package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

const tagUsage = "list|add|remove|rule ..."

// runTag dispatches verbatim tag SUBCOMMAND: tagging from scripts.
func runTag(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("verbatim tag needs a subcommand: %s", tagUsage)
	}
	switch args[0] {
	case "list":
		return runTagList(ctx, e, args[1:])
	case "add":
		return runTagBulk(ctx, e, "add", args[1:])
	case "remove":
		return runTagBulk(ctx, e, "remove", args[1:])
	case "rule":
		return runTagRule(ctx, e, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(e.stderr, "Usage: verbatim tag %s\n\n"+
			"  list [--json]                        tags, their colour and how many responses carry them\n"+
			"  add TAG FILTER...                    tag every response the filter matches\n"+
			"  remove TAG FILTER...                 remove the tag from them, whatever put it there\n"+
			"  rule add TAG QUERY                   tag comments matching QUERY, now and on every import\n"+
			"  rule list [--json]\n"+
			"  rule remove ID                       delete a rule (the tags it put stay)\n\n"+
			"FILTER is any of verbatim comments' filter flags: --search Q --tag T --type T --band B\n"+
			"--min S --max S --from D --to D --source NAME --segment KEY=VALUE --comment with|without|any.\n"+
			"QUERY uses the search syntax: words, \"exact phrases\", -exclude, a OR b, prefix*; put -- before\n"+
			"a QUERY that starts with -.\n", tagUsage)
		return nil
	}
	return usageErrorf("unknown tag subcommand %q; use %s", args[0], tagUsage)
}

// tagJSON is one tag in verbatim tag list --json.
type tagJSON struct {
	Name      string `json:"name"`
	Color     string `json:"color"`
	Responses int    `json:"responses"`
}

func runTagList(ctx context.Context, e *env, args []string) error {
	db, asJSON, err := e.openListing("verbatim tag list", args)
	if err != nil {
		return err
	}
	defer db.Close()
	tags, err := db.Tags(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]tagJSON, len(tags))
		for i, t := range tags {
			out[i] = tagJSON{t.Name, t.Color, t.Count}
		}
		return writeJSON(e.stdout, out)
	}
	if len(tags) == 0 {
		fmt.Fprintln(e.stdout, "No tags yet. Add one with verbatim tag add TAG --search WORDS.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TAG\tRESPONSES\tCOLOUR")
	for _, t := range tags {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", t.Name, t.Count, t.Color)
	}
	return tw.Flush()
}

// runTagBulk is verbatim tag add|remove TAG FILTER...
func runTagBulk(ctx context.Context, e *env, verb string, args []string) error {
	fs := e.flagSet("verbatim tag "+verb, "TAG --search Q [--type T] [other filter flags]")
	cf := addCommentFilterFlags(fs)
	pos, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("verbatim tag %s takes one TAG and filter flags, e.g. verbatim tag %s billing --search invoice", verb, verb)
	}
	if !cf.isSet() {
		return usageErrorf("verbatim tag %s needs a filter such as --search or --type, so that it does not touch every response by accident", verb)
	}
	db, f, err := e.openFiltered(ctx, cf)
	if err != nil {
		return err
	}
	defer db.Close()
	matched, err := db.CountComments(ctx, f)
	if err != nil {
		return err
	}
	if verb == "add" {
		tag, err := db.EnsureTag(ctx, pos[0])
		if err != nil {
			return err
		}
		n, err := db.TagMatching(ctx, f, tag.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Tagged %d responses with %s (%d matched, %d already had it).\n", n, tag.Name, matched, matched-n)
		return nil
	}
	tag, err := findTag(ctx, db, pos[0])
	if err != nil {
		return err
	}
	n, err := db.UntagMatching(ctx, f, tag.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Removed %s from %d responses (%d matched).\n", tag.Name, n, matched)
	return nil
}

// findTag returns the tag called name (any case) without creating it.
func findTag(ctx context.Context, db *sqlite.DB, name string) (*data.Tag, error) {
	tags, err := db.Tags(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		if strings.EqualFold(t.Name, name) {
			return t, nil
		}
	}
	return nil, data.Errorf(data.ENOTFOUND, "there is no tag called %q (verbatim tag list shows them)", name)
}

// ruleJSON is one rule in verbatim tag rule list --json.
type ruleJSON struct {
	ID      int64  `json:"id"`
	Tag     string `json:"tag"`
	Query   string `json:"query"`
	Enabled bool   `json:"enabled"`
}

// runTagRule is verbatim tag rule add|list|remove.
func runTagRule(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("verbatim tag rule needs a subcommand: add TAG QUERY, list or remove ID")
	}
	sub, args := args[0], args[1:]
	fs := e.flagSet("verbatim tag rule "+sub, "")
	asJSON := fs.Bool("json", false, "print JSON (rule list)")
	pos, err := parsePositional(fs, args)
	if err != nil {
		return err
	}
	want := map[string]int{"add": 2, "list": 0, "remove": 1}
	n, ok := want[sub]
	if !ok {
		return usageErrorf("unknown tag rule subcommand %q; use add TAG QUERY, list or remove ID", sub)
	}
	if len(pos) != n {
		return usageErrorf("verbatim tag rule %s takes %d argument(s): add TAG QUERY, list, remove ID", sub, n)
	}
	var id int64
	if sub == "remove" {
		if id, err = strconv.ParseInt(pos[0], 10, 64); err != nil {
			return usageErrorf("rule id %q is not a number (verbatim tag rule list shows them)", pos[0])
		}
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "add":
		rule, tagged, err := db.CreateTagRule(ctx, pos[0], pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Rule %d: tag %s when a comment matches %s. Tagged %d responses already stored; new ones are tagged as they are imported.\n",
			rule.ID, rule.Tag, rule.Query, tagged)
	case "remove":
		if err := db.DeleteTagRule(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Removed rule %d; the tags it put stay.\n", id)
	case "list":
		rules, err := db.TagRules(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]ruleJSON, len(rules))
			for i, r := range rules {
				out[i] = ruleJSON{r.ID, r.Tag, r.Query, r.Enabled}
			}
			return writeJSON(e.stdout, out)
		}
		if len(rules) == 0 {
			fmt.Fprintln(e.stdout, "No tag rules. Add one with verbatim tag rule add TAG QUERY.")
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTAG\tQUERY")
		for _, r := range rules {
			fmt.Fprintf(tw, "%d\t%s\t%s\n", r.ID, r.Tag, r.Query)
		}
		return tw.Flush()
	}
	return nil
}
