package formats

import (
	"slices"
	"strings"
	"time"
)

// Google Forms CSV exports (from the Responses tab or its sheet): a timestamp column named
// in the form owner's language, an optional email column, then one column per question,
// named by its text (duplicates and trailing spaces included). Timestamps follow the
// sheet's locale: "3/1/2026 13:00:00", "1.03.2026 13:00:00", "2026/03/01 1:00:00 PM GMT+3".
// There is no response id: the external id is a hash of the row's answers.

// gfTimestamps is the first header in the languages Google Forms writes it in, folded.
var gfTimestamps = []string{"timestamp", "marca temporal", "marca de tiempo", "zaman damgasi",
	"horodateur", "zeitstempel", "carimbo de data/hora", "informazioni cronologiche", "tijdstempel"}

func isGoogleForms(rows [][]string) bool {
	if !slices.Contains(gfTimestamps, fold(strings.TrimPrefix(rows[0][0], "\ufeff"))) {
		return false
	}
	if len(rows) < 2 {
		return true
	}
	_, ok := parseTime(rows[1][0], orderAuto, time.UTC)
	return ok
}

func googleFormsPlan(t *table, name string, opts Options) (*plan, error) {
	p, header, stats, err := startOneHeaderPlan(t, FormatGoogleForms, name, opts)
	if err != nil {
		return nil, err
	}
	p.addDate(0, opts.location(), stats[0].order(orderMDY))
	for i := 1; i < t.width; i++ {
		p.cols[i] = column{role: roleAnswer, text: header[i]}
	}
	p.guessEmail(stats)
	if err := p.finish(name, [][]string{header}, stats, opts); err != nil {
		return nil, err
	}
	return p, nil
}
