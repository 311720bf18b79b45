package formats

import (
	"encoding/json"
	"strings"
	"time"
)

// Qualtrics CSV exports come in three shapes:
//
//   - current: row 1 column IDs (StartDate, ..., ResponseId, Q1, Q2...), row 2 question
//     texts, row 3 a JSON cell per column: {"ImportId":"QID1"}, with the time zone of the
//     date columns ({"ImportId":"recordedDate","timeZone":"America/Denver"});
//   - without the ImportId row (2 header rows);
//   - legacy: row 1 V1..V10 then Q1..., row 2 ResponseID, ResponseSet, Name,
//     ExternalDataReference, EmailAddress, IPAddress, Status, StartDate, EndDate, Finished
//     and the question texts.
//
// Questions are told from embedded data by their ImportId (QID...) or their column ID (Q1,
// Q2_1...); embedded data becomes Properties.

func isQualtrics(rows [][]string) bool {
	h := rows[0]
	if headerIndex(h, "responseid", "response id") >= 0 &&
		headerIndex(h, "startdate", "enddate", "recordeddate", "finished", "status", "progress") >= 0 {
		return true
	}
	return len(rows) > 1 && normHeader(h[0]) == "v1" && headerIndex(rows[1], "responseid") >= 0
}

// importID is the JSON cell of the third header row.
type importID struct {
	ImportID string `json:"ImportId"`
	TimeZone string `json:"timeZone"`
}

func qualtricsPlan(t *table, name string, opts Options) (*plan, error) {
	rows, err := t.peek(4)
	if err != nil {
		return nil, err
	}
	ids := rows[0].fields // column IDs, or V1.. in the legacy shape
	names := ids          // the names metadata is recognised by
	texts := ids          // question texts
	headerRows := 1
	var imports []importID
	legacy := normHeader(ids[0]) == "v1"
	switch {
	case legacy && len(rows) > 1:
		names, texts, headerRows = rows[1].fields, rows[1].fields, 2
	case len(rows) > 1 && !qualtricsDataRow(ids, rows[1].fields):
		texts, headerRows = rows[1].fields, 2
		if len(rows) > 2 {
			if imports = parseImportIDs(rows[2].fields); imports != nil {
				headerRows = 3
			}
		}
	}
	if !legacy && headerIndex(ids, "responseid", "response id") < 0 {
		return nil, fileError(name, 1, "this is not a Qualtrics export: it has no ResponseId column")
	}
	p, stats, err := startPlan(t, headerRows, FormatQualtrics, name, opts)
	if err != nil {
		return nil, err
	}

	var recorded, ended, started = -1, -1, -1
	zones := map[string]*time.Location{}
	zone := func(i int) *time.Location {
		if i >= len(imports) || imports[i].TimeZone == "" {
			return opts.location()
		}
		tz := imports[i].TimeZone
		if loc, ok := zones[tz]; ok {
			return loc
		}
		loc, err := time.LoadLocation(tz)
		if err != nil || tz == "Z" {
			loc = time.UTC
		}
		zones[tz] = loc
		return loc
	}
	for i := 0; i < t.width && i < len(names); i++ {
		var imp string
		if i < len(imports) {
			imp = imports[i].ImportID
		}
		switch n := normHeader(names[i]); {
		case n == "" && imp == "":
			// A blank column, as spreadsheets leave after the last one.
		case n == "responseid" || n == "response id" || imp == "_recordId":
			p.set(i, roleID, "")
		case n == "status":
			p.set(i, roleStatus, "")
		case n == "finished":
			p.set(i, roleFinished, "")
		case n == "recordeddate":
			recorded = i
		case n == "enddate":
			ended = i
		case n == "startdate":
			started = i
		case n == "recipientemail" || n == "emailaddress":
			p.set(i, roleEmail, "")
		case n == "recipientfirstname" || n == "name":
			p.set(i, roleName, "")
		case n == "recipientlastname":
			p.set(i, roleLastName, "")
		case n == "distributionchannel":
			p.set(i, roleProperty, "channel")
		case n == "userlanguage" || n == "q language":
			p.set(i, roleProperty, "language")
		case qualtricsIgnored(n, imp):
		case qualtricsQuestion(ids[i], questionText(texts, i, ids[i]), imp):
			p.cols[i] = column{role: roleAnswer, text: questionText(texts, i, ids[i])}
		default:
			p.set(i, roleProperty, propertyKey(names[i]))
		}
	}
	for _, i := range []int{recorded, ended, started} {
		if i >= 0 {
			p.addDate(i, zone(i), stats[i].order(orderAuto))
		}
	}
	headers := [][]string{ids, names, texts}
	if err := p.finish(name, headers, stats, opts); err != nil {
		return nil, err
	}
	return p, nil
}

// qualtricsDataRow tells a data row from the question-text row: its dates are dates.
func qualtricsDataRow(ids, r []string) bool {
	for _, col := range []string{"startdate", "enddate", "recordeddate"} {
		if i := headerIndex(ids, col); i >= 0 && i < len(r) {
			_, ok := parseTime(r[i], orderAuto, time.UTC)
			return ok
		}
	}
	if i := headerIndex(ids, "responseid"); i >= 0 && i < len(r) {
		return strings.HasPrefix(r[i], "R_")
	}
	return true
}

// parseImportIDs reads the third header row, or returns nil when it is not one.
func parseImportIDs(r []string) []importID {
	out := make([]importID, len(r))
	found := false
	for i, cell := range r {
		cell = strings.TrimSpace(cell)
		if !strings.HasPrefix(cell, "{") {
			continue
		}
		if err := json.Unmarshal([]byte(cell), &out[i]); err == nil && out[i].ImportID != "" {
			found = true
		}
	}
	if !found {
		return nil
	}
	return out
}

// qualtricsIgnored lists columns that are neither segments nor answers: network and
// location data (personal), timings, display orders, derived NPS groups, fraud scores.
func qualtricsIgnored(n, imp string) bool {
	switch n {
	case "ipaddress", "progress", "duration (in seconds)", "locationlatitude", "locationlongitude",
		"locationaccuracy", "externalreference", "externaldatareference", "responseset",
		"recipientphone", "q url":
		return true
	}
	if strings.HasPrefix(n, "q ") { // Q_RecaptchaScore, Q_RelevantIDDuplicate...
		return true
	}
	for _, suffix := range []string{"_DO", "_NPS_GROUP", "_FIRST_CLICK", "_LAST_CLICK", "_PAGE_SUBMIT", "_CLICK_COUNT"} {
		if strings.HasSuffix(imp, suffix) {
			return true
		}
	}
	for _, suffix := range []string{" do", " nps group", " first click", " last click", " page submit", " click count"} {
		if imp == "" && strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

// qualtricsQuestion tells a question column: ImportId QID..., else a column ID like Q1,
// Q2_3 or QID4, or a column whose text row says more than its ID (embedded data repeats
// its name in both rows; a question renamed "NPS" does not).
func qualtricsQuestion(id, text, imp string) bool {
	if imp != "" {
		return strings.HasPrefix(imp, "QID")
	}
	id = strings.TrimSpace(id)
	if len(id) > 1 && (id[0] == 'Q' || id[0] == 'q') && (id[1] >= '0' && id[1] <= '9' || strings.HasPrefix(id, "QID")) {
		return true
	}
	return strings.TrimSpace(text) != id
}

// questionText is the text of column i, or its ID when the text row has nothing.
func questionText(texts []string, i int, id string) string {
	if i < len(texts) && strings.TrimSpace(texts[i]) != "" {
		return texts[i]
	}
	return id
}

// qualtricsStatus returns why a row with this Status (numeric or choice text) is left out,
// or "" to keep it. Survey previews, generated test responses and spam are not responses.
func qualtricsStatus(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "17", "survey preview", "preview", "offline survey preview":
		return skipPreview
	case "2", "survey test", "test":
		return skipTest
	case "8", "9", "12", "spam", "preview spam", "imported spam":
		return skipSpam
	}
	return ""
}
