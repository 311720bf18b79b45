package syncer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Qualtrics syncs one survey through the Qualtrics response export API (X-API-TOKEN header,
// base URL https://{datacenter}.qualtrics.com):
//
//  1. POST /API/v3/surveys/{surveyId}/export-responses {"format":"json", ...} → progressId
//  2. GET  /API/v3/surveys/{surveyId}/export-responses/{progressId} until status "complete"
//     → fileId and continuationToken
//  3. GET  /API/v3/surveys/{surveyId}/export-responses/{fileId}/file → a zip holding one JSON
//     file {"responses":[{"responseId", "values", "labels"}, ...]}
//
// The first export asks for a continuation token (allowContinuation); later ones send it back
// (continuationToken) and receive only what is new, plus the next token. The file is streamed
// and handed to the engine in pages of ChunkSize; every page but the last carries the previous
// token, so a sync killed mid-file exports the same increment again and upserts it unchanged.
// Question texts and the NPS question come from the survey definition
// (GET /API/v3/survey-definitions/{surveyId}, or GET /API/v3/surveys/{surveyId}).
type Qualtrics struct {
	Client       *Client
	ChunkSize    int           // responses per page; 0: 1000
	PollInterval time.Duration // first pause between progress checks; 0: 1s (grows to 10s)
	PollTimeout  time.Duration // longest wait for an export to complete; 0: 30 min
}

type qualtricsCursor struct {
	Token string `json:"continuation_token,omitempty"`
}

type qualtricsProgress struct {
	Result struct {
		ProgressID        string  `json:"progressId"`
		PercentComplete   float64 `json:"percentComplete"`
		Status            string  `json:"status"`
		FileID            string  `json:"fileId"`
		ContinuationToken string  `json:"continuationToken"`
	} `json:"result"`
}

func (q *Qualtrics) base(src *data.Source) (string, error) {
	b := baseURL(src, "", "/API/v3", "/API")
	if b == "" {
		return "", data.Errorf(data.EINVALID, "Qualtrics source %q needs its data centre URL; add it again with --url https://<datacenter>.qualtrics.com", src.Name)
	}
	return b + "/API/v3", nil
}

func (q *Qualtrics) request(token, method, u string, body []byte, what string) *Request {
	h := http.Header{"X-API-TOKEN": {token}, "Accept": {"application/json"}}
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	return &Request{Method: method, URL: u, Header: h, Body: body, What: what, Secret: token}
}

// Test reads the survey definition: it needs a valid token with access to the survey.
func (q *Qualtrics) Test(ctx context.Context, src *data.Source, token string) error {
	_, err := q.definition(ctx, src, token)
	return err
}

// Fetch exports the responses new since cursor; see Qualtrics.
func (q *Qualtrics) Fetch(ctx context.Context, src *data.Source, token, cursor string, emit EmitFunc) error {
	var cur qualtricsCursor
	if err := decodeCursor(src, cursor, &cur); err != nil {
		return err
	}
	base, err := q.base(src)
	if err != nil {
		return err
	}
	id, err := surveyID(src)
	if err != nil {
		return err
	}
	def, err := q.definition(ctx, src, token)
	if err != nil {
		// Without the definition the export's own keys still show the NPS question
		// (QIDn_NPS_GROUP) and the text entries (QIDn_TEXT); only a refused token stops here.
		if IsAuth(err) || ctx.Err() != nil || data.ErrorCode(err) != data.ENOTFOUND {
			return err
		}
		def = &qualtricsDefinition{}
	}
	what := fmt.Sprintf("Qualtrics survey %q export", src.Config[ConfigSurvey])
	exports := base + "/surveys/" + id + "/export-responses"

	body := map[string]any{"format": "json"}
	if cur.Token != "" {
		body["continuationToken"] = cur.Token
	} else {
		body["allowContinuation"] = true
	}
	buf, _ := json.Marshal(body)
	var started qualtricsProgress
	if _, err := q.Client.GetJSON(ctx, q.request(token, http.MethodPost, exports, buf, what), &started); err != nil {
		var ae *APIError
		if cur.Token != "" && errors.As(err, &ae) && ae.Status == http.StatusBadRequest {
			return data.Errorf(data.EINVALID, "%s; its continuation token may have expired: run verbatim sync %s --full", err.Error(), src.Name)
		}
		return err
	}
	done, err := q.poll(ctx, token, exports, &started, what)
	if err != nil {
		return err
	}
	next := cur
	if done.Result.ContinuationToken != "" {
		next.Token = done.Result.ContinuationToken
	}
	f, err := q.download(ctx, token, exports+"/"+done.Result.FileID+"/file", what)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	return q.stream(f, newQualtricsMapper(src, def), encodeCursor(cur), encodeCursor(next), emit, what)
}

// poll waits for an export to complete.
func (q *Qualtrics) poll(ctx context.Context, token, exports string, p *qualtricsProgress, what string) (*qualtricsProgress, error) {
	interval, limit := q.PollInterval, q.PollTimeout
	if interval <= 0 {
		interval = time.Second
	}
	if limit <= 0 {
		limit = 30 * time.Minute
	}
	progressID := p.Result.ProgressID
	if progressID == "" {
		return nil, data.Errorf(data.EUNAVAILABLE, "%s: the server did not return a progress ID", what)
	}
	deadline := time.Now().Add(limit)
	for {
		switch p.Result.Status {
		case "complete":
			if p.Result.FileID == "" {
				return nil, data.Errorf(data.EUNAVAILABLE, "%s: the export completed without a file ID", what)
			}
			return p, nil
		case "failed", "cancelled":
			return nil, data.Errorf(data.EUNAVAILABLE, "%s: Qualtrics reports the export %s; try again later", what, p.Result.Status)
		}
		if time.Now().After(deadline) {
			return nil, data.Errorf(data.EUNAVAILABLE, "%s: not complete after %s (%.0f%% done); try again later", what, limit, p.Result.PercentComplete)
		}
		if err := q.Client.sleep(ctx, interval); err != nil {
			return nil, err
		}
		interval = min(interval*3/2, 10*time.Second)
		p = &qualtricsProgress{}
		if _, err := q.Client.GetJSON(ctx, q.request(token, http.MethodGet, exports+"/"+progressID, nil, what+" progress"), p); err != nil {
			return nil, err
		}
	}
}

// download saves the export file to a temporary file, restarting it on every retry.
func (q *Qualtrics) download(ctx context.Context, token, u, what string) (*os.File, error) {
	f, err := os.CreateTemp("", "verbatim-qualtrics-*.zip")
	if err != nil {
		return nil, fmt.Errorf("%s: create a temporary file: %w", what, err)
	}
	_, err = q.Client.Do(ctx, q.request(token, http.MethodGet, u, nil, what+" file"), func(body io.Reader) error {
		if err := f.Truncate(0); err != nil {
			return Permanent(err)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return Permanent(err)
		}
		if _, err := io.Copy(f, body); err != nil {
			return err
		}
		// A zip is only readable whole: a cut one is retried like any cut body.
		r, err := openExport(f)
		if err != nil {
			return err
		}
		return r.Close()
	})
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// openExport returns a reader of the JSON inside an export file: the first file of a zip, or
// the file itself when the server sent it uncompressed.
func openExport(f *os.File) (io.ReadCloser, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	magic := make([]byte, 4)
	if n, _ := f.ReadAt(magic, 0); n < 4 || !bytes.Equal(magic, []byte("PK\x03\x04")) {
		// Uncompressed JSON: an object that does not end with its closing brace was cut.
		last := make([]byte, 1)
		end := info.Size() - 1
		for ; end >= 0; end-- {
			if _, err := f.ReadAt(last, end); err != nil || !bytes.ContainsAny(last, " \t\r\n") {
				break
			}
		}
		if end < 0 || last[0] != '}' {
			return nil, io.ErrUnexpectedEOF
		}
		return io.NopCloser(io.NewSectionReader(f, 0, info.Size())), nil
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		return nil, fmt.Errorf("the export file is not a complete zip: %w", err)
	}
	for _, zf := range zr.File {
		if !zf.FileInfo().IsDir() {
			return zf.Open()
		}
	}
	return nil, errors.New("the export zip holds no file")
}

// stream decodes {"responses":[...]} one response at a time and emits pages.
func (q *Qualtrics) stream(f *os.File, m *qualtricsMapper, oldCursor, newCursor string, emit EmitFunc, what string) error {
	r, err := openExport(f)
	if err != nil {
		return data.Errorf(data.EUNAVAILABLE, "%s: %v", what, err)
	}
	defer r.Close()
	size := q.ChunkSize
	if size <= 0 {
		size = 1000
	}
	bad := func(err error) error {
		return data.Errorf(data.EUNAVAILABLE, "%s: the export file is not the expected JSON: %v", what, err)
	}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return bad(fmt.Errorf("it does not start with an object"))
	}
	page := make([]*data.Response, 0, size)
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		if key != "responses" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return bad(err)
			}
			continue
		}
		tok, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		if tok == nil {
			continue // "responses": null, an empty export
		}
		if tok != json.Delim('[') {
			return bad(fmt.Errorf(`"responses" is not a list`))
		}
		// One record's maps serve them all: emptied, not dropped, they keep their room for
		// the next record's keys instead of being allocated again. The mapper copies out
		// what it keeps.
		var rec qualtricsRecord
		for dec.More() {
			rec.ResponseID = ""
			clear(rec.Values)
			clear(rec.Labels)
			if err := dec.Decode(&rec); err != nil {
				return bad(err)
			}
			if r := m.response(&rec); r != nil {
				page = append(page, r)
			}
			if len(page) == size {
				if err := emit(Page{Responses: page, Cursor: oldCursor}); err != nil {
					return err
				}
				page = make([]*data.Response, 0, size)
			}
		}
		if _, err := dec.Token(); err != nil {
			return bad(err)
		}
	}
	return emit(Page{Responses: page, Cursor: newCursor})
}

// definition reads the survey definition, falling back to the older survey endpoint.
func (q *Qualtrics) definition(ctx context.Context, src *data.Source, token string) (*qualtricsDefinition, error) {
	base, err := q.base(src)
	if err != nil {
		return nil, err
	}
	id, err := surveyID(src)
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf("Qualtrics survey %q", src.Config[ConfigSurvey])
	var def qualtricsDefinitionV3
	_, err = q.Client.GetJSON(ctx, q.request(token, http.MethodGet, base+"/survey-definitions/"+id, nil, what), &def)
	if err == nil {
		return def.normalize(), nil
	}
	if data.ErrorCode(err) != data.ENOTFOUND {
		return nil, err
	}
	var old qualtricsSurveyV3
	if _, err2 := q.Client.GetJSON(ctx, q.request(token, http.MethodGet, base+"/surveys/"+id, nil, what), &old); err2 != nil {
		if data.ErrorCode(err2) == data.ENOTFOUND {
			return nil, err // the first 404 names the endpoint the docs recommend
		}
		return nil, err2
	}
	return old.normalize(), nil
}

// qualtricsLabel strips Qualtrics' HTML from question texts.
func qualtricsLabel(s string) string { return strings.TrimSpace(plainText(s)) }
