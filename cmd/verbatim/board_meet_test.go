package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

// TestBoardMeet_Refuses covers what board meet checks before it opens a window: each case
// exits with one sentence on stderr and no window.
func TestBoardMeet_Refuses(t *testing.T) {
	db, name := demoBoardDB(t)
	empty := filepath.Join(t.TempDir(), "empty.db")
	bad := filepath.Join(t.TempDir(), "cut"+".verbatim-board.json")
	exported := mustVerbatim(t, "--db", db, "board", "export", name)
	if err := os.WriteFile(bad, []byte(exported[:len(exported)/2]), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"TwoNames", []string{"--db", db, "board", "meet", "A", "B"}, exitUsage, "verbatim board meet takes"},
		{"NameAndFile", []string{"--db", db, "board", "meet", name, "--file", bad}, exitUsage, "verbatim board meet takes"},
		{"Minutes", []string{"--db", db, "board", "meet", "--minutes", "500"}, exitUsage, "--minutes must be from 1 to 120, not 500"},
		{"Order", []string{"--db", db, "board", "meet", "--order", "random"}, exitUsage, `--order must be alternate or positive-first, not "random"`},
		{"NoSuchBoard", []string{"--db", db, "board", "meet", "Week 99"}, exitFailure, `there is no board called "Week 99"`},
		{"NoBoards", []string{"--db", empty, "board", "meet"}, exitFailure, "there are no boards yet"},
		{"TruncatedFile", []string{"board", "meet", "--file", bad}, exitFailure, "is a truncated board file"},
		{"MissingFile", []string{"board", "meet", "--file", bad + ".gone"}, exitFailure, "open board file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := verbatim(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.want)
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n"); lines > 0 && c.code != exitUsage {
				t.Errorf("stderr has %d lines, want one sentence: %q", lines+1, stderr)
			}
		})
	}
}

// TestMeetingFromFile checks that a board file presents the board it was exported from:
// the same cards on the same sides in the same order, notes, and names hidden as the board
// said.
func TestMeetingFromFile(t *testing.T) {
	db, name := demoBoardDB(t)
	mustVerbatim(t, "--db", db, "board", "note", name, firstCard(t, db, name, data.SidePositive), "Read this one first")
	file := filepath.Join(t.TempDir(), "week"+".verbatim-board.json")
	if err := os.WriteFile(file, []byte(mustVerbatim(t, "--db", db, "board", "export", name)), 0o644); err != nil {
		t.Fatal(err)
	}
	want := mustVerbatim(t, "--db", db, "board", "show", name)

	b, privacy, err := meetingFromFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != name || len(b.Cards) == 0 {
		t.Fatalf("board %q with %d cards, want %q", b.Name, len(b.Cards), name)
	}
	notes := 0
	for i, c := range b.Cards {
		if c.ResponseID != int64(i+1) || c.Response.ID != c.ResponseID {
			t.Errorf("card %d has response id %d (response says %d)", i, c.ResponseID, c.Response.ID)
		}
		if !strings.Contains(want, c.Response.Comment) {
			t.Errorf("card %d's comment %q is not on the board", i, c.Response.Comment)
		}
		if i > 0 && b.Cards[i-1].Side == data.SideNegative && c.Side == data.SidePositive {
			t.Errorf("card %d is positive after a negative one: the sides lost their order", i)
		}
		if c.Note != "" {
			notes++
		}
		if privacy.NameHidden(c.ResponseID) && c.Response.RespondentName != "" {
			t.Errorf("card %d hides its name but the file gave %q", i, c.Response.RespondentName)
		}
	}
	if notes != 2 { // the demo's note on the first negative card, and ours
		t.Errorf("%d cards with notes, want 2", notes)
	}
}

// firstCard returns the response id of the first card of a side, as board show prints it.
func firstCard(t *testing.T, db, board, side string) string {
	t.Helper()
	var shown struct {
		Cards []cardJSON `json:"cards"`
	}
	out := mustVerbatim(t, "--db", db, "board", "show", board, "--json")
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatalf("board show --json: %v: %s", err, out)
	}
	for _, c := range shown.Cards {
		if c.Side == side {
			return jsonNumber(c.ResponseID)
		}
	}
	t.Fatalf("board %q has no %s card", board, side)
	return ""
}
