package formats

import (
	"encoding/hex"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
)

// parseScore reads a score cell: a number ("7", "7.5", "7,5"), or a choice label that starts
// with its number ("10 - Extremely likely", as Qualtrics writes choice text). empty is true
// for a blank cell (the respondent skipped the question), ok false for anything else.
func parseScore(s string) (v float64, empty, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true, false
	}
	// Fast path: a small non-negative integer, by far the most common cell.
	if len(s) <= 2 && s[0] >= '0' && s[0] <= '9' && (len(s) == 1 || s[1] >= '0' && s[1] <= '9') {
		n := int(s[0] - '0')
		if len(s) == 2 {
			n = n*10 + int(s[1]-'0')
		}
		return float64(n), false, true
	}
	end := numberPrefix(s)
	if end == 0 {
		return 0, false, false
	}
	// A label is set off by a space ("10 - Extremely likely"); "2026-01-05" is a date.
	if end < len(s) && (s[end] != ' ' || !isLabelSeparator(strings.TrimSpace(s[end:]))) {
		return 0, false, false
	}
	num := s[:end]
	if strings.IndexByte(num, ',') >= 0 {
		num = strings.Replace(num, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, false
	}
	return f, false, true
}

// numberPrefix returns the length of the leading [-+]digits[.,digits] of s, 0 when none.
func numberPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return 0
	}
	if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	return i
}

// isLabelSeparator reports whether the text after a number introduces its choice label:
// "- Extremely likely", "= Very satisfied", "(Extremely likely)", ": Yes".
func isLabelSeparator(rest string) bool {
	for _, sep := range []string{"-", "–", "—", "=", "(", ":"} {
		if strings.HasPrefix(rest, sep) {
			return len(rest) > len(sep)
		}
	}
	return false
}

// isInteger reports whether v has no fractional part.
func isInteger(v float64) bool { return v == math.Trunc(v) }

// hashRecord is the external id of a row from a format without one: a hash of its non-empty
// cells in column order. Blank cells are left out so that a column added to a later export
// (empty for old rows) does not change the ids of rows already imported.
func hashRecord(rec []string) string {
	h := fnv.New128a()
	for _, v := range rec {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		h.Write([]byte(v))
		h.Write([]byte{0x1f})
	}
	var sum [16]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// commentText is a comment as the respondent wrote it, or "" when it is only blanks.
func commentText(v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	return v
}
