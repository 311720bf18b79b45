package sqlite_test

import (
	"context"
	"testing"

	"github.com/verbatim-app/verbatim/data/sqlite"
)

func TestDB_IndexStatus(t *testing.T) {
	ctx := context.Background()
	defer sqlite.SetLoadDropMin(10, false)()
	db := MustOpenDB(t)
	src := mustSource(t, db, "big.csv")

	t.Run("Empty", func(t *testing.T) {
		st, err := db.IndexStatus(ctx)
		if err != nil || !st.Complete() || st.Err != nil {
			t.Fatalf("status of an empty cache = %+v, %v; want complete", st, err)
		}
	})
	mustWrite(t, db, src.ID, commented("a", 10, 5)...)
	mustLoad(t, db, src.ID, commented("b", 30, 5)...)
	t.Run("Behind", func(t *testing.T) {
		st, err := db.IndexStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Complete() || st.Searchable != 0.25 || st.Err != nil {
			t.Fatalf("status after a load = %+v, want 10 of 40 searchable and no error", st)
		}
	})
	if err := db.WaitCatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	t.Run("CaughtUp", func(t *testing.T) {
		st, err := db.IndexStatus(ctx)
		if err != nil || !st.Complete() || st.Searchable != 1 {
			t.Fatalf("status after catch-up = %+v, %v; want complete", st, err)
		}
	})
}
