package syncer

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

func TestFolderFiles(t *testing.T) {
	h := newHarness(t)
	now := time.Now()
	h.engine.Connectors[data.KindFolder] = &Folder{Now: func() time.Time { return now }}
	dir := t.TempDir()
	old := now.Add(-time.Hour)
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, "first.csv"), old)
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, ".hidden.csv"), old)
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, "second.csv"), old.Add(time.Minute))
	h.store.addSource(t, "drop", data.KindFolder, map[string]string{ConfigPath: dir})

	states := func() map[string]FolderFile {
		t.Helper()
		files, err := FolderFiles(h.store.source(t, "drop"))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]FolderFile{}
		for _, f := range files {
			out[f.Name] = f
		}
		return out
	}
	before := states()
	if len(before) != 2 || before["first.csv"].State != FileNew || before["second.csv"].State != FileNew {
		t.Fatalf("before any sync: %+v, want first.csv and second.csv new, the hidden file left out", before)
	}
	info, _ := os.Stat(filepath.Join(dir, "first.csv"))
	if before["first.csv"].Size != info.Size() || !before["first.csv"].Modified.Equal(info.ModTime()) {
		t.Errorf("first.csv: size %d modified %v, want %d %v", before["first.csv"].Size, before["first.csv"].Modified, info.Size(), info.ModTime())
	}

	mustOK(t, h.sync()[0])
	copyFile(t, "testdata/sample_qualtrics_v3.csv", filepath.Join(dir, "second.csv"), old.Add(2*time.Minute))
	copyFile(t, "testdata/sample_typeform.csv", filepath.Join(dir, "third.csv"), old.Add(3*time.Minute))
	after := states()
	want := map[string]string{"first.csv": FileDone, "second.csv": FileChanged, "third.csv": FileNew}
	for name, state := range want {
		if after[name].State != state {
			t.Errorf("after a sync, %s is %q, want %q", name, after[name].State, state)
		}
	}
}

func TestFolderFiles_Errors(t *testing.T) {
	cases := []struct {
		name string
		src  *data.Source
	}{
		{"ErrNoPath", &data.Source{Name: "x", Kind: data.KindFolder}},
		{"ErrMissingFolder", &data.Source{Name: "x", Kind: data.KindFolder, Config: map[string]string{ConfigPath: "/nonexistent/verbatim"}}},
		{"ErrDamagedCursor", &data.Source{Name: "x", Kind: data.KindFolder, Config: map[string]string{ConfigPath: os.TempDir()}, Cursor: "{"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := FolderFiles(c.src); err == nil || data.ErrorCode(err) == data.EINTERNAL {
				t.Fatalf("error %v, want a user's sentence", err)
			}
		})
	}
}
