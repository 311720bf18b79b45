package boardfile_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
)

func at(d int) time.Time { return time.Date(2026, 11, d, 9, 30, 0, 0, time.UTC) }

// sample is a board with both sides, a note, a hidden name, a response without a score and
// comments in three languages.
func sample() *data.BoardSnapshot {
	return &data.BoardSnapshot{Name: "Week 47", CreatedAt: at(20), Cards: []*data.SnapshotCard{
		{Side: data.SidePositive, Source: "NPS relationship", PinnedAt: at(20), Note: "Read this first",
			Response: &data.Response{ExternalID: "R_1", Survey: "Relationship NPS", SurveyType: data.TypeNPS, ScaleMax: 10,
				Score: data.Float(10), Comment: "The new dashboard saves us an hour every Monday <3 & more", RespondentName: "Ana García", CreatedAt: at(17)}},
		{Side: data.SidePositive, Source: "CSAT support", PinnedAt: at(20),
			Response: &data.Response{ExternalID: "c-9", SurveyType: data.TypeCSAT, ScaleMin: 1, ScaleMax: 5,
				Score: data.Float(4.5), Comment: "Destek ekibi çok hızlıydı, teşekkürler", CreatedAt: at(18)}},
		{Side: data.SideNegative, Source: "NPS relationship", PinnedAt: at(20), NameHidden: true,
			Response: &data.Response{ExternalID: "R_2", SurveyType: data.TypeNPS, ScaleMax: 10,
				Score: data.Float(1), Comment: "Nos cobraron dos veces este mes", CreatedAt: at(19)}},
		{Side: data.SideNegative, Source: "Typeform", PinnedAt: at(21),
			Response: &data.Response{ExternalID: "tf-3", SurveyType: data.TypeScore, ScaleMin: 1, ScaleMax: 7,
				Comment: "No score given, only this comment", CreatedAt: at(19)}},
	}}
}

func TestWriteRead_RoundTrip(t *testing.T) {
	var first bytes.Buffer
	if err := boardfile.Write(&first, sample()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.String(), "{\n  \"format\": \"verbatim-board\",\n  \"version\": 1,") {
		t.Fatalf("file does not start with its format and version:\n%s", first.String()[:80])
	}
	if !strings.Contains(first.String(), "<3 & more") {
		t.Error("HTML characters were escaped; the file should stay readable")
	}
	got, err := boardfile.Read(bytes.NewReader(first.Bytes()), "week47"+boardfile.Extension)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sample()) {
		t.Fatalf("read back differs:\n got %+v\nwant %+v", got, sample())
	}
	var second bytes.Buffer
	if err := boardfile.Write(&second, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("second write differs:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestWrite_HidesNames(t *testing.T) {
	cases := []struct {
		name string
		edit func(s *data.BoardSnapshot)
	}{
		{"Card", func(s *data.BoardSnapshot) { s.Cards[0].NameHidden = true }},
		{"Board", func(s *data.BoardSnapshot) { s.HideNames = true }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := sample()
			c.edit(s)
			var buf bytes.Buffer
			if err := boardfile.Write(&buf, s); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "Ana") {
				t.Fatalf("a hidden name was written:\n%s", buf.String())
			}
		})
	}
}

func TestRead_Invalid(t *testing.T) {
	var good bytes.Buffer
	if err := boardfile.Write(&good, sample()); err != nil {
		t.Fatal(err)
	}
	valid := good.String()
	cases := []struct {
		name     string
		input    string
		contains string
	}{
		{"ErrTruncated", valid[:len(valid)/2], "w.json is a truncated board file: it stops after"},
		{"ErrFutureVersion", strings.Replace(valid, `"version": 1`, `"version": 2`, 1), "w.json is a version 2 board file, newer than this Verbatim reads (version 1)"},
		{"ErrCSV", "name,score,comment\nAna,10,great\n", "w.json is not a Verbatim board file (it is not JSON)"},
		{"ErrOtherJSON", `{"name": "Week 47", "cards": []}`, `w.json is not a Verbatim board file (it has no "format": "verbatim-board")`},
		{"ErrJSONArray", `[1, 2, 3]`, "is not a Verbatim board file"},
		{"ErrOtherJSONCut", `{"responses": [{"id": 1}, {"id"`, "is not a Verbatim board file (it is JSON cut short after"},
		{"ErrEmpty", "  \n", "w.json is empty"},
		{"ErrNoVersion", `{"format": "verbatim-board"}`, "has no valid board file version"},
		{"ErrFieldType", strings.Replace(valid, `"score": 10,`, `"score": "ten",`, 1), "w.json: positive.score holds a JSON string where a number belongs"},
		{"ErrDate", strings.Replace(valid, `"date": "2026-11-17T09:30:00Z"`, `"date": "17/11/2026"`, 1), "is not an RFC 3339 time"},
		{"ErrMissingID", strings.Replace(valid, `"id": "R_2"`, `"id": ""`, 1), "w.json: board \"Week 47\": negative card 1 has no response id"},
		{"ErrNoName", strings.Replace(valid, `"name": "Week 47"`, `"name": ""`, 1), "w.json: the board has no name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := boardfile.Read(strings.NewReader(c.input), "w.json")
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.contains) {
				t.Fatalf("err = %v\nwant invalid containing %q", err, c.contains)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
		})
	}
}

func TestRead_HonoursHiddenFlags(t *testing.T) {
	// A hand-edited file may carry a name beside a hidden flag: the flag wins.
	in := `{"format": "verbatim-board", "version": 1, "board": {"name": "W", "created_at": "2026-11-20T09:30:00Z", "hide_names": true},
		"positive": [{"comment": "Great", "score": 10, "survey_type": "nps", "scale_min": 0, "scale_max": 10,
			"date": "2026-11-20T09:30:00Z", "source": "NPS", "respondent_name": "Ana", "pinned_at": "2026-11-20T09:30:00Z", "id": "1"}],
		"negative": []}`
	s, err := boardfile.Read(strings.NewReader(in), "w.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Cards[0].Response.RespondentName; got != "" {
		t.Fatalf("name %q read from a board that hides names", got)
	}
}

// FuzzRead checks that no input panics, every refusal is one plain sentence, and whatever is
// accepted writes back out and reads again the same.
func FuzzRead(f *testing.F) {
	var good bytes.Buffer
	if err := boardfile.Write(&good, sample()); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:100])
	f.Add([]byte(`{"format": "verbatim-board", "version": 1}`))
	f.Add([]byte("a,b\n1,2\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := boardfile.Read(bytes.NewReader(in), "f.json")
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID || strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal is not one invalid-input sentence: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := boardfile.Write(&out, s); err != nil {
			t.Fatalf("accepted input does not write back: %v", err)
		}
		again, err := boardfile.Read(&out, "f.json")
		if err != nil || !reflect.DeepEqual(again, s) {
			t.Fatalf("rewritten input reads differently: %v", err)
		}
	})
}
