package data

import (
	"strings"
	"unicode"
)

// SearchTerm is one word, prefix or phrase of a search, as the user typed it (without the
// quotes, the leading - or the trailing *).
type SearchTerm struct {
	Text   string
	Phrase bool // typed between double quotes: its words must appear together, in order
	Prefix bool // typed with a trailing *: its last word may be the start of a longer word
}

// Search is the search box's text, parsed. A response matches when its comment matches
// every group of All (a group matches when any of its terms does) and none of None.
//
// The syntax, as typed in the Comments screen and `verbatim comments --search`:
//
//	billing refund        both words, anywhere
//	"credit card"         the exact phrase
//	-spam                 without this word (or -"exact phrase")
//	invoice OR factura    either word (OR in capitals, binding tighter than the implicit AND)
//	bill*                 words starting with bill
//
// Matching ignores case and accents ("senor" finds "Señor", "kirik" finds "kırık"). Every
// other character is read as text, never as an operator, so nothing typed can change the
// query's structure: a term with no letter or digit in it is dropped.
type Search struct {
	All  [][]SearchTerm
	None []SearchTerm
}

// ParseSearch parses the search box's text. It never fails: unbalanced quotes end at the end
// of the text, and stray operators are ignored.
func ParseSearch(q string) Search {
	var s Search
	orPending := false    // an OR was read after the last positive term
	lastPositive := false // the previous item was a positive term, so an OR may join it
	for _, t := range lexSearch(q) {
		switch {
		case t.or:
			orPending = lastPositive
			lastPositive = false
			continue
		case !hasWordChar(t.term.Text):
			// Nothing searchable: drop it, and an OR on either side of it with it.
			orPending, lastPositive = false, false
			continue
		case t.negated:
			s.None = append(s.None, t.term)
			orPending, lastPositive = false, false
			continue
		}
		if orPending && len(s.All) > 0 {
			last := len(s.All) - 1
			s.All[last] = append(s.All[last], t.term)
		} else {
			s.All = append(s.All, []SearchTerm{t.term})
		}
		orPending, lastPositive = false, true
	}
	return s
}

// IsEmpty reports whether the search selects nothing in particular: no term to find or to
// exclude.
func (s Search) IsEmpty() bool { return len(s.All) == 0 && len(s.None) == 0 }

// Terms lists the terms a matching comment contains, for highlighting: every positive term,
// in the order typed.
func (s Search) Terms() []SearchTerm {
	var out []SearchTerm
	for _, g := range s.All {
		out = append(out, g...)
	}
	return out
}

// lexItem is a term (maybe negated) or the OR operator.
type lexItem struct {
	term    SearchTerm
	negated bool
	or      bool
}

// lexSearch splits q into terms and ORs. Whitespace and control characters separate terms;
// a double quote starts a phrase that runs to the next double quote or the end.
func lexSearch(q string) []lexItem {
	runes := []rune(q)
	var items []lexItem
	for i := 0; i < len(runes); {
		if isSearchSpace(runes[i]) {
			i++
			continue
		}
		var it lexItem
		if runes[i] == '-' && i+1 < len(runes) && !isSearchSpace(runes[i+1]) {
			it.negated = true
			i++
		}
		var b strings.Builder
		if runes[i] == '"' {
			it.term.Phrase = true
			for i++; i < len(runes) && runes[i] != '"'; i++ {
				b.WriteRune(cleanRune(runes[i]))
			}
			i++ // the closing quote, when there is one
			for i < len(runes) && runes[i] == '*' {
				it.term.Prefix = true
				i++
			}
		} else {
			for ; i < len(runes) && !isSearchSpace(runes[i]) && runes[i] != '"'; i++ {
				b.WriteRune(runes[i])
			}
		}
		text := b.String()
		if !it.term.Phrase {
			trimmed := strings.TrimRight(text, "*")
			it.term.Prefix = trimmed != text
			text = trimmed
			if text == "OR" && !it.negated {
				items = append(items, lexItem{or: true})
				continue
			}
		}
		it.term.Text = strings.TrimSpace(text)
		items = append(items, it)
	}
	return items
}

func isSearchSpace(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// cleanRune turns control characters inside a phrase into spaces.
func cleanRune(r rune) rune {
	if unicode.IsControl(r) {
		return ' '
	}
	return r
}

// hasWordChar reports whether s holds a letter or digit, the characters the full-text
// index keeps.
func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}
