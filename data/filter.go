package data

import (
	"context"
	"time"
)

// Score bands: the three groups every rule sorts a score into (promoters / passives /
// detractors for NPS, satisfied / neutral / dissatisfied for CSAT, and so on).
const (
	BandPositive = "positive"
	BandNeutral  = "neutral"
	BandNegative = "negative"
)

// Filter is the global filter every screen reads: the zero value of a field means "any".
type Filter struct {
	From         time.Time // inclusive
	To           time.Time // exclusive
	SurveyType   string
	SourceID     int64
	SegmentKey   string // with SegmentValue: only responses whose property Key equals Value
	SegmentValue string
	Tag          string // only responses carrying this tag
	Band         string // only responses in this score band (needs SurveyType)
}

// Granularity is the size of a time bucket.
type Granularity string

// Time bucket sizes, in the user's local time zone; weeks are ISO weeks starting on Monday.
const (
	ByDay     Granularity = "day"
	ByWeek    Granularity = "week"
	ByMonth   Granularity = "month"
	ByQuarter Granularity = "quarter"
)

// ReportQuery asks for scores: the filter, the trend bucket size and an optional segment key
// to break the score down by.
type ReportQuery struct {
	Filter
	By      Granularity // "" picks one from the date range
	Segment string      // property key (or "source") to break down by
}

// ValueCount is how many responses gave one scale value.
type ValueCount struct {
	Value float64 `json:"value"`
	Count int     `json:"count"`
}

// Summary is a score and its parts for one group of responses.
type Summary struct {
	Responses  int     `json:"responses"`
	Score      float64 `json:"score"`
	Promoters  int     `json:"promoters"`
	Passives   int     `json:"passives"`
	Detractors int     `json:"detractors"`
	Margin     float64 `json:"margin"`
	Mean       float64 `json:"mean"`
}

// SeriesPoint is one time bucket of a trend.
type SeriesPoint struct {
	Start     time.Time `json:"start"`
	Responses int       `json:"responses"`
	Score     float64   `json:"score"`
	Margin    float64   `json:"margin"`
}

// SegmentScore is the score of one value of a segment.
type SegmentScore struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Summary
}

// Report is everything the dashboard and `verbatim report` show for one survey type.
type Report struct {
	SurveyType string `json:"survey_type"`
	ScaleMin   int    `json:"scale_min"`
	ScaleMax   int    `json:"scale_max"`
	Summary
	From         time.Time      `json:"from"`
	To           time.Time      `json:"to"`
	By           Granularity    `json:"by"`
	Previous     *Summary       `json:"previous,omitempty"` // the period of equal length before From
	Distribution []ValueCount   `json:"distribution"`
	Series       []SeriesPoint  `json:"series"`
	Segments     []SegmentScore `json:"segments,omitempty"`
}

// ResponseFilter selects responses for the comment browser and exports. Results come newest
// first (by id, which follows import order) and are paged by keyset: pass the last ID seen as
// BeforeID to get the next page.
type ResponseFilter struct {
	Filter
	Query       string // full-text search in the search syntax of the Comments screen
	WithComment bool
	MinScore    *float64
	MaxScore    *float64
	BeforeID    int64
	Limit       int
}

// ResponseService reads and writes survey responses.
type ResponseService interface {
	// FindResponses returns one page of responses matching f.
	FindResponses(ctx context.Context, f ResponseFilter) ([]*Response, error)
	// CountResponses returns how many responses match f in all.
	CountResponses(ctx context.Context, f ResponseFilter) (int, error)
	// BeginBulk starts a bulk write for one source; see BulkWriter.
	BeginBulk(ctx context.Context, sourceID int64) (BulkWriter, error)
}

// BulkWriter writes many responses of one source in a single transaction: either everything
// written lands at Commit, or nothing does. Upserts match on (source, external id); an update
// changes only what came from the source and never touches local tags, notes, follow-ups or
// board cards.
type BulkWriter interface {
	Write(ctx context.Context, rs []*Response) (UpsertResult, error)
	// SetCursor records the source's sync cursor; it is saved in the same transaction.
	SetCursor(cursor string)
	Commit() error
	Rollback() error
}

// ReportService computes scores.
type ReportService interface {
	// Reports returns one report per survey type matching q (only q.SurveyType when set),
	// the type with the most responses first.
	Reports(ctx context.Context, q ReportQuery) ([]*Report, error)
	// SegmentKeys lists the property keys responses carry, for segment pickers.
	SegmentKeys(ctx context.Context) ([]string, error)
	// SegmentValues lists the values one key takes.
	SegmentValues(ctx context.Context, key string) ([]string, error)
}

// SourceService manages sources.
type SourceService interface {
	Sources(ctx context.Context) ([]*Source, error)
	SourceByName(ctx context.Context, name string) (*Source, error)
	CreateSource(ctx context.Context, s *Source) error
	UpdateSource(ctx context.Context, s *Source) error
	DeleteSource(ctx context.Context, id int64) error
	// EnsureSource returns the source called name, creating it with kind when absent.
	EnsureSource(ctx context.Context, name, kind string) (*Source, error)
}

// StatsService describes the cache for the status line.
type StatsService interface {
	CacheStats(ctx context.Context) (CacheStats, error)
}
