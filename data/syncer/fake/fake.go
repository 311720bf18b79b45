// Package fake serves the Qualtrics, Typeform and SurveyMonkey APIs from memory, in their wire
// formats (paths, auth headers, JSON and zip bodies, pagination, rate-limit headers), with
// faults that can be injected into chosen requests. It is for tests and benchmarks, like
// net/http/httptest: start one on 127.0.0.1, point a source's --url at it, and compare the
// cache with the data the fake holds.
package fake

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Response is one survey answer, held platform-neutral and rendered in each platform's format.
type Response struct {
	ID          string
	Score       *int // 0-10 likelihood to recommend; nil when skipped
	Comment     string
	Plan        string // a choice question: Free, Pro, Enterprise
	Region      string // a hidden field / embedded data / custom variable
	Email       string
	SubmittedAt time.Time
	ModifiedAt  time.Time // zero: SubmittedAt
}

func (r *Response) modified() time.Time {
	if r.ModifiedAt.IsZero() {
		return r.SubmittedAt
	}
	return r.ModifiedAt
}

// Fault is a failure injected into matching requests: the first After of them pass, then
// Times of them fail (Times < 0: all the rest).
type Fault struct {
	Path   string // substring of the request path; "" matches all
	Method string // "" matches all
	After  int
	Times  int
	Do     func(w http.ResponseWriter, r *http.Request, next http.Handler)

	seen int
}

// Server is a running fake API. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server
	// Token is the API token the fake accepts.
	Token string
	// Repeat makes every page of responses end with a copy of its first item, as a server
	// whose paging shifted would.
	Repeat bool

	mu        sync.Mutex
	responses []Response
	version   int               // bumped by every change to responses
	sorted    map[string]sorted // orders the handlers page through, rebuilt after changes
	faults    []*Fault
	requests  int
	injected  int
	handler   http.Handler
}

// NewServer serves h behind the fault injector: for tests of HTTP behaviour that need no
// platform, only faults.
func NewServer(h http.Handler) *Server {
	return newServer("", func(*Server) http.Handler { return h })
}

func newServer(token string, h func(s *Server) http.Handler) *Server {
	s := &Server{Token: token}
	s.handler = h(s)
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Add appends responses to the survey.
func (s *Server) Add(rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responses = append(s.responses, rs...)
	s.version++
}

// sorted is a cached ordering of the responses.
type sorted struct {
	version int
	rs      []Response
}

// ordered returns the responses sorted by cmp (stable), cached under key until they change;
// callers must not modify the slice. Paging 100,000 responses must not sort them per page.
func (s *Server) ordered(key string, cmp func(a, b *Response) int) []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.sorted[key]; ok && c.version == s.version {
		return c.rs
	}
	// Sort positions, not the responses: moving 4-byte ints instead of whole structs makes a
	// sort of 100,000 several times cheaper, and the fake shares the benchmark's cores.
	idx := make([]int32, len(s.responses))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return cmp(&s.responses[a], &s.responses[b]) })
	rs := make([]Response, len(idx))
	for i, j := range idx {
		rs[i] = s.responses[j]
	}
	if s.sorted == nil {
		s.sorted = map[string]sorted{}
	}
	s.sorted[key] = sorted{version: s.version, rs: rs}
	return rs
}

// Update replaces the response with r's ID, as an edit on the platform would; it reports
// whether there was one.
func (s *Server) Update(r Response) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.responses {
		if s.responses[i].ID == r.ID {
			s.responses[i] = r
			s.version++
			return true
		}
	}
	return false
}

// Responses returns a copy of the survey's responses.
func (s *Server) Responses() []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Response(nil), s.responses...)
}

// SetToken changes the accepted token: requests with the old one are now refused.
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	s.Token = token
	s.mu.Unlock()
}

// Inject adds a fault.
func (s *Server) Inject(f *Fault) {
	s.mu.Lock()
	s.faults = append(s.faults, f)
	s.mu.Unlock()
}

// Requests returns how many requests the fake received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// Injected returns how many requests met an injected fault.
func (s *Server) Injected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.injected
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	var hit *Fault
	for _, f := range s.faults {
		if !strings.Contains(r.URL.Path, f.Path) || (f.Method != "" && f.Method != r.Method) {
			continue
		}
		f.seen++
		if hit == nil && f.seen > f.After && (f.Times < 0 || f.seen <= f.After+f.Times) {
			hit = f
		}
	}
	if hit != nil {
		s.injected++
	}
	s.mu.Unlock()
	if hit != nil {
		hit.Do(w, r, s.handler)
		return
	}
	s.handler.ServeHTTP(w, r)
}

// settings returns the token and the Repeat setting under the lock.
func (s *Server) settings() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Token, s.Repeat
}

// Status answers with a status code and body.
func Status(code int, body string) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		w.Write([]byte(body))
	}
}

// TooMany answers 429 with a Retry-After header when retryAfter is set.
func TooMany(retryAfter string) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":{"message":"Too many requests were made, try again later."}}`))
	}
}

// Slow answers normally after d, unless the client gives up first.
func Slow(d time.Duration) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			next.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	}
}

// Cut sends the real answer's headers and the first half of its body, then drops the
// connection: a body cut mid-JSON (or mid-zip).
func Cut(w http.ResponseWriter, r *http.Request, next http.Handler) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	w.Write(body[:len(body)/2])
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler)
}

// Generate returns n deterministic responses, one a minute from start: scores spread over
// 0-10 (one in twenty skipped), comments in English, Spanish and Turkish.
func Generate(n int, seed uint64, start time.Time) []Response {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	comments := []string{
		"Great product, but support was slow",
		"El precio es demasiado alto para lo que ofrece",
		"Kurulum çok kolaydı, teşekkürler!",
		"I love the new dashboard; please add exports",
		"La aplicación se cierra cuando subo archivos",
		"Destek ekibi sorunumu hızla çözdü",
		"",
	}
	plans := []string{"Free", "Pro", "Enterprise"}
	regions := []string{"EMEA", "AMER", "APAC"}
	out := make([]Response, n)
	for i := range out {
		r := Response{
			ID:          fmt.Sprintf("s%dn%06d", seed, i),
			Comment:     comments[rng.IntN(len(comments))],
			Plan:        plans[rng.IntN(len(plans))],
			Region:      regions[rng.IntN(len(regions))],
			SubmittedAt: start.Add(time.Duration(i) * time.Minute).UTC(),
		}
		if rng.IntN(20) != 0 {
			s := rng.IntN(11)
			r.Score = &s
		}
		if rng.IntN(3) == 0 {
			r.Email = fmt.Sprintf("person%d@example.org", i)
		}
		out[i] = r
	}
	return out
}

// unauthorized reports whether the request lacks the token; it answers 401 if so.
func unauthorized(w http.ResponseWriter, got, want, body string) bool {
	if got == want && want != "" {
		return false
	}
	Status(http.StatusUnauthorized, body)(w, nil, nil)
	return true
}

func writeJSON(w http.ResponseWriter, v []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(v)))
	w.Write(v)
}
