package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/metrics"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("verbatim report", "[--type T] [--from D] [--to D] [--by day|week|month|quarter] [--segment KEY] [--tag T] [--json] [--png FILE]")
	var q data.ReportQuery
	var from, to, by string
	asJSON := fs.Bool("json", false, "print JSON (one object with --type, else an array with one object per survey type)")
	fs.StringVar(&q.SurveyType, "type", "", "survey type: nps, enps, csat, ces, star, smiley, thumbs, pmf, score")
	fs.StringVar(&from, "from", "", "first day, YYYY-MM-DD (local time)")
	fs.StringVar(&to, "to", "", "last day included, YYYY-MM-DD (local time)")
	fs.StringVar(&by, "by", "", "trend bucket: day, week, month or quarter (default: chosen from the range)")
	fs.StringVar(&q.Segment, "segment", "", "break scores down by a property (channel, region, plan, language...) or source")
	fs.StringVar(&q.Tag, "tag", "", "only responses with this tag")
	pngPath := fs.String("png", "", "write the charts of the first report (trend, distribution, segments, themes) to FILE as PNG instead of the text")
	if err := parseCommand(fs, args, false); err != nil {
		return err
	}
	var err error
	if q.From, err = parseDay(from, "--from"); err != nil {
		return err
	}
	if q.To, err = parseDay(to, "--to"); err != nil {
		return err
	}
	if !q.To.IsZero() {
		q.To = q.To.AddDate(0, 0, 1) // --to names the last day included
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return usageErrorf("--from %s is after --to %s", from, to)
	}
	switch g := data.Granularity(by); g {
	case "", data.ByDay, data.ByWeek, data.ByMonth, data.ByQuarter:
		q.By = g
	default:
		return usageErrorf("--by %q is not day, week, month or quarter", by)
	}

	db, err := e.openStore()
	if err != nil {
		return err
	}
	defer db.Close()
	reports, err := db.Reports(ctx, q)
	if err != nil {
		return err
	}
	out := make([]reportJSON, len(reports))
	for i, r := range reports {
		f := q.Filter
		f.SurveyType = r.SurveyType
		out[i] = reportJSON{Report: r, Label: typeLabel(r.SurveyType)}
		if out[i].Themes, err = db.Themes(ctx, f); err != nil {
			return err
		}
		if out[i].Words, err = db.DetractorWords(ctx, f, 15); err != nil {
			return err
		}
	}
	if *pngPath != "" {
		if len(out) == 0 {
			return fmt.Errorf("no scored responses match, so %s was not written", *pngPath)
		}
		if err := writeReportPNG(*pngPath, out[0]); err != nil {
			return err
		}
		if !*asJSON {
			fmt.Fprintf(e.stdout, "Charts of %s (n = %d) written to %s.\n", out[0].Label, out[0].Responses, *pngPath)
			return nil
		}
	}
	if *asJSON {
		if q.SurveyType != "" && len(reports) == 0 {
			rule := metrics.RuleFor(q.SurveyType, 0, 0)
			out = []reportJSON{{Report: &data.Report{SurveyType: q.SurveyType, ScaleMin: int(rule.Min), ScaleMax: int(rule.Max),
				From: q.From, To: q.To, By: q.By, Distribution: []data.ValueCount{}}, Label: typeLabel(q.SurveyType)}}
		}
		return writeReportJSON(e.stdout, out, q.SurveyType != "")
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "No scored responses match. Load some with verbatim demo or verbatim import.")
		return nil
	}
	for i, r := range out {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		writeReportText(e.stdout, r)
	}
	return nil
}

func parseDay(s, flagName string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return t, usageErrorf("%s %q is not a date like 2026-03-31", flagName, s)
	}
	return t, nil
}

// reportJSON is the command-line contract: the report, the type's label, and the themes and
// words behind the score.
type reportJSON struct {
	*data.Report
	Label  string       `json:"label"`
	Themes []data.Theme `json:"themes"`
	Words  []data.Word  `json:"detractor_words"`
}

func writeReportJSON(w io.Writer, out []reportJSON, single bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	for _, r := range out {
		if r.Series == nil {
			r.Series = []data.SeriesPoint{}
		}
		if r.Themes == nil {
			r.Themes = []data.Theme{}
		}
		if r.Words == nil {
			r.Words = []data.Word{}
		}
	}
	if single && len(out) > 0 {
		return enc.Encode(out[0])
	}
	return enc.Encode(out)
}

func typeLabel(t string) string {
	switch t {
	case data.TypeNPS, data.TypeENPS, data.TypeCSAT, data.TypeCES, data.TypePMF:
		return strings.ToUpper(t)
	case data.TypeScore:
		return "Score"
	default:
		return strings.ToUpper(t[:1]) + t[1:]
	}
}

// formatScore shows a score the way its rule says: NPS as a signed whole number, shares as a
// percent, means with one decimal.
func formatScore(r *data.Report, score float64) string {
	rule := metrics.RuleFor(r.SurveyType, r.ScaleMin, r.ScaleMax)
	switch rule.Kind {
	case metrics.NetKind:
		return fmt.Sprintf("%+.0f", score)
	case metrics.ShareKind:
		return fmt.Sprintf("%.0f%%", score)
	default:
		return fmt.Sprintf("%.1f", score)
	}
}

func bandNames(t string) [3]string {
	switch t {
	case data.TypeNPS, data.TypeENPS:
		return [3]string{"promoters", "passives", "detractors"}
	case data.TypeCES:
		return [3]string{"easy", "neutral", "difficult"}
	default:
		return [3]string{"satisfied", "neutral", "dissatisfied"}
	}
}

func writeReportText(w io.Writer, rj reportJSON) {
	r := rj.Report
	names := bandNames(r.SurveyType)
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(r.Responses, 1)) }
	fmt.Fprintf(w, "%s (%d-%d)   %s to %s\n", typeLabel(r.SurveyType), r.ScaleMin, r.ScaleMax,
		r.From.Format("2006-01-02"), r.To.AddDate(0, 0, -1).Format("2006-01-02"))
	fmt.Fprintf(w, "Score %s ±%.1f   n = %d   %s %.0f%% · %s %.0f%% · %s %.0f%%\n",
		formatScore(r, r.Score), r.Margin, r.Responses,
		names[0], pct(r.Promoters), names[1], pct(r.Passives), names[2], pct(r.Detractors))
	if p := r.Previous; p != nil && p.Responses > 0 {
		change := fmt.Sprintf("%+.1f", r.Score-p.Score)
		if metrics.ChangeIsWithinMargin(r.Summary, *p) {
			change += " (within margin)"
		}
		fmt.Fprintf(w, "Previous period %s (n = %d), change %s\n", formatScore(r, p.Score), p.Responses, change)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\n%s\tn\tscore\t±\t\n", r.By)
	for _, pt := range r.Series {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f\t\n", bucketLabel(pt.Start, r.By), pt.Responses, formatScore(r, pt.Score), pt.Margin)
	}
	if len(r.Segments) > 0 {
		fmt.Fprintf(tw, "\n%s\tn\tscore\t±\t\n", r.Segments[0].Key)
		for _, s := range r.Segments {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f\t\n", s.Value, s.Responses, formatScore(r, s.Score), s.Margin)
		}
	}
	if len(rj.Themes) > 0 {
		fmt.Fprintf(tw, "\ntheme\tn\tscore\t%s\t\n", names[2])
		for _, t := range rj.Themes {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%.0f%%\t\n", t.Tag, t.Responses, formatScore(r, t.Score), 100*t.Pain)
		}
	}
	tw.Flush()
	if len(rj.Words) > 0 {
		words := make([]string, len(rj.Words))
		for i, wd := range rj.Words {
			words[i] = fmt.Sprintf("%s (%d/%d)", wd.Word, wd.Detractors, wd.Promoters)
		}
		fmt.Fprintf(w, "\nWords that set %s apart (in theirs/%s' comments): %s\n", names[2], names[0], strings.Join(words, ", "))
	}
}

func bucketLabel(t time.Time, by data.Granularity) string {
	switch by {
	case data.ByWeek:
		y, w := t.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case data.ByMonth:
		return t.Format("2006-01")
	case data.ByQuarter:
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3)
	default:
		return t.Format("2006-01-02")
	}
}
