package fake

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// NewQualtrics starts a fake of Qualtrics' API v3 for one survey (X-API-TOKEN header):
// survey definitions, and the response export (start, progress, file as a zip of JSON) with
// continuation tokens. An export reports "inProgress" on its first progress check.
func NewQualtrics(token, surveyID string) *Server {
	q := &qualtricsState{exports: map[string]*qualtricsExport{}, files: map[string][]byte{}}
	return newServer(token, func(s *Server) http.Handler {
		mux := http.NewServeMux()
		prefix := "/API/v3/surveys/{id}/export-responses"
		mux.HandleFunc("GET /API/v3/survey-definitions/{id}", func(w http.ResponseWriter, r *http.Request) {
			if s.qualtricsAuth(w, r, surveyID) {
				writeJSON(w, qualtricsDefinition(surveyID))
			}
		})
		mux.HandleFunc("POST "+prefix, func(w http.ResponseWriter, r *http.Request) {
			if s.qualtricsAuth(w, r, surveyID) {
				q.start(s, w, r)
			}
		})
		mux.HandleFunc("GET "+prefix+"/{progressId}", func(w http.ResponseWriter, r *http.Request) {
			if s.qualtricsAuth(w, r, surveyID) {
				q.progress(w, r)
			}
		})
		mux.HandleFunc("GET "+prefix+"/{fileId}/file", func(w http.ResponseWriter, r *http.Request) {
			if s.qualtricsAuth(w, r, surveyID) {
				q.file(w, r)
			}
		})
		return mux
	})
}

func qualtricsMeta(status string) string {
	return fmt.Sprintf(`"meta":{"requestId":"7a9150e0-08bb-4953-89cf-ef8a157b8aa7","httpStatus":%q}`, status)
}

func qualtricsError(status, code, msg string) string {
	return fmt.Sprintf(`{"meta":{"httpStatus":%q,"error":{"errorMessage":%q,"errorCode":%q},"requestId":"b2f0"}}`, status, msg, code)
}

func (s *Server) qualtricsAuth(w http.ResponseWriter, r *http.Request, surveyID string) bool {
	_, token, _ := s.snapshot()
	if unauthorized(w, r.Header.Get("X-API-TOKEN"), token, qualtricsError("401 - Unauthorized", "AUTH.1", "Invalid access token.")) {
		return false
	}
	if r.PathValue("id") != surveyID {
		Status(http.StatusNotFound, qualtricsError("404 - Not Found", "QVAL_2", "Requested resource does not exist."))(w, r, nil)
		return false
	}
	return true
}

func qualtricsDefinition(surveyID string) []byte {
	nps := map[string]any{}
	for i := 0; i <= 10; i++ {
		nps[strconv.Itoa(i)] = map[string]string{"Display": strconv.Itoa(i)}
	}
	plans := map[string]any{"1": map[string]string{"Display": "Free"}, "2": map[string]string{"Display": "Pro"}, "3": map[string]string{"Display": "Enterprise"}}
	def := map[string]any{
		"result": map[string]any{
			"SurveyID": surveyID, "SurveyName": "Customer feedback", "SurveyStatus": "Active",
			"Questions": map[string]any{
				"QID1": map[string]any{"QuestionID": "QID1", "QuestionText": "How likely are you to recommend Acme to a friend?",
					"DataExportTag": "Q1", "QuestionType": "MC", "Selector": "NPS", "SubSelector": "TX", "Choices": nps},
				"QID2": map[string]any{"QuestionID": "QID2", "QuestionText": "<p>Tell us more: what could we do <strong>better</strong>?</p>",
					"DataExportTag": "Q2", "QuestionType": "TE", "Selector": "ESTB"},
				"QID3": map[string]any{"QuestionID": "QID3", "QuestionText": "Which plan are you on?",
					"DataExportTag": "Q3", "QuestionType": "MC", "Selector": "SAVR", "Choices": plans},
			},
		},
	}
	buf, _ := json.Marshal(def)
	return buf
}

type qualtricsState struct {
	mu      sync.Mutex
	next    int
	exports map[string]*qualtricsExport
	files   map[string][]byte
}

type qualtricsExport struct {
	fileID, continuation string
	checks               int
}

func (q *qualtricsState) start(s *Server, w http.ResponseWriter, r *http.Request) {
	var body struct {
		Format            string `json:"format"`
		AllowContinuation bool   `json:"allowContinuation"`
		ContinuationToken string `json:"continuationToken"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Format == "" {
		Status(http.StatusBadRequest, qualtricsError("400 - Bad Request", "RCE_1", "Invalid request. Missing or invalid parameter format."))(w, r, nil)
		return
	}
	if body.Format != "json" {
		Status(http.StatusBadRequest, qualtricsError("400 - Bad Request", "RCE_2", "This fake only exports json."))(w, r, nil)
		return
	}
	all, _, _ := s.snapshot()
	from := 0
	if body.ContinuationToken != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(body.ContinuationToken, "CT_"))
		if err != nil || n > len(all) {
			Status(http.StatusBadRequest, qualtricsError("400 - Bad Request", "RCE_3", "Invalid continuation token."))(w, r, nil)
			return
		}
		from = n
	}
	q.mu.Lock()
	q.next++
	id := fmt.Sprintf("ES_%06d", q.next)
	fileID := fmt.Sprintf("%08d-f11e-4e5a-9d1f-000000000000", q.next)
	e := &qualtricsExport{fileID: fileID}
	if body.AllowContinuation || body.ContinuationToken != "" {
		e.continuation = fmt.Sprintf("CT_%d", len(all))
	}
	q.exports[id] = e
	q.files[fileID] = qualtricsZip(all[from:])
	q.mu.Unlock()
	writeJSON(w, []byte(`{"result":{"progressId":"`+id+`","percentComplete":0.0,"status":"inProgress"},`+qualtricsMeta("200 - OK")+`}`))
}

func (q *qualtricsState) progress(w http.ResponseWriter, r *http.Request) {
	q.mu.Lock()
	e := q.exports[r.PathValue("progressId")]
	if e != nil {
		e.checks++
	}
	q.mu.Unlock()
	if e == nil {
		Status(http.StatusNotFound, qualtricsError("404 - Not Found", "QVAL_2", "Export not found."))(w, r, nil)
		return
	}
	if e.checks == 1 {
		writeJSON(w, []byte(`{"result":{"percentComplete":50.0,"status":"inProgress"},`+qualtricsMeta("200 - OK")+`}`))
		return
	}
	result := map[string]any{"percentComplete": 100.0, "status": "complete", "fileId": e.fileID}
	if e.continuation != "" {
		result["continuationToken"] = e.continuation
	}
	buf, _ := json.Marshal(result)
	writeJSON(w, []byte(`{"result":`+string(buf)+`,`+qualtricsMeta("200 - OK")+`}`))
}

func (q *qualtricsState) file(w http.ResponseWriter, r *http.Request) {
	q.mu.Lock()
	f := q.files[r.PathValue("fileId")]
	q.mu.Unlock()
	if f == nil {
		Status(http.StatusNotFound, qualtricsError("404 - Not Found", "QVAL_2", "File not found."))(w, r, nil)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="Customer feedback.zip"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(f)))
	w.Write(f)
}

// qualtricsZip renders responses as an export file: a zip holding one JSON file.
func qualtricsZip(rs []Response) []byte {
	records := []any{}
	for i := range rs {
		records = append(records, qualtricsRecord(&rs[i]))
	}
	body, _ := json.Marshal(map[string]any{"responses": records})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("Customer feedback.json")
	f.Write(body)
	zw.Close()
	return buf.Bytes()
}

func qualtricsRecord(x *Response) map[string]any {
	at := x.SubmittedAt.UTC()
	values := map[string]any{
		"startDate": at.Add(-2 * time.Minute).Format(time.RFC3339), "endDate": at.Format(time.RFC3339),
		"status": 0, "ipAddress": "192.0.2.10", "progress": 100, "duration": 120, "finished": 1,
		"recordedDate": at.Format(time.RFC3339), "_recordId": x.ID,
		"locationLatitude": "41.0082", "locationLongitude": "28.9784",
		"distributionChannel": "anonymous", "userLanguage": "EN", "Region": x.Region,
	}
	labels := map[string]any{"status": "IP Address", "finished": "True"}
	displayed := []string{"QID2_TEXT", "QID3"}
	if x.Score != nil {
		group := 1
		switch {
		case *x.Score >= 9:
			group = 3
		case *x.Score >= 7:
			group = 2
		}
		values["QID1"], labels["QID1"] = *x.Score, strconv.Itoa(*x.Score)
		values["QID1_NPS_GROUP"], labels["QID1_NPS_GROUP"] = group, []string{"", "Detractor", "Passive", "Promoter"}[group]
		displayed = append(displayed, "QID1")
	}
	if x.Comment != "" {
		values["QID2_TEXT"] = x.Comment
	}
	if x.Plan != "" {
		n := map[string]int{"Free": 1, "Pro": 2, "Enterprise": 3}[x.Plan]
		values["QID3"], labels["QID3"] = n, x.Plan
	}
	if x.Email != "" {
		values["recipientEmail"] = x.Email
	}
	return map[string]any{"responseId": "R_" + x.ID, "values": values, "labels": labels,
		"displayedFields": displayed, "displayedValues": map[string]any{}}
}
