package fake

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// Typeform field IDs of the fake form.
const (
	TypeformNPSField     = "Nps4Fld01aB"
	TypeformCommentField = "Txt4Fld02cD"
	TypeformPlanField    = "Pln4Fld03eF"
	TypeformEmailField   = "Eml4Fld04gH"
)

// NewTypeform starts a fake of Typeform's Create and Responses APIs for one form:
// GET /forms/{form_id} and GET /forms/{form_id}/responses, Bearer token.
func NewTypeform(token, formID string) *Server {
	return newServer(token, func(s *Server) http.Handler {
		mux := http.NewServeMux()
		mux.HandleFunc("GET /forms/{id}", func(w http.ResponseWriter, r *http.Request) {
			if !s.typeformAuth(w, r, formID) {
				return
			}
			writeJSON(w, []byte(`{"id":"`+formID+`","title":"Customer feedback","type":"quiz",
"fields":[
 {"id":"`+TypeformNPSField+`","ref":"nps","title":"How likely are you to recommend Acme to a friend?","type":"nps","properties":{"labels":{"left":"Not likely","right":"Very likely"}}},
 {"id":"`+TypeformCommentField+`","ref":"why","title":"Tell us more: what could we do <b>better</b>?","type":"long_text","properties":{}},
 {"id":"grp","ref":"about","title":"About you","type":"group","properties":{"fields":[
  {"id":"`+TypeformPlanField+`","ref":"plan","title":"Which plan are you on?","type":"multiple_choice","properties":{"choices":[{"label":"Free"},{"label":"Pro"},{"label":"Enterprise"}]}},
  {"id":"`+TypeformEmailField+`","ref":"email","title":"Your email (optional)","type":"email"}]}}],
"hidden":["region"]}`))
		})
		mux.HandleFunc("GET /forms/{id}/responses", func(w http.ResponseWriter, r *http.Request) {
			if !s.typeformAuth(w, r, formID) {
				return
			}
			s.typeformResponses(w, r)
		})
		return mux
	})
}

func (s *Server) typeformAuth(w http.ResponseWriter, r *http.Request, formID string) bool {
	_, token, _ := s.snapshot()
	if unauthorized(w, r.Header.Get("Authorization"), "Bearer "+token,
		`{"code":"AUTHENTICATION_FAILED","description":"Authentication credentials not found on the Request Headers"}`) {
		return false
	}
	if r.PathValue("id") != formID {
		Status(http.StatusNotFound, `{"code":"FORM_NOT_FOUND","description":"Non-existing form with uid `+r.PathValue("id")+`"}`)(w, r, nil)
		return false
	}
	return true
}

// typeformTime parses since/until: Unix seconds or ISO 8601 UTC to the second.
func typeformTime(v string) (time.Time, bool) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range []string{"2006-01-02T15:04:05", time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func (s *Server) typeformResponses(w http.ResponseWriter, r *http.Request) {
	all, _, repeat := s.snapshot()
	q := r.URL.Query()
	bad := func(msg string) {
		Status(http.StatusBadRequest, `{"code":"VALIDATION_ERROR","description":"`+msg+`"}`)(w, r, nil)
	}
	size := 25
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			bad("page_size must be between 1 and 1000")
			return
		}
		size = n
	}
	if (q.Has("before") || q.Has("after")) && q.Has("sort") {
		bad("before/after cannot be used with sort")
		return
	}
	var since, until time.Time
	if v := q.Get("since"); v != "" {
		t, ok := typeformTime(v)
		if !ok {
			bad("since is not a valid date")
			return
		}
		since = t
	}
	if v := q.Get("until"); v != "" {
		t, ok := typeformTime(v)
		if !ok {
			bad("until is not a valid date")
			return
		}
		until = t
	}
	// Newest first; since and until are inclusive, to the second.
	var set []Response
	for _, x := range all {
		at := x.SubmittedAt.Truncate(time.Second)
		if (!since.IsZero() && at.Before(since)) || (!until.IsZero() && at.After(until)) {
			continue
		}
		set = append(set, x)
	}
	sort.SliceStable(set, func(i, j int) bool { return set[i].SubmittedAt.After(set[j].SubmittedAt) })
	total := len(set)
	if tok := q.Get("before"); tok != "" {
		i := indexOf(set, tok)
		if i < 0 {
			bad("unknown token in before")
			return
		}
		set = set[i+1:]
	} else if tok := q.Get("after"); tok != "" {
		i := indexOf(set, tok)
		if i < 0 {
			bad("unknown token in after")
			return
		}
		set = set[:i]
		if len(set) > size {
			set = set[len(set)-size:]
		}
	}
	if len(set) > size {
		set = set[:size]
	}
	items := make([]any, 0, len(set)+1)
	for i := range set {
		items = append(items, typeformItem(&set[i]))
	}
	if repeat && len(set) > 1 {
		items = append(items, typeformItem(&set[0]))
	}
	pages := (total + size - 1) / size
	buf, _ := json.Marshal(map[string]any{"total_items": total, "page_count": pages, "items": items})
	writeJSON(w, buf)
}

func indexOf(rs []Response, token string) int {
	for i := range rs {
		if rs[i].ID == token {
			return i
		}
	}
	return -1
}

func typeformItem(x *Response) map[string]any {
	field := func(id, typ, ref string) map[string]string {
		return map[string]string{"id": id, "type": typ, "ref": ref}
	}
	answers := []any{}
	if x.Score != nil {
		answers = append(answers, map[string]any{"field": field(TypeformNPSField, "nps", "nps"), "type": "number", "number": *x.Score})
	}
	if x.Comment != "" {
		answers = append(answers, map[string]any{"field": field(TypeformCommentField, "long_text", "why"), "type": "text", "text": x.Comment})
	}
	if x.Plan != "" {
		answers = append(answers, map[string]any{"field": field(TypeformPlanField, "multiple_choice", "plan"), "type": "choice", "choice": map[string]string{"label": x.Plan}})
	}
	if x.Email != "" {
		answers = append(answers, map[string]any{"field": field(TypeformEmailField, "email", "email"), "type": "email", "email": x.Email})
	}
	at := x.SubmittedAt.UTC()
	return map[string]any{
		"landing_id":   x.ID,
		"token":        x.ID,
		"response_id":  x.ID,
		"landed_at":    at.Add(-time.Minute).Format(time.RFC3339),
		"submitted_at": at.Format(time.RFC3339),
		"metadata": map[string]string{
			"user_agent": "Mozilla/5.0", "platform": "other", "referer": "https://acme.typeform.com/to/abc",
			"network_id": "3a5f7c", "browser": "default",
		},
		"hidden":     map[string]string{"region": x.Region},
		"calculated": map[string]int{"score": 0},
		"answers":    answers,
	}
}
