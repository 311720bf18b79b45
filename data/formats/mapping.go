package formats

import (
	"strconv"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// Mapping names the columns that play each part, overriding the guess. A column is named by
// its header (case and surrounding spaces ignored; in a Qualtrics or SurveyMonkey export the
// question text works too) or by its 1-based position. Empty fields keep the guess.
type Mapping struct {
	ID       string
	Score    string
	Comment  string
	Date     string
	Email    string
	Name     string
	Segments []string // columns that become Properties, for segmenting
}

// IsZero reports whether m overrides nothing.
func (m Mapping) IsZero() bool {
	return m.ID == "" && m.Score == "" && m.Comment == "" && m.Date == "" && m.Email == "" &&
		m.Name == "" && len(m.Segments) == 0
}

// ParseMapping reads the --map flag: comma-separated key=COLUMN pairs with keys score,
// comment, date, email, name, id and segment (repeatable). A column name holding a comma or
// an equals sign is written in double quotes: score="How likely, really?".
func ParseMapping(s string) (Mapping, error) {
	var m Mapping
	for _, pair := range splitPairs(s) {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		key, col, ok := strings.Cut(pair, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		col = unquote(strings.TrimSpace(col))
		if !ok || col == "" {
			return m, data.Errorf(data.EINVALID, "mapping %q needs the form key=COLUMN", strings.TrimSpace(pair))
		}
		switch key {
		case "id":
			m.ID = col
		case "score":
			m.Score = col
		case "comment":
			m.Comment = col
		case "date":
			m.Date = col
		case "email":
			m.Email = col
		case "name":
			m.Name = col
		case "segment", "segments":
			m.Segments = append(m.Segments, col)
		default:
			return m, data.Errorf(data.EINVALID, "unknown mapping key %q: use score, comment, date, email, name, id or segment", key)
		}
	}
	return m, nil
}

// splitPairs splits on commas outside double quotes.
func splitPairs(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}

// resolve finds the column a mapping names among the header rows.
func resolve(name, col string, headers [][]string) (int, error) {
	want := normHeader(col)
	for _, h := range headers {
		for i, v := range h {
			if normHeader(v) == want {
				return i, nil
			}
		}
	}
	if n, err := strconv.Atoi(col); err == nil && len(headers) > 0 && n >= 1 && n <= len(headers[0]) {
		return n - 1, nil
	}
	return -1, fileError(name, 1, "there is no column %q to map", col)
}

// applyMapping gives the mapped columns their parts, taking those parts from the columns
// the format had guessed.
func (p *plan) applyMapping(name string, m Mapping, headers [][]string, stats []colStats, opts Options) error {
	if m.IsZero() {
		return nil
	}
	text := func(i int) string {
		for j := len(headers) - 1; j >= 0; j-- {
			if i < len(headers[j]) && strings.TrimSpace(headers[j][i]) != "" && !strings.HasPrefix(headers[j][i], "{") {
				return headers[j][i]
			}
		}
		return ""
	}
	// demote hands a part back: a guessed score or comment becomes a plain answer.
	demote := func(r role) {
		for i := range p.cols {
			if p.cols[i].role != r {
				continue
			}
			if r == roleScore || r == roleComment {
				p.cols[i] = column{role: roleAnswer, text: text(i)}
			} else {
				p.cols[i].role = roleIgnore
			}
		}
		if r == roleScore {
			p.score = -1
		}
		if r == roleDate {
			p.dates = nil
		}
	}
	single := []struct {
		col string
		r   role
	}{{m.ID, roleID}, {m.Email, roleEmail}, {m.Name, roleName}, {m.Comment, roleComment}}
	for _, s := range single {
		if s.col == "" {
			continue
		}
		i, err := resolve(name, s.col, headers)
		if err != nil {
			return err
		}
		demote(s.r)
		p.set(i, s.r, "")
		p.cols[i].text = text(i)
	}
	if m.Date != "" {
		i, err := resolve(name, m.Date, headers)
		if err != nil {
			return err
		}
		demote(roleDate)
		p.addDate(i, opts.location(), stats[i].order(orderAuto))
	}
	if m.Score != "" {
		i, err := resolve(name, m.Score, headers)
		if err != nil {
			return err
		}
		demote(roleScore)
		p.setScoreColumn(i, text(i), &stats[i], opts)
	}
	for _, seg := range m.Segments {
		i, err := resolve(name, seg, headers)
		if err != nil {
			return err
		}
		if i == p.score {
			p.score = -1
		}
		p.set(i, roleProperty, propertyKey(headerName(headers, i)))
	}
	return nil
}

// headerName is a column's name in the first header row.
func headerName(headers [][]string, i int) string {
	if len(headers) == 0 || i >= len(headers[0]) {
		return ""
	}
	return headers[0][i]
}
