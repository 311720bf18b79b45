package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data/formats"
)

// typeformCSV writes a Typeform export of n responses and returns its path.
func typeformCSV(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("#,How likely are you to recommend us to a friend?,What could we do better?,Start Date (UTC),Submit Date (UTC),Network ID\n")
	for i := range n {
		fmt.Fprintf(&b, "tok%08d,%d,\"Comment %d, with a comma and ğüşİı\",2026-01-%02d 10:00:00,2026-01-%02d 10:02:00,net%d\n",
			i, i%11, i, i%28+1, i%28+1, i)
	}
	path := filepath.Join(t.TempDir(), fmt.Sprintf("typeform-%d.csv", n))
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// genericCSV is a CSV in no platform's layout: the mapping dialog's case.
const genericCSV = "Ticket,Rating,Feedback,When,Customer email,Plan,Region\n" +
	"T-1,9,Fast and friendly,2026-01-05,a@example.org,Pro,EMEA\n" +
	"T-2,3,Too slow,2026-01-06,b@example.org,Free,AMER\n" +
	"T-3,10,Great,2026-01-07,,Pro,APAC\n"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// drop drops files on the window as the OS does.
func (f *syncFixture) drop(paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	f.onUI(func() { f.a.importer.dropped(fyne.NewPos(200, 200), uris) })
}

func TestImporter_DropImportsWithProgressAndSummary(t *testing.T) {
	f := newSyncFixture(t)
	path := typeformCSV(t, 3000)
	progressSeen := false
	f.drop(path)
	f.eventually(t, "the summary", func() bool {
		i := f.a.importer
		if i.busy && i.dlg != nil && i.title.Text == filepath.Base(path) && visibleButton(i.stop, "Cancel") != nil {
			progressSeen = true
		}
		return !i.busy && i.summary != nil
	})
	if !progressSeen {
		t.Error("no progress dialog with the file's name and Cancel while importing")
	}
	var source string
	f.onUI(func() {
		i := f.a.importer
		if len(i.results) != 1 || i.results[0].err != nil {
			t.Fatalf("import results: %+v", i.results)
		}
		source = i.results[0].res.Source
		for _, want := range []string{filepath.Base(path), "3,000", "into " + source} {
			if !findLabel(i.summary, want) {
				t.Errorf("the summary lacks %q", want)
			}
		}
	})
	if n := f.responses(source); n != 3000 {
		t.Errorf("the cache holds %d responses of the file, want 3000", n)
	}
	f.eventually(t, "the status line to count the import", func() bool {
		return f.a.status.cache.Text == "3,000 responses · 1 source" && f.a.status.sync.Text == "Imported just now · 3,000 new"
	})
}

func TestImporter_CancelLeavesNothing(t *testing.T) {
	f := newSyncFixture(t)
	path := typeformCSV(t, 150_000)
	f.drop(path)
	f.eventually(t, "the progress dialog", func() bool {
		i := f.a.importer
		return i.busy && i.cancel != nil && visibleButton(i.stop, "Cancel") != nil
	})
	f.onUI(func() { test.Tap(f.a.importer.stop) })
	f.eventually(t, "the cancelled summary", func() bool { return !f.a.importer.busy && f.a.importer.summary != nil })
	f.onUI(func() {
		if !findLabel(f.a.importer.summary, "Cancelled: nothing from typeform-150000.csv was imported.") {
			t.Error("the summary does not say the import was cancelled")
		}
	})
	if st, err := f.db.CacheStats(context.Background()); err != nil || st.Responses != 0 {
		t.Errorf("a cancelled import left %d responses (%v)", st.Responses, err)
	}
}

func TestImporter_GenericCSVAsksForMapping(t *testing.T) {
	f := newSyncFixture(t)
	path := writeFile(t, "tickets.csv", genericCSV)
	f.drop(path)
	f.eventually(t, "the mapping dialog", func() bool { return f.a.importer.mapping != nil })
	f.onUI(func() {
		m := f.a.importer.mapping
		m.segments.SetSelected([]string{"Region"})
		test.Tap(m.ok)
	})
	f.eventually(t, "the summary", func() bool { return !f.a.importer.busy && f.a.importer.summary != nil })
	if st, err := f.db.CacheStats(context.Background()); err != nil || st.Responses != 3 {
		t.Fatalf("imported %d responses (%v), want 3", st.Responses, err)
	}
	keys, err := f.db.SegmentKeys(context.Background())
	if err != nil || !slices.Contains(keys, "region") {
		t.Errorf("segment keys %v (%v): the Region column chosen in the dialog is not a segment", keys, err)
	}

	// Skipping the file at the dialog imports nothing and says so.
	other := writeFile(t, "more-tickets.csv", genericCSV)
	f.onUI(func() { f.a.importer.mapping = nil })
	f.drop(other)
	f.eventually(t, "the mapping dialog", func() bool { return f.a.importer.busy && f.a.importer.mapping != nil })
	f.onUI(func() {
		test.Tap(visibleButton(f.a.win.Canvas().Overlays().Top(), "Skip this file"))
	})
	f.eventually(t, "the summary", func() bool {
		return !f.a.importer.busy && findLabel(f.a.importer.summary, "more-tickets.csv was not imported: you skipped it at the column mapping.")
	})
	if st, err := f.db.CacheStats(context.Background()); err != nil || st.Responses != 3 {
		t.Errorf("after skipping a file the cache holds %d responses (%v), want 3", st.Responses, err)
	}
}

// TestMappingForm_Options checks that the dialog asks of the importer exactly what the same
// choices written as verbatim import --map would.
func TestMappingForm_Options(t *testing.T) {
	test.NewTempApp(t)
	path := writeFile(t, "tickets.csv", genericCSV)
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := formats.GuessColumns(file, "tickets.csv", formats.Options{})
	file.Close()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		choose     map[string]string // part label → column
		segments   []string
		surveyType string // the select's label
		mapFlag    string
		wantType   string
	}{
		{name: "GuessKept", mapFlag: ""},
		{name: "Score", choose: map[string]string{"Score": "Ticket"}, mapFlag: "score=Ticket"},
		{name: "CommentAndDate", choose: map[string]string{"Comment": "Plan", "Date": "When"}, mapFlag: "comment=Plan"},
		{name: "Identity", choose: map[string]string{"Email": "Customer email", "Response ID": "Ticket", "Name": "Region"},
			mapFlag: "id=Ticket,name=Region"},
		{name: "Segments", segments: []string{"Region", "Ticket"}, mapFlag: "segment=Region,segment=Ticket"},
		{name: "SurveyType", surveyType: "CSAT", mapFlag: "", wantType: "csat"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := test.NewTempWindow(t, widget.NewLabel(""))
			m := newMappingForm(&App{win: w, lang: "en"}, path, cols, func(formats.Options, bool) {})
			for _, p := range m.parts {
				if col, ok := tc.choose[p.label]; ok {
					p.choice.SetSelected(col)
				}
			}
			for _, s := range tc.segments {
				if !slices.Contains(m.segments.Options, s) {
					t.Fatalf("%s is not offered as a segment (offered: %v)", s, m.segments.Options)
				}
			}
			m.segments.SetSelected(tc.segments)
			if tc.surveyType != "" {
				m.surveyType.SetSelected(tc.surveyType)
			}
			want, err := formats.ParseMapping(tc.mapFlag)
			if err != nil {
				t.Fatal(err)
			}
			got := m.options()
			if !reflect.DeepEqual(got.Mapping, want) || got.SurveyType != tc.wantType {
				t.Errorf("options %+v, want --map %q (%+v) and survey type %q", got, tc.mapFlag, want, tc.wantType)
			}
		})
	}
}
