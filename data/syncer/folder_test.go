package syncer

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/formats"
)

// rowsIn counts the responses data/formats reads from a file.
func rowsIn(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := formats.Open(f, filepath.Base(path), formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		if _, err := p.Next(); err == io.EOF {
			return n
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
}

func copyFile(t *testing.T, from, to string, mod time.Time) {
	t.Helper()
	buf, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(to, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestFolder_Sync(t *testing.T) {
	h := newHarness(t)
	now := time.Now()
	folder := &Folder{ChunkSize: 3, Now: func() time.Time { return now }}
	h.engine.Connectors[data.KindFolder] = folder
	dir := t.TempDir()
	old := now.Add(-time.Hour)
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, "typeform.csv"), old)
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, ".hidden.csv"), old)
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, "download.csv.part"), old)
	src := h.store.addSource(t, "drop", data.KindFolder, map[string]string{ConfigPath: dir})
	typeformRows := rowsIn(t, "testdata/sample_typeform.csv")
	qualtricsRows := rowsIn(t, "testdata/sample_qualtrics_v3.csv")

	rs := h.sync()
	mustOK(t, rs[0])
	if got := len(h.store.ids(src.ID)); got != typeformRows || rs[0].Run.Inserted != typeformRows {
		t.Fatalf("stored %d, inserted %d; want the %d rows of the one visible file", got, rs[0].Run.Inserted, typeformRows)
	}

	// Nothing new: nothing read. A new export, and one still being written.
	mustOK(t, h.sync()[0])
	copyFile(t, "testdata/sample_qualtrics_v3.csv", filepath.Join(dir, "qualtrics.csv"), old.Add(time.Minute))
	copyFile(t, "testdata/sample_qualtrics_v3.csv", filepath.Join(dir, "copying.csv"), now.Add(-time.Second))
	rs = h.sync()
	mustOK(t, rs[0])
	if rs[0].Run.Inserted != qualtricsRows || rs[0].Run.Fetched != qualtricsRows {
		t.Errorf("second file: fetched %d inserted %d, want %d", rs[0].Run.Fetched, rs[0].Run.Inserted, qualtricsRows)
	}

	// A file that is not an export is reported once, the good one beside it is imported.
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("call Ana back\n"), 0o644)
	os.Chtimes(filepath.Join(dir, "notes.txt"), old, old)
	now = now.Add(time.Minute) // copying.csv has settled; it is the same survey as qualtrics.csv
	rs = h.sync()
	if rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "notes.txt") {
		t.Fatalf("err = %v, want the refused file named", rs[0].Err)
	}
	if rs[0].Run.Fetched != qualtricsRows || rs[0].Run.Inserted != 0 {
		t.Errorf("settled copy: fetched %d inserted %d, want %d re-read and 0 new", rs[0].Run.Fetched, rs[0].Run.Inserted, qualtricsRows)
	}
	mustOK(t, h.sync()[0]) // refused once, not again until it changes
	if got := len(h.store.ids(src.ID)); got != typeformRows+qualtricsRows {
		t.Errorf("cache holds %d, want %d", got, typeformRows+qualtricsRows)
	}

	// A changed file is read again; its rows upsert.
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, "typeform.csv"), old.Add(2*time.Minute))
	rs = h.sync()
	mustOK(t, rs[0])
	if rs[0].Run.Fetched != typeformRows || rs[0].Run.Inserted != 0 {
		t.Errorf("changed file: fetched %d inserted %d", rs[0].Run.Fetched, rs[0].Run.Inserted)
	}
}

func TestFolder_Errors(t *testing.T) {
	h := newHarness(t)
	h.engine.Connectors[data.KindFolder] = &Folder{}
	h.store.addSource(t, "gone", data.KindFolder, map[string]string{ConfigPath: filepath.Join(t.TempDir(), "nope")})
	if err := h.engine.Test(context.Background(), "gone"); data.ErrorCode(err) != data.EUNAVAILABLE || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("test of a missing folder: %v", err)
	}
	rs := h.sync()
	if rs[0].Err == nil || rs[0].Run.Status != data.SyncFailed {
		t.Errorf("sync of a missing folder: %+v", rs[0])
	}
}
