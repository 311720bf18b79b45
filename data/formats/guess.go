package formats

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Columns is what a mapping dialog needs to know about an export before it is imported: its
// format and, for a generic CSV, its header and the columns the importer would pick for each
// part. Exports of a known platform have a fixed layout and carry only Format.
type Columns struct {
	Format string   // the detected format, one of the Format constants
	Header []string // generic CSV: the column names, in file order

	// The guessed column of each part, as an index into Header; -1 when none was found.
	ID, Score, Comment, Date, Email, Name int
	Segments                              []int // columns that become segments

	// Problem is the sentence saying why the guess found neither a score nor a comment
	// column, "" when it found one; a Mapping naming them fixes it.
	Problem string
}

// GuessColumns reads the head of an export (at most a sample of its rows, never the whole
// file) and guesses its columns the way Import would without a Mapping. name is the file name
// used in messages. The error is for a file that cannot be read as an export at all (empty,
// binary, a broken quote in the sample); a guess that merely came up short is Problem.
func GuessColumns(r io.Reader, name string, opts Options) (Columns, error) {
	c := Columns{ID: -1, Score: -1, Comment: -1, Date: -1, Email: -1, Name: -1}
	if err := opts.Validate(); err != nil {
		return c, err
	}
	br := bufio.NewReaderSize(r, HeadSize)
	head, err := br.Peek(HeadSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return c, fmt.Errorf("read %s: %w", name, err)
	}
	det, err := Detect(name, head)
	if err != nil {
		return c, err
	}
	c.Format = det.Format
	if det.JSON || det.Format != FormatCSV {
		return c, nil
	}
	if det.Encoding == EncodingUTF8BOM {
		br.Discard(3)
	}
	t := newTable(name, &textCounter{r: decoder(det.Encoding, det.crOnly, br)}, det.Delimiter)
	if det.sepLine {
		if _, err := t.read(false); err != nil && err != io.EOF {
			return c, err
		}
	}
	// Read the header and the sample up front, so a broken file is an error here and any
	// failure of the plan below is the guess coming up short.
	rows, err := t.sample(sampleRows + 1)
	if err != nil {
		return c, err
	}
	if len(rows) == 0 {
		return c, fileError(name, 0, "the file is empty")
	}
	for _, h := range rows[0].fields {
		c.Header = append(c.Header, headerText(h))
	}
	opts.Mapping = Mapping{}
	p, err := genericPlan(t, name, opts)
	if err != nil {
		c.Problem = err.Error()
		return c, nil
	}
	for i, col := range p.cols {
		switch col.role {
		case roleID:
			c.ID = i
		case roleScore:
			c.Score = i
		case roleComment:
			c.Comment = i
		case roleEmail:
			c.Email = i
		case roleName:
			c.Name = i
		case roleProperty:
			c.Segments = append(c.Segments, i)
		}
	}
	if len(p.dates) > 0 {
		c.Date = p.dates[0]
	}
	return c, nil
}

// MappingName returns how a Mapping names column i of Header: its header when no other
// column's header reads the same (Mapping matches headers ignoring case and spaces), its
// 1-based position otherwise.
func (c Columns) MappingName(i int) string {
	if i < 0 || i >= len(c.Header) {
		return ""
	}
	want := normHeader(c.Header[i])
	unique := want != ""
	for j, h := range c.Header {
		if j != i && normHeader(h) == want {
			unique = false
		}
	}
	if unique {
		return c.Header[i]
	}
	return strconv.Itoa(i + 1)
}
