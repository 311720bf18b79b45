package formats

import (
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// setScoreColumn makes column i the score, typed by Options.SurveyType or else its text.
func (p *plan) setScoreColumn(i int, text string, st *colStats, opts Options) {
	typ := opts.SurveyType
	if typ == "" {
		typ = questionType(text)
	}
	if typ == "" {
		typ = data.TypeScore
	}
	p.set(i, roleScore, "")
	p.cols[i].text = text
	p.surveyType = typ
	p.scaleMin, p.scaleMax = scaleFor(typ, text, st)
}

// chooseQuestions settles the question columns (those the format left as roleAnswer with
// their text): the primary score and the main comment, unless the mapping named them, and a
// distinct Answers key for every other question.
func (p *plan) chooseQuestions(stats []colStats, opts Options) {
	if p.score < 0 {
		if i := p.bestScore(stats, opts); i >= 0 {
			p.setScoreColumn(i, p.cols[i].text, &stats[i], opts)
		}
	}
	if !p.has(roleComment) {
		if i := p.bestComment(stats); i >= 0 {
			p.cols[i].role = roleComment
		}
	}
	for i := range p.cols {
		if p.cols[i].role == roleAnswer {
			p.cols[i].key = p.keys.key(p.cols[i].text)
		}
	}
}

// bestScore picks the primary score among the questions: the type Options.SurveyType asks
// for, else NPS before CSAT before CES before an untyped rating, leftmost first. An untyped
// numeric column only counts when its header says it is a rating, or when the format says
// it is a question (a generic CSV's "quantity" column is not a score).
func (p *plan) bestScore(stats []colStats, opts Options) int {
	best, bestRank := -1, 1<<30
	for i, c := range p.cols {
		if c.role != roleAnswer {
			continue
		}
		typ := questionType(c.text)
		if !stats[i].scoreLike(typ != "") {
			continue
		}
		rating := containsAny(fold(c.text), ratingWords)
		if typ == "" && !rating && p.format == FormatCSV {
			continue
		}
		rank := typeRank(typ) * 2
		if opts.SurveyType != "" && typ != opts.SurveyType {
			rank += 100
		}
		if !rating {
			rank++
		}
		if rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// bestComment picks the main open-text question: one whose words ask for a comment or a
// reason over one that merely holds text, the one right after the score next, then the one
// most people answered, then the leftmost.
func (p *plan) bestComment(stats []colStats) int {
	best, bestRank := -1, -1
	for i, c := range p.cols {
		if c.role != roleAnswer {
			continue
		}
		st := &stats[i]
		if st.dateLike() || st.emailLike() {
			continue
		}
		asks := containsAny(fold(c.text), commentWords)
		switch {
		case st.textLike():
		case asks && (st.nonEmpty == 0 || st.numeric < st.nonEmpty && !st.categoryLike()):
		default:
			continue
		}
		rank := min(st.nonEmpty, sampleRows)
		if p.score >= 0 && i == p.score+1 {
			rank += 2 * sampleRows
		}
		if asks {
			rank += 4 * sampleRows
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// guessEmail makes the first question column that holds email addresses, and whose header
// says so, the respondent's email.
func (p *plan) guessEmail(stats []colStats) {
	if p.has(roleEmail) {
		return
	}
	for i, c := range p.cols {
		if c.role == roleAnswer && isEmailHeader(c.text) && (stats[i].emailLike() || stats[i].nonEmpty == 0) {
			p.cols[i].role = roleEmail
			return
		}
	}
}

func isEmailHeader(h string) bool {
	return containsAny(fold(h), []string{"email", "e-mail", "mail address", "correo", "e-posta", "eposta"})
}

// isHiddenFieldName recognises a Typeform hidden field: lower-case letters, digits and
// underscores only, as Typeform requires of their names.
func isHiddenFieldName(h string) bool {
	if h == "" || len(h) > 64 {
		return false
	}
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isQuestionText reports whether a header reads like a question rather than a field name.
func isQuestionText(h string) bool {
	h = strings.TrimSpace(h)
	return strings.ContainsAny(h, "?¿") || len(h) > 40
}
