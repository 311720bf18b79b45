package formats

import (
	"slices"
	"strings"
)

// SurveyMonkey CSV exports have two header rows. Row 1 holds the metadata columns
// (Respondent ID, Collector ID, Start Date, End Date, IP Address, Email Address, First Name,
// Last Name, Custom Data 1) and one cell per question, left blank over the question's extra
// columns; row 2 labels each column: "Response", "Open-Ended Response", or the option,
// matrix row or "Other (please specify)" it holds. Dates are US style with AM/PM.

// smMeta maps SurveyMonkey's metadata headers (English and Spanish) to roles.
var smMeta = map[string]role{
	"respondent id": roleID, "id del encuestado": roleID,
	"start date": roleDate, "fecha de inicio": roleDate,
	"end date": roleDate, "fecha de finalización": roleDate,
	"email address": roleEmail, "dirección de correo electrónico": roleEmail,
	"first name": roleName, "last name": roleLastName, "nombre": roleName, "apellido": roleLastName,
	"ip address": roleIgnore, "dirección ip": roleIgnore,
	"collector id": roleProperty, "id del recopilador": roleProperty,
}

// smResponseLabels are the row-2 labels of single-column questions.
var smResponseLabels = []string{"response", "open-ended response", "respuesta", "respuesta abierta",
	"yanıt", "açık uçlu yanıt"}

func isSurveyMonkey(rows [][]string) bool {
	h := rows[0]
	if headerIndex(h, "respondent id") >= 0 && headerIndex(h, "collector id", "start date", "end date") >= 0 {
		return true
	}
	// A localised export still labels its answers in row 2, under a blank first cell.
	if len(rows) < 2 || strings.TrimSpace(rows[1][0]) != "" {
		return false
	}
	for _, v := range rows[1] {
		if slices.Contains(smResponseLabels, strings.ToLower(strings.TrimSpace(v))) {
			return true
		}
	}
	return false
}

func surveyMonkeyPlan(t *table, name string, opts Options) (*plan, error) {
	rows, err := t.peek(2)
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fileError(name, 1, "this SurveyMonkey export stops after its first header row")
	}
	header, labels := rows[0].fields, rows[1].fields
	t.skipHeader(2)
	sample, err := t.sample(sampleRows)
	if err != nil {
		return nil, err
	}
	stats := analyze(sample, t.width)
	p := newPlan(FormatSurveyMonkey, t.width, opts, name)

	var start, end = -1, -1
	question := "" // the question a blank header cell continues
	groups := map[string][]int{}
	var order []string
	for i := 0; i < t.width; i++ {
		h := ""
		if i < len(header) {
			h = strings.TrimSpace(header[i])
		}
		n := normHeader(h)
		if r, ok := smMeta[n]; ok {
			switch {
			case r == roleDate && (n == "end date" || n == "fecha de finalización"):
				end = i
			case r == roleDate:
				start = i
			case r == roleProperty:
				p.set(i, roleProperty, "collector")
			default:
				p.set(i, r, "")
			}
			question = ""
			continue
		}
		if strings.HasPrefix(n, "custom data") || strings.HasPrefix(n, "datos personalizados") {
			p.set(i, roleProperty, h)
			question = ""
			continue
		}
		if h != "" {
			question = h
		}
		if question == "" {
			continue
		}
		if _, ok := groups[question]; !ok {
			order = append(order, question)
		}
		groups[question] = append(groups[question], i)
	}
	for _, q := range order {
		cols := groups[q]
		if len(cols) == 1 {
			p.cols[cols[0]] = column{role: roleAnswer, text: q}
			continue
		}
		// A multi-column question: an option column holds its own label when ticked; any
		// other column (a matrix row, "Other (please specify)") is a question of its own.
		key := ""
		for _, i := range cols {
			label := ""
			if i < len(labels) {
				label = strings.TrimSpace(labels[i])
			}
			if label != "" && onlyValue(sample, i, label) {
				if key == "" {
					key = p.keys.key(q)
				}
				p.cols[i] = column{role: roleChoice, key: key, label: label}
				continue
			}
			text := q
			if label != "" && !slices.Contains(smResponseLabels, strings.ToLower(label)) {
				text = q + " - " + label
			}
			p.cols[i] = column{role: roleAnswer, text: text}
		}
	}
	for _, i := range []int{end, start} {
		if i >= 0 {
			p.addDate(i, opts.location(), stats[i].order(orderMDY))
		}
	}
	if err := p.finish(name, [][]string{header, labels}, stats, opts); err != nil {
		return nil, err
	}
	return p, nil
}

// onlyValue reports whether column i holds nothing but label in the sample (blank cells
// aside): a multi-select option.
func onlyValue(sample []row, i int, label string) bool {
	for _, r := range sample {
		if i >= len(r.fields) {
			continue
		}
		if v := strings.TrimSpace(r.fields[i]); v != "" && v != label {
			return false
		}
	}
	return true
}
