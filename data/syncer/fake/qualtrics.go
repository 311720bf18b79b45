package fake

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
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
	token, _ := s.settings()
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
	all := s.Responses()
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
	records := []qualtricsRecordJSON{}
	for i := range rs {
		records = append(records, qualtricsRecord(&rs[i]))
	}
	body, _ := json.Marshal(map[string]any{"responses": records})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// Deflated like Qualtrics' files, at the fastest level: the fake's CPU is not what a
	// benchmark of the client should measure.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	f, _ := zw.Create("Customer feedback.json")
	f.Write(body)
	zw.Close()
	return buf.Bytes()
}

type qualtricsRecordJSON struct {
	ResponseID      string              `json:"responseId"`
	Values          qualtricsValuesJSON `json:"values"`
	Labels          qualtricsLabelsJSON `json:"labels"`
	DisplayedFields []string            `json:"displayedFields"`
	DisplayedValues struct{}            `json:"displayedValues"`
}

type qualtricsValuesJSON struct {
	StartDate           string `json:"startDate"`
	EndDate             string `json:"endDate"`
	Status              int    `json:"status"`
	IPAddress           string `json:"ipAddress"`
	Progress            int    `json:"progress"`
	Duration            int    `json:"duration"`
	Finished            int    `json:"finished"`
	RecordedDate        string `json:"recordedDate"`
	RecordID            string `json:"_recordId"`
	RecipientEmail      string `json:"recipientEmail,omitempty"`
	LocationLatitude    string `json:"locationLatitude"`
	LocationLongitude   string `json:"locationLongitude"`
	DistributionChannel string `json:"distributionChannel"`
	UserLanguage        string `json:"userLanguage"`
	QID1                *int   `json:"QID1,omitempty"`
	QID1NPSGroup        int    `json:"QID1_NPS_GROUP,omitempty"`
	QID2Text            string `json:"QID2_TEXT,omitempty"`
	QID3                int    `json:"QID3,omitempty"`
	Region              string `json:"Region"`
}

type qualtricsLabelsJSON struct {
	Status       string `json:"status"`
	Finished     string `json:"finished"`
	QID1         string `json:"QID1,omitempty"`
	QID1NPSGroup string `json:"QID1_NPS_GROUP,omitempty"`
	QID3         string `json:"QID3,omitempty"`
}

func qualtricsRecord(x *Response) qualtricsRecordJSON {
	at := x.SubmittedAt.UTC()
	r := qualtricsRecordJSON{ResponseID: "R_" + x.ID, DisplayedFields: []string{"QID2_TEXT", "QID3"}}
	r.Values = qualtricsValuesJSON{
		StartDate: at.Add(-2 * time.Minute).Format(time.RFC3339), EndDate: at.Format(time.RFC3339),
		IPAddress: "192.0.2.10", Progress: 100, Duration: 120, Finished: 1,
		RecordedDate: at.Format(time.RFC3339), RecordID: x.ID, RecipientEmail: x.Email,
		LocationLatitude: "41.0082", LocationLongitude: "28.9784",
		DistributionChannel: "anonymous", UserLanguage: "EN", Region: x.Region, QID2Text: x.Comment,
	}
	r.Labels = qualtricsLabelsJSON{Status: "IP Address", Finished: "True"}
	if x.Score != nil {
		group := 1
		switch {
		case *x.Score >= 9:
			group = 3
		case *x.Score >= 7:
			group = 2
		}
		r.Values.QID1, r.Labels.QID1 = x.Score, strconv.Itoa(*x.Score)
		r.Values.QID1NPSGroup, r.Labels.QID1NPSGroup = group, []string{"", "Detractor", "Passive", "Promoter"}[group]
		r.DisplayedFields = append(r.DisplayedFields, "QID1")
	}
	if x.Plan != "" {
		r.Values.QID3, r.Labels.QID3 = map[string]int{"Free": 1, "Pro": 2, "Enterprise": 3}[x.Plan], x.Plan
	}
	return r
}
