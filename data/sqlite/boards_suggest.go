package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/verbatim-app/verbatim/data"
)

// What makes a comment worth reading aloud: enough words to say something, few enough to
// read in well under a minute. The SQL prefilter uses characters, the final check words.
const (
	suggestMinChars = 40
	suggestMaxChars = 700
	suggestMinWords = 8
	suggestMaxWords = 90
	// suggestMaxPerSide bounds a request, so a typo in --per-side cannot scan forever.
	suggestMaxPerSide = 50
	// suggestDepth is how many ranked candidates each group offers per wanted card; the rest
	// of a deep group would only be read if most of its best were near-duplicates.
	suggestDepth = 4
	// nearDuplicate is the overlap of two comments' word sets (Jaccard) from which they count
	// as the same thing said twice: demo data and real surveys alike repeat stock phrases.
	nearDuplicate = 0.6
)

// SuggestCards proposes cards for a board. Each side's candidates are ranked inside groups
// (one per source and value of the balance segment) by how far up (or down) their own scale
// the score is, then by how much the comment says; the groups then take turns, so one busy
// source or channel cannot fill the board alone. The result alternates sides, positive first.
func (db *DB) SuggestCards(ctx context.Context, q data.SuggestQuery) ([]*data.Suggestion, error) {
	per := q.PerSide
	if per <= 0 {
		per = data.DefaultSuggestions
	}
	per = min(per, suggestMaxPerSide)
	balance := q.BalanceBy
	if balance == "" {
		balance = "channel"
	}
	names, err := db.sourceNamesByID(ctx)
	if err != nil {
		return nil, err
	}
	var seen []wordSet
	if q.BoardID != 0 {
		b, err := db.Board(ctx, q.BoardID)
		if err != nil {
			return nil, err
		}
		for _, c := range b.Cards {
			seen = append(seen, newWordSet(c.Response.Comment))
		}
	}
	var sides [2][]*data.Suggestion
	for i, side := range []string{data.SidePositive, data.SideNegative} {
		groups, err := db.suggestionGroups(ctx, q.Filter, side, balance, per*suggestDepth, names)
		if err != nil {
			return nil, err
		}
		sides[i] = takeInTurn(groups, side, per, &seen)
	}
	out := make([]*data.Suggestion, 0, len(sides[0])+len(sides[1]))
	for i := 0; i < max(len(sides[0]), len(sides[1])); i++ {
		for _, s := range sides {
			if i < len(s) {
				out = append(out, s[i])
			}
		}
	}
	return out, nil
}

// suggestionGroup is one source × segment value's candidates, best first.
type suggestionGroup struct {
	label      string
	candidates []*data.Response
	next       int
}

// suggestionGroups reads up to depth ranked candidates per group for one side. A window
// function ranks inside each group, so a small group is represented even when a big one
// has hundreds of better-scored comments.
func (db *DB) suggestionGroups(ctx context.Context, f data.Filter, side, balance string, depth int, names map[int64]string) ([]*suggestionGroup, error) {
	f.Band = "" // the side decides the band
	where, args := filterWhere(f)
	band := data.BandPositive
	direction := "DESC"
	if side == data.SideNegative {
		band, direction = data.BandNegative, "ASC"
	}
	bandSQL, bandArgs := bandWhere(band)
	where = append(where, "r.score IS NOT NULL", "length(r.comment) BETWEEN ? AND ?", bandSQL,
		"NOT EXISTS (SELECT 1 FROM board_cards c WHERE c.response_id = r.id)")
	args = append(append(args, suggestMinChars, suggestMaxChars), bandArgs...)
	// Scores compared on their own scale: a 5 of 5 is as high as a 10 of 10.
	norm := "(CASE WHEN r.scale_max > r.scale_min THEN (r.score - r.scale_min) * 1.0 / (r.scale_max - r.scale_min) ELSE 0.5 END)"
	seg := "coalesce(json_extract(r.properties, ?), '')"
	query := `WITH ranked AS (
		SELECT r.id, ` + seg + ` AS seg, row_number() OVER (PARTITION BY r.source_id, ` + seg + `
			ORDER BY ` + norm + ` ` + direction + `, min(length(r.comment), 300) DESC, r.id DESC) AS rn
		FROM responses r` + joinWhere(where) + `)
	SELECT ranked.seg, ` + responseColumns + `
	FROM ranked JOIN responses r ON r.id = ranked.id WHERE ranked.rn <= ?
	ORDER BY r.source_id, ranked.seg, ranked.rn`
	path := jsonPath(balance)
	all := append([]any{path, path}, args...)
	rows, err := db.db.QueryContext(ctx, query, append(all, depth)...)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("find %s candidates for a board: %w", side, err))
	}
	defer rows.Close()
	var groups []*suggestionGroup
	var last *suggestionGroup
	for rows.Next() {
		var segValue string
		r, err := scanResponse(prefixScanner{rows, []any{&segValue}})
		if err != nil {
			return nil, err
		}
		label := names[r.SourceID]
		if segValue != "" {
			label += " · " + segValue
		}
		if last == nil || last.label != label {
			last = &suggestionGroup{label: label}
			groups = append(groups, last)
		}
		last.candidates = append(last.candidates, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The group with the most extreme best score goes first in every turn.
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := normScore(groups[i].candidates[0]), normScore(groups[j].candidates[0])
		if side == data.SideNegative {
			return a < b
		}
		return a > b
	})
	return groups, nil
}

// takeInTurn lets each group give its next acceptable candidate in turn until per are taken
// or every group is exhausted. seen collects the word sets of everything taken so far.
func takeInTurn(groups []*suggestionGroup, side string, per int, seen *[]wordSet) []*data.Suggestion {
	var out []*data.Suggestion
	for len(out) < per {
		progress := false
		for _, g := range groups {
			if len(out) == per {
				break
			}
			for g.next < len(g.candidates) {
				r := g.candidates[g.next]
				g.next++
				words := newWordSet(r.Comment)
				if words.count < suggestMinWords || words.count > suggestMaxWords || words.duplicates(*seen) {
					continue
				}
				*seen = append(*seen, words)
				out = append(out, &data.Suggestion{Side: side, Response: r, Group: g.label})
				progress = true
				break
			}
		}
		if !progress {
			break
		}
	}
	return out
}

func normScore(r *data.Response) float64 {
	if r.ScaleMax <= r.ScaleMin {
		return 0.5
	}
	return (*r.Score - float64(r.ScaleMin)) / float64(r.ScaleMax-r.ScaleMin)
}

// wordSet is a comment's distinct words (of three letters or more, lower case) and its
// word count.
type wordSet struct {
	words map[string]struct{}
	count int
}

func newWordSet(text string) wordSet {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	s := wordSet{words: make(map[string]struct{}, len(fields)), count: len(fields)}
	for _, w := range fields {
		if len([]rune(w)) >= 3 {
			s.words[w] = struct{}{}
		}
	}
	return s
}

// duplicates reports whether s says nearly the same as any of others.
func (s wordSet) duplicates(others []wordSet) bool {
	for _, o := range others {
		if s.similarity(o) >= nearDuplicate {
			return true
		}
	}
	return false
}

// similarity is the Jaccard index of two word sets: shared words over all words.
func (s wordSet) similarity(o wordSet) float64 {
	if len(s.words) == 0 || len(o.words) == 0 {
		return 0
	}
	shared := 0
	for w := range s.words {
		if _, ok := o.words[w]; ok {
			shared++
		}
	}
	return float64(shared) / float64(len(s.words)+len(o.words)-shared)
}

// sourceNamesByID maps source ids to names.
func (db *DB) sourceNamesByID(ctx context.Context) (map[int64]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id, name FROM sources")
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("list sources: %w", err))
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}
