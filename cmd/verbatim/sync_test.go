package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

// isolateConfig points the user config directory (where token files live) at a temp dir.
func isolateConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("HOME", dir)
	t.Setenv("AppData", dir)
	return dir
}

// wantNPS computes what verbatim report --type nps must say about a fake's responses.
func wantNPS(rs []fake.Response) (n, promoters, passives, detractors int, score float64) {
	for _, r := range rs {
		if r.Score == nil {
			continue
		}
		n++
		switch s := *r.Score; {
		case s >= 9:
			promoters++
		case s >= 7:
			passives++
		default:
			detractors++
		}
	}
	return n, promoters, passives, detractors, 100 * float64(promoters-detractors) / float64(n)
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, code := verbatim(t, args...)
	if code != 0 {
		t.Fatalf("verbatim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

func TestSync_EndToEnd(t *testing.T) {
	platforms := []struct {
		kind  string
		start func(token, survey string) *fake.Server
		token string // how the token is given: "file" or "env"
	}{
		{data.KindTypeform, fake.NewTypeform, "file"},
		{data.KindSurveyMonkey, fake.NewSurveyMonkey, "env"},
		{data.KindQualtrics, fake.NewQualtrics, "file"},
	}
	for _, p := range platforms {
		t.Run(p.kind, func(t *testing.T) {
			cfg := isolateConfig(t)
			db := filepath.Join(t.TempDir(), "v.db")
			secret := "tok-" + p.kind + "-e2e-0123456789abcdef"
			srv := p.start(secret, "SV_e2e")
			defer srv.Close()
			srv.Add(fake.Generate(2500, 31, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))...)

			args := []string{"--db", db, "source", "add", "live", "--kind", p.kind, "--url", srv.URL, "--survey", "SV_e2e"}
			if p.token == "file" {
				f := filepath.Join(t.TempDir(), "token.txt")
				os.WriteFile(f, []byte(secret+"\n"), 0o600)
				args = append(args, "--token-file", f)
			} else {
				t.Setenv("SM_TOKEN_E2E", secret)
				args = append(args, "--token-env", "SM_TOKEN_E2E")
			}
			out := mustRun(t, args...)
			if !strings.Contains(out, `Added `+p.kind+` source "live"`) {
				t.Errorf("source add said %q", out)
			}
			mustRun(t, "--db", db, "source", "test", "live")
			out = mustRun(t, "--db", db, "sync")
			if !strings.HasPrefix(out, "live: 2500 fetched, 2500 new, 0 updated in ") {
				t.Errorf("sync said %q", out)
			}

			// verbatim report matches the fake's data.
			var got struct {
				SurveyType                                 string `json:"survey_type"`
				Responses, Promoters, Passives, Detractors int
				Score                                      float64
			}
			if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "report", "--type", "nps", "--json")), &got); err != nil {
				t.Fatal(err)
			}
			n, pro, pas, det, score := wantNPS(srv.Responses())
			if got.SurveyType != "nps" || got.Responses != n || got.Promoters != pro || got.Passives != pas || got.Detractors != det ||
				math.Abs(got.Score-score) > 1e-9 {
				t.Errorf("report %+v; fake n=%d p/pa/d=%d/%d/%d score=%v", got, n, pro, pas, det, score)
			}

			// New responses: an incremental sync fetches them alone.
			srv.Add(fake.Generate(40, 32, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))...)
			out = mustRun(t, "--db", db, "sync", "live")
			if !strings.Contains(out, " 40 new, 0 updated") {
				t.Errorf("second sync said %q", out)
			}

			var list []struct {
				Name, Kind, Token string
				LastError         string `json:"last_error"`
				Responses         int
				LastSyncAt        *time.Time `json:"last_sync_at"`
			}
			listOut := mustRun(t, "--db", db, "source", "list", "--json")
			if err := json.Unmarshal([]byte(listOut), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Responses != 2540 || list[0].LastSyncAt == nil || list[0].LastError != "" {
				t.Errorf("source list: %s", listOut)
			}
			wantToken := "••••cdef"
			if p.token == "env" {
				wantToken = "$SM_TOKEN_E2E"
			}
			if list[0].Token != wantToken {
				t.Errorf("token shown as %q, want %q", list[0].Token, wantToken)
			}
			if text := mustRun(t, "--db", db, "source", "list"); !strings.Contains(text, "live") || strings.Contains(text, secret) {
				t.Errorf("source list text: %q", text)
			}
			if p.token == "file" {
				path := filepath.Join(cfg, "verbatim", "tokens", "live")
				if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
					t.Errorf("token file %s: %v %v", path, st, err)
				}
			}
			assertNoSecretInDB(t, db, secret)
		})
	}
}

// assertNoSecretInDB scans every text column of every table for the token.
func assertNoSecretInDB(t *testing.T, path, secret string) {
	t.Helper()
	buf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(path + "-wal")
	if bytes.Contains(buf, []byte(secret)) || bytes.Contains(wal, []byte(secret)) {
		t.Error("the API token is stored in the database file")
	}
}

func TestSync_Failures(t *testing.T) {
	isolateConfig(t)
	db := filepath.Join(t.TempDir(), "v.db")
	good := fake.NewTypeform("tok-typeform-good-0123456789ab", "F1")
	defer good.Close()
	good.Add(fake.Generate(50, 41, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))...)
	bad := fake.NewSurveyMonkey("tok-sm-right-00000000000000", "S1")
	defer bad.Close()
	bad.Add(fake.Generate(50, 42, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))...)
	t.Setenv("GOOD_TOKEN", good.Token)
	t.Setenv("BAD_TOKEN", "tok-sm-revoked-9999999WXYZ")
	mustRun(t, "--db", db, "source", "add", "good", "--kind", "typeform", "--url", good.URL, "--survey", "F1", "--token-env", "GOOD_TOKEN")
	mustRun(t, "--db", db, "source", "add", "bad", "--kind", "surveymonkey", "--url", good.URL+"x", "--survey", "S1", "--token-env", "BAD_TOKEN")
	// Point "bad" at its server after all: add accepts any URL, sync finds out.
	mustRun(t, "--db", db, "source", "remove", "bad", "--purge")
	mustRun(t, "--db", db, "source", "add", "--kind", "surveymonkey", "bad", "--url", bad.URL, "--survey", "S1", "--token-env", "BAD_TOKEN")

	stdout, stderr, code := verbatim(t, "--db", db, "sync")
	if code != exitFailure {
		t.Fatalf("exit %d, want 1 when a source fails", code)
	}
	if !strings.Contains(stdout, "good: 50 fetched, 50 new") {
		t.Errorf("the healthy source did not sync: %q", stdout)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `source "bad": SurveyMonkey survey "S1": the API token ••••WXYZ was refused (HTTP 401)`) {
		t.Errorf("stderr = %q", stderr)
	}
	if strings.Contains(stdout+stderr, "tok-sm-revoked-9999999WXYZ") {
		t.Error("the token was printed")
	}
	if _, stderr, code := verbatim(t, "--db", db, "source", "test", "bad"); code != exitFailure || !strings.Contains(stderr, "was refused") {
		t.Errorf("source test bad: exit %d %q", code, stderr)
	}
	var list []struct {
		Name      string
		LastError string `json:"last_error"`
	}
	json.Unmarshal([]byte(mustRun(t, "--db", db, "source", "list", "--json")), &list)
	if len(list) != 2 || list[0].Name != "bad" || !strings.Contains(list[0].LastError, "refused") || list[1].LastError != "" {
		t.Errorf("source list after a failure: %+v", list)
	}

	cases := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"NoSurvey", []string{"source", "add", "x", "--kind", "typeform", "--token-env", "V"}, exitUsage, "needs --survey ID"},
		{"NoToken", []string{"source", "add", "x", "--kind", "typeform", "--survey", "F"}, exitUsage, "exactly one of --token-env VAR or --token-file FILE"},
		{"BothTokens", []string{"source", "add", "x", "--kind", "typeform", "--survey", "F", "--token-env", "V", "--token-file", "f"}, exitUsage, "exactly one"},
		{"QualtricsNoURL", []string{"source", "add", "x", "--kind", "qualtrics", "--survey", "SV", "--token-env", "V"}, exitUsage, "needs --url"},
		{"BadKind", []string{"source", "add", "x", "--kind", "gforms"}, exitUsage, `--kind "gforms" is not`},
		{"BadName", []string{"source", "add", "a/b", "--kind", "typeform"}, exitUsage, "must not contain"},
		{"Duplicate", []string{"source", "add", "good", "--kind", "typeform", "--survey", "F", "--token-env", "V"}, exitFailure, `a source called "good" already exists`},
		{"MissingTokenFile", []string{"source", "add", "y", "--kind", "typeform", "--survey", "F", "--token-file", "/nonexistent/tok"}, exitFailure, "cannot read the token file"},
		{"FolderMissing", []string{"source", "add", "z", "--kind", "folder", "--path", "/nonexistent/dir"}, exitFailure, "does not exist"},
		{"UnknownSource", []string{"sync", "nope"}, exitFailure, `there is no source called "nope"`},
		{"NoSubcommand", []string{"source"}, exitUsage, "needs a subcommand"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := verbatim(t, append([]string{"--db", db}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.contains) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", code, stderr, c.code, c.contains)
			}
		})
	}
	// A failed add leaves no source behind.
	if out := mustRun(t, "--db", db, "source", "list"); strings.Contains(out, "\ny ") {
		t.Errorf("a failed add left a source: %q", out)
	}
}

func TestSourceRemove(t *testing.T) {
	cfg := isolateConfig(t)
	db := filepath.Join(t.TempDir(), "v.db")
	srv := fake.NewTypeform("tok-typeform-rm-0123456789ab", "F1")
	defer srv.Close()
	srv.Add(fake.Generate(20, 51, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))...)
	tokFile := filepath.Join(t.TempDir(), "tok")
	os.WriteFile(tokFile, []byte(srv.Token), 0o600)
	mustRun(t, "--db", db, "source", "add", "keep", "--kind", "typeform", "--url", srv.URL, "--survey", "F1", "--token-file", tokFile)
	mustRun(t, "--db", db, "sync")

	out := mustRun(t, "--db", db, "source", "remove", "keep")
	if !strings.Contains(out, "responses, tags, notes and board cards stay") {
		t.Errorf("remove said %q", out)
	}
	if _, err := os.Stat(filepath.Join(cfg, "verbatim", "tokens", "keep")); !os.IsNotExist(err) {
		t.Errorf("the token file is still there: %v", err)
	}
	var list []struct {
		Name, Kind string
		Responses  int
	}
	json.Unmarshal([]byte(mustRun(t, "--db", db, "source", "list", "--json")), &list)
	if len(list) != 1 || list[0].Kind != data.KindFile || list[0].Responses != 20 {
		t.Errorf("after remove: %+v", list)
	}
	if out := mustRun(t, "--db", db, "sync"); !strings.Contains(out, "No sources to sync") {
		t.Errorf("a removed source still syncs: %q", out)
	}
	mustRun(t, "--db", db, "source", "remove", "keep", "--purge")
	if out := mustRun(t, "--db", db, "source", "list"); !strings.Contains(out, "No sources yet") {
		t.Errorf("after purge: %q", out)
	}
}

// TestSync_KilledAndRerun kills a `verbatim sync` process with SIGKILL in the middle of a
// sync, runs it again, and checks the cache ends exactly like the server.
func TestSync_KilledAndRerun(t *testing.T) {
	isolateConfig(t)
	db := filepath.Join(t.TempDir(), "v.db")
	srv := fake.NewTypeform("tok-typeform-kill-0123456789", "F1")
	defer srv.Close()
	srv.Add(fake.Generate(5000, 61, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))...)
	t.Setenv("KILL_TOKEN", srv.Token)
	mustRun(t, "--db", db, "source", "add", "tf", "--kind", "typeform", "--url", srv.URL, "--survey", "F1", "--token-env", "KILL_TOKEN")
	// Pages of 1000: the third responses request hangs until the process is killed.
	srv.Inject(&fake.Fault{Path: "/responses", After: 2, Times: 1, Do: fake.Slow(time.Hour)})

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	helperArgs, _ := json.Marshal([]string{"--db", db, "sync"})
	cmd.Env = append(os.Environ(), "VERBATIM_HELPER=1", "VERBATIM_HELPER_ARGS="+string(helperArgs))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stored := func() (n, distinct int) {
		raw, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		raw.QueryRow("SELECT count(*), count(DISTINCT external_id) FROM responses").Scan(&n, &distinct)
		return n, distinct
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if n, _ := stored(); n >= 2000 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the sync never stored two pages: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if n, _ := stored(); n != 2000 {
		t.Fatalf("after kill -9 the cache holds %d responses, want the 2000 of two committed pages", n)
	}

	out := mustRun(t, "--db", db, "sync")
	if !strings.Contains(out, "tf: 3000 fetched, 3000 new, 0 updated") {
		t.Errorf("rerun said %q", out)
	}
	n, distinct := stored()
	if n != 5000 || distinct != 5000 {
		t.Fatalf("cache holds %d responses (%d distinct), want 5000", n, distinct)
	}
	var got struct{ Responses, Promoters, Detractors int }
	json.Unmarshal([]byte(mustRun(t, "--db", db, "report", "--type", "nps", "--json")), &got)
	wn, wp, _, wd, _ := wantNPS(srv.Responses())
	if got.Responses != wn || got.Promoters != wp || got.Detractors != wd {
		t.Errorf("report %+v, fake n=%d promoters=%d detractors=%d", got, wn, wp, wd)
	}
}

// TestHelperProcess is the `verbatim` process TestSync_KilledAndRerun kills; it does nothing
// in a normal test run.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("VERBATIM_HELPER") != "1" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv("VERBATIM_HELPER_ARGS")), &args); err != nil {
		t.Fatal(err)
	}
	code := run(context.Background(), args, os.Stdout, os.Stderr)
	fmt.Fprintf(os.Stderr, "helper exited with %d\n", code)
	os.Exit(code)
}

func TestSync_Folder(t *testing.T) {
	isolateConfig(t)
	db := filepath.Join(t.TempDir(), "v.db")
	dir := t.TempDir()
	buf, err := os.ReadFile("../../data/syncer/testdata/sample_typeform.csv")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "export.csv")
	os.WriteFile(path, buf, 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(path, old, old)
	mustRun(t, "--db", db, "source", "add", "drop", "--kind", "folder", "--path", dir)
	mustRun(t, "--db", db, "source", "test", "drop")
	out := mustRun(t, "--db", db, "sync")
	if !strings.HasPrefix(out, "drop: ") || strings.Contains(out, " 0 new") {
		t.Errorf("folder sync said %q", out)
	}
	if out := mustRun(t, "--db", db, "sync"); !strings.Contains(out, "drop: 0 fetched") {
		t.Errorf("second folder sync said %q", out)
	}
}
