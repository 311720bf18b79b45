package syncer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

const testToken = "tok_live_0123456789abcdefWXYZ"

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

// recordingClient is a fast Client that records every pause it is asked to make.
func recordingClient(t *testing.T) (*Client, *[]time.Duration) {
	c := fastClient(t)
	var mu sync.Mutex
	var waits []time.Duration
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return c, &waits
}

func okJSON(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		// Echo what was sent, as careless servers do: the client must still mask it.
		fake.Status(http.StatusUnauthorized, `{"description":"bad token `+r.Header.Get("Authorization")+`"}`)(w, r, nil)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"ok":true,"items":["` + strings.Repeat("x", 4096) + `"]}`))
}

func get(t *testing.T, c *Client, url string) error {
	t.Helper()
	var v struct {
		OK bool `json:"ok"`
	}
	_, err := c.GetJSON(context.Background(), &Request{URL: url, What: "test API", Secret: testToken,
		Header: http.Header{"Authorization": {"Bearer " + testToken}}}, &v)
	if err == nil && !v.OK {
		t.Fatal("decoded nothing")
	}
	return err
}

func TestClient_Do(t *testing.T) {
	httpDate := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name     string
		fault    *fake.Fault
		wantErr  string // substring of the error; "" for success
		wantCode string
		wantWait time.Duration // a pause the client must have made (±1s), 0 to skip
	}{
		{name: "OK"},
		{name: "429RetryAfterSeconds", fault: &fake.Fault{Times: 2, Do: fake.TooMany("7")}, wantWait: 7 * time.Second},
		{name: "429RetryAfterDate", fault: &fake.Fault{Times: 1, Do: fake.TooMany(httpDate)}, wantWait: 3 * time.Second},
		{name: "429NoHint", fault: &fake.Fault{Times: 3, Do: fake.TooMany("")}},
		{name: "500", fault: &fake.Fault{Times: 2, Do: fake.Status(500, `{"error":{"message":"Oh bananas!"}}`)}},
		{name: "502", fault: &fake.Fault{Times: 1, Do: fake.Status(502, "<html>bad gateway</html>")}},
		{name: "503RetryAfter", fault: &fake.Fault{Times: 1, Do: func(w http.ResponseWriter, r *http.Request, n http.Handler) {
			w.Header().Set("Retry-After", "2")
			fake.Status(503, "")(w, r, n)
		}}, wantWait: 2 * time.Second},
		{name: "SlowPastTimeout", fault: &fake.Fault{Times: 1, Do: fake.Slow(5 * time.Second)}},
		{name: "CutMidBody", fault: &fake.Fault{Times: 2, Do: fake.Cut}},
		{name: "ErrUnauthorized", fault: &fake.Fault{Times: -1, Do: fake.Status(401, `{"description":"token `+testToken+` revoked"}`)},
			wantErr: "API token ••••WXYZ was refused (HTTP 401)", wantCode: data.EINVALID},
		{name: "ErrForbidden", fault: &fake.Fault{Times: -1, Do: fake.Status(403, `{"meta":{"error":{"errorMessage":"no access"}}}`)},
			wantErr: "not allowed to read this (HTTP 403): no access", wantCode: data.EINVALID},
		{name: "ErrNotFound", fault: &fake.Fault{Times: -1, Do: fake.Status(404, `{"description":"form not found"}`)},
			wantErr: "test API was not found (HTTP 404): form not found", wantCode: data.ENOTFOUND},
		{name: "ErrAlways500", fault: &fake.Fault{Times: -1, Do: fake.Status(500, `{"error":{"message":"Oh bananas!"}}`)},
			wantErr: "still failing after 6 attempts: the server failed (HTTP 500): Oh bananas!", wantCode: data.EUNAVAILABLE},
		{name: "ErrRetryAfterTooLong", fault: &fake.Fault{Times: -1, Do: fake.TooMany("86400")},
			wantErr: "rate limited by the server for 24h0m0s", wantCode: data.EUNAVAILABLE},
		{name: "ErrDailyLimit", fault: &fake.Fault{Times: -1, Do: func(w http.ResponseWriter, r *http.Request, n http.Handler) {
			w.Header().Set(hdrDayRemaining, "0")
			w.Header().Set(hdrDayReset, "7200")
			fake.TooMany("")(w, r, n)
		}}, wantErr: "daily API request limit is used up; it resets in 2h0m0s", wantCode: data.EUNAVAILABLE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fake.NewServer(http.HandlerFunc(okJSON))
			defer srv.Close()
			if tt.fault != nil {
				srv.Inject(tt.fault)
			}
			c, waits := recordingClient(t)
			c.Timeout = 200 * time.Millisecond
			err := get(t, c, srv.URL+"/thing")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("err = %v, want success", err)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				if got := data.ErrorCode(err); got != tt.wantCode {
					t.Errorf("code = %q, want %q", got, tt.wantCode)
				}
				if strings.Contains(err.Error(), testToken) || strings.Contains(data.ErrorMessage(err), testToken) {
					t.Errorf("the token appears in the error: %v", err)
				}
			}
			if tt.wantWait > 0 {
				found := false
				for _, w := range *waits {
					// HTTP dates have whole seconds: allow for the truncation.
					if w > tt.wantWait-2*time.Second && w <= tt.wantWait+time.Second {
						found = true
					}
				}
				if !found {
					t.Errorf("waits = %v, want one of about %s", *waits, tt.wantWait)
				}
			}
		})
	}
}

func TestClient_TokenNeverInErrors(t *testing.T) {
	// The server echoes the Authorization header it got in its error bodies.
	for _, code := range []int{http.StatusBadRequest, http.StatusInternalServerError} {
		srv := fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fake.Status(code, `{"description":"cannot use `+r.Header.Get("Authorization")+`"}`)(w, r, nil)
		}))
		defer srv.Close()
		var logs []string
		c := fastClient(t)
		c.Logf = func(f string, args ...any) { logs = append(logs, fmt.Sprintf(f, args...)) }
		err := get(t, c, srv.URL+"/x")
		if err == nil {
			t.Fatal("want an error")
		}
		if code == http.StatusInternalServerError && len(logs) == 0 {
			t.Error("retries were not logged")
		}
		for _, s := range append(logs, err.Error(), data.ErrorMessage(err)) {
			if strings.Contains(s, testToken) {
				t.Errorf("HTTP %d: token leaked into %q", code, s)
			}
		}
		if !strings.Contains(err.Error(), "••••WXYZ") {
			t.Errorf("HTTP %d: want the masked token in %q", code, err)
		}
	}
}

func TestClient_RateLimitBudget(t *testing.T) {
	// The first answer says the minute's budget is spent; the next request must wait for it.
	first := true
	srv := fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if first {
			first = false
			w.Header().Set(hdrMinuteRemaining, "0")
			w.Header().Set(hdrMinuteReset, "30")
		}
		okJSON(w, r)
	}))
	defer srv.Close()
	c, waits := recordingClient(t)
	for range 2 {
		if err := get(t, c, srv.URL+"/x"); err != nil {
			t.Fatal(err)
		}
	}
	if len(*waits) != 1 || (*waits)[0] < 29*time.Second || (*waits)[0] > 30*time.Second {
		t.Fatalf("waits = %v, want one of about 30s", *waits)
	}
}

func TestClient_Cancel(t *testing.T) {
	srv := fake.NewServer(http.HandlerFunc(okJSON))
	defer srv.Close()
	srv.Inject(&fake.Fault{Times: -1, Do: fake.Slow(time.Minute)})
	c := fastClient(t)
	c.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := c.GetJSON(ctx, &Request{URL: srv.URL, What: "x"}, new(any))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("cancel did not stop the request")
	}
}

func TestClient_Backoff(t *testing.T) {
	c := &Client{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for _, j := range []float64{0, 0.999} {
		c.Jitter = func() float64 { return j }
		for attempt, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 5: time.Second, 30: time.Second} {
			got := c.backoff(attempt)
			if got < want/2 || got > want {
				t.Errorf("jitter %v attempt %d: backoff %s, want within [%s, %s]", j, attempt, got, want/2, want)
			}
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Sun, 01 Mar 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Sun, 01 Mar 2026 11:00:00 GMT", 0, true}, // in the past: retry now
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "••••",
		"short":              "••••",
		"abcdefghijkl":       "••••ijkl",
		"tok_0123456789abcd": "••••abcd",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Redact("token tok_0123456789abcd and again tok_0123456789abcd", "tok_0123456789abcd"); got != "token ••••abcd and again ••••abcd" {
		t.Errorf("Redact = %q", got)
	}
}

func TestClient_RedirectDropsToken(t *testing.T) {
	var got http.Header
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Write([]byte(`{"ok":true}`))
	}))
	defer elsewhere.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(elsewhere.URL, "127.0.0.1", "localhost", 1)+"/file", http.StatusFound)
	}))
	defer api.Close()
	c := fastClient(t)
	var v struct{ OK bool }
	_, err := c.GetJSON(context.Background(), &Request{URL: api.URL, What: "x", Secret: testToken,
		Header: http.Header{"X-API-TOKEN": {testToken}, "Authorization": {"Bearer " + testToken}}}, &v)
	if err != nil || !v.OK {
		t.Fatalf("err %v, %+v", err, v)
	}
	if got.Get("X-API-TOKEN") != "" || got.Get("Authorization") != "" {
		t.Errorf("the token followed the redirect to another host: %v", got)
	}
}
