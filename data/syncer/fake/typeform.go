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
	token, _ := s.settings()
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
	_, repeat := s.settings()
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
	set := s.ordered("submitted desc", func(a, b *Response) int { return b.SubmittedAt.Compare(a.SubmittedAt) })
	if !since.IsZero() {
		set = set[:sort.Search(len(set), func(i int) bool { return set[i].SubmittedAt.Truncate(time.Second).Before(since) })]
	}
	if !until.IsZero() {
		set = set[sort.Search(len(set), func(i int) bool { return !set[i].SubmittedAt.Truncate(time.Second).After(until) }):]
	}
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
	items := make([]typeformItemJSON, 0, len(set)+1)
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

// The wire types are structs, not maps: encoding maps sorts their keys, which would make
// the fake, not the client, the cost a benchmark measures.
type typeformItemJSON struct {
	LandingID   string               `json:"landing_id"`
	Token       string               `json:"token"`
	ResponseID  string               `json:"response_id"`
	LandedAt    string               `json:"landed_at"`
	SubmittedAt string               `json:"submitted_at"`
	Metadata    typeformMetadataJSON `json:"metadata"`
	Hidden      struct {
		Region string `json:"region"`
	} `json:"hidden"`
	Calculated struct {
		Score int `json:"score"`
	} `json:"calculated"`
	Answers []typeformAnswerJSON `json:"answers"`
}

type typeformMetadataJSON struct {
	UserAgent string `json:"user_agent"`
	Platform  string `json:"platform"`
	Referer   string `json:"referer"`
	NetworkID string `json:"network_id"`
	Browser   string `json:"browser"`
}

type typeformAnswerJSON struct {
	Field struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Ref  string `json:"ref"`
	} `json:"field"`
	Type   string `json:"type"`
	Number *int   `json:"number,omitempty"`
	Text   string `json:"text,omitempty"`
	Email  string `json:"email,omitempty"`
	Choice *struct {
		Label string `json:"label"`
	} `json:"choice,omitempty"`
}

func typeformItem(x *Response) typeformItemJSON {
	answer := func(id, fieldType, ref, typ string) typeformAnswerJSON {
		var a typeformAnswerJSON
		a.Field.ID, a.Field.Type, a.Field.Ref, a.Type = id, fieldType, ref, typ
		return a
	}
	answers := []typeformAnswerJSON{}
	if x.Score != nil {
		a := answer(TypeformNPSField, "nps", "nps", "number")
		a.Number = x.Score
		answers = append(answers, a)
	}
	if x.Comment != "" {
		a := answer(TypeformCommentField, "long_text", "why", "text")
		a.Text = x.Comment
		answers = append(answers, a)
	}
	if x.Plan != "" {
		a := answer(TypeformPlanField, "multiple_choice", "plan", "choice")
		a.Choice = &struct {
			Label string `json:"label"`
		}{x.Plan}
		answers = append(answers, a)
	}
	if x.Email != "" {
		a := answer(TypeformEmailField, "email", "email", "email")
		a.Email = x.Email
		answers = append(answers, a)
	}
	at := x.SubmittedAt.UTC()
	item := typeformItemJSON{
		LandingID: x.ID, Token: x.ID, ResponseID: x.ID,
		LandedAt:    at.Add(-time.Minute).Format(time.RFC3339),
		SubmittedAt: at.Format(time.RFC3339),
		Metadata: typeformMetadataJSON{UserAgent: "Mozilla/5.0", Platform: "other",
			Referer: "https://acme.typeform.com/to/abc", NetworkID: "3a5f7c", Browser: "default"},
		Answers: answers,
	}
	item.Hidden.Region = x.Region
	return item
}
