package data

import "context"

// Theme is a tag seen through the scores of the responses carrying it: how many (volume) and
// how much they hurt (pain), so a rare issue that hurts a lot stands out beside a frequent one.
type Theme struct {
	Tag       string  `json:"tag"`
	Color     string  `json:"color"`
	Responses int     `json:"responses"` // volume: scored responses with the tag
	Share     float64 `json:"share"`     // volume as a fraction of all scored responses in the filter
	Score     float64 `json:"score"`     // the survey score of the tagged responses
	Gap       float64 `json:"gap"`       // Score minus the overall score: negative hurts
	Pain      float64 `json:"pain"`      // fraction of tagged responses in the negative band
	Priority  float64 `json:"priority"`  // Pain × log2(1 + Responses): the rank order
}

// Word is a term over-represented in detractors' comments compared with promoters'.
type Word struct {
	Word       string  `json:"word"`
	Detractors int     `json:"detractors"` // detractor comments using the word
	Promoters  int     `json:"promoters"`  // promoter comments using the word
	Z          float64 `json:"z"`          // log-odds ratio z-score: how sure we are it sets detractors apart
}

// ThemeService ranks what customers talk about.
type ThemeService interface {
	// Themes ranks the tags of responses of one survey type matching f, most painful first.
	Themes(ctx context.Context, f Filter) ([]Theme, error)
	// DetractorWords lists up to limit words that set detractors' comments apart.
	DetractorWords(ctx context.Context, f Filter, limit int) ([]Word, error)
}
