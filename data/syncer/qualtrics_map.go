package syncer

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// qualtricsDefinition is what Verbatim needs from a survey definition, whichever endpoint
// gave it.
type qualtricsDefinition struct {
	Name      string
	Questions []qualtricsQuestion // in QID order
}

type qualtricsQuestion struct {
	ID       string // QID
	Text     string
	Type     string // MC, TE, Matrix, Slider...
	Selector string // NPS, SAVR, ML...
	// Choices maps a choice's recode (the number the export's values carry) to its label.
	Choices map[string]string
}

// qualtricsDefinitionV3 is GET /API/v3/survey-definitions/{surveyId}.
type qualtricsDefinitionV3 struct {
	Result struct {
		SurveyName string `json:"SurveyName"`
		Questions  map[string]struct {
			QuestionText string          `json:"QuestionText"`
			QuestionType string          `json:"QuestionType"`
			Selector     string          `json:"Selector"`
			Choices      json.RawMessage `json:"Choices"` // an object by choice ID, or a list
			RecodeValues map[string]any  `json:"RecodeValues"`
		} `json:"Questions"`
	} `json:"result"`
}

func (d *qualtricsDefinitionV3) normalize() *qualtricsDefinition {
	out := &qualtricsDefinition{Name: d.Result.SurveyName}
	for id, q := range d.Result.Questions {
		qq := qualtricsQuestion{ID: id, Text: qualtricsLabel(q.QuestionText), Type: q.QuestionType,
			Selector: q.Selector, Choices: map[string]string{}}
		type choice struct {
			Display string `json:"Display"`
		}
		byID := map[string]choice{}
		var list []choice
		if json.Unmarshal(q.Choices, &byID) != nil && json.Unmarshal(q.Choices, &list) == nil {
			// A list is indexed from 0 for NPS questions (their recodes are 0..10), from 1 otherwise.
			start := 1
			if q.Selector == "NPS" {
				start = 0
			}
			for i, c := range list {
				byID[strconv.Itoa(i+start)] = c
			}
		}
		for cid, c := range byID {
			recode := cid
			if v := anyString(q.RecodeValues[cid]); v != "" {
				recode = v
			}
			qq.Choices[recode] = qualtricsLabel(c.Display)
		}
		out.Questions = append(out.Questions, qq)
	}
	sortQuestions(out.Questions)
	return out
}

// qualtricsSurveyV3 is GET /API/v3/surveys/{surveyId}.
type qualtricsSurveyV3 struct {
	Result struct {
		Name      string `json:"name"`
		Questions map[string]struct {
			QuestionType struct {
				Type     string `json:"type"`
				Selector string `json:"selector"`
			} `json:"questionType"`
			QuestionText string `json:"questionText"`
			Choices      map[string]struct {
				Recode      string `json:"recode"`
				Description string `json:"description"`
				ChoiceText  string `json:"choiceText"`
			} `json:"choices"`
		} `json:"questions"`
	} `json:"result"`
}

func (s *qualtricsSurveyV3) normalize() *qualtricsDefinition {
	out := &qualtricsDefinition{Name: s.Result.Name}
	for id, q := range s.Result.Questions {
		qq := qualtricsQuestion{ID: id, Text: qualtricsLabel(q.QuestionText), Type: q.QuestionType.Type,
			Selector: q.QuestionType.Selector, Choices: map[string]string{}}
		for cid, c := range q.Choices {
			recode := c.Recode
			if recode == "" {
				recode = cid
			}
			label := c.ChoiceText
			if label == "" {
				label = c.Description
			}
			qq.Choices[recode] = qualtricsLabel(label)
		}
		out.Questions = append(out.Questions, qq)
	}
	sortQuestions(out.Questions)
	return out
}

// sortQuestions orders questions by QID number (QID2 before QID10), the order of creation.
func sortQuestions(qs []qualtricsQuestion) {
	sort.Slice(qs, func(i, j int) bool { return qidLess(qs[i].ID, qs[j].ID) })
}

func qidLess(a, b string) bool {
	na, ea := strconv.Atoi(strings.TrimPrefix(a, "QID"))
	nb, eb := strconv.Atoi(strings.TrimPrefix(b, "QID"))
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}

// qualtricsRecord is one response of an export file.
type qualtricsRecord struct {
	ResponseID string         `json:"responseId"`
	Values     map[string]any `json:"values"`
	Labels     map[string]any `json:"labels"`
}

// Export metadata fields that are neither questions nor embedded data.
var qualtricsMeta = map[string]bool{
	"startDate": true, "endDate": true, "status": true, "ipAddress": true, "progress": true,
	"duration": true, "finished": true, "recordedDate": true, "_recordId": true,
	"recipientLastName": true, "recipientFirstName": true, "recipientEmail": true,
	"externalDataReference": true, "locationLatitude": true, "locationLongitude": true,
	"distributionChannel": true, "userLanguage": true,
}

// Statuses of previews and test responses, which are not real feedback.
var qualtricsNotReal = map[string]bool{"1": true, "2": true, "17": true}

// qualtricsMapper turns export records into data.Responses.
type qualtricsMapper struct {
	src       *data.Source
	survey    string
	questions map[string]*qualtricsQuestion
	score     *qualtricsQuestion // from the definition; nil: found per record
	scoreTyp  string
	lo, hi    int
	comment   string   // the values key of the free-text answer, "" to find it per record
	keys      []string // the sorted values keys of the last record; see valueKeys
}

func newQualtricsMapper(src *data.Source, def *qualtricsDefinition) *qualtricsMapper {
	m := &qualtricsMapper{src: src, survey: def.Name, questions: map[string]*qualtricsQuestion{}}
	if m.survey == "" {
		m.survey = src.Config[ConfigSurvey]
	}
	for i := range def.Questions {
		q := &def.Questions[i]
		m.questions[q.ID] = q
		if q.Type == "TE" && m.comment == "" {
			m.comment = q.ID + "_TEXT"
		}
	}
	// The NPS question says what it is; otherwise the first single-answer scale whose wording
	// says what it measures, or whose choices are all numbers.
	for i := range def.Questions {
		q := &def.Questions[i]
		if q.Selector == "NPS" {
			m.score, m.scoreTyp, m.lo, m.hi = q, data.TypeNPS, 0, 10
			break
		}
	}
	for i := range def.Questions {
		q := &def.Questions[i]
		if m.score != nil || q.Type != "MC" || len(q.Choices) < 2 || len(q.Choices) > 11 {
			continue
		}
		lo, hi, numeric, ok := recodeRange(q)
		if !ok {
			continue
		}
		if t := classify(q.Text, lo, hi); t != data.TypeScore || numeric {
			m.score, m.scoreTyp, m.lo, m.hi = q, t, lo, hi
		}
	}
	if m.score != nil {
		m.scoreTyp = overrideType(src, m.scoreTyp)
	}
	return m
}

// recodeRange returns the range of a choice question's recodes and whether its labels are
// all numbers.
func recodeRange(q *qualtricsQuestion) (lo, hi int, numeric, ok bool) {
	numeric, first := true, true
	for recode, label := range q.Choices {
		v, err := strconv.Atoi(recode)
		if err != nil {
			return 0, 0, false, false
		}
		if first || v < lo {
			lo = v
		}
		if first || v > hi {
			hi = v
		}
		first = false
		if _, isNum := leadingNumber(label); !isNum {
			numeric = false
		}
	}
	return lo, hi, numeric, !first
}

func (m *qualtricsMapper) response(rec *qualtricsRecord) *data.Response {
	if rec.ResponseID == "" || qualtricsNotReal[valueString(rec.Values["status"])] {
		return nil
	}
	v := func(k string) string { return valueString(rec.Values[k]) }
	at := parseTime(v("recordedDate"))
	if at.IsZero() {
		at = parseTime(v("endDate"))
	}
	r := &data.Response{
		ExternalID:      rec.ResponseID,
		Survey:          m.survey,
		SurveyType:      data.TypeScore,
		CreatedAt:       at,
		UpdatedAt:       at,
		RespondentEmail: v("recipientEmail"),
		RespondentName:  strings.TrimSpace(v("recipientFirstName") + " " + v("recipientLastName")),
		Properties:      map[string]string{},
		Answers:         map[string]string{},
	}
	scoreKey, comment := "", m.comment
	if m.score != nil {
		scoreKey = m.score.ID
		r.SurveyType, r.ScaleMin, r.ScaleMax = m.scoreTyp, m.lo, m.hi
	} else {
		// No definition: Qualtrics adds QIDn_NPS_GROUP to NPS questions' values.
		for _, k := range m.valueKeys(rec.Values) {
			if q, ok := strings.CutSuffix(k, "_NPS_GROUP"); ok && scoreKey == "" {
				scoreKey = q
				r.SurveyType, r.ScaleMin, r.ScaleMax = overrideType(m.src, data.TypeNPS), 0, 10
			}
			if comment == "" && strings.HasPrefix(k, "QID") && strings.HasSuffix(k, "_TEXT") {
				comment = k
			}
		}
	}
	if scoreKey != "" {
		if s, ok := m.scoreValue(rec, scoreKey); ok {
			r.Score = data.Float(s)
		}
	}
	r.Comment = v(comment)
	if ch := v("distributionChannel"); ch != "" {
		r.Properties["channel"] = ch
	}
	if lang := v("userLanguage"); lang != "" {
		r.Properties["language"] = lang
	}
	for _, k := range m.valueKeys(rec.Values) {
		switch {
		case k == scoreKey || k == comment || qualtricsMeta[k] || strings.HasSuffix(k, "_DO") ||
			strings.HasSuffix(k, "_NPS_GROUP"):
		case strings.HasPrefix(k, "QID"):
			if s := m.answer(rec, k); s != "" {
				r.Answers[m.title(k)] = s
			}
		default: // embedded data: segments such as region or plan
			if s := v(k); s != "" {
				r.Properties[k] = s
			}
		}
	}
	return r
}

// scoreValue reads the score: the number its choice label shows (NPS labels read 0..10 even
// when a survey's recodes were edited), else the recode.
func (m *qualtricsMapper) scoreValue(rec *qualtricsRecord, key string) (float64, bool) {
	if f, ok := leadingNumber(valueString(rec.Labels[key])); ok {
		return f, true
	}
	raw := valueString(rec.Values[key])
	if raw == "" {
		return 0, false
	}
	if m.score != nil {
		if label, ok := m.score.Choices[raw]; ok {
			if f, ok := leadingNumber(label); ok {
				return f, true
			}
		}
	}
	f, err := strconv.ParseFloat(raw, 64)
	return f, err == nil
}

// answer renders an answer: its label when the export has one, else its value.
func (m *qualtricsMapper) answer(rec *qualtricsRecord, key string) string {
	if s := valueString(rec.Labels[key]); s != "" {
		return s
	}
	return valueString(rec.Values[key])
}

// title names a values key by its question's text: "QID4_TEXT" → "What could we do better?".
func (m *qualtricsMapper) title(key string) string {
	id, rest := key, ""
	if i := strings.IndexByte(key, '_'); i > 0 {
		id, rest = key[:i], key[i+1:]
	}
	q := m.questions[id]
	if q == nil || q.Text == "" {
		return key
	}
	if rest == "" || rest == "TEXT" {
		return q.Text
	}
	return q.Text + " (" + rest + ")"
}

// valueString renders an export value: numbers as written, lists joined.
func valueString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s := valueString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	case bool, float64:
		return fmt.Sprint(x)
	}
	return ""
}

// valueKeys returns a record's values keys in order (answers are read in a stable order, so
// that two questions with the same text always resolve the same way). The records of one
// export nearly always hold the same keys, so the last record's sorted keys are reused when
// they match instead of sorting again for each of 100,000 records. Do not modify the result.
func (m *qualtricsMapper) valueKeys(values map[string]any) []string {
	if len(values) == len(m.keys) {
		same := true
		for _, k := range m.keys {
			if _, ok := values[k]; !ok {
				same = false
				break
			}
		}
		if same {
			return m.keys
		}
	}
	m.keys = sortedKeys(values)
	return m.keys
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
