package syncer

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Typeform syncs one form through Typeform's Responses API
// (GET https://api.typeform.com/forms/{form_id}/responses, Bearer token). Field titles and
// types come from the form definition (GET /forms/{form_id}).
//
// Paging: responses come newest first; each next page asks for the responses `before` the
// oldest one of the page, which Typeform documents as traversing the whole set without
// repeats. An incremental run asks only for responses submitted `since` the newest one the
// previous run saw (inclusive, so the boundary second is fetched again and upserted as
// unchanged rather than risked).
type Typeform struct {
	Client   *Client
	PageSize int // 0: 1000, the API's maximum
}

// TypeformURL is the API's base URL; EU accounts use https://api.eu.typeform.com.
const TypeformURL = "https://api.typeform.com"

// typeformTime is the `since` format the reference shows: UTC to the second, T-separated.
const typeformTime = "2006-01-02T15:04:05"

type typeformCursor struct {
	Since  string `json:"since,omitempty"`  // submitted_at lower bound of this run (inclusive)
	Before string `json:"before,omitempty"` // token of the oldest response stored in this run
	Max    string `json:"max,omitempty"`    // newest submitted_at seen in this run
}

type typeformForm struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Fields []typeformField `json:"fields"`
}

type typeformField struct {
	ID         string `json:"id"`
	Ref        string `json:"ref"`
	Title      string `json:"title"`
	Type       string `json:"type"`
	Properties struct {
		Steps      int             `json:"steps"`
		StartAtOne bool            `json:"start_at_one"`
		Shape      string          `json:"shape"`
		Fields     []typeformField `json:"fields"` // a group's fields
	} `json:"properties"`
}

type typeformPage struct {
	TotalItems int            `json:"total_items"`
	PageCount  int            `json:"page_count"`
	Items      []typeformItem `json:"items"`
}

type typeformItem struct {
	ResponseID  string `json:"response_id"`
	Token       string `json:"token"`
	LandingID   string `json:"landing_id"`
	LandedAt    string `json:"landed_at"`
	SubmittedAt string `json:"submitted_at"`
	Metadata    struct {
		Platform string `json:"platform"`
	} `json:"metadata"`
	Hidden  map[string]any   `json:"hidden"`
	Answers []typeformAnswer `json:"answers"`
}

type typeformAnswer struct {
	Field struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Ref  string `json:"ref"`
	} `json:"field"`
	Type        string   `json:"type"`
	Text        string   `json:"text"`
	Email       string   `json:"email"`
	URL         string   `json:"url"`
	FileURL     string   `json:"file_url"`
	PhoneNumber string   `json:"phone_number"`
	Date        string   `json:"date"`
	Number      *float64 `json:"number"`
	Boolean     *bool    `json:"boolean"`
	Choice      *struct {
		Label string `json:"label"`
		Other string `json:"other"`
	} `json:"choice"`
	Choices *struct {
		Labels []string `json:"labels"`
		Other  string   `json:"other"`
	} `json:"choices"`
}

func (t *Typeform) request(src *data.Source, token, path string, q url.Values, what string) *Request {
	u := baseURL(src, TypeformURL) + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return &Request{
		URL:    u,
		Header: http.Header{"Authorization": {"Bearer " + token}, "Accept": {"application/json"}},
		What:   what,
		Secret: token,
	}
}

// Test reads the form definition: it needs a valid token with access to the form.
func (t *Typeform) Test(ctx context.Context, src *data.Source, token string) error {
	id, err := surveyID(src)
	if err != nil {
		return err
	}
	var form typeformForm
	_, err = t.Client.GetJSON(ctx, t.request(src, token, "/forms/"+id, nil, fmt.Sprintf("Typeform form %q", src.Config[ConfigSurvey])), &form)
	return err
}

// Fetch pages through the form's responses; see Typeform.
func (t *Typeform) Fetch(ctx context.Context, src *data.Source, token, cursor string, emit EmitFunc) error {
	id, err := surveyID(src)
	if err != nil {
		return err
	}
	var cur typeformCursor
	if err := decodeCursor(src, cursor, &cur); err != nil {
		return err
	}
	what := fmt.Sprintf("Typeform form %q", src.Config[ConfigSurvey])
	var form typeformForm
	if _, err := t.Client.GetJSON(ctx, t.request(src, token, "/forms/"+id, nil, what), &form); err != nil {
		return err
	}
	m := newTypeformMapper(src, &form)
	size := t.PageSize
	if size <= 0 {
		size = 1000
	}
	total := 0
	for {
		q := url.Values{"page_size": {strconv.Itoa(size)}}
		if cur.Since != "" {
			if ts, err := time.Parse(time.RFC3339, cur.Since); err == nil {
				q.Set("since", ts.UTC().Format(typeformTime))
			}
		}
		if cur.Before != "" {
			q.Set("before", cur.Before)
		}
		// Sized for a full page: decoding appends, and a slice grown item by item leaves
		// twice the page's size as garbage.
		page := typeformPage{Items: make([]typeformItem, 0, size)}
		if _, err := t.Client.GetJSON(ctx, t.request(src, token, "/forms/"+id+"/responses", q, what+" responses"), &page); err != nil {
			return err
		}
		if total == 0 {
			total = page.TotalItems
		}
		rs := make([]*data.Response, 0, len(page.Items))
		oldest, oldestAt := "", time.Time{}
		for i := range page.Items {
			it := &page.Items[i]
			at := parseTime(it.SubmittedAt)
			if oldest == "" || !at.After(oldestAt) {
				oldest, oldestAt = it.Token, at
			}
			if cur.Max == "" || at.After(parseTime(cur.Max)) {
				cur.Max = at.UTC().Format(time.RFC3339)
			}
			if r := m.response(it); r != nil {
				rs = append(rs, r)
			}
		}
		done := len(page.Items) < size || page.PageCount == 1
		if !done && (oldest == "" || oldest == cur.Before) {
			return data.Errorf(data.EUNAVAILABLE, "%s: the server sent the same page twice; stopping to avoid a loop", what)
		}
		if done {
			cur = typeformCursor{Since: cmp.Or(cur.Max, cur.Since)}
		} else {
			cur.Before = oldest
		}
		if err := emit(Page{Responses: rs, Cursor: encodeCursor(cur), Total: total}); err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// typeformMapper turns response items into data.Responses using the form definition.
type typeformMapper struct {
	src     *data.Source
	survey  string
	fields  map[string]*typeformField // by field ID
	score   *typeformField            // the scale question, nil when the definition has none
	comment *typeformField            // the free-text question
}

func newTypeformMapper(src *data.Source, form *typeformForm) *typeformMapper {
	m := &typeformMapper{src: src, survey: form.Title, fields: map[string]*typeformField{}}
	if m.survey == "" {
		m.survey = src.Config[ConfigSurvey]
	}
	var order []*typeformField
	var walk func(fs []typeformField)
	walk = func(fs []typeformField) {
		for i := range fs {
			f := &fs[i]
			m.fields[f.ID] = f
			order = append(order, f)
			walk(f.Properties.Fields)
		}
	}
	walk(form.Fields)
	// An NPS field says what it is; otherwise the first scale, then the first rating.
	for _, want := range []string{"nps", "opinion_scale", "rating"} {
		for _, f := range order {
			if m.score == nil && f.Type == want {
				m.score = f
			}
		}
	}
	for _, want := range []string{"long_text", "short_text"} {
		for _, f := range order {
			if m.comment == nil && f.Type == want {
				m.comment = f
			}
		}
	}
	return m
}

// scale returns the survey type and scale of a score field.
func (m *typeformMapper) scale(f *typeformField, fieldType string) (string, int, int) {
	switch fieldType {
	case "nps":
		return data.TypeNPS, 0, 10
	case "opinion_scale":
		lo, steps := 0, 11
		if f != nil {
			if f.Properties.StartAtOne {
				lo = 1
			}
			if f.Properties.Steps > 0 {
				steps = f.Properties.Steps
			}
			return classify(f.Title, lo, lo+steps-1), lo, lo + steps - 1
		}
		return data.TypeScore, lo, lo + steps - 1
	default: // rating
		steps, shape, title := 5, "", ""
		if f != nil {
			if f.Properties.Steps > 0 {
				steps = f.Properties.Steps
			}
			shape, title = f.Properties.Shape, f.Title
		}
		if t := classify(title, 1, steps); t != data.TypeScore {
			return t, 1, steps
		}
		if shape == "" || shape == "star" {
			return data.TypeStar, 1, steps
		}
		return data.TypeScore, 1, steps
	}
}

func (m *typeformMapper) response(it *typeformItem) *data.Response {
	id := it.ResponseID
	if id == "" {
		id = it.Token
	}
	if id == "" {
		return nil
	}
	at := parseTime(it.SubmittedAt)
	if at.IsZero() {
		at = parseTime(it.LandedAt)
	}
	r := &data.Response{
		ExternalID: id,
		Survey:     m.survey,
		SurveyType: data.TypeScore,
		CreatedAt:  at,
		UpdatedAt:  at,
		Properties: map[string]string{},
		Answers:    map[string]string{},
	}
	scoreID, commentID := "", ""
	if m.score != nil {
		scoreID = m.score.ID
	}
	if m.comment != nil {
		commentID = m.comment.ID
	}
	// Without a definition, the answers' own field types pick the questions.
	if scoreID == "" {
		for _, want := range []string{"nps", "opinion_scale", "rating"} {
			for _, a := range it.Answers {
				if scoreID == "" && a.Field.Type == want {
					scoreID = a.Field.ID
				}
			}
		}
	}
	if commentID == "" {
		for _, want := range []string{"long_text", "short_text"} {
			for _, a := range it.Answers {
				if commentID == "" && a.Field.Type == want {
					commentID = a.Field.ID
				}
			}
		}
	}
	for i := range it.Answers {
		a := &it.Answers[i]
		f := m.fields[a.Field.ID]
		switch {
		case a.Field.ID == scoreID && a.Number != nil:
			typ, lo, hi := m.scale(f, a.Field.Type)
			r.SurveyType, r.ScaleMin, r.ScaleMax = overrideType(m.src, typ), lo, hi
			r.Score = data.Float(*a.Number)
		case a.Field.ID == commentID && a.Type == "text":
			r.Comment = a.Text
		case a.Type == "email" && r.RespondentEmail == "":
			r.RespondentEmail = a.Email
		default:
			if v := a.value(); v != "" {
				r.Answers[m.title(a)] = v
			}
		}
	}
	if r.Score == nil && scoreID != "" {
		// Skipped score question: keep the question's type so the response counts where it belongs.
		f := m.fields[scoreID]
		ft := ""
		if f != nil {
			ft = f.Type
		}
		typ, lo, hi := m.scale(f, ft)
		r.SurveyType, r.ScaleMin, r.ScaleMax = overrideType(m.src, typ), lo, hi
	}
	for k, v := range it.Hidden {
		s := anyString(v)
		if s == "" {
			continue
		}
		switch strings.ToLower(k) {
		case "email":
			if r.RespondentEmail == "" {
				r.RespondentEmail = s
			}
		case "name":
			r.RespondentName = s
		default:
			r.Properties[k] = s
		}
	}
	// Typeform's platform (mobile, tablet, other) is the device segment other sources have.
	if it.Metadata.Platform != "" {
		r.Properties["device"] = it.Metadata.Platform
	}
	return r
}

// title names an answer in Response.Answers: its question's title, else its ref or ID.
func (m *typeformMapper) title(a *typeformAnswer) string {
	if f := m.fields[a.Field.ID]; f != nil && f.Title != "" {
		return plainText(f.Title)
	}
	if a.Field.Ref != "" {
		return a.Field.Ref
	}
	return a.Field.ID
}

// value is an answer as text, whatever its type.
func (a *typeformAnswer) value() string {
	switch {
	case a.Text != "":
		return a.Text
	case a.Email != "":
		return a.Email
	case a.URL != "":
		return a.URL
	case a.FileURL != "":
		return a.FileURL
	case a.PhoneNumber != "":
		return a.PhoneNumber
	case a.Date != "":
		return a.Date
	case a.Number != nil:
		return strconv.FormatFloat(*a.Number, 'f', -1, 64)
	case a.Boolean != nil:
		return strconv.FormatBool(*a.Boolean)
	case a.Choice != nil:
		if a.Choice.Label != "" {
			return a.Choice.Label
		}
		return a.Choice.Other
	case a.Choices != nil:
		labels := append([]string(nil), a.Choices.Labels...)
		if a.Choices.Other != "" {
			labels = append(labels, a.Choices.Other)
		}
		return strings.Join(labels, "; ")
	}
	return ""
}

// anyString renders a JSON scalar as text; objects and arrays give "".
func anyString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// parseTime reads the timestamps the platforms send (RFC 3339 with or without fractions or a
// colon in the offset); a zero time when it cannot.
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
