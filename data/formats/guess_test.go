package formats

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestGuessColumns(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		format  string
		header  []string
		score   int
		comment int
		date    int
		email   int
		segs    []int
		problem string // a substring of Problem; "" when the guess must be complete
	}{
		{
			name:   "OK",
			text:   "id,date,rating,feedback,country,email\n1,2026-01-05,5,Great,ES,a@x.es\n2,2026-01-06,2,Slow,TR,b@x.tr\n3,2026-01-07,4,Fine,ES,c@x.es\n",
			format: FormatCSV, header: []string{"id", "date", "rating", "feedback", "country", "email"},
			score: 2, comment: 3, date: 1, email: 5, segs: []int{4},
		},
		{
			name:   "NothingRecognised",
			text:   "a,b\n1,2\n3,4\n",
			format: FormatCSV, header: []string{"a", "b"},
			score: -1, comment: -1, date: -1, email: -1, problem: "no score or comment column",
		},
		{
			name:   "BOMAndSpaces",
			text:   "\ufeff Fecha , Comentario \n2026-01-05,Muy bien todo\n2026-01-06,Regular la entrega\n",
			format: FormatCSV, header: []string{"Fecha", "Comentario"},
			score: -1, comment: 1, date: 0, email: -1,
		},
		{
			name:   "KnownFormat",
			text:   "Timestamp,How likely are you to recommend us?\n2026/01/05 10:00:00 AM GMT+1,9\n",
			format: FormatGoogleForms, score: -1, comment: -1, date: -1, email: -1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := GuessColumns(strings.NewReader(c.text), "x.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != c.format {
				t.Fatalf("format %q, want %q", got.Format, c.format)
			}
			if !slices.Equal(got.Header, c.header) {
				t.Errorf("header %q, want %q", got.Header, c.header)
			}
			if got.Score != c.score || got.Comment != c.comment || got.Date != c.date || got.Email != c.email {
				t.Errorf("score %d comment %d date %d email %d, want %d %d %d %d",
					got.Score, got.Comment, got.Date, got.Email, c.score, c.comment, c.date, c.email)
			}
			if !slices.Equal(got.Segments, c.segs) {
				t.Errorf("segments %v, want %v", got.Segments, c.segs)
			}
			if (c.problem == "") != (got.Problem == "") || !strings.Contains(got.Problem, c.problem) {
				t.Errorf("problem %q, want one containing %q", got.Problem, c.problem)
			}
		})
	}
}

func TestGuessColumns_Errors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"ErrEmpty", "", "empty"},
		{"ErrUnterminatedQuote", "date,comment\n2026-01-05,\"never closed\n", "never closed"},
		{"ErrNotDelighted", `{"hello": 1}`, "not a Delighted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := GuessColumns(strings.NewReader(c.text), "bad.csv", Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "bad.csv") {
				t.Fatalf("error %v, want one naming bad.csv and saying %q", err, c.want)
			}
		})
	}
}

func TestColumns_MappingName(t *testing.T) {
	c := Columns{Header: []string{"Score", "score ", "Comment", ""}}
	for i, want := range []string{"1", "2", "Comment", "4"} {
		if got := c.MappingName(i); got != want {
			t.Errorf("MappingName(%d) = %q, want %q", i, got, want)
		}
	}
	if got := c.MappingName(9); got != "" {
		t.Errorf("MappingName out of range = %q, want empty", got)
	}
}

// TestGuessColumns_MappingImports checks that the names MappingName gives are the ones
// Import resolves: a file whose guess finds nothing imports once its columns are mapped.
func TestGuessColumns_MappingImports(t *testing.T) {
	text := "when,how many stars,what happened,stars\n2026-02-01,4,Friendly staff,x\n2026-02-02,2,Cold food,y\n"
	path := filepath.Join(t.TempDir(), "odd.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := GuessColumns(f, "odd.csv", Options{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	m := Mapping{Score: cols.MappingName(1), Comment: cols.MappingName(2), Date: cols.MappingName(0)}
	store := newFakeStore()
	res, err := Import(context.Background(), store, path, Options{Mapping: m}, nil)
	if err != nil {
		t.Fatalf("import with mapping %+v: %v", m, err)
	}
	if res.Inserted != 2 {
		t.Fatalf("inserted %d, want 2", res.Inserted)
	}
	var comments []string
	for _, byID := range store.responses {
		for _, r := range byID {
			if r.Score == nil || r.Comment == "" {
				t.Fatalf("response %+v lacks its mapped score or comment", r)
			}
			comments = append(comments, r.Comment)
		}
	}
	slices.Sort(comments)
	if !slices.Equal(comments, []string{"Cold food", "Friendly staff"}) {
		t.Errorf("comments %q", comments)
	}
}
