package ui

import (
	"encoding/json"
	"testing"

	"github.com/verbatim-app/verbatim/assets"
)

// TestCommentsTranslations checks the labels the Comments screen keeps in tables (and
// translates when shown), which TestTranslations_Complete cannot find in lang calls.
func TestCommentsTranslations(t *testing.T) {
	var labels []string
	for _, c := range followUpChoices {
		labels = append(labels, c.label)
	}
	for _, c := range scoreChoices {
		if c.label != "" {
			labels = append(labels, c.label)
		}
	}
	for _, f := range followUpFilters {
		labels = append(labels, f.label)
	}
	labels = append(append(append(labels, tagModes...), noteChoices...), commentChoices...)
	for _, code := range []string{"en", "es", "tr"} {
		raw, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(raw, &msgs); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		for _, l := range labels {
			if _, ok := msgs[l]; !ok {
				t.Errorf("%s.json has no %q", code, l)
			}
		}
	}
}
