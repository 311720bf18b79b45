package syncer

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

// platform describes how to run one connector against its fake.
type platform struct {
	kind     string
	start    func(token, survey string) *fake.Server
	external func(fake.Response) string // the external ID the connector stores
	respPath string                     // path substring of the requests that carry responses
	faultAt  []fake.Fault               // where testFaults injects each fault (Path, After)
}

var platforms = []platform{
	{kind: data.KindTypeform, start: fake.NewTypeform, external: func(r fake.Response) string { return r.ID }, respPath: "/responses",
		faultAt: []fake.Fault{{Path: "/responses", After: 1}, {Path: "/forms/"}}},
	{kind: data.KindSurveyMonkey, start: fake.NewSurveyMonkey, external: func(r fake.Response) string { return r.ID }, respPath: "/responses/bulk",
		faultAt: []fake.Fault{{Path: "/responses/bulk", After: 1}, {Path: "/details"}}},
	{kind: data.KindQualtrics, start: fake.NewQualtrics, external: func(r fake.Response) string { return "R_" + r.ID }, respPath: "/file",
		faultAt: []fake.Fault{{Path: "/file"}, {Path: "/export-responses", After: 1}, {Path: "/survey-definitions"}}},
}

// harness is a memory store, an engine with small pages and fast retries, and token storage.
type harness struct {
	t      *testing.T
	store  *memStore
	engine *Engine
	env    map[string]string
	mu     sync.Mutex
	events []Progress
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, store: newMemStore(), env: map[string]string{}}
	c := fastClient(t)
	// Generous: under -race on a busy 2-core machine the in-process fakes can take a while to answer.
	c.Timeout = 2 * time.Second
	h.engine = &Engine{
		Store: h.store,
		Connectors: map[string]Connector{
			data.KindTypeform:     &Typeform{Client: c, PageSize: 40},
			data.KindSurveyMonkey: &SurveyMonkey{Client: c, PerPage: 40},
			data.KindQualtrics:    &Qualtrics{Client: c, ChunkSize: 40, PollInterval: time.Millisecond},
		},
		Secrets:  &Secrets{Dir: t.TempDir(), Getenv: func(k string) string { return h.env[k] }},
		MinBatch: 1, // one transaction per page, so interruptions land on known pages
		Progress: func(p Progress) {
			h.mu.Lock()
			h.events = append(h.events, p)
			h.mu.Unlock()
		},
	}
	return h
}

// source adds a source of p's kind pointing at srv, with its token in an environment variable.
func (h *harness) source(name string, p platform, srv *fake.Server, survey string) *data.Source {
	env := "TOKEN_" + strings.ToUpper(name)
	h.env[env] = srv.Token
	return h.store.addSource(h.t, name, p.kind, map[string]string{
		ConfigURL: srv.URL, ConfigSurvey: survey, ConfigTokenEnv: env,
	})
}

func (h *harness) sync(names ...string) []Result {
	h.t.Helper()
	rs, err := h.engine.Sync(context.Background(), names, Options{})
	if err != nil {
		h.t.Fatal(err)
	}
	return rs
}

// assertCache checks that the cache holds exactly the server's responses.
func (h *harness) assertCache(src *data.Source, p platform, srv *fake.Server) {
	h.t.Helper()
	var want []string
	for _, r := range srv.Responses() {
		want = append(want, p.external(r))
	}
	sort.Strings(want)
	got := h.store.ids(src.ID)
	if !slices.Equal(got, want) {
		h.t.Fatalf("cache holds %d responses, server %d; first differences: %v", len(got), len(want), diff(got, want))
	}
}

func diff(got, want []string) []string {
	var out []string
	for _, g := range got {
		if _, ok := slices.BinarySearch(want, g); !ok {
			out = append(out, "+"+g)
		}
	}
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok {
			out = append(out, "-"+w)
		}
	}
	return out[:min(len(out), 10)]
}

func mustOK(t *testing.T, r Result) {
	t.Helper()
	if r.Err != nil || r.Run.Status != data.SyncOK {
		t.Fatalf("source %s: status %s, err %v", r.Source, r.Run.Status, r.Err)
	}
}

var t0 = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)

func TestSync_Platforms(t *testing.T) {
	for _, p := range platforms {
		t.Run(p.kind, func(t *testing.T) {
			t.Run("OK", func(t *testing.T) { testFullAndIncremental(t, p) })
			t.Run("Mapping", func(t *testing.T) { testMapping(t, p) })
			t.Run("Faults", func(t *testing.T) { testFaults(t, p) })
			t.Run("RepeatedItems", func(t *testing.T) { testRepeat(t, p) })
			t.Run("Empty", func(t *testing.T) { testEmpty(t, p) })
			t.Run("ErrTokenRevoked", func(t *testing.T) { testRevoked(t, p) })
			t.Run("Resume", func(t *testing.T) { testResume(t, p) })
		})
	}
}

func testFullAndIncremental(t *testing.T, p platform) {
	h := newHarness(t)
	srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
	defer srv.Close()
	srv.Add(fake.Generate(250, 1, t0)...)
	src := h.source("main", p, srv, "SV_1")

	rs := h.sync()
	mustOK(t, rs[0])
	h.assertCache(src, p, srv)
	if rs[0].Run.Inserted != 250 || rs[0].Run.Updated != 0 {
		t.Errorf("first run inserted %d updated %d, want 250 and 0", rs[0].Run.Inserted, rs[0].Run.Updated)
	}
	cursor := h.store.source(t, "main").Cursor
	if cursor == "" {
		t.Fatal("the cursor did not advance")
	}

	// New responses arrive: the next run fetches only from the cursor on.
	srv.Add(fake.Generate(30, 2, t0.Add(300*time.Minute))...)
	before := srv.Requests()
	rs = h.sync("main")
	mustOK(t, rs[0])
	h.assertCache(src, p, srv)
	if rs[0].Run.Inserted != 30 || rs[0].Run.Updated != 0 {
		t.Errorf("second run inserted %d updated %d, want 30 and 0", rs[0].Run.Inserted, rs[0].Run.Updated)
	}
	if rs[0].Run.Fetched > 60 {
		t.Errorf("second run fetched %d responses: it did not start from the cursor", rs[0].Run.Fetched)
	}
	if h.store.source(t, "main").Cursor == cursor {
		t.Error("the cursor did not move on the second run")
	}
	if n := srv.Requests() - before; n > 6 {
		t.Errorf("second run made %d requests for 30 new responses", n)
	}
	s := h.store.source(t, "main")
	if s.LastError != "" || s.LastSyncAt.IsZero() {
		t.Errorf("source after success: last error %q, last sync %v", s.LastError, s.LastSyncAt)
	}
	runs, _ := h.store.SyncRuns(context.Background(), s.ID, 10)
	if len(runs) != 2 || runs[0].Status != data.SyncOK || runs[0].Inserted != 30 {
		t.Errorf("runs = %+v", runs)
	}
}

func testMapping(t *testing.T, p platform) {
	h := newHarness(t)
	srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
	defer srv.Close()
	nine, zero := 9, 0
	srv.Add(
		fake.Response{ID: "a1", Score: &nine, Comment: "Señor, ¡muy bien! teşekkürler", Plan: "Pro", Region: "EMEA",
			Email: "ana@example.org", SubmittedAt: t0},
		fake.Response{ID: "a2", Score: &zero, Plan: "Free", Region: "APAC", SubmittedAt: t0.Add(time.Hour)},
		fake.Response{ID: "a3", Comment: "no score given", Region: "AMER", SubmittedAt: t0.Add(2 * time.Hour)},
	)
	src := h.source("main", p, srv, "SV_1")
	mustOK(t, h.sync()[0])
	id := func(s string) string { return p.external(fake.Response{ID: s}) }

	a1 := h.store.response(src.ID, id("a1"))
	if a1 == nil {
		t.Fatal("a1 missing")
	}
	if a1.SurveyType != data.TypeNPS || a1.ScaleMin != 0 || a1.ScaleMax != 10 {
		t.Errorf("a1 type %q scale %d-%d, want nps 0-10", a1.SurveyType, a1.ScaleMin, a1.ScaleMax)
	}
	if a1.Score == nil || *a1.Score != 9 {
		t.Errorf("a1 score = %v, want 9", a1.Score)
	}
	if a1.Comment != "Señor, ¡muy bien! teşekkürler" {
		t.Errorf("a1 comment = %q", a1.Comment)
	}
	if a1.Survey != "Customer feedback" {
		t.Errorf("a1 survey = %q", a1.Survey)
	}
	if a1.RespondentEmail != "ana@example.org" {
		t.Errorf("a1 email = %q", a1.RespondentEmail)
	}
	if !a1.CreatedAt.Equal(t0) {
		t.Errorf("a1 created %v, want %v", a1.CreatedAt, t0)
	}
	region := a1.Properties["region"] + a1.Properties["Region"]
	if region != "EMEA" {
		t.Errorf("a1 properties = %v, want region EMEA", a1.Properties)
	}
	if a1.Answers["Which plan are you on?"] != "Pro" {
		t.Errorf("a1 answers = %v, want the plan under its question", a1.Answers)
	}
	if a2 := h.store.response(src.ID, id("a2")); a2 == nil || a2.Score == nil || *a2.Score != 0 || a2.Comment != "" {
		t.Errorf("a2 = %+v, want score 0 and no comment", a2)
	}
	a3 := h.store.response(src.ID, id("a3"))
	if a3 == nil || a3.Score != nil || a3.Comment != "no score given" || a3.SurveyType != data.TypeNPS {
		t.Errorf("a3 = %+v, want an NPS response without score", a3)
	}
}

func testFaults(t *testing.T, p platform) {
	httpDate := time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
	faults := []struct {
		name string
		do   func(http.ResponseWriter, *http.Request, http.Handler)
	}{
		{"429RetryAfter", fake.TooMany("1")},
		{"429RetryAfterDate", fake.TooMany(httpDate)},
		{"500", fake.Status(500, `{"error":{"message":"Oh bananas!"}}`)},
		{"502", fake.Status(502, "<html>Bad gateway</html>")},
		{"503", fake.Status(503, "")},
		{"SlowPastTimeout", fake.Slow(5 * time.Second)},
		{"CutMidBody", fake.Cut},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			h := newHarness(t)
			srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
			defer srv.Close()
			srv.Add(fake.Generate(130, 3, t0)...)
			// Each place fails twice in a row.
			for _, at := range p.faultAt {
				srv.Inject(&fake.Fault{Path: at.Path, After: at.After, Times: 2, Do: f.do})
			}
			src := h.source("main", p, srv, "SV_1")
			rs := h.sync()
			mustOK(t, rs[0])
			if got, want := srv.Injected(), 2*len(p.faultAt); got != want {
				t.Errorf("%d requests met a fault, want %d", got, want)
			}
			h.assertCache(src, p, srv)
			if rs[0].Run.Inserted != 130 {
				t.Errorf("inserted %d, want 130", rs[0].Run.Inserted)
			}
		})
	}
}

func testRepeat(t *testing.T, p platform) {
	h := newHarness(t)
	srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
	defer srv.Close()
	srv.Add(fake.Generate(130, 4, t0)...)
	srv.Repeat = true
	src := h.source("main", p, srv, "SV_1")
	rs := h.sync()
	mustOK(t, rs[0])
	h.assertCache(src, p, srv)
	if rs[0].Run.Inserted != 130 {
		t.Errorf("inserted %d, want 130 (a repeated item counted twice?)", rs[0].Run.Inserted)
	}
}

func testEmpty(t *testing.T, p platform) {
	h := newHarness(t)
	srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
	defer srv.Close()
	src := h.source("main", p, srv, "SV_1")
	for range 2 {
		rs := h.sync()
		mustOK(t, rs[0])
		if rs[0].Run.Fetched != 0 {
			t.Errorf("fetched %d from an empty survey", rs[0].Run.Fetched)
		}
	}
	h.assertCache(src, p, srv)
	// Responses arriving later are all found.
	srv.Add(fake.Generate(5, 5, t0)...)
	mustOK(t, h.sync()[0])
	h.assertCache(src, p, srv)
}

func testRevoked(t *testing.T, p platform) {
	h := newHarness(t)
	bad := p.start("tok-"+p.kind+"-revoked-9876WXYZ", "SV_1")
	defer bad.Close()
	bad.Add(fake.Generate(130, 6, t0)...)
	good := fake.NewTypeform("tok-typeform-other-0123456789", "F1")
	defer good.Close()
	good.Add(fake.Generate(60, 7, t0)...)
	// The token works for the first responses request, then is revoked (and echoed back).
	revoked := bad.Token
	revoke := func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if r.Header.Get("Authorization") == "Bearer "+revoked || r.Header.Get("X-API-TOKEN") == revoked {
			fake.Status(401, `{"description":"token `+revoked+` was revoked","error":{"message":"The authorization token `+
				revoked+` is invalid."},"meta":{"error":{"errorMessage":"Invalid access token `+revoked+`."}}}`)(w, r, next)
			return
		}
		next.ServeHTTP(w, r)
	}
	if p.kind == data.KindQualtrics {
		// A Qualtrics sync reads a single file; revoke the token on the next export instead.
		bad.Inject(&fake.Fault{Path: "/export-responses", Method: http.MethodPost, After: 1, Times: -1, Do: revoke})
	} else {
		bad.Inject(&fake.Fault{Path: p.respPath, After: 1, Times: -1, Do: revoke})
	}
	badSrc := h.source("bad", p, bad, "SV_1")
	goodSrc := h.source("good", platforms[0], good, "F1")

	rs := h.sync()
	if p.kind == data.KindQualtrics {
		mustOK(t, rs[0])
		bad.Add(fake.Generate(10, 8, t0.Add(24*time.Hour))...)
		rs = h.sync()
	}
	byName := map[string]Result{rs[0].Source: rs[0], rs[1].Source: rs[1]}
	mustOK(t, byName["good"])
	h.assertCache(goodSrc, platforms[0], good)
	r := byName["bad"]
	if r.Err == nil || !IsAuth(r.Err) || r.Run.Status != data.SyncFailed {
		t.Fatalf("bad source: status %s err %v, want an auth failure", r.Run.Status, r.Err)
	}
	last := h.store.source(t, "bad").LastError
	if !strings.Contains(last, "was refused (HTTP 401)") || !strings.Contains(last, Mask(bad.Token)) {
		t.Errorf("last error = %q, want a clear sentence with the masked token", last)
	}
	for _, s := range []string{last, r.Err.Error(), r.Run.Error} {
		if strings.Contains(s, bad.Token) {
			t.Errorf("the token leaked into %q", s)
		}
	}
	if n := len(h.store.ids(badSrc.ID)); p.kind != data.KindQualtrics && n != 40 {
		t.Errorf("bad source kept %d responses, want the 40 of its committed first page", n)
	}
	// A new token fixes it, and the sync resumes from its cursor.
	bad.SetToken("tok-" + p.kind + "-renewed-00001111")
	h.env["TOKEN_BAD"] = bad.Token
	rs = h.sync("bad")
	mustOK(t, rs[0])
	h.assertCache(badSrc, p, bad)
	if h.store.source(t, "bad").LastError != "" {
		t.Error("a successful run did not clear the last error")
	}
}

func testResume(t *testing.T, p platform) {
	for _, how := range []string{"Cancel", "CommitFails"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t)
			srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
			defer srv.Close()
			srv.Add(fake.Generate(210, 9, t0)...)
			src := h.source("main", p, srv, "SV_1")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if how == "Cancel" {
				h.engine.Progress = func(pr Progress) {
					if pr.Event == EventPage && pr.Pages == 2 {
						cancel()
					}
				}
			} else {
				h.store.failCommit = func(n int) error {
					if n == 3 {
						return errors.New("disk I/O error")
					}
					return nil
				}
			}
			rs, err := h.engine.Sync(ctx, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rs[0].Err == nil {
				t.Fatal("the interrupted sync reported success")
			}
			if n := len(h.store.ids(src.ID)); n != 80 {
				t.Errorf("after the interruption the cache holds %d responses, want the 80 of two committed pages", n)
			}
			h.store.failCommit = nil
			h.engine.Progress = nil
			rs = h.sync()
			mustOK(t, rs[0])
			h.assertCache(src, p, srv)
			if got := rs[0].Run.Inserted; got != 130 {
				t.Errorf("the resumed run inserted %d, want the 130 not yet stored", got)
			}
		})
	}
}

func TestSync_FullResync(t *testing.T) {
	h := newHarness(t)
	p := platforms[0]
	srv := p.start("tok-typeform-0123456789abcdef", "F1")
	defer srv.Close()
	srv.Add(fake.Generate(90, 10, t0)...)
	src := h.source("main", p, srv, "F1")
	mustOK(t, h.sync()[0])
	rs, err := h.engine.Sync(context.Background(), nil, Options{Full: true})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, rs[0])
	if rs[0].Run.Fetched != 90 || rs[0].Run.Inserted != 0 || rs[0].Run.Updated != 0 {
		t.Errorf("full resync: fetched %d inserted %d updated %d, want 90, 0, 0", rs[0].Run.Fetched, rs[0].Run.Inserted, rs[0].Run.Updated)
	}
	h.assertCache(src, p, srv)
}

func TestSync_Progress(t *testing.T) {
	h := newHarness(t)
	p := platforms[1]
	srv := p.start("tok-sm-0123456789abcdef", "S1")
	defer srv.Close()
	srv.Add(fake.Generate(100, 11, t0)...)
	h.source("main", p, srv, "S1")
	mustOK(t, h.sync()[0])
	var kinds []string
	for _, e := range h.events {
		kinds = append(kinds, e.Event)
		if e.Event == EventPage && e.Total != 100 {
			t.Errorf("page event total %d, want the 100 the API announced", e.Total)
		}
	}
	want := []string{EventStart, EventPage, EventPage, EventPage, EventDone}
	if !slices.Equal(kinds, want) {
		t.Errorf("events %v, want %v", kinds, want)
	}
	last := h.events[len(h.events)-1]
	if last.Fetched != 100 || last.Inserted != 100 || last.Pages != 3 {
		t.Errorf("last event %+v", last)
	}
}

func TestSync_Errors(t *testing.T) {
	h := newHarness(t)
	srv := fake.NewTypeform("tok-typeform-0123456789abcdef", "F1")
	defer srv.Close()
	h.store.addSource(t, "notoken", data.KindTypeform, map[string]string{ConfigURL: srv.URL, ConfigSurvey: "F1"})
	h.store.addSource(t, "noenv", data.KindTypeform, map[string]string{ConfigURL: srv.URL, ConfigSurvey: "F1", ConfigTokenEnv: "UNSET_VAR"})
	h.store.addSource(t, "folder", data.KindFolder, map[string]string{ConfigPath: "/tmp"})
	h.env["TOK"] = srv.Token
	h.store.addSource(t, "wrongform", data.KindTypeform, map[string]string{ConfigURL: srv.URL, ConfigSurvey: "nope", ConfigTokenEnv: "TOK"})
	h.store.addSource(t, "nourl", data.KindQualtrics, map[string]string{ConfigSurvey: "SV_1", ConfigTokenEnv: "TOK"})

	rs := h.sync()
	if len(rs) != 4 {
		t.Fatalf("synced %d sources, want the 4 with an API (not the folder)", len(rs))
	}
	want := map[string]string{
		"notoken":   `source "notoken" has no API token`,
		"noenv":     "the environment variable UNSET_VAR that should hold its API token is empty or not set",
		"wrongform": `Typeform form "nope" was not found (HTTP 404)`,
		"nourl":     "needs its data centre URL",
	}
	for _, r := range rs {
		if r.Err == nil || !strings.Contains(data.ErrorMessage(r.Err), want[r.Source]) {
			t.Errorf("%s: err %v, want %q", r.Source, r.Err, want[r.Source])
		}
		if got := h.store.source(t, r.Source).LastError; got != data.ErrorMessage(r.Err) {
			t.Errorf("%s: last error %q, want the run's error", r.Source, got)
		}
	}
	if _, err := h.engine.Sync(context.Background(), []string{"missing"}, Options{}); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("unknown name: err %v, want not found", err)
	}
	rs = h.sync("folder")
	if rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), `kind "folder" cannot be synced`) {
		t.Errorf("folder: %v", rs[0].Err)
	}
}

func TestEngine_Test(t *testing.T) {
	for _, p := range platforms {
		t.Run(p.kind, func(t *testing.T) {
			h := newHarness(t)
			srv := p.start("tok-"+p.kind+"-0123456789abcdef", "SV_1")
			defer srv.Close()
			h.source("ok", p, srv, "SV_1")
			h.source("missing", p, srv, "SV_404")
			if err := h.engine.Test(context.Background(), "ok"); err != nil {
				t.Errorf("test ok: %v", err)
			}
			if err := h.engine.Test(context.Background(), "missing"); data.ErrorCode(err) != data.ENOTFOUND {
				t.Errorf("test missing survey: %v, want not found", err)
			}
			h.env["TOKEN_OK"] = "tok-wrong-0000000000000000"
			err := h.engine.Test(context.Background(), "ok")
			if !IsAuth(err) || strings.Contains(err.Error(), "tok-wrong-0000000000000000") {
				t.Errorf("test with a wrong token: %v", err)
			}
		})
	}
}

func TestEngine_NoConcurrentSyncOfOneSource(t *testing.T) {
	h := newHarness(t)
	p := platforms[0]
	srv := p.start("tok-typeform-0123456789abcdef", "F1")
	defer srv.Close()
	srv.Add(fake.Generate(10, 12, t0)...)
	// The first sync is held for 1.5 s; the second starts 200 ms later, well inside that window
	// even on a loaded machine.
	srv.Inject(&fake.Fault{Path: "/responses", Times: 1, Do: fake.Slow(1500 * time.Millisecond)})
	h.engine.Connectors[data.KindTypeform].(*Typeform).Client.Timeout = 5 * time.Second
	h.source("main", p, srv, "F1")
	var wg sync.WaitGroup
	results := make([]Result, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 200 * time.Millisecond)
			results[i] = h.sync()[0]
		}()
	}
	wg.Wait()
	mustOK(t, results[0])
	if data.ErrorCode(results[1].Err) != data.ECONFLICT {
		t.Errorf("second concurrent sync: %v, want a conflict", results[1].Err)
	}
}

func TestEngine_Every(t *testing.T) {
	h := newHarness(t)
	p := platforms[0]
	srv := p.start("tok-typeform-0123456789abcdef", "F1")
	defer srv.Close()
	srv.Add(fake.Generate(10, 13, t0)...)
	h.source("main", p, srv, "F1")
	ctx, cancel := context.WithCancel(context.Background())
	rounds := make(chan []Result, 10)
	done := make(chan struct{})
	go func() {
		h.engine.Every(ctx, 20*time.Millisecond, Options{}, func(rs []Result, err error) { rounds <- rs })
		close(done)
	}()
	for i := range 2 {
		select {
		case rs := <-rounds:
			mustOK(t, rs[0])
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d never came", i+1)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Every did not stop when its context was canceled")
	}
}

func TestEngine_BatchesWaitingPages(t *testing.T) {
	h := newHarness(t)
	h.engine.MinBatch = 1000
	p := platforms[1]
	srv := p.start("tok-sm-0123456789abcdef", "S1")
	defer srv.Close()
	srv.Add(fake.Generate(400, 14, t0)...)
	src := h.source("main", p, srv, "S1")
	// The first commit is slow, so the pages fetched meanwhile wait and go in together.
	h.store.failCommit = func(n int) error {
		if n == 1 {
			time.Sleep(300 * time.Millisecond)
		}
		return nil
	}
	rs := h.sync()
	mustOK(t, rs[0])
	h.assertCache(src, p, srv)
	if rs[0].Pages != 10 || rs[0].Run.Inserted != 400 {
		t.Errorf("pages %d inserted %d, want 10 and 400", rs[0].Pages, rs[0].Run.Inserted)
	}
	if h.store.commits >= 10 {
		t.Errorf("%d commits for 10 pages: waiting pages were not batched", h.store.commits)
	}
	if h.store.source(t, "main").Cursor == "" {
		t.Error("no cursor after a batched sync")
	}
}

func TestEngine_BoundsResponsesWaiting(t *testing.T) {
	h := newHarness(t)
	p := platforms[0]
	h.engine.Connectors[p.kind] = &Typeform{Client: fastClient(t), PageSize: 1000}
	srv := p.start("tok-tf-0123456789abcdef", "F1")
	defer srv.Close()
	const n = 30_000
	srv.Add(fake.Generate(n, 15, t0)...)
	src := h.source("main", p, srv, "F1")
	// While the first commit stalls, the connector fetches ahead only until maxQueued
	// responses wait: one request for the form, one for the page being written, the pages
	// that fit in the queue, and the one waiting for room.
	requests := 0
	h.store.failCommit = func(c int) error {
		if c != 1 {
			return nil
		}
		// Stall until the fetching stops: without a bound it would fetch the whole survey.
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
			requests = srv.Requests()
			time.Sleep(300 * time.Millisecond)
			if srv.Requests() == requests {
				break
			}
		}
		return nil
	}
	rs := h.sync()
	mustOK(t, rs[0])
	h.assertCache(src, p, srv)
	if most := 1 + 1 + maxQueued/1000 + 1; requests > most || requests < 3 {
		t.Errorf("%d requests while the writer stalled, want at most %d of the %d the sync needs", requests, most, 1+n/1000+1)
	}
}
