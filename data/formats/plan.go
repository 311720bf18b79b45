package formats

import (
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// role is what a CSV column holds.
type role uint8

const (
	roleIgnore     role = iota
	roleID              // the platform's response id
	roleDate            // when the response was given; several in order of preference
	roleUpdated         // when the platform last changed it
	roleEmail           //
	roleName            // the full name, or the first name
	roleLastName        // the last name, put after the first
	roleScore           // the primary score question
	roleComment         // the main open-text question
	roleAnswer          // another question: Answers[key]
	roleProperty        // metadata: Properties[key]
	roleChoice          // one option of a multi-select question: ticked when it holds its label
	rolePermalink       //
	roleTags            // tags the platform attached, comma separated
	roleNotes           // a note the platform attached
	roleSurveyType      // the survey type of each row (Delighted CSV)
	roleStatus          // Qualtrics response type: previews and spam are left out
	roleFinished        // Qualtrics Finished / Typeform response type: partial ones are left out
)

// column is the plan for one CSV column.
type column struct {
	role  role
	key   string         // Answers/Properties key; the question of a roleChoice
	label string         // roleChoice: the option's label
	text  string         // the question text, for typing
	loc   *time.Location // roleDate: the zone of timestamps without one
	order dateOrder      // roleDate: day/month order
}

// plan turns the rows of one CSV export into responses.
type plan struct {
	format      string
	survey      string
	cols        []column
	dates       []int // date columns, preferred first
	score       int   // the score column, -1 without one
	surveyType  string
	scaleMin    int
	scaleMax    int
	defaultTime time.Time  // for files without any date column
	keys        uniqueKeys // Answers keys handed out so far
}

func newPlan(format string, width int, opts Options, name string) *plan {
	p := &plan{format: format, survey: opts.Survey, cols: make([]column, width), score: -1,
		surveyType: data.TypeScore, keys: uniqueKeys{}}
	if p.survey == "" {
		p.survey = surveyName(name)
	}
	return p
}

// startPlan begins the plan of an export whose headerRows header rows the format has read:
// it skips them, samples the rows under them and analyses their columns.
func startPlan(t *table, headerRows int, format, name string, opts Options) (*plan, []colStats, error) {
	t.skipHeader(headerRows)
	sample, err := t.sample(sampleRows)
	if err != nil {
		return nil, nil, err
	}
	return newPlan(format, t.width, opts, name), analyze(sample, t.width), nil
}

// startOneHeaderPlan is startPlan for the exports with a single header row, which it reads
// and returns.
func startOneHeaderPlan(t *table, format, name string, opts Options) (*plan, []string, []colStats, error) {
	rows, err := t.peek(1)
	if err != nil {
		return nil, nil, nil, err
	}
	header := rows[0].fields
	p, stats, err := startPlan(t, 1, format, name, opts)
	return p, header, stats, err
}

// finish ends a format's plan: the columns the user mapped take their parts from what the
// format guessed, then the score and comment questions are chosen among the rest.
func (p *plan) finish(name string, headers [][]string, stats []colStats, opts Options) error {
	if err := p.applyMapping(name, opts.Mapping, headers, stats, opts); err != nil {
		return err
	}
	p.chooseQuestions(stats, opts)
	return nil
}

// set gives column i a role.
func (p *plan) set(i int, r role, key string) {
	p.cols[i].role = r
	p.cols[i].key = key
	if r == roleScore {
		p.score = i
	}
}

// addDate makes column i a date column, after those already added.
func (p *plan) addDate(i int, loc *time.Location, order dateOrder) {
	p.cols[i] = column{role: roleDate, loc: loc, order: order}
	p.dates = append(p.dates, i)
}

// has reports whether some column has role r.
func (p *plan) has(r role) bool {
	for _, c := range p.cols {
		if c.role == r {
			return true
		}
	}
	return false
}

// build makes a response from one row, or says why the row is left out.
func (p *plan) build(rec []string, line int, opts Options) (*data.Response, *rowProblem) {
	r := &data.Response{Survey: p.survey, SurveyType: p.surveyType, ScaleMin: p.scaleMin, ScaleMax: p.scaleMax}
	var name, last string
	var rowType string
	for i, c := range p.cols {
		v := rec[i]
		switch c.role {
		case roleIgnore, roleDate, roleScore:
			// Dates and the score are read after the loop: they depend on other columns.
		case roleID:
			r.ExternalID = strings.TrimSpace(v)
		case roleStatus:
			if reason := qualtricsStatus(v); reason != "" {
				return nil, excluded(reason)
			}
		case roleFinished:
			if !opts.IncludeUnfinished && unfinished(v) {
				return nil, excluded(skipUnfinished)
			}
		case roleUpdated:
			if t, ok := parseTime(v, c.order, opts.location()); ok {
				r.UpdatedAt = t
			}
		case roleEmail:
			r.RespondentEmail = strings.TrimSpace(v)
		case roleName:
			name = strings.TrimSpace(v)
		case roleLastName:
			last = strings.TrimSpace(v)
		case roleComment:
			if r.Comment == "" {
				r.Comment = commentText(v)
			}
		case roleAnswer:
			if v = strings.TrimSpace(v); v != "" {
				if r.Answers == nil {
					r.Answers = map[string]string{}
				}
				r.Answers[c.key] = v
			}
		case roleChoice:
			if v = strings.TrimSpace(v); v != "" {
				if r.Answers == nil {
					r.Answers = map[string]string{}
				}
				if v == c.label {
					if prev := r.Answers[c.key]; prev != "" {
						v = prev + "; " + v
					}
					r.Answers[c.key] = v
				} else {
					r.Answers[c.key+" - "+c.label] = v
				}
			}
		case roleProperty:
			if v = strings.TrimSpace(v); v != "" {
				if r.Properties == nil {
					r.Properties = map[string]string{}
				}
				r.Properties[c.key] = v
			}
		case rolePermalink:
			r.Permalink = strings.TrimSpace(v)
		case roleTags:
			r.Tags = splitTags(v)
		case roleNotes:
			if strings.TrimSpace(v) != "" {
				r.Notes = []string{strings.TrimSpace(v)}
			}
		case roleSurveyType:
			rowType = strings.TrimSpace(v)
		}
	}
	r.RespondentName = strings.TrimSpace(name + " " + last)
	if rowType != "" && opts.SurveyType == "" {
		r.SurveyType, r.ScaleMin, r.ScaleMax = delightedType(rowType)
	}
	if p.score >= 0 {
		if prob := setScore(r, rec[p.score]); prob != nil {
			return nil, prob
		}
	}
	if prob := p.setDate(r, rec, opts); prob != nil {
		return nil, prob
	}
	if r.ExternalID == "" {
		r.ExternalID = hashRecord(rec)
	}
	return r, nil
}

// setScore reads a score cell into r, checking it against r's scale.
func setScore(r *data.Response, cell string) *rowProblem {
	v, empty, ok := parseScore(cell)
	switch {
	case empty:
		return nil
	case !ok:
		return badRow(skipScoreNaN, "score %q is not a number", strings.TrimSpace(cell))
	case v < float64(r.ScaleMin) || v > float64(r.ScaleMax):
		return badRow(skipScoreRange, "score %s is outside the %d-%d scale of this %s question",
			strings.TrimSpace(cell), r.ScaleMin, r.ScaleMax, typeLabel(r.SurveyType))
	}
	r.Score = &v
	return nil
}

func typeLabel(t string) string {
	switch t {
	case data.TypeScore:
		return "score"
	case data.TypeStar, data.TypeSmiley, data.TypeThumbs:
		return t
	}
	return strings.ToUpper(t)
}

// setDate takes the first non-empty date column.
func (p *plan) setDate(r *data.Response, rec []string, opts Options) *rowProblem {
	if len(p.dates) == 0 {
		r.CreatedAt = p.defaultTime
		return nil
	}
	for _, i := range p.dates {
		v := strings.TrimSpace(rec[i])
		if v == "" {
			continue
		}
		c := p.cols[i]
		t, ok := parseTime(v, c.order, c.loc)
		if !ok {
			return badRow(skipBadDate, "date %q is not a date this importer reads", v)
		}
		r.CreatedAt = t
		return nil
	}
	return badRow(skipNoDate, "the response has no date")
}

// splitTags reads a tag cell: "pricing, follow-up" or "pricing;follow-up".
func splitTags(v string) []string {
	var tags []string
	for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// unfinished reads a Finished/response-type cell.
func unfinished(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "0", "false", "partial", "no":
		return true
	}
	return false
}

// surveyName is the default survey name: the file name without directory or extension.
func surveyName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	return name
}
