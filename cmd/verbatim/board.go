package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

const boardUsage = "list|show|add|rename|remove|pin|unpin|note|suggest|export|import|meet ..."

// runBoard dispatches verbatim board SUBCOMMAND.
func runBoard(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("verbatim board needs a subcommand: %s", boardUsage)
	}
	sub := map[string]func(context.Context, *env, []string) error{
		"list": runBoardList, "show": runBoardShow, "add": runBoardAdd, "rename": runBoardRename, "remove": runBoardRemove,
		"pin": runBoardPin, "unpin": runBoardUnpin, "note": runBoardNote, "suggest": runBoardSuggest, "export": runBoardExport, "import": runBoardImport,
		"meet": runBoardMeet,
	}
	if run, ok := sub[args[0]]; ok {
		return run(ctx, e, args[1:])
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(e.stderr, "Usage: verbatim board %s\n\n"+
			"  list [--json]                      boards and their card counts\n"+
			"  show NAME [--json]                 a board's cards, with response ids\n"+
			"  add NAME                           create an empty board\n"+
			"  rename NAME NEW_NAME\n"+
			"  remove NAME                        delete a board (its responses stay)\n"+
			"  pin NAME RESPONSE_ID [--side positive|negative]\n"+
			"  unpin NAME RESPONSE_ID\n"+
			"  note NAME RESPONSE_ID TEXT         a card's presenter note (\"\" removes it)\n"+
			"  suggest NAME [--from D] [--to D] [--per-side N] [--accept] [--json]\n"+
			"  export NAME [--png FILE]           board file on stdout (e.g. > week47%s), or a printable PNG\n"+
			"  import FILE [--json]               recreate a board from a board file\n"+
			"  meet [NAME | --file F] [--minutes N] [--order alternate|positive-first] [--names] [--window]\n"+
			"                                     meeting mode: one card at a time, full screen, with a countdown\n", boardUsage, boardfile.Extension)
		return nil
	}
	return usageErrorf("unknown board subcommand %q; use %s", args[0], boardUsage)
}

// boardArgs parses a board subcommand's flags and exactly n positional arguments.
func boardArgs(e *env, name, synopsis string, n int, args []string, define func(fs *flag.FlagSet)) ([]string, error) {
	fs := e.flagSet("verbatim board "+name, synopsis)
	if define != nil {
		define(fs)
	}
	pos, err := parsePositional(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != n {
		return nil, usageErrorf("verbatim board %s takes %s", name, synopsis)
	}
	return pos, nil
}

// openBoard opens the store and finds a board by name.
func (e *env) openBoard(ctx context.Context, name string) (*sqlite.DB, *data.Board, error) {
	db, err := e.openStore()
	if err != nil {
		return nil, nil, err
	}
	b, err := db.BoardByName(ctx, name)
	if err != nil {
		db.Close()
		if data.ErrorCode(err) == data.ENOTFOUND {
			return nil, nil, data.Errorf(data.ENOTFOUND, "there is no board called %q (verbatim board list shows them)", name)
		}
		return nil, nil, err
	}
	return db, b, nil
}

// withBoard runs do with the store open and the board named name read from it.
func (e *env) withBoard(ctx context.Context, name string, do func(db *sqlite.DB, b *data.Board) error) error {
	db, b, err := e.openBoard(ctx, name)
	if err != nil {
		return err
	}
	defer db.Close()
	return do(db, b)
}

// boardSummary is one board in verbatim board list --json.
type boardSummary struct {
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	Positive  int       `json:"positive"`
	Negative  int       `json:"negative"`
}

func runBoardList(ctx context.Context, e *env, args []string) error {
	var asJSON *bool
	if _, err := boardArgs(e, "list", "[--json]", 0, args, func(fs *flag.FlagSet) { asJSON = fs.Bool("json", false, "print JSON") }); err != nil {
		return err
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	boards, err := db.Boards(ctx)
	if err != nil {
		return err
	}
	out := []boardSummary{}
	for _, b := range boards {
		full, err := db.Board(ctx, b.ID)
		if err != nil {
			return err
		}
		s := boardSummary{Name: b.Name, CreatedAt: b.CreatedAt.UTC()}
		for _, c := range full.Cards {
			if c.Side == data.SidePositive {
				s.Positive++
			} else {
				s.Negative++
			}
		}
		out = append(out, s)
	}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "No boards yet. Create one with verbatim board add NAME.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "BOARD\tPOSITIVE\tNEGATIVE\tCREATED")
	for _, s := range out {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", s.Name, s.Positive, s.Negative, s.CreatedAt.Local().Format("2006-01-02"))
	}
	return tw.Flush()
}

// cardJSON is one card in verbatim board show --json.
type cardJSON struct {
	ResponseID     int64     `json:"response_id"`
	Side           string    `json:"side"`
	Position       int       `json:"position"`
	Comment        string    `json:"comment"`
	Score          *float64  `json:"score"`
	SurveyType     string    `json:"survey_type"`
	ScaleMin       int       `json:"scale_min"`
	ScaleMax       int       `json:"scale_max"`
	Date           time.Time `json:"date"`
	RespondentName string    `json:"respondent_name,omitempty"`
	NameHidden     bool      `json:"name_hidden"`
	Note           string    `json:"note,omitempty"`
}

func runBoardShow(ctx context.Context, e *env, args []string) error {
	var asJSON *bool
	pos, err := boardArgs(e, "show", "NAME [--json]", 1, args, func(fs *flag.FlagSet) { asJSON = fs.Bool("json", false, "print JSON") })
	if err != nil {
		return err
	}
	db, b, err := e.openBoard(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	privacy, err := db.BoardPrivacy(ctx, b.ID)
	if err != nil {
		return err
	}
	cards := []cardJSON{}
	counts := map[string]int{}
	for _, c := range b.Cards {
		r := c.Response
		counts[c.Side]++
		out := cardJSON{ResponseID: r.ID, Side: c.Side, Position: counts[c.Side], Comment: r.Comment, Score: r.Score,
			SurveyType: r.SurveyType, ScaleMin: r.ScaleMin, ScaleMax: r.ScaleMax, Date: r.CreatedAt.UTC(),
			NameHidden: privacy.NameHidden(r.ID), Note: c.Note}
		if !out.NameHidden {
			out.RespondentName = r.RespondentName
		}
		cards = append(cards, out)
	}
	if *asJSON {
		return writeJSON(e.stdout, struct {
			Name      string     `json:"name"`
			CreatedAt time.Time  `json:"created_at"`
			HideNames bool       `json:"hide_names"`
			Cards     []cardJSON `json:"cards"`
		}{b.Name, b.CreatedAt.UTC(), privacy.HideNames, cards})
	}
	fmt.Fprintf(e.stdout, "%s · created %s · %d positive, %d negative\n", b.Name, b.CreatedAt.Format("2006-01-02"),
		counts[data.SidePositive], counts[data.SideNegative])
	for _, side := range []string{data.SidePositive, data.SideNegative} {
		fmt.Fprintf(e.stdout, "\n%s\n", strings.ToUpper(side[:1])+side[1:])
		if counts[side] == 0 {
			fmt.Fprintln(e.stdout, "  (no cards)")
		}
		for _, c := range cards {
			if c.Side == side {
				writeCardText(e.stdout, c)
			}
		}
	}
	return nil
}

func writeCardText(w io.Writer, c cardJSON) {
	fmt.Fprintf(w, "  %d. %s %s · %s · response %d\n", c.Position, scoreText(c.Score, c.ScaleMax), c.SurveyType,
		c.Date.Local().Format("2006-01-02"), c.ResponseID)
	fmt.Fprintf(w, "     %q\n", c.Comment)
	switch {
	case c.NameHidden:
		fmt.Fprintln(w, "     (name hidden)")
	case c.RespondentName != "":
		fmt.Fprintf(w, "     — %s\n", c.RespondentName)
	}
	if c.Note != "" {
		fmt.Fprintf(w, "     Note: %s\n", c.Note)
	}
}

func scoreText(score *float64, max int) string {
	if score == nil {
		return "no score"
	}
	return strconv.FormatFloat(*score, 'f', -1, 64) + "/" + strconv.Itoa(max)
}

func runBoardAdd(ctx context.Context, e *env, args []string) error {
	pos, err := boardArgs(e, "add", "NAME", 1, args, nil)
	if err != nil {
		return err
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := db.CreateBoard(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Board %q created.\n", b.Name)
	return nil
}

func runBoardRename(ctx context.Context, e *env, args []string) error {
	pos, err := boardArgs(e, "rename", "NAME NEW_NAME", 2, args, nil)
	if err != nil {
		return err
	}
	return e.withBoard(ctx, pos[0], func(db *sqlite.DB, b *data.Board) error {
		if err := db.RenameBoard(ctx, b.ID, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Board %q is now %q.\n", b.Name, strings.TrimSpace(pos[1]))
		return nil
	})
}

func runBoardRemove(ctx context.Context, e *env, args []string) error {
	pos, err := boardArgs(e, "remove", "NAME", 1, args, nil)
	if err != nil {
		return err
	}
	return e.withBoard(ctx, pos[0], func(db *sqlite.DB, b *data.Board) error {
		if err := db.DeleteBoard(ctx, b.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Board %q removed with its %d cards; the responses stay in the cache.\n", b.Name, len(b.Cards))
		return nil
	})
}

// responseArg parses a RESPONSE_ID argument.
func responseArg(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErrorf("response id %q is not a number like 1234 (verbatim comments and verbatim board show list them)", s)
	}
	return id, nil
}

// cardArgs parses a card subcommand, NAME RESPONSE_ID and what follows (n arguments in
// all), with the flags define adds; it returns the arguments and the response id.
func cardArgs(e *env, name, synopsis string, n int, args []string, define func(fs *flag.FlagSet)) ([]string, int64, error) {
	pos, err := boardArgs(e, name, synopsis, n, args, define)
	if err != nil {
		return nil, 0, err
	}
	id, err := responseArg(pos[1])
	return pos, id, err
}

// changeCard runs change on the card of response id on the board named board, then prints
// done, a format given the id and the board's name. A response that is not on the board is
// a sentence naming both.
func (e *env) changeCard(ctx context.Context, board string, id int64, change func(db *sqlite.DB, boardID int64) error, done string) error {
	return e.withBoard(ctx, board, func(db *sqlite.DB, b *data.Board) error {
		if err := change(db, b.ID); err != nil {
			if data.ErrorCode(err) == data.ENOTFOUND {
				return data.Errorf(data.ENOTFOUND, "response %d is not on board %q", id, b.Name)
			}
			return err
		}
		fmt.Fprintf(e.stdout, done, id, b.Name)
		return nil
	})
}

func runBoardPin(ctx context.Context, e *env, args []string) error {
	var side *string
	pos, id, err := cardArgs(e, "pin", "NAME RESPONSE_ID [--side positive|negative]", 2, args, func(fs *flag.FlagSet) {
		side = fs.String("side", "", "positive or negative (default: from the score's band)")
	})
	if err != nil {
		return err
	}
	if *side != "" && *side != data.SidePositive && *side != data.SideNegative {
		return usageErrorf("--side %q is not positive or negative", *side)
	}
	db, b, err := e.openBoard(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Response(ctx, id)
	if err != nil {
		return err
	}
	if *side == "" {
		if *side = sideOf(r); *side == "" {
			return usageErrorf("response %d is neither positive nor negative by its score; say which side with --side", id)
		}
	}
	if err := db.PinCard(ctx, b.ID, id, *side); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Response %d pinned to the %s side of %q.\n", id, *side, b.Name)
	return nil
}

// sideOf is the board side a response's score band suggests, "" for a neutral or no score.
func sideOf(r *data.Response) string {
	if r.Score == nil {
		return ""
	}
	switch metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax).Band(*r.Score) {
	case data.BandPositive:
		return data.SidePositive
	case data.BandNegative:
		return data.SideNegative
	}
	return ""
}

func runBoardUnpin(ctx context.Context, e *env, args []string) error {
	pos, id, err := cardArgs(e, "unpin", "NAME RESPONSE_ID", 2, args, nil)
	if err != nil {
		return err
	}
	return e.changeCard(ctx, pos[0], id, func(db *sqlite.DB, boardID int64) error { return db.UnpinCard(ctx, boardID, id) },
		"Response %d unpinned from %q.\n")
}

func runBoardNote(ctx context.Context, e *env, args []string) error {
	pos, id, err := cardArgs(e, "note", "NAME RESPONSE_ID TEXT", 3, args, nil)
	if err != nil {
		return err
	}
	return e.changeCard(ctx, pos[0], id, func(db *sqlite.DB, boardID int64) error { return db.SetCardNote(ctx, boardID, id, pos[2]) },
		"Note of response %d on %q saved.\n")
}

// suggestionJSON is one candidate in verbatim board suggest --json.
type suggestionJSON struct {
	ResponseID int64     `json:"response_id"`
	Side       string    `json:"side"`
	Group      string    `json:"group"`
	Score      *float64  `json:"score"`
	SurveyType string    `json:"survey_type"`
	ScaleMax   int       `json:"scale_max"`
	Date       time.Time `json:"date"`
	Comment    string    `json:"comment"`
	Pinned     bool      `json:"pinned"`
}

func runBoardSuggest(ctx context.Context, e *env, args []string) error {
	var from, to *string
	var per *int
	var accept, asJSON *bool
	pos, err := boardArgs(e, "suggest", "NAME [--from D] [--to D] [--per-side N] [--accept] [--json]", 1, args, func(fs *flag.FlagSet) {
		from = fs.String("from", "", "first day, YYYY-MM-DD (default: 6 days before --to)")
		to = fs.String("to", "", "last day included, YYYY-MM-DD (default: today)")
		per = fs.Int("per-side", data.DefaultSuggestions, "candidates per side")
		accept = fs.Bool("accept", false, "pin every candidate to the board")
		asJSON = fs.Bool("json", false, "print JSON")
	})
	if err != nil {
		return err
	}
	if *per < 1 {
		return usageErrorf("--per-side must be at least 1, not %d", *per)
	}
	q := data.SuggestQuery{PerSide: *per}
	if q.To, err = parseDay(*to, "--to"); err != nil {
		return err
	}
	if q.To.IsZero() {
		now := time.Now()
		q.To = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	}
	q.To = q.To.AddDate(0, 0, 1) // --to names the last day included
	if q.From, err = parseDay(*from, "--from"); err != nil {
		return err
	}
	if q.From.IsZero() {
		q.From = q.To.AddDate(0, 0, -7)
	}
	if !q.From.Before(q.To) {
		return usageErrorf("--from %s is after --to %s", *from, *to)
	}
	db, b, err := e.openBoard(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	q.BoardID = b.ID
	got, err := db.SuggestCards(ctx, q)
	if err != nil {
		return err
	}
	out := []suggestionJSON{}
	for _, s := range got {
		r := s.Response
		if *accept {
			if err := db.PinCard(ctx, b.ID, r.ID, s.Side); err != nil {
				return err
			}
		}
		out = append(out, suggestionJSON{ResponseID: r.ID, Side: s.Side, Group: s.Group, Score: r.Score, SurveyType: r.SurveyType,
			ScaleMax: r.ScaleMax, Date: r.CreatedAt.UTC(), Comment: r.Comment, Pinned: *accept})
	}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	period := q.From.Format("2006-01-02") + " to " + q.To.AddDate(0, 0, -1).Format("2006-01-02")
	if len(out) == 0 {
		fmt.Fprintf(e.stdout, "No candidates from %s: no response on no board with a substantive comment scores high or low enough.\n", period)
		return nil
	}
	verb := "Candidates"
	if *accept {
		verb = "Pinned"
	}
	fmt.Fprintf(e.stdout, "%s for %q from %s:\n", verb, b.Name, period)
	for _, s := range out {
		fmt.Fprintf(e.stdout, "  %-8s response %d · %s · %s · %s\n     %q\n", s.Side, s.ResponseID, scoreText(s.Score, s.ScaleMax),
			s.Group, s.Date.Local().Format("2006-01-02"), s.Comment)
	}
	if !*accept {
		fmt.Fprintf(e.stdout, "Pin one with verbatim board pin %q RESPONSE_ID, or all with --accept.\n", b.Name)
	}
	return nil
}

func runBoardExport(ctx context.Context, e *env, args []string) error {
	var pngPath *string
	pos, err := boardArgs(e, "export", "NAME [--png FILE]", 1, args, func(fs *flag.FlagSet) {
		pngPath = fs.String("png", "", "write a printable PNG of the board to FILE instead of the board file")
	})
	if err != nil {
		return err
	}
	db, b, err := e.openBoard(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.BoardSnapshot(ctx, b.ID)
	if err != nil {
		return err
	}
	if *pngPath == "" {
		return boardfile.Write(e.stdout, s)
	}
	var buf bytes.Buffer
	if err := boardfile.WritePicture(&buf, s, boardfile.PictureOptions{}); err != nil {
		return err
	}
	// Written whole or not at all: a half-written PNG is worse than none.
	tmp := *pngPath + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *pngPath, err)
	}
	if err := os.Rename(tmp, *pngPath); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", *pngPath, err)
	}
	fmt.Fprintf(e.stdout, "Picture of %q (%d cards) written to %s.\n", b.Name, len(s.Cards), *pngPath)
	return nil
}

func runBoardImport(ctx context.Context, e *env, args []string) error {
	var asJSON *bool
	pos, err := boardArgs(e, "import", "FILE [--json]", 1, args, func(fs *flag.FlagSet) { asJSON = fs.Bool("json", false, "print JSON") })
	if err != nil {
		return err
	}
	path := pos[0]
	// Read and check the whole file before opening the database: bad input changes nothing.
	var s *data.BoardSnapshot
	if path == "-" {
		return usageErrorf("verbatim board import reads a FILE, not standard input")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return data.Errorf(data.EINVALID, "board file %s does not exist", path)
	} else if err != nil {
		return fmt.Errorf("open board file: %w", err)
	}
	s, err = boardfile.Read(f, path)
	f.Close()
	if err != nil {
		return err
	}
	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.ImportBoard(ctx, s)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, struct {
			Name         string `json:"name"`
			Cards        int    `json:"cards"`
			NewResponses int    `json:"new_responses"`
			Replaced     bool   `json:"replaced"`
		}{res.Board.Name, len(res.Board.Cards), res.NewResponses, res.Replaced})
	}
	verb := "imported"
	if res.Replaced {
		verb = "replaced"
	}
	fmt.Fprintf(e.stdout, "Board %q %s from %s: %d cards, %d responses new to this cache.\n", res.Board.Name, verb, path,
		len(res.Board.Cards), res.NewResponses)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
