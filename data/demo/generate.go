package demo

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

const (
	minWords        = 5
	maxWords        = 60
	permalinkPrefix = "https://example.com/r/"
	idPrefix        = "demo-"
)

// Property keys of the segments every demo response carries.
const (
	PropChannel  = "channel"
	PropRegion   = "region"
	PropPlan     = "plan"
	PropLanguage = "language"
	PropDevice   = "device"
)

// batch is a reusable set of responses: Load hands filled batches to BulkWriter.Write and
// refills them afterwards, so a million responses cost a few thousand structs and maps, not a
// million of each.
type batch struct {
	rows   []data.Response
	scores []float64
	rs     []*data.Response // the filled rows, in order
}

func newBatch(size int, src *source) *batch {
	b := &batch{rows: make([]data.Response, size), scores: make([]float64, size), rs: make([]*data.Response, 0, size)}
	for i := range b.rows {
		r := &b.rows[i]
		r.Score = &b.scores[i]
		r.Properties = make(map[string]string, 5)
		if src.question != "" {
			r.Answers = make(map[string]string, 1)
		}
	}
	return b
}

// generator makes the responses of one source, in time order, from its own random stream:
// the rows of a source depend only on the seed, Now and the number of responses.
type generator struct {
	src      *source
	si       int
	tl       *timeline
	ph       *phrases
	rng      *rand.Rand
	day, i   int // the next response is the i-th of tl.days[day]
	noteRate float64
	batches  []*batch // reused from one window to the next

	buf   []byte // the comment being composed
	words int    // words in buf
	tmp   []byte // ids, e-mail addresses

	comments, tagged, notes int
}

func newGenerator(si int, tl *timeline, ph *phrases, seed int64) *generator {
	g := &generator{
		src: sources[si], si: si, tl: tl, ph: ph,
		rng: rand.New(rand.NewPCG(uint64(seed), uint64(si)+1)),
		buf: make([]byte, 0, 1024), tmp: make([]byte, 0, 128),
	}
	// About a fifth of recent responses are detractors with a comment; aim at ~300 notes in
	// all, whatever the size of the dataset.
	g.noteRate = 0.5
	if tl.recentN > 0 {
		g.noteRate = min(0.5, 300/(0.2*float64(tl.recentN)))
	}
	return g
}

// pending reports whether the source has responses left before day until.
func (g *generator) pending(until int) bool {
	left := 0
	for d := g.day; d < until && left == 0; d++ {
		left = g.tl.days[d].count[g.si]
		if d == g.day {
			left -= g.i
		}
	}
	return left > 0
}

// fill fills b with the next responses before day until; it leaves b.rs empty when there are
// none left.
func (g *generator) fill(b *batch, until int) {
	b.rs = b.rs[:0]
	for len(b.rs) < len(b.rows) && g.day < until {
		dy := &g.tl.days[g.day]
		if g.i >= dy.count[g.si] {
			g.day++
			g.i = 0
			continue
		}
		r := &b.rows[len(b.rs)]
		g.response(r, dy, g.i)
		b.rs = append(b.rs, r)
		g.i++
	}
}

// themeContext is what shifts the themes of one comment.
type themeContext struct {
	dip  float64
	app  bool
	plan *plan
}

func (g *generator) response(r *data.Response, dy *day, i int) {
	rng, src := g.rng, g.src
	r.ID = 0
	r.Survey, r.SurveyType = src.survey, src.surveyType
	r.ScaleMin, r.ScaleMax = src.scale.min, src.scale.max

	// Spread the day's responses evenly over its share of the hourly profile, each jittered
	// within its slot: times come out sorted without sorting.
	q := dy.from + (float64(i)+rng.Float64())/float64(dy.count[g.si])*(dy.to-dy.from)
	r.CreatedAt = dy.start.Add(time.Duration(dayFraction(q) * float64(dy.length))).Truncate(time.Second)
	r.UpdatedAt = r.CreatedAt

	g.tmp = append(append(append(g.tmp[:0], permalinkPrefix...), idPrefix...), "000000"...)
	var num [20]byte
	seq := strconv.AppendInt(num[:0], int64(dy.first[g.si]+i+1), 10)
	if len(seq) >= 6 {
		g.tmp = append(g.tmp[:len(g.tmp)-6], seq...)
	} else {
		copy(g.tmp[len(g.tmp)-len(seq):], seq)
	}
	r.Permalink = string(g.tmp)
	r.ExternalID = r.Permalink[len(permalinkPrefix):]

	reg := regions.pick(rng)
	li := reg.langs.pick(rng)
	l := g.ph.langs[li]
	pl := plans.pick(rng)
	ch := src.channels.pick(rng)
	r.Properties[PropChannel] = ch.name
	r.Properties[PropRegion] = reg.name
	r.Properties[PropPlan] = pl.name
	r.Properties[PropLanguage] = l.code
	r.Properties[PropDevice] = ch.devices.pick(rng)

	pol := g.band(health(src, dy) + reg.effect + pl.effect + ch.effect)
	*r.Score = src.scale.scores[pol].pick(rng)

	r.Comment = ""
	r.Tags = r.Tags[:0]
	r.Notes = r.Notes[:0]
	if rng.Float64() < commentRate[pol] {
		th, th2 := g.comment(l, pol, themeContext{dip: dy.dip, app: ch.app, plan: pl})
		r.Comment = string(g.buf)
		g.comments++
		if th < numThemes && rng.Float64() < 0.3 {
			r.Tags = append(r.Tags, themeNames[th])
			if th2 < numThemes && th2 != th && rng.Float64() < 0.5 {
				r.Tags = append(r.Tags, themeNames[th2])
			}
			g.tagged++
		}
		if pol == negative && !r.CreatedAt.Before(g.tl.recent) && rng.Float64() < g.noteRate {
			r.Notes = g.appendNotes(r.Notes, th)
			g.notes += len(r.Notes)
		}
	}

	g.respondent(r, li, reg)
	if src.question != "" {
		yes := [numPolarities]float64{0.58, 0.58, 0.58}
		if src.surveyType == data.TypeCES {
			yes = [numPolarities]float64{negative: 0.35, neutral: 0.7, positive: 0.92}
		}
		r.Answers[src.question] = "No"
		if rng.Float64() < yes[pol] {
			r.Answers[src.question] = "Yes"
		}
	}
}

// band draws the score band for a respondent whose satisfaction is h NPS points.
func (g *generator) band(h float64) polarity {
	sc := g.src.scale
	pos := min(max(sc.posBase+h*sc.posSlope, 0.02), 1-sc.neutral-0.01)
	switch u := g.rng.Float64(); {
	case u < pos:
		return positive
	case u < pos+sc.neutral:
		return neutral
	default:
		return negative
	}
}

// respondent fills in a name and an e-mail address for most respondents; some answer
// anonymously and a few leave only their address. Names follow the respondent's language,
// or the region's when they answered in English.
func (g *generator) respondent(r *data.Response, li int, reg *region) {
	rng := g.rng
	pool := li
	if li == langEN {
		switch reg.name {
		case "LATAM":
			pool = langES
		case "Türkiye":
			pool = langTR
		}
	}
	l := g.ph.langs[pool]
	fi, la := rng.IntN(len(l.first)), rng.IntN(len(l.last))
	r.RespondentName, r.RespondentEmail = "", ""
	u := rng.Float64()
	if u < 0.88 {
		r.RespondentName = l.first[fi] + " " + l.last[la]
	}
	if u >= 0.92 || rng.Float64() < 0.05 {
		return
	}
	b := g.tmp[:0]
	switch k := rng.IntN(10); {
	case k < 5:
		b = append(append(append(b, l.mailFirst[fi]...), '.'), l.mailLast[la]...)
	case k < 6:
		b = append(append(b, l.mailFirst[fi]...), l.mailLast[la]...)
	case k < 8:
		b = append(append(append(b, l.mailFirst[fi][0]), '.'), l.mailLast[la]...)
	default:
		b = strconv.AppendInt(append(b, l.mailFirst[fi]...), int64(10+rng.IntN(90)), 10)
	}
	b = append(append(b, '@'), mailDomains.pick(rng)...)
	r.RespondentEmail = string(b)
	g.tmp = b
}

// theme draws what a comment of tone pol is about.
func (g *generator) theme(pol polarity, c themeContext) theme {
	// During the incident billing crowds out everything else among the unhappy.
	incident := [numPolarities]float64{negative: 90, neutral: 25}
	var w [numThemes]float64
	total := 0.0
	for th := range numThemes {
		x := themeWeights[pol][th]
		switch th {
		case mobile:
			if c.app {
				x *= 3
			}
		case pricing:
			x *= c.plan.pricing
		case support:
			x *= c.plan.support
		case billing:
			x += incident[pol] * c.dip
		}
		x *= g.src.themeBoost[th]
		w[th] = x
		total += x
	}
	u := g.rng.Float64() * total
	for th := range numThemes {
		if u -= w[th]; u < 0 && w[th] > 0 {
			return th
		}
	}
	return features
}

// comment composes a comment in g.buf: a few whole sentences of the respondent's language,
// an opener and a closer of the right tone around one or two themes, sometimes one short
// line on its own. It returns the main and second themes (numThemes when there is none).
func (g *generator) comment(l *language, pol polarity, c themeContext) (theme, theme) {
	rng := g.rng
	g.buf, g.words = g.buf[:0], 0
	th, th2 := numThemes, numThemes
	if rng.Float64() < 0.12 {
		g.sentence(l, l.short[pol], -1)
	} else {
		if rng.Float64() < 0.45 {
			g.sentence(l, l.open[pol], -1)
		}
		if pol == neutral && rng.Float64() < 0.35 {
			// Passives often say what they like before what holds them back.
			th2 = g.theme(positive, c)
			g.sentence(l, l.themes[th2][positive], -1)
		}
		th = g.theme(pol, c)
		list := l.themes[th][pol]
		if th == billing && pol == negative && c.dip > 0 && rng.Float64() < 0.8 {
			list = l.billingIncident
		}
		j := g.sentence(l, list, -1)
		if rng.Float64() < 0.4 {
			g.sentence(l, list, j)
		}
		extra := 0
		if rng.Float64() < 0.25 {
			extra = 1
		}
		if pol == negative && rng.Float64() < 0.12 {
			extra += 2 // a rant
		}
		for range extra {
			if t := g.theme(pol, c); t != th {
				th2 = t
				g.sentence(l, l.themes[t][pol], -1)
			}
		}
		if rng.Float64() < 0.3 {
			g.sentence(l, l.close[pol], -1)
		}
	}
	for g.words < minWords {
		g.sentence(l, l.close[pol], -1)
	}

	switch u := rng.Float64(); {
	case u < 0.025:
		e := g.ph.emoji[pol]
		g.buf = append(append(g.buf, ' '), e[rng.IntN(len(e))]...)
	case u < 0.08 && l.code != "tr":
		// Some people type in lower case. Turkish is left alone: its I/ı and İ/i pairs
		// do not lower-case byte by byte.
		for k, ch := range g.buf {
			if 'A' <= ch && ch <= 'Z' {
				g.buf[k] = ch + 'a' - 'A'
			}
		}
	case u < 0.16 && g.buf[len(g.buf)-1] == '.':
		g.buf = g.buf[:len(g.buf)-1]
	}
	return th, th2
}

// sentence appends a random sentence of list to the comment, other than the one at index
// not, unless it would take the comment past maxWords. It returns the index it used, or
// -1 when it appended nothing.
func (g *generator) sentence(l *language, list []template, not int) int {
	if len(list) == 0 || not >= 0 && len(list) == 1 {
		return -1
	}
	j := g.rng.IntN(len(list))
	if not >= 0 && j == not {
		j = (j + 1 + g.rng.IntN(len(list)-1)) % len(list)
	}
	mark := len(g.buf)
	if mark > 0 {
		g.buf = append(g.buf, ' ')
	}
	t := &list[j]
	g.buf = append(g.buf, t.lits[0]...)
	for k, s := range t.slots {
		vals := l.slots[s]
		g.buf = append(g.buf, vals[g.rng.IntN(len(vals))]...)
		g.buf = append(g.buf, t.lits[k+1]...)
	}
	n := countWords(g.buf[mark:])
	if g.words+n > maxWords {
		g.buf = g.buf[:mark]
		return -1
	}
	g.words += n
	return j
}

// appendNotes adds what the CX team wrote on a detractor's comment about th: one note, and
// sometimes a second one after the customer answered.
func (g *generator) appendNotes(notes []string, th theme) []string {
	n := &g.ph.notes
	list := n.any
	if th < numThemes && g.rng.Float64() < 0.65 {
		list = n.byTheme[th]
	}
	notes = append(notes, g.note(list))
	if g.rng.Float64() < 0.35 {
		notes = append(notes, g.note(n.reply))
	}
	return notes
}

func (g *generator) note(list []template) string {
	t := &list[g.rng.IntN(len(list))]
	b := append(g.tmp[:0], t.lits[0]...)
	for k := range t.slots {
		b = strconv.AppendInt(b, int64(1000+g.rng.IntN(90000)), 10)
		b = append(b, t.lits[k+1]...)
	}
	g.tmp = b
	return string(b)
}

// countWords counts runs of non-space bytes.
func countWords(b []byte) int {
	n, in := 0, false
	for _, c := range b {
		if c == ' ' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
