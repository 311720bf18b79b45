// Package formats reads survey exports: it detects a file's format from its content (header
// rows, column names, JSON shape, never the extension), decodes its text encoding, and streams
// it as *data.Response values one at a time, in constant memory whatever the file's size.
//
// Every parser answers the same questions the same way:
//   - which column is the score and on which scale: question text in English, Spanish or
//     Turkish decides the survey type ("likely … recommend" → nps, "satisf…" → csat,
//     "easy/effort" → ces); values and scale hints in the text decide the range. A 0-10
//     question without such evidence is TypeScore, never NPS, unless the format itself says
//     so (Delighted does).
//   - when a file has several score questions (say NPS in Q1 and CSAT in Q3), one response
//     is emitted per row for the primary one (nps/enps > csat > ces > anything else) and the
//     others go into Answers under their question text. One row stays one response, so
//     counts, ids and re-imports stay simple; Options.SurveyType picks another column.
//   - which column is the main open-text comment; other questions go into Answers, and
//     metadata (channel, device, language, region, embedded data, hidden fields) into
//     Properties for segmenting.
//
// File-level problems (unreadable, binary, empty, unterminated quote, truncated, invalid
// JSON) end the parse with one *data.Error sentence naming the file and line. Row-level
// problems (a score of "ten", an unreadable date) skip the row and count it in Skips, unless
// Options.Strict makes them errors.
package formats

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	// Exports carry IANA zone names (Qualtrics' ImportId row); embed the zone database so
	// they resolve on machines without one (Windows).
	_ "time/tzdata"

	"github.com/verbatim-app/verbatim/data"
)

// Formats Detect recognises.
const (
	FormatQualtrics    = "qualtrics"
	FormatSurveyMonkey = "surveymonkey"
	FormatTypeform     = "typeform"
	FormatGoogleForms  = "googleforms"
	FormatDelighted    = "delighted" // a JSON archive or Delighted's CSV export
	FormatCSV          = "csv"       // any other CSV: columns guessed, Mapping overrides
)

// Formats lists the format names in the order the CLI shows them.
var Formats = []string{FormatQualtrics, FormatSurveyMonkey, FormatTypeform, FormatGoogleForms, FormatDelighted, FormatCSV}

// formatNames are the names people know the platforms by, for source names and messages.
var formatNames = map[string]string{
	FormatQualtrics:    "Qualtrics",
	FormatSurveyMonkey: "SurveyMonkey",
	FormatTypeform:     "Typeform",
	FormatGoogleForms:  "Google Forms",
	FormatDelighted:    "Delighted",
	FormatCSV:          "CSV",
}

// FormatName returns the display name of a format ("Google Forms" for googleforms).
func FormatName(format string) string {
	if n, ok := formatNames[format]; ok {
		return n
	}
	return format
}

// surveyTypes are the types Options.SurveyType accepts.
var surveyTypes = []string{data.TypeNPS, data.TypeENPS, data.TypeCSAT, data.TypeCES, data.TypeStar,
	data.TypeSmiley, data.TypeThumbs, data.TypePMF, data.TypeScore}

// Options changes how a file is read. The zero value detects everything.
type Options struct {
	// Format forces a format; "" or "auto" detects it.
	Format string
	// SurveyType overrides the detected survey type. When a file has a question of that type,
	// it becomes the score column.
	SurveyType string
	// Survey names the survey; by default the file name without its extension.
	Survey string
	// Source is the source Import files responses under; by default a name derived from the
	// format and the file name (see SourceName).
	Source string
	// Mapping overrides the guessed columns.
	Mapping Mapping
	// Strict turns a skipped row (bad score, bad date) into an error.
	Strict bool
	// IncludeUnfinished keeps partial responses (Qualtrics Finished = 0, Typeform partial).
	IncludeUnfinished bool
	// Location is the time zone of timestamps that carry none; nil means UTC.
	Location *time.Location
	// DefaultTime dates the rows of a file that has no date column at all; Import uses the
	// file's modification time, and the zero value means the time of the parse.
	DefaultTime time.Time
}

// Validate checks Format and SurveyType against the known names.
func (o Options) Validate() error {
	if o.Format != "" && o.Format != "auto" {
		if _, ok := formatNames[o.Format]; !ok {
			return data.Errorf(data.EINVALID, "unknown format %q: use auto, %s", o.Format, strings.Join(Formats, ", "))
		}
	}
	if o.SurveyType != "" && !slices.Contains(surveyTypes, o.SurveyType) {
		return data.Errorf(data.EINVALID, "unknown survey type %q: use %s", o.SurveyType, strings.Join(surveyTypes, ", "))
	}
	return nil
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Skip counts the rows skipped for one reason.
type Skip struct {
	Count int
	Lines []int // the first few line numbers, for the message
}

// maxSkipLines is how many line numbers a Skip keeps: enough to find the rows, not a list.
const maxSkipLines = 5

// Skips maps a reason ("score is not a number", "survey preview"...) to its rows.
type Skips map[string]*Skip

func (s Skips) add(reason string, line int) {
	k := s[reason]
	if k == nil {
		k = &Skip{}
		s[reason] = k
	}
	k.Count++
	if len(k.Lines) < maxSkipLines {
		k.Lines = append(k.Lines, line)
	}
}

// Total returns how many rows were skipped in all.
func (s Skips) Total() int {
	n := 0
	for _, k := range s {
		n += k.Count
	}
	return n
}

// Reasons returns the reasons, most frequent first.
func (s Skips) Reasons() []string {
	out := make([]string, 0, len(s))
	for r := range s {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if s[out[i]].Count != s[out[j]].Count {
			return s[out[i]].Count > s[out[j]].Count
		}
		return out[i] < out[j]
	})
	return out
}

// String reads like "2 survey preview (lines 5, 16), 1 unfinished (line 9)".
func (s Skips) String() string {
	var b strings.Builder
	for i, r := range s.Reasons() {
		k := s[r]
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d %s (line", k.Count, r)
		if len(k.Lines) > 1 {
			b.WriteByte('s')
		}
		for j, l := range k.Lines {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %d", l)
		}
		if k.Count > len(k.Lines) {
			b.WriteString(", …")
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Skip reasons. The first group are choices the export itself records (a preview is not a
// real response); the second are problems in the data, which Options.Strict refuses.
const (
	skipPreview    = "survey preview"
	skipTest       = "survey test"
	skipSpam       = "spam"
	skipUnfinished = "unfinished"

	skipScoreNaN   = "score is not a number"
	skipScoreRange = "score outside the scale"
	skipBadDate    = "date not recognised"
	skipNoDate     = "no date"
	skipBadRow     = "unreadable response"
)

// rowProblem is why one row was skipped: reason is the Skips key, detail the sentence a
// strict import fails with.
type rowProblem struct {
	reason  string
	detail  string
	problem bool // bad data rather than an excluded kind of row
}

func excluded(reason string) *rowProblem { return &rowProblem{reason: reason} }

func badRow(reason, format string, args ...any) *rowProblem {
	return &rowProblem{reason: reason, detail: fmt.Sprintf(format, args...), problem: true}
}

// fileError is the one-sentence error for a problem with the file as a whole.
func fileError(name string, line int, format string, args ...any) error {
	if line <= 0 {
		return data.Errorf(data.EINVALID, "%s: "+format, append([]any{name}, args...)...)
	}
	return data.Errorf(data.EINVALID, "%s line %d: "+format, append([]any{name, line}, args...)...)
}
