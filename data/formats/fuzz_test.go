package formats

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-app/verbatim/data"
)

// The fuzz targets start from every fixture (shared and our own) plus the bad inputs of
// bad_test.go, and check what must hold for any input: no panic, no endless loop, errors
// that are one-sentence *data.Error values, and responses the store accepts. The seeds are
// whole exports, so shorten minimisation or a short run is spent on it:
//
//	go test -run XXX -fuzz '^FuzzTypeform$' -fuzztime 1m -fuzzminimizetime 5s ./data/formats

func seedFiles(f *testing.F, patterns ...string) {
	for _, pat := range patterns {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

var badSeeds = []string{
	"", "\n", "\x00\x01", "PK\x03\x04", tfHeader, tfHeader + "a,\"open\n", tfHeader + "a,9,x\"y,2026-01-01 10:00:00\n",
	tfHeader + "a,ten,x,yesterday\n", "[{\"survey_type\": \"nps\", \"score\": 5,}]", "{\"survey_responses\": [[{\"score\": \"x\"}]]}",
	"\xff\xfe#\x00,\x00", "a;b;c\r1;2;3\r",
}

func fuzzParser(f *testing.F, format string, patterns ...string) {
	seedFiles(f, patterns...)
	for _, s := range badSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Open(bytes.NewReader(body), "fuzz.csv", Options{Format: format})
		if err != nil {
			checkError(t, err)
			return
		}
		for i := 0; ; i++ {
			r, err := p.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				checkError(t, err)
				break
			}
			if i > len(body)+1 {
				t.Fatalf("more responses (%d) than bytes (%d)", i, len(body))
			}
			checkResponse(t, r)
		}
	})
}

func checkError(t *testing.T, err error) {
	t.Helper()
	var e *data.Error
	if !errors.As(err, &e) || e.Code != data.EINVALID || e.Message == "" {
		t.Fatalf("error %v (%T) is not an EINVALID *data.Error", err, err)
	}
}

func checkResponse(t *testing.T, r *data.Response) {
	t.Helper()
	switch {
	case r.ExternalID == "" || r.SurveyType == "" || r.CreatedAt.IsZero():
		t.Fatalf("incomplete response %+v", r)
	case r.Score != nil && (*r.Score < float64(r.ScaleMin) || *r.Score > float64(r.ScaleMax)):
		t.Fatalf("score %v outside %d-%d", *r.Score, r.ScaleMin, r.ScaleMax)
	case !utf8.ValidString(r.Comment) || !utf8.ValidString(r.ExternalID):
		t.Fatalf("invalid UTF-8 in %+v", r)
	}
	for k, v := range r.Answers {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			t.Fatalf("invalid UTF-8 answer %q: %q", k, v)
		}
	}
}

func FuzzDetect(f *testing.F) {
	seedFiles(f, "testdata/*", fixture("*"))
	for _, s := range badSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		d, err := Detect("fuzz.csv", head)
		if err != nil {
			checkError(t, err)
			return
		}
		if _, ok := formatNames[d.Format]; !ok {
			t.Fatalf("unknown format %q", d.Format)
		}
		if d.JSON != (d.Delimiter == 0) {
			t.Fatalf("detection %+v is neither CSV nor JSON", d)
		}
	})
}

func FuzzQualtrics(f *testing.F) {
	fuzzParser(f, FormatQualtrics, fixture("sample_qualtrics_v3.csv"), "testdata/qualtrics_*")
}

func FuzzSurveyMonkey(f *testing.F) {
	fuzzParser(f, FormatSurveyMonkey, fixture("sample_surveymonkey.csv"), "testdata/surveymonkey_*")
}

func FuzzTypeform(f *testing.F) {
	fuzzParser(f, FormatTypeform, fixture("sample_typeform.csv"), "testdata/typeform_*")
}

func FuzzGoogleForms(f *testing.F) {
	fuzzParser(f, FormatGoogleForms, fixture("sample_googleforms.csv"), "testdata/googleforms_*")
}

func FuzzDelighted(f *testing.F) {
	fuzzParser(f, FormatDelighted, fixture("sample_delighted.json"), "testdata/delighted_*")
}

func FuzzCSV(f *testing.F) {
	fuzzParser(f, FormatCSV, "testdata/generic_*", fixture("sample_formula_injection.csv"))
}

// FuzzAuto lets detection pick the parser, as `verbatim import` does.
func FuzzAuto(f *testing.F) {
	fuzzParser(f, "", "testdata/*", fixture("*"))
}
