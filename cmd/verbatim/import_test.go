package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImport_CLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	fixtures := "/work/shared/fixtures"
	qualtrics := filepath.Join(fixtures, "sample_qualtrics_v3.csv")

	t.Run("OK", func(t *testing.T) {
		stdout, stderr, code := verbatim(t, "--db", db, "import", qualtrics, filepath.Join(fixtures, "sample_delighted.json"))
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want := []string{
			`sample_qualtrics_v3.csv: Qualtrics export into source "sample_qualtrics_v3 (Qualtrics)": 40 rows read, 33 inserted, 0 updated, 0 unchanged, 7 skipped (4 survey preview (lines 10, 21, 35, 46), 3 unfinished (lines 14, 30, 43)).`,
			`sample_delighted.json: Delighted export into source "sample_delighted (Delighted)": 30 rows read, 30 inserted, 0 updated, 0 unchanged, 0 skipped.`,
		}
		if got := strings.Split(strings.TrimSpace(stdout), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("stdout:\n%s\nwant:\n%s", stdout, strings.Join(want, "\n"))
		}
	})

	t.Run("ReimportUnchanged", func(t *testing.T) {
		stdout, _, code := verbatim(t, "--db", db, "import", qualtrics)
		if code != exitOK || !strings.Contains(stdout, "33 unchanged") || !strings.Contains(stdout, " 0 inserted") {
			t.Errorf("exit %d: %s", code, stdout)
		}
	})

	t.Run("ReportMatchesFile", func(t *testing.T) {
		// Computed from the raw CSV with Python's csv module: Status 0 and Finished 1 rows
		// with a Q1 answer.
		stdout, stderr, code := verbatim(t, "--db", db, "report", "--type", "nps", "--json")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got struct {
			Responses, Promoters, Passives, Detractors int
			Score                                      float64
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatal(err)
		}
		// The Delighted archive adds 12 NPS answers: 1 promoter, 3 passives, 8 detractors.
		if got.Responses != 30+12 || got.Promoters != 13+1 || got.Passives != 8+3 || got.Detractors != 9+8 {
			t.Errorf("report %+v", got)
		}
	})

	t.Run("ErrBrokenFile", func(t *testing.T) {
		body, err := os.ReadFile(qualtrics)
		if err != nil {
			t.Fatal(err)
		}
		broken := filepath.Join(dir, "broken.csv")
		if err := os.WriteFile(broken, body[:5000], 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := verbatim(t, "--db", db, "import", broken)
		want := "verbatim: broken.csv line 27: the file ends in the middle of this row (it has 19 of 21 columns); is it truncated?\n"
		if code != exitFailure || stderr != want {
			t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
		}
	})

	usage := []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoFile", []string{"import"}, "needs at least one FILE"},
		{"ErrFormat", []string{"import", "--format", "xls", qualtrics}, `unknown format "xls"`},
		{"ErrSurveyType", []string{"import", "--survey-type", "promoter", qualtrics}, `unknown survey type "promoter"`},
		{"ErrMap", []string{"import", "--map", "rating=Q1", qualtrics}, `unknown mapping key "rating"`},
	}
	for _, u := range usage {
		t.Run(u.name, func(t *testing.T) {
			_, stderr, code := verbatim(t, append([]string{"--db", db}, u.args...)...)
			if code != exitUsage || !strings.Contains(stderr, u.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, u.want)
			}
		})
	}
}
