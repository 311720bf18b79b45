// Package privacy hides personal data in what Verbatim shows on shared screens: the wall
// display and meeting mode. Masking is deliberately eager: on an office TV a masked word that
// was not personal costs nothing, a shown phone number costs trust.
package privacy

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mask is what replaces hidden text.
const Mask = "•••"

var (
	email = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`)
	// A phone number candidate: an optional +, then digits grouped by spaces, dots, dashes or
	// parentheses. Candidates with fewer than 7 digits, or shaped like a date, are kept.
	phone = regexp.MustCompile(`\+?\(?\d[\d\s().\-]{6,}\d`)
	// handle catches @mentions, which are often usernames.
	handle = regexp.MustCompile(`(^|\s)@[\p{L}\d_.]{2,}`)
)

// MaskText hides emails, phone numbers, @handles and the given names (the respondent's
// first, last and full name) inside free text. Name matching ignores case and only matches
// whole words.
func MaskText(text string, names ...string) string {
	if text == "" {
		return text
	}
	text = email.ReplaceAllString(text, Mask)
	text = phone.ReplaceAllStringFunc(text, func(m string) string {
		if digits(m) < 7 || looksLikeDate(m) {
			return m
		}
		return Mask
	})
	text = handle.ReplaceAllString(text, "${1}"+Mask)
	for _, word := range nameWords(names) {
		text = replaceWord(text, word)
	}
	return text
}

// MaskName returns a name fit for a shared screen: nothing.
func MaskName(string) string { return "" }

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

var dateLike = regexp.MustCompile(`^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$`)

func looksLikeDate(s string) bool { return dateLike.MatchString(strings.TrimSpace(s)) }

// nameWords splits the names into the words worth masking: at least two letters, so an
// initial does not mask every "a" in a comment.
func nameWords(names []string) []string {
	seen := map[string]bool{}
	var words []string
	for _, n := range names {
		for _, w := range strings.FieldsFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' }) {
			key := strings.ToLower(w)
			if utf8.RuneCountInString(w) < 2 || seen[key] {
				continue
			}
			seen[key] = true
			words = append(words, w)
		}
	}
	return words
}

// replaceWord masks whole-word, case-insensitive occurrences of word.
func replaceWord(text, word string) string {
	re, err := regexp.Compile(`(?i)(^|[^\p{L}])` + regexp.QuoteMeta(word) + `($|[^\p{L}])`)
	if err != nil {
		return text
	}
	// Matches share their boundary characters, so replace until nothing changes.
	for {
		next := re.ReplaceAllString(text, "${1}"+Mask+"${2}")
		if next == text {
			return text
		}
		text = next
	}
}
