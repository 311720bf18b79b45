package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/data/syncer"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

// syncFixture is the window on a real SQLite cache and a real sync engine whose connectors
// talk to fakes of the platforms on 127.0.0.1, with retries shortened so that an unreachable
// server is given up on in milliseconds.
type syncFixture struct {
	*shellFixture
	db      *sqlite.DB
	path    string
	engine  *syncer.Engine
	secrets string // the token files' directory
}

func newSyncFixture(t *testing.T) *syncFixture {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "cache.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	client := &syncer.Client{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, Timeout: 5 * time.Second}
	f := &syncFixture{db: db, path: path, secrets: t.TempDir()}
	f.engine = &syncer.Engine{Store: db, Connectors: syncer.NewConnectors(client), Secrets: &syncer.Secrets{Dir: f.secrets}}
	svc := Services{Reports: db, Themes: db, Responses: db, Sources: db, Stats: db, Tags: db, Notes: db, Boards: db,
		Comments: db, Annotations: db, Rules: db, Sync: f.engine}
	f.shellFixture = &shellFixture{}
	fyne.DoAndWait(func() { f.a = New(fyne.CurrentApp(), svc, Options{StartScreen: screenSources, Lang: "en"}) })
	f.a.win.Resize(fyne.NewSize(1280, 720))
	t.Cleanup(f.a.close)
	f.eventually(t, "the Sources screen", func() bool { return f.screen() != nil })
	return f
}

// screen is the Sources screen on show, nil before it is built.
func (f *syncFixture) screen() *sourcesScreen {
	s, _ := f.a.active.(*sourcesScreen)
	return s
}

// row is the row of the named source, nil until the list shows it.
func (f *syncFixture) row(name string) *sourceRow {
	s := f.screen()
	if s == nil {
		return nil
	}
	for _, r := range s.byID {
		if r.v.src.Name == name {
			return r
		}
	}
	return nil
}

// addSource adds an API source the way the command line does, with its token in a file.
func (f *syncFixture) addSource(t *testing.T, name, kind, url, survey, token string) *data.Source {
	t.Helper()
	src := &data.Source{Name: name, Kind: kind, Config: map[string]string{syncer.ConfigURL: url, syncer.ConfigSurvey: survey}}
	if err := f.db.CreateSource(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if err := f.engine.Secrets.SaveToken(name, token); err != nil {
		t.Fatal(err)
	}
	return src
}

// responses counts the named source's responses in the cache, -1 when it is not there.
func (f *syncFixture) responses(name string) int {
	sources, err := f.db.Sources(context.Background())
	if err != nil {
		return -1
	}
	for _, s := range sources {
		if s.Name == name {
			return s.Responses
		}
	}
	return -1
}

// noDialog fails when a dialog covers the window: network trouble must never raise one.
func (f *syncFixture) noDialog(t *testing.T, when string) {
	t.Helper()
	f.onUI(func() {
		if top := f.a.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s: a dialog covers the window", when)
		}
	})
}

// find returns the first object under o that match accepts, looking into containers and
// into widgets' renderers; nil when there is none.
func find(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if o == nil {
		return nil
	}
	if match(o) {
		return o
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if found := find(c, match); found != nil {
			return found
		}
	}
	return nil
}

// visibleButton returns the visible button with text under o.
func visibleButton(o fyne.CanvasObject, text string) *widget.Button {
	b, _ := find(o, func(c fyne.CanvasObject) bool {
		b, ok := c.(*widget.Button)
		return ok && b.Text == text && b.Visible()
	}).(*widget.Button)
	return b
}

// labelWith returns the visible label under o whose text starts with prefix.
func labelWith(o fyne.CanvasObject, prefix string) *widget.Label {
	l, _ := find(o, func(c fyne.CanvasObject) bool {
		l, ok := c.(*widget.Label)
		return ok && l.Visible() && strings.HasPrefix(l.Text, prefix)
	}).(*widget.Label)
	return l
}

func TestSources_AddTestEditRemove(t *testing.T) {
	const token, newToken = "tf-secret-0123456789abcd", "tf-rotated-0123456789wxyz"
	srv := fake.NewTypeform(token, "F1")
	defer srv.Close()
	srv.Add(fake.Generate(30, 1, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))...)
	f := newSyncFixture(t)

	f.onUI(func() {
		s := f.screen()
		test.Tap(visibleButton(s.a.body, "Add source…"))
		form := s.form
		if form == nil || !form.token.Password {
			t.Fatal("the add dialog has no masked token entry")
		}
		form.kind.SetSelected("Typeform")
		test.Type(form.name, "Website NPS")
		test.Type(form.url, srv.URL)
		test.Type(form.survey, "F1")
		test.Type(form.token, token)
		test.Tap(form.save)
	})
	// A new source is tested at once, and the result is one sentence under its row.
	f.eventually(t, "the new source's row with its connection test", func() bool {
		r := f.row("Website NPS")
		return r != nil && r.test.Visible() && r.test.Text == "Connection works: Typeform answers and accepts the API token."
	})
	src, err := f.db.SourceByName(context.Background(), "Website NPS")
	if err != nil || src.Kind != data.KindTypeform || src.Config[syncer.ConfigSurvey] != "F1" {
		t.Fatalf("source saved as %+v, %v", src, err)
	}
	info, err := os.Stat(filepath.Join(f.secrets, "Website NPS"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("token file: %v, %v", info, err)
	}
	f.onUI(func() {
		details := labelWith(f.row("Website NPS").content, "Form F1 · 127.0.0.1:")
		if details == nil || !strings.HasSuffix(details.Text, " · token ••••abcd") {
			t.Errorf("the row does not show the masked token: %v", details)
		}
		if find(f.a.win.Content(), func(o fyne.CanvasObject) bool {
			l, ok := o.(*widget.Label)
			return ok && strings.Contains(l.Text, token)
		}) != nil {
			t.Error("the token shows in clear on the window")
		}
	})

	// Edit: the saved token stays masked; a new one replaces it.
	f.onUI(func() {
		s, r := f.screen(), f.row("Website NPS")
		s.edit(r.v)
		form := s.form
		if form.token.Text != "" || form.token.PlaceHolder != "••••abcd is saved; paste a new token to replace it" {
			t.Errorf("edit shows the token as %q / %q", form.token.Text, form.token.PlaceHolder)
		}
		if !form.name.Disabled() || !form.kind.Disabled() {
			t.Error("a source's name and kind can be changed, but its token file and scripts use them")
		}
		test.Type(form.token, newToken)
		test.Tap(form.save)
	})
	f.eventually(t, "the new token in the row", func() bool {
		r := f.row("Website NPS")
		return r != nil && labelWith(r.content, "Form F1") != nil && strings.HasSuffix(labelWith(r.content, "Form F1").Text, "••••wxyz")
	})
	f.noDialog(t, "after editing")

	// Test again with the old token revoked: the sentence says why, under the row.
	srv.SetToken("another")
	f.onUI(func() { test.Tap(f.row("Website NPS").testButton) })
	f.eventually(t, "the failed test under the row", func() bool {
		r := f.row("Website NPS")
		return r.test.Visible() && strings.HasPrefix(r.test.Text, "Test failed: ") && r.test.Importance == widget.DangerImportance
	})
	f.noDialog(t, "after a failed test")

	// Remove, keeping the responses: the source becomes a plain archive and its token goes.
	f.onUI(func() { f.screen().remove(f.row("Website NPS").v.src) })
	f.onUI(func() {
		top := f.a.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no confirmation")
		}
		test.Tap(visibleButton(top, "Remove"))
	})
	f.eventually(t, "the source to become an archive", func() bool {
		src, err := f.db.SourceByName(context.Background(), "Website NPS")
		return err == nil && src.Kind == data.KindFile
	})
	if _, err := os.Stat(filepath.Join(f.secrets, "Website NPS")); !os.IsNotExist(err) {
		t.Errorf("the token file is still there: %v", err)
	}
}

func TestSources_SyncNowProgressCancel(t *testing.T) {
	srv := fake.NewTypeform("tok-progress-0123456789", "F2")
	defer srv.Close()
	srv.Add(fake.Generate(2500, 2, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))...)
	// Every page of responses takes a while: the sync is still running when Cancel is tapped.
	srv.Inject(&fake.Fault{Path: "/responses", Times: -1, Do: fake.Slow(300 * time.Millisecond)})
	f := newSyncFixture(t)
	f.addSource(t, "Slow form", data.KindTypeform, srv.URL, "F2", "tok-progress-0123456789")
	f.onUI(func() { f.screen().load() })
	f.eventually(t, "the row", func() bool { return f.row("Slow form") != nil })

	f.onUI(func() { test.Tap(f.row("Slow form").syncButton) })
	f.eventually(t, "progress under the row after the first page", func() bool {
		r := f.row("Slow form")
		return r.progress.Visible() && r.bar.Visible() && r.bar.Value > 0 && r.syncButton.Disabled() &&
			strings.HasPrefix(r.progressText.Text, "Page 1 · 1,000 of 2,500 responses")
	})
	f.onUI(func() {
		if !strings.HasPrefix(f.a.status.sync.Text, "Syncing 1 source…") {
			t.Errorf("status line during a sync: %q", f.a.status.sync.Text)
		}
		test.Tap(visibleButton(f.row("Slow form").progress, "Cancel"))
	})
	f.eventually(t, "the cancelled sync to end", func() bool {
		r := f.row("Slow form")
		return r != nil && !f.a.syncs.busy() && !r.progress.Visible() && !r.syncButton.Disabled()
	})
	f.noDialog(t, "after cancelling")
	runs, err := f.db.SyncRuns(context.Background(), f.row("Slow form").v.src.ID, 5)
	if err != nil || len(runs) != 1 || runs[0].Status != data.SyncCanceled {
		t.Fatalf("runs after cancel: %+v, %v", runs, err)
	}
	kept := runs[0].Inserted
	if kept <= 0 || kept >= 2500 {
		t.Errorf("a cancelled sync kept %d responses; want the pages committed before Cancel", kept)
	}

	// Sync now again: it resumes from the cursor and the row shows the result.
	f.onUI(func() { test.Tap(f.row("Slow form").syncButton) })
	f.eventually(t, "the finished sync in the row", func() bool {
		r := f.row("Slow form")
		return r != nil && !f.a.syncs.busy() && findLabel(r.content, "just now") &&
			findLabel(r.content, "2,500") && findLabel(r.content, formatInt(2500-kept))
	})
	f.eventually(t, "the status line", func() bool {
		return f.a.status.sync.Text == "Synced just now · "+formatInt(2500-kept)+" new"
	})
}

// formatInt writes n as the English interface does.
func formatInt(n int) string { return numbersFor("en").int(n) }

func TestSources_FailuresShowInRowsAndStatusLine(t *testing.T) {
	tf := fake.NewTypeform("tok-tf-ok-0123456789", "F3")
	defer tf.Close()
	tf.Add(fake.Generate(120, 3, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))...)
	sm := fake.NewSurveyMonkey("tok-sm-revoked-0123", "55")
	defer sm.Close()
	sm.Add(fake.Generate(80, 4, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))...)
	sm.SetToken("rotated-by-the-admin") // the token Verbatim holds no longer works
	down := fake.NewQualtrics("tok-q-0123456789", "SV_3")
	downURL := down.URL
	down.Close() // nothing listens there: the server cannot be reached

	f := newSyncFixture(t)
	f.addSource(t, "Typeform NPS", data.KindTypeform, tf.URL, "F3", "tok-tf-ok-0123456789")
	f.addSource(t, "SurveyMonkey CSAT", data.KindSurveyMonkey, sm.URL, "55", "tok-sm-revoked-0123")
	f.addSource(t, "Qualtrics relationship", data.KindQualtrics, downURL, "SV_3", "tok-q-0123456789")
	f.onUI(func() { f.screen().load() })
	f.eventually(t, "three rows", func() bool { return len(f.screen().byID) == 3 })

	f.onUI(func() { test.Tap(f.screen().syncAll) })
	f.eventually(t, "the round to end", func() bool { return !f.a.syncs.busy() && f.a.syncs.lastRound != nil })
	f.noDialog(t, "after a round with failures")
	f.eventually(t, "each row's outcome", func() bool {
		ok, revoked, offline := f.row("Typeform NPS"), f.row("SurveyMonkey CSAT"), f.row("Qualtrics relationship")
		if ok == nil || revoked == nil || offline == nil {
			return false
		}
		failed := labelWith(revoked.content, "Last sync failed: ")
		unreached := labelWith(offline.content, "Offline: the next sync tries again. ")
		return findLabel(ok.content, "120") && labelWith(ok.content, "Last sync failed") == nil &&
			failed != nil && failed.Importance == widget.DangerImportance &&
			unreached != nil && unreached.Importance == widget.WarningImportance
	})
	f.eventually(t, "the status line", func() bool {
		st := f.a.status
		return st.sync.Text == "Synced just now · 120 new" && st.problem.Visible() && st.problem.Text == "2 sources failed to sync"
	})

	// The network goes: nothing can be reached, and the status line says so calmly.
	tf.Close()
	f.onUI(func() {
		f.a.syncs.start([]*data.Source{f.row("Typeform NPS").v.src, f.row("Qualtrics relationship").v.src}, true)
	})
	f.eventually(t, "the offline status line", func() bool {
		st := f.a.status
		return !f.a.syncs.busy() && strings.HasPrefix(st.sync.Text, "Offline — showing cache from ") &&
			st.sync.Importance == widget.WarningImportance && !st.problem.Visible()
	})
	f.noDialog(t, "while offline")
	// The row still says what its last good sync brought: 120 responses, 120 new.
	f.eventually(t, "the unreached row's last good sync", func() bool {
		r := f.row("Typeform NPS")
		return r != nil && labelWith(r.content, "Offline: the next sync tries again. ") != nil && countLabels(r.content, "120") == 2
	})
}

// countLabels counts the visible labels under o whose text is text.
func countLabels(o fyne.CanvasObject, text string) int {
	n := 0
	find(o, func(c fyne.CanvasObject) bool {
		if l, ok := c.(*widget.Label); ok && l.Visible() && l.Text == text {
			n++
		}
		return false
	})
	return n
}

func TestSyncControl_Describe(t *testing.T) {
	f := newShellFixture(t, 10, Options{StartScreen: screenSettings, Lang: "en"})
	now := time.Date(2026, 3, 4, 14, 10, 0, 0, time.Local)
	lastSync := time.Date(2026, 3, 4, 14, 5, 0, 0, time.Local)
	cache := data.CacheStats{Responses: 10, Sources: 3, LastSyncAt: lastSync, NewInLast: 7}
	failedCache := cache
	failedCache.LastError = "Typeform form \"F1\": cannot reach the server"
	tests := []struct {
		name        string
		round       *syncRound
		imported    *syncRound
		cache       data.CacheStats
		sync        string
		warn        bool
		problem     string // "" when hidden
		beforeFirst bool
	}{
		{name: "OK", round: &syncRound{ok: 3, inserted: 12, finished: now.Add(-4 * time.Minute)}, cache: cache,
			sync: "Synced 4 min ago · 12 new"},
		{name: "SomeFailed", round: &syncRound{ok: 1, failed: 1, offline: 1, inserted: 1, finished: now}, cache: cache,
			sync: "Synced just now · 1 new", problem: "2 sources failed to sync"},
		{name: "Offline", round: &syncRound{offline: 3, finished: now}, cache: cache,
			sync: "Offline — showing cache from Mar 4, 2026 14:05", warn: true},
		{name: "OfflineAndRefused", round: &syncRound{offline: 2, failed: 1, finished: now}, cache: cache,
			sync: "Offline — showing cache from Mar 4, 2026 14:05", warn: true, problem: "1 source failed to sync"},
		{name: "AllRefused", round: &syncRound{failed: 2, finished: now}, cache: cache,
			sync: "Showing cache from Mar 4, 2026 14:05", problem: "2 sources failed to sync"},
		{name: "ImportedSinceSync", round: &syncRound{ok: 1, inserted: 5, finished: now.Add(-time.Hour)},
			imported: &syncRound{ok: 1, inserted: 3, finished: now.Add(-4 * time.Minute)}, cache: cache,
			sync: "Imported 4 min ago · 3 new"},
		{name: "SyncedSinceImport", round: &syncRound{ok: 1, inserted: 5, finished: now},
			imported: &syncRound{ok: 1, inserted: 3, finished: now.Add(-time.Hour)}, cache: cache,
			sync: "Synced just now · 5 new"},
		{name: "CacheOnly", cache: cache, sync: "Synced 5 min ago · 7 new"},
		{name: "CacheOnlyLastFailed", cache: failedCache, sync: "Offline — showing cache from Mar 4, 2026 14:05", warn: true},
		{name: "NeverSynced", cache: data.CacheStats{Responses: 10, Sources: 1}, sync: "Not synced yet: showing the local cache"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f.onUI(func() {
				f.a.syncs.lastRound, f.a.syncs.lastImport = tc.round, tc.imported
				f.a.status.show(tc.cache, now)
				st := f.a.status
				if st.sync.Text != tc.sync {
					t.Errorf("status %q, want %q", st.sync.Text, tc.sync)
				}
				if warn := st.sync.Importance == widget.WarningImportance; warn != tc.warn {
					t.Errorf("warning importance %v, want %v", warn, tc.warn)
				}
				problem := ""
				if st.problem.Visible() {
					problem = st.problem.Text
				}
				if problem != tc.problem {
					t.Errorf("problem %q, want %q", problem, tc.problem)
				}
			})
		})
	}
}

func TestSources_Schedule(t *testing.T) {
	srv := fake.NewTypeform("tok-schedule-0123456789", "F4")
	defer srv.Close()
	srv.Add(fake.Generate(40, 5, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))...)
	f := newSyncFixture(t)
	f.addSource(t, "Scheduled", data.KindTypeform, srv.URL, "F4", "tok-schedule-0123456789")

	// The picker saves the choice and starts the schedule; Off stops it.
	f.onUI(func() {
		pick, _ := find(f.a.body, func(o fyne.CanvasObject) bool {
			s, ok := o.(*widget.Select)
			return ok && len(s.Options) == len(syncSchedules)
		}).(*widget.Select)
		if pick == nil || pick.Selected != "Off" {
			t.Fatalf("schedule picker: %v", pick)
		}
		pick.SetSelected("Every 15 minutes")
		if got := f.a.prefs.String(prefSyncSchedule); got != "15m" || f.a.syncs.schedule == nil {
			t.Errorf("schedule saved as %q, running %v", got, f.a.syncs.schedule != nil)
		}
		pick.SetSelected("Off")
		if got := f.a.prefs.String(prefSyncSchedule); got != "off" || f.a.syncs.schedule != nil {
			t.Errorf("schedule saved as %q, running %v", got, f.a.syncs.schedule != nil)
		}
	})

	// A short schedule syncs in the background with nobody asking, and again later.
	f.onUI(func() {
		f.a.syncs.startDelay = 0
		f.a.syncs.setSchedule(150 * time.Millisecond)
	})
	f.eventually(t, "a scheduled sync", func() bool {
		r := f.a.syncs.lastRound
		return r != nil && r.scheduled && r.ok == 1 && f.a.status.sync.Text == "Synced just now · 40 new"
	})
	srv.Add(fake.Generate(3, 6, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))...)
	f.eventually(t, "the next scheduled sync to fetch the new responses", func() bool {
		return f.responses("Scheduled") == 43
	})
	f.onUI(func() { f.a.syncs.setSchedule(0) })
	f.eventually(t, "the last scheduled round to end", func() bool { return !f.a.syncs.busy() })
	f.noDialog(t, "after scheduled syncs")

	// Ctrl+R on the Sources screen syncs everything at once.
	srv.Add(fake.Generate(2, 7, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))...)
	f.onUI(func() { f.a.win.Canvas().(fyne.Shortcutable).TypedShortcut(syncAllShortcut) })
	f.eventually(t, "the sync Ctrl+R started", func() bool {
		r := f.a.syncs.lastRound
		return r != nil && !r.scheduled && f.responses("Scheduled") == 45
	})
}

func TestSources_FolderFiles(t *testing.T) {
	dir := t.TempDir()
	good := "score,comment,date\n9,Quick delivery,2026-01-05\n3,Too slow,2026-01-06\n"
	if err := os.WriteFile(filepath.Join(dir, "good.csv"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.csv"), []byte("score,comment\n\"9,unterminated\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "good.csv"), old, old)
	os.Chtimes(filepath.Join(dir, "broken.csv"), old, old)
	f := newSyncFixture(t)

	// Add the folder through the dialog, then sync it.
	f.onUI(func() {
		s := f.screen()
		s.edit(nil)
		s.form.kind.SetSelected("Watched folder")
		test.Type(s.form.name, "Exports")
		test.Type(s.form.path, dir)
		test.Tap(s.form.save)
	})
	f.eventually(t, "the folder's row listing its new files", func() bool {
		r := f.row("Exports")
		return r != nil && findLabel(r.content, "good.csv") && findLabel(r.content, "broken.csv") &&
			findLabel(r.content, "New: the next sync imports it")
	})
	f.onUI(func() { test.Tap(f.row("Exports").syncButton) })
	f.eventually(t, "the folder's last import and its error", func() bool {
		r := f.row("Exports")
		if r == nil || f.a.syncs.busy() {
			return false
		}
		failed := labelWith(r.content, "Last sync failed: ")
		refused := labelWith(r.content, "Not imported: see the error above")
		return failed != nil && strings.Contains(failed.Text, "broken.csv") && refused != nil &&
			refused.Importance == widget.DangerImportance && labelWith(r.content, "Imported · modified ") != nil
	})
	f.noDialog(t, "after a folder sync with a bad file")
	if n := f.responses("Exports"); n != 2 {
		t.Errorf("the folder brought %d responses, want the good file's 2", n)
	}
}
