package syncer

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fault is a failure a fake server injects into matching requests: the first After of them
// pass, then Times of them fail (Times < 0: all the rest).
type fault struct {
	Path   string // substring of the request path; "" matches all
	Method string // "" matches all
	After  int
	Times  int
	Do     func(w http.ResponseWriter, r *http.Request, next http.Handler)

	seen int
}

// injector wraps a fake API with faults and counts requests.
type injector struct {
	mu       sync.Mutex
	faults   []*fault
	next     http.Handler
	requests int
	injected int
}

func (in *injector) add(f *fault) {
	in.mu.Lock()
	in.faults = append(in.faults, f)
	in.mu.Unlock()
}

func (in *injector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	in.mu.Lock()
	in.requests++
	var hit *fault
	for _, f := range in.faults {
		if !strings.Contains(r.URL.Path, f.Path) || (f.Method != "" && f.Method != r.Method) {
			continue
		}
		f.seen++
		if hit == nil && f.seen > f.After && (f.Times < 0 || f.seen <= f.After+f.Times) {
			hit = f
		}
	}
	if hit != nil {
		in.injected++
	}
	in.mu.Unlock()
	if hit != nil {
		hit.Do(w, r, in.next)
		return
	}
	in.next.ServeHTTP(w, r)
}

func (in *injector) counts() (requests, injected int) {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.requests, in.injected
}

// startFake serves h behind an injector.
func startFake(t testing.TB, h http.Handler) (*httptest.Server, *injector) {
	t.Helper()
	in := &injector{next: h}
	srv := httptest.NewServer(in)
	t.Cleanup(srv.Close)
	return srv, in
}

// Fault behaviours.

func status(code int, body string) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		w.Write([]byte(body))
	}
}

func tooMany(retryAfter string) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(http.StatusTooManyRequests)
	}
}

// slow answers after d, or not at all when the client gives up first.
func slow(d time.Duration) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		select {
		case <-time.After(d):
			next.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	}
}

// cut sends the real answer's headers and first half of its body, then drops the connection.
func cut(w http.ResponseWriter, r *http.Request, next http.Handler) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	w.Write(body[:len(body)/2])
	w.(http.Flusher).Flush()
	panic(http.ErrAbortHandler)
}

// fastClient is a Client whose retries do not wait and whose timeout is short.
func fastClient(t testing.TB) *Client {
	t.Helper()
	return &Client{
		Timeout:   2 * time.Second,
		BaseDelay: time.Millisecond,
		MaxDelay:  5 * time.Millisecond,
		Sleep: func(ctx context.Context, d time.Duration) error {
			if d > 50*time.Millisecond {
				d = time.Millisecond // keep server-requested waits short in tests
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(d):
				return nil
			}
		},
		Logf: t.Logf,
	}
}
