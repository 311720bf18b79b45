package syncer

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// Page is one batch of responses a connector hands to the engine.
type Page struct {
	Responses []*data.Response
	// Cursor is where the next sync starts once this page is stored; the engine saves it in
	// the same transaction as the page's responses.
	Cursor string
	// Total is how many responses this run will fetch in all, when the API says; 0 if unknown.
	Total int
}

// EmitFunc receives each page. When it returns an error the connector stops and returns it.
type EmitFunc func(Page) error

// Connector speaks one platform's API.
type Connector interface {
	// Test checks, with as few requests as possible, that the source's API answers and
	// accepts the token for its survey.
	Test(ctx context.Context, src *data.Source, token string) error
	// Fetch pages through src's responses from cursor ("" starts from the beginning) and calls
	// emit once per page, in order. It returns when there is nothing more to fetch, on the
	// first error, or when ctx is done.
	Fetch(ctx context.Context, src *data.Source, token, cursor string, emit EmitFunc) error
}

// NewConnectors returns the connectors by source kind: the three APIs, sharing one HTTP
// client, and watched folders.
func NewConnectors(c *Client) map[string]Connector {
	return map[string]Connector{
		data.KindQualtrics:    &Qualtrics{Client: c},
		data.KindTypeform:     &Typeform{Client: c},
		data.KindSurveyMonkey: &SurveyMonkey{Client: c},
		data.KindFolder:       &Folder{},
	}
}

// baseURL returns the source's base URL without a trailing slash or any of the API path
// suffixes a user may paste with it (e.g. "/v3"), or def when the source sets none. A bare
// host gets https://.
func baseURL(src *data.Source, def string, suffixes ...string) string {
	u := strings.TrimSpace(src.Config[ConfigURL])
	if u == "" {
		u = def
	}
	if u != "" && !strings.Contains(u, "://") {
		u = "https://" + u
	}
	u = strings.TrimRight(u, "/")
	for _, s := range suffixes {
		if strings.HasSuffix(strings.ToLower(u), strings.ToLower(s)) {
			u = strings.TrimRight(u[:len(u)-len(s)], "/")
		}
	}
	return u
}

// surveyID returns the source's survey ID, escaped for a URL path.
func surveyID(src *data.Source) (string, error) {
	id := strings.TrimSpace(src.Config[ConfigSurvey])
	if id == "" {
		return "", data.Errorf(data.EINVALID, "source %q has no survey ID; add it again with --survey ID", src.Name)
	}
	return url.PathEscape(id), nil
}

// decodeCursor reads a JSON cursor into v; an empty cursor leaves v zero.
func decodeCursor(src *data.Source, cursor string, v any) error {
	if cursor == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(cursor), v); err != nil {
		return data.Errorf(data.EINVALID, "source %q: its sync cursor is damaged; run verbatim sync %s --full", src.Name, src.Name)
	}
	return nil
}

// encodeCursor writes a cursor as compact JSON.
func encodeCursor(v any) string {
	buf, _ := json.Marshal(v) // cursors are plain structs of strings and ints
	return string(buf)
}
