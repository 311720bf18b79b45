package sqlite

import "strings"

// ftsQuery translates the search box's text into an FTS5 query. Every user word becomes a
// quoted string, so nothing the user types is read as FTS syntax: terms are ANDed, and a
// trailing * on a word asks for a prefix match.
func ftsQuery(q string) (string, error) {
	var terms []string
	for _, word := range strings.Fields(foldForSearch(q)) {
		prefix := strings.HasSuffix(word, "*")
		word = strings.Trim(word, `*"`)
		if word == "" {
			continue
		}
		term := `"` + strings.ReplaceAll(word, `"`, `""`) + `"`
		if prefix {
			term += "*"
		}
		terms = append(terms, term)
	}
	return strings.Join(terms, " "), nil
}
