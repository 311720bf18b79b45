// Package privacy hides personal data in what Verbatim shows on shared screens: the wall
// display and meeting mode. Masking is deliberately eager: on an office TV a masked word that
// was not personal costs nothing, a shown phone number costs trust.
package privacy

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-app/verbatim/data/fold"
)

// Mask is what replaces hidden text.
const Mask = "•••"

var (
	// Letters of any script: "josé.pérez@correo.es" and "müşteri@firma.com.tr" are emails too.
	email = regexp.MustCompile(`(?i)[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}`)
	// A phone number candidate: an optional +, then digits grouped by spaces, dots, dashes or
	// parentheses. Candidates with fewer than 7 digits, or shaped like a date, are kept.
	phone = regexp.MustCompile(`\+?\(?\d[\d\s().\-]{6,}\d`)
	// handle catches @mentions, which are often usernames.
	handle = regexp.MustCompile(`(^|\s)@[\p{L}\d_.]{2,}`)
)

// MaskText hides emails, phone numbers, @handles and the given names (the respondent's
// first, last and full name) inside free text. Name matching only matches whole words and
// ignores case and accents the way people type names: "jose" and "JOSÉ" are "José", and
// Turkish "ilker" and "ILKER" are "İlker".
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

// replaceWord masks whole-word occurrences of word, ignoring case and accents.
func replaceWord(text, word string) string {
	re, err := regexp.Compile(`(?i)(^|[^\p{L}])` + loosePattern(word) + `($|[^\p{L}])`)
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

// loosePattern is a regular expression matching word whatever its case and accents: each
// letter becomes the class of the letters that fold to the same one ("é" → [eEéÉèÈ…]), and
// may carry combining accents (text in decomposed form).
func loosePattern(word string) string {
	var b strings.Builder
	for _, r := range word {
		if variants, ok := foldClasses()[fold.Rune(r)]; ok {
			b.WriteString("[" + regexp.QuoteMeta(string(variants)) + `]\p{M}*`)
			continue
		}
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	return b.String()
}

var (
	classesOnce sync.Once
	classes     map[string][]rune
)

// foldClasses maps each folded Latin letter to every Latin letter that folds to it, built
// once from the Latin blocks (Basic Latin to Latin Extended-B, and Latin Extended Additional).
func foldClasses() map[string][]rune {
	classesOnce.Do(func() {
		classes = map[string][]rune{}
		add := func(lo, hi rune) {
			for r := lo; r <= hi; r++ {
				if unicode.IsLetter(r) {
					f := fold.Rune(r)
					classes[f] = append(classes[f], r)
				}
			}
		}
		add(0x41, 0x24f)
		add(0x1e00, 0x1eff)
	})
	return classes
}
