package demo

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// testNow is the "today" of the tests: a Wednesday afternoon.
var testNow = time.Date(2026, 3, 18, 15, 4, 5, 0, time.UTC)

func mustLoad(t testing.TB, s Store, opts Options) Result {
	t.Helper()
	res, err := Load(context.Background(), s, opts, nil)
	if err != nil {
		t.Fatalf("Load(%+v): %v", opts, err)
	}
	return res
}

// The default dataset is generated once and shared by the tests that inspect it.
var defaultSet = sync.OnceValues(func() (*fakeStore, Result) {
	s := newFakeStore()
	res, err := Load(context.Background(), s, Options{Now: testNow}, nil)
	if err != nil {
		panic(err)
	}
	return s, res
})

func TestLoad_Deterministic(t *testing.T) {
	load := func(seed int64) *fakeStore {
		s := newFakeStore()
		mustLoad(t, s, Options{Responses: 3000, Seed: seed, Now: testNow})
		return s
	}
	a, b, c := load(7), load(7), load(8)
	if len(a.rows) != 3000 {
		t.Fatalf("got %d rows, want 3000", len(a.rows))
	}
	for i := range a.rows {
		if !reflect.DeepEqual(a.rows[i], b.rows[i]) {
			t.Fatalf("row %d differs between two loads with the same seed:\n%+v\n%+v", i, a.rows[i], b.rows[i])
		}
	}
	if !reflect.DeepEqual(a.followUps, b.followUps) {
		t.Error("follow-ups differ between two loads with the same seed")
	}
	if !reflect.DeepEqual(a.boards, b.boards) {
		t.Error("boards differ between two loads with the same seed")
	}
	same := 0
	for i := range a.rows {
		if a.rows[i].Comment == c.rows[i].Comment && a.rows[i].CreatedAt.Equal(c.rows[i].CreatedAt) {
			same++
		}
	}
	if same > len(a.rows)/2 {
		t.Errorf("seeds 7 and 8 give %d of %d identical rows; a seed should change the data", same, len(a.rows))
	}
}

func TestLoad_Counts(t *testing.T) {
	s, res := defaultSet()
	if res.Responses != DefaultResponses || res.Written.Inserted != DefaultResponses || len(s.rows) != DefaultResponses {
		t.Fatalf("Result %+v with %d rows stored, want %d inserted", res, len(s.rows), DefaultResponses)
	}
	if res.Sources != 3 || len(s.sources) != 3 {
		t.Errorf("got %d sources (result says %d), want 3", len(s.sources), res.Sources)
	}
	for _, src := range s.sources {
		if src.Kind != data.KindDemo {
			t.Errorf("source %q has kind %q, want %q", src.Name, src.Kind, data.KindDemo)
		}
	}
	for _, tc := range []struct {
		typ   string
		share float64
	}{{data.TypeNPS, 0.70}, {data.TypeCSAT, 0.20}, {data.TypeCES, 0.10}} {
		got := float64(len(s.byType(tc.typ))) / DefaultResponses
		if got < tc.share-0.01 || got > tc.share+0.01 {
			t.Errorf("%s share is %.3f, want %.2f", tc.typ, got, tc.share)
		}
	}
}

func TestLoad_Scores(t *testing.T) {
	s, _ := defaultSet()
	scales := map[string][2]float64{data.TypeNPS: {0, 10}, data.TypeCSAT: {1, 5}, data.TypeCES: {1, 7}}
	seen := map[string]map[float64]bool{}
	for _, r := range s.rows {
		sc, ok := scales[r.SurveyType]
		if !ok {
			t.Fatalf("%s has survey type %q", r.ExternalID, r.SurveyType)
		}
		if r.Score == nil || *r.Score < sc[0] || *r.Score > sc[1] || *r.Score != float64(int(*r.Score)) {
			t.Fatalf("%s: score %v outside the %s scale %v", r.ExternalID, r.Score, r.SurveyType, sc)
		}
		if float64(r.ScaleMin) != sc[0] || float64(r.ScaleMax) != sc[1] {
			t.Fatalf("%s: scale %d-%d, want %v", r.ExternalID, r.ScaleMin, r.ScaleMax, sc)
		}
		if seen[r.SurveyType] == nil {
			seen[r.SurveyType] = map[float64]bool{}
		}
		seen[r.SurveyType][*r.Score] = true
	}
	for typ, sc := range scales {
		if want := int(sc[1]-sc[0]) + 1; len(seen[typ]) != want {
			t.Errorf("%s uses %d distinct scores, want all %d", typ, len(seen[typ]), want)
		}
	}
}

func TestLoad_Dates(t *testing.T) {
	s, _ := defaultSet()
	start := testNow.AddDate(0, -18, 0)
	last := map[int64]time.Time{}
	for _, r := range s.rows {
		if r.CreatedAt.Before(start) || r.CreatedAt.After(testNow) {
			t.Fatalf("%s created at %s, outside %s..%s", r.ExternalID, r.CreatedAt, start, testNow)
		}
		if r.CreatedAt.Before(last[r.SourceID]) {
			t.Fatalf("%s created at %s, before the previous response of its source", r.ExternalID, r.CreatedAt)
		}
		last[r.SourceID] = r.CreatedAt
	}
	if first := s.rows[0].CreatedAt; first.Sub(start) > 24*time.Hour {
		t.Errorf("the first response is at %s, more than a day after the start %s", first, start)
	}
	if newest := last[1]; testNow.Sub(newest) > 24*time.Hour {
		t.Errorf("the newest NPS response is at %s, more than a day before now", newest)
	}

	// Weekdays are busier than weekends.
	perDay := map[time.Time]int{}
	for _, r := range s.rows {
		perDay[midnight(r.CreatedAt)]++
	}
	var weekday, weekend, weekdays, weekends float64
	for d := midnight(start).AddDate(0, 0, 1); d.Before(midnight(testNow)); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend += float64(perDay[d])
			weekends++
		} else {
			weekday += float64(perDay[d])
			weekdays++
		}
	}
	if ratio := (weekday / weekdays) / (weekend / weekends); ratio < 1.5 {
		t.Errorf("a weekday has %.2f times the responses of a weekend day, want at least 1.5", ratio)
	}
}

// nps computes the Net Promoter Score of the NPS responses in [from, to).
func nps(rows []*data.Response, from, to time.Time) (score float64, n int) {
	var prom, det int
	for _, r := range rows {
		if r.SurveyType != data.TypeNPS || r.CreatedAt.Before(from) || !r.CreatedAt.Before(to) {
			continue
		}
		n++
		switch {
		case *r.Score >= 9:
			prom++
		case *r.Score <= 6:
			det++
		}
	}
	return 100 * float64(prom-det) / float64(n), n
}

func TestLoad_TrendAndDip(t *testing.T) {
	s, _ := defaultSet()
	start := testNow.AddDate(0, -18, 0)
	incident := testNow.AddDate(0, 0, -incidentDaysAgo)
	day := func(t time.Time, d int) time.Time { return t.AddDate(0, 0, d) }

	first, n1 := nps(s.rows, start, start.AddDate(0, 3, 0))
	lastQ, n2 := nps(s.rows, testNow.AddDate(0, -3, 0), testNow)
	t.Logf("NPS first 3 months %.1f (n=%d), last 3 months %.1f (n=%d)", first, n1, lastQ, n2)
	if lastQ < first+10 {
		t.Errorf("NPS went from %.1f to %.1f; want a rise of at least 10 points", first, lastQ)
	}

	before, _ := nps(s.rows, day(incident, -60), incident)
	dip, n := nps(s.rows, incident, day(incident, incidentDays))
	after, _ := nps(s.rows, day(incident, incidentDays), day(incident, incidentDays+60))
	t.Logf("NPS before the incident %.1f, during %.1f (n=%d), after %.1f", before, dip, n, after)
	if dip > before-8 || dip > after-8 {
		t.Errorf("NPS during the incident is %.1f, want at least 8 points below %.1f before and %.1f after", dip, before, after)
	}

	// Billing complaints spike during the incident.
	share := func(in bool) float64 {
		var billingN, all float64
		for _, r := range s.rows {
			during := !r.CreatedAt.Before(incident) && r.CreatedAt.Before(day(incident, incidentDays))
			if during != in || len(r.Tags) == 0 || *r.Score > 6 || r.SurveyType != data.TypeNPS {
				continue
			}
			all++
			if r.Tags[0] == "billing" {
				billingN++
			}
		}
		return billingN / all
	}
	if in, out := share(true), share(false); in < 2*out {
		t.Errorf("billing is %.2f of tagged detractor comments during the incident and %.2f outside; want at least twice as many", in, out)
	}
}

func TestLoad_Segments(t *testing.T) {
	s, _ := defaultSet()
	allowed := map[string][]string{
		PropChannel:  {"web", "email", "iOS", "Android"},
		PropRegion:   {"North America", "Europe", "LATAM", "Türkiye", "APAC"},
		PropPlan:     {"Free", "Pro", "Enterprise"},
		PropLanguage: {"en", "es", "tr"},
		PropDevice:   {"Windows", "Mac", "Linux", "Chromebook", "iPhone", "iPad", "Android phone", "Android tablet"},
	}
	counts := map[string]map[string]int{}
	for _, r := range s.rows {
		if len(r.Properties) != len(allowed) {
			t.Fatalf("%s has properties %v, want the keys of %v", r.ExternalID, r.Properties, allowed)
		}
		for k, v := range r.Properties {
			if !slices.Contains(allowed[k], v) {
				t.Fatalf("%s has %s=%q, want one of %v", r.ExternalID, k, v, allowed[k])
			}
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][v]++
		}
	}
	for k, vs := range allowed {
		for _, v := range vs {
			if counts[k][v] == 0 {
				t.Errorf("no response has %s=%q", k, v)
			}
		}
	}
	for _, lang := range allowed[PropLanguage] {
		if share := float64(counts[PropLanguage][lang]) / float64(len(s.rows)); share < 0.08 {
			t.Errorf("language %s is %.3f of responses, want at least 0.08", lang, share)
		}
	}
}

func TestLoad_Comments(t *testing.T) {
	s, res := defaultSet()
	distinct := map[string]bool{}
	withEmoji := 0
	// Letters only one language uses: a comment in the wrong language would show them.
	turkish := regexp.MustCompile(`[ışğİŞĞ]`)
	spanish := regexp.MustCompile(`[áéíóúñ¿¡]`)
	inLang := map[string][2]int{} // language → comments, comments with that language's letters
	for _, r := range s.rows {
		if r.Comment == "" {
			continue
		}
		distinct[r.Comment] = true
		if n := len(strings.Fields(r.Comment)); n < minWords || n > maxWords {
			t.Errorf("%s: comment has %d words, want %d-%d: %q", r.ExternalID, n, minWords, maxWords, r.Comment)
		}
		if strings.ContainsAny(r.Comment, "😍🙌👍🚀😊🔥💯🤷😐🙂🤔😡😤👎😞🙄😩") {
			withEmoji++
		}
		lang := r.Properties[PropLanguage]
		c := inLang[lang]
		c[0]++
		if turkish.MatchString(r.Comment) && lang != "tr" || spanish.MatchString(r.Comment) && lang != "es" {
			t.Errorf("%s: comment %q does not match language %s", r.ExternalID, r.Comment, lang)
		}
		if lang == "tr" && turkish.MatchString(r.Comment) || lang == "es" && spanish.MatchString(r.Comment) {
			c[1]++
		}
		inLang[lang] = c
	}
	if noComment := 1 - float64(res.Comments)/float64(len(s.rows)); noComment < 0.30 || noComment > 0.40 {
		t.Errorf("%.3f of responses have no comment, want about 0.35", noComment)
	}
	if len(distinct) < res.Comments/2 {
		t.Errorf("%d distinct comments among %d, want at least half distinct", len(distinct), res.Comments)
	}
	if withEmoji == 0 || withEmoji > res.Comments/20 {
		t.Errorf("%d comments with emoji among %d, want a few", withEmoji, res.Comments)
	}
	for _, lang := range []string{"tr", "es"} {
		if c := inLang[lang]; float64(c[1]) < 0.5*float64(c[0]) {
			t.Errorf("only %d of %d %s comments use %s letters", c[1], c[0], lang, lang)
		}
	}

	// The tone follows the score: promoters do not write openers of detractors.
	ph, err := loadPhrases()
	if err != nil {
		t.Fatal(err)
	}
	angry := ph.langs[langEN].open[negative][0].lits[0]
	for _, r := range s.rows {
		if strings.HasPrefix(r.Comment, angry) && r.SurveyType == data.TypeNPS && *r.Score >= 7 {
			t.Errorf("%s scored %v but says %q", r.ExternalID, *r.Score, r.Comment)
		}
	}
}

func TestLoad_Respondents(t *testing.T) {
	s, _ := defaultSet()
	id := regexp.MustCompile(`^demo-\d{6,}$`)
	mail := regexp.MustCompile(`^[a-z0-9.]+@[a-z]+\.(com|org|net|example)$`)
	ids := map[string]bool{}
	var names, emails int
	for _, r := range s.rows {
		if !id.MatchString(r.ExternalID) || ids[r.ExternalID] {
			t.Fatalf("external id %q is malformed or repeated", r.ExternalID)
		}
		ids[r.ExternalID] = true
		if want := "https://example.com/r/" + r.ExternalID; r.Permalink != want {
			t.Fatalf("%s: permalink %q, want %q", r.ExternalID, r.Permalink, want)
		}
		if r.RespondentName != "" {
			names++
		}
		if r.RespondentEmail != "" {
			emails++
			if !mail.MatchString(r.RespondentEmail) {
				t.Errorf("%s: malformed e-mail address %q", r.ExternalID, r.RespondentEmail)
			}
		}
	}
	if float64(names) < 0.8*float64(len(s.rows)) || float64(emails) < 0.75*float64(len(s.rows)) || names == len(s.rows) {
		t.Errorf("%d names and %d e-mail addresses among %d responses; want most, not all", names, emails, len(s.rows))
	}
}

func TestLoad_Annotations(t *testing.T) {
	s, res := defaultSet()
	var tagged, notes int
	for _, r := range s.rows {
		for _, tag := range r.Tags {
			if !slices.Contains(themeNames[:], tag) {
				t.Errorf("%s has tag %q, not a theme", r.ExternalID, tag)
			}
		}
		if len(r.Tags) > 0 {
			tagged++
			if r.Comment == "" {
				t.Errorf("%s is tagged %v without a comment", r.ExternalID, r.Tags)
			}
		}
		if len(r.Notes) > 0 && !isNegative(r) {
			t.Errorf("%s has notes but scored %v", r.ExternalID, *r.Score)
		}
		notes += len(r.Notes)
	}
	if tagged != res.Tagged || tagged < res.Comments/5 || tagged > res.Comments/2 {
		t.Errorf("%d tagged responses (result says %d) among %d comments, want a fraction", tagged, res.Tagged, res.Comments)
	}
	if notes != res.Notes || notes < 150 || notes > 600 {
		t.Errorf("%d notes (result says %d), want a few hundred", notes, res.Notes)
	}

	if len(s.followUps) != res.FollowUps || res.FollowUps < 20 {
		t.Errorf("%d follow-ups (result says %d), want some", len(s.followUps), res.FollowUps)
	}
	statuses := map[string]int{}
	for id, st := range s.followUps {
		r := s.rows[id-1]
		if r.SurveyType != data.TypeNPS || *r.Score > 6 {
			t.Errorf("follow-up on %s, which scored %v", r.ExternalID, *r.Score)
		}
		statuses[st]++
	}
	for _, st := range []string{data.FollowUpOpen, data.FollowUpContacted, data.FollowUpClosed} {
		if statuses[st] == 0 {
			t.Errorf("no follow-up is %s: %v", st, statuses)
		}
	}

	if len(s.boards) != 1 || s.boards[0].Name != "Week 12" || res.Board != "Week 12" {
		t.Fatalf("boards %v (result says %q), want one called Week 12", s.boards, res.Board)
	}
	sides, cardNotes := map[string]int{}, map[string]int{}
	for _, c := range s.boards[0].Cards {
		sides[c.Side]++
		if c.Note != "" {
			cardNotes[c.Side]++
		}
		if sc := *c.Response.Score; c.Side == data.SidePositive && sc < 9 || c.Side == data.SideNegative && sc > 3 {
			t.Errorf("card %q on the %s side scored %v", c.Response.Comment, c.Side, sc)
		}
		if c.Response.CreatedAt.Before(testNow.AddDate(0, 0, -30)) {
			t.Errorf("card %q is from %s, not recent", c.Response.Comment, c.Response.CreatedAt)
		}
	}
	if sides[data.SidePositive] != cardsPerSide || sides[data.SideNegative] != cardsPerSide || res.Cards != 2*cardsPerSide {
		t.Errorf("board sides %v (result says %d cards), want %d on each", sides, res.Cards, cardsPerSide)
	}
	if cardNotes[data.SideNegative] != 1 || cardNotes[data.SidePositive] != 0 {
		t.Errorf("presenter notes by side %v, want one on the negative side", cardNotes)
	}
}

func TestLoad_Again(t *testing.T) {
	s := newFakeStore()
	opts := Options{Responses: 2000, Now: testNow}
	mustLoad(t, s, opts)
	res := mustLoad(t, s, opts)
	if res.Written != (data.UpsertResult{Unchanged: 2000}) {
		t.Errorf("loading again wrote %+v, want all 2000 unchanged", res.Written)
	}
	if len(s.rows) != 2000 || len(s.boards) != 1 || res.Board != "" {
		t.Errorf("after loading twice: %d rows, %d boards, result board %q; want 2000 rows and the one board", len(s.rows), len(s.boards), res.Board)
	}
}

func TestLoad_Progress(t *testing.T) {
	var calls [][2]int
	_, err := Load(context.Background(), newFakeStore(), Options{Responses: 12000, Now: testNow}, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) < 3 || calls[len(calls)-1] != [2]int{12000, 12000} {
		t.Fatalf("progress calls %v, want several ending at 12000 of 12000", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] <= calls[i-1][0] {
			t.Fatalf("progress went from %v to %v", calls[i-1], calls[i])
		}
	}
}

func TestLoad_Errors(t *testing.T) {
	t.Run("ErrNegativeCount", func(t *testing.T) {
		_, err := Load(context.Background(), newFakeStore(), Options{Responses: -5}, nil)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "-5") {
			t.Errorf("got %v, want an invalid-input error naming -5", err)
		}
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		_, err := Load(context.Background(), newFakeStore(), Options{Responses: MaxResponses + 1}, nil)
		if data.ErrorCode(err) != data.EINVALID {
			t.Errorf("got %v, want an invalid-input error", err)
		}
	})
	t.Run("ErrWrite", func(t *testing.T) {
		s := newFakeStore()
		s.failWrite = errors.New("disk full")
		_, err := Load(context.Background(), s, Options{Responses: 1000, Now: testNow}, nil)
		if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), sources[0].name) {
			t.Errorf("got %v, want the store's error with the source name", err)
		}
		if len(s.rows) != 0 || s.rollbacks != 1 {
			t.Errorf("%d rows committed and %d rollbacks, want none and one", len(s.rows), s.rollbacks)
		}
	})
	t.Run("ErrCancelled", func(t *testing.T) {
		s := newFakeStore()
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Load(ctx, s, Options{Responses: 50000, Now: testNow}, func(done, total int) {
			if done >= 10000 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if len(s.rows) >= 10000 || s.rollbacks != 1 {
			t.Errorf("%d rows committed and %d rollbacks, want fewer than the 10000 written before cancelling and one", len(s.rows), s.rollbacks)
		}
		committed := len(s.rows)
		res := mustLoad(t, s, Options{Responses: 50000, Now: testNow})
		if len(s.rows) != 50000 || res.Written != (data.UpsertResult{Inserted: 50000 - committed, Unchanged: committed}) {
			t.Errorf("loading again after a cancellation: %d rows, wrote %+v; want the rest of the 50000 inserted", len(s.rows), res.Written)
		}
	})
}

func isNegative(r *data.Response) bool {
	switch r.SurveyType {
	case data.TypeNPS:
		return *r.Score <= 6
	case data.TypeCSAT:
		return *r.Score <= 2
	default:
		return *r.Score <= 3
	}
}

// discardStore generates into nothing, to measure generation alone.
type discardStore struct{ fakeStore }

func (discardStore) BeginBulk(context.Context, int64) (data.BulkWriter, error) {
	return discardWriter{}, nil
}

type discardWriter struct{}

func (discardWriter) Write(_ context.Context, rs []*data.Response) (data.UpsertResult, error) {
	return data.UpsertResult{Inserted: len(rs)}, nil
}
func (discardWriter) SetCursor(string) {}
func (discardWriter) Commit() error    { return nil }
func (discardWriter) Rollback() error  { return nil }

// BenchmarkGenerate measures generation without a store: it must stay far cheaper than the
// store's ~200k rows/s.
func BenchmarkGenerate(b *testing.B) {
	const n = 200_000
	for b.Loop() {
		s := &discardStore{*newFakeStore()}
		mustLoad(b, s, Options{Responses: n, Now: testNow})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "responses/s")
}
