package wall

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
	"github.com/verbatim-app/verbatim/data/sqlite"
	"github.com/verbatim-app/verbatim/data/syncer"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

// store is a real database whose reads can be made to fail like a busy one, or to panic.
type store struct {
	*sqlite.DB
	mode atomic.Int32 // modeOK, modeBusy or modePanic
}

const (
	modeOK int32 = iota
	modeBusy
	modePanic
)

func (s *store) check() error {
	switch s.mode.Load() {
	case modeBusy:
		// What the store returns once SQLite's busy timeout ran out under a writer.
		return data.Errorf(data.EUNAVAILABLE, "database %s is busy (another Verbatim is writing to it); try again in a moment", s.Path())
	case modePanic:
		panic("a bug in a query")
	}
	return nil
}

func (s *store) Reports(ctx context.Context, q data.ReportQuery) ([]*data.Report, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	return s.DB.Reports(ctx, q)
}

func (s *store) FindComments(ctx context.Context, f data.CommentFilter, after *data.Cursor, limit int) (data.CommentPage, error) {
	if err := s.check(); err != nil {
		return data.CommentPage{}, err
	}
	return s.DB.FindComments(ctx, f, after, limit)
}

func (s *store) CacheStats(ctx context.Context) (data.CacheStats, error) {
	if err := s.check(); err != nil {
		return data.CacheStats{}, err
	}
	return s.DB.CacheStats(ctx)
}

// fixture is a wall on a temporary database and a fake clock.
type fixture struct {
	t     *testing.T
	db    *store
	clock *FakeClock
	src   *data.Source
	wall  *Wall
	n     int // responses written
	logMu sync.Mutex
	logs  []string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "wall.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	src, err := db.EnsureSource(context.Background(), "Survey export", data.KindFile)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Truncate(time.Second)
	return &fixture{t: t, db: &store{DB: db}, clock: NewFakeClock(now), src: src}
}

// start runs a wall with cfg on the fixture's store and clock, and lets it read the cache.
func (f *fixture) start(cfg Config) {
	f.t.Helper()
	cfg.Clock = f.clock
	cfg.Logf = func(format string, args ...any) {
		f.logMu.Lock()
		f.logs = append(f.logs, fmt.Sprintf(format, args...))
		f.logMu.Unlock()
	}
	f.wall = New(cfg, Services{Reports: f.db, Comments: f.db, Stats: f.db, Boards: f.db})
	f.wall.Start(nil)
	f.t.Cleanup(f.wall.Stop)
	f.clock.Advance(0)
}

// write adds NPS responses from a day ago with the given scores and comments.
func (f *fixture) write(scores []float64, comment func(i int) string, personal func(r *data.Response)) {
	f.t.Helper()
	ctx := context.Background()
	w, err := f.db.BeginBulk(ctx, f.src.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	var rs []*data.Response
	for _, s := range scores {
		f.n++
		r := &data.Response{ExternalID: fmt.Sprintf("r%d", f.n), Survey: "Relationship NPS", SurveyType: data.TypeNPS,
			ScaleMin: 0, ScaleMax: 10, Score: data.Float(s), CreatedAt: f.clock.Now().Add(-24 * time.Hour)}
		if comment != nil {
			r.Comment = comment(f.n)
		}
		if personal != nil {
			personal(r)
		}
		rs = append(rs, r)
	}
	if _, err := w.Write(ctx, rs); err != nil {
		w.Rollback()
		f.t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) log() string {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	return strings.Join(f.logs, "\n")
}

func TestWall_RefreshPicksUpNewRows(t *testing.T) {
	f := newFixture(t)
	f.write([]float64{10, 9, 2}, func(i int) string { return fmt.Sprintf("comment %d", i) }, nil)
	f.start(Config{Refresh: 5 * time.Minute})
	started := f.clock.Now()

	s := f.wall.State()
	if !s.Loaded || s.Empty() || s.Report.Responses != 3 || s.Report.SurveyType != data.TypeNPS {
		t.Fatalf("first read: %+v, want an NPS report of 3 responses", s.Report)
	}
	if !s.Updated.Equal(started) || s.Stale || s.Offline {
		t.Fatalf("first read: updated %v stale %v offline %v, want updated now, fresh, online", s.Updated, s.Stale, s.Offline)
	}
	if len(s.Positive) != 2 || len(s.Negative) != 1 {
		t.Fatalf("latest comments: %d positive, %d negative; want 2 and 1", len(s.Positive), len(s.Negative))
	}

	f.write([]float64{0, 1}, func(i int) string { return fmt.Sprintf("new complaint %d", i) }, nil)
	f.clock.Advance(5*time.Minute - time.Second)
	if s := f.wall.State(); s.Report.Responses != 3 {
		t.Fatalf("before the refresh is due: %d responses, want still 3", s.Report.Responses)
	}
	f.clock.Advance(time.Second)
	s = f.wall.State()
	if s.Report.Responses != 5 || s.Report.Detractors != 3 {
		t.Fatalf("after the refresh: %d responses, %d detractors; want 5 and 3", s.Report.Responses, s.Report.Detractors)
	}
	if !s.Updated.Equal(started.Add(5 * time.Minute)) {
		t.Errorf("Updated %v, want %v", s.Updated, started.Add(5*time.Minute))
	}
	if len(s.Negative) != 3 || s.Negative[0].Text != "new complaint 5" {
		t.Errorf("latest negative comments %+v, want the new ones first", s.Negative)
	}
}

func TestWall_LatestCommentsAreMasked(t *testing.T) {
	f := newFixture(t)
	f.write([]float64{10}, func(int) string { return "Maria here, call me on +34 612 345 678 or maria@example.com" },
		func(r *data.Response) { r.RespondentName, r.RespondentEmail = "María Pérez", "mperez@example.com" })
	f.start(Config{})
	got := f.wall.State().Positive
	if len(got) != 1 || got[0].Text != "••• here, call me on ••• or •••" || got[0].Name != "" {
		t.Fatalf("safe mode shows %+v", got)
	}

	g := newFixture(t)
	g.write([]float64{10}, func(int) string { return "Maria here" }, func(r *data.Response) { r.RespondentName = "María Pérez" })
	g.start(Config{ShowPersonal: true})
	if got := g.wall.State().Positive; got[0].Text != "Maria here" || got[0].Name != "María Pérez" {
		t.Fatalf("--safe=false shows %+v, want the comment and the name", got)
	}
}

func TestWall_ShortCommentsFirst(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("very long comment ", 20)
	f.write([]float64{10, 10, 10}, func(i int) string {
		if i == 3 {
			return long // the newest
		}
		return fmt.Sprintf("short %d", i)
	}, nil)
	f.start(Config{})
	got := f.wall.State().Positive
	if len(got) != 3 || got[0].Text != "short 2" || got[1].Text != "short 1" || got[2].Text != strings.TrimSpace(long) {
		t.Fatalf("positive comments %q, want the short ones newest first, then the long one", []string{got[0].Text, got[1].Text, got[2].Text})
	}
}

func TestWall_EmptyCache(t *testing.T) {
	f := newFixture(t)
	f.start(Config{Rotate: 10 * time.Second})
	s := f.wall.State()
	if !s.Loaded || !s.Empty() || s.Stale || s.Updated.IsZero() {
		t.Fatalf("empty cache: loaded %v empty %v stale %v updated %v; want loaded, empty, fresh", s.Loaded, s.Empty(), s.Stale, s.Updated)
	}
	for range 6 {
		f.clock.Advance(10 * time.Second)
		if p := f.wall.State().Panel; p == PanelBoard {
			t.Fatal("the board panel rotates in with no board to show")
		}
	}
	if f.log() != "" {
		t.Errorf("an empty cache logged problems:\n%s", f.log())
	}
}

func TestWall_BoardFromDatabase(t *testing.T) {
	f := newFixture(t)
	f.write([]float64{10, 1}, func(i int) string { return fmt.Sprintf("Ana said %d", i) }, func(r *data.Response) { r.RespondentName = "Ana" })
	ctx := context.Background()
	older, _ := f.db.CreateBoard(ctx, "Week 9")
	newer, _ := f.db.CreateBoard(ctx, "Week 10")
	found, _ := f.db.FindResponses(ctx, data.ResponseFilter{Limit: 10})
	for _, r := range found {
		side := data.SideNegative
		if *r.Score > 5 {
			side = data.SidePositive
		}
		if err := f.db.PinCard(ctx, newer.ID, r.ID, side); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("Newest", func(t *testing.T) {
		f.start(Config{})
		b := f.wall.State().Board
		if b == nil || b.Name != "Week 10" || len(b.Positive) != 1 || len(b.Negative) != 1 {
			t.Fatalf("board %+v, want Week 10 with one card a side", b)
		}
		if b.Positive[0].Text != "••• said 1" {
			t.Errorf("card text %q, want the name masked", b.Positive[0].Text)
		}
	})
	t.Run("ByName", func(t *testing.T) {
		f.start(Config{BoardName: older.Name})
		if b := f.wall.State().Board; b == nil || b.Name != "Week 9" {
			t.Fatalf("board %+v, want Week 9", b)
		}
	})
	t.Run("NameNotThereYet", func(t *testing.T) {
		f.start(Config{BoardName: "Week 11", Panels: []Panel{PanelBoard, PanelScore}})
		s := f.wall.State()
		if s.Board != nil || s.BoardWaiting != "Week 11" || s.Panel != PanelBoard {
			t.Fatalf("board %+v waiting %q panel %s; want a waiting board panel", s.Board, s.BoardWaiting, s.Panel)
		}
		if _, err := f.db.CreateBoard(ctx, "Week 11"); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(DefaultRefresh)
		if s := f.wall.State(); s.Board == nil || s.Board.Name != "Week 11" || s.BoardWaiting != "" {
			t.Fatalf("after the board was made: board %+v waiting %q", s.Board, s.BoardWaiting)
		}
	})
}

// writeBoardFile writes a board file of the given name with one positive card.
func writeBoardFile(t *testing.T, path, name, comment string) {
	t.Helper()
	when := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := &data.BoardSnapshot{Name: name, CreatedAt: when, Cards: []*data.SnapshotCard{{
		Side: data.SidePositive, PinnedAt: when, Source: "NPS",
		Response: &data.Response{ExternalID: "x1", SurveyType: data.TypeNPS, ScaleMax: 10, Score: data.Float(10),
			Comment: comment, RespondentName: "Zoe Quinn", CreatedAt: when},
	}}}
	var buf bytes.Buffer
	if err := boardfile.Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWall_BoardFileReload(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "week"+boardfile.Extension)
	f.start(Config{BoardFile: path, Panels: []Panel{PanelBoard}})
	board := func() string {
		s := f.wall.State()
		if s.Board == nil {
			return "waiting for " + s.BoardWaiting
		}
		return s.Board.Name + ": " + s.Board.Positive[0].Text
	}
	step := func(want string) {
		t.Helper()
		f.clock.Advance(DefaultBoardPoll)
		if got := board(); got != want {
			t.Fatalf("board %q, want %q", got, want)
		}
	}
	if got := board(); got != "waiting for week"+boardfile.Extension {
		t.Fatalf("before the file exists: %q", got)
	}
	writeBoardFile(t, path, "Week 10", "Zoe loved it")
	step("Week 10: ••• loved it")

	writeBoardFile(t, path, "Week 11", "Zoe loved it") // same size, same second
	step("Week 11: ••• loved it")

	full, _ := os.ReadFile(path)
	if err := os.WriteFile(path, full[:len(full)/2], 0o644); err != nil { // a copy under way
		t.Fatal(err)
	}
	step("Week 11: ••• loved it")
	if !strings.Contains(f.log(), "truncated") {
		t.Errorf("a half-copied file was not logged:\n%s", f.log())
	}

	writeBoardFile(t, path, "Week 12", "all good")
	step("Week 12: all good")

	if err := os.Remove(path); err != nil { // replaced by delete and copy
		t.Fatal(err)
	}
	step("Week 12: all good")
	writeBoardFile(t, path, "Week 13", "back")
	step("Week 13: back")
}

// flaky is a fake Typeform API that can be taken down.
type flaky struct {
	*fake.Server
	down atomic.Bool
}

func newFlaky(t *testing.T) *flaky {
	f := &flaky{Server: fake.NewTypeform("secret-token", "F0rm1")}
	t.Cleanup(f.Close)
	f.Inject(&fake.Fault{Times: -1, Do: func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if f.down.Load() {
			fake.Status(http.StatusServiceUnavailable, `{"code":"SERVICE_UNAVAILABLE"}`)(w, r, next)
			return
		}
		next.ServeHTTP(w, r)
	}})
	return f
}

func TestWall_OfflineOnSyncFailure(t *testing.T) {
	f := newFixture(t)
	f.write([]float64{9}, nil, nil)
	api := newFlaky(t)
	score := 10
	api.Add(fake.Response{ID: "tf1", Score: &score, Comment: "synced", SubmittedAt: f.clock.Now().Add(-time.Hour).UTC()})
	t.Setenv("WALL_TEST_TOKEN", "secret-token")
	ctx := context.Background()
	if err := f.db.CreateSource(ctx, &data.Source{Name: "typeform", Kind: data.KindTypeform, Config: map[string]string{
		syncer.ConfigSurvey: "F0rm1", syncer.ConfigURL: api.URL, syncer.ConfigTokenEnv: "WALL_TEST_TOKEN"}}); err != nil {
		t.Fatal(err)
	}
	engine := &syncer.Engine{Store: f.db.DB, Connectors: syncer.NewConnectors(&syncer.Client{MaxAttempts: 1}),
		Secrets: &syncer.Secrets{Dir: t.TempDir()}}

	api.down.Store(true)
	f.start(Config{Sync: engine, Refresh: time.Minute})
	s := f.wall.State()
	if !s.Offline {
		t.Fatal("no offline badge after the sync failed")
	}
	if s.Report == nil || s.Report.Responses != 1 || s.Stale {
		t.Fatalf("offline: report %+v stale %v, want the cache (1 response) still shown", s.Report, s.Stale)
	}
	if !strings.Contains(f.log(), `sync of source "typeform" failed`) || strings.Contains(f.log(), "secret-token") {
		t.Errorf("log should name the failed source and never the token:\n%s", f.log())
	}

	api.down.Store(false)
	f.clock.Advance(time.Minute)
	s = f.wall.State()
	if s.Offline {
		t.Fatal("still offline after a sync succeeded")
	}
	if s.Report.Responses != 2 || !s.DataFrom.Equal(f.clock.Now()) {
		t.Fatalf("after the sync: %d responses, data from %v; want 2, from now", s.Report.Responses, s.DataFrom)
	}

	api.down.Store(true)
	f.clock.Advance(time.Minute)
	if s := f.wall.State(); !s.Offline || !s.DataFrom.Equal(f.clock.Now().Add(-time.Minute)) {
		t.Fatalf("down again: offline %v, data from %v; want offline with data from the last good sync", s.Offline, s.DataFrom)
	}
}

func TestWall_BusyDatabase(t *testing.T) {
	f := newFixture(t)
	f.write([]float64{10, 3}, func(i int) string { return fmt.Sprintf("c%d", i) }, nil)
	f.start(Config{Refresh: time.Minute})
	good := f.wall.State()

	f.db.mode.Store(modeBusy)
	f.clock.Advance(time.Minute)
	s := f.wall.State()
	if !s.Stale || s.Report == nil || s.Report.Responses != 2 || len(s.Positive) != 1 || !s.Updated.Equal(good.Updated) {
		t.Fatalf("busy: stale %v report %+v updated %v; want the last good data from %v marked stale", s.Stale, s.Report, s.Updated, good.Updated)
	}
	if !strings.Contains(f.log(), "is busy") {
		t.Errorf("a busy database was not logged:\n%s", f.log())
	}

	f.db.mode.Store(modePanic)
	f.clock.Advance(time.Minute)
	if !strings.Contains(f.log(), "recovered from a panic") {
		t.Fatalf("a panic in a refresh was not recovered and logged:\n%s", f.log())
	}

	f.db.mode.Store(modeOK)
	f.write([]float64{8}, nil, nil)
	f.clock.Advance(time.Minute)
	if s := f.wall.State(); s.Stale || s.Report.Responses != 3 || !s.Updated.Equal(f.clock.Now()) {
		t.Fatalf("after the writer finished: stale %v, %d responses; want fresh data of 3", s.Stale, s.Report.Responses)
	}
}

// TestWall_ConcurrentImport reads the cache while another connection imports into it, as
// the TV does while someone runs verbatim import: WAL lets every read through.
func TestWall_ConcurrentImport(t *testing.T) {
	f := newFixture(t)
	f.write([]float64{7}, nil, nil)
	f.start(Config{Refresh: time.Minute})
	other, err := sqlite.Open(f.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	done := make(chan error)
	go func() {
		ctx := context.Background()
		for batch := range 20 {
			w, err := other.BeginBulk(ctx, f.src.ID)
			if err != nil {
				done <- err
				return
			}
			var rs []*data.Response
			for i := range 50 {
				rs = append(rs, &data.Response{ExternalID: fmt.Sprintf("bulk-%d-%d", batch, i), SurveyType: data.TypeNPS, ScaleMax: 10,
					Score: data.Float(float64(i % 11)), Comment: "bulk", CreatedAt: f.clock.Now().Add(-time.Hour)})
			}
			if _, err := w.Write(ctx, rs); err != nil {
				w.Rollback()
				done <- err
				return
			}
			if err := w.Commit(); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for {
		f.clock.Advance(time.Minute)
		if s := f.wall.State(); s.Stale {
			t.Fatalf("a read failed during the import:\n%s", f.log())
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(time.Minute)
			if n := f.wall.State().Report.Responses; n != 1+20*50 {
				t.Fatalf("after the import: %d responses, want %d", n, 1+20*50)
			}
			return
		default:
		}
	}
}

func TestWall_Stop(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "b"+boardfile.Extension)
	f.start(Config{BoardFile: path, Sync: stubSyncer{}})
	f.wall.Stop()
	if n := f.clock.Pending(); n != 0 {
		t.Fatalf("%d calls still scheduled after Stop", n)
	}
	f.wall.Stop() // twice is harmless
}

type stubSyncer struct{}

func (stubSyncer) Sync(context.Context, []string, syncer.Options) ([]syncer.Result, error) {
	return nil, nil
}
