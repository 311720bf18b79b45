package syncer

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

// memStore is an in-memory Store with the same transaction semantics as the real one: a
// BulkWriter's responses and cursor land together at Commit, or not at all.
type memStore struct {
	mu        sync.Mutex
	sources   []*data.Source
	responses map[int64]map[string]*data.Response // by source ID, then external ID
	runs      []*data.SyncRun
	commits   int
	// failCommit, when set, is called before each commit; an error aborts it.
	failCommit func(n int) error
}

func newMemStore() *memStore {
	return &memStore{responses: map[int64]map[string]*data.Response{}}
}

func (m *memStore) addSource(t testing.TB, name, kind string, config map[string]string) *data.Source {
	t.Helper()
	s := &data.Source{Name: name, Kind: kind, Config: config}
	if err := m.CreateSource(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

func (m *memStore) Sources(ctx context.Context) ([]*data.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*data.Source
	for _, s := range m.sources {
		c := *s
		out = append(out, &c)
	}
	return out, nil
}

func (m *memStore) SourceByName(ctx context.Context, name string) (*data.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.sources {
		if s.Name == name {
			c := *s
			return &c, nil
		}
	}
	return nil, data.Errorf(data.ENOTFOUND, "there is no source called %q", name)
}

func (m *memStore) CreateSource(ctx context.Context, s *data.Source) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s.ID = int64(len(m.sources) + 1)
	c := *s
	m.sources = append(m.sources, &c)
	return nil
}

func (m *memStore) UpdateSource(ctx context.Context, s *data.Source) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, o := range m.sources {
		if o.ID == s.ID {
			c := *s
			m.sources[i] = &c
			return nil
		}
	}
	return data.Errorf(data.ENOTFOUND, "no source %d", s.ID)
}

func (m *memStore) DeleteSource(ctx context.Context, id int64) error {
	return errors.New("not used by the syncer")
}

func (m *memStore) EnsureSource(ctx context.Context, name, kind string) (*data.Source, error) {
	return nil, errors.New("not used by the syncer")
}

func (m *memStore) FindResponses(ctx context.Context, f data.ResponseFilter) ([]*data.Response, error) {
	return nil, errors.New("not used by the syncer")
}

func (m *memStore) CountResponses(ctx context.Context, f data.ResponseFilter) (int, error) {
	return 0, errors.New("not used by the syncer")
}

func (m *memStore) BeginBulk(ctx context.Context, sourceID int64) (data.BulkWriter, error) {
	return &memWriter{m: m, source: sourceID}, nil
}

func (m *memStore) StartSyncRun(ctx context.Context, r *data.SyncRun) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r.ID = int64(len(m.runs) + 1)
	c := *r
	m.runs = append(m.runs, &c)
	return nil
}

func (m *memStore) FinishSyncRun(ctx context.Context, r *data.SyncRun) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := *r
	m.runs[r.ID-1] = &c
	for _, s := range m.sources {
		if s.ID != r.SourceID {
			continue
		}
		switch r.Status {
		case data.SyncOK:
			s.LastSyncAt, s.LastError = r.FinishedAt, ""
		case data.SyncFailed:
			s.LastError = r.Error
		}
	}
	return nil
}

func (m *memStore) SyncRuns(ctx context.Context, sourceID int64, limit int) ([]*data.SyncRun, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*data.SyncRun
	for i := len(m.runs) - 1; i >= 0 && len(out) < limit; i-- {
		if m.runs[i].SourceID == sourceID {
			c := *m.runs[i]
			out = append(out, &c)
		}
	}
	return out, nil
}

// source returns the stored copy of a source.
func (m *memStore) source(t testing.TB, name string) *data.Source {
	t.Helper()
	s, err := m.SourceByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ids returns the external IDs stored for a source, sorted.
func (m *memStore) ids(sourceID int64) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for id := range m.responses[sourceID] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func (m *memStore) response(sourceID int64, externalID string) *data.Response {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.responses[sourceID][externalID]
}

type memWriter struct {
	m      *memStore
	source int64
	staged []*data.Response
	cursor *string
	done   bool
}

func (w *memWriter) Write(ctx context.Context, rs []*data.Response) (data.UpsertResult, error) {
	var res data.UpsertResult
	w.m.mu.Lock()
	defer w.m.mu.Unlock()
	for _, r := range rs {
		if r.SourceID != w.source {
			return res, errors.New("response of another source in a bulk write")
		}
		old := w.m.responses[w.source][r.ExternalID]
		switch {
		case old == nil:
			res.Inserted++
		case sameResponse(old, r):
			res.Unchanged++
		default:
			res.Updated++
		}
		c := *r
		w.staged = append(w.staged, &c)
	}
	return res, nil
}

func sameResponse(a, b *data.Response) bool {
	x, y := *a, *b
	x.ID, y.ID = 0, 0
	return reflect.DeepEqual(x.Score, y.Score) && x.Comment == y.Comment && x.SurveyType == y.SurveyType &&
		x.CreatedAt.Equal(y.CreatedAt) && x.UpdatedAt.Equal(y.UpdatedAt) && maps.Equal(x.Properties, y.Properties) &&
		maps.Equal(x.Answers, y.Answers) && x.Survey == y.Survey && x.RespondentEmail == y.RespondentEmail
}

func (w *memWriter) SetCursor(c string) { w.cursor = &c }

func (w *memWriter) Commit() error {
	if w.done {
		return errors.New("writer already finished")
	}
	w.done = true
	w.m.mu.Lock()
	defer w.m.mu.Unlock()
	w.m.commits++
	if w.m.failCommit != nil {
		if err := w.m.failCommit(w.m.commits); err != nil {
			return err
		}
	}
	if w.m.responses[w.source] == nil {
		w.m.responses[w.source] = map[string]*data.Response{}
	}
	for _, r := range w.staged {
		w.m.responses[w.source][r.ExternalID] = r
	}
	if w.cursor != nil {
		for _, s := range w.m.sources {
			if s.ID == w.source {
				s.Cursor = *w.cursor
			}
		}
	}
	return nil
}

func (w *memWriter) Rollback() error {
	w.done = true
	return nil
}
