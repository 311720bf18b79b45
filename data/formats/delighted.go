package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// Delighted's v1 survey_responses archive is JSON: an array of response objects
// ({"id", "person", "survey_type", "score", "comment", "permalink", "created_at",
// "updated_at", "person_properties", "notes", "tags", "additional_answers"}), or pages of
// them as saved from the paged API: objects wrapping an array ({"survey_responses": [...]}
// and the like), arrays of arrays, or one object per line. delightedJSON streams whichever
// shape with a json.Decoder, holding at most one page in memory.

// delightedWrappers are the keys a page object keeps its responses under.
var delightedWrappers = []string{"survey_responses", "responses", "data", "results", "items"}

// delightedType maps Delighted's survey types to ours with their scales. Delighted's CES is
// the 1-7 agreement scale; its smileys are 1-5; its PMF answers are coded 1-3.
func delightedType(t string) (string, int, int) {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "nps":
		return data.TypeNPS, 0, 10
	case "enps":
		return data.TypeENPS, 0, 10
	case "csat":
		return data.TypeCSAT, 1, 5
	case "ces":
		return data.TypeCES, 1, 7
	case "star", "stars", "five_star", "5_star":
		return data.TypeStar, 1, 5
	case "smileys", "smiley":
		return data.TypeSmiley, 1, 5
	case "thumbs":
		return data.TypeThumbs, 0, 1
	case "pmf":
		return data.TypePMF, 1, 3
	}
	return data.TypeScore, 0, 10
}

type delightedJSON struct {
	name   string
	survey string
	opts   Options
	lines  *lineTracker
	dec    *json.Decoder
	queue  []queued // responses of a page read as a whole
	inObj  bool     // inside a top-level object, between keys
	inArr  bool     // inside an array of responses (top level or under a wrapper key)
	obj    map[string]json.RawMessage
	objAt  int // line the top-level object starts on
	wraps  bool
}

type queued struct {
	raw  json.RawMessage
	line int
}

func newDelightedJSON(r io.Reader, name string, opts Options) *delightedJSON {
	lt := &lineTracker{r: r}
	dec := json.NewDecoder(lt)
	dec.UseNumber()
	survey := opts.Survey
	if survey == "" {
		survey = surveyName(name)
	}
	return &delightedJSON{name: name, survey: survey, opts: opts, lines: lt, dec: dec}
}

func (d *delightedJSON) next() (*data.Response, int, *rowProblem, error) {
	for {
		if len(d.queue) > 0 {
			q := d.queue[0]
			d.queue = d.queue[1:]
			if resp, prob, ok := d.element(q.raw, q.line); ok {
				return resp, q.line, prob, nil
			}
			continue
		}
		if d.inArr {
			if d.dec.More() {
				line := d.lines.lineAt(d.dec.InputOffset())
				var raw json.RawMessage
				if err := d.dec.Decode(&raw); err != nil {
					return nil, 0, nil, d.jsonError(err)
				}
				if resp, prob, ok := d.element(raw, line); ok {
					return resp, line, prob, nil
				}
				continue
			}
			if _, err := d.dec.Token(); err != nil { // the closing ]
				return nil, 0, nil, d.jsonError(err)
			}
			d.inArr = false
			continue
		}
		if d.inObj {
			if err := d.objectKey(); err != nil {
				return nil, 0, nil, err
			}
			if !d.inObj && !d.wraps && isResponse(d.obj) {
				// A top-level object that is itself a response (one object per line).
				resp, prob := d.response(d.obj)
				return resp, d.objAt, prob, nil
			}
			continue
		}
		line := d.lines.lineAt(d.dec.InputOffset())
		tok, err := d.dec.Token()
		if err == io.EOF {
			return nil, 0, nil, io.EOF
		}
		if err != nil {
			return nil, 0, nil, d.jsonError(err)
		}
		switch tok {
		case json.Delim('['):
			d.inArr = true
		case json.Delim('{'):
			d.inObj, d.wraps, d.obj, d.objAt = true, false, map[string]json.RawMessage{}, line
		default:
			return nil, 0, nil, fileError(d.name, line, "the JSON holds %v where survey responses were expected", tok)
		}
	}
}

// objectKey reads one key of a top-level object: a wrapper's array is streamed, any other
// value kept in case the object is a response itself.
func (d *delightedJSON) objectKey() error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.jsonError(err)
	}
	if tok == json.Delim('}') {
		d.inObj = false
		return nil
	}
	key, _ := tok.(string)
	if slices.Contains(delightedWrappers, key) {
		line := d.lines.lineAt(d.dec.InputOffset())
		open, err := d.dec.Token()
		if err != nil {
			return d.jsonError(err)
		}
		if open != json.Delim('[') {
			return fileError(d.name, line, "%q should hold an array of survey responses", key)
		}
		d.wraps, d.inArr = true, true
		return nil
	}
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return d.jsonError(err)
	}
	d.obj[key] = raw
	return nil
}

// element handles one array element: a response, or a page (object or array) whose
// responses are queued. ok is false when there is nothing to return yet.
func (d *delightedJSON) element(raw json.RawMessage, line int) (*data.Response, *rowProblem, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, nil, false
	}
	switch raw[0] {
	case '[':
		var page []json.RawMessage
		if err := json.Unmarshal(raw, &page); err == nil {
			d.enqueue(page, line)
			return nil, nil, false
		}
	case '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			break
		}
		for _, w := range delightedWrappers {
			if inner, ok := m[w]; ok && len(inner) > 0 && inner[0] == '[' {
				var page []json.RawMessage
				if json.Unmarshal(inner, &page) == nil {
					d.enqueue(page, line)
					return nil, nil, false
				}
			}
		}
		resp, prob := d.response(m)
		return resp, prob, true
	}
	return nil, badRow(skipBadRow, "a survey response should be a JSON object"), true
}

func (d *delightedJSON) enqueue(page []json.RawMessage, line int) {
	for _, raw := range page {
		d.queue = append(d.queue, queued{raw: raw, line: line})
	}
}

func isResponse(m map[string]json.RawMessage) bool {
	_, score := m["score"]
	_, typ := m["survey_type"]
	return score || typ
}

// response builds a data.Response from one survey_responses object.
func (d *delightedJSON) response(m map[string]json.RawMessage) (*data.Response, *rowProblem) {
	r := &data.Response{Survey: d.survey}
	typ, _ := jsonText(m["survey_type"])
	r.SurveyType, r.ScaleMin, r.ScaleMax = delightedType(typ)
	if d.opts.SurveyType != "" && d.opts.SurveyType != r.SurveyType {
		r.SurveyType = d.opts.SurveyType
		r.ScaleMin, r.ScaleMax = scaleFor(r.SurveyType, "", &colStats{})
	}
	r.ExternalID, _ = jsonText(m["id"])
	if score, ok := jsonText(m["score"]); ok {
		if prob := setScore(r, score); prob != nil {
			return nil, prob
		}
	}
	if c, ok := jsonText(m["comment"]); ok {
		r.Comment = commentText(c)
	}
	r.Permalink, _ = jsonText(m["permalink"])

	created, ok := jsonText(m["created_at"])
	if !ok || strings.TrimSpace(created) == "" {
		return nil, badRow(skipNoDate, "the response has no created_at")
	}
	t, ok := parseTime(created, orderAuto, d.opts.location())
	if !ok {
		return nil, badRow(skipBadDate, "created_at %q is not a date this importer reads", created)
	}
	r.CreatedAt = t
	if updated, ok := jsonText(m["updated_at"]); ok {
		if t, ok := parseTime(updated, orderAuto, d.opts.location()); ok {
			r.UpdatedAt = t
		}
	}

	var person map[string]json.RawMessage
	if json.Unmarshal(m["person"], &person) == nil {
		r.RespondentEmail, _ = jsonText(person["email"])
		r.RespondentName, _ = jsonText(person["name"])
	}
	var props map[string]json.RawMessage
	if json.Unmarshal(m["person_properties"], &props) == nil {
		for k, raw := range props {
			if v, ok := jsonText(raw); ok && strings.TrimSpace(v) != "" {
				if r.Properties == nil {
					r.Properties = map[string]string{}
				}
				r.Properties[propertyKey(k)] = strings.TrimSpace(v)
			}
		}
	}
	r.Tags = jsonTexts(m["tags"], "name")
	r.Notes = jsonTexts(m["notes"], "text")
	d.answers(r, m["additional_answers"])
	if r.ExternalID == "" {
		r.ExternalID = hashRecord([]string{string(m["person"]), created, string(m["score"]), r.Comment})
	}
	return r, nil
}

// answers reads additional_answers: each has a question text and a value that is a free
// response, a scale point, one choice or several.
func (d *delightedJSON) answers(r *data.Response, raw json.RawMessage) {
	var list []struct {
		Value struct {
			FreeResponse json.RawMessage `json:"free_response"`
			Scale        json.RawMessage `json:"scale"`
			SelectOne    json.RawMessage `json:"select_one"`
			SelectMany   json.RawMessage `json:"select_many"`
		} `json:"value"`
		Question struct {
			ID   json.RawMessage `json:"id"`
			Text string          `json:"text"`
		} `json:"question"`
	}
	if json.Unmarshal(raw, &list) != nil {
		return
	}
	keys := uniqueKeys{}
	for _, a := range list {
		var v string
		if s, ok := jsonText(a.Value.FreeResponse); ok && strings.TrimSpace(s) != "" {
			v = s
		} else if s, ok := jsonText(a.Value.Scale); ok {
			v = s
		} else if one := jsonTexts(a.Value.SelectOne, "text"); len(one) > 0 {
			v = one[0]
		} else if many := jsonTexts(a.Value.SelectMany, "text"); len(many) > 0 {
			v = strings.Join(many, "; ")
		}
		if strings.TrimSpace(v) == "" {
			continue
		}
		q := a.Question.Text
		if strings.TrimSpace(q) == "" {
			q, _ = jsonText(a.Question.ID)
		}
		if r.Answers == nil {
			r.Answers = map[string]string{}
		}
		r.Answers[keys.key(q)] = strings.TrimSpace(v)
	}
}

// jsonText reads a JSON string, number or boolean as text; null, absent, objects and
// arrays are not text.
func jsonText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case c == '-' || c >= '0' && c <= '9':
		if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
			return "", false
		}
		return string(raw), true
	case bytes.Equal(raw, []byte("true")) || bytes.Equal(raw, []byte("false")):
		return string(raw), true
	}
	return "", false
}

// jsonTexts reads an array of strings, or of objects whose field holds the text (a single
// object counts as an array of one).
func jsonTexts(raw json.RawMessage, field string) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	if raw[0] == '{' {
		raw = append(append([]byte{'['}, raw...), ']')
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		s, ok := jsonText(it)
		if !ok {
			var obj map[string]json.RawMessage
			if json.Unmarshal(it, &obj) == nil {
				s, ok = jsonText(obj[field])
			}
		}
		if ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// jsonError turns a decoding error into one sentence naming the file and line.
func (d *delightedJSON) jsonError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fileError(d.name, d.lines.lineAt(se.Offset), "the JSON is invalid: %s", se.Error())
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fileError(d.name, d.lines.lines+1, "the JSON ends in the middle of a value; is the file truncated?")
	}
	return fileError(d.name, d.lines.lines+1, "the JSON could not be read: %v", err)
}

// emptyError is the error for an archive without a single response.
func (d *delightedJSON) emptyError() error {
	return fileError(d.name, 0, "the archive holds no survey responses")
}

// lineTracker counts lines for JSON error messages and element positions: it knows how many
// line breaks it has passed, and keeps the latest bytes to count back from there to an
// offset the decoder reports (which lags behind what it has read by its buffer).
type lineTracker struct {
	r     io.Reader
	read  int64
	lines int
	tail  []byte
}

const tailKeep = 1 << 20

func (l *lineTracker) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.read += int64(n)
	l.lines += bytes.Count(p[:n], []byte{'\n'})
	l.tail = append(l.tail, p[:n]...)
	if len(l.tail) > 2*tailKeep {
		l.tail = append(l.tail[:0], l.tail[len(l.tail)-tailKeep:]...)
	}
	return n, err
}

// lineAt returns the 1-based line of a byte offset among the bytes read so far. Offsets
// further back than the kept tail are placed at its start.
func (l *lineTracker) lineAt(off int64) int {
	back := l.read - off
	if back <= 0 {
		return l.lines + 1
	}
	if back > int64(len(l.tail)) {
		back = int64(len(l.tail))
	}
	return l.lines - bytes.Count(l.tail[int64(len(l.tail))-back:], []byte{'\n'}) + 1
}
