package wall

import (
	"strings"
	"time"
	"unicode"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/data/privacy"
)

// Snapshot is everything the panels show, as of the last refresh. Parts that failed to load
// keep their previous value, so a busy database or a missing board file never blanks the
// screen.
type Snapshot struct {
	// Report is the survey type with the most responses over the last Days days, with its
	// previous period, distribution and weekly series; nil while the cache has none.
	Report *data.Report
	Days   int
	// Positive and Negative are the latest comments of each band over the same days, newest
	// first, those short enough to read from across a room first.
	Positive []Comment
	Negative []Comment
	// Board is the board on show; nil when there is none yet. BoardWaiting names what the
	// board panel waits for: a board file or a board name that does not exist yet.
	Board        *Board
	BoardWaiting string

	// Loaded is set once the cache was first read, successfully or not: before that the
	// screen says it is loading rather than waiting for data.
	Loaded bool
	// Updated is when the cache was last read in full; zero before the first good read.
	Updated time.Time
	// Stale is set when the last read of the cache failed: what is shown is from Updated.
	Stale bool
	// Offline is set when the last sync failed (or, without --sync, the last sync recorded in
	// the cache did); DataFrom is then when the data was last current.
	Offline  bool
	DataFrom time.Time
	// Version changes whenever any of the above does.
	Version int
}

// Empty reports whether there is nothing to show yet: no scores in the cache.
func (s *Snapshot) Empty() bool { return s.Report == nil || s.Report.Responses == 0 }

// Comment is a response as the wall shows it. In safe mode Text has emails, phone numbers,
// handles and the respondent's names masked, and Name is empty.
type Comment struct {
	Text       string
	Name       string // the respondent, shown only with safe mode off
	Score      *float64
	SurveyType string
	ScaleMin   int
	ScaleMax   int
	Band       string // the score's band, "" without a score
	Date       time.Time
}

// Board is a feedback board as the wall shows it.
type Board struct {
	Name     string
	Positive []Comment
	Negative []Comment
}

// commentOf turns a response into what the wall may show of it. This is the only way text
// reaches the screen: in safe mode (showPersonal false) the respondent's name and email are
// never returned, and inside the comment the emails, phone numbers, @handles and the
// respondent's names — taken from their name and from their email address — are masked.
func commentOf(r *data.Response, showPersonal bool) Comment {
	c := Comment{SurveyType: r.SurveyType, ScaleMin: r.ScaleMin, ScaleMax: r.ScaleMax, Score: r.Score, Date: r.CreatedAt}
	if r.Score != nil {
		c.Band = metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax).Band(*r.Score)
	}
	if showPersonal {
		c.Text = strings.TrimSpace(r.Comment)
		c.Name = r.RespondentName
		if c.Name == "" {
			c.Name = r.RespondentEmail
		}
		return c
	}
	c.Text = strings.TrimSpace(privacy.MaskText(r.Comment, r.RespondentName, emailName(r.RespondentEmail)))
	return c
}

// emailName returns the words of an email's local part that may be a name:
// "maria.garcia-lopez+cx@example.com" gives "maria garcia lopez cx". Masking a word of it that
// is not a name ("info") costs nothing on a wall; a first name left visible does.
func emailName(email string) string {
	local, _, ok := strings.Cut(email, "@")
	if !ok {
		return ""
	}
	return strings.Join(strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) }), " ")
}

// boardOf turns a board snapshot (from the database or a board file) into what the wall shows.
func boardOf(s *data.BoardSnapshot, showPersonal bool) *Board {
	b := &Board{Name: s.Name}
	for _, c := range s.Cards {
		cm := commentOf(c.Response, showPersonal)
		if c.NameHidden || s.HideNames {
			cm.Name = "" // the board hides it even with safe mode off
		}
		if c.Side == data.SidePositive {
			b.Positive = append(b.Positive, cm)
		} else {
			b.Negative = append(b.Negative, cm)
		}
	}
	return b
}
