package demo

import (
	"math/rand/v2"

	"github.com/verbatim-app/verbatim/data"
)

// weighted picks one of a few values with fixed relative weights.
type weighted[T any] struct {
	values []T
	cum    []uint32 // running totals of the weights
}

// option is one value of a weighted choice.
type option[T any] struct {
	v T
	w uint32
}

func choose[T any](opts ...option[T]) weighted[T] {
	var w weighted[T]
	var total uint32
	for _, o := range opts {
		total += o.w
		w.values = append(w.values, o.v)
		w.cum = append(w.cum, total)
	}
	return w
}

func (w *weighted[T]) pick(r *rand.Rand) T {
	x := r.Uint32N(w.cum[len(w.cum)-1])
	for i, c := range w.cum {
		if x < c {
			return w.values[i]
		}
	}
	return w.values[len(w.values)-1]
}

// Segment values and how each shifts the score, in NPS points (other scales scale it down).
// The effects are modest and plausible: enterprise customers get an account manager, free
// users complain about limits, the Android app has been the weak one.

type region struct {
	name   string
	effect float64
	langs  weighted[int]
}

var regions = choose(
	option[*region]{&region{"North America", 2, choose(option[int]{langEN, 88}, option[int]{langES, 12})}, 34},
	option[*region]{&region{"Europe", 0, choose(option[int]{langEN, 84}, option[int]{langES, 12}, option[int]{langTR, 4})}, 27},
	option[*region]{&region{"LATAM", 5, choose(option[int]{langES, 91}, option[int]{langEN, 9})}, 17},
	option[*region]{&region{"Türkiye", -2, choose(option[int]{langTR, 88}, option[int]{langEN, 12})}, 11},
	option[*region]{&region{"APAC", -3, choose(option[int]{langEN, 1})}, 11},
)

type plan struct {
	name    string
	effect  float64
	pricing float64 // how much more often pricing comes up
	support float64 // how much more often support comes up
}

var plans = choose(
	option[*plan]{&plan{"Free", -7, 1.8, 0.8}, 46},
	option[*plan]{&plan{"Pro", 1, 1, 1}, 40},
	option[*plan]{&plan{"Enterprise", 8, 0.7, 1.3}, 14},
)

type channel struct {
	name    string
	effect  float64
	app     bool // a mobile app: mobile comments are more likely
	devices weighted[string]
}

var (
	desktopDevices = choose(
		option[string]{"Windows", 46}, option[string]{"Mac", 32}, option[string]{"iPhone", 9},
		option[string]{"Android phone", 8}, option[string]{"Linux", 3}, option[string]{"Chromebook", 2},
	)
	chWeb     = &channel{"web", 1, false, desktopDevices}
	chEmail   = &channel{"email", 0, false, choose(option[string]{"Windows", 38}, option[string]{"Mac", 26}, option[string]{"iPhone", 19}, option[string]{"Android phone", 15}, option[string]{"iPad", 2})}
	chIOS     = &channel{"iOS", 3, true, choose(option[string]{"iPhone", 86}, option[string]{"iPad", 14})}
	chAndroid = &channel{"Android", -6, true, choose(option[string]{"Android phone", 91}, option[string]{"Android tablet", 9})}
)

// scale says how a survey type's score bands are filled: the share of the positive band is
// posBase + health*posSlope, the neutral band has a fixed share, and each band spreads over
// its scale values with the weights in scores.
type scale struct {
	min, max int
	posBase  float64
	posSlope float64
	neutral  float64
	scores   [numPolarities]weighted[float64]
}

var (
	npsScale = &scale{0, 10, 0.36, 1.0 / 200, 0.28, [numPolarities]weighted[float64]{
		choose(option[float64]{0, 5}, option[float64]{1, 3}, option[float64]{2, 4}, option[float64]{3, 6}, option[float64]{4, 8}, option[float64]{5, 16}, option[float64]{6, 22}),
		choose(option[float64]{7, 45}, option[float64]{8, 55}),
		choose(option[float64]{9, 42}, option[float64]{10, 58}),
	}}
	csatScale = &scale{1, 5, 0.70, 1.0 / 250, 0.09, [numPolarities]weighted[float64]{
		choose(option[float64]{1, 45}, option[float64]{2, 55}),
		choose(option[float64]{3, 1}),
		choose(option[float64]{4, 45}, option[float64]{5, 55}),
	}}
	cesScale = &scale{1, 7, 0.60, 1.0 / 250, 0.12, [numPolarities]weighted[float64]{
		choose(option[float64]{1, 20}, option[float64]{2, 35}, option[float64]{3, 45}),
		choose(option[float64]{4, 1}),
		choose(option[float64]{5, 30}, option[float64]{6, 40}, option[float64]{7, 30}),
	}}
)

// source describes one demo source: its survey, its share of the responses, its rhythm and
// how much the billing incident hits it.
type source struct {
	name, survey, surveyType string
	scale                    *scale
	share                    float64
	offset                   float64 // health relative to the relationship NPS, in NPS points
	dipDepth                 float64 // health lost at the incident's peak, in NPS points
	weekend                  float64 // Saturday and Sunday volume relative to a weekday
	incidentVolume           float64 // extra volume at the incident's peak (support tickets pile up)
	channels                 weighted[*channel]
	themeBoost               [numThemes]float64
	question                 string // an extra yes/no question, "" for none
}

// sources are generated in this order; their shares add up to 1.
var sources = [...]*source{
	{
		name: "Qualtrics relationship NPS", survey: "Relationship NPS", surveyType: data.TypeNPS,
		scale: npsScale, share: 0.70, dipDepth: 28, weekend: 0.55,
		channels:   choose(option[*channel]{chEmail, 55}, option[*channel]{chWeb, 25}, option[*channel]{chIOS, 11}, option[*channel]{chAndroid, 9}),
		themeBoost: boosts(nil),
		question:   "May we contact you about your feedback?",
	},
	{
		name: "In-app CSAT", survey: "In-app satisfaction", surveyType: data.TypeCSAT,
		scale: csatScale, share: 0.20, offset: 5, dipDepth: 12, weekend: 0.35,
		channels:   choose(option[*channel]{chWeb, 52}, option[*channel]{chIOS, 26}, option[*channel]{chAndroid, 22}),
		themeBoost: boosts(map[theme]float64{billing: 0.4, support: 0.5, features: 1.5, ux: 1.5, bugs: 1.5, speed: 1.3, pricing: 0.6}),
	},
	{
		name: "Support CES", survey: "Support ticket effort", surveyType: data.TypeCES,
		scale: cesScale, share: 0.10, dipDepth: 20, weekend: 0.3, incidentVolume: 0.8,
		channels:   choose(option[*channel]{chEmail, 62}, option[*channel]{chWeb, 38}),
		themeBoost: boosts(map[theme]float64{praise: 0.2, support: 10, billing: 2, bugs: 1.2, speed: 0.4, mobile: 0.4, pricing: 0.4, features: 0.4, ux: 0.4}),
		question:   "Was your issue resolved?",
	},
}

const numSources = len(sources)

func boosts(m map[theme]float64) [numThemes]float64 {
	var b [numThemes]float64
	for th := range numThemes {
		b[th] = 1
		if v, ok := m[th]; ok {
			b[th] = v
		}
	}
	return b
}

// themeWeights is how often each theme comes up in a comment of each tone, before the source,
// the segment and the incident shift it.
var themeWeights = [numPolarities][numThemes]float64{
	//        praise billing onboarding speed support bugs mobile pricing features ux
	negative: {0, 12, 8, 12, 16, 16, 9, 12, 8, 7},
	neutral:  {6, 5, 7, 10, 8, 6, 8, 18, 24, 14},
	positive: {34, 4, 8, 10, 10, 2, 6, 6, 12, 10},
}

// commentRate is the share of responses with a comment, by tone: unhappy people write more.
var commentRate = [numPolarities]float64{negative: 0.80, neutral: 0.55, positive: 0.65}

// mailDomains are reserved example domains (RFC 2606 and 6761), so that no demo address can
// belong to a real person.
var mailDomains = choose(
	option[string]{"example.com", 30}, option[string]{"example.org", 15}, option[string]{"example.net", 15},
	option[string]{"acme.example", 12}, option[string]{"globex.example", 10}, option[string]{"initech.example", 10},
	option[string]{"umbrella.example", 8},
)
