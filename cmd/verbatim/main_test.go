package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// verbatim runs the command line in-process and returns stdout, stderr and the exit code.
func verbatim(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

func TestRun_Errors(t *testing.T) {
	dir := t.TempDir()
	notADB := filepath.Join(dir, "notadb.txt")
	content := []byte("this is a text file\n")
	if err := os.WriteFile(notADB, content, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"NotADatabase", []string{"--db", notADB, "report"}, exitFailure, "is not a Verbatim database"},
		{"MissingDirectory", []string{"--db", filepath.Join(dir, "nope", "v.db"), "report"}, exitFailure, "does not exist"},
		{"UnknownCommand", []string{"frobnicate"}, exitUsage, "unknown command"},
		{"BadFlagValue", []string{"--db", filepath.Join(dir, "v.db"), "report", "--by", "year"}, exitUsage, "is not day, week"},
		{"BadDate", []string{"--db", filepath.Join(dir, "v.db"), "report", "--from", "31/12/2026"}, exitUsage, "is not a date"},
		{"UnknownFlag", []string{"report", "--nope"}, exitUsage, "flag provided but not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := verbatim(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.contains) {
				t.Fatalf("exit %d, stderr %q; want exit %d containing %q", code, stderr, c.code, c.contains)
			}
			if c.code == exitFailure && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("error is not one line: %q", stderr)
			}
		})
	}
	got, _ := os.ReadFile(notADB)
	if !bytes.Equal(got, content) {
		t.Error("the non-database file was modified")
	}
}

// TestReport_MatchesIndependentComputation loads demo data through the CLI, asks for the
// JSON report, and recomputes NPS per month straight from the responses table.
func TestReport_MatchesIndependentComputation(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	if _, stderr, code := verbatim(t, "--db", db, "demo", "--responses", "3000", "--seed", "7"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := verbatim(t, "--db", db, "report", "--type", "nps", "--by", "month", "--json")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var got struct {
		SurveyType string  `json:"survey_type"`
		Responses  int     `json:"responses"`
		Score      float64 `json:"score"`
		Promoters  int     `json:"promoters"`
		Passives   int     `json:"passives"`
		Detractors int     `json:"detractors"`
		Margin     float64 `json:"margin"`
		Series     []struct {
			Start     time.Time `json:"start"`
			Responses int       `json:"responses"`
			Score     float64   `json:"score"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("report JSON: %v\n%s", err, stdout)
	}

	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query("SELECT score, created_at FROM responses WHERE survey_type = 'nps' AND score IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ n, promoters, passives, detractors int }
	var total tally
	months := map[string]*tally{}
	count := func(t *tally, score float64) {
		t.n++
		switch {
		case score >= 9:
			t.promoters++
		case score >= 7:
			t.passives++
		default:
			t.detractors++
		}
	}
	for rows.Next() {
		var score float64
		var created int64
		if err := rows.Scan(&score, &created); err != nil {
			t.Fatal(err)
		}
		month := time.Unix(created, 0).Format("2006-01")
		if months[month] == nil {
			months[month] = &tally{}
		}
		count(&total, score)
		count(months[month], score)
	}
	nps := func(t tally) float64 { return 100 * float64(t.promoters-t.detractors) / float64(t.n) }

	if got.SurveyType != "nps" || got.Responses != total.n || got.Promoters != total.promoters ||
		got.Passives != total.passives || got.Detractors != total.detractors || math.Abs(got.Score-nps(total)) > 1e-9 {
		t.Errorf("report %+v; independent n=%d p/pa/d=%d/%d/%d score=%v", got, total.n, total.promoters, total.passives, total.detractors, nps(total))
	}
	if got.Margin <= 0 || got.Margin > 10 {
		t.Errorf("margin %v is not plausible for n=%d", got.Margin, got.Responses)
	}
	if len(got.Series) != len(months) {
		t.Fatalf("%d months in series, %d in the data", len(got.Series), len(months))
	}
	for _, pt := range got.Series {
		m := months[pt.Start.Local().Format("2006-01")]
		if m == nil || pt.Responses != m.n || math.Abs(pt.Score-nps(*m)) > 1e-9 {
			t.Errorf("month %s: %d responses, score %v; independent %+v", pt.Start, pt.Responses, pt.Score, m)
		}
	}
}
