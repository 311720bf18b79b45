package data

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// BoardEditor is everything the Boards screen, meeting mode and `verbatim board` need beyond
// BoardService: editing boards and cards, who may be named, suggestions for filling a board,
// and self-contained copies of a board for board files.
type BoardEditor interface {
	BoardService
	// BoardByName returns the board called name with its cards, or an ENOTFOUND error.
	BoardByName(ctx context.Context, name string) (*Board, error)
	RenameBoard(ctx context.Context, id int64, name string) error
	// DeleteBoard removes a board and its cards; the responses stay.
	DeleteBoard(ctx context.Context, id int64) error

	// UnpinCard takes a response off a board.
	UnpinCard(ctx context.Context, boardID, responseID int64) error
	// MoveCard puts a card at index (0-based, clamped) of side, counted after the card has
	// left its old place; moving within a side reorders it. Positions persist.
	MoveCard(ctx context.Context, boardID, responseID int64, side string, index int) error
	// SetCardNote sets the short presenter note of a card ("" removes it).
	SetCardNote(ctx context.Context, boardID, responseID int64, note string) error

	// BoardPrivacy says whose names a board hides.
	BoardPrivacy(ctx context.Context, boardID int64) (BoardPrivacy, error)
	SetBoardNamesHidden(ctx context.Context, boardID int64, hidden bool) error
	SetCardNameHidden(ctx context.Context, boardID, responseID int64, hidden bool) error

	// SuggestCards proposes cards for a board: see SuggestQuery.
	SuggestCards(ctx context.Context, q SuggestQuery) ([]*Suggestion, error)

	// BoardSnapshot returns a self-contained copy of a board, names hidden as the board says.
	BoardSnapshot(ctx context.Context, boardID int64) (*BoardSnapshot, error)
	// ImportBoard recreates a board from a snapshot; see BoardImport.
	ImportBoard(ctx context.Context, s *BoardSnapshot) (*BoardImport, error)
}

// MaxNoteLength is the longest presenter note, in characters: a reminder, not an essay.
const MaxNoteLength = 280

// BoardPrivacy is which respondents' names a board hides.
type BoardPrivacy struct {
	HideNames   bool           // the whole board hides names
	HiddenNames map[int64]bool // response ids whose card hides the name
}

// NameHidden reports whether the card of a response hides its respondent's name.
func (p BoardPrivacy) NameHidden(responseID int64) bool {
	return p.HideNames || p.HiddenNames[responseID]
}

// SuggestQuery asks for candidates to fill a board: for the period and filters of Filter,
// the highest-scoring (positive side) and lowest-scoring (negative side) responses whose
// comments are substantive (long enough to say something, short enough to read aloud), that
// are not near-duplicates of each other or of the board's cards, and that are on no board
// yet; balanced across sources and one segment by taking them in turn from each group.
type SuggestQuery struct {
	Filter
	BoardID   int64  // the board being filled
	PerSide   int    // candidates per side; 0 means DefaultSuggestions
	BalanceBy string // the segment (property key) to balance besides the source; "" means "channel"
}

// DefaultSuggestions is how many candidates per side SuggestCards proposes by default.
const DefaultSuggestions = 8

// Suggestion is one candidate card.
type Suggestion struct {
	Side     string
	Response *Response
	Group    string // the source and segment value it was balanced as, e.g. "NPS · web"
}

// BoardSnapshot is a self-contained copy of a board: each card carries its response and the
// name of its source, so the board can be shown, and imported, where that source is unknown.
// It is what a board file holds.
type BoardSnapshot struct {
	Name      string
	CreatedAt time.Time
	HideNames bool
	Cards     []*SnapshotCard // positive side first, each side in position order
}

// SnapshotCard is one card of a BoardSnapshot. Its Response has the fields a card shows:
// ExternalID, Survey, SurveyType, ScaleMin, ScaleMax, Score, Comment, CreatedAt and
// RespondentName (empty when the card or the board hides it). No email, no segments.
type SnapshotCard struct {
	Side       string
	Note       string
	NameHidden bool
	PinnedAt   time.Time
	Source     string // the name of the response's source
	Response   *Response
}

// BoardImport is what importing a board snapshot did. Cards whose response is already in the
// cache (same source name and external id) are pinned as they are; the others are written to
// that source, created with kind "file" when absent, so importing again adds nothing. A board
// of the same name is replaced: the snapshot is the board's truth.
type BoardImport struct {
	Board        *Board
	Replaced     bool // a board of that name existed and now matches the snapshot
	NewResponses int  // responses added to the cache for cards it did not hold
}

// Validate checks that a snapshot can be shown and imported whole: a name, dates, and cards
// whose side, source, response id, survey type, dates, scale, score and note make sense, each
// response once. The error names the first card at fault the way a reader sees it
// ("negative card 2").
func (s *BoardSnapshot) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return Errorf(EINVALID, "the board has no name")
	}
	if s.CreatedAt.IsZero() {
		return Errorf(EINVALID, "board %q has no creation date", s.Name)
	}
	seen := map[[2]string]string{}
	perSide := map[string]int{}
	for i, c := range s.Cards {
		if c == nil || c.Response == nil {
			return Errorf(EINVALID, "board %q: card %d is empty", s.Name, i+1)
		}
		perSide[c.Side]++
		where := fmt.Sprintf("board %q: %s card %d", s.Name, c.Side, perSide[c.Side])
		r := c.Response
		switch {
		case c.Side != SidePositive && c.Side != SideNegative:
			return Errorf(EINVALID, "board %q: card %d is on side %q, not positive or negative", s.Name, i+1, c.Side)
		case strings.TrimSpace(c.Source) == "":
			return Errorf(EINVALID, "%s has no source name", where)
		case r.ExternalID == "":
			return Errorf(EINVALID, "%s has no response id", where)
		case r.SurveyType == "":
			return Errorf(EINVALID, "%s has no survey type", where)
		case r.CreatedAt.IsZero():
			return Errorf(EINVALID, "%s has no date", where)
		case c.PinnedAt.IsZero():
			return Errorf(EINVALID, "%s has no pinning date", where)
		case r.ScaleMax < r.ScaleMin:
			return Errorf(EINVALID, "%s has a scale from %d to %d, which runs backwards", where, r.ScaleMin, r.ScaleMax)
		case r.Score != nil && (math.IsNaN(*r.Score) || math.IsInf(*r.Score, 0)):
			return Errorf(EINVALID, "%s has an invalid score", where)
		case utf8.RuneCountInString(strings.TrimSpace(c.Note)) > MaxNoteLength:
			return Errorf(EINVALID, "%s has a presenter note longer than %d characters", where, MaxNoteLength)
		}
		key := [2]string{c.Source, r.ExternalID}
		if first, dup := seen[key]; dup {
			return Errorf(EINVALID, "%s repeats the %s (response %s of %q)", where, first, r.ExternalID, c.Source)
		}
		seen[key] = fmt.Sprintf("%s card %d", c.Side, perSide[c.Side])
	}
	return nil
}
