package ui

import (
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

// numberFormat writes numbers and dates the way the interface language does: "1,000,000"
// and "4.3" in English, "1.000.000" and "4,3" in Spanish and Turkish. Negative numbers use
// the typographic minus sign.
type numberFormat struct {
	code        string // interface language
	group       string // thousands separator
	decimal     string
	minGrouping int // digits before the separator is used at all: Spanish writes 1000 but 10.000
	months      [12]string
}

func numbersFor(code string) numberFormat {
	switch code {
	case "es":
		return numberFormat{code: code, group: ".", decimal: ",", minGrouping: 5,
			months: [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"}}
	case "tr":
		return numberFormat{code: code, group: ".", decimal: ",", minGrouping: 4,
			months: [12]string{"Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"}}
	default:
		return numberFormat{code: "en", group: ",", decimal: ".", minGrouping: 4,
			months: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}}
	}
}

const minus = "\u2212"

// int writes a whole number with thousands separators.
func (f numberFormat) int(n int) string { return f.fixed(float64(n), 0) }

// fixed writes v rounded to places decimals.
func (f numberFormat) fixed(v float64, places int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', places, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) >= f.minGrouping {
		var b strings.Builder
		for i, d := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteString(f.group)
			}
			b.WriteRune(d)
		}
		whole = b.String()
	}
	out := whole
	if frac != "" {
		out += f.decimal + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = minus + out
	}
	return out
}

// signed writes v with its sign: "+5", "−3", "0".
func (f numberFormat) signed(v float64, places int) string {
	s := f.fixed(v, places)
	if v > 0 && strings.Trim(strconv.FormatFloat(v, 'f', places, 64), "0.") != "" {
		return "+" + s
	}
	return s
}

// percent writes v (already ×100) as a percentage the language's way: "87%", "87 %", "%87".
func (f numberFormat) percent(v float64, places int) string {
	return lang.L("{{.Value}}%", map[string]any{"Value": f.fixed(v, places)})
}

// scorePlaces is how many decimals a rule's score is shown with: whole numbers for NPS and
// percentages, one decimal for means.
func scorePlaces(r metrics.Rule) int {
	if r.Kind == metrics.MeanKind {
		return 1
	}
	return 0
}

// score writes a score as its rule shows it: NPS "42", CSAT "87%", stars "4.3".
func (f numberFormat) score(r metrics.Rule, v float64) string {
	if r.Kind == metrics.ShareKind {
		return f.percent(v, 0)
	}
	return f.fixed(v, scorePlaces(r))
}

// margin writes a margin of error one decimal finer than the score: "±3.1".
func (f numberFormat) margin(r metrics.Rule, m float64) string {
	return "±" + f.fixed(m, scorePlaces(r)+1)
}

// date writes a day: "Mar 4, 2025", "4 mar 2025", "4 Mar 2025".
func (f numberFormat) date(t time.Time) string {
	m := f.months[t.Month()-1]
	if f.code == "en" {
		return m + " " + strconv.Itoa(t.Day()) + ", " + strconv.Itoa(t.Year())
	}
	return strconv.Itoa(t.Day()) + " " + m + " " + strconv.Itoa(t.Year())
}

// ago says how long before now t was: "just now", "4 min ago", "3 h ago", "2 days ago", or
// the date beyond a month.
func (f numberFormat) ago(t, now time.Time) string {
	d := now.Sub(t)
	count := func(n int) map[string]any { return map[string]any{"Count": f.int(n)} }
	switch {
	case d < time.Minute:
		return lang.L("just now")
	case d < time.Hour:
		n := int(d / time.Minute)
		return lang.N("{{.Count}} min ago", n, count(n))
	case d < 24*time.Hour:
		n := int(d / time.Hour)
		return lang.N("{{.Count}} h ago", n, count(n))
	case d < 30*24*time.Hour:
		n := int(d / (24 * time.Hour))
		return lang.N("{{.Count}} days ago", n, count(n))
	default:
		return f.date(t)
	}
}

// typeLabel names a survey type.
func typeLabel(surveyType string) string {
	switch surveyType {
	case data.TypeNPS:
		return "NPS"
	case data.TypeENPS:
		return "eNPS"
	case data.TypeCSAT:
		return "CSAT"
	case data.TypeCES:
		return "CES"
	case data.TypePMF:
		return "PMF"
	case data.TypeStar:
		return lang.L("Star rating")
	case data.TypeSmiley:
		return lang.L("Smiley rating")
	case data.TypeThumbs:
		return lang.L("Thumbs up/down")
	default:
		return lang.L("Score")
	}
}

// bandLabels names the positive, neutral and negative bands of a survey type.
func bandLabels(surveyType string) (positive, neutral, negative string) {
	switch surveyType {
	case data.TypeNPS, data.TypeENPS:
		return lang.L("Promoters"), lang.L("Passives"), lang.L("Detractors")
	case data.TypeCES:
		return lang.L("Easy"), lang.L("Neutral"), lang.L("Difficult")
	case data.TypePMF:
		return lang.L("Very disappointed"), lang.L("Somewhat disappointed"), lang.L("Not disappointed")
	default:
		return lang.L("Satisfied"), lang.L("Neutral"), lang.L("Dissatisfied")
	}
}
