// Package data holds Verbatim's domain: responses, sources, tags, boards, the filters screens
// share, and the service interfaces the store implements. It uses the standard library only,
// so every other package (store, importers, syncer, UI) can depend on it without cycles.
package data

import "time"

// Survey types. The set is open: an unknown scale is stored as TypeScore and shown as a mean.
const (
	TypeNPS    = "nps"
	TypeENPS   = "enps"
	TypeCSAT   = "csat"
	TypeCES    = "ces"
	TypeStar   = "star"
	TypeSmiley = "smiley"
	TypeThumbs = "thumbs"
	TypePMF    = "pmf"
	TypeScore  = "score"
)

// Source kinds.
const (
	KindFile         = "file"
	KindFolder       = "folder"
	KindQualtrics    = "qualtrics"
	KindTypeform     = "typeform"
	KindSurveyMonkey = "surveymonkey"
	KindDelighted    = "delighted"
	KindDemo         = "demo"
)

// Tag origins: who put a tag on a response.
const (
	OriginUser   = "user"
	OriginRule   = "rule"
	OriginSource = "source"
)

// Follow-up statuses.
const (
	FollowUpOpen      = "open"
	FollowUpContacted = "contacted"
	FollowUpClosed    = "closed"
)

// Board sides.
const (
	SidePositive = "positive"
	SideNegative = "negative"
)

// Response is one survey answer: a score, an optional comment, and what we know about who
// gave it. Scores are stored raw; metrics are computed on read.
type Response struct {
	ID              int64
	SourceID        int64
	ExternalID      string // the platform's id, or a stable content hash when it has none
	Survey          string // survey or form name
	SurveyType      string // one of the Type constants
	ScaleMin        int
	ScaleMax        int
	Score           *float64 // nil when the respondent skipped the score question
	Comment         string
	RespondentEmail string
	RespondentName  string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Permalink       string
	Properties      map[string]string // segments: channel, device, region, plan, language...
	Answers         map[string]string // additional questions, keyed by question text

	// Tags and Notes are what the source itself attached (Delighted archives carry both) when
	// a response is imported, and every tag or note when it is read back from the store.
	Tags  []string
	Notes []string
}

// HasScore reports whether the respondent gave a score.
func (r *Response) HasScore() bool { return r.Score != nil }

// Float returns a pointer to v, for Response.Score literals.
func Float(v float64) *float64 { return &v }

// Source is a place responses come from: a file, a watched folder or a platform API.
type Source struct {
	ID         int64
	Name       string
	Kind       string
	Config     map[string]string // kind-specific settings (url, survey id, path, token env...)
	Cursor     string            // where the next incremental sync starts
	LastSyncAt time.Time
	LastError  string
	CreatedAt  time.Time
	Responses  int // how many responses the cache holds from this source
}

// Tag labels responses with a theme.
type Tag struct {
	ID    int64
	Name  string
	Color string // #rrggbb
	Count int    // responses carrying it, when a query asks for it
}

// Board is a named positive/negative board of pinned comments.
type Board struct {
	ID        int64
	Name      string
	CreatedAt time.Time
	Cards     []*BoardCard
}

// BoardCard is one pinned response on a board side.
type BoardCard struct {
	ResponseID int64
	Side       string
	Position   int
	Note       string // a short presenter note
	PinnedAt   time.Time
	Response   *Response
}

// UpsertResult counts what a bulk write did.
type UpsertResult struct {
	Inserted  int
	Updated   int
	Unchanged int
}

// Add accumulates another result into r.
func (r *UpsertResult) Add(o UpsertResult) {
	r.Inserted += o.Inserted
	r.Updated += o.Updated
	r.Unchanged += o.Unchanged
}

// CacheStats describes the local cache for the status line.
type CacheStats struct {
	Responses  int
	Comments   int
	Sources    int
	LastSyncAt time.Time // zero when nothing was ever synced or imported
	NewInLast  int       // responses added by the last sync run
	LastError  string    // the last sync error, empty when the last run succeeded
	Oldest     time.Time
	Newest     time.Time
}
