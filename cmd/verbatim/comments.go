package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

const commentsSynopsis = "[--search Q] [--tag T] [--type T] [--band B] [--min S] [--max S] [--from D] [--to D] " +
	"[--sort newest|oldest|lowest|highest] [--limit N] [--csv|--json]"

// runComments is verbatim comments: the comment browser on the command line.
func runComments(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim comments", commentsSynopsis)
	cf := addCommentFilterFlags(fs)
	sort := fs.String("sort", "newest", "order: newest, oldest, lowest or highest score")
	limit := fs.Int("limit", 0, "how many responses to print (default 50; --csv writes every match)")
	asCSV := fs.Bool("csv", false, "write every match as CSV for spreadsheets (UTF-8 with BOM, formula-safe)")
	asJSON := fs.Bool("json", false, "print JSON: {total, responses: [...]}")
	if err := parseCommand(fs, args, false); err != nil {
		return err
	}
	switch {
	case *asCSV && *asJSON:
		return usageErrorf("--csv and --json cannot be used together")
	case *asCSV && *limit != 0:
		return usageErrorf("--limit does not apply to --csv, which writes every match")
	case *limit < 0:
		return usageErrorf("--limit %d is not a positive number", *limit)
	case *limit == 0:
		*limit = 50
	}
	db, f, err := e.openFiltered(ctx, cf)
	if err != nil {
		return err
	}
	defer db.Close()
	f.Sort = data.Sort(*sort)
	if !isSort(f.Sort) {
		return usageErrorf("--sort %q is not newest, oldest, lowest or highest", *sort)
	}
	if f.Search != "" {
		warnIndexBehind(ctx, e.stderr, db)
	}

	if *asCSV {
		bar := newProgressBar(e.stderr, "Exporting")
		n, err := db.ExportComments(ctx, f, e.stdout, func(done, total int) { bar.update(int64(done), int64(total)) })
		bar.finish()
		if err != nil {
			return err
		}
		if bar.on {
			fmt.Fprintf(e.stderr, "Exported %d responses.\n", n)
		}
		return nil
	}
	page, err := db.FindComments(ctx, f, nil, *limit)
	if err != nil {
		return err
	}
	total, err := db.CountComments(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, commentsJSON(ctx, db, page.Responses, total))
	}
	writeCommentsText(e.stdout, page.Responses, total)
	return nil
}

// warnIndexBehind says on one line when search covers only part of the comments: the search
// index of a large import is built after its commit, and a search meanwhile misses the rest.
// A status that cannot be read says nothing; the search itself reports the database.
func warnIndexBehind(ctx context.Context, w io.Writer, idx data.IndexStatusService) {
	st, err := idx.IndexStatus(ctx)
	if err != nil || st.Complete() {
		return
	}
	why := "it is still being built after an import"
	if st.Err != nil {
		why = "building it stopped: " + data.ErrorMessage(st.Err)
	}
	fmt.Fprintf(w, "The search index covers %d%% of the comments (%s): results may be incomplete.\n", int(st.Searchable*100), why)
}

func isSort(s data.Sort) bool {
	for _, known := range data.Sorts {
		if s == known {
			return true
		}
	}
	return false
}

// commentFilterFlags are the filter flags verbatim comments and verbatim tag add|remove share.
type commentFilterFlags struct {
	search, typ, band, from, to, source, segment, comment string
	min, max                                              optionalFloat
	tags                                                  stringList
}

func addCommentFilterFlags(fs *flag.FlagSet) *commentFilterFlags {
	c := &commentFilterFlags{}
	fs.StringVar(&c.search, "search", "", `words to find: "exact phrase", -exclude, a OR b, prefix*`)
	fs.Var(&c.tags, "tag", "only responses with this tag (repeat for several, all required)")
	fs.StringVar(&c.typ, "type", "", "survey type: nps, enps, csat, ces, star, smiley, thumbs, pmf, score")
	fs.StringVar(&c.band, "band", "", "score band: positive (promoters), neutral (passives) or negative (detractors)")
	fs.Var(&c.min, "min", "lowest score included")
	fs.Var(&c.max, "max", "highest score included")
	fs.StringVar(&c.from, "from", "", "first day, YYYY-MM-DD (local time)")
	fs.StringVar(&c.to, "to", "", "last day included, YYYY-MM-DD (local time)")
	fs.StringVar(&c.source, "source", "", "only responses from this source")
	fs.StringVar(&c.segment, "segment", "", "only responses whose segment KEY has VALUE, as KEY=VALUE")
	fs.StringVar(&c.comment, "comment", "with", "with (responses with a comment), without, or any")
	return c
}

// isSet reports whether any flag narrows the responses, beyond the comment default.
func (c *commentFilterFlags) isSet() bool {
	return c.search != "" || len(c.tags) > 0 || c.typ != "" || c.band != "" || c.min.set || c.max.set ||
		c.from != "" || c.to != "" || c.source != "" || c.segment != ""
}

// openFiltered opens the store and builds the filter the flags describe (a --source is
// looked up in the store).
func (e *env) openFiltered(ctx context.Context, cf *commentFilterFlags) (*sqlite.DB, data.CommentFilter, error) {
	db, err := e.openStore()
	if err != nil {
		return nil, data.CommentFilter{}, err
	}
	f, err := cf.filter(ctx, db)
	if err != nil {
		db.Close()
		return nil, f, err
	}
	return db, f, nil
}

// filter checks the flags and builds the filter they describe.
func (c *commentFilterFlags) filter(ctx context.Context, db *sqlite.DB) (data.CommentFilter, error) {
	f := data.CommentFilter{Search: c.search, TagsAll: c.tags, Filter: data.Filter{SurveyType: c.typ}}
	var err error
	if f.From, err = parseDay(c.from, "--from"); err != nil {
		return f, err
	}
	if f.To, err = parseDay(c.to, "--to"); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // --to names the last day included
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, usageErrorf("--from %s is after --to %s", c.from, c.to)
	}
	switch strings.ToLower(c.band) {
	case "":
	case data.BandPositive, "promoters":
		f.Band = data.BandPositive
	case data.BandNeutral, "passives":
		f.Band = data.BandNeutral
	case data.BandNegative, "detractors":
		f.Band = data.BandNegative
	default:
		return f, usageErrorf("--band %q is not positive, neutral or negative", c.band)
	}
	if c.min.set {
		f.MinScore = &c.min.v
	}
	if c.max.set {
		f.MaxScore = &c.max.v
	}
	if f.MinScore != nil && f.MaxScore != nil && *f.MinScore > *f.MaxScore {
		return f, usageErrorf("--min %g is above --max %g", *f.MinScore, *f.MaxScore)
	}
	switch c.comment {
	case "with":
		f.WithComment = true
	case "without":
		f.WithoutComment = true
	case "any":
	default:
		return f, usageErrorf("--comment %q is not with, without or any", c.comment)
	}
	if c.segment != "" {
		key, value, ok := strings.Cut(c.segment, "=")
		if !ok || key == "" {
			return f, usageErrorf("--segment %q is not KEY=VALUE", c.segment)
		}
		f.SegmentKey, f.SegmentValue = key, value
	}
	if c.source != "" {
		src, err := db.SourceByName(ctx, c.source)
		if data.ErrorCode(err) == data.ENOTFOUND {
			return f, data.Errorf(data.ENOTFOUND, "there is no source called %q (verbatim source list shows them)", c.source)
		} else if err != nil {
			return f, err
		}
		f.SourceID = src.ID
	}
	return f, nil
}

// optionalFloat is a float flag that knows whether it was given.
type optionalFloat struct {
	v   float64
	set bool
}

func (o *optionalFloat) String() string {
	if !o.set {
		return ""
	}
	return strconv.FormatFloat(o.v, 'g', -1, 64)
}

func (o *optionalFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%q is not a number", s)
	}
	o.v, o.set = v, true
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// writeCommentsText prints one line per response, the comment cut to fit a terminal.
func writeCommentsText(w io.Writer, rs []*data.Response, total int) {
	if total == 0 {
		fmt.Fprintln(w, "No responses match.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tTYPE\tSCORE\tTAGS\tCOMMENT")
	for _, r := range rs {
		score := "-"
		if r.Score != nil {
			score = strconv.FormatFloat(*r.Score, 'f', -1, 64)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.CreatedAt.Local().Format("2006-01-02"), r.SurveyType, score,
			strings.Join(r.Tags, ","), oneLine(r.Comment, 80))
	}
	tw.Flush()
	if len(rs) < total {
		fmt.Fprintf(w, "%d of %d matching responses (--limit N shows more, --csv writes them all).\n", len(rs), total)
	} else {
		fmt.Fprintf(w, "%d matching responses.\n", total)
	}
}

// oneLine folds whitespace runs (newlines included) to single spaces and cuts s to n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// commentJSON is one response in verbatim comments --json.
type commentJSON struct {
	ID         int64             `json:"id"`
	ExternalID string            `json:"external_id"`
	Date       time.Time         `json:"date"`
	Survey     string            `json:"survey"`
	SurveyType string            `json:"survey_type"`
	Score      *float64          `json:"score"`
	Comment    string            `json:"comment"`
	Source     string            `json:"source"`
	Tags       []string          `json:"tags"`
	Notes      []string          `json:"notes"`
	Segments   map[string]string `json:"segments"`
	Permalink  string            `json:"permalink,omitempty"`
}

type commentsOutput struct {
	Total     int           `json:"total"`
	Responses []commentJSON `json:"responses"`
}

func commentsJSON(ctx context.Context, db *sqlite.DB, rs []*data.Response, total int) commentsOutput {
	names := map[int64]string{}
	if sources, err := db.Sources(ctx); err == nil {
		for _, s := range sources {
			names[s.ID] = s.Name
		}
	}
	out := commentsOutput{Total: total, Responses: make([]commentJSON, len(rs))}
	for i, r := range rs {
		c := commentJSON{ID: r.ID, ExternalID: r.ExternalID, Date: r.CreatedAt.UTC(), Survey: r.Survey, SurveyType: r.SurveyType,
			Score: r.Score, Comment: r.Comment, Source: names[r.SourceID], Tags: r.Tags, Notes: r.Notes,
			Segments: r.Properties, Permalink: r.Permalink}
		if c.Tags == nil {
			c.Tags = []string{}
		}
		if c.Notes == nil {
			c.Notes = []string{}
		}
		if c.Segments == nil {
			c.Segments = map[string]string{}
		}
		out.Responses[i] = c
	}
	return out
}
