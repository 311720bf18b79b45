package sqlite

import (
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// The search box's syntax is parsed by data.ParseSearch; this file turns a parsed search into
// FTS5. Safety rests on one rule: user text only ever reaches FTS5 inside a double-quoted
// string (with " doubled), so it is always read as words to find, never as operators, column
// filters, NEAR groups or ^ anchors. Operators come only from the parse (AND, OR, NOT,
// parentheses, a * after a closing quote), and the whole expression travels as a bound
// parameter, never spliced into SQL.

// ftsQuery translates search text into one FTS5 MATCH expression. It returns "" when the text
// holds nothing to search for, and an EINVALID error when it only excludes words: FTS5 cannot
// express "everything except", so the comment queries (buildComments) turn such a search
// into NOT IN over the matches of the excluded words.
func ftsQuery(q string) (string, error) {
	s := data.ParseSearch(q)
	if len(s.All) == 0 && len(s.None) > 0 {
		return "", data.Errorf(data.EINVALID, "search %q only excludes words; add a word to look for", strings.TrimSpace(q))
	}
	return ftsMatch(s), nil
}

// ftsMatch is the FTS5 expression of a search's positive groups, minus its exclusions. It is
// "" when the search has no positive group.
func ftsMatch(s data.Search) string {
	if len(s.All) == 0 {
		return ""
	}
	groups := make([]string, len(s.All))
	for i, g := range s.All {
		groups[i] = ftsAny(g)
	}
	match := strings.Join(groups, " AND ")
	if len(s.None) > 0 {
		match = "(" + match + ") NOT " + ftsAny(s.None)
	}
	return match
}

// ftsAny is the FTS5 expression matching any of terms.
func ftsAny(terms []data.SearchTerm) string {
	if len(terms) == 1 {
		return ftsString(terms[0])
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = ftsString(t)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// ftsString quotes one term as an FTS5 string. Inside the quotes FTS5 only tokenizes: a
// multi-word term becomes a phrase, punctuation separates words. Text is folded like the
// indexed comments (see foldForSearch).
func ftsString(t data.SearchTerm) string {
	s := `"` + strings.ReplaceAll(foldForSearch(t.Text), `"`, `""`) + `"`
	if t.Prefix {
		s += "*"
	}
	return s
}
