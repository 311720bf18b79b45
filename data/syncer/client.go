package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Defaults of the Client's zero fields.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultMaxAttempts = 6
	DefaultBaseDelay   = 500 * time.Millisecond
	DefaultMaxDelay    = 30 * time.Second
	DefaultMaxWait     = 5 * time.Minute
)

// maxBody caps a JSON body read into memory; export files are streamed to disk instead.
const maxBody = 256 << 20

// Client is the HTTP layer the connectors share. Its zero value is ready to use; tests shorten
// the delays and replace Sleep. A Client is safe for concurrent use.
type Client struct {
	HTTP        *http.Client  // nil: a client that never forwards tokens to another host
	Timeout     time.Duration // per attempt, reading the body included; 0: DefaultTimeout
	MaxAttempts int           // attempts per request, 429s included; 0: DefaultMaxAttempts
	BaseDelay   time.Duration // first backoff delay, doubled at each retry; 0: DefaultBaseDelay
	MaxDelay    time.Duration // backoff cap; 0: DefaultMaxDelay
	// MaxWait is the longest pause a server may ask for (Retry-After, rate-limit reset). A
	// longer one ends the request with EUNAVAILABLE instead of blocking a sync for hours.
	MaxWait time.Duration
	// Sleep waits d or until ctx is done; nil sleeps on a timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1) that spreads backoff delays; nil uses math/rand.
	Jitter func() float64
	// Logf, when set, receives one line per retry. Tokens are masked in it.
	Logf func(format string, args ...any)

	mu        sync.Mutex
	notBefore time.Time // set when a server said its request budget is spent until then
}

// defaultHTTP follows redirects like http.DefaultClient but drops the token headers when a
// redirect leaves the host the request was for: net/http only does so for Authorization,
// not for Qualtrics' X-API-TOKEN.
var defaultHTTP = &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if req.URL.Host != via[0].URL.Host {
		for k := range req.Header {
			if strings.EqualFold(k, "X-API-TOKEN") || strings.EqualFold(k, "Authorization") {
				delete(req.Header, k)
			}
		}
	}
	return nil
}}

// Request is one API call.
type Request struct {
	Method string // "" is GET
	URL    string
	Header http.Header
	Body   []byte // sent as is on every attempt
	// What names the request in messages, e.g. `Typeform form "abc123"`.
	What string
	// Secret is the API token the request carries, masked in every message.
	Secret string
}

// BodyFunc reads a successful response body. An error reading it (a connection cut mid-body,
// a timeout, JSON that ends early) makes the Client retry the whole request, so a BodyFunc
// must start from scratch each time it is called.
type BodyFunc func(body io.Reader) error

// permanent marks a BodyFunc error that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps a BodyFunc error that must not be retried (the body is complete but says
// something unusable).
func Permanent(err error) error { return permanent{err} }

// bodyBuffers holds the buffers GetJSON reads bodies into. A page of 1,000 responses is about
// a megabyte: reading it into a buffer grown from scratch copies it several times and leaves
// as much garbage per page; a reused buffer is already the right size. Unmarshal copies what
// it keeps, so a buffer is free again once it returns.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBody is the largest buffer bodyBuffers keeps.
const maxPooledBody = 16 << 20

// GetJSON sends req and decodes the JSON body of the answer into v.
func (c *Client) GetJSON(ctx context.Context, req *Request, v any) (http.Header, error) {
	return c.Do(ctx, req, func(body io.Reader) error {
		b := bodyBuffers.Get().(*bytes.Buffer)
		defer func() {
			if b.Cap() <= maxPooledBody { // a rare huge answer is not kept around
				bodyBuffers.Put(b)
			}
		}()
		b.Reset()
		if _, err := b.ReadFrom(io.LimitReader(body, maxBody)); err != nil {
			return err
		}
		if err := json.Unmarshal(b.Bytes(), v); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				// Complete JSON of another shape: asking again gives the same answer.
				return Permanent(fmt.Errorf("the answer is not in the expected form: %w", err))
			}
			return fmt.Errorf("the answer is not complete JSON: %w", err)
		}
		return nil
	})
}

// Do sends req, retrying what is worth retrying, and hands a 2xx body to read. It returns the
// response headers, or an error whose message is one sentence naming req.What (an *APIError
// for HTTP failures) with the token masked.
func (c *Client) Do(ctx context.Context, req *Request, read BodyFunc) (http.Header, error) {
	attempts := c.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	var last error // the last retryable failure, for the final message
	for attempt := 1; ; attempt++ {
		if err := c.waitBudget(ctx); err != nil {
			return nil, err
		}
		header, wait, err := c.try(ctx, req, read)
		if err == nil {
			return header, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var retry *retryable
		if !errors.As(err, &retry) {
			return nil, err
		}
		last = retry.err
		if attempt >= attempts {
			break
		}
		if wait == 0 {
			wait = c.backoff(attempt)
		}
		if c.Logf != nil {
			c.Logf("%s: %s; retrying in %s (attempt %d of %d)", req.What, Redact(last.Error(), req.Secret),
				wait.Round(time.Millisecond), attempt+1, attempts)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
	msg := fmt.Sprintf("%s: still failing after %d attempts: %s", req.What, attempts, last.Error())
	status := 0
	var he *httpStatusError
	if errors.As(last, &he) {
		status = he.status
	}
	return nil, &APIError{Status: status, Err: data.Errorf(data.EUNAVAILABLE, "%s", Redact(msg, req.Secret))}
}

// retryable wraps a failure worth another attempt.
type retryable struct{ err error }

func (r *retryable) Error() string { return r.err.Error() }

// httpStatusError is a retryable HTTP status, kept to report the status at the end.
type httpStatusError struct {
	status int
	msg    string
}

func (e *httpStatusError) Error() string { return e.msg }

// try makes one attempt. It returns the pause the server asked for before the next attempt
// (0 means use the backoff) and a *retryable error when another attempt may succeed.
func (c *Client) try(ctx context.Context, req *Request, read BodyFunc) (http.Header, time.Duration, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hreq, err := http.NewRequestWithContext(actx, method, req.URL, body)
	if err != nil {
		return nil, 0, data.Errorf(data.EINVALID, "%s: bad request URL: %s", req.What, Redact(err.Error(), req.Secret))
	}
	for k, vs := range req.Header {
		hreq.Header[k] = vs
	}
	client := c.HTTP
	if client == nil {
		client = defaultHTTP
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return nil, 0, &retryable{c.netError(actx, err, timeout, req)}
	}
	defer func() {
		// Drain a little so the connection can be reused, then close.
		io.CopyN(io.Discard, resp.Body, 64<<10)
		resp.Body.Close()
	}()
	c.noteBudget(resp.Header)
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		if err := read(resp.Body); err != nil {
			var p permanent
			if errors.As(err, &p) {
				return nil, 0, &APIError{Status: resp.StatusCode, Err: data.Errorf(data.EUNAVAILABLE, "%s: %s", req.What, Redact(p.err.Error(), req.Secret))}
			}
			if actx.Err() != nil && ctx.Err() == nil {
				err = fmt.Errorf("no complete answer within %s", timeout)
			} else if errors.Is(err, io.ErrUnexpectedEOF) {
				err = errors.New("the answer was cut off before its end")
			}
			return nil, 0, &retryable{fmt.Errorf("%s", Redact(err.Error(), req.Secret))}
		}
		return resp.Header, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests:
		wait, fatal := c.rateLimitWait(resp.Header, req)
		if fatal != nil {
			return nil, 0, fatal
		}
		return nil, wait, &retryable{&httpStatusError{resp.StatusCode, "rate limited (HTTP 429)"}}
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout:
		wait, _ := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		if wait > c.maxWait() {
			wait = c.maxWait()
		}
		msg := fmt.Sprintf("the server failed (HTTP %d)", resp.StatusCode)
		if detail := serverMessage(resp.Body); detail != "" {
			msg += ": " + detail
		}
		return nil, wait, &retryable{&httpStatusError{resp.StatusCode, Redact(msg, req.Secret)}}
	default:
		return nil, 0, statusError(resp, req)
	}
}

// netError turns a transport failure into a sentence.
func (c *Client) netError(actx context.Context, err error, timeout time.Duration, req *Request) error {
	var ne net.Error
	switch {
	case errors.Is(actx.Err(), context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return fmt.Errorf("no answer within %s", timeout)
	default:
		// url.Error repeats method and URL; keep only the cause.
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			err = ue.Unwrap()
		}
		return fmt.Errorf("cannot reach the server: %s", Redact(err.Error(), req.Secret))
	}
}

// statusError describes an HTTP failure that retrying will not fix.
func statusError(resp *http.Response, req *Request) error {
	// The server's own sentence goes in the middle of ours: its closing stop would read ".;".
	detail := strings.TrimRight(serverMessage(resp.Body), ".!;: ")
	if detail != "" {
		detail = ": " + detail
	}
	var code, msg string
	switch resp.StatusCode {
	case http.StatusUnauthorized:
		code = data.EINVALID
		msg = fmt.Sprintf("%s: the API token %s was refused (HTTP 401)%s; check the token or create a new one", req.What, Mask(req.Secret), detail)
	case http.StatusForbidden:
		code = data.EINVALID
		msg = fmt.Sprintf("%s: the API token %s is not allowed to read this (HTTP 403)%s; check the token's permissions", req.What, Mask(req.Secret), detail)
	case http.StatusNotFound:
		code = data.ENOTFOUND
		msg = fmt.Sprintf("%s was not found (HTTP 404)%s; check the survey ID and the base URL", req.What, detail)
	default:
		code = data.EINVALID
		msg = fmt.Sprintf("%s: the server refused the request (HTTP %d)%s", req.What, resp.StatusCode, detail)
	}
	return &APIError{Status: resp.StatusCode, Err: data.Errorf(code, "%s", Redact(msg, req.Secret))}
}

// serverMessage extracts the human part of an error body in the shapes the three platforms
// use: Qualtrics {"meta":{"error":{"errorMessage"}}}, SurveyMonkey {"error":{"message"}},
// Typeform {"description"}; or a short plain-text body.
func serverMessage(body io.Reader) string {
	buf, _ := io.ReadAll(io.LimitReader(body, 8<<10))
	var shapes struct {
		Meta struct {
			Error struct {
				ErrorMessage string `json:"errorMessage"`
			} `json:"error"`
		} `json:"meta"`
		Error       json.RawMessage `json:"error"`
		Description string          `json:"description"`
		Message     string          `json:"message"`
	}
	if json.Unmarshal(buf, &shapes) == nil {
		var nested struct {
			Message string `json:"message"`
		}
		var plain string
		switch {
		case shapes.Meta.Error.ErrorMessage != "":
			return oneLine(shapes.Meta.Error.ErrorMessage)
		case json.Unmarshal(shapes.Error, &nested) == nil && nested.Message != "":
			return oneLine(nested.Message)
		case json.Unmarshal(shapes.Error, &plain) == nil && plain != "":
			return oneLine(plain)
		case shapes.Description != "":
			return oneLine(shapes.Description)
		case shapes.Message != "":
			return oneLine(shapes.Message)
		}
		return ""
	}
	s := strings.TrimSpace(string(buf))
	if s == "" || strings.HasPrefix(s, "<") {
		return "" // an HTML error page says nothing useful in one line
	}
	return oneLine(s)
}

// oneLine keeps a server message to one short line.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// Rate-limit headers. SurveyMonkey sends the X-Ratelimit-App-Global-* family on every answer;
// others send Retry-After with a 429.
const (
	hdrMinuteRemaining = "X-Ratelimit-App-Global-Minute-Remaining"
	hdrMinuteReset     = "X-Ratelimit-App-Global-Minute-Reset"
	hdrDayRemaining    = "X-Ratelimit-App-Global-Day-Remaining"
	hdrDayReset        = "X-Ratelimit-App-Global-Day-Reset"
)

// rateLimitWait returns how long to wait after a 429, or an error when the wait is longer
// than a sync should block.
func (c *Client) rateLimitWait(h http.Header, req *Request) (time.Duration, error) {
	if h.Get(hdrDayRemaining) == "0" {
		reset, _ := seconds(h.Get(hdrDayReset))
		msg := fmt.Sprintf("%s: the daily API request limit is used up", req.What)
		if reset > 0 {
			msg += fmt.Sprintf("; it resets in %s", reset.Round(time.Minute))
		}
		return 0, &APIError{Status: http.StatusTooManyRequests, Err: data.Errorf(data.EUNAVAILABLE, "%s", msg)}
	}
	wait, ok := retryAfter(h.Get("Retry-After"), time.Now())
	if !ok {
		wait, ok = seconds(h.Get(hdrMinuteReset))
	}
	if !ok {
		return 0, nil // no hint: exponential backoff
	}
	if wait > c.maxWait() {
		return 0, &APIError{Status: http.StatusTooManyRequests, Err: data.Errorf(data.EUNAVAILABLE,
			"%s: rate limited by the server for %s; try again later", req.What, wait.Round(time.Second))}
	}
	return wait, nil
}

// noteBudget remembers a spent per-minute budget so the next request waits for its reset
// instead of earning a 429.
func (c *Client) noteBudget(h http.Header) {
	if h.Get(hdrMinuteRemaining) != "0" {
		return
	}
	reset, ok := seconds(h.Get(hdrMinuteReset))
	if !ok || reset > c.maxWait() {
		return
	}
	c.mu.Lock()
	if t := time.Now().Add(reset); t.After(c.notBefore) {
		c.notBefore = t
	}
	c.mu.Unlock()
}

// waitBudget sleeps until a spent request budget has reset.
func (c *Client) waitBudget(ctx context.Context) error {
	c.mu.Lock()
	d := time.Until(c.notBefore)
	c.mu.Unlock()
	if d <= 0 {
		return nil
	}
	return c.sleep(ctx, d)
}

// retryAfter parses a Retry-After value: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if d, ok := seconds(v); ok {
		return d, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// seconds parses a non-negative number of seconds.
func seconds(v string) (time.Duration, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || n < 0 || n > 1e7 {
		return 0, false
	}
	return time.Duration(n * float64(time.Second)), true
}

// backoff returns the pause before attempt+1: BaseDelay doubled per attempt, capped at
// MaxDelay, with "equal jitter" (half fixed, half random) so that many clients failing
// together do not retry together.
func (c *Client) backoff(attempt int) time.Duration {
	base, limit := c.BaseDelay, c.MaxDelay
	if base <= 0 {
		base = DefaultBaseDelay
	}
	if limit <= 0 {
		limit = DefaultMaxDelay
	}
	d := base
	for i := 1; i < attempt && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	j := rand.Float64
	if c.Jitter != nil {
		j = c.Jitter
	}
	return d/2 + time.Duration(j()*float64(d/2))
}

func (c *Client) maxWait() time.Duration {
	if c.MaxWait <= 0 {
		return DefaultMaxWait
	}
	return c.MaxWait
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
