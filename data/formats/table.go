package formats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// row is one CSV record and the line it starts on.
type row struct {
	fields []string
	line   int
}

// table reads the records of a CSV export: a few header rows, then data rows, checking that
// each data row has the header's width. Records read ahead (header candidates, the sample
// the columns are analysed on) are kept in buf and handed out again by next, so detection
// costs no second pass and memory stays bounded.
type table struct {
	name  string
	r     *csv.Reader
	text  *textCounter
	width int   // columns in the header; 0 until the header is settled
	buf   []row // read ahead, not yet handed out
	eof   bool  // the CSV reader hit the end of the input
}

func newTable(name string, text *textCounter, delim rune) *table {
	r := csv.NewReader(text)
	r.Comma = delim
	r.FieldsPerRecord = -1
	// Records handed out live are only used until the next call (the strings they hold
	// are not reused, only the slice), which saves a slice per row.
	r.ReuseRecord = true
	return &table{name: name, r: r, text: text}
}

// read returns the next raw record. keep copies it for the read-ahead buffer.
func (t *table) read(keep bool) (row, error) {
	if t.eof {
		return row{}, io.EOF
	}
	rec, err := t.r.Read()
	if err == io.EOF {
		t.eof = true
		return row{}, io.EOF
	}
	if err != nil {
		return row{}, t.parseError(err)
	}
	line, _ := t.r.FieldPos(0)
	if keep {
		rec = append([]string(nil), rec...)
	}
	return row{fields: rec, line: line}, nil
}

// parseError turns an encoding/csv error into one sentence naming the file and line.
func (t *table) parseError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("read %s: %w", t.name, err)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && t.text.eof && pe.Line >= t.text.lines:
		return fileError(t.name, pe.StartLine, "a quoted field starts here and is never closed (is the file truncated?)")
	case errors.Is(pe.Err, csv.ErrQuote):
		return fileError(t.name, pe.Line, "a quote inside the quoted field at column %d is not doubled", pe.Column)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fileError(t.name, pe.Line, "a quote appears inside the unquoted field at column %d", pe.Column)
	}
	return fileError(t.name, pe.Line, "%v", pe.Err)
}

// peek makes sure at least n records are buffered (fewer at the end of the file) and
// returns the buffer.
func (t *table) peek(n int) ([]row, error) {
	for len(t.buf) < n {
		r, err := t.read(true)
		if err == io.EOF {
			break
		}
		if err != nil {
			return t.buf, err
		}
		t.buf = append(t.buf, r)
	}
	return t.buf, nil
}

// skipHeader drops n header rows from the buffer and fixes the width from the first.
func (t *table) skipHeader(n int) {
	t.width = len(t.buf[0].fields)
	t.buf = t.buf[n:]
}

// sample buffers up to n data rows (or sampleBytes of text) for column analysis.
func (t *table) sample(n int) ([]row, error) {
	size := 0
	for _, r := range t.buf {
		size += rowSize(r)
	}
	for len(t.buf) < n && size < sampleBytes {
		r, err := t.read(true)
		if err == io.EOF {
			break
		}
		if err != nil {
			return t.buf, err
		}
		t.buf = append(t.buf, r)
		size += rowSize(r)
	}
	return t.buf, nil
}

// sampleRows and sampleBytes bound the rows columns are analysed on.
const (
	sampleRows  = 1000
	sampleBytes = 8 << 20
)

func rowSize(r row) int {
	n := 0
	for _, f := range r.fields {
		n += len(f)
	}
	return n
}

// next returns the next data row with exactly width fields. Blank rows (only separators)
// are passed over. A row with too many non-empty cells is an error; a short row is padded,
// unless it is the last one and the file does not end with a line break: then the file was
// cut off.
func (t *table) next() (row, error) {
	for {
		var r row
		var err error
		buffered := len(t.buf) > 0
		if buffered {
			r, t.buf = t.buf[0], t.buf[1:]
		} else if r, err = t.read(false); err != nil {
			return r, err
		}
		if blank(r.fields) {
			continue
		}
		switch {
		case len(r.fields) > t.width:
			if !blank(r.fields[t.width:]) {
				return r, fileError(t.name, r.line, "the row has %d columns but the header has %d", len(r.fields), t.width)
			}
			r.fields = r.fields[:t.width]
		case len(r.fields) < t.width:
			// Padding copies the fields, so reading ahead cannot overwrite them.
			n := len(r.fields)
			padded := make([]string, t.width)
			copy(padded, r.fields)
			r.fields = padded
			last, err := t.isLast(buffered)
			if err != nil {
				return r, err
			}
			if last && !t.text.endedCleanly() {
				return r, fileError(t.name, r.line, "the file ends in the middle of this row (it has %d of %d columns); is it truncated?", n, t.width)
			}
		}
		return r, nil
	}
}

// isLast reports whether the row just handed out is the file's last, reading one record
// ahead if needed.
func (t *table) isLast(buffered bool) (bool, error) {
	if buffered && len(t.buf) > 0 {
		return false, nil
	}
	ahead, err := t.read(true)
	if err == io.EOF {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	t.buf = append(t.buf, ahead)
	return false, nil
}

func blank(fields []string) bool {
	for _, f := range fields {
		if f != "" {
			return false
		}
	}
	return true
}
