package formats

import (
	"io"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

var errEOF = io.EOF

func TestParseTime(t *testing.T) {
	ist := time.FixedZone("", 3*3600)
	denver, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		in    string
		order dateOrder
		loc   *time.Location
		want  string // RFC 3339 in UTC, "" when it must not parse
	}{
		{"2026-02-01 08:00:30", orderAuto, time.UTC, "2026-02-01T08:00:30Z"},
		{"2026-02-01 08:00:30", orderAuto, denver, "2026-02-01T15:00:30Z"},
		{"2026-07-01 08:00:30", orderAuto, denver, "2026-07-01T14:00:30Z"}, // daylight saving
		{"2026-02-01T08:00:30.250Z", orderAuto, denver, "2026-02-01T08:00:30Z"},
		{"2026-02-01T08:00:30+03:00", orderAuto, time.UTC, "2026-02-01T05:00:30Z"},
		{"2026-02-01 08:00:30 +0530", orderAuto, time.UTC, "2026-02-01T02:30:30Z"},
		{"2026-02-01 08:00:30 UTC", orderAuto, ist, "2026-02-01T08:00:30Z"},
		{"2026-02-01", orderAuto, time.UTC, "2026-02-01T00:00:00Z"},
		{"2026/03/01 1:00:00 AM GMT+3", orderAuto, time.UTC, "2026-02-28T22:00:00Z"},
		{"2026/03/12 12:17:23 AM GMT+3", orderAuto, time.UTC, "2026-03-11T21:17:23Z"},
		{"2026/03/24 12:41:59 PM GMT+3", orderAuto, time.UTC, "2026-03-24T09:41:59Z"},
		{"2026/03/24 12:41:59 PM GMT-05:30", orderAuto, time.UTC, "2026-03-24T18:11:59Z"},
		{"03/01/2026 01:00:00 AM", orderMDY, time.UTC, "2026-03-01T01:00:00Z"},
		{"03/14/2026 06:31:23 PM", orderMDY, time.UTC, "2026-03-14T18:31:23Z"},
		{"03/01/2026 13:00", orderDMY, time.UTC, "2026-01-03T13:00:00Z"},
		{"13/03/2026 9:05:00", orderMDY, time.UTC, "2026-03-13T09:05:00Z"}, // a day above 12 wins
		{"1.03.2026 13:05:12", orderAuto, ist, "2026-03-01T10:05:12Z"},
		{"1/3/26 9:05", orderDMY, time.UTC, "2026-03-01T09:05:00Z"},
		{"1/3/2026 9:05 p. m.", orderDMY, time.UTC, "2026-03-01T21:05:00Z"},
		{"1.3.2026 09:05 ÖS", orderDMY, time.UTC, "2026-03-01T21:05:00Z"},
		{"1767240794", orderAuto, ist, "2026-01-01T04:13:14Z"},
		{"1767240794000", orderAuto, ist, "2026-01-01T04:13:14Z"},
		{"Mar 4, 2026 10:15 AM", orderAuto, time.UTC, "2026-03-04T10:15:00Z"},
		{"4 March 2026", orderAuto, time.UTC, "2026-03-04T00:00:00Z"},
		{"", orderAuto, time.UTC, ""},
		{"yesterday", orderAuto, time.UTC, ""},
		{"31/02/2026", orderAuto, time.UTC, ""},
		{"2026-13-01", orderAuto, time.UTC, ""},
		{"2026-02-01 25:00", orderAuto, time.UTC, ""},
		{"2026-02-01 10:00 PMT", orderAuto, time.UTC, ""},
		{"13:00 AM 2026-02-01", orderAuto, time.UTC, ""},
		{"2026-02-01 13:00 PM", orderAuto, time.UTC, ""},
		{"10.0.0.1", orderAuto, time.UTC, ""},
		{"R_000000000000001", orderAuto, time.UTC, ""},
		{"12345678901", orderAuto, time.UTC, ""},
	}
	for _, c := range cases {
		got, ok := parseTime(c.in, c.order, c.loc)
		switch {
		case c.want == "" && ok:
			t.Errorf("parseTime(%q) = %v, want no date", c.in, got)
		case c.want != "" && (!ok || got.Format(time.RFC3339) != c.want || got.Location() != time.UTC):
			t.Errorf("parseTime(%q, %v) = %v, %v; want %s", c.in, c.order, got, ok, c.want)
		}
	}
}

func TestParseScore(t *testing.T) {
	cases := []struct {
		in        string
		want      float64
		empty, ok bool
	}{
		{"7", 7, false, true},
		{"10", 10, false, true},
		{" 0 ", 0, false, true},
		{"4.5", 4.5, false, true},
		{"4,5", 4.5, false, true},
		{"10 - Extremely likely", 10, false, true},
		{"0 – Not at all likely", 0, false, true},
		{"5 (Very satisfied)", 5, false, true},
		{"-1", -1, false, true},
		{"", 0, true, false},
		{"   ", 0, true, false},
		{"N/A", 0, false, false},
		{"ten", 0, false, false},
		{"7a", 0, false, false},
		{"3 / 5", 0, false, false},
		{"2026-01-05", 0, false, false},
		{"NaN", 0, false, false},
		{"Inf", 0, false, false},
		{"10 -", 0, false, false},
	}
	for _, c := range cases {
		got, empty, ok := parseScore(c.in)
		if got != c.want || empty != c.empty || ok != c.ok {
			t.Errorf("parseScore(%q) = %v, %v, %v; want %v, %v, %v", c.in, got, empty, ok, c.want, c.empty, c.ok)
		}
	}
}

func TestQuestionType(t *testing.T) {
	cases := []struct{ text, want string }{
		{"How likely are you to recommend Acme to a friend or colleague?", data.TypeNPS},
		{"How likely is it that you would recommend us?", data.TypeNPS},
		{"¿Qué tan probable es que recomiende Acme a un amigo?", data.TypeNPS},
		{"¿Recomendaría nuestra empresa?", data.TypeNPS},
		{"ACME'Yİ BİR ARKADAŞINIZA TAVSİYE ETME OLASILIĞINIZ NEDİR?", data.TypeNPS},
		{"Bu ürünü önerir misiniz?", data.TypeNPS},
		{"How likely are you to recommend Acme as a place to work?", data.TypeENPS},
		{"Acme'yi çalışmak için tavsiye eder misiniz?", data.TypeENPS},
		{"Overall, how satisfied are you with Acme?", data.TypeCSAT},
		{"¿Qué tan satisfecho está con el servicio?", data.TypeCSAT},
		{"Hizmetimizden ne kadar memnunsunuz?", data.TypeCSAT},
		{"How easy was it to resolve your issue?", data.TypeCES},
		{"The company made it easy for me to handle my issue", data.TypeCES},
		{"¿Qué tan fácil fue resolver su problema?", data.TypeCES},
		{"Sorununuzu çözmek ne kadar kolaydı?", data.TypeCES},
		{"NPS", data.TypeNPS},
		{"csat_score", data.TypeCSAT},
		{"How would you rate onboarding?", ""},
		{"Score", ""},
		{"What is the main reason for your score?", ""},
		{"Princess", ""}, // "ces" inside a word is not CES
	}
	for _, c := range cases {
		if got := questionType(c.text); got != c.want {
			t.Errorf("questionType(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestScaleFor(t *testing.T) {
	cases := []struct {
		typ, text string
		values    []string
		lo, hi    int
	}{
		{data.TypeNPS, "How likely… (1-5)", []string{"3"}, 0, 10},
		{data.TypeCSAT, "How satisfied?", []string{"1", "5"}, 1, 5},
		{data.TypeCSAT, "How satisfied?", []string{"1", "7"}, 1, 7},
		{data.TypeCSAT, "How satisfied? (1 = not at all, 10 = completely)", []string{"3"}, 1, 10},
		{data.TypeCES, "How easy?", []string{"2", "4"}, 1, 7},
		{data.TypeCES, "How easy? (1 to 5)", []string{"2", "4"}, 1, 5},
		{data.TypeScore, "Score", []string{"0", "5", "3"}, 0, 5},
		{data.TypeScore, "Rating", []string{"1", "4"}, 1, 5},
		{data.TypeScore, "Rating", []string{"0", "1"}, 0, 1},
		{data.TypeScore, "Rating", []string{"2", "9"}, 1, 10},
		{data.TypeScore, "Rating for Q3 in 2026", []string{"0", "9"}, 0, 10},
	}
	for _, c := range cases {
		var st colStats
		st.distinct = map[string]struct{}{}
		for _, v := range c.values {
			st.add(v)
		}
		if lo, hi := scaleFor(c.typ, c.text, &st); lo != c.lo || hi != c.hi {
			t.Errorf("scaleFor(%s, %q, %v) = %d-%d, want %d-%d", c.typ, c.text, c.values, lo, hi, c.lo, c.hi)
		}
	}
}
