package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/verbatim-app/verbatim/data"
)

// demoDB fills a temporary database with demo data through the CLI.
func demoDB(t *testing.T, n string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "v.db")
	if _, stderr, code := verbatim(t, "--db", db, "demo", "--responses", n, "--seed", "3"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	return db
}

// commentsWithWord counts, straight from the responses table, the comments containing word
// (whole word, any case) and not containing without.
func commentsWithWord(t *testing.T, path, word, without string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT comment FROM responses WHERE comment <> ''")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		words := strings.FieldsFunc(strings.ToLower(c), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		if slices.Contains(words, word) && (without == "" || !slices.Contains(words, without)) {
			n++
		}
	}
	return n
}

func TestComments(t *testing.T) {
	db := demoDB(t, "3000")

	t.Run("JSON", func(t *testing.T) {
		stdout, stderr, code := verbatim(t, "--db", db, "comments", "--search", "invoice -refund", "--limit", "5", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var out struct {
			Total     int `json:"total"`
			Responses []struct {
				ID      int64    `json:"id"`
				Comment string   `json:"comment"`
				Score   *float64 `json:"score"`
				Tags    []string `json:"tags"`
			} `json:"responses"`
		}
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatalf("%v in %s", err, stdout)
		}
		want := commentsWithWord(t, db, "invoice", "refund")
		if out.Total != want || want == 0 {
			t.Fatalf("total = %d, counted %d in the table", out.Total, want)
		}
		if len(out.Responses) != min(5, want) {
			t.Fatalf("%d responses, want 5", len(out.Responses))
		}
		for _, r := range out.Responses {
			if !strings.Contains(strings.ToLower(r.Comment), "invoice") || r.Tags == nil {
				t.Errorf("response %d: %q, tags %v", r.ID, r.Comment, r.Tags)
			}
		}
	})

	t.Run("TextSortedLowest", func(t *testing.T) {
		stdout, stderr, code := verbatim(t, "--db", db, "comments", "--type", "nps", "--band", "detractors", "--sort", "lowest", "--limit", "3")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if len(lines) != 5 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[4], "of") {
			t.Fatalf("output:\n%s", stdout)
		}
		for _, l := range lines[1:4] {
			if f := strings.Fields(l); f[2] != "nps" || f[3] != "0" {
				t.Errorf("not an NPS 0: %s", l)
			}
		}
	})

	t.Run("CSV", func(t *testing.T) {
		stdout, stderr, code := verbatim(t, "--db", db, "comments", "--search", "support", "--csv")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(stdout, "\ufeffid,external_id,date,") {
			t.Fatalf("no BOM and header: %.80q", stdout)
		}
		records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(stdout, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if want := commentsWithWord(t, db, "support", ""); len(records)-1 != want {
			t.Fatalf("%d rows, counted %d in the table", len(records)-1, want)
		}
	})

	t.Run("TagAddRemove", func(t *testing.T) {
		stdout, stderr, code := verbatim(t, "--db", db, "tag", "add", "Invoices", "--search", "invoice*")
		if code != 0 || !strings.HasPrefix(stdout, "Tagged ") {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		stdout, _, _ = verbatim(t, "--db", db, "comments", "--tag", "invoices", "--json", "--limit", "1")
		var out struct{ Total int }
		json.Unmarshal([]byte(stdout), &out)
		stdout2, _, _ := verbatim(t, "--db", db, "comments", "--search", "invoice*", "--json", "--limit", "1")
		var all struct{ Total int }
		json.Unmarshal([]byte(stdout2), &all)
		if out.Total == 0 || out.Total != all.Total {
			t.Fatalf("tagged %d, search finds %d", out.Total, all.Total)
		}
		if stdout, stderr, code := verbatim(t, "--db", db, "tag", "remove", "invoices", "--search", "invoice*"); code != 0 || !strings.HasPrefix(stdout, "Removed Invoices from ") {
			t.Fatalf("remove: exit %d: %s%s", code, stdout, stderr)
		}
		stdout, _, _ = verbatim(t, "--db", db, "tag", "list", "--json")
		var tags []tagJSON
		json.Unmarshal([]byte(stdout), &tags)
		for _, tg := range tags {
			if tg.Name == "Invoices" && tg.Responses != 0 {
				t.Errorf("tag still on %d responses", tg.Responses)
			}
		}
	})

	t.Run("Rules", func(t *testing.T) {
		stdout, stderr, code := verbatim(t, "--db", db, "tag", "rule", "add", "refunds", "refund* OR reembolso")
		if code != 0 || !strings.HasPrefix(stdout, "Rule ") {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		stdout, _, _ = verbatim(t, "--db", db, "tag", "rule", "list", "--json")
		var rules []ruleJSON
		if err := json.Unmarshal([]byte(stdout), &rules); err != nil || len(rules) != 1 || rules[0].Tag != "refunds" {
			t.Fatalf("rules = %+v, %v", rules, err)
		}
		if _, stderr, code := verbatim(t, "--db", db, "tag", "rule", "add", "refunds", "refund* OR reembolso"); code != exitFailure || !strings.Contains(stderr, "already has") {
			t.Fatalf("duplicate rule: exit %d: %s", code, stderr)
		}
		if _, stderr, code := verbatim(t, "--db", db, "tag", "rule", "remove", "1"); code != 0 {
			t.Fatalf("remove: exit %d: %s", code, stderr)
		}
		stdout, _, _ = verbatim(t, "--db", db, "tag", "rule", "list")
		if !strings.HasPrefix(stdout, "No tag rules") {
			t.Fatalf("after remove: %s", stdout)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		for _, c := range []struct {
			args     []string
			code     int
			contains string
		}{
			{[]string{"comments", "--sort", "random"}, exitUsage, "--sort"},
			{[]string{"comments", "--band", "great"}, exitUsage, "--band"},
			{[]string{"comments", "--csv", "--json"}, exitUsage, "cannot be used together"},
			{[]string{"comments", "--min", "ten"}, exitUsage, "not a number"},
			{[]string{"comments", "--min", "9", "--max", "3"}, exitUsage, "above"},
			{[]string{"comments", "--segment", "region"}, exitUsage, "KEY=VALUE"},
			{[]string{"comments", "--source", "nope"}, exitFailure, "no source called"},
			{[]string{"tag", "add", "x"}, exitUsage, "needs a filter"},
			{[]string{"tag", "remove", "nope", "--search", "x"}, exitFailure, "no tag called"},
			{[]string{"tag", "rule", "add", "x", "--", "-only"}, exitFailure, "only excludes"},
			{[]string{"tag", "rule", "remove", "abc"}, exitUsage, "not a number"},
			{[]string{"tag", "frob"}, exitUsage, "unknown tag subcommand"},
		} {
			_, stderr, code := verbatim(t, append([]string{"--db", db}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.contains) {
				t.Errorf("%v: exit %d, stderr %q; want %d containing %q", c.args, code, stderr, c.code, c.contains)
			}
		}
	})
}

// TestComments_FormulaInjection writes comments that start like formulas and checks the CSV.
func TestComments_FormulaInjection(t *testing.T) {
	db := demoDB(t, "200")
	sqldb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.Exec(`UPDATE responses SET comment = '=HYPERLINK("http://x","click")' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	sqldb.Close()
	stdout, _, code := verbatim(t, "--db", db, "comments", "--comment", "any", "--csv")
	if code != 0 || !bytes.Contains([]byte(stdout), []byte(`"'=HYPERLINK(""http://x"",""click"")"`)) {
		t.Fatalf("exit %d, formula not neutralised in:\n%.300s", code, stdout)
	}
}

// indexStatus is a search index at a fixed status.
type indexStatus struct {
	st  data.IndexStatus
	err error
}

func (i indexStatus) IndexStatus(context.Context) (data.IndexStatus, error) { return i.st, i.err }

func TestWarnIndexBehind(t *testing.T) {
	for _, tc := range []struct {
		name string
		idx  indexStatus
		want string
	}{
		{"Complete", indexStatus{st: data.IndexStatus{Searchable: 1}}, ""},
		{"Behind", indexStatus{st: data.IndexStatus{Searchable: 0.407}},
			"The search index covers 40% of the comments (it is still being built after an import): results may be incomplete.\n"},
		{"Failed", indexStatus{st: data.IndexStatus{Searchable: 0.999, Err: errors.New("disk full")}},
			"The search index covers 99% of the comments (building it stopped: disk full): results may be incomplete.\n"},
		{"Unreadable", indexStatus{err: errors.New("database is locked")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			warnIndexBehind(context.Background(), &b, tc.idx)
			if b.String() != tc.want {
				t.Fatalf("warning = %q, want %q", b.String(), tc.want)
			}
		})
	}
}
