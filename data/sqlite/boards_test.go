package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/sqlite"
)

// boardFixture is a database with one source of six NPS responses (ids r1..r6) and an empty
// board "Week 47".
type boardFixture struct {
	db    *sqlite.DB
	board *data.Board
	ids   map[string]int64 // external id → response id
}

func newBoardFixture(t *testing.T) *boardFixture {
	t.Helper()
	ctx := context.Background()
	db := MustOpenDB(t)
	src := mustSource(t, db, "NPS relationship")
	var rs []*data.Response
	for i := 1; i <= 6; i++ {
		r := nps(fmt.Sprintf("r%d", i), float64(i+4), fmt.Sprintf("Comment number %d says something", i), day(2026, 11, 10+i), nil)
		r.RespondentName = fmt.Sprintf("Person %d", i)
		r.RespondentEmail = fmt.Sprintf("p%d@example.com", i)
		rs = append(rs, r)
	}
	mustWrite(t, db, src.ID, rs...)
	found, err := db.FindResponses(ctx, data.ResponseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	f := &boardFixture{db: db, ids: map[string]int64{}}
	for _, r := range found {
		f.ids[r.ExternalID] = r.ID
	}
	if f.board, err = db.CreateBoard(ctx, "Week 47"); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *boardFixture) pin(t *testing.T, side string, ext ...string) {
	t.Helper()
	for _, e := range ext {
		if err := f.db.PinCard(context.Background(), f.board.ID, f.ids[e], side); err != nil {
			t.Fatal(err)
		}
	}
}

// layout returns a board's cards as "side:ext" in display order.
func (f *boardFixture) layout(t *testing.T) string {
	t.Helper()
	b, err := f.db.Board(context.Background(), f.board.ID)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, c := range b.Cards {
		parts = append(parts, c.Side[:3]+":"+c.Response.ExternalID)
	}
	return strings.Join(parts, " ")
}

func TestDB_BoardCRUD(t *testing.T) {
	ctx := context.Background()
	t.Run("RenameAndFindByName", func(t *testing.T) {
		f := newBoardFixture(t)
		if err := f.db.RenameBoard(ctx, f.board.ID, "  Week 48 "); err != nil {
			t.Fatal(err)
		}
		b, err := f.db.BoardByName(ctx, "Week 48")
		if err != nil || b.ID != f.board.ID || b.Name != "Week 48" {
			t.Fatalf("BoardByName = %+v, %v", b, err)
		}
		if _, err := f.db.BoardByName(ctx, "Week 47"); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("old name: err = %v, want not found", err)
		}
	})
	t.Run("ErrRename", func(t *testing.T) {
		f := newBoardFixture(t)
		other, err := f.db.CreateBoard(ctx, "All-hands")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			id   int64
			name string
			code string
		}{
			{other.ID, "Week 47", data.ECONFLICT},
			{other.ID, "   ", data.EINVALID},
			{9999, "Week 50", data.ENOTFOUND},
		} {
			if err := f.db.RenameBoard(ctx, c.id, c.name); data.ErrorCode(err) != c.code {
				t.Errorf("RenameBoard(%d, %q) = %v, want %s", c.id, c.name, err, c.code)
			}
		}
	})
	t.Run("DeleteKeepsResponses", func(t *testing.T) {
		f := newBoardFixture(t)
		f.pin(t, data.SidePositive, "r5", "r6")
		if err := f.db.DeleteBoard(ctx, f.board.ID); err != nil {
			t.Fatal(err)
		}
		boards, err := f.db.Boards(ctx)
		if err != nil || len(boards) != 0 {
			t.Fatalf("Boards = %v, %v; want none", boards, err)
		}
		var cards int
		f.db.SQL().QueryRow("SELECT count(*) FROM board_cards").Scan(&cards)
		if cards != 0 {
			t.Errorf("%d cards left behind", cards)
		}
		if n, _ := f.db.CountResponses(ctx, data.ResponseFilter{}); n != 6 {
			t.Errorf("%d responses after deleting the board, want 6", n)
		}
		if err := f.db.DeleteBoard(ctx, f.board.ID); data.ErrorCode(err) != data.ENOTFOUND {
			t.Errorf("second delete: err = %v, want not found", err)
		}
	})
}

func TestDB_MoveCard(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		ext   string
		side  string
		index int
		want  string
	}{
		{"Up", "r3", data.SidePositive, 0, "pos:r3 pos:r1 pos:r2 neg:r4 neg:r5"},
		{"Down", "r1", data.SidePositive, 1, "pos:r2 pos:r1 pos:r3 neg:r4 neg:r5"},
		{"ToOtherSide", "r2", data.SideNegative, 1, "pos:r1 pos:r3 neg:r4 neg:r2 neg:r5"},
		{"ClampedToEnd", "r4", data.SidePositive, 99, "pos:r1 pos:r2 pos:r3 pos:r4 neg:r5"},
		{"ClampedToStart", "r5", data.SideNegative, -3, "pos:r1 pos:r2 pos:r3 neg:r5 neg:r4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newBoardFixture(t)
			f.pin(t, data.SidePositive, "r1", "r2", "r3")
			f.pin(t, data.SideNegative, "r4", "r5")
			if err := f.db.MoveCard(ctx, f.board.ID, f.ids[c.ext], c.side, c.index); err != nil {
				t.Fatal(err)
			}
			if got := f.layout(t); got != c.want {
				t.Fatalf("after move: %s\nwant        %s", got, c.want)
			}
			// Positions persist: a reopened database shows the same order.
			path := f.db.Path()
			f.db.Close()
			db, err := sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			f.db = db
			if got := f.layout(t); got != c.want {
				t.Fatalf("after reopening: %s\nwant            %s", got, c.want)
			}
		})
	}
	t.Run("PinAgainMovesToEnd", func(t *testing.T) {
		f := newBoardFixture(t)
		f.pin(t, data.SidePositive, "r1", "r2")
		f.pin(t, data.SideNegative, "r3")
		f.pin(t, data.SideNegative, "r1")
		if got, want := f.layout(t), "pos:r2 neg:r3 neg:r1"; got != want {
			t.Fatalf("layout %s, want %s", got, want)
		}
	})
	t.Run("ErrNotOnBoard", func(t *testing.T) {
		f := newBoardFixture(t)
		f.pin(t, data.SidePositive, "r1")
		if err := f.db.MoveCard(ctx, f.board.ID, f.ids["r2"], data.SidePositive, 0); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("err = %v, want not found", err)
		}
		if err := f.db.MoveCard(ctx, f.board.ID, f.ids["r1"], "middle", 0); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("err = %v, want invalid", err)
		}
	})
}

func TestDB_CardEdits(t *testing.T) {
	ctx := context.Background()
	t.Run("Unpin", func(t *testing.T) {
		f := newBoardFixture(t)
		f.pin(t, data.SidePositive, "r1", "r2")
		if err := f.db.UnpinCard(ctx, f.board.ID, f.ids["r1"]); err != nil {
			t.Fatal(err)
		}
		if got := f.layout(t); got != "pos:r2" {
			t.Fatalf("layout %s, want pos:r2", got)
		}
		if err := f.db.UnpinCard(ctx, f.board.ID, f.ids["r1"]); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("unpin twice: err = %v", err)
		}
	})
	t.Run("Note", func(t *testing.T) {
		f := newBoardFixture(t)
		f.pin(t, data.SideNegative, "r1")
		if err := f.db.SetCardNote(ctx, f.board.ID, f.ids["r1"], "  Ask billing about this one "); err != nil {
			t.Fatal(err)
		}
		b, _ := f.db.Board(ctx, f.board.ID)
		if got := b.Cards[0].Note; got != "Ask billing about this one" {
			t.Fatalf("note = %q", got)
		}
		err := f.db.SetCardNote(ctx, f.board.ID, f.ids["r1"], strings.Repeat("é", data.MaxNoteLength+1))
		if data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("long note: err = %v", err)
		}
		if err := f.db.SetCardNote(ctx, f.board.ID, f.ids["r2"], "x"); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("note on a response not on the board: err = %v", err)
		}
	})
	t.Run("Privacy", func(t *testing.T) {
		f := newBoardFixture(t)
		f.pin(t, data.SidePositive, "r1", "r2")
		if err := f.db.SetCardNameHidden(ctx, f.board.ID, f.ids["r2"], true); err != nil {
			t.Fatal(err)
		}
		p, err := f.db.BoardPrivacy(ctx, f.board.ID)
		if err != nil || p.HideNames || p.NameHidden(f.ids["r1"]) || !p.NameHidden(f.ids["r2"]) {
			t.Fatalf("card hidden: %+v, %v", p, err)
		}
		if err := f.db.SetBoardNamesHidden(ctx, f.board.ID, true); err != nil {
			t.Fatal(err)
		}
		if p, _ = f.db.BoardPrivacy(ctx, f.board.ID); !p.NameHidden(f.ids["r1"]) {
			t.Fatalf("board hidden: %+v", p)
		}
		if _, err := f.db.BoardPrivacy(ctx, 999); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("missing board: err = %v", err)
		}
	})
}

// suggestFixture writes responses in two sources and two channels for SuggestCards.
func suggestFixture(t *testing.T) (*sqlite.DB, map[string]int64) {
	t.Helper()
	db := MustOpenDB(t)
	week := day(2026, 11, 16)
	web, app := map[string]string{"channel": "web"}, map[string]string{"channel": "ios"}
	mustWrite(t, db, mustSource(t, db, "NPS").ID,
		nps("top-web-1", 10, "The new dashboard saves my team an hour every Monday morning, thank you", week, web),
		nps("top-web-2", 10, "The new dashboard saves my team an hour every Monday morning, thanks a lot", week, web), // near-duplicate of top-web-1
		nps("top-web-3", 9, "Support answered within minutes and fixed the export problem for our accountant", week, web),
		nps("top-web-4", 10, "Great", week, web), // too short
		nps("top-ios-1", 9, "Offline mode on the phone finally works on the train, which is where I do my reviews", week, app),
		nps("low-web-1", 0, "Billing charged us twice this month and nobody has replied to three emails yet", week, web),
		nps("low-web-2", 2, "Setup took two weeks because the importer kept rejecting our perfectly normal CSV files", week, web),
		nps("low-ios-1", 1, "The app crashes every time I open a report with more than a few hundred rows in it", week, app),
		nps("passive", 8, "It is fine, nothing special to report about it this week, carry on as you were", week, web),
		nps("old-top", 10, "Last month was wonderful and everything worked better than we ever hoped it would", week.AddDate(0, -1, 0), web),
		nps("pinned-top", 10, "Already on an older board because the whole team loved reading this one aloud", week, web),
	)
	mustWrite(t, db, mustSource(t, db, "CSAT support").ID, &data.Response{ExternalID: "csat-5", SurveyType: data.TypeCSAT,
		ScaleMin: 1, ScaleMax: 5, Score: data.Float(5), CreatedAt: week,
		Comment: "María on the support chat walked me through the whole migration step by step, brilliant"})
	ids := map[string]int64{}
	rs, err := db.FindResponses(context.Background(), data.ResponseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		ids[r.ExternalID] = r.ID
	}
	return db, ids
}

func TestDB_SuggestCards(t *testing.T) {
	ctx := context.Background()
	db, ids := suggestFixture(t)
	older, err := db.CreateBoard(ctx, "Week 46")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PinCard(ctx, older.ID, ids["pinned-top"], data.SidePositive); err != nil {
		t.Fatal(err)
	}
	week := data.Filter{From: day(2026, 11, 15), To: day(2026, 11, 22)}
	describe := func(ss []*data.Suggestion) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, s.Side[:3]+":"+s.Response.ExternalID)
		}
		return strings.Join(parts, " ")
	}

	t.Run("BalancedAndAlternating", func(t *testing.T) {
		got, err := db.SuggestCards(ctx, data.SuggestQuery{Filter: week, PerSide: 4})
		if err != nil {
			t.Fatal(err)
		}
		// Positive: the three groups' best in turn, most extreme first (10 on NPS web, then
		// 5 of 5 on CSAT, a tie kept in source order, before 9 on NPS iOS; inside NPS web the
		// longer of two 10s), then web's next that is not a near-duplicate of its first.
		// Negative: web's 0 and iOS's 1 in turn, then web's 2. Passives, short comments,
		// other weeks and responses on a board never appear.
		want := "pos:top-web-2 neg:low-web-1 pos:csat-5 neg:low-ios-1 pos:top-ios-1 neg:low-web-2 pos:top-web-3"
		if d := describe(got); d != want {
			t.Fatalf("suggestions\n got %s\nwant %s", d, want)
		}
		if got[0].Group != "NPS · web" || got[2].Group != "CSAT support" {
			t.Errorf("groups %q, %q", got[0].Group, got[2].Group)
		}
	})
	t.Run("PerSide", func(t *testing.T) {
		got, err := db.SuggestCards(ctx, data.SuggestQuery{Filter: week, PerSide: 1})
		if err != nil {
			t.Fatal(err)
		}
		if d := describe(got); d != "pos:top-web-2 neg:low-web-1" {
			t.Fatalf("suggestions %s", d)
		}
	})
	t.Run("SkipsTheBoardsCardsAndTheirTwins", func(t *testing.T) {
		b, err := db.CreateBoard(ctx, "Week 47")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PinCard(ctx, b.ID, ids["top-web-2"], data.SidePositive); err != nil {
			t.Fatal(err)
		}
		got, err := db.SuggestCards(ctx, data.SuggestQuery{Filter: week, BoardID: b.ID, PerSide: 4})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got {
			if s.Response.ExternalID == "top-web-1" || s.Response.ExternalID == "top-web-2" {
				t.Fatalf("suggested %s, a card on the board or its near-duplicate: %s", s.Response.ExternalID, describe(got))
			}
		}
	})
	t.Run("BalanceByOtherSegment", func(t *testing.T) {
		got, err := db.SuggestCards(ctx, data.SuggestQuery{Filter: data.Filter{From: week.From, To: week.To, SurveyType: data.TypeNPS},
			PerSide: 2, BalanceBy: "region"})
		if err != nil {
			t.Fatal(err)
		}
		// No region: NPS is one group, ranked by score alone (top-web-2 is on Week 47 now).
		if d := describe(got); d != "pos:top-web-1 neg:low-web-1 pos:top-ios-1 neg:low-ios-1" {
			t.Fatalf("suggestions %s", d)
		}
	})
}

func TestDB_BoardSnapshot(t *testing.T) {
	ctx := context.Background()
	source := newBoardFixture(t)
	source.pin(t, data.SidePositive, "r6", "r5")
	source.pin(t, data.SideNegative, "r1")
	if err := source.db.SetCardNote(ctx, source.board.ID, source.ids["r5"], "Read this one slowly"); err != nil {
		t.Fatal(err)
	}
	if err := source.db.SetCardNameHidden(ctx, source.board.ID, source.ids["r1"], true); err != nil {
		t.Fatal(err)
	}
	snap, err := source.db.BoardSnapshot(ctx, source.board.ID)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Contents", func(t *testing.T) {
		if snap.Name != "Week 47" || len(snap.Cards) != 3 {
			t.Fatalf("snapshot %+v", snap)
		}
		c := snap.Cards[1]
		if c.Side != data.SidePositive || c.Source != "NPS relationship" || c.Note != "Read this one slowly" ||
			c.Response.ExternalID != "r5" || c.Response.RespondentName != "Person 5" || *c.Response.Score != 9 {
			t.Fatalf("card 2 = %+v %+v", c, c.Response)
		}
		neg := snap.Cards[2]
		if !neg.NameHidden || neg.Response.RespondentName != "" {
			t.Fatalf("hidden card carries name %q (hidden %v)", neg.Response.RespondentName, neg.NameHidden)
		}
		for _, c := range snap.Cards {
			if c.Response.RespondentEmail != "" || c.Response.Properties != nil {
				t.Fatalf("snapshot carries personal data: %+v", c.Response)
			}
		}
	})

	t.Run("RoundTrip", func(t *testing.T) {
		empty := MustOpenDB(t)
		res, err := empty.ImportBoard(ctx, snap)
		if err != nil {
			t.Fatal(err)
		}
		if res.Replaced || res.NewResponses != 3 || len(res.Board.Cards) != 3 {
			t.Fatalf("import = %+v", res)
		}
		again, err := empty.BoardSnapshot(ctx, res.Board.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(again, snap) {
			t.Fatalf("round trip differs:\n got %s\nwant %s", dumpSnapshot(again), dumpSnapshot(snap))
		}
		src, err := empty.SourceByName(ctx, "NPS relationship")
		if err != nil || src.Kind != data.KindFile {
			t.Fatalf("source = %+v, %v; want kind file", src, err)
		}

		// Importing again adds no response and leaves the same board.
		res, err = empty.ImportBoard(ctx, snap)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Replaced || res.NewResponses != 0 {
			t.Fatalf("re-import = %+v", res)
		}
		if n, _ := empty.CountResponses(ctx, data.ResponseFilter{}); n != 3 {
			t.Fatalf("%d responses after importing twice, want 3", n)
		}
		if again, _ = empty.BoardSnapshot(ctx, res.Board.ID); !reflect.DeepEqual(again, snap) {
			t.Fatalf("re-import differs:\n got %s\nwant %s", dumpSnapshot(again), dumpSnapshot(snap))
		}
	})

	t.Run("ReplaceOnOriginReusesResponses", func(t *testing.T) {
		other := *snap
		other.Cards = snap.Cards[:1]
		res, err := source.db.ImportBoard(ctx, &other)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Replaced || res.NewResponses != 0 || res.Board.ID != source.board.ID || len(res.Board.Cards) != 1 {
			t.Fatalf("import = %+v", res)
		}
		if got := res.Board.Cards[0].Response.RespondentEmail; got != "p6@example.com" {
			t.Fatalf("the cached response was replaced: email %q", got)
		}
	})
}

func TestDB_ImportBoard_Invalid(t *testing.T) {
	ctx := context.Background()
	valid := func() *data.BoardSnapshot {
		at := day(2026, 11, 20)
		return &data.BoardSnapshot{Name: "Week 47", CreatedAt: at, Cards: []*data.SnapshotCard{
			{Side: data.SidePositive, Source: "NPS", PinnedAt: at, Response: nps("a", 10, "Lovely", at, nil)},
			{Side: data.SideNegative, Source: "NPS", PinnedAt: at, Response: nps("b", 0, "Awful", at, nil)},
		}}
	}
	cases := []struct {
		name     string
		edit     func(s *data.BoardSnapshot)
		contains string
	}{
		{"ErrNoName", func(s *data.BoardSnapshot) { s.Name = " " }, "has no name"},
		{"ErrSide", func(s *data.BoardSnapshot) { s.Cards[1].Side = "neutral" }, `card 2 is on side "neutral"`},
		{"ErrNoSource", func(s *data.BoardSnapshot) { s.Cards[0].Source = "" }, "positive card 1 has no source"},
		{"ErrNoType", func(s *data.BoardSnapshot) { s.Cards[1].Response.SurveyType = "" }, "negative card 1 has no survey type"},
		{"ErrDuplicate", func(s *data.BoardSnapshot) { s.Cards[1].Response.ExternalID = "a" }, "negative card 1 repeats the positive card 1"},
		{"ErrLongNote", func(s *data.BoardSnapshot) { s.Cards[0].Note = strings.Repeat("n", 300) }, "presenter note longer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := MustOpenDB(t)
			s := valid()
			c.edit(s)
			_, err := db.ImportBoard(ctx, s)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.contains) {
				t.Fatalf("err = %v, want invalid containing %q", err, c.contains)
			}
			var boards, responses, sources int
			db.SQL().QueryRow("SELECT (SELECT count(*) FROM boards), (SELECT count(*) FROM responses), (SELECT count(*) FROM sources)").
				Scan(&boards, &responses, &sources)
			if boards+responses+sources != 0 {
				t.Fatalf("a refused import wrote %d boards, %d responses, %d sources", boards, responses, sources)
			}
		})
	}
}

func dumpSnapshot(s *data.BoardSnapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s hide=%v", s.Name, s.CreatedAt, s.HideNames)
	for _, c := range s.Cards {
		fmt.Fprintf(&b, "\n  %+v %+v", *c, *c.Response)
	}
	return b.String()
}
