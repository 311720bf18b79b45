package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoBoardDB makes a small demo database (it has one board, "Week NN") and returns its path
// and the board's name.
func demoBoardDB(t *testing.T) (string, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "v.db")
	if _, stderr, code := verbatim(t, "--db", db, "demo", "--responses", "3000", "--seed", "3"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := verbatim(t, "--db", db, "board", "list", "--json")
	if code != 0 {
		t.Fatalf("board list: exit %d: %s", code, stderr)
	}
	var boards []boardSummary
	if err := json.Unmarshal([]byte(stdout), &boards); err != nil || len(boards) != 1 {
		t.Fatalf("board list --json = %s (%v); want one demo board", stdout, err)
	}
	if boards[0].Positive == 0 || boards[0].Negative == 0 {
		t.Fatalf("demo board has %d positive and %d negative cards", boards[0].Positive, boards[0].Negative)
	}
	return db, boards[0].Name
}

func mustVerbatim(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, code := verbatim(t, args...)
	if code != 0 {
		t.Fatalf("verbatim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// counts returns how many boards, cards, responses and sources a database holds.
func counts(t *testing.T, path string) [4]int {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n [4]int
	err = raw.QueryRow(`SELECT (SELECT count(*) FROM boards), (SELECT count(*) FROM board_cards),
		(SELECT count(*) FROM responses), (SELECT count(*) FROM sources)`).Scan(&n[0], &n[1], &n[2], &n[3])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBoard_ExportImportRoundTrip(t *testing.T) {
	db, name := demoBoardDB(t)
	dir := t.TempDir()
	exported := mustVerbatim(t, "--db", db, "board", "export", name)
	file := filepath.Join(dir, "week.verbatim-board.json")
	if err := os.WriteFile(file, []byte(exported), 0o644); err != nil {
		t.Fatal(err)
	}

	wall := filepath.Join(dir, "wall.db")
	out := mustVerbatim(t, "--db", wall, "board", "import", file)
	if !strings.Contains(out, "imported from") {
		t.Errorf("import said %q", out)
	}
	again := mustVerbatim(t, "--db", wall, "board", "export", name)
	if again != exported {
		t.Fatalf("export after import into an empty database differs:\n%s\n---\n%s", exported, again)
	}
	before := counts(t, wall)

	var res struct {
		Cards        int  `json:"cards"`
		NewResponses int  `json:"new_responses"`
		Replaced     bool `json:"replaced"`
	}
	if err := json.Unmarshal([]byte(mustVerbatim(t, "--db", wall, "board", "import", file, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if !res.Replaced || res.NewResponses != 0 || res.Cards != before[1] {
		t.Fatalf("re-import = %+v, want replaced with no new responses and %d cards", res, before[1])
	}
	if after := counts(t, wall); after != before {
		t.Fatalf("re-import changed the counts (boards, cards, responses, sources) from %v to %v", before, after)
	}
	if got := mustVerbatim(t, "--db", wall, "board", "export", name); got != exported {
		t.Fatal("export after re-import differs")
	}
}

func TestBoard_ImportRefusesBadFiles(t *testing.T) {
	db, name := demoBoardDB(t)
	valid := mustVerbatim(t, "--db", db, "board", "export", name)
	dir := t.TempDir()
	cases := []struct {
		name     string
		content  string
		contains string
	}{
		{"Truncated", valid[:len(valid)*2/3], "is a truncated board file"},
		{"FutureVersion", strings.Replace(valid, `"version": 1`, `"version": 7`, 1), "is a version 7 board file, newer than this Verbatim reads"},
		{"CSV", "Response ID,Score,Comment\nR_1,10,Great\n", "is not a Verbatim board file (it is not JSON)"},
		{"OtherJSON", `{"survey": "NPS", "responses": [{"score": 10}]}`, "is not a Verbatim board file"},
	}
	wall := filepath.Join(dir, "wall.db")
	mustVerbatim(t, "--db", wall, "board", "add", "Already here")
	before := counts(t, wall)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, c.name+".json")
			if err := os.WriteFile(file, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := verbatim(t, "--db", wall, "board", "import", file)
			if code != exitFailure || !strings.Contains(stderr, c.contains) {
				t.Fatalf("exit %d, stderr %q; want exit 1 containing %q", code, stderr, c.contains)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stdout != "" {
				t.Errorf("want one line on stderr and nothing on stdout; got %q and %q", stderr, stdout)
			}
			if after := counts(t, wall); after != before {
				t.Fatalf("a refused import changed (boards, cards, responses, sources) from %v to %v", before, after)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		_, stderr, code := verbatim(t, "--db", wall, "board", "import", filepath.Join(dir, "nope.json"))
		if code != exitFailure || !strings.Contains(stderr, "does not exist") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
}

func TestBoard_Editing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	mustVerbatim(t, "--db", db, "demo", "--responses", "2000", "--seed", "5")
	mustVerbatim(t, "--db", db, "board", "add", "All-hands")

	// Suggestions come with response ids; accepting pins them on their sides.
	var sugg []suggestionJSON
	out := mustVerbatim(t, "--db", db, "board", "suggest", "All-hands", "--from", "2000-01-01", "--to", "2100-01-01",
		"--per-side", "3", "--json")
	if err := json.Unmarshal([]byte(out), &sugg); err != nil || len(sugg) != 6 {
		t.Fatalf("suggest --json = %s (%v); want 6 candidates", out, err)
	}
	first := sugg[0]
	out = mustVerbatim(t, "--db", db, "board", "pin", "All-hands", jsonNumber(first.ResponseID))
	if !strings.Contains(out, "pinned to the "+first.Side+" side") {
		t.Fatalf("pin without --side chose another side: %q (want %s)", out, first.Side)
	}
	mustVerbatim(t, "--db", db, "board", "pin", "All-hands", jsonNumber(sugg[1].ResponseID), "--side", "positive")
	mustVerbatim(t, "--db", db, "board", "note", "All-hands", jsonNumber(sugg[1].ResponseID), "Read this one last")

	var shown struct {
		Cards []cardJSON `json:"cards"`
	}
	if err := json.Unmarshal([]byte(mustVerbatim(t, "--db", db, "board", "show", "All-hands", "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Cards) != 2 || shown.Cards[0].ResponseID != first.ResponseID || shown.Cards[1].Side != "positive" ||
		shown.Cards[1].Note != "Read this one last" {
		t.Fatalf("board after two pins: %+v", shown.Cards)
	}
	text := mustVerbatim(t, "--db", db, "board", "show", "All-hands")
	if !strings.Contains(text, "response "+jsonNumber(first.ResponseID)) || !strings.Contains(text, "Negative\n  (no cards)") {
		t.Fatalf("board show:\n%s", text)
	}

	mustVerbatim(t, "--db", db, "board", "unpin", "All-hands", jsonNumber(first.ResponseID))
	_, stderr, code := verbatim(t, "--db", db, "board", "unpin", "All-hands", jsonNumber(first.ResponseID))
	if code != exitFailure || !strings.Contains(stderr, "is not on board \"All-hands\"") {
		t.Fatalf("unpin twice: exit %d, %q", code, stderr)
	}

	png := filepath.Join(t.TempDir(), "board.png")
	mustVerbatim(t, "--db", db, "board", "export", "All-hands", "--png", png)
	if f, err := os.ReadFile(png); err != nil {
		t.Fatal(err)
	} else if _, err := pngDecode(f); err != nil {
		t.Fatalf("--png wrote no PNG: %v", err)
	}

	mustVerbatim(t, "--db", db, "board", "rename", "All-hands", "Q4 all-hands")
	mustVerbatim(t, "--db", db, "board", "remove", "Q4 all-hands")
	if n := counts(t, db); n[0] != 1 {
		t.Fatalf("%d boards after removing, want the demo's one", n[0])
	}

	for _, c := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"board", "show", "Nope"}, exitFailure, `there is no board called "Nope"`},
		{[]string{"board", "pin", "Nope"}, exitUsage, "takes NAME RESPONSE_ID"},
		{[]string{"board", "pin", "x", "abc"}, exitUsage, `response id "abc" is not a number`},
		{[]string{"board", "pin", "x", "1", "--side", "up"}, exitUsage, `--side "up"`},
		{[]string{"board", "frob"}, exitUsage, "unknown board subcommand"},
		{[]string{"board", "add", "  "}, exitFailure, "a board needs a name"},
	} {
		_, stderr, code := verbatim(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.contains) {
			t.Errorf("%v: exit %d, %q; want %d containing %q", c.args, code, stderr, c.code, c.contains)
		}
	}
}

func jsonNumber(id int64) string {
	b, _ := json.Marshal(id)
	return string(b)
}

func pngDecode(b []byte) (any, error) { return png.Decode(bytes.NewReader(b)) }
