package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"time"
)

// SurveyMonkey question and choice IDs of the fake survey.
const (
	SurveyMonkeyNPSQuestion     = "812000101"
	SurveyMonkeyCommentQuestion = "812000102"
	SurveyMonkeyPlanQuestion    = "812000103"
)

var surveyMonkeyPlans = map[string]string{"Free": "9001", "Pro": "9002", "Enterprise": "9003"}

// NewSurveyMonkey starts a fake of SurveyMonkey's API v3 for one survey:
// GET /v3/surveys/{id}/details and GET /v3/surveys/{id}/responses/bulk, Bearer token, with
// the X-Ratelimit-App-Global-* headers on every answer.
func NewSurveyMonkey(token, surveyID string) *Server {
	return newServer(token, func(s *Server) http.Handler {
		mux := http.NewServeMux()
		mux.HandleFunc("GET /v3/surveys/{id}/details", func(w http.ResponseWriter, r *http.Request) {
			if !s.surveyMonkeyAuth(w, r, surveyID) {
				return
			}
			writeJSON(w, surveyMonkeyDetails(surveyID))
		})
		mux.HandleFunc("GET /v3/surveys/{id}/responses/bulk", func(w http.ResponseWriter, r *http.Request) {
			if !s.surveyMonkeyAuth(w, r, surveyID) {
				return
			}
			s.surveyMonkeyBulk(w, r, surveyID)
		})
		return mux
	})
}

func (s *Server) surveyMonkeyAuth(w http.ResponseWriter, r *http.Request, surveyID string) bool {
	token, _ := s.settings()
	h := w.Header()
	h.Set("X-Ratelimit-App-Global-Minute-Limit", "120")
	h.Set("X-Ratelimit-App-Global-Minute-Remaining", "119")
	h.Set("X-Ratelimit-App-Global-Minute-Reset", "60")
	h.Set("X-Ratelimit-App-Global-Day-Limit", "500000")
	h.Set("X-Ratelimit-App-Global-Day-Remaining", "499999")
	h.Set("X-Ratelimit-App-Global-Day-Reset", "86400")
	if unauthorized(w, r.Header.Get("Authorization"), "Bearer "+token, surveyMonkeyError(1011, 401,
		"Authorization Error", "The authorization token provided was invalid.")) {
		return false
	}
	if r.PathValue("id") != surveyID {
		Status(http.StatusNotFound, surveyMonkeyError(1020, 404, "Resource Not Found",
			"There was an error retrieving the requested resource."))(w, r, nil)
		return false
	}
	return true
}

func surveyMonkeyError(id, status int, name, msg string) string {
	return fmt.Sprintf(`{"error":{"docs":"https://developer.surveymonkey.com/api/v3/#error-codes","message":%q,"id":"%d","name":%q,"http_status_code":%d}}`,
		msg, id, name, status)
}

func surveyMonkeyDetails(surveyID string) []byte {
	var choices []map[string]any
	for i := 0; i <= 10; i++ {
		choices = append(choices, map[string]any{"id": strconv.Itoa(7000 + i), "text": strconv.Itoa(i), "position": i + 1, "visible": true, "weight": i})
	}
	var plans []map[string]any
	for i, p := range []string{"Free", "Pro", "Enterprise"} {
		plans = append(plans, map[string]any{"id": surveyMonkeyPlans[p], "text": p, "position": i + 1, "visible": true})
	}
	d := map[string]any{
		"id": surveyID, "title": "Customer feedback", "language": "en", "question_count": 3, "page_count": 1,
		"date_created": "2026-01-01T09:00:00+00:00", "date_modified": "2026-01-01T09:00:00+00:00",
		"pages": []any{map[string]any{
			"id": "4100001", "position": 1, "title": "", "question_count": 3,
			"questions": []any{
				map[string]any{
					"id": SurveyMonkeyNPSQuestion, "position": 1, "visible": true, "family": "matrix", "subtype": "nps",
					"headings": []any{map[string]any{"heading": "How likely is it that you would recommend Acme to a friend or colleague?"}},
					"answers":  map[string]any{"rows": []any{map[string]any{"id": "7100", "text": "", "position": 1, "visible": true}}, "choices": choices},
				},
				map[string]any{
					"id": SurveyMonkeyCommentQuestion, "position": 2, "visible": true, "family": "open_ended", "subtype": "essay",
					"headings": []any{map[string]any{"heading": "What is the main reason for your score?"}},
				},
				map[string]any{
					"id": SurveyMonkeyPlanQuestion, "position": 3, "visible": true, "family": "single_choice", "subtype": "vertical",
					"headings": []any{map[string]any{"heading": "Which plan are you on?"}},
					"answers":  map[string]any{"choices": plans},
				},
			},
		}},
	}
	buf, _ := json.Marshal(d)
	return buf
}

// surveyMonkeyTime parses the API's date strings.
func surveyMonkeyTime(v string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func (s *Server) surveyMonkeyBulk(w http.ResponseWriter, r *http.Request, surveyID string) {
	_, repeat := s.settings()
	q := r.URL.Query()
	bad := func(msg string) {
		Status(http.StatusBadRequest, surveyMonkeyError(1003, 400, "Bad Request", msg))(w, r, nil)
	}
	per, page := 50, 1
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			bad("Invalid URL parameters: per_page must be between 1 and 100.")
			return
		}
		per = n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			bad("Invalid URL parameters: page.")
			return
		}
		page = n
	}
	var since time.Time
	if v := q.Get("start_modified_at"); v != "" {
		t, ok := surveyMonkeyTime(v)
		if !ok {
			bad("Invalid URL parameters: start_modified_at.")
			return
		}
		since = t
	}
	// Oldest first, then only those modified after start_modified_at, reversed for DESC.
	set := s.ordered("modified asc", func(a, b *Response) int { return a.modified().Compare(b.modified()) })
	if !since.IsZero() {
		set = set[sort.Search(len(set), func(i int) bool { return set[i].modified().Truncate(time.Second).After(since) }):]
	}
	if q.Get("sort_order") != "ASC" {
		set = slices.Clone(set)
		slices.Reverse(set)
	}
	total := len(set)
	from := min((page-1)*per, total)
	to := min(from+per, total)
	data := make([]surveyMonkeyResponseJSON, 0, per+1)
	if repeat && from > 0 {
		data = append(data, surveyMonkeyResponse(&set[from-1], surveyID))
	}
	for i := from; i < to; i++ {
		data = append(data, surveyMonkeyResponse(&set[i], surveyID))
	}
	link := func(p int) string {
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
		v := r.URL.Query()
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(per))
		u.RawQuery = v.Encode()
		return u.String()
	}
	links := map[string]string{"self": link(page)}
	last := max((total+per-1)/per, 1)
	links["last"] = link(last)
	if page < last {
		links["next"] = link(page + 1)
	}
	if page > 1 {
		links["prev"] = link(page - 1)
	}
	buf, _ := json.Marshal(map[string]any{"data": data, "per_page": per, "page": page, "total": total, "links": links})
	writeJSON(w, buf)
}

type surveyMonkeyResponseJSON struct {
	ID             string   `json:"id"`
	RecipientID    string   `json:"recipient_id"`
	CollectionMode string   `json:"collection_mode"`
	ResponseStatus string   `json:"response_status"`
	CustomValue    string   `json:"custom_value"`
	IPAddress      string   `json:"ip_address"`
	LogicPath      struct{} `json:"logic_path"`
	Metadata       struct {
		Contact *struct {
			Email struct {
				Type  string `json:"type"`
				Value string `json:"value"`
			} `json:"email"`
		} `json:"contact,omitempty"`
	} `json:"metadata"`
	PagePath        []string `json:"page_path"`
	CollectorID     string   `json:"collector_id"`
	SurveyID        string   `json:"survey_id"`
	CustomVariables struct {
		Region string `json:"region"`
	} `json:"custom_variables"`
	EditURL      string                 `json:"edit_url"`
	AnalyzeURL   string                 `json:"analyze_url"`
	TotalTime    int                    `json:"total_time"`
	DateCreated  string                 `json:"date_created"`
	DateModified string                 `json:"date_modified"`
	Href         string                 `json:"href"`
	Pages        []surveyMonkeyPageJSON `json:"pages"`
}

type surveyMonkeyPageJSON struct {
	ID        string                     `json:"id"`
	Questions []surveyMonkeyQuestionJSON `json:"questions"`
}

type surveyMonkeyQuestionJSON struct {
	ID      string                   `json:"id"`
	Answers []surveyMonkeyAnswerJSON `json:"answers"`
}

type surveyMonkeyAnswerJSON struct {
	ChoiceID string `json:"choice_id,omitempty"`
	RowID    string `json:"row_id,omitempty"`
	Text     string `json:"text,omitempty"`
}

func surveyMonkeyResponse(x *Response, surveyID string) surveyMonkeyResponseJSON {
	questions := []surveyMonkeyQuestionJSON{}
	if x.Score != nil {
		questions = append(questions, surveyMonkeyQuestionJSON{SurveyMonkeyNPSQuestion,
			[]surveyMonkeyAnswerJSON{{ChoiceID: strconv.Itoa(7000 + *x.Score), RowID: "7100"}}})
	}
	if x.Comment != "" {
		questions = append(questions, surveyMonkeyQuestionJSON{SurveyMonkeyCommentQuestion, []surveyMonkeyAnswerJSON{{Text: x.Comment}}})
	}
	if x.Plan != "" {
		questions = append(questions, surveyMonkeyQuestionJSON{SurveyMonkeyPlanQuestion, []surveyMonkeyAnswerJSON{{ChoiceID: surveyMonkeyPlans[x.Plan]}}})
	}
	r := surveyMonkeyResponseJSON{
		ID: x.ID, CollectionMode: "default", ResponseStatus: "completed", IPAddress: "192.0.2.10",
		PagePath: []string{}, CollectorID: "400500", SurveyID: surveyID,
		EditURL:      "https://www.surveymonkey.com/r/?sm=" + x.ID,
		AnalyzeURL:   "https://www.surveymonkey.com/analyze/browse/abc?respondent_id=" + x.ID,
		TotalTime:    42,
		DateCreated:  x.SubmittedAt.UTC().Format("2006-01-02T15:04:05+00:00"),
		DateModified: x.modified().UTC().Format("2006-01-02T15:04:05+00:00"),
		Href:         "https://api.surveymonkey.com/v3/surveys/" + surveyID + "/responses/" + x.ID,
		Pages:        []surveyMonkeyPageJSON{{ID: "4100001", Questions: questions}},
	}
	r.CustomVariables.Region = x.Region
	if x.Email != "" {
		r.Metadata.Contact = &struct {
			Email struct {
				Type  string `json:"type"`
				Value string `json:"value"`
			} `json:"email"`
		}{}
		r.Metadata.Contact.Email.Type, r.Metadata.Contact.Email.Value = "string", x.Email
	}
	return r
}
