package formats

import "time"

// Typeform CSV exports: "#" (the response token), one column per question (and per option
// of a multiple-choice question), the hidden fields (lower-case names, as Typeform requires),
// then "Start Date (UTC)", "Submit Date (UTC)", "Network ID"; newer exports add
// "Response Type" (completed / partial), "Stage Date (UTC)", "Tags" and "ending".

func isTypeform(h []string) bool {
	return headerText(h[0]) == "#" &&
		headerIndex(h, "submit date (utc)", "start date (utc)", "stage date (utc)", "network id") >= 0
}

func typeformPlan(t *table, name string, opts Options) (*plan, error) {
	p, header, stats, err := startOneHeaderPlan(t, FormatTypeform, name, opts)
	if err != nil {
		return nil, err
	}
	dates := map[string]int{}
	for i := 0; i < t.width; i++ {
		h := headerText(header[i])
		switch n := normHeader(h); {
		case h == "#":
			p.set(i, roleID, "")
		case n == "submit date (utc)" || n == "stage date (utc)" || n == "start date (utc)":
			dates[n] = i
		case n == "response type":
			p.set(i, roleFinished, "")
		case n == "tags":
			p.set(i, roleTags, "")
		case n == "network id" || n == "ending":
		case isHiddenFieldName(h) && isEmailHeader(h) && stats[i].emailLike():
			p.set(i, roleEmail, "")
		case isHiddenFieldName(h) && (h == "name" || h == "full_name"):
			p.set(i, roleName, "")
		case isHiddenFieldName(h):
			p.set(i, roleProperty, propertyKey(h))
		default:
			p.cols[i] = column{role: roleAnswer, text: h}
		}
	}
	for _, n := range []string{"submit date (utc)", "stage date (utc)", "start date (utc)"} {
		if i, ok := dates[n]; ok {
			p.addDate(i, time.UTC, stats[i].order(orderAuto))
		}
	}
	p.guessEmail(stats)
	if err := p.finish(name, [][]string{header}, stats, opts); err != nil {
		return nil, err
	}
	return p, nil
}
