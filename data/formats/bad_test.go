package formats

import (
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

const tfHeader = "#,How likely are you to recommend us to a friend?,What could we do better?,Submit Date (UTC)\n"

func TestOpen_BadFiles(t *testing.T) {
	qualtricsHeader := strings.Join(strings.SplitAfterN(string(readFile(t, fixture("sample_qualtrics_v3.csv"))), "\n", 4)[:3], "")
	cases := []struct {
		name string
		body string
		opts Options
		want string // the whole error message
	}{
		{"ErrEmpty", "", Options{}, "x.csv: the file is empty"},
		{"ErrBlank", "\r\n \n\t\n", Options{}, "x.csv: the file is empty"},
		{"ErrBinary", "\x00\x01\x02binary\x00\xff\xfe\x00", Options{}, "x.csv: this is a binary file, not a CSV or JSON survey export"},
		{"ErrPNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Options{}, "x.csv: this is a PNG image, not a CSV or JSON survey export"},
		{"ErrWorkbook", "PK\x03\x04\x14\x00\x06\x00", Options{}, "x.csv: this is an Excel workbook or ZIP archive (save it as CSV first), not a CSV or JSON survey export"},
		{"ErrHeaderOnly", tfHeader, Options{}, "x.csv line 1: the file has a header but no responses"},
		{"ErrQualtricsHeaderOnly", qualtricsHeader, Options{}, "x.csv line 3: the file has a header but no responses"},
		{"ErrUnterminatedQuote", tfHeader + "a1,9,Fine,2026-01-01 10:00:00\na2,3,\"It broke\nand then\n", Options{},
			"x.csv line 3: a quoted field starts here and is never closed (is the file truncated?)"},
		{"ErrQuoteNotDoubled", tfHeader + "a1,9,\"Fine\"x,2026-01-01 10:00:00\na2,3,ok,2026-01-01 10:00:00\n", Options{},
			"x.csv line 2: a quote inside the quoted field at column 11 is not doubled"},
		{"ErrBareQuote", tfHeader + "a1,9,He said \"hi\",2026-01-01 10:00:00\n", Options{},
			"x.csv line 2: a quote appears inside the unquoted field at column 14"},
		{"ErrTruncated", tfHeader + "a1,9,Fine,2026-01-01 10:00:00\na2,3,It bro", Options{},
			"x.csv line 3: the file ends in the middle of this row (it has 3 of 4 columns); is it truncated?"},
		{"ErrTooManyColumns", tfHeader + "a1,9,Fine,2026-01-01 10:00:00,extra\n", Options{},
			"x.csv line 2: the row has 5 columns but the header has 4"},
		{"ErrInvalidJSON", "[\n{\"id\": \"1\", \"survey_type\": \"nps\", \"score\": 5,}\n]", Options{},
			"x.csv line 2: the JSON is invalid: invalid character '}' looking for beginning of object key string"},
		{"ErrTruncatedJSON", "[\n{\"id\": \"1\", \"survey_type\": \"nps\", \"score\": 5, \"created_at\": 1767240794},\n{\"id\": \"2\", \"sco", Options{},
			"x.csv line 3: the JSON ends in the middle of a value; is the file truncated?"},
		{"ErrNotDelighted", `{"name": "package.json", "version": "1.0.0"}`, Options{}, "x.csv line 1: this JSON file is not a Delighted survey_responses archive"},
		{"ErrEmptyArchive", `{"survey_responses": []}`, Options{}, "x.csv: the archive holds no survey responses"},
		{"ErrNoScoreOrComment", "a,b\n1,2\n3,4\n", Options{}, "x.csv line 1: no score or comment column was recognised; name them with --map score=COLUMN,comment=COLUMN"},
		{"ErrWrongFormat", tfHeader + "a1,9,Fine,2026-01-01 10:00:00\n", Options{Format: FormatQualtrics},
			"x.csv line 1: this is not a Qualtrics export: it has no ResponseId column"},
		{"ErrJSONAsCSV", `[{"survey_type": "nps"}]`, Options{Format: FormatTypeform}, "x.csv line 1: this is a JSON file, not a Typeform CSV export"},
		{"ErrUnknownFormat", tfHeader, Options{Format: "xlsx"}, `unknown format "xlsx": use auto, qualtrics, surveymonkey, typeform, googleforms, delighted, csv`},
		{"ErrUnknownSurveyType", tfHeader, Options{SurveyType: "nsp"}, `unknown survey type "nsp": use nps, enps, csat, ces, star, smiley, thumbs, pmf, score`},
		{"ErrMapMissingColumn", tfHeader + "a1,9,Fine,2026-01-01 10:00:00\n", Options{Mapping: Mapping{Score: "Rating"}},
			`x.csv line 1: there is no column "Rating" to map`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := parseAll(t, "x.csv", []byte(c.body), c.opts)
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if err.Error() != c.want || data.ErrorCode(err) != data.EINVALID {
				t.Errorf("error %q (%s)\n want %q (invalid)", err, data.ErrorCode(err), c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestOpen_BadRows checks that bad rows are skipped and counted, or, with Strict, fail
// the file naming the line.
func TestOpen_BadRows(t *testing.T) {
	body := tfHeader +
		"a1,9,Fine,2026-01-01 10:00:00\n" +
		"a2,N/A,No score,2026-01-01 11:00:00\n" +
		"a3,ten,Words,2026-01-01 12:00:00\n" +
		"a4,11,Too high,2026-01-01 13:00:00\n" +
		"a5,-1,Too low,2026-01-01 14:00:00\n" +
		"a6,,Skipped the question,2026-01-01 15:00:00\n" +
		"a7,7,Bad date,yesterday\n" +
		"a8,8,\"Multi\nline\",\n" +
		"a9,10 - Extremely likely,Choice text,2026-01-02 10:00:00\n"
	rs, p, err := parseAll(t, "rows.csv", []byte(body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ExternalID)
	}
	if want := []string{"a1", "a6", "a9"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("responses %v, want %v", ids, want)
	}
	wantSkips := map[string][]int{skipScoreNaN: {3, 4}, skipScoreRange: {5, 6}, skipBadDate: {8}, skipNoDate: {9}}
	if got := skipLines(p.Skipped()); !reflect.DeepEqual(got, wantSkips) {
		t.Errorf("skipped %v, want %v", got, wantSkips)
	}
	if p.RowsRead() != 9 || p.Skipped().Total() != 6 {
		t.Errorf("read %d, skipped %d; want 9 and 6", p.RowsRead(), p.Skipped().Total())
	}
	if got := p.Skipped().String(); got != "2 score is not a number (lines 3, 4), 2 score outside the scale (lines 5, 6), 1 date not recognised (line 8), 1 no date (line 9)" {
		t.Errorf("skips read %q", got)
	}

	strict := []struct{ row, want string }{
		{"a2,N/A,x,2026-01-01 11:00:00\n", `rows.csv line 2: score "N/A" is not a number`},
		{"a3,ten,x,2026-01-01 11:00:00\n", `rows.csv line 2: score "ten" is not a number`},
		{"a4,11,x,2026-01-01 11:00:00\n", "rows.csv line 2: score 11 is outside the 0-10 scale of this NPS question"},
		{"a5,-1,x,2026-01-01 11:00:00\n", "rows.csv line 2: score -1 is outside the 0-10 scale of this NPS question"},
		{"a7,7,x,31/02/2026\n", `rows.csv line 2: date "31/02/2026" is not a date this importer reads`},
	}
	for _, s := range strict {
		_, _, err := parseAll(t, "rows.csv", []byte(tfHeader+s.row), Options{Strict: true})
		if err == nil || err.Error() != s.want {
			t.Errorf("strict %q: error %v, want %q", s.row, err, s.want)
		}
	}
	// Excluded rows are not problems: Strict lets them pass.
	if _, p, err := parseAll(t, "q.csv", readFile(t, fixture("sample_qualtrics_v3.csv")), Options{Strict: true}); err != nil || p.Skipped().Total() != 7 {
		t.Errorf("strict Qualtrics: %v", err)
	}
}

func TestOpen_Options(t *testing.T) {
	gf := readFile(t, fixture("sample_googleforms.csv"))
	qualtrics := readFile(t, fixture("sample_qualtrics_v3.csv"))
	cases := []struct {
		name             string
		body             []byte
		opts             Options
		responses        int
		typ              string
		scale            [2]int
		index            int // the response checked
		firstScore       float64
		answerKey, comes string // an answer the primary score moved to
	}{
		// The effort question becomes the score; satisfaction moves to the answers.
		{"SurveyTypePicksColumn", gf, Options{SurveyType: "ces"}, 28, "ces", [2]int{1, 7}, 0, 5,
			"How satisfied are you with our support?", "4"},
		{"SurveyTypeQualtricsCSAT", qualtrics, Options{SurveyType: "csat"}, 33, "csat", [2]int{1, 5}, 1, 4,
			"How likely are you to recommend Acme to a friend or colleague?", "6"},
		// A type no question has relabels the primary one.
		{"SurveyTypeRelabels", gf, Options{SurveyType: "star"}, 28, "star", [2]int{1, 5}, 0, 4, "", ""},
		{"IncludeUnfinished", qualtrics, Options{IncludeUnfinished: true}, 36, "nps", [2]int{0, 10}, 0, 8, "", ""},
		{"MapScore", gf, Options{Mapping: Mapping{Score: "Score", Comment: "6"}}, 28, "score", [2]int{0, 5}, 0, 0,
			"How satisfied are you with our support?", "4"},
		{"Survey", gf, Options{Survey: "Support 2026"}, 28, "csat", [2]int{1, 5}, 0, 4, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, _, err := parseAll(t, "f.csv", c.body, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != c.responses {
				t.Fatalf("%d responses, want %d", len(rs), c.responses)
			}
			r := rs[c.index]
			if r.SurveyType != c.typ || r.ScaleMin != c.scale[0] || r.ScaleMax != c.scale[1] || r.Score == nil || *r.Score != c.firstScore {
				t.Errorf("first response %s %d-%d score %v; want %s %v score %v", r.SurveyType, r.ScaleMin, r.ScaleMax, r.Score, c.typ, c.scale, c.firstScore)
			}
			if c.answerKey != "" && r.Answers[c.answerKey] != c.comes {
				t.Errorf("answers %v, want %q = %q", r.Answers, c.answerKey, c.comes)
			}
			if c.opts.Survey != "" && r.Survey != c.opts.Survey || c.opts.Survey == "" && r.Survey != "f" {
				t.Errorf("survey %q", r.Survey)
			}
			if c.opts.Mapping.Comment == "6" && r.Comment != "second comments column 0" {
				t.Errorf("mapped comment %q", r.Comment)
			}
		})
	}
}

func TestParseMapping(t *testing.T) {
	cases := []struct {
		in   string
		want Mapping
		err  string
	}{
		{"", Mapping{}, ""},
		{"score=Q1,comment=Q2", Mapping{Score: "Q1", Comment: "Q2"}, ""},
		{" score = NPS , date=Submitted ,segment=Region,segment=Plan,email=mail,name=who,id=#",
			Mapping{Score: "NPS", Date: "Submitted", Segments: []string{"Region", "Plan"}, Email: "mail", Name: "who", ID: "#"}, ""},
		{`score="How likely, really?",comment="Say ""more"""`, Mapping{Score: "How likely, really?", Comment: `Say "more"`}, ""},
		{"score", Mapping{}, `mapping "score" needs the form key=COLUMN`},
		{"score=", Mapping{}, `mapping "score=" needs the form key=COLUMN`},
		{"rating=Q1", Mapping{}, `unknown mapping key "rating": use score, comment, date, email, name, id or segment`},
	}
	for _, c := range cases {
		got, err := ParseMapping(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ParseMapping(%q) error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseMapping(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

func TestOpen_GenericMapping(t *testing.T) {
	body := "Ticket;When;Stars;What happened;Team;Agent email\n" +
		"T-1;05/03/2026 14:00;4;Solved quickly;Billing;ana@example.com\n" +
		"T-2;17/03/2026 09:30;2;Took three calls;Tech;luis@example.com\n"
	rs, _, err := parseAll(t, "tickets.csv", []byte(body), Options{
		Mapping: Mapping{ID: "Ticket", Score: "Stars", Comment: "What happened", Date: "When", Segments: []string{"Team"}},
		Strict:  true, SurveyType: "star"})
	if err != nil {
		t.Fatal(err)
	}
	want := []want{
		{id: "T-1", typ: "star", scale: [2]int{1, 5}, score: f(4), comment: "Solved quickly", at: utc("2026-03-05T14:00:00Z"),
			props: map[string]string{"Team": "Billing"}, email: "ana@example.com"},
		{id: "T-2", at: utc("2026-03-17T09:30:00Z")},
	}
	for _, w := range want {
		w.check(t, rs)
	}
}
