package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// SurveyMonkey syncs one survey through SurveyMonkey's API v3 (Bearer token): question IDs,
// families and choices from GET /v3/surveys/{id}/details, responses from
// GET /v3/surveys/{id}/responses/bulk?per_page=100, following links.next page by page.
//
// An incremental run asks for responses modified since the newest date_modified the previous
// run saw (start_modified_at, minus one second so the boundary is fetched again rather than
// risked), oldest first, so responses submitted during a run land after the pages already read.
// The per-minute request budget the API announces in its X-Ratelimit-App-Global-* headers is
// honoured by the Client.
type SurveyMonkey struct {
	Client  *Client
	PerPage int // 0: 100, the endpoint's maximum
}

// SurveyMonkeyURL is the API's base URL; accounts in other data centres have their own (the
// access_url of their token), e.g. https://api.eu.surveymonkey.com.
const SurveyMonkeyURL = "https://api.surveymonkey.com"

// surveyMonkeyTime is the API's date string format, always UTC.
const surveyMonkeyTime = "2006-01-02T15:04:05+00:00"

type surveyMonkeyCursor struct {
	Since string `json:"since,omitempty"` // start_modified_at of this run
	Page  int    `json:"page,omitempty"`  // next page of this run, 0 when the run is complete
	Max   string `json:"max,omitempty"`   // newest date_modified seen in this run
}

// smID accepts an ID sent as a JSON string or number (the reference shows both).
type smID string

func (s *smID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = smID(v)
		return nil
	}
	if string(b) == "null" {
		*s = ""
		return nil
	}
	*s = smID(b)
	return nil
}

type surveyMonkeyDetails struct {
	Title string `json:"title"`
	Pages []struct {
		Questions []surveyMonkeyQuestion `json:"questions"`
	} `json:"pages"`
}

type surveyMonkeyQuestion struct {
	ID       smID   `json:"id"`
	Family   string `json:"family"`
	Subtype  string `json:"subtype"`
	Headings []struct {
		Heading string `json:"heading"`
	} `json:"headings"`
	DisplayOptions struct {
		DisplayType    string `json:"display_type"`
		DisplaySubtype string `json:"display_subtype"`
	} `json:"display_options"`
	Answers struct {
		Choices []surveyMonkeyChoice `json:"choices"`
		Rows    []surveyMonkeyChoice `json:"rows"`
		Other   json.RawMessage      `json:"other"` // an object or a list, by question type
	} `json:"answers"`
}

type surveyMonkeyChoice struct {
	ID       smID     `json:"id"`
	Text     string   `json:"text"`
	Weight   *float64 `json:"weight"`
	Position int      `json:"position"`
}

type surveyMonkeyPage struct {
	Total int                    `json:"total"`
	Page  int                    `json:"page"`
	Data  []surveyMonkeyResponse `json:"data"`
	Links struct {
		Next string `json:"next"`
	} `json:"links"`
}

type surveyMonkeyResponse struct {
	ID              smID           `json:"id"`
	DateCreated     string         `json:"date_created"`
	DateModified    string         `json:"date_modified"`
	ResponseStatus  string         `json:"response_status"`
	CollectionMode  string         `json:"collection_mode"`
	CollectorID     smID           `json:"collector_id"`
	AnalyzeURL      string         `json:"analyze_url"`
	CustomVariables map[string]any `json:"custom_variables"`
	Metadata        struct {
		Contact map[string]struct {
			Value any `json:"value"`
		} `json:"contact"`
	} `json:"metadata"`
	Pages []struct {
		Questions []struct {
			ID      smID `json:"id"`
			Answers []struct {
				ChoiceID smID   `json:"choice_id"`
				RowID    smID   `json:"row_id"`
				ColID    smID   `json:"col_id"`
				OtherID  smID   `json:"other_id"`
				Text     string `json:"text"`
			} `json:"answers"`
		} `json:"questions"`
	} `json:"pages"`
}

func (s *SurveyMonkey) request(token, u, what string) *Request {
	return &Request{
		URL:    u,
		Header: http.Header{"Authorization": {"Bearer " + token}, "Accept": {"application/json"}},
		What:   what,
		Secret: token,
	}
}

func (s *SurveyMonkey) details(ctx context.Context, src *data.Source, token string) (*surveyMonkeyDetails, error) {
	id, err := surveyID(src)
	if err != nil {
		return nil, err
	}
	var d surveyMonkeyDetails
	u := baseURL(src, SurveyMonkeyURL, "/v3") + "/v3/surveys/" + id + "/details"
	_, err = s.Client.GetJSON(ctx, s.request(token, u, fmt.Sprintf("SurveyMonkey survey %q", src.Config[ConfigSurvey])), &d)
	return &d, err
}

// Test reads the survey's details: it needs a valid token with access to the survey.
func (s *SurveyMonkey) Test(ctx context.Context, src *data.Source, token string) error {
	_, err := s.details(ctx, src, token)
	return err
}

// Fetch pages through the survey's responses; see SurveyMonkey.
func (s *SurveyMonkey) Fetch(ctx context.Context, src *data.Source, token, cursor string, emit EmitFunc) error {
	var cur surveyMonkeyCursor
	if err := decodeCursor(src, cursor, &cur); err != nil {
		return err
	}
	details, err := s.details(ctx, src, token)
	if err != nil {
		return err
	}
	m := newSurveyMonkeyMapper(src, details)
	id, _ := surveyID(src)
	base := baseURL(src, SurveyMonkeyURL, "/v3")
	per := s.PerPage
	if per <= 0 {
		per = 100
	}
	page := max(cur.Page, 1)
	q := url.Values{
		"per_page":   {strconv.Itoa(per)},
		"page":       {strconv.Itoa(page)},
		"sort_by":    {"date_modified"},
		"sort_order": {"ASC"},
	}
	if cur.Since != "" {
		q.Set("start_modified_at", cur.Since)
	}
	next := base + "/v3/surveys/" + id + "/responses/bulk?" + q.Encode()
	what := fmt.Sprintf("SurveyMonkey survey %q responses", src.Config[ConfigSurvey])
	for {
		p := surveyMonkeyPage{Data: make([]surveyMonkeyResponse, 0, per)} // see Typeform.Fetch
		if _, err := s.Client.GetJSON(ctx, s.request(token, next, what), &p); err != nil {
			return err
		}
		rs := make([]*data.Response, 0, len(p.Data))
		for i := range p.Data {
			d := &p.Data[i]
			if at := parseTime(d.DateModified); !at.IsZero() && (cur.Max == "" || at.After(parseTime(cur.Max))) {
				cur.Max = at.Format(time.RFC3339)
			}
			if r := m.response(d); r != nil {
				rs = append(rs, r)
			}
		}
		following := ""
		if p.Links.Next != "" && len(p.Data) > 0 {
			following = rebase(p.Links.Next, base)
		}
		if following == "" || following == next {
			cur = surveyMonkeyCursor{Since: sinceFrom(cur.Max, cur.Since)}
		} else {
			cur.Page = pageOf(following, page+1)
		}
		if err := emit(Page{Responses: rs, Cursor: encodeCursor(cur), Total: p.Total}); err != nil {
			return err
		}
		if cur.Page == 0 {
			return nil
		}
		next, page = following, cur.Page
	}
}

// sinceFrom is the start_modified_at of the next run: a second before the newest
// modification seen, or the current one when the run saw nothing.
func sinceFrom(maxSeen, current string) string {
	t := parseTime(maxSeen)
	if t.IsZero() {
		return current
	}
	return t.Add(-time.Second).Format(surveyMonkeyTime)
}

// rebase points a links.next URL at the configured base (scheme and host): the token must
// only travel to the server the user configured, whatever a page links to.
func rebase(link, base string) string {
	l, err := url.Parse(link)
	if err != nil {
		return ""
	}
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	l.Scheme, l.Host, l.User = b.Scheme, b.Host, nil
	if b.Path != "" && !strings.HasPrefix(l.Path, b.Path+"/") {
		l.Path = strings.TrimRight(b.Path, "/") + l.Path
	}
	return l.String()
}

// pageOf reads the page number of a page URL, or def.
func pageOf(link string, def int) int {
	u, err := url.Parse(link)
	if err != nil {
		return def
	}
	if n, err := strconv.Atoi(u.Query().Get("page")); err == nil && n > 0 {
		return n
	}
	return def
}

// surveyMonkeyMapper turns bulk responses into data.Responses using the survey details.
type surveyMonkeyMapper struct {
	src      *data.Source
	survey   string
	score    *surveyMonkeyQuestion
	scoreTyp string
	lo, hi   int
	values   map[smID]float64 // score of each choice of the score question
	comment  smID             // the first free-text question
	heading  map[smID]string
	choices  map[smID]string // choice and row labels of every question
}

func newSurveyMonkeyMapper(src *data.Source, d *surveyMonkeyDetails) *surveyMonkeyMapper {
	m := &surveyMonkeyMapper{src: src, survey: d.Title, values: map[smID]float64{},
		heading: map[smID]string{}, choices: map[smID]string{}}
	if m.survey == "" {
		m.survey = src.Config[ConfigSurvey]
	}
	var scales []*surveyMonkeyQuestion
	for pi := range d.Pages {
		for qi := range d.Pages[pi].Questions {
			q := &d.Pages[pi].Questions[qi]
			if len(q.Headings) > 0 {
				m.heading[q.ID] = plainText(q.Headings[0].Heading)
			}
			for _, c := range q.Answers.Choices {
				m.choices[c.ID] = plainText(c.Text)
			}
			for _, c := range q.Answers.Rows {
				m.choices[c.ID] = plainText(c.Text)
			}
			if q.Family == "open_ended" && m.comment == "" && q.Subtype != "numerical" && q.Subtype != "multi" {
				m.comment = q.ID
			}
			if isNPSQuestion(q) && (m.score == nil || !isNPSQuestion(m.score)) {
				m.score = q
			}
			if (q.Family == "single_choice" || q.Family == "matrix") && len(q.Answers.Choices) >= 2 {
				scales = append(scales, q)
			}
		}
	}
	// Without an NPS question, the first choice question whose choices are all numbers.
	for _, q := range scales {
		if m.score == nil && numericChoices(q) {
			m.score = q
		}
	}
	if m.score == nil {
		return m
	}
	first := true
	for i, c := range m.score.Answers.Choices {
		v, ok := leadingNumber(c.Text)
		switch {
		case ok:
		case c.Weight != nil:
			v = *c.Weight
		case isNPSQuestion(m.score):
			v = float64(i)
		default:
			continue
		}
		m.values[c.ID] = v
		if first || int(v) < m.lo {
			m.lo = int(v)
		}
		if first || int(v) > m.hi {
			m.hi = int(v)
		}
		first = false
	}
	switch {
	case isNPSQuestion(m.score):
		m.scoreTyp, m.lo, m.hi = data.TypeNPS, 0, 10
	case m.score.DisplayOptions.DisplaySubtype == "star":
		m.scoreTyp = data.TypeStar
	default:
		m.scoreTyp = classify(m.heading[m.score.ID], m.lo, m.hi)
	}
	m.scoreTyp = overrideType(src, m.scoreTyp)
	return m
}

// isNPSQuestion reports whether SurveyMonkey itself marks a question as Net Promoter Score.
func isNPSQuestion(q *surveyMonkeyQuestion) bool {
	for _, s := range []string{q.Family, q.Subtype, q.DisplayOptions.DisplayType, q.DisplayOptions.DisplaySubtype} {
		if strings.EqualFold(s, "nps") || strings.EqualFold(s, "net_promoter") {
			return true
		}
	}
	return false
}

func numericChoices(q *surveyMonkeyQuestion) bool {
	for _, c := range q.Answers.Choices {
		if _, ok := leadingNumber(c.Text); !ok {
			return false
		}
	}
	return true
}

func (m *surveyMonkeyMapper) response(d *surveyMonkeyResponse) *data.Response {
	if d.ID == "" || d.CollectionMode == "preview" || d.CollectionMode == "survey_preview" {
		return nil
	}
	r := &data.Response{
		ExternalID: string(d.ID),
		Survey:     m.survey,
		SurveyType: data.TypeScore,
		CreatedAt:  parseTime(d.DateCreated),
		UpdatedAt:  parseTime(d.DateModified),
		Permalink:  d.AnalyzeURL,
		Properties: map[string]string{},
		Answers:    map[string]string{},
	}
	if m.score != nil {
		r.SurveyType, r.ScaleMin, r.ScaleMax = m.scoreTyp, m.lo, m.hi
	}
	for _, p := range d.Pages {
		for _, q := range p.Questions {
			var texts []string
			for _, a := range q.Answers {
				switch {
				case m.score != nil && q.ID == m.score.ID && a.ChoiceID != "":
					if v, ok := m.values[a.ChoiceID]; ok {
						r.Score = data.Float(v)
						continue
					}
				case q.ID == m.comment && a.Text != "":
					r.Comment = a.Text
					continue
				}
				texts = append(texts, m.answerText(a.RowID, a.ChoiceID, a.Text))
			}
			if len(texts) > 0 {
				title := m.heading[q.ID]
				if title == "" {
					title = string(q.ID)
				}
				r.Answers[title] = strings.Join(texts, "; ")
			}
		}
	}
	for k, v := range d.CustomVariables {
		if s := anyString(v); s != "" {
			r.Properties[k] = s
		}
	}
	if d.CollectorID != "" {
		r.Properties["collector"] = string(d.CollectorID)
	}
	contact := func(k string) string { return anyString(d.Metadata.Contact[k].Value) }
	r.RespondentEmail = contact("email")
	r.RespondentName = strings.TrimSpace(contact("first_name") + " " + contact("last_name"))
	return r
}

// answerText renders one answer: "row: choice", the choice label, or the typed text.
func (m *surveyMonkeyMapper) answerText(row, choice smID, text string) string {
	var parts []string
	if row != "" && m.choices[row] != "" {
		parts = append(parts, m.choices[row]+":")
	}
	if choice != "" {
		if c := m.choices[choice]; c != "" {
			parts = append(parts, c)
		} else {
			parts = append(parts, string(choice))
		}
	}
	if text != "" {
		parts = append(parts, text)
	}
	return strings.Join(parts, " ")
}
