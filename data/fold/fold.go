// Package fold compares text the way people read it: without case or accents, with Turkish
// dotted and dotless i taken as i. Masking names in comments and highlighting search
// matches both need "Jose" to meet "JOSÉ" and "ilker" to meet "İlker".
package fold

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Rune lowers r and strips its accents: "É" → "e", "Ñ" → "n", "İ", "I" and "ı" → "i", a
// combining mark → "". Letters without a plain form fold to themselves lowered ("ø", "ß").
func Rune(r rune) string {
	if r == 'ı' || r == 'İ' {
		return "i"
	}
	var out []rune
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			out = append(out, unicode.ToLower(d))
		}
	}
	return string(out)
}
