package formats

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

// fakeStore keeps sources and responses in maps. Its bulk writer stages writes and applies
// them only on Commit, like a transaction.
type fakeStore struct {
	sources   map[string]*data.Source
	nextID    int64
	responses map[int64]map[string]*data.Response // source id → external id → response
	failWrite error                               // Write fails with this when set
	commits   int
}

func newFakeStore() *fakeStore {
	return &fakeStore{sources: map[string]*data.Source{}, responses: map[int64]map[string]*data.Response{}}
}

func (s *fakeStore) SourceByName(_ context.Context, name string) (*data.Source, error) {
	if src, ok := s.sources[name]; ok {
		c := *src
		return &c, nil
	}
	return nil, data.Errorf(data.ENOTFOUND, "there is no source called %q", name)
}

func (s *fakeStore) EnsureSource(ctx context.Context, name, kind string) (*data.Source, error) {
	if src, err := s.SourceByName(ctx, name); err == nil {
		return src, nil
	}
	s.nextID++
	s.sources[name] = &data.Source{ID: s.nextID, Name: name, Kind: kind}
	return s.SourceByName(ctx, name)
}

func (s *fakeStore) UpdateSource(_ context.Context, src *data.Source) error {
	c := *src
	s.sources[src.Name] = &c
	return nil
}

func (s *fakeStore) DeleteSource(_ context.Context, id int64) error {
	for name, src := range s.sources {
		if src.ID == id {
			delete(s.sources, name)
		}
	}
	delete(s.responses, id)
	return nil
}

func (s *fakeStore) BeginBulk(_ context.Context, sourceID int64) (data.BulkWriter, error) {
	return &fakeWriter{s: s, source: sourceID, staged: map[string]*data.Response{}}, nil
}

func (s *fakeStore) count() int {
	n := 0
	for _, m := range s.responses {
		n += len(m)
	}
	return n
}

type fakeWriter struct {
	s      *fakeStore
	source int64
	staged map[string]*data.Response
}

func (w *fakeWriter) Write(_ context.Context, rs []*data.Response) (data.UpsertResult, error) {
	var res data.UpsertResult
	if w.s.failWrite != nil {
		return res, w.s.failWrite
	}
	for _, r := range rs {
		if r.ExternalID == "" || r.CreatedAt.IsZero() || r.SurveyType == "" {
			return res, errors.New("invalid response")
		}
		old := w.staged[r.ExternalID]
		if old == nil {
			old = w.s.responses[w.source][r.ExternalID]
		}
		switch {
		case old == nil:
			res.Inserted++
		case reflect.DeepEqual(old, r):
			res.Unchanged++
		default:
			res.Updated++
		}
		w.staged[r.ExternalID] = r
	}
	return res, nil
}

func (w *fakeWriter) SetCursor(string) {}

func (w *fakeWriter) Commit() error {
	m := w.s.responses[w.source]
	if m == nil {
		m = map[string]*data.Response{}
		w.s.responses[w.source] = m
	}
	for id, r := range w.staged {
		m[id] = r
	}
	w.s.commits++
	return nil
}

func (w *fakeWriter) Rollback() error { w.staged = nil; return nil }

func fixture(name string) string { return filepath.Join("/work/shared/fixtures", name) }

func TestImport(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		store := newFakeStore()
		var last Progress
		calls := 0
		res, err := Import(ctx, store, fixture("sample_qualtrics_v3.csv"), Options{}, func(p Progress) { last = p; calls++ })
		if err != nil {
			t.Fatal(err)
		}
		if res.Format != FormatQualtrics || res.Source != "sample_qualtrics_v3 (Qualtrics)" {
			t.Errorf("format %q source %q", res.Format, res.Source)
		}
		if res.Read != 40 || res.Inserted != 33 || res.Updated != 0 || res.Skipped.Total() != 7 {
			t.Errorf("read %d inserted %d updated %d skipped %d; want 40, 33, 0, 7", res.Read, res.Inserted, res.Updated, res.Skipped.Total())
		}
		if calls == 0 || last.Bytes != last.Total || last.Total == 0 || last.Rows != 33 {
			t.Errorf("last progress %+v after %d calls; want all bytes and 33 rows", last, calls)
		}
		src := store.sources[res.Source]
		if src.Kind != data.KindFile || src.LastSyncAt.IsZero() || src.Config["format"] != FormatQualtrics {
			t.Errorf("source after import: %+v", src)
		}
		if store.count() != 33 {
			t.Errorf("store holds %d responses, want 33", store.count())
		}
	})

	t.Run("ReimportInsertsNothing", func(t *testing.T) {
		for _, f := range []string{"sample_qualtrics_v3.csv", "sample_googleforms.csv", "sample_delighted.json",
			"sample_surveymonkey.csv", "sample_typeform.csv"} {
			store := newFakeStore()
			first, err := Import(ctx, store, fixture(f), Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Import(ctx, store, fixture(f), Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if again.Inserted != 0 || again.Updated != 0 || again.Unchanged != first.Inserted {
				t.Errorf("%s again: %+v; want everything unchanged (%d)", f, again.UpsertResult, first.Inserted)
			}
		}
	})

	t.Run("DelightedKind", func(t *testing.T) {
		store := newFakeStore()
		res, err := Import(ctx, store, fixture("sample_delighted.json"), Options{Source: "Archive"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Source != "Archive" || store.sources["Archive"].Kind != data.KindDelighted || res.Inserted != 30 {
			t.Errorf("result %+v, source %+v", res, store.sources["Archive"])
		}
	})

	t.Run("ErrTruncatedLeavesStoreAsBefore", func(t *testing.T) {
		store := newFakeStore()
		if _, err := Import(ctx, store, fixture("sample_typeform.csv"), Options{Source: "Mixed"}, nil); err != nil {
			t.Fatal(err)
		}
		before := store.count()
		body, _ := os.ReadFile(fixture("sample_qualtrics_v3.csv"))
		bad := writeTemp(t, "cut.csv", string(body[:len(body)-60]))
		_, err := Import(ctx, store, bad, Options{}, nil)
		if err == nil || !strings.Contains(err.Error(), "cut.csv line 49") || data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("error %v; want cut.csv line 49, invalid", err)
		}
		if _, ok := store.sources["cut (Qualtrics)"]; ok {
			t.Error("the source created for the failing file is still there")
		}
		// Into an existing source: the source stays, its responses are untouched.
		_, err = Import(ctx, store, bad, Options{Source: "Mixed"}, nil)
		if err == nil || store.count() != before || store.sources["Mixed"] == nil {
			t.Errorf("error %v, %d responses (want %d), source %v", err, store.count(), before, store.sources["Mixed"])
		}
	})

	t.Run("ErrStrict", func(t *testing.T) {
		store := newFakeStore()
		f := writeTemp(t, "strict.csv", "#,How likely are you to recommend us?,Why?,Submit Date (UTC)\n"+
			"a1,9,Great,2026-01-01 10:00:00\na2,ten,Meh,2026-01-02 10:00:00\n")
		res, err := Import(ctx, store, f, Options{}, nil)
		if err != nil || res.Inserted != 1 || res.Skipped[skipScoreNaN].Lines[0] != 3 {
			t.Fatalf("lenient: %v %+v", err, res)
		}
		store = newFakeStore()
		_, err = Import(ctx, store, f, Options{Strict: true}, nil)
		if err == nil || err.Error() != `strict.csv line 3: score "ten" is not a number` || store.count() != 0 {
			t.Errorf("strict: %v, %d stored", err, store.count())
		}
	})

	t.Run("ErrWriteFails", func(t *testing.T) {
		store := newFakeStore()
		store.failWrite = errors.New("disk full")
		_, err := Import(ctx, store, fixture("sample_surveymonkey.csv"), Options{}, nil)
		if err == nil || !strings.Contains(err.Error(), "disk full") || len(store.sources) != 0 {
			t.Errorf("error %v, sources %v", err, store.sources)
		}
	})

	t.Run("ErrCanceled", func(t *testing.T) {
		store := newFakeStore()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := Import(cctx, store, fixture("sample_surveymonkey.csv"), Options{}, nil)
		if !errors.Is(err, context.Canceled) || store.commits != 0 {
			t.Errorf("error %v, %d commits", err, store.commits)
		}
	})

	t.Run("ErrMissingFile", func(t *testing.T) {
		_, err := Import(ctx, newFakeStore(), filepath.Join(t.TempDir(), "nope.csv"), Options{}, nil)
		if data.ErrorCode(err) != data.ENOTFOUND || !strings.HasSuffix(err.Error(), "nope.csv does not exist") {
			t.Errorf("error %v", err)
		}
	})

	t.Run("ErrFolder", func(t *testing.T) {
		_, err := Import(ctx, newFakeStore(), t.TempDir(), Options{}, nil)
		if data.ErrorCode(err) != data.EINVALID {
			t.Errorf("error %v", err)
		}
	})
}

func TestSourceName(t *testing.T) {
	cases := []struct{ format, path, want string }{
		{FormatQualtrics, "/tmp/NPS survey_March 4, 2026_10.15.csv", "NPS survey (Qualtrics)"},
		{FormatQualtrics, "NPS survey (1).csv", "NPS survey (Qualtrics)"},
		{FormatGoogleForms, "Encuesta (respuestas) - Respuestas de formulario 1.csv", "Encuesta (respuestas) - Respuestas de formulario (Google Forms)"},
		{FormatTypeform, "responses-2026-03-01T10-00-00.csv", "responses (Typeform)"},
		{FormatCSV, "2026-03-01.csv", "2026-03-01 (CSV)"},
		{FormatDelighted, "sample_delighted.json", "sample_delighted (Delighted)"},
		{FormatQualtrics, "sample_qualtrics_v3.csv", "sample_qualtrics_v3 (Qualtrics)"},
	}
	for _, c := range cases {
		if got := SourceName(c.format, c.path); got != c.want {
			t.Errorf("SourceName(%q, %q) = %q, want %q", c.format, c.path, got, c.want)
		}
	}
}

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
