package syncer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		text   string
		lo, hi int
		want   string
	}{
		{"How likely are you to recommend Acme to a friend?", 0, 10, data.TypeNPS},
		{"¿Recomendaría Acme a un amigo?", 0, 10, data.TypeNPS},
		{"Acme'yi bir arkadaşınıza tavsiye eder misiniz?", 0, 10, data.TypeNPS},
		{"Rate us from 0 to 10", 0, 10, data.TypeScore}, // a 0-10 scale alone is not NPS
		{"How likely are you to recommend us?", 1, 5, data.TypeScore},
		{"How satisfied are you with support?", 1, 5, data.TypeCSAT},
		{"Memnun kaldınız mı?", 1, 5, data.TypeCSAT},
		{"It was easy to handle my issue", 1, 7, data.TypeCES},
		{"¿Cuánto esfuerzo le costó?", 1, 5, data.TypeCES},
		{"Overall rating", 1, 5, data.TypeScore},
	}
	for _, tt := range tests {
		if got := classify(tt.text, tt.lo, tt.hi); got != tt.want {
			t.Errorf("classify(%q, %d, %d) = %q, want %q", tt.text, tt.lo, tt.hi, got, tt.want)
		}
	}
	if got := plainText("<p>What could we do <b>better</b>?&nbsp;Tell&amp;us</p>"); got != "What could we do better ? Tell&us" {
		t.Errorf("plainText = %q", got)
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct{ in, def, want string }{
		{"", TypeformURL, "https://api.typeform.com"},
		{"https://api.eu.typeform.com/", TypeformURL, "https://api.eu.typeform.com"},
		{"iad1.qualtrics.com", "", "https://iad1.qualtrics.com"},
		{"https://fra1.qualtrics.com/API/v3/", "", "https://fra1.qualtrics.com"},
		{"https://api.surveymonkey.com/v3", SurveyMonkeyURL, "https://api.surveymonkey.com"},
		{"http://127.0.0.1:8080", SurveyMonkeyURL, "http://127.0.0.1:8080"},
	}
	for _, tt := range tests {
		src := &data.Source{Config: map[string]string{ConfigURL: tt.in}}
		if got := baseURL(src, tt.def, "/API/v3", "/API", "/v3"); got != tt.want {
			t.Errorf("baseURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// qualtricsServer serves a hand-written export file and records what it was asked. The
// survey-definitions endpoint answers 404, the older survey endpoint oldStatus.
func qualtricsServer(t *testing.T, file []byte, oldStatus int) (*httptest.Server, *[]string) {
	var calls []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls = append(calls, r.Method+" "+r.URL.Path)
		if r.Header.Get("X-API-TOKEN") != testToken {
			w.WriteHeader(401)
			return
		}
		switch {
		case strings.Contains(r.URL.Path, "/survey-definitions/"):
			w.WriteHeader(404)
		case r.URL.Path == "/API/v3/surveys/SV_1":
			w.WriteHeader(oldStatus)
			w.Write([]byte(`{"result":{"name":"Old endpoint survey","questions":{"QID7":{"questionType":{"type":"MC","selector":"NPS"},"questionText":"Recommend?","choices":{"1":{"recode":"0","description":"0"}}}}}}`))
		case r.Method == http.MethodPost:
			var body map[string]any
			json.NewDecoder(r.Body).Decode(&body)
			if body["format"] != "json" || body["allowContinuation"] != true {
				w.WriteHeader(400)
				return
			}
			w.Write([]byte(`{"result":{"progressId":"ES_1","status":"inProgress","percentComplete":0}}`))
		case strings.HasSuffix(r.URL.Path, "/ES_1"):
			w.Write([]byte(`{"result":{"status":"complete","percentComplete":100,"fileId":"F1","continuationToken":"next"}}`))
		case strings.HasSuffix(r.URL.Path, "/F1/file"):
			w.Write(file)
		default:
			w.WriteHeader(404)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func fetchAll(t *testing.T, c Connector, src *data.Source) ([]*data.Response, string, error) {
	t.Helper()
	var all []*data.Response
	var cursor string
	err := c.Fetch(context.Background(), src, testToken, "", func(p Page) error {
		all = append(all, p.Responses...)
		cursor = p.Cursor
		return nil
	})
	return all, cursor, err
}

func TestQualtrics_WithoutDefinition(t *testing.T) {
	file := []byte(`{"responses":[
	 {"responseId":"R_1","values":{"status":0,"recordedDate":"2026-02-01T10:00:00Z","QID5":10,"QID5_NPS_GROUP":3,"QID6_TEXT":"Great","plan":"Pro","QID9":[1,3]},
	  "labels":{"QID5":"10","QID5_NPS_GROUP":"Promoter","QID9":["Email","Chat"]}},
	 {"responseId":"R_2","values":{"status":1,"recordedDate":"2026-02-01T11:00:00Z","QID5":3,"QID5_NPS_GROUP":1}},
	 {"responseId":"R_3","values":{"status":0,"recordedDate":"2026-02-01T12:00:00.123Z","QID5":2,"QID5_NPS_GROUP":1},"labels":{"QID5":"2"}}
	]}` + "\n")
	srv, calls := qualtricsServer(t, file, 404)
	q := &Qualtrics{Client: fastClient(t), PollInterval: time.Millisecond}
	src := &data.Source{Name: "q", Config: map[string]string{ConfigURL: srv.URL, ConfigSurvey: "SV_1"}}
	rs, cursor, err := fetchAll(t, q, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("got %d responses, want 2 (the preview skipped)", len(rs))
	}
	r := rs[0]
	if r.ExternalID != "R_1" || r.SurveyType != data.TypeNPS || r.Score == nil || *r.Score != 10 || r.Comment != "Great" {
		t.Errorf("R_1 = %+v", r)
	}
	if r.Properties["plan"] != "Pro" || r.Answers["QID9"] != "Email; Chat" || r.Survey != "SV_1" {
		t.Errorf("R_1 properties %v answers %v survey %q", r.Properties, r.Answers, r.Survey)
	}
	if want := time.Date(2026, 2, 1, 12, 0, 0, 123e6, time.UTC); !rs[1].CreatedAt.Equal(want) {
		t.Errorf("R_3 created %v", rs[1].CreatedAt)
	}
	if cursor != `{"continuation_token":"next"}` {
		t.Errorf("cursor = %s", cursor)
	}
	if !strings.Contains(strings.Join(*calls, ","), "GET /API/v3/surveys/SV_1") {
		t.Errorf("no fallback to the survey endpoint: %v", *calls)
	}
}

func TestQualtrics_OldSurveyEndpointAndEditedRecodes(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("survey.json")
	// Recodes were edited to 1..11, but labels still read 0..10: the label wins.
	f.Write([]byte(`{"responses":[{"responseId":"R_9","values":{"recordedDate":"2026-02-01T10:00:00Z","QID7":10},"labels":{"QID7":"9"}}]}`))
	zw.Close()
	srv, _ := qualtricsServer(t, buf.Bytes(), 200)
	q := &Qualtrics{Client: fastClient(t), PollInterval: time.Millisecond}
	src := &data.Source{Name: "q", Config: map[string]string{ConfigURL: srv.URL, ConfigSurvey: "SV_1"}}
	rs, _, err := fetchAll(t, q, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Score == nil || *rs[0].Score != 9 || rs[0].SurveyType != data.TypeNPS || rs[0].Survey != "Old endpoint survey" {
		t.Fatalf("got %+v", rs)
	}
}

func TestQualtrics_ExportFailed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.Path, "definitions"):
			w.Write([]byte(`{"result":{"SurveyName":"S","Questions":{}}}`))
		case r.Method == http.MethodPost:
			w.Write([]byte(`{"result":{"progressId":"ES_1","status":"inProgress"}}`))
		default:
			w.Write([]byte(`{"result":{"fileId":null,"percentComplete":100,"status":"failed"}}`))
		}
	}))
	defer srv.Close()
	q := &Qualtrics{Client: fastClient(t), PollInterval: time.Millisecond}
	src := &data.Source{Name: "q", Config: map[string]string{ConfigURL: srv.URL, ConfigSurvey: "SV_1"}}
	_, _, err := fetchAll(t, q, src)
	if err == nil || !strings.Contains(err.Error(), "reports the export failed") || data.ErrorCode(err) != data.EUNAVAILABLE {
		t.Fatalf("err = %v", err)
	}
}

func TestSurveyMonkey_NextLinkStaysOnConfiguredHost(t *testing.T) {
	tests := []struct{ link, base, want string }{
		{"https://api.surveymonkey.com/v3/surveys/1/responses/bulk?page=2&per_page=100", "http://127.0.0.1:9000",
			"http://127.0.0.1:9000/v3/surveys/1/responses/bulk?page=2&per_page=100"},
		{"https://evil.example/v3/surveys/1/responses/bulk?page=3", "https://api.eu.surveymonkey.com",
			"https://api.eu.surveymonkey.com/v3/surveys/1/responses/bulk?page=3"},
		{"/v3/surveys/1/responses/bulk?page=4", "https://proxy.example/sm",
			"https://proxy.example/sm/v3/surveys/1/responses/bulk?page=4"},
	}
	for _, tt := range tests {
		if got := rebase(tt.link, tt.base); got != tt.want {
			t.Errorf("rebase(%q, %q) = %q, want %q", tt.link, tt.base, got, tt.want)
		}
	}
	if got := pageOf("http://h/v3/x?page=7&per_page=1", 2); got != 7 {
		t.Errorf("pageOf = %d", got)
	}
}

func TestTypeform_SinceFormat(t *testing.T) {
	var since []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/responses") {
			since = append(since, r.URL.Query().Get("since"))
			w.Write([]byte(`{"total_items":0,"page_count":1,"items":[]}`))
			return
		}
		w.Write([]byte(`{"id":"F","title":"T","fields":[]}`))
	}))
	defer srv.Close()
	tf := &Typeform{Client: fastClient(t)}
	src := &data.Source{Name: "t", Config: map[string]string{ConfigURL: srv.URL, ConfigSurvey: "F"}}
	var cursor string
	err := tf.Fetch(context.Background(), src, testToken, `{"since":"2026-03-20T14:00:59Z"}`, func(p Page) error {
		cursor = p.Cursor
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(since) != 1 || since[0] != "2026-03-20T14:00:59" {
		t.Errorf("since sent as %q, want the reference's format 2026-03-20T14:00:59", since)
	}
	if cursor != `{"since":"2026-03-20T14:00:59Z"}` {
		t.Errorf("an empty page moved the cursor to %s", cursor)
	}
	if err := tf.Fetch(context.Background(), src, testToken, `not json`, func(Page) error { return nil }); data.ErrorCode(err) != data.EINVALID ||
		!strings.Contains(err.Error(), "--full") {
		t.Errorf("damaged cursor: %v", err)
	}
}
