package formats

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Parser streams the responses of one export. It is not safe for concurrent use, except
// BytesRead, which a progress bar may call from anywhere.
type Parser struct {
	name  string
	det   Detection
	opts  Options
	src   source
	raw   *rawCounter
	read  int
	skips Skips
}

// source is one format's row reader.
type source interface {
	// next returns the next row's response, or why the row is left out, with the row's
	// line; io.EOF after the last row.
	next() (resp *data.Response, line int, prob *rowProblem, err error)
	// emptyError is the error for a file without a single data row.
	emptyError() error
}

// Open detects the format of r (unless opts.Format names it) and prepares to stream its
// responses. name is the file name used in messages and, by default, as the survey name.
// File-level problems found in the header are returned here; later ones come from Next.
func Open(r io.Reader, name string, opts Options) (*Parser, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	raw := &rawCounter{r: r}
	br := bufio.NewReaderSize(raw, HeadSize)
	head, err := br.Peek(HeadSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	det, err := Detect(name, head)
	if err != nil {
		return nil, err
	}
	if opts.Format != "" && opts.Format != "auto" {
		if det.JSON && opts.Format != FormatDelighted {
			return nil, fileError(name, 1, "this is a JSON file, not a %s CSV export", FormatName(opts.Format))
		}
		if !det.JSON && det.Delimiter == 0 {
			det.Delimiter = ','
		}
		det.Format = opts.Format
	}
	if det.Encoding == EncodingUTF8BOM {
		br.Discard(3)
	}
	text := &textCounter{r: decoder(det.Encoding, det.crOnly, br)}
	p := &Parser{name: name, det: det, opts: opts, raw: raw, skips: Skips{}}
	if det.JSON {
		p.src = newDelightedJSON(text, name, opts)
		return p, nil
	}
	p.src, err = newCSVSource(text, name, det, opts)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Detection returns what Open detected (with Options.Format applied).
func (p *Parser) Detection() Detection { return p.det }

// Format returns the file's format.
func (p *Parser) Format() string { return p.det.Format }

// Next returns the next response, io.EOF after the last. Rows left out (previews, bad
// scores...) are counted in Skipped and passed over, or, with Options.Strict, a bad row is
// an error. A file without any data row is an error too.
func (p *Parser) Next() (*data.Response, error) {
	for {
		resp, line, prob, err := p.src.next()
		if err == io.EOF && p.read == 0 {
			return nil, p.src.emptyError()
		}
		if err != nil {
			return nil, err
		}
		p.read++
		if prob != nil {
			if prob.problem && p.opts.Strict {
				return nil, fileError(p.name, line, "%s", prob.detail)
			}
			p.skips.add(prob.reason, line)
			continue
		}
		return resp, nil
	}
}

// RowsRead returns how many data rows have been read, skipped ones included.
func (p *Parser) RowsRead() int { return p.read }

// Skipped returns the rows left out so far, by reason.
func (p *Parser) Skipped() Skips { return p.skips }

// BytesRead returns how many bytes of the file have been consumed (read ahead included).
func (p *Parser) BytesRead() int64 { return p.raw.n.Load() }

// csvSource reads the rows of a CSV export through its plan.
type csvSource struct {
	t    *table
	p    *plan
	opts Options
}

// planners build the column plan of each CSV format.
var planners = map[string]func(t *table, name string, opts Options) (*plan, error){
	FormatQualtrics:    qualtricsPlan,
	FormatSurveyMonkey: surveyMonkeyPlan,
	FormatTypeform:     typeformPlan,
	FormatGoogleForms:  googleFormsPlan,
	FormatDelighted:    delightedCSVPlan,
	FormatCSV:          genericPlan,
}

func newCSVSource(text *textCounter, name string, det Detection, opts Options) (*csvSource, error) {
	t := newTable(name, text, det.Delimiter)
	if det.sepLine {
		// The "sep=;" line has no delimiter, so it is a record of its own.
		if _, err := t.read(false); err != nil && err != io.EOF {
			return nil, err
		}
	}
	rows, err := t.peek(1)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fileError(name, 0, "the file is empty")
	}
	p, err := planners[det.Format](t, name, opts)
	if err != nil {
		return nil, err
	}
	if len(p.dates) == 0 {
		p.defaultTime = opts.DefaultTime
		if p.defaultTime.IsZero() {
			p.defaultTime = time.Now()
		}
		p.defaultTime = p.defaultTime.UTC().Truncate(time.Second)
	}
	return &csvSource{t: t, p: p, opts: opts}, nil
}

func (s *csvSource) next() (*data.Response, int, *rowProblem, error) {
	r, err := s.t.next()
	if err != nil {
		return nil, 0, nil, err
	}
	resp, prob := s.p.build(r.fields, r.line, s.opts)
	return resp, r.line, prob, nil
}

func (s *csvSource) emptyError() error {
	return fileError(s.t.name, s.t.text.lines, "the file has a header but no responses")
}
