package sqlite_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

// injectionComments reads the comments of the shared formula-injection sample (a copy in
// testdata): cells starting with =, +, -, @ and a tab, and one harmless one.
func injectionComments(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/sample_formula_injection.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rec := range records[1:] {
		out = append(out, rec[2])
	}
	return out
}

func TestDB_ExportComments(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "=typeform")
	comments := append(injectionComments(t), "\rcarriage", "línea uno\nlínea dos, \"citada\"", "")
	var rs []*data.Response
	for i, c := range comments {
		r := nps(fmt.Sprintf("x%d", i), float64(i%11), c, day(2026, 1, 1+i), map[string]string{"plan": []string{"-Pro", "Free"}[i%2], "region": "EU"})
		r.Permalink = "https://example.com/r/" + r.ExternalID
		rs = append(rs, r)
	}
	mustWrite(t, db, src.ID, rs...)
	tag, _ := db.EnsureTag(ctx, "@billing")
	first, err := db.FindComments(ctx, data.CommentFilter{Sort: data.SortOldest}, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	id := first.Responses[0].ID
	if err := db.TagResponses(ctx, tag.ID, []int64{id}, data.OriginUser); err != nil {
		t.Fatal(err)
	}
	db.AddNote(ctx, id, "+1 from sales")
	db.AddNote(ctx, id, "called")
	db.SetFollowUp(ctx, id, data.FollowUpContacted)

	t.Run("RoundTrip", func(t *testing.T) {
		var buf bytes.Buffer
		var calls [][2]int
		n, err := db.ExportComments(ctx, data.CommentFilter{Sort: data.SortOldest}, &buf, func(done, total int) {
			calls = append(calls, [2]int{done, total})
		})
		if err != nil || n != len(rs) {
			t.Fatalf("export = %d, %v", n, err)
		}
		if len(calls) < 2 || calls[0] != [2]int{0, n} || calls[len(calls)-1] != [2]int{n, n} {
			t.Errorf("progress calls = %v", calls)
		}
		raw := buf.Bytes()
		if !bytes.HasPrefix(raw, []byte("\ufeff")) {
			t.Fatal("no UTF-8 byte-order mark")
		}
		records, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		header := strings.Join(records[0], ",")
		if header != "id,external_id,date,survey,survey_type,score,source,comment,tags,notes,follow_up,permalink,plan,region" {
			t.Fatalf("header = %s", header)
		}
		if len(records) != len(rs)+1 {
			t.Fatalf("%d rows, want %d", len(records)-1, len(rs))
		}
		col := map[string]int{}
		for i, h := range records[0] {
			col[h] = i
		}
		for i, rec := range records[1:] {
			want := rs[i].Comment
			if want != "" && strings.ContainsRune("=+-@\t\r", rune(want[0])) {
				want = "'" + want
			}
			if got := rec[col["comment"]]; got != want {
				t.Errorf("row %d comment = %q, want %q", i, got, want)
			}
			if got := rec[col["score"]]; got != fmt.Sprint(*rs[i].Score) {
				t.Errorf("row %d score = %q", i, got)
			}
			if rec[col["source"]] != "'=typeform" {
				t.Errorf("row %d source = %q, want it escaped", i, rec[col["source"]])
			}
			wantPlan := []string{"'-Pro", "Free"}[i%2]
			if rec[col["plan"]] != wantPlan || rec[col["region"]] != "EU" {
				t.Errorf("row %d segments = %q %q", i, rec[col["plan"]], rec[col["region"]])
			}
			if rec[col["permalink"]] != rs[i].Permalink || rec[col["date"]] == "" || rec[col["survey_type"]] != "nps" {
				t.Errorf("row %d = %q", i, rec)
			}
		}
		row := records[1]
		if row[col["tags"]] != "'@billing" || row[col["notes"]] != "'+1 from sales\ncalled" || row[col["follow_up"]] != "contacted" {
			t.Errorf("annotations = tags %q notes %q follow-up %q", row[col["tags"]], row[col["notes"]], row[col["follow_up"]])
		}
	})

	t.Run("Filtered", func(t *testing.T) {
		var buf bytes.Buffer
		n, err := db.ExportComments(ctx, data.CommentFilter{TagsAll: []string{"@billing"}}, &buf, nil)
		if err != nil || n != 1 {
			t.Fatalf("export = %d, %v", n, err)
		}
	})

	t.Run("ErrCanceled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := db.ExportComments(cctx, data.CommentFilter{}, &bytes.Buffer{}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
}

// TestDB_ExportComments_Cancel stops a large export midway, from its progress callback.
func TestDB_ExportComments_Cancel(t *testing.T) {
	db := MustOpenDB(t)
	src := mustSource(t, db, "big.csv")
	rs := make([]*data.Response, 5000)
	for i := range rs {
		rs[i] = nps(fmt.Sprintf("b%d", i), float64(i%11), "fine", day(2026, 1, 1), nil)
	}
	mustWrite(t, db, src.ID, rs...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var buf bytes.Buffer
	n, err := db.ExportComments(ctx, data.CommentFilter{}, &buf, func(done, total int) {
		if done > 0 && done < total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || n >= len(rs) {
		t.Fatalf("export = %d, %v; want it cancelled midway", n, err)
	}
}
