package sqlite_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

func TestThemes(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "s")
	var rs []*data.Response
	add := func(n int, score float64, comment, tag string) {
		for range n {
			r := nps(fmt.Sprint(len(rs)), score, comment, day(2026, 5, 1+len(rs)%28), nil)
			if tag != "" {
				r.Tags = []string{tag}
			}
			rs = append(rs, r)
		}
	}
	add(100, 10, "love the speed and the friendly support team", "praise") // frequent, happy
	add(60, 8, "fine overall", "speed")                                    // frequent, lukewarm
	add(8, 1, "refund never arrived, billing charged twice", "refunds")    // rare, painful
	add(30, 3, "billing charged twice and nobody answers", "billing")      // frequent, painful
	add(3, 0, "crash", "crash")                                            // too rare to rank
	mustWrite(t, db, src.ID, rs...)

	themes, err := db.Themes(ctx, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	order := []string{}
	for _, th := range themes {
		order = append(order, th.Tag)
	}
	want := []string{"billing", "refunds", "speed", "praise"}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Fatalf("themes ranked %v, want %v", order, want)
	}
	// Independent figures for "refunds": 8 of 201 responses, all detractors.
	overall := 100 * float64(100-8-30-3) / 201
	r := themes[1]
	if r.Responses != 8 || r.Pain != 1 || r.Score != -100 || math.Abs(r.Gap-(-100-overall)) > 1e-9 || math.Abs(r.Share-8.0/201) > 1e-9 {
		t.Errorf("refunds = %+v (overall %v)", r, overall)
	}

	words, err := db.DetractorWords(ctx, data.Filter{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]data.Word{}
	for _, w := range words {
		got[w.Word] = w
	}
	if w, ok := got["billing"]; !ok || w.Detractors != 38 || w.Promoters != 0 {
		t.Errorf("billing missing or miscounted in %+v", words)
	}
	if _, ok := got["support"]; ok {
		t.Errorf("support is a promoter word: %+v", words)
	}
}
