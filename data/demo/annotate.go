package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Board selection: cards short enough to read aloud, long enough to say something.
const (
	cardsPerSide  = 5
	cardMinWords  = 10
	cardMaxWords  = 45
	followUpLimit = 400 // recent detractors considered for follow-ups
	// cardNote is the presenter note on the board's first negative card, as a team lead
	// would leave one for whoever reads it aloud.
	cardNote = "Support is calling this customer back this week: say so after reading it."
)

// annotate adds what a CX team would have done after the responses came in: follow-up
// statuses on recent detractors and a board for this week's meeting. (Tags and notes came
// with the responses.) It works on ids the store assigned, so it reads them back.
func annotate(ctx context.Context, store Store, opts Options, ids [numSources]int64, res *Result) error {
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0xa770))
	nps := ids[0]

	det, err := store.FindResponses(ctx, data.ResponseFilter{
		Filter:      data.Filter{SourceID: nps, From: opts.Now.AddDate(0, 0, -60)},
		WithComment: true,
		MaxScore:    data.Float(6),
		Limit:       followUpLimit,
	})
	if err != nil {
		return fmt.Errorf("reading demo detractors for follow-ups: %w", err)
	}
	for _, r := range det {
		// Every detractor someone wrote a note on is being followed up, and some others.
		if len(r.Notes) == 0 && rng.Float64() >= 0.3 {
			continue
		}
		if err := store.SetFollowUp(ctx, r.ID, followUpStatus(rng, opts.Now.Sub(r.CreatedAt))); err != nil {
			return fmt.Errorf("setting the follow-up of demo response %d: %w", r.ID, err)
		}
		res.FollowUps++
	}
	return board(ctx, store, opts, nps, res)
}

// followUpStatus is where the follow-up of a response of the given age stands: recent ones
// are mostly open, old ones mostly closed.
func followUpStatus(rng *rand.Rand, age time.Duration) string {
	var open, contacted float64
	switch days := age.Hours() / 24; {
	case days < 7:
		open, contacted = 0.7, 0.3
	case days < 30:
		open, contacted = 0.3, 0.4
	default:
		open, contacted = 0.05, 0.2
	}
	switch u := rng.Float64(); {
	case u < open:
		return data.FollowUpOpen
	case u < open+contacted:
		return data.FollowUpContacted
	default:
		return data.FollowUpClosed
	}
}

// boardName names the board of the ISO week of now, as teams name their weekly boards.
func boardName(now time.Time) string {
	_, week := now.ISOWeek()
	return fmt.Sprintf("Week %02d", week)
}

// board creates this week's board with a few recent positive and negative comments, in a mix
// of languages, and a presenter note on the first negative one. It leaves an existing board of that name alone, so loading twice does not
// pin twice.
func board(ctx context.Context, store Store, opts Options, nps int64, res *Result) error {
	name := boardName(opts.Now)
	boards, err := store.Boards(ctx)
	if err != nil {
		return fmt.Errorf("listing boards: %w", err)
	}
	for _, b := range boards {
		if b.Name == name {
			return nil
		}
	}
	pos, err := cards(ctx, store, opts.Now, nps, data.ResponseFilter{MinScore: data.Float(9)})
	if err != nil {
		return err
	}
	neg, err := cards(ctx, store, opts.Now, nps, data.ResponseFilter{MaxScore: data.Float(3)})
	if err != nil {
		return err
	}
	if len(pos)+len(neg) == 0 {
		return nil
	}
	b, err := store.CreateBoard(ctx, name)
	if err != nil {
		return fmt.Errorf("creating demo board %q: %w", name, err)
	}
	res.Board = name
	for _, side := range []struct {
		name string
		rs   []*data.Response
	}{{data.SidePositive, pos}, {data.SideNegative, neg}} {
		for _, r := range side.rs {
			if err := store.PinCard(ctx, b.ID, r.ID, side.name); err != nil {
				return fmt.Errorf("pinning demo response %d on board %q: %w", r.ID, name, err)
			}
			res.Cards++
		}
	}
	if len(neg) > 0 {
		if err := store.SetCardNote(ctx, b.ID, neg[0].ID, cardNote); err != nil {
			return fmt.Errorf("writing the note of demo response %d on board %q: %w", neg[0].ID, name, err)
		}
	}
	return nil
}

// cards picks up to cardsPerSide recent NPS comments matching f (a score range), newest
// first, preferring one language after another so the board shows the mix.
func cards(ctx context.Context, store Store, now time.Time, nps int64, f data.ResponseFilter) ([]*data.Response, error) {
	f.SourceID = nps
	f.WithComment = true
	f.Limit = 200
	var rs []*data.Response
	for _, days := range []int{7, 30} {
		f.From = now.AddDate(0, 0, -days)
		var err error
		if rs, err = store.FindResponses(ctx, f); err != nil {
			return nil, fmt.Errorf("reading demo comments for the board: %w", err)
		}
		if len(rs) >= 4*cardsPerSide {
			break
		}
	}
	var fit []*data.Response
	for _, r := range rs {
		if n := countWords([]byte(r.Comment)); n >= cardMinWords && n <= cardMaxWords {
			fit = append(fit, r)
		}
	}
	var picked []*data.Response
	used := map[*data.Response]bool{}
	for _, lang := range []string{"en", "es", "tr", ""} {
		for _, r := range fit {
			if len(picked) == cardsPerSide {
				return picked, nil
			}
			if !used[r] && (lang == "" || r.Properties[PropLanguage] == lang) {
				picked = append(picked, r)
				used[r] = true
				if lang != "" {
					break
				}
			}
		}
	}
	return picked, nil
}
