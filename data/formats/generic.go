package formats

import "slices"

// A generic CSV has one header row and no known layout: the id, date, email, name, score,
// comment and segment columns are guessed from their names and values, and Options.Mapping
// corrects the guess.

var (
	idHeaders = []string{"id", "response id", "responseid", "respondent id", "respondentid", "uuid",
		"token", "submission id", "entry id", "record id", "response"}
	nameHeaders = []string{"name", "full name", "respondent name", "customer name", "first name",
		"nombre", "ad", "ad soyad", "isim"}
	lastNameHeaders = []string{"last name", "surname", "apellido", "apellidos", "soyad", "soyadi"}
	dateWords       = []string{"date", "time", "timestamp", "created", "submitted", "fecha", "tarih", "zaman", "datum"}
)

func genericPlan(t *table, name string, opts Options) (*plan, error) {
	p, header, stats, err := startOneHeaderPlan(t, FormatCSV, name, opts)
	if err != nil {
		return nil, err
	}
	var dates []int
	for i := 0; i < t.width; i++ {
		h := headerText(header[i])
		n, f, st := normHeader(h), fold(h), &stats[i]
		switch {
		case slices.Contains(idHeaders, n) && len(st.distinct) == min(st.nonEmpty, maxDistinct) && !p.has(roleID):
			p.set(i, roleID, "")
		case st.dateLike():
			// Settled below; a date column that is not the response's date is an answer.
			dates = append(dates, i)
			p.cols[i] = column{role: roleAnswer, text: h}
		case st.emailLike() && !p.has(roleEmail):
			p.set(i, roleEmail, "")
		case slices.Contains(nameHeaders, n):
			p.set(i, roleName, "")
		case slices.Contains(lastNameHeaders, n):
			p.set(i, roleLastName, "")
		case n == "tags":
			p.set(i, roleTags, "")
		case !isQuestionText(h) && st.categoryLike() && !st.scoreLike(questionType(h) != "") &&
			(containsAny(f, segmentWords) || !containsAny(f, commentWords)):
			p.set(i, roleProperty, propertyKey(h))
		default:
			p.cols[i] = column{role: roleAnswer, text: h}
		}
	}
	if len(dates) > 0 {
		date := dates[0]
		for _, i := range dates {
			if containsAny(fold(header[i]), dateWords) {
				date = i
				break
			}
		}
		p.addDate(date, opts.location(), stats[date].order(orderAuto))
	}
	if err := p.finish(name, [][]string{header}, stats, opts); err != nil {
		return nil, err
	}
	if p.score < 0 && !p.has(roleComment) {
		return nil, fileError(name, 1, "no score or comment column was recognised; name them with --map score=COLUMN,comment=COLUMN")
	}
	return p, nil
}
