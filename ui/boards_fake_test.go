package ui

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// fakeBoards is an in-memory data.BoardEditor that keeps boards the way the store does
// (sides, order, notes, hidden names), so a test can check what a screen's actions left
// behind. Safe for the screen's background goroutines.
type fakeBoards struct {
	mu          sync.Mutex
	boards      []*fakeBoard
	responses   map[int64]*data.Response
	suggestions []*data.Suggestion
	nextID      int64
	imports     int // ImportBoard calls
}

type fakeBoard struct {
	id        int64
	name      string
	hideNames bool
	cards     []*data.BoardCard // in display order: positive side first
	hidden    map[int64]bool
}

var _ data.BoardEditor = (*fakeBoards)(nil)

func newFakeBoards(rs ...*data.Response) *fakeBoards {
	f := &fakeBoards{responses: map[int64]*data.Response{}}
	for _, r := range rs {
		f.responses[r.ID] = r
	}
	return f
}

func (f *fakeBoards) find(id int64) (*fakeBoard, error) {
	for _, b := range f.boards {
		if b.id == id {
			return b, nil
		}
	}
	return nil, data.Errorf(data.ENOTFOUND, "there is no board %d", id)
}

// layout returns a board's cards as "side:id" in order.
func (f *fakeBoards) layout(boardID int64) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, _ := f.find(boardID)
	s := ""
	for i, c := range b.cards {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s:%d", c.Side[:3], c.ResponseID)
	}
	return s
}

// sortCards keeps positive before negative and each side's order.
func (b *fakeBoard) sortCards() {
	sort.SliceStable(b.cards, func(i, j int) bool {
		return b.cards[i].Side == data.SidePositive && b.cards[j].Side == data.SideNegative
	})
	pos := map[string]int{}
	for _, c := range b.cards {
		pos[c.Side]++
		c.Position = pos[c.Side]
	}
}

func (f *fakeBoards) Boards(context.Context) ([]*data.Board, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*data.Board
	for i := len(f.boards) - 1; i >= 0; i-- { // newest first
		out = append(out, &data.Board{ID: f.boards[i].id, Name: f.boards[i].name})
	}
	return out, nil
}

func (f *fakeBoards) Board(_ context.Context, id int64) (*data.Board, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.find(id)
	if err != nil {
		return nil, err
	}
	out := &data.Board{ID: b.id, Name: b.name, CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	for _, c := range b.cards {
		cc := *c
		out.Cards = append(out.Cards, &cc)
	}
	return out, nil
}

func (f *fakeBoards) CreateBoard(_ context.Context, name string) (*data.Board, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, b := range f.boards {
		if b.name == name {
			return nil, data.Errorf(data.ECONFLICT, "a board called %q already exists", name)
		}
	}
	f.nextID++
	f.boards = append(f.boards, &fakeBoard{id: f.nextID, name: name, hidden: map[int64]bool{}})
	return &data.Board{ID: f.nextID, Name: name}, nil
}

func (f *fakeBoards) PinCard(_ context.Context, boardID, responseID int64, side string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.find(boardID)
	if err != nil {
		return err
	}
	r := f.responses[responseID]
	if r == nil {
		return data.Errorf(data.ENOTFOUND, "there is no response %d", responseID)
	}
	for i, c := range b.cards {
		if c.ResponseID == responseID {
			b.cards = append(b.cards[:i], b.cards[i+1:]...)
			break
		}
	}
	b.cards = append(b.cards, &data.BoardCard{ResponseID: responseID, Side: side, Response: r})
	b.sortCards()
	return nil
}

func (f *fakeBoards) BoardByName(ctx context.Context, name string) (*data.Board, error) {
	f.mu.Lock()
	var id int64
	for _, b := range f.boards {
		if b.name == name {
			id = b.id
		}
	}
	f.mu.Unlock()
	return f.Board(ctx, id)
}

func (f *fakeBoards) RenameBoard(_ context.Context, id int64, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.find(id)
	if err == nil {
		b.name = name
	}
	return err
}

func (f *fakeBoards) DeleteBoard(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, b := range f.boards {
		if b.id == id {
			f.boards = append(f.boards[:i], f.boards[i+1:]...)
			return nil
		}
	}
	return data.Errorf(data.ENOTFOUND, "there is no board %d", id)
}

func (f *fakeBoards) card(boardID, responseID int64) (*fakeBoard, int, error) {
	b, err := f.find(boardID)
	if err != nil {
		return nil, 0, err
	}
	for i, c := range b.cards {
		if c.ResponseID == responseID {
			return b, i, nil
		}
	}
	return nil, 0, data.Errorf(data.ENOTFOUND, "response %d is not on board %d", responseID, boardID)
}

func (f *fakeBoards) UnpinCard(_ context.Context, boardID, responseID int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, i, err := f.card(boardID, responseID)
	if err == nil {
		b.cards = append(b.cards[:i], b.cards[i+1:]...)
	}
	return err
}

func (f *fakeBoards) MoveCard(_ context.Context, boardID, responseID int64, side string, index int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, i, err := f.card(boardID, responseID)
	if err != nil {
		return err
	}
	c := b.cards[i]
	b.cards = append(b.cards[:i], b.cards[i+1:]...)
	c.Side = side
	var pos, neg []*data.BoardCard
	for _, o := range b.cards {
		if o.Side == data.SidePositive {
			pos = append(pos, o)
		} else {
			neg = append(neg, o)
		}
	}
	insert := func(cs []*data.BoardCard) []*data.BoardCard {
		index = max(0, min(index, len(cs)))
		return append(cs[:index], append([]*data.BoardCard{c}, cs[index:]...)...)
	}
	if side == data.SidePositive {
		pos = insert(pos)
	} else {
		neg = insert(neg)
	}
	b.cards = append(pos, neg...)
	b.sortCards()
	return nil
}

func (f *fakeBoards) SetCardNote(_ context.Context, boardID, responseID int64, note string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, i, err := f.card(boardID, responseID)
	if err == nil {
		b.cards[i].Note = note
	}
	return err
}

func (f *fakeBoards) BoardPrivacy(_ context.Context, boardID int64) (data.BoardPrivacy, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.find(boardID)
	if err != nil {
		return data.BoardPrivacy{}, err
	}
	p := data.BoardPrivacy{HideNames: b.hideNames, HiddenNames: map[int64]bool{}}
	for id, h := range b.hidden {
		p.HiddenNames[id] = h
	}
	return p, nil
}

func (f *fakeBoards) SetBoardNamesHidden(_ context.Context, boardID int64, hidden bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.find(boardID)
	if err == nil {
		b.hideNames = hidden
	}
	return err
}

func (f *fakeBoards) SetCardNameHidden(_ context.Context, boardID, responseID int64, hidden bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, _, err := f.card(boardID, responseID)
	if err == nil {
		b.hidden[responseID] = hidden
	}
	return err
}

func (f *fakeBoards) SuggestCards(context.Context, data.SuggestQuery) ([]*data.Suggestion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.suggestions, nil
}

// BoardSnapshot copies a board with each response's id as its external id, from source
// "Survey".
func (f *fakeBoards) BoardSnapshot(_ context.Context, boardID int64) (*data.BoardSnapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.find(boardID)
	if err != nil {
		return nil, err
	}
	snap := &data.BoardSnapshot{Name: b.name, CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), HideNames: b.hideNames}
	for _, c := range b.cards {
		r := *c.Response
		r.ExternalID = strconv.FormatInt(r.ID, 10)
		snap.Cards = append(snap.Cards, &data.SnapshotCard{Side: c.Side, Note: c.Note, NameHidden: b.hidden[c.ResponseID],
			PinnedAt: snap.CreatedAt, Source: "Survey", Response: &r})
	}
	return snap, nil
}

// ImportBoard replaces or creates the snapshot's board, matching cards to responses by
// external id; it counts its calls in imports.
func (f *fakeBoards) ImportBoard(ctx context.Context, s *data.BoardSnapshot) (*data.BoardImport, error) {
	f.mu.Lock()
	f.imports++
	var b *fakeBoard
	for _, o := range f.boards {
		if o.name == s.Name {
			b = o
		}
	}
	res := &data.BoardImport{Replaced: b != nil}
	if b == nil {
		f.nextID++
		b = &fakeBoard{id: f.nextID, name: s.Name, hidden: map[int64]bool{}}
		f.boards = append(f.boards, b)
	}
	b.cards, b.hideNames = nil, s.HideNames
	for _, c := range s.Cards {
		id, err := strconv.ParseInt(c.Response.ExternalID, 10, 64)
		r := f.responses[id]
		if err != nil || r == nil {
			f.mu.Unlock()
			return nil, data.Errorf(data.EINVALID, "the fake has no response %q", c.Response.ExternalID)
		}
		b.cards = append(b.cards, &data.BoardCard{ResponseID: id, Side: c.Side, Note: c.Note, Response: r})
		b.hidden[id] = c.NameHidden
	}
	b.sortCards()
	id := b.id
	f.mu.Unlock()
	res.Board, _ = f.Board(ctx, id)
	return res, nil
}
