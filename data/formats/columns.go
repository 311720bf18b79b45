package formats

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/verbatim-app/verbatim/data"
)

// fold prepares a header or question text for keyword matching: lower case, Spanish and
// Turkish letters without their marks (so "fácil" matches "facil", "İ"/"ı" match "i"), and
// runs of spaces collapsed.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		if f, ok := foldRunes[r]; ok {
			r = f
		}
		switch {
		case r == '\u0307': // the dot strings.ToLower leaves from a Turkish İ
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

var foldRunes = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ı': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o',
	'õ': 'o', 'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c', 'ş': 's', 'ğ': 'g',
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Keywords, folded, in English, Spanish and Turkish (and a few neighbours). A question is
// only typed from its words: "likely … recommend" is NPS, "satisf…" CSAT, "easy/effort" CES.
var (
	recommendWords = []string{"recommend", "recomend", "recomie", "tavsiye", "onerme", "onerir", "onereb",
		"empfehl", "recommand", "raccomand", "aanbevel"}
	workplaceWords = []string{"place to work", "work for", "employer", "workplace", "lugar para trabajar",
		"lugar de trabajo", "empleador", "calisma", "calismak", "isyeri", "isveren", "arbeitgeber"}
	satisfiedWords = []string{"satisf", "memnun", "zufrieden", "tevreden", "soddisf"}
	effortWords    = []string{"easy", "easily", "effort", "difficult", "facil", "esfuerzo", "dificil",
		"kolay", "caba", "zahmet", "einfach", "aufwand", "facile"}
	ratingWords = []string{"score", "rating", "rate", "puntuacion", "puntaje", "calificacion", "valoracion",
		"nota", "puan", "degerlendir", "stars", "estrellas", "yildiz", "nps", "csat", "ces"}
	commentWords = []string{"comment", "reason", "why", "feedback", "tell us", "explain", "suggest",
		"improve", "better", "anything else", "verbatim", "open ended", "comentario", "motivo", "razon",
		"por que", "porque", "sugerencia", "mejorar", "opinion", "yorum", "neden", "sebep", "gorus",
		"oneri", "acikla", "gelistir", "kommentar", "warum", "commentaire", "pourquoi"}
)

// questionType types a question from its text: nps, enps, csat, ces or "" when the words do
// not say.
func questionType(text string) string {
	t := fold(text)
	// A column named for its metric ("NPS", "CSAT score") says so itself.
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "nps":
			return data.TypeNPS
		case "enps":
			return data.TypeENPS
		case "csat":
			return data.TypeCSAT
		case "ces":
			return data.TypeCES
		}
	}
	switch {
	case containsAny(t, recommendWords) && containsAny(t, workplaceWords):
		return data.TypeENPS
	case containsAny(t, recommendWords):
		return data.TypeNPS
	case containsAny(t, satisfiedWords):
		return data.TypeCSAT
	case containsAny(t, effortWords):
		return data.TypeCES
	}
	return ""
}

// typeRank orders score questions for the primary one: nps/enps, csat, ces, the rest.
func typeRank(t string) int {
	switch t {
	case data.TypeNPS, data.TypeENPS:
		return 0
	case data.TypeCSAT:
		return 1
	case data.TypeCES:
		return 2
	}
	return 3
}

// scaleHint finds a scale written in a question: "(0-10)", "1 to 5", "1 = very
// dissatisfied, 5 = very satisfied". It looks for the two ends of a usual scale among the
// small numbers of the text.
func scaleHint(text string) (lo, hi int, ok bool) {
	seen := map[int]bool{}
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		// Only standalone small numbers: not "2026", not the "3" of "Q3" or "h2o".
		before := i == 0 || !isLetter(text[i-1]) && text[i-1] != '.'
		if before && j-i <= 2 {
			n := int(text[i] - '0')
			if j-i == 2 {
				n = n*10 + int(text[i+1]-'0')
			}
			seen[n] = true
		}
		i = j
	}
	for _, s := range [][2]int{{0, 10}, {1, 10}, {1, 7}, {1, 5}, {0, 5}, {1, 3}} {
		if seen[s[0]] && seen[s[1]] {
			return s[0], s[1], true
		}
	}
	return 0, 0, false
}

// maxDistinct caps how many distinct values a column's stats remember.
const maxDistinct = 64

// colStats summarises a column over the sampled rows.
type colStats struct {
	nonEmpty   int
	numeric    int     // cells parseScore reads
	inRange    int     // numeric cells within 0..10
	min, max   float64 // over the in-range numeric cells
	fractional bool
	totalLen   int // characters over non-empty cells
	emails     int // cells that look like an email address
	dates      int // cells parseTime reads
	dayFirst   int // dates that must be day-first
	monthFirst int
	distinct   map[string]struct{}
}

func analyze(sample []row, width int) []colStats {
	stats := make([]colStats, width)
	for i := range stats {
		stats[i].distinct = map[string]struct{}{}
	}
	for _, r := range sample {
		for i, v := range r.fields {
			if i >= width {
				break
			}
			stats[i].add(v)
		}
	}
	return stats
}

func (c *colStats) add(v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	c.nonEmpty++
	c.totalLen += len(v)
	if len(c.distinct) < maxDistinct {
		c.distinct[v] = struct{}{}
	}
	if f, _, ok := parseScore(v); ok {
		c.numeric++
		if f >= 0 && f <= 10 {
			if c.inRange == 0 || f < c.min {
				c.min = f
			}
			if c.inRange == 0 || f > c.max {
				c.max = f
			}
			c.inRange++
			if !isInteger(f) {
				c.fractional = true
			}
		}
	}
	if strings.IndexByte(v, '@') > 0 && strings.IndexByte(v, ' ') < 0 {
		c.emails++
	}
	if _, ok := parseTime(v, orderAuto, time.UTC); ok {
		c.dates++
		d, m := dateEvidence(v)
		if d {
			c.dayFirst++
		}
		if m {
			c.monthFirst++
		}
	}
}

// avgLen is the mean length of the non-empty cells.
func (c *colStats) avgLen() float64 {
	if c.nonEmpty == 0 {
		return 0
	}
	return float64(c.totalLen) / float64(c.nonEmpty)
}

// scoreLike reports whether the column holds scores: mostly small numbers. A question whose
// words give its type needs only half its answers numeric, or short answers at all ("N/A",
// "ten": bad cells are then skipped row by row, and a small file of them still fails as it
// should); an untyped one needs nearly all.
func (c *colStats) scoreLike(typed bool) bool {
	if c.nonEmpty == 0 {
		return typed
	}
	share := float64(c.inRange) / float64(c.nonEmpty)
	if typed {
		return share >= 0.5 || c.avgLen() <= 5
	}
	return share >= 0.9 && float64(c.numeric-c.inRange) <= 0.05*float64(c.nonEmpty)
}

// dateLike reports whether nearly every cell is a timestamp.
func (c *colStats) dateLike() bool {
	return c.nonEmpty > 0 && float64(c.dates) >= 0.9*float64(c.nonEmpty) && c.numeric < c.nonEmpty
}

// order returns the day/month order the column's dates settle, orderAuto when they do not.
func (c *colStats) order(fallback dateOrder) dateOrder {
	switch {
	case c.dayFirst > 0 && c.monthFirst == 0:
		return orderDMY
	case c.monthFirst > 0 && c.dayFirst == 0:
		return orderMDY
	}
	return fallback
}

// emailLike reports whether the column holds email addresses.
func (c *colStats) emailLike() bool {
	return c.nonEmpty > 0 && float64(c.emails) >= 0.8*float64(c.nonEmpty)
}

// textLike reports whether the column holds free text: long or mostly different answers,
// not a handful of repeated choices.
func (c *colStats) textLike() bool {
	if c.nonEmpty == 0 || c.numeric == c.nonEmpty {
		return false
	}
	return c.avgLen() >= 20 || float64(len(c.distinct)) >= 0.5*float64(min(c.nonEmpty, maxDistinct)) && c.avgLen() >= 8
}

// categoryLike reports whether the column holds a few short repeated values: a segment.
func (c *colStats) categoryLike() bool {
	return c.nonEmpty > 0 && len(c.distinct) <= 20 && len(c.distinct) < c.nonEmpty && c.avgLen() < 30
}

// scaleFor settles a score column's scale: a question with a type has that type's scale
// (CSAT widened when its answers go beyond 5), unless its text states another; a column
// without a type takes the smallest usual scale that holds its values.
func scaleFor(typ, text string, st *colStats) (lo, hi int) {
	if l, h, ok := scaleHint(text); ok && typ != data.TypeNPS && typ != data.TypeENPS {
		return l, h
	}
	switch typ {
	case data.TypeNPS, data.TypeENPS:
		return 0, 10
	case data.TypeCSAT, data.TypeSmiley, data.TypeStar:
		switch {
		case st.max > 7:
			return 1, 10
		case st.max > 5:
			return 1, 7
		}
		return 1, 5
	case data.TypeCES:
		if st.max > 7 {
			return 1, 10
		}
		return 1, 7
	case data.TypeThumbs:
		return 0, 1
	case data.TypePMF:
		return 1, 3
	}
	lo = 1
	if st.inRange == 0 || st.min < 1 {
		lo = 0
	}
	for _, h := range []int{1, 3, 5, 7, 10} {
		if st.max <= float64(h) && h > lo {
			return lo, h
		}
	}
	return lo, 10
}

// propertyKeys gives the usual segments one name whatever the platform calls them.
var propertyKeys = map[string]string{
	"distributionchannel":   "channel",
	"distribution channel":  "channel",
	"channel":               "channel",
	"delighted source":      "channel",
	"source":                "channel",
	"device":                "device",
	"device type":           "device",
	"delighted device type": "device",
	"userlanguage":          "language",
	"user language":         "language",
	"q language":            "language",
	"language":              "language",
	"lang":                  "language",
	"locale":                "language",
	"delighted browser":     "browser",
	"browser":               "browser",
	"region":                "region",
	"country":               "country",
	"plan":                  "plan",
	"segment":               "segment",
}

// propertyKey returns the Properties key for a metadata column.
func propertyKey(header string) string {
	if k, ok := propertyKeys[normHeader(header)]; ok {
		return k
	}
	return strings.TrimSpace(header)
}

// segmentWords name columns that are segments rather than questions in a generic CSV.
var segmentWords = []string{"channel", "device", "language", "locale", "region", "country", "city",
	"plan", "segment", "tier", "team", "product", "store", "location", "department", "platform",
	"browser", "os", "source", "market", "brand", "category", "canal", "dispositivo", "idioma",
	"pais", "ulke", "sehir", "kanal", "cihaz", "dil", "bolge"}

// uniqueKeys makes question texts usable as map keys: trimmed, and a repeated one numbered
// ("Comments", "Comments (2)").
type uniqueKeys map[string]int

func (u uniqueKeys) key(text string) string {
	k := strings.TrimSpace(text)
	if k == "" {
		k = "column"
	}
	u[k]++
	if n := u[k]; n > 1 {
		return k + " (" + strconv.Itoa(n) + ")"
	}
	return k
}
