package formats

import "strings"

// Delighted's CSV export has one header row: the response id, survey type, score, comment,
// timestamps, the person's email and name, permalink, tags and notes, then one column per
// person property ("Delighted Source", "Delighted Device Type", "Plan"...). Header spellings
// vary ("Response ID", "id"; "Created At", "Response Timestamp"), so they are matched
// loosely; any other column is a property, or an answer when it reads like a question.

var delightedColumns = map[string]role{
	"response id": roleID, "id": roleID, "survey response id": roleID,
	"survey type": roleSurveyType,
	"score":       roleScore,
	"comment":     roleComment,
	"created at":  roleDate, "response timestamp": roleDate, "responded at": roleDate,
	"timestamp": roleDate, "date": roleDate,
	"updated at": roleUpdated,
	"email":      roleEmail, "person email": roleEmail,
	"name": roleName, "person name": roleName,
	"permalink": rolePermalink,
	"tags":      roleTags,
	"notes":     roleNotes, "note": roleNotes,
	"person id": roleIgnore, "person created at": roleIgnore,
}

func isDelightedCSV(rows [][]string) bool {
	h := rows[0]
	if headerIndex(h, "score") < 0 {
		return false
	}
	for _, v := range h {
		if strings.HasPrefix(normHeader(v), "delighted ") {
			return true
		}
	}
	if headerIndex(h, "survey type") >= 0 && headerIndex(h, "comment") >= 0 {
		return true
	}
	for _, r := range rows[1:] {
		for _, v := range r {
			if strings.Contains(v, "delighted.com/") {
				return true
			}
		}
	}
	return false
}

func delightedCSVPlan(t *table, name string, opts Options) (*plan, error) {
	p, header, stats, err := startOneHeaderPlan(t, FormatDelighted, name, opts)
	if err != nil {
		return nil, err
	}
	for i := 0; i < t.width; i++ {
		h := headerText(header[i])
		r, known := delightedColumns[normHeader(h)]
		switch {
		case known && r == roleDate:
			if len(p.dates) == 0 {
				p.addDate(i, opts.location(), stats[i].order(orderAuto))
			}
		case known && r == roleScore:
			p.setScoreColumn(i, h, &stats[i], opts)
		case known:
			p.set(i, r, "")
		case isQuestionText(h):
			p.cols[i] = column{role: roleAnswer, text: h}
		default:
			p.set(i, roleProperty, propertyKey(h))
		}
	}
	if p.score < 0 {
		return nil, fileError(name, 1, "this Delighted export has no Score column")
	}
	if err := p.finish(name, [][]string{header}, stats, opts); err != nil {
		return nil, err
	}
	return p, nil
}
