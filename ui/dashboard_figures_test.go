package ui

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
	"github.com/verbatim-app/verbatim/ui/chart"
)

// cliReport is one report of `verbatim report --json`.
type cliReport struct {
	data.Report
	Themes []data.Theme `json:"themes"`
	Words  []data.Word  `json:"detractor_words"`
}

// testFigures checks every figure the dashboard shows for
// the default filter (the last 12 months, all types, broken down by channel) against
// `verbatim report --json` run on the same database with the same filter, and both against
// a recount straight from the responses table.
func testFigures(t *testing.T, store *demoStore) {
	if testing.Short() {
		t.Skip("builds the command line")
	}
	f := newDashFixture(t, store)
	d := f.dash()
	var flt data.Filter
	f.do(func() {
		flt = f.a.filter.get()
		d.segPicker.SetSelected(segmentLabel("channel"))
	})
	f.waitFor("the channel breakdown", func() bool {
		return d.settled() && d.segments != nil && len(d.segments.Segments) > 0 && d.segments.Segments[0].Key == "channel" &&
			d.matrix.pic != nil && d.segs.pic != nil
	})

	cli := runReportJSON(t, f.path, flt)
	nf := numbersFor("en")

	f.do(func() {
		if len(d.reports) != len(cli) {
			t.Fatalf("dashboard has %d survey types, the report %d", len(d.reports), len(cli))
		}
		for i, r := range cli {
			rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
			tile := d.tileViews[i]
			want := map[string][2]string{
				"type":   {tile.title.Text, typeLabel(r.SurveyType)},
				"n":      {tile.count.Text, nLabel(nf, r.Responses)},
				"score":  {tile.score.Text, tileScore(nf, rule, r.Score)},
				"margin": {tile.margin.Text, nf.margin(rule, r.Margin)},
			}
			change, _ := changeText(nf, rule, &r.Report)
			want["change"] = [2]string{tile.change.Text, change}
			for k, pair := range want {
				if pair[0] != pair[1] {
					t.Errorf("%s tile %s: screen %q, report %q", r.SurveyType, k, pair[0], pair[1])
				}
			}
			if tile.bands.counts != [3]int{r.Promoters, r.Passives, r.Detractors} {
				t.Errorf("%s tile bands %v, report %d/%d/%d", r.SurveyType, tile.bands.counts, r.Promoters, r.Passives, r.Detractors)
			}
		}

		focus := cli[0]
		if d.focus.SurveyType != focus.SurveyType {
			t.Fatalf("charts show %s, the first report is %s", d.focus.SurveyType, focus.SurveyType)
		}
		checkTrendHits(t, d.trend.pic, &focus.Report)
		checkDistributionHits(t, d.dist.pic, &focus.Report)
		checkSegmentHits(t, d.segs.pic, focus.Segments)
		checkThemeHits(t, d.matrix.pic, focus.Themes)
		checkThemeRows(t, d, nf, focus.Themes)
		checkWordRows(t, d, nf, focus.Words)
	})

	// Both against a recount from the responses table.
	raw, err := sql.Open("sqlite", f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	recount := recountResponses(t, raw, flt, cli[0].By)
	for _, r := range cli {
		rc := recount[r.SurveyType]
		if rc == nil {
			t.Fatalf("no %s responses in the recount", r.SurveyType)
		}
		rc.check(t, r)
	}
	checkWordsRecount(t, raw, flt, cli[0])
}

// runReportJSON builds the command line and runs `verbatim report --json` for a filter.
func runReportJSON(t *testing.T, db string, f data.Filter) []cliReport {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "verbatim")
	build := exec.Command("go", "build", "-tags", "ci", "-o", bin, "github.com/verbatim-app/verbatim/cmd/verbatim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the command line: %v\n%s", err, out)
	}
	args := []string{"--db", db, "report", "--segment", "channel", "--json",
		"--from", f.From.Format("2006-01-02"), "--to", f.To.AddDate(0, 0, -1).Format("2006-01-02")}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("verbatim %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var out []cliReport
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("report JSON: %v", err)
	}
	if len(out) == 0 {
		t.Fatal("the report is empty")
	}
	return out
}

func checkDistributionHits(t *testing.T, p *chart.Picture, r *data.Report) {
	t.Helper()
	counts := map[float64]int{}
	for _, vc := range r.Distribution {
		counts[vc.Value] = vc.Count
	}
	seen := 0
	for _, h := range p.Hits {
		if h.Responses != counts[h.Value] {
			t.Errorf("distribution %v: screen %d, report %d", h.Value, h.Responses, counts[h.Value])
		}
		if h.Responses > 0 {
			seen++
		}
	}
	if seen != len(counts) {
		t.Errorf("distribution shows %d values with responses, the report %d", seen, len(counts))
	}
}

func checkSegmentHits(t *testing.T, p *chart.Picture, segs []data.SegmentScore) {
	t.Helper()
	if len(p.Hits)+p.Omitted != len(segs) || len(segs) == 0 {
		t.Fatalf("segments: %d on screen (+%d omitted), %d in the report", len(p.Hits), p.Omitted, len(segs))
	}
	byValue := map[string]data.SegmentScore{}
	for _, s := range segs {
		byValue[s.Value] = s
	}
	for _, h := range p.Hits {
		s := byValue[h.SegmentValue]
		if h.Responses != s.Responses || h.Score != s.Score || h.Margin != s.Margin {
			t.Errorf("segment %s: screen n=%d %v±%v, report n=%d %v±%v", h.SegmentValue, h.Responses, h.Score, h.Margin, s.Responses, s.Score, s.Margin)
		}
	}
}

func checkThemeHits(t *testing.T, p *chart.Picture, themes []data.Theme) {
	t.Helper()
	if len(p.Hits) != len(themes) || len(themes) == 0 {
		t.Fatalf("themes: %d on the matrix, %d in the report", len(p.Hits), len(themes))
	}
	for i, h := range p.Hits {
		th := themes[i]
		if h.Tag != th.Tag || h.Responses != th.Responses || h.Share != th.Pain || h.Score != th.Score {
			t.Errorf("theme %d: screen %s n=%d pain=%v score=%v, report %s n=%d pain=%v score=%v",
				i, h.Tag, h.Responses, h.Share, h.Score, th.Tag, th.Responses, th.Pain, th.Score)
		}
	}
}

// labelsIn returns the texts of the labels inside a canvas object, in layout order.
func labelsIn(o fyne.CanvasObject) []string {
	switch v := o.(type) {
	case *widget.Label:
		return []string{v.Text}
	case *fyne.Container:
		var out []string
		for _, c := range v.Objects {
			out = append(out, labelsIn(c)...)
		}
		return out
	case fyne.Widget:
		var out []string
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, labelsIn(c)...)
		}
		return out
	}
	return nil
}

func checkThemeRows(t *testing.T, d *dashboardScreen, nf numberFormat, themes []data.Theme) {
	t.Helper()
	rows := d.themeList.Objects[1:] // under the header
	if want := min(len(themes), listedThemes); len(rows) != want {
		t.Fatalf("ranked list has %d themes, want %d", len(rows), want)
	}
	for i, row := range rows {
		th := themes[i]
		got := strings.Join(labelsIn(row.(*tapRow).content), " | ")
		want := strings.Join([]string{nf.int(i+1) + ". " + th.Tag, nf.int(th.Responses), nf.percent(100*th.Pain, 0)}, " | ")
		if got != want {
			t.Errorf("ranked theme %d: screen %q, report %q", i, got, want)
		}
	}
}

func checkWordRows(t *testing.T, d *dashboardScreen, nf numberFormat, words []data.Word) {
	t.Helper()
	rows := d.wordList.Objects[1:]
	if len(rows) != len(words) || len(words) == 0 {
		t.Fatalf("%d words on screen, %d in the report", len(rows), len(words))
	}
	for i, row := range rows {
		w := words[i]
		got := strings.Join(labelsIn(row.(*tapRow).content), " | ")
		want := strings.Join([]string{w.Word, nf.int(w.Detractors), nf.int(w.Promoters)}, " | ")
		if got != want {
			t.Errorf("word %d: screen %q, report %q", i, got, want)
		}
	}
}

// tally counts responses of one survey type and scale in the independent recount.
type tally struct {
	scaleMin, scaleMax int
	n, pos, neu, neg   int
	sum                float64
	values             map[float64]int
	buckets            map[int64]*tally // by bucket start, unix
	channels           map[string]*tally
}

func newTally() *tally {
	return &tally{values: map[float64]int{}, buckets: map[int64]*tally{}, channels: map[string]*tally{}}
}

// add counts one score by the bands of DESIGN.md's metrics table, written out again here.
func (c *tally) add(surveyType string, scaleMax int, score float64) {
	c.n++
	c.sum += score
	c.values[score]++
	positive, negative := 0.0, 0.0
	switch surveyType {
	case data.TypeNPS, data.TypeENPS:
		positive, negative = 9, 6
	case data.TypeCES:
		positive, negative = 5, 3
		if scaleMax <= 5 {
			positive, negative = 4, 2
		}
	default: // csat and the 1-5 scales
		positive, negative = 4, 2
	}
	switch {
	case score >= positive:
		c.pos++
	case score <= negative:
		c.neg++
	default:
		c.neu++
	}
}

// score is the survey score by DESIGN.md: NPS % promoters − % detractors, shares % positive.
func (c *tally) score(surveyType string) float64 {
	if surveyType == data.TypeNPS || surveyType == data.TypeENPS {
		return 100 * float64(c.pos-c.neg) / float64(c.n)
	}
	return 100 * float64(c.pos) / float64(c.n)
}

// margin is the 95% margin: from the +1/0/−1 coding for NPS, binomial for shares.
func (c *tally) margin(surveyType string) float64 {
	n := float64(c.n)
	p, q := float64(c.pos)/n, float64(c.neg)/n
	if surveyType == data.TypeNPS || surveyType == data.TypeENPS {
		return 100 * 1.96 * math.Sqrt((p+q-(p-q)*(p-q))/n)
	}
	return 100 * 1.96 * math.Sqrt(p*(1-p)/n)
}

func (c *tally) check(t *testing.T, r cliReport) {
	t.Helper()
	typ := r.SurveyType
	close := func(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
	if r.Responses != c.n || r.Promoters != c.pos || r.Passives != c.neu || r.Detractors != c.neg ||
		!close(r.Score, c.score(typ), 1e-9) || !close(r.Margin, c.margin(typ), 0.01) {
		t.Errorf("%s: report n=%d %d/%d/%d score %v ±%v; recount n=%d %d/%d/%d score %v ±%v", typ,
			r.Responses, r.Promoters, r.Passives, r.Detractors, r.Score, r.Margin, c.n, c.pos, c.neu, c.neg, c.score(typ), c.margin(typ))
	}
	if len(r.Series) != len(c.buckets) {
		t.Errorf("%s: %d buckets in the report, %d in the recount", typ, len(r.Series), len(c.buckets))
	}
	for _, sp := range r.Series {
		b := c.buckets[sp.Start.Unix()]
		if b == nil || b.n != sp.Responses || !close(sp.Score, b.score(typ), 1e-9) {
			t.Errorf("%s bucket %v: report n=%d score %v; recount %+v", typ, sp.Start, sp.Responses, sp.Score, b)
		}
	}
	for _, vc := range r.Distribution {
		if c.values[vc.Value] != vc.Count {
			t.Errorf("%s value %v: report %d, recount %d", typ, vc.Value, vc.Count, c.values[vc.Value])
		}
	}
	for _, s := range r.Segments {
		ch := c.channels[s.Value]
		if ch == nil || ch.n != s.Responses || !close(s.Score, ch.score(typ), 1e-9) {
			t.Errorf("%s channel %q: report n=%d score %v; recount %+v", typ, s.Value, s.Responses, s.Score, ch)
		}
	}
}

// recountResponses tallies the scored responses in the filter's days straight from the table.
func recountResponses(t *testing.T, raw *sql.DB, f data.Filter, by data.Granularity) map[string]*tally {
	t.Helper()
	rows, err := raw.Query(`SELECT survey_type, scale_min, scale_max, score, created_at, coalesce(json_extract(properties, '$.channel'), '')
		FROM responses WHERE score IS NOT NULL AND created_at >= ? AND created_at < ?`, f.From.Unix(), f.To.Unix())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]*tally{}
	for rows.Next() {
		var typ, channel string
		var lo, hi int
		var score float64
		var created int64
		if err := rows.Scan(&typ, &lo, &hi, &score, &created, &channel); err != nil {
			t.Fatal(err)
		}
		c := out[typ]
		if c == nil {
			c = newTally()
			c.scaleMin, c.scaleMax = lo, hi
			out[typ] = c
		}
		c.add(typ, hi, score)
		start := metrics.BucketStart(time.Unix(created, 0).In(time.Local), by)
		if c.buckets[start.Unix()] == nil {
			c.buckets[start.Unix()] = newTally()
		}
		c.buckets[start.Unix()].add(typ, hi, score)
		if channel != "" {
			if c.channels[channel] == nil {
				c.channels[channel] = newTally()
			}
			c.channels[channel].add(typ, hi, score)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkWordsRecount recounts, for each detractor word, the detractor and promoter comments
// that use it, and each theme's volume and pain.
func checkWordsRecount(t *testing.T, raw *sql.DB, f data.Filter, r cliReport) {
	t.Helper()
	count := func(cond string) map[string]int {
		rows, err := raw.Query(`SELECT comment FROM responses WHERE survey_type = ? AND score IS NOT NULL AND `+cond+`
			AND comment IS NOT NULL AND comment <> '' AND created_at >= ? AND created_at < ?`, r.SurveyType, f.From.Unix(), f.To.Unix())
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		counts := map[string]int{}
		comments := 0
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			comments++
			for w := range wordSet(c) {
				counts[w]++
			}
		}
		if comments > 5000 {
			t.Skipf("%d comments: the store reads a sample, the recount would not match", comments)
		}
		return counts
	}
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	negative := count(`score <= ` + jsonFloat(rule.NegativeTo))
	positive := count(`score >= ` + jsonFloat(rule.PositiveFrom))
	for _, w := range r.Words {
		if negative[w.Word] != w.Detractors || positive[w.Word] != w.Promoters {
			t.Errorf("word %q: report %d/%d, recount %d/%d", w.Word, w.Detractors, w.Promoters, negative[w.Word], positive[w.Word])
		}
	}

	for _, th := range r.Themes {
		var n, neg int
		err := raw.QueryRow(`SELECT count(*), count(CASE WHEN r.score <= ? THEN 1 END) FROM responses r
			JOIN response_tags rt ON rt.response_id = r.id JOIN tags g ON g.id = rt.tag_id
			WHERE g.name = ? AND r.survey_type = ? AND r.score IS NOT NULL AND r.created_at >= ? AND r.created_at < ?`,
			rule.NegativeTo, th.Tag, r.SurveyType, f.From.Unix(), f.To.Unix()).Scan(&n, &neg)
		if err != nil {
			t.Fatal(err)
		}
		if n != th.Responses || math.Abs(th.Pain-float64(neg)/float64(n)) > 1e-9 {
			t.Errorf("theme %q: report n=%d pain %v, recount n=%d pain %v", th.Tag, th.Responses, th.Pain, n, float64(neg)/float64(n))
		}
	}
}

func jsonFloat(v float64) string { b, _ := json.Marshal(v); return string(b) }

// wordSet is the set of lower-case words of a comment, split at anything but letters and
// inner apostrophes.
func wordSet(comment string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(comment, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		w = strings.Trim(w, "'")
		out[strings.ToLower(strings.ReplaceAll(w, "İ", "i"))] = true
	}
	return out
}
