package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// TestSQLLocalDay checks that the triggers' local day (SQL over local_offsets) is the day Go
// counts in, around every offset change of zones with daylight saving, half- and
// quarter-hour offsets, a skipped day and rules changed over the years.
func TestSQLLocalDay(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, name := range []string{"UTC", "America/New_York", "America/Sao_Paulo", "Europe/Istanbul",
		"Asia/Kathmandu", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Apia", "Pacific/Kiritimati"} {
		t.Run(name, func(t *testing.T) {
			loc, err := time.LoadLocation(name)
			if err != nil {
				t.Skipf("no zone %s: %v", name, err)
			}
			offsets := localOffsets(loc)
			if err := db.inTx(ctx, func(tx *sql.Tx) error { return rebuildTagRollup(ctx, tx, loc, name) }); err != nil {
				t.Fatal(err)
			}
			var instants []int64
			for _, o := range offsets[1:] {
				for _, d := range []int64{-86400, -3601, -1, 0, 1, 3599, 43200} {
					instants = append(instants, o.start+d)
				}
			}
			for y := 1960; y <= 2120; y += 7 {
				for h := range 24 {
					instants = append(instants, time.Date(y, time.Month(1+h%12), 1+h, h, 59, 59, 0, time.UTC).Unix())
				}
			}
			stmt, err := db.db.PrepareContext(ctx, "SELECT "+sqlLocalDay("?1"))
			if err != nil {
				t.Fatal(err)
			}
			defer stmt.Close()
			wrong := 0
			for _, at := range instants {
				var got int
				if err := stmt.QueryRowContext(ctx, at).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if want := localDay(at, loc); got != want && wrong < 5 {
					wrong++
					t.Errorf("%s: SQL day %d, Go day %d", time.Unix(at, 0).In(loc), got, want)
				}
			}
			if len(offsets) > 1 && len(instants) < 100 {
				t.Fatalf("only %d instants checked", len(instants))
			}
		})
	}
}
