package syncer

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// Words that say what a scale question measures, in the languages Verbatim ships (en, es, tr).
var (
	recommendWords = []string{"recommend", "recomend", "tavsiye", "öner"}
	satisfyWords   = []string{"satisf", "memnun"}
	effortWords    = []string{"effort", "easy", "esfuerzo", "fácil", "facil", "kolay", "çaba"}
)

// classify returns the survey type of a scale question from what the platform says about it
// and its wording. A 0-10 question is NPS only when it asks about recommending: DESIGN.md
// forbids assuming NPS from the scale alone. Anything unrecognised is a plain score.
func classify(text string, lo, hi int) string {
	t := strings.ToLower(text)
	has := func(words []string) bool {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
		return false
	}
	switch {
	case lo == 0 && hi == 10 && has(recommendWords):
		return data.TypeNPS
	case lo == 1 && hi == 5 && has(satisfyWords):
		return data.TypeCSAT
	case lo == 1 && (hi == 5 || hi == 7) && has(effortWords):
		return data.TypeCES
	}
	return data.TypeScore
}

// overrideType returns the survey type a source's config forces, or t.
func overrideType(src *data.Source, t string) string {
	if o := strings.TrimSpace(src.Config[ConfigSurveyType]); o != "" {
		return strings.ToLower(o)
	}
	return t
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plainText turns a question's rich text (HTML with entities) into one plain line.
func plainText(s string) string {
	s = tagRE.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

var leadingNumberRE = regexp.MustCompile(`^\s*([-+]?\d+(?:[.,]\d+)?)`)

// leadingNumber reads the number a choice label starts with: "9", "10 - Extremely likely".
func leadingNumber(s string) (float64, bool) {
	m := leadingNumberRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	return v, err == nil
}
