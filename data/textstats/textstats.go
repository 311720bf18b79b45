// Package textstats finds the words that set one group of comments apart from another: it
// splits comments into words (Unicode-aware, stop words of English, Spanish and Turkish
// removed) and ranks words by the log-odds ratio with an informative Dirichlet prior
// (Monroe, Colaresi & Quinn, 2008), which keeps rare words from topping the list on chance.
package textstats

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Counts is, for each word, how many comments of a group use it. A word repeated inside one
// comment counts once: one customer pasting a sentence ten times is still one voice.
type Counts map[string]int

// Add counts the words of one comment.
func (c Counts) Add(comment string) {
	words := Words(comment)
	seen := make(map[string]bool, len(words))
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			c[w]++
		}
	}
}

// Total returns the sum of all counts.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Words splits text into lower-case words of at least three letters, dropping stop words and
// numbers. Dotted İ lowers to i (Unicode's default would leave a combining dot).
func Words(text string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := lower(text[start:end])
		start = -1
		if utf8.RuneCountInString(w) < 3 || stopWords[w] {
			return
		}
		out = append(out, w)
	}
	for i, r := range text {
		if unicode.IsLetter(r) || r == '\'' && start >= 0 {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

func lower(w string) string {
	w = strings.Trim(w, "'")
	w = strings.ReplaceAll(w, "İ", "i")
	return strings.ToLower(w)
}

// Scored is a word with its counts in the two groups and its z-score.
type Scored struct {
	Word   string
	A, B   int
	ZScore float64
}

// Distinctive returns up to limit words over-represented in group a compared with group b,
// highest z-score first. Words seen fewer than minCount times in a are ignored.
func Distinctive(a, b Counts, limit, minCount int) []Scored {
	prior := Counts{}
	for w, n := range a {
		prior[w] += n
	}
	for w, n := range b {
		prior[w] += n
	}
	na, nb, n0 := float64(a.Total()), float64(b.Total()), float64(prior.Total())
	if na == 0 || nb == 0 {
		return nil
	}
	// Scale the prior to a modest total so it shrinks rare words without swamping the data.
	const priorSize = 1000.0
	var out []Scored
	for w, ca := range a {
		if ca < minCount {
			continue
		}
		alpha := priorSize * float64(prior[w]) / n0
		cb := float64(b[w])
		ya, yb := float64(ca), cb
		la := math.Log((ya + alpha) / (na + priorSize - ya - alpha))
		lb := math.Log((yb + alpha) / (nb + priorSize - yb - alpha))
		variance := 1/(ya+alpha) + 1/(yb+alpha)
		z := (la - lb) / math.Sqrt(variance)
		if z > 0 {
			out = append(out, Scored{Word: w, A: ca, B: b[w], ZScore: z})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ZScore != out[j].ZScore {
			return out[i].ZScore > out[j].ZScore
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
