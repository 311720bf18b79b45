package data

import (
	"context"
	"io"
	"time"
)

// Sort is an order of the comment browser's results.
type Sort string

// Sorts. Ties keep the newest first; responses without a score come last in both score
// orders, which compare scores on their own scale (a CSAT 2 of 5 is lower than an NPS 5 of 10).
const (
	SortNewest  Sort = "newest"
	SortOldest  Sort = "oldest"
	SortLowest  Sort = "lowest"
	SortHighest Sort = "highest"
)

// Sorts lists the sorts in the order menus show them.
var Sorts = []Sort{SortNewest, SortOldest, SortLowest, SortHighest}

// FollowUpNone selects, in CommentFilter.FollowUp, responses nobody has set a follow-up on.
const FollowUpNone = "none"

// CommentFilter selects and orders responses for the comment browser, its exports and bulk
// tagging: the global filter plus the screen's own. The zero value of a field means "any".
type CommentFilter struct {
	Filter
	Search   string   // search box text, see ParseSearch
	MinScore *float64 // raw score bounds, inclusive
	MaxScore *float64
	TagsAll  []string // carries every one of these tags
	TagsAny  []string // carries at least one of these tags
	TagsNone []string // carries none of these tags
	HasNote  *bool
	FollowUp string // a FollowUp status, or FollowUpNone
	// WithComment and WithoutComment keep only responses with (or without) a comment;
	// setting both selects nothing.
	WithComment    bool
	WithoutComment bool
	Sort           Sort // "" is SortNewest
}

// Cursor is a position in a sorted result: the sort key, date and id of the last response
// of a page. Pages are fetched by keyset, so each costs the same however deep it is.
type Cursor struct {
	Key     float64
	Created int64
	ID      int64
	// State is the store's own continuation (what it read ahead for the next pages); pass
	// cursors back as they came. A cursor without it still works, a little slower.
	State any
}

// CommentPage is one page of results; Next is nil on the last page.
type CommentPage struct {
	Responses []*Response
	Next      *Cursor
}

// TagRef is a tag on one response, with who put it there (an Origin constant).
type TagRef struct {
	ID     int64
	Name   string
	Color  string
	Origin string
}

// Note is a team note on a response.
type Note struct {
	ID         int64
	ResponseID int64
	Body       string
	CreatedAt  time.Time
}

// CommentDetail is everything the detail pane shows about one response.
type CommentDetail struct {
	Response *Response
	Source   string // the source's name
	Tags     []TagRef
	Notes    []Note
	FollowUp string // a FollowUp status, "" when none was set
}

// CommentService is the comment browser's store.
type CommentService interface {
	// FindComments returns up to limit responses matching f, in f's order, after the cursor
	// (nil for the first page).
	FindComments(ctx context.Context, f CommentFilter, after *Cursor, limit int) (CommentPage, error)
	// CountComments returns how many responses match f.
	CountComments(ctx context.Context, f CommentFilter) (int, error)
	// CommentDetail returns one response with its source, tags, notes and follow-up.
	CommentDetail(ctx context.Context, responseID int64) (*CommentDetail, error)
	// TagMatching puts a tag (origin user) on every response matching f and returns how many
	// were newly tagged.
	TagMatching(ctx context.Context, f CommentFilter, tagID int64) (int, error)
	// UntagMatching removes a tag, whatever its origin, from every response matching f and
	// returns how many lost it.
	UntagMatching(ctx context.Context, f CommentFilter, tagID int64) (int, error)
	// ExportComments writes every response matching f to w as CSV for spreadsheets (see the
	// store for the columns) and returns how many rows it wrote. progress, when not nil, is
	// called now and then with the rows written and the total.
	ExportComments(ctx context.Context, f CommentFilter, w io.Writer, progress func(done, total int)) (int, error)
}

// AnnotationService edits what the team added to a response, beyond NoteService's additions.
type AnnotationService interface {
	UpdateNote(ctx context.Context, noteID int64, body string) error
	DeleteNote(ctx context.Context, noteID int64) error
	// FollowUp returns a response's follow-up status, "" when none was set.
	FollowUp(ctx context.Context, responseID int64) (string, error)
	ClearFollowUp(ctx context.Context, responseID int64) error
}

// TagRule tags responses whose comment matches a search: new ones as they are imported or
// synced, existing ones when the rule is saved. Tags it puts have origin OriginRule.
type TagRule struct {
	ID      int64
	TagID   int64
	Tag     string
	Query   string // in the search box's syntax, with at least one word to look for
	Enabled bool
}

// TagRuleService manages tag rules.
type TagRuleService interface {
	TagRules(ctx context.Context) ([]*TagRule, error)
	// CreateTagRule saves a rule tagging responses with tag (created when absent) and applies
	// it to the responses already stored; it returns the rule and how many it tagged.
	CreateTagRule(ctx context.Context, tag, query string) (*TagRule, int, error)
	// DeleteTagRule removes a rule; the tags it put stay.
	DeleteTagRule(ctx context.Context, id int64) error
}
