package formats_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/formats"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// TestImport_SQLite imports the shared fixtures into the real store: counts, idempotence,
// exact text round trips, source tags and notes, and a failing file that changes nothing.
func TestImport_SQLite(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := "/work/shared/fixtures"
	files := []struct {
		name     string
		inserted int
	}{
		{"sample_qualtrics_v3.csv", 33}, {"sample_surveymonkey.csv", 30}, {"sample_typeform.csv", 25},
		{"sample_googleforms.csv", 28}, {"sample_delighted.json", 30}, {"sample_formula_injection.csv", 7},
	}
	total := 0
	for _, f := range files {
		res, err := formats.Import(ctx, db, filepath.Join(dir, f.name), formats.Options{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if res.Inserted != f.inserted || res.Updated != 0 {
			t.Errorf("%s: %+v, want %d inserted", f.name, res.UpsertResult, f.inserted)
		}
		total += f.inserted
	}
	count := func() int {
		n, err := db.CountResponses(ctx, data.ResponseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != total {
		t.Fatalf("%d responses stored, want %d", n, total)
	}

	t.Run("ReimportChangesNothing", func(t *testing.T) {
		for _, f := range files {
			res, err := formats.Import(ctx, db, filepath.Join(dir, f.name), formats.Options{}, nil)
			if err != nil || res.Inserted != 0 || res.Updated != 0 || res.Unchanged != f.inserted {
				t.Errorf("%s again: %+v, %v", f.name, res.UpsertResult, err)
			}
		}
		if n := count(); n != total {
			t.Errorf("%d responses after re-import, want %d", n, total)
		}
	})

	t.Run("RoundTrip", func(t *testing.T) {
		src, err := db.SourceByName(ctx, "sample_qualtrics_v3 (Qualtrics)")
		if err != nil {
			t.Fatal(err)
		}
		rs, err := db.FindResponses(ctx, data.ResponseFilter{Filter: data.Filter{SourceID: src.ID}, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"R_59c55c01ce8999c": "Çok güzel ama ödeme ekranı yavaş; İstanbul şubesi ığdır ĞÜŞİÖÇ ğüşıöç",
			"R_599a3d691b01cf5": "Love it 😀👍🏽 👩‍👩‍👧 🇹🇷",
			"R_b812e66e46d54fd": "Me encantó el servicio, ¡muy rápido! Año nuevo, señal fuerte. Atención: ñandú",
			"R_aeb3b1fc8ab80d2": "Line one\nLine two, with comma\n\nLine four after a blank line",
			"R_1e648292dac4420": `She said ""wow"" — literally`,
		}
		found := 0
		for _, r := range rs {
			if c, ok := want[r.ExternalID]; ok {
				found++
				if r.Comment != c {
					t.Errorf("%s comment %q, want %q", r.ExternalID, r.Comment, c)
				}
			}
			if r.ExternalID == "R_aeb3b1fc8ab80d2" && !reflect.DeepEqual(r.Properties,
				map[string]string{"channel": "anonymous", "language": "ES", "region": "LATAM"}) {
				t.Errorf("properties %v", r.Properties)
			}
		}
		if found != len(want) || len(rs) != 33 {
			t.Errorf("found %d of %d checked responses among %d", found, len(want), len(rs))
		}
	})

	t.Run("DelightedTagsAndNotes", func(t *testing.T) {
		n, err := db.CountResponses(ctx, data.ResponseFilter{Filter: data.Filter{Tag: "pricing"}})
		if err != nil || n != 5 {
			t.Errorf("%d responses tagged pricing (%v), want 5", n, err)
		}
		var notes int
		if err := db.SQL().QueryRow("SELECT count(*) FROM notes").Scan(&notes); err != nil || notes != 5 {
			t.Errorf("%d notes (%v), want 5", notes, err)
		}
	})

	t.Run("ErrTruncatedChangesNothing", func(t *testing.T) {
		body, err := os.ReadFile(filepath.Join(dir, "sample_qualtrics_v3.csv"))
		if err != nil {
			t.Fatal(err)
		}
		// The first rows are new to the store (another source), the end is cut off.
		cut := filepath.Join(t.TempDir(), "cut.csv")
		if err := os.WriteFile(cut, body[:len(body)-60], 0o644); err != nil {
			t.Fatal(err)
		}
		before := sources(t, db)
		if _, err := formats.Import(ctx, db, cut, formats.Options{}, nil); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("error %v, want invalid", err)
		}
		if _, err := formats.Import(ctx, db, cut, formats.Options{Source: "sample_typeform (Typeform)"}, nil); err == nil {
			t.Fatal("no error importing a truncated file into an existing source")
		}
		if n := count(); n != total {
			t.Errorf("%d responses after failed imports, want %d", n, total)
		}
		if after := sources(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("sources changed: %v, was %v", after, before)
		}
		var ok string
		if err := db.SQL().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("integrity_check: %q %v", ok, err)
		}
	})
}

func sources(t *testing.T, db *sqlite.DB) map[string]int {
	t.Helper()
	rows, err := db.SQL().Query("SELECT s.name, count(r.id) FROM sources s LEFT JOIN responses r ON r.source_id = s.id GROUP BY s.id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var name string
		var n sql.NullInt64
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		out[name] = int(n.Int64)
	}
	return out
}
