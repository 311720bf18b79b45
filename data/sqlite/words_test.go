package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// TestDetractorWords_Tag checks the words of a tag's responses (read in one pass for both
// bands) against the words of a database holding only those responses (read by two walks
// down the date index), with a sample cap the data crosses.
func TestDetractorWords_Tag(t *testing.T) {
	defer sqlite.SetWordSample(6)()
	ctx := context.Background()
	all, only := MustOpenDB(t), MustOpenDB(t)
	srcAll, srcOnly := mustSource(t, all, "s"), mustSource(t, only, "s")
	comments := map[bool][]string{
		true:  {"refund never came", "refund late again", "billing refund missing", "charged twice refund", "late invoice"},
		false: {"great fast support", "fast app great", "love the support", "great great", "quick fast"},
	}
	var tagged, untagged []*data.Response
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 60 {
		detractor := i%3 == 0
		score := 10.0
		if detractor {
			score = float64(i % 7)
		}
		r := nps(fmt.Sprint("r", i), score, comments[detractor][i%5], start.Add(time.Duration(i)*time.Hour), nil)
		if i%2 == 0 {
			r.Tags = []string{"t"}
			tagged = append(tagged, r)
		} else {
			r.Comment = "other words entirely " + r.Comment
			untagged = append(untagged, r)
		}
	}
	mustWrite(t, all, srcAll.ID, append(tagged, untagged...)...)
	var copies []*data.Response
	for _, r := range tagged {
		c := *r
		c.Tags = nil
		copies = append(copies, &c)
	}
	mustWrite(t, only, srcOnly.ID, copies...)

	got, err := all.DetractorWords(ctx, data.Filter{Tag: "t"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want, err := only.DetractorWords(ctx, data.Filter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("tag words = %+v\nwant %+v", got, want)
	}
	for _, w := range got {
		if w.Word == "other" || w.Detractors > 6 || w.Promoters > 6 {
			t.Errorf("word %+v: from an untagged comment or beyond the sample of 6", w)
		}
	}
}
