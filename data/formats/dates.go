package formats

import (
	"strings"
	"time"
)

// dateOrder says how to read an all-numeric date whose year comes last.
type dateOrder int

const (
	orderAuto dateOrder = iota // month first with '/', day first with '.' or '-'
	orderMDY                   // US: 03/01/2026 is 1 March
	orderDMY                   // most of the world: 03/01/2026 is 3 January
)

// parseTime reads the timestamps survey exports write, without trying layout after layout:
//
//	2026-02-01 08:00:30, 2026-02-01T08:00:30.123Z, 2026-02-01T08:00:30+03:00
//	03/01/2026 01:00:00 AM, 2026/03/01 1:00:00 PM GMT+3, 1.03.2026 13:00, 1/3/26
//	1767240794 (unix seconds), 1767240794000 (milliseconds)
//	Mar 1, 2026 1:00 PM, 1 March 2026 (month names, through time.Parse)
//
// A timestamp without a zone is in loc. The result is UTC.
func parseTime(s string, order dateOrder, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := parseUnix(s); ok {
		return t, true
	}
	p := scanner{s: s}
	a, na := p.number()
	if na == 0 {
		return parseNamedMonth(s, loc)
	}
	sep := p.peek()
	if sep != '-' && sep != '/' && sep != '.' {
		return parseNamedMonth(s, loc)
	}
	p.i++
	b, nb := p.number()
	if nb == 0 {
		return parseNamedMonth(s, loc)
	}
	if p.peek() != sep {
		return time.Time{}, false
	}
	p.i++
	c, nc := p.number()
	if nc == 0 {
		return time.Time{}, false
	}
	var y, m, d int
	if na == 4 {
		y, m, d = a, b, c
	} else {
		switch nc {
		case 2:
			y = 2000 + c
		case 4:
			y = c
		default:
			return time.Time{}, false
		}
		if order == orderAuto {
			order = orderDMY
			if sep == '/' {
				order = orderMDY
			}
		}
		// A day above 12 settles the order whatever the column's habit.
		if a > 12 {
			order = orderDMY
		} else if b > 12 {
			order = orderMDY
		}
		if order == orderMDY {
			m, d = a, b
		} else {
			d, m = a, b
		}
	}

	// Time of day.
	var hh, mm, ss, ns int
	if p.peek() == 'T' || p.peek() == ',' {
		p.i++
	}
	p.spaces()
	if n, digits := p.number(); digits > 0 {
		hh = n
		if p.peek() != ':' {
			return time.Time{}, false
		}
		p.i++
		if mm, digits = p.number(); digits != 2 {
			return time.Time{}, false
		}
		if p.peek() == ':' {
			p.i++
			if ss, digits = p.number(); digits != 2 {
				return time.Time{}, false
			}
			if p.peek() == '.' || p.peek() == ',' {
				p.i++
				ns = p.fraction()
			}
		}
		p.spaces()
		switch p.meridiem() {
		case 'a':
			if hh < 1 || hh > 12 {
				return time.Time{}, false
			}
			if hh == 12 {
				hh = 0
			}
		case 'p':
			if hh < 1 || hh > 12 {
				return time.Time{}, false
			}
			if hh < 12 {
				hh += 12
			}
		}
	}

	// Zone.
	p.spaces()
	zone := loc
	if !p.done() {
		off, ok := p.offset()
		if !ok {
			return time.Time{}, false
		}
		zone = time.FixedZone("", off)
		p.spaces()
		if !p.done() {
			return time.Time{}, false
		}
	}
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) ||
		hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, false
	}
	if ss == 60 { // a leap second; Go has none
		ss = 59
	}
	return time.Date(y, time.Month(m), d, hh, mm, ss, ns, zone).UTC(), true
}

// parseUnix reads 9-10 digits as unix seconds and 12-13 as milliseconds.
func parseUnix(s string) (time.Time, bool) {
	if len(s) < 9 || len(s) > 13 || len(s) == 11 {
		return time.Time{}, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	if len(s) >= 12 {
		return time.UnixMilli(n).UTC(), true
	}
	return time.Unix(n, 0).UTC(), true
}

// namedMonthLayouts are the month-name forms people and some tools write.
var namedMonthLayouts = []string{
	"Jan 2, 2006 3:04:05 PM", "Jan 2, 2006 3:04 PM", "Jan 2, 2006 15:04:05", "Jan 2, 2006 15:04", "Jan 2, 2006",
	"January 2, 2006 3:04:05 PM", "January 2, 2006 3:04 PM", "January 2, 2006 15:04", "January 2, 2006",
	"2 Jan 2006 15:04:05", "2 Jan 2006 15:04", "2 Jan 2006", "2 January 2006 15:04", "2 January 2006",
	"02-Jan-2006 15:04:05", "02-Jan-2006", time.RFC1123, time.RFC1123Z, time.UnixDate,
	"Mon Jan 2 2006 15:04:05 GMT-0700",
}

func parseNamedMonth(s string, loc *time.Location) (time.Time, bool) {
	// Every layout has a day number and a month name and fits in 40 bytes: ids, addresses
	// and free text are turned away before twenty failed parses.
	if len(s) > 40 || strings.IndexAny(s, "0123456789") < 0 || !hasMonthName(s) {
		return time.Time{}, false
	}
	for _, layout := range namedMonthLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// hasMonthName reports whether s holds a run of letters starting with an English month
// abbreviation.
func hasMonthName(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if !isLetter(s[i]) || i > 0 && isLetter(s[i-1]) {
			continue
		}
		switch strings.ToLower(s[i : i+3]) {
		case "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec":
			return true
		}
	}
	return false
}

func daysIn(m, y int) int {
	return time.Date(y, time.Month(m+1), 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateEvidence tells from one value whether its column writes day first (a first number
// above 12) or month first (a second number above 12), for dates whose year comes last.
func dateEvidence(s string) (dayFirst, monthFirst bool) {
	p := scanner{s: strings.TrimSpace(s)}
	a, na := p.number()
	if na == 0 || na > 2 {
		return false, false
	}
	sep := p.peek()
	if sep != '-' && sep != '/' && sep != '.' {
		return false, false
	}
	p.i++
	b, nb := p.number()
	if nb == 0 || p.peek() != sep {
		return false, false
	}
	return a > 12, b > 12
}

// scanner walks a timestamp without allocating.
type scanner struct {
	s string
	i int
}

func (p *scanner) done() bool { return p.i >= len(p.s) }

func (p *scanner) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *scanner) spaces() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// number reads up to 9 decimal digits and returns the value and the digit count.
func (p *scanner) number() (int, int) {
	n, start := 0, p.i
	for p.i < len(p.s) && p.i-start < 9 && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		n = n*10 + int(p.s[p.i]-'0')
		p.i++
	}
	return n, p.i - start
}

// fraction reads fractional seconds as nanoseconds (extra digits are dropped).
func (p *scanner) fraction() int {
	ns, scale := 0, 100_000_000
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		ns += int(p.s[p.i]-'0') * scale
		scale /= 10
		p.i++
	}
	return ns
}

// meridiem reads AM/PM in the spellings of en, es ("a. m.") and tr ("ÖÖ"/"ÖS"); it returns
// 'a', 'p' or 0.
func (p *scanner) meridiem() byte {
	rest := p.s[p.i:]
	for _, m := range meridiems {
		if len(rest) >= len(m.text) && strings.EqualFold(rest[:len(m.text)], m.text) {
			// A zone or the end must follow, not more letters ("AMT" is not "AM").
			if len(rest) > len(m.text) && isLetter(rest[len(m.text)]) {
				continue
			}
			p.i += len(m.text)
			return m.kind
		}
	}
	return 0
}

var meridiems = []struct {
	text string
	kind byte
}{
	{"a. m.", 'a'}, {"p. m.", 'p'}, {"a.m.", 'a'}, {"p.m.", 'p'}, {"am", 'a'}, {"pm", 'p'},
	{"ÖÖ", 'a'}, {"ÖS", 'p'}, {"öö", 'a'}, {"ös", 'p'},
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// offset reads a zone: Z, UTC, GMT, UTC+3, GMT-05:30, +03:00, +0300 or -07, as seconds east
// of UTC.
func (p *scanner) offset() (int, bool) {
	rest := p.s[p.i:]
	switch {
	case rest == "Z" || rest == "z":
		p.i++
		return 0, true
	case strings.HasPrefix(rest, "UTC") || strings.HasPrefix(rest, "GMT"):
		p.i += 3
		if p.done() {
			return 0, true
		}
	}
	sign := 1
	switch p.peek() {
	case '+':
	case '-':
		sign = -1
	default:
		return 0, false
	}
	p.i++
	h, nh := p.number()
	m := 0
	switch {
	case nh == 4: // +0300
		h, m = h/100, h%100
	case nh == 1 || nh == 2:
		if p.peek() == ':' {
			p.i++
			var nm int
			if m, nm = p.number(); nm != 2 {
				return 0, false
			}
		}
	default:
		return 0, false
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60), true
}
