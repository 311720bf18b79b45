package formats

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// parseAll reads every response of an export.
func parseAll(t *testing.T, name string, body []byte, opts Options) ([]*data.Response, *Parser, error) {
	t.Helper()
	p, err := Open(bytes.NewReader(body), name, opts)
	if err != nil {
		return nil, nil, err
	}
	var out []*data.Response
	for {
		r, err := p.Next()
		if err == io.EOF {
			return out, p, nil
		}
		if err != nil {
			return out, p, err
		}
		out = append(out, r)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// summary is what a test checks of a whole file, computed independently from the raw
// export for the shared fixtures (see the numbers in TestOpen_Files).
type summary struct {
	Responses, Scored, Comments int
	ScoreSum                    float64
	Types                       map[string]int
}

func summarize(rs []*data.Response) summary {
	s := summary{Responses: len(rs), Types: map[string]int{}}
	for _, r := range rs {
		if r.Score != nil {
			s.Scored++
			s.ScoreSum += *r.Score
		}
		if r.Comment != "" {
			s.Comments++
		}
		s.Types[r.SurveyType]++
	}
	return s
}

func byID(rs []*data.Response, id string) *data.Response {
	for _, r := range rs {
		if r.ExternalID == id {
			return r
		}
	}
	return nil
}

func skipLines(s Skips) map[string][]int {
	out := map[string][]int{}
	for reason, k := range s {
		out[reason] = k.Lines
	}
	return out
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is one expected response, field by field; zero fields are not checked.
type want struct {
	id, typ, comment, email, name, permalink string
	score                                    *float64
	noScore                                  bool
	scale                                    [2]int
	at                                       time.Time
	props, answers                           map[string]string
	tags, notes                              []string
}

func (w want) check(t *testing.T, rs []*data.Response) {
	t.Helper()
	r := byID(rs, w.id)
	if r == nil {
		t.Errorf("no response %s", w.id)
		return
	}
	eq := func(field string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s = %#v, want %#v", w.id, field, got, want)
		}
	}
	if w.typ != "" {
		eq("SurveyType", r.SurveyType, w.typ)
		eq("scale", [2]int{r.ScaleMin, r.ScaleMax}, w.scale)
	}
	if w.score != nil {
		if r.Score == nil {
			t.Errorf("%s has no score, want %v", w.id, *w.score)
		} else {
			eq("Score", *r.Score, *w.score)
		}
	}
	if w.noScore && r.Score != nil {
		t.Errorf("%s score %v, want none", w.id, *r.Score)
	}
	if w.comment != "" {
		eq("Comment", r.Comment, w.comment)
	}
	if w.email != "" {
		eq("RespondentEmail", r.RespondentEmail, w.email)
	}
	if w.name != "" {
		eq("RespondentName", r.RespondentName, w.name)
	}
	if w.permalink != "" {
		eq("Permalink", r.Permalink, w.permalink)
	}
	if !w.at.IsZero() {
		eq("CreatedAt", r.CreatedAt, w.at)
	}
	if w.props != nil {
		eq("Properties", r.Properties, w.props)
	}
	if w.answers != nil {
		eq("Answers", r.Answers, w.answers)
	}
	if w.tags != nil {
		eq("Tags", r.Tags, w.tags)
	}
	if w.notes != nil {
		eq("Notes", r.Notes, w.notes)
	}
}

func f(v float64) *float64 { return &v }

func TestOpen_Files(t *testing.T) {
	const csatQ = "Overall, how satisfied are you with Acme? (1 = very dissatisfied, 5 = very satisfied)"
	const istanbulCSAT = "Genel olarak Acme'den ne kadar memnunsunuz? (1 = hiç memnun değilim, 5 = çok memnunum)"
	cases := []struct {
		path   string
		format string
		read   int
		skips  map[string][]int
		sum    summary
		rows   []want
	}{
		{
			// Counts from Python's csv module over the raw file: 33 rows with Status 0 and
			// Finished 1; 30 scores summing to 222; 27 non-blank comments.
			path: fixture("sample_qualtrics_v3.csv"), format: FormatQualtrics, read: 40,
			skips: map[string][]int{skipPreview: {10, 21, 35, 46}, skipUnfinished: {14, 30, 43}},
			sum:   summary{Responses: 33, Scored: 30, ScoreSum: 222, Comments: 27, Types: map[string]int{"nps": 33}},
			rows: []want{
				{id: "R_6a08e4807e06ce6", typ: "nps", scale: [2]int{0, 10}, score: f(8),
					comment: `Great product, but "support" was slow`, at: utc("2026-02-01T15:00:30Z"),
					props: map[string]string{"channel": "email", "language": "EN", "region": "North America"}},
				{id: "R_aeb3b1fc8ab80d2", comment: "Line one\nLine two, with comma\n\nLine four after a blank line",
					answers: map[string]string{csatQ: "4"}},
				{id: "R_1e648292dac4420", comment: `She said ""wow"" — literally`},
				{id: "R_59c55c01ce8999c", comment: "Çok güzel ama ödeme ekranı yavaş; İstanbul şubesi ığdır ĞÜŞİÖÇ ğüşıöç"},
				{id: "R_599a3d691b01cf5", noScore: true, comment: "Love it 😀👍🏽 👩‍👩‍👧 🇹🇷"},
				{id: "R_d7d4ac3d6d7e348", comment: "   leading and trailing spaces   "},
				{id: "R_413fd273be2f2e9", comment: "Tab\tinside", answers: map[string]string(nil)},
				{id: "R_c385756832f097e", score: f(7), answers: map[string]string{csatQ: "3"}},
			},
		},
		{
			path: fixture("sample_surveymonkey.csv"), format: FormatSurveyMonkey, read: 30, skips: map[string][]int{},
			sum: summary{Responses: 30, Scored: 27, ScoreSum: 209, Comments: 23, Types: map[string]int{"nps": 30}},
			rows: []want{
				{id: "114000000000", typ: "nps", scale: [2]int{0, 10}, score: f(8), email: "user0@example.com", name: "Ana Pérez",
					at:      utc("2026-03-01T01:03:00Z"),
					props:   map[string]string{"collector": "405212000"},
					answers: map[string]string{"Which products do you use? (select all that apply)": "Billing"}},
				{id: "114000007919", at: utc("2026-03-02T18:10:11Z"),
					props:   map[string]string{"collector": "405212001", "Custom Data 1": "acct-0001"},
					answers: map[string]string{"Which products do you use? (select all that apply)": "Analytics; Exports"}},
				{id: "114000063352", score: f(10), answers: map[string]string{
					"Which products do you use? (select all that apply) - Other (please specify)": `Slack integration, "beta"`}},
				{id: "114000031676", noScore: true, comment: "Çok güzel ama ödeme ekranı yavaş; İstanbul şubesi ığdır ĞÜŞİÖÇ ğüşıöç"},
			},
		},
		{
			path: fixture("sample_typeform.csv"), format: FormatTypeform, read: 25, skips: map[string][]int{},
			sum: summary{Responses: 25, Scored: 25, ScoreSum: 190, Comments: 21, Types: map[string]int{"nps": 25}},
			rows: []want{
				{id: "4xd3hpr5w9oushnm65r624jkpjxvwtwy", typ: "nps", scale: [2]int{0, 10}, score: f(6), email: "p1@example.org",
					comment: `Great product, but "support" was slow`, at: utc("2026-01-02T01:07:23Z"),
					answers: map[string]string{"Which plan are you on?": "Pro"}},
				{id: "3shjmfoghb1xhiu2v6zd146o70dixfqc", score: f(0), comment: "Fiyatlar yüksek."},
			},
		},
		{
			// The 1-5 satisfaction question is the score (CSAT before CES); the 1-7 effort
			// question, the second "Comments" column and the unrelated 0-5 "Score" are answers.
			path: fixture("sample_googleforms.csv"), format: FormatGoogleForms, read: 28, skips: map[string][]int{},
			sum: summary{Responses: 28, Scored: 25, ScoreSum: 104, Comments: 17, Types: map[string]int{"csat": 28}},
			rows: []want{
				{id: hashRecord([]string{"2026/03/01 1:00:00 AM GMT+3", "resp0@example.com", "4", "5",
					`Great product, but "support" was slow`, "second comments column 0", "0"}),
					typ: "csat", scale: [2]int{1, 5}, score: f(4), email: "resp0@example.com", at: utc("2026-02-28T22:00:00Z"),
					answers: map[string]string{"How easy was it to resolve your issue?": "5", "Comments": "second comments column 0", "Score": "0"}},
			},
		},
		{
			path: fixture("sample_delighted.json"), format: FormatDelighted, read: 30, skips: map[string][]int{},
			sum: summary{Responses: 30, Scored: 30, ScoreSum: 117, Comments: 18,
				Types: map[string]int{"nps": 12, "csat": 6, "ces": 4, "star": 2, "enps": 2, "smiley": 2, "thumbs": 2}},
			rows: []want{
				{id: "100000", typ: "nps", scale: [2]int{0, 10}, score: f(0), email: "person0@example.com",
					at: utc("2026-01-01T04:13:14Z"), permalink: "https://delighted.com/r/100000",
					tags: []string{"pricing", "follow-up"}, notes: []string{"Followed up"},
					answers: map[string]string{"How would you rate onboarding?": "4"}},
				{id: "100037", name: "Person Ñ1", props: map[string]string{"channel": "SMS", "device": "Mobile phone",
					"plan": "Free", "browser": "Chrome 131", "language": "tr"}},
				{id: "100111", comment: "Le falta integración con <b>Slack</b> & Teams"},
				{id: "100333", typ: "ces", scale: [2]int{1, 7}, score: f(4), comment: ""},
				{id: "100481", typ: "smiley", scale: [2]int{1, 5}},
				{id: "101073", typ: "thumbs", scale: [2]int{0, 1}, score: f(0)},
			},
		},
		{
			path: fixture("sample_formula_injection.csv"), format: FormatTypeform, read: 7, skips: map[string][]int{},
			sum: summary{Responses: 7, Scored: 7, ScoreSum: 60, Comments: 7, Types: map[string]int{"nps": 7}},
			rows: []want{
				{id: "flkz3233qpmx5nnyff28ty9wy91lvlyx", comment: `=HYPERLINK("http://x","click")`},
				{id: "xf82ux6v1g97mrjqnn7r7kej32u5bdxn", comment: "\t=tab-prefixed"},
			},
		},
		{
			// Current layout with CRLF line ends, Istanbul time (UTC+3), a derived NPS group
			// column, a matrix, embedded data, and spam, preview, test and unfinished rows.
			path: "testdata/qualtrics_istanbul.csv", format: FormatQualtrics, read: 8,
			skips: map[string][]int{skipPreview: {9}, skipSpam: {10}, skipUnfinished: {11}, skipTest: {13}},
			sum:   summary{Responses: 4, Scored: 3, ScoreSum: 20, Comments: 3, Types: map[string]int{"nps": 4}},
			rows: []want{
				{id: "R_1aQx7Tr0kYz01", typ: "nps", scale: [2]int{0, 10}, score: f(10), name: "İpek Yılmaz",
					email: "ipek.yilmaz@example.com", at: utc("2026-03-02T06:17:41Z"),
					comment: `Destek ekibi çok hızlı; ığdır şubesi bile "harika" dedi 👍`,
					props:   map[string]string{"channel": "email", "language": "TR", "plan": "Pro"},
					answers: map[string]string{istanbulCSAT: "5", "Lütfen değerlendirin - Hız": "Çok iyi", "Lütfen değerlendirin - Fiyat": "İyi"}},
				{id: "R_1aQx7Tr0kYz02", name: "Iñaki García", at: utc("2026-03-02T21:05:02Z"),
					comment: "La factura llegó dos veces.\nNadie respondió mi correo.\n\nMuy decepcionado, señor."},
				{id: "R_1aQx7Tr0kYz06", comment: "ŞAHANE ama pahalı: İ ı Ğ ğ Ş ş", name: "Ayşe Şahin"},
				{id: "R_1aQx7Tr0kYz08", noScore: true, comment: ""},
			},
		},
		{
			path: "testdata/qualtrics_legacy.csv", format: FormatQualtrics, read: 3,
			skips: map[string][]int{skipPreview: {4}},
			sum:   summary{Responses: 2, Scored: 2, ScoreSum: 13, Comments: 2, Types: map[string]int{"nps": 2}},
			rows: []want{
				{id: "R_3kLm9PqRsT001", typ: "nps", scale: [2]int{0, 10}, score: f(9), email: "jose@example.mx",
					name: "Pérez, José", at: utc("2025-11-03T14:05:09Z"), comment: "Muy fácil de usar, ¡gracias!",
					props: map[string]string{"region": "LATAM"}},
			},
		},
		{
			path: "testdata/surveymonkey_csat.csv", format: FormatSurveyMonkey, read: 3, skips: map[string][]int{},
			sum: summary{Responses: 3, Scored: 2, ScoreSum: 7, Comments: 2, Types: map[string]int{"csat": 3}},
			rows: []want{
				{id: "118822001", typ: "csat", scale: [2]int{1, 5}, score: f(5), name: "Sam O'Neil",
					at: utc("2026-03-13T09:09:30Z"), comment: `Fast and "friendly" — thanks!`,
					props: map[string]string{"collector": "412001", "Custom Data 1": "team-a"},
					answers: map[string]string{"Please rate the following: - Speed": "Excellent",
						"Please rate the following: - Price": "Fair", "Which channels did you use?": "Email; Chat"}},
				{id: "118822002", at: utc("2026-03-15T00:03:00Z"), comment: "I waited 40 minutes on hold.\nThen the call dropped."},
				{id: "118822003", noScore: true, name: "Zoë"},
			},
		},
		{
			path: "testdata/typeform_es.csv", format: FormatTypeform, read: 3, skips: map[string][]int{skipUnfinished: {4}},
			sum: summary{Responses: 2, Scored: 2, ScoreSum: 8, Comments: 2, Types: map[string]int{"ces": 2}},
			rows: []want{
				{id: "k2p9d0x1v7b3n5m8q4w6e2r1t9y0u3i7", typ: "ces", scale: [2]int{1, 7}, score: f(6),
					email: "ana@example.es", comment: "Nada, todo perfecto 🙂", at: utc("2026-01-20T10:02:10Z"),
					props:   map[string]string{"utm_source": "newsletter", "customer_id": "c-1001"},
					answers: map[string]string{"¿Qué plan usa?": "Básico"}, tags: []string{"vip"}},
				{id: "z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4", tags: []string{"billing", "bug"}},
			},
		},
		{
			// Day-first dotted timestamps; two identical rows share their content hash.
			path: "testdata/googleforms_tr.csv", format: FormatGoogleForms, read: 3, skips: map[string][]int{},
			sum: summary{Responses: 3, Scored: 3, ScoreSum: 19, Comments: 3, Types: map[string]int{"nps": 3}},
			rows: []want{
				{id: hashRecord([]string{"13.03.2026 09:05:12", "mert@example.com.tr", "9", "Kargo hızlı geldi, ambalaj özenliydi.", "İzmir"}),
					typ: "nps", scale: [2]int{0, 10}, score: f(9), at: utc("2026-03-13T09:05:12Z"),
					answers: map[string]string{"Hangi şehirdesiniz?": "İzmir"}},
				{id: hashRecord([]string{"2.04.2026 18:30:00", "elif@example.com.tr", "5", "Iğdır'a teslimat yok; İade süreci ağır.", "Iğdır"}),
					at: utc("2026-04-02T18:30:00Z"), comment: "Iğdır'a teslimat yok; İade süreci ağır."},
			},
		},
		{
			path: "testdata/googleforms_es_cp1252.csv", format: FormatGoogleForms, read: 2, skips: map[string][]int{},
			sum: summary{Responses: 2, Scored: 2, ScoreSum: 5, Comments: 2, Types: map[string]int{"csat": 2}},
			rows: []want{
				{id: hashRecord([]string{"14/03/2026 17:45:30", "1", "Pésimo, señor. Nadie contestó el teléfono"}),
					at: utc("2026-03-14T17:45:30Z"), comment: "Pésimo, señor. Nadie contestó el teléfono"},
			},
		},
		{
			// Two page objects one after the other; one CSAT score of 6 is off its 1-5 scale.
			path: "testdata/delighted_pages.json", format: FormatDelighted, read: 4, skips: map[string][]int{skipScoreRange: {92}},
			sum: summary{Responses: 3, Scored: 3, ScoreSum: 15, Comments: 2, Types: map[string]int{"nps": 2, "ces": 1}},
			rows: []want{
				{id: "900001", typ: "nps", scale: [2]int{0, 10}, score: f(10), name: "Can Işık", email: "can@example.com",
					comment: "İnanılmaz hızlı 🚀 — teşekkürler!", at: utc("2026-02-25T06:13:20Z"),
					props:   map[string]string{"channel": "Email", "plan": "Pro", "Seats": "25", "Trial": "false"},
					answers: map[string]string{"Where do you use Acme?": "Mobile", "Favourite features": "Exports; Search"},
					tags:    []string{"praise"}, notes: []string{"Sent swag"}},
				{id: "900002", score: f(2), comment: ""},
			},
		},
		{
			path: "testdata/delighted_lines.jsonl", format: FormatDelighted, read: 2, skips: map[string][]int{},
			sum:  summary{Responses: 2, Scored: 2, ScoreSum: 5, Comments: 2, Types: map[string]int{"star": 1, "thumbs": 1}},
			rows: []want{{id: "910002", typ: "thumbs", scale: [2]int{0, 1}, comment: "👍"}},
		},
		{
			path: "testdata/delighted_export.csv", format: FormatDelighted, read: 2, skips: map[string][]int{},
			sum: summary{Responses: 2, Scored: 2, ScoreSum: 10, Comments: 2, Types: map[string]int{"nps": 1, "csat": 1}},
			rows: []want{
				{id: "920001", typ: "nps", scale: [2]int{0, 10}, name: "Jo Ñúñez", at: utc("2026-02-10T14:03:00Z"),
					permalink: "https://delighted.com/r/920001", tags: []string{"praise", "dashboard"}, notes: []string{"Called back"},
					props: map[string]string{"channel": "Web", "device": "Desktop", "plan": "Pro", "language": "en"}},
				{id: "920002", typ: "csat", scale: [2]int{1, 5}, comment: `Cancelled: "too slow"`},
			},
		},
		{
			// No known layout: the id, date, email, rating, feedback and country columns are
			// guessed; the order total is neither a score nor a segment.
			path: "testdata/generic_tab.tsv", format: FormatCSV, read: 4, skips: map[string][]int{},
			sum: summary{Responses: 4, Scored: 4, ScoreSum: 14, Comments: 3, Types: map[string]int{"score": 4}},
			rows: []want{
				{id: "1002", typ: "score", scale: [2]int{1, 5}, score: f(2), email: "b@example.com.tr",
					comment: "Wrong size.\tSecond time this happens.", at: utc("2026-01-06T08:30:00Z"),
					props: map[string]string{"country": "TR"}, answers: map[string]string{"order_total": "120.00"}},
			},
		},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			rs, p, err := parseAll(t, filepath.Base(c.path), readFile(t, c.path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Format() != c.format || p.RowsRead() != c.read {
				t.Errorf("format %s, read %d; want %s, %d", p.Format(), p.RowsRead(), c.format, c.read)
			}
			if got := skipLines(p.Skipped()); !reflect.DeepEqual(got, c.skips) {
				t.Errorf("skipped %v, want %v", got, c.skips)
			}
			if got := summarize(rs); !reflect.DeepEqual(got, c.sum) {
				t.Errorf("summary %+v, want %+v", got, c.sum)
			}
			for _, w := range c.rows {
				w.check(t, rs)
			}
			for _, r := range rs {
				if r.ExternalID == "" || r.CreatedAt.IsZero() || r.CreatedAt.Location() != time.UTC || r.Survey == "" {
					t.Errorf("incomplete response %+v", r)
				}
			}
		})
	}
}
