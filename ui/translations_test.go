package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/verbatim-app/verbatim/assets"
)

// langCall finds the literal keys of lang.L, lang.N, lang.X and lang.LocalizeKey calls.
var langCall = regexp.MustCompile(`lang\.(?:L|N|Localize|LocalizePlural)\(\s*("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `)`)

// TestTranslations_Complete checks that every string the interface translates has an entry
// in every shipped language, so no label falls back to English in Spanish or Turkish.
func TestTranslations_Complete(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("*/*.go")
	files = append(files, more...)
	keys := map[string]string{} // key → file it was found in
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range langCall.FindAllSubmatch(src, -1) {
			key, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			keys[key] = f
		}
	}
	// Labels kept in tables and translated when shown.
	for _, d := range screenDefs() {
		keys[d.label] = "app.go"
	}
	for _, p := range datePresets {
		keys[p.label] = "filter.go"
	}
	for _, g := range granularities {
		keys[g.label] = "dashboard.go"
	}
	for _, t := range textSizes {
		keys[t.label] = "theme.go"
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d translated strings; is the pattern still right?", len(keys))
	}
	for _, code := range []string{"en", "es", "tr"} {
		raw, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(raw, &msgs); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		var missing []string
		for k := range keys {
			if _, ok := msgs[k]; !ok {
				missing = append(missing, strconv.Quote(k)+" ("+keys[k]+")")
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s.json lacks %s", code, m)
		}
	}
}
