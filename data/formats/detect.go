package formats

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// HeadSize is how much of a file Detect needs to see: enough for the header rows of a wide
// Qualtrics export (hundreds of columns, long question texts) and a sample of its rows.
const HeadSize = 256 << 10

// Detection is what Detect learnt about a file.
type Detection struct {
	Format    string // one of the Format constants
	Encoding  string // one of the Encoding constants
	Delimiter rune   // the CSV field separator: ',', ';' or '\t'; 0 for JSON
	JSON      bool   // a Delighted JSON archive rather than a CSV

	crOnly  bool // lines end in a lone CR (old Mac exports)
	sepLine bool // the first line is Excel's "sep=;" delimiter hint
}

// Detect recognises an export from its first bytes (up to HeadSize; the whole file when it
// is smaller): the text encoding, the CSV delimiter and the platform, from header rows,
// column names and JSON shape. name is only used in error messages.
func Detect(name string, head []byte) (Detection, error) {
	var d Detection
	enc, text, err := sniffEncoding(name, head)
	if err != nil {
		return d, err
	}
	d.Encoding = enc
	trimmed := strings.TrimLeft(text, " \t\r\n\f")
	if trimmed == "" {
		return d, fileError(name, 0, "the file is empty")
	}
	if strings.IndexByte(text, '\n') < 0 && strings.IndexByte(text, '\r') >= 0 {
		d.crOnly = true
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if trimmed[0] == '[' || trimmed[0] == '{' {
		if !looksDelighted(trimmed) {
			return d, fileError(name, 1, "this JSON file is not a Delighted survey_responses archive")
		}
		d.Format, d.JSON = FormatDelighted, true
		return d, nil
	}
	if sep, ok := excelSepLine(text); ok {
		// Excel writes and honours a first line "sep=;"; it is not part of the table.
		d.Delimiter, d.sepLine = sep, true
		text = text[strings.IndexByte(text, '\n')+1:]
	} else {
		d.Delimiter = sniffDelimiter(text)
	}
	rows := headRecords(text, d.Delimiter, 4)
	if len(rows) == 0 {
		return d, fileError(name, 1, "no header row could be read")
	}
	d.Format = csvFormat(rows)
	return d, nil
}

// sniffEncoding finds the text encoding from a byte-order mark or, without one, from the
// bytes themselves, refuses binary files, and returns the head decoded to UTF-8.
func sniffEncoding(name string, head []byte) (string, string, error) {
	switch {
	case len(head) == 0:
		return "", "", fileError(name, 0, "the file is empty")
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return EncodingUTF8BOM, decodeHead(EncodingUTF8, head[3:]), nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return EncodingUTF16LE, decodeHead(EncodingUTF16LE, head), nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncodingUTF16BE, decodeHead(EncodingUTF16BE, head), nil
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return "", "", fileError(name, 0, "this is %s, not a CSV or JSON survey export", m.what)
		}
	}
	if enc := sniffUTF16(head); enc != "" {
		return enc, decodeHead(enc, head), nil
	}
	if looksBinary(head) {
		return "", "", fileError(name, 0, "this is a binary file, not a CSV or JSON survey export")
	}
	// A head cut by HeadSize may end inside a UTF-8 sequence; only what precedes it counts.
	if utf8.Valid(head[:completeRunes(head)]) {
		return EncodingUTF8, decodeHead(EncodingUTF8, head), nil
	}
	return EncodingWindows1252, decodeHead(EncodingWindows1252, head), nil
}

var binaryMagic = []struct{ prefix, what string }{
	{"PK\x03\x04", "an Excel workbook or ZIP archive (save it as CSV first)"},
	{"\xD0\xCF\x11\xE0", "an old Excel workbook (save it as CSV first)"},
	{"%PDF", "a PDF document"},
	{"\x89PNG", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"\x1F\x8B", "a gzip archive (unpack it first)"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// sniffUTF16 recognises UTF-16 without a byte-order mark from the zero high bytes of
// ASCII characters: every other byte is zero.
func sniffUTF16(head []byte) string {
	n := min(len(head), 1024) &^ 1
	if n < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*4 && even*20 <= pairs:
		return EncodingUTF16LE
	case even*10 >= pairs*4 && odd*20 <= pairs:
		return EncodingUTF16BE
	}
	return ""
}

// looksBinary reports NUL bytes or more than 1% control characters other than whitespace.
func looksBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	control := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			control++
		}
	}
	return control*100 > len(head)
}

// decodeHead decodes a head the way decoder will decode the whole file.
func decodeHead(enc string, head []byte) string {
	var t transform.Transformer
	switch enc {
	case EncodingUTF16LE, EncodingUTF16BE:
		head = head[:len(head)&^1]
		order := unicode.LittleEndian
		if enc == EncodingUTF16BE {
			order = unicode.BigEndian
		}
		t = unicode.UTF16(order, unicode.UseBOM).NewDecoder()
	case EncodingWindows1252:
		t = charmap.Windows1252.NewDecoder()
	default:
		t = utf8Fallback{}
	}
	out, _, err := transform.Bytes(t, head)
	if err != nil {
		return string(head)
	}
	return string(out)
}

// looksDelighted recognises the v1 survey_responses objects by their field names.
func looksDelighted(text string) bool {
	return strings.Contains(text, `"survey_type"`) || strings.Contains(text, `"survey_responses"`) ||
		(strings.Contains(text, `"score"`) && (strings.Contains(text, `"comment"`) || strings.Contains(text, `"person"`)))
}

// sniffDelimiter picks the separator that splits the first records into the most fields,
// preferring one that splits every record alike. Separators inside quotes do not count.
func sniffDelimiter(text string) rune {
	candidates := []rune{',', ';', '\t'}
	best, bestScore := ',', 0.0
	for _, c := range candidates {
		counts := countOutsideQuotes(text, byte(c), 5)
		if len(counts) == 0 || counts[0] == 0 {
			continue
		}
		score := float64(counts[0])
		for _, n := range counts[1:] {
			if n != counts[0] {
				score /= 2
				break
			}
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// excelSepLine reads a first line "sep=X".
func excelSepLine(text string) (rune, bool) {
	line, _, ok := strings.Cut(text, "\n")
	line = strings.TrimRight(line, "\r")
	if !ok || len(line) != 5 || !strings.EqualFold(line[:4], "sep=") {
		return 0, false
	}
	switch c := rune(line[4]); c {
	case ',', ';', '\t', '|':
		return c, true
	}
	return 0, false
}

// countOutsideQuotes counts sep in each of the first records of text, RFC 4180 quoting
// respected (a line break inside quotes does not end a record).
func countOutsideQuotes(text string, sep byte, records int) []int {
	var counts []int
	n, quoted := 0, false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == sep:
			n++
		case c == '\n':
			counts = append(counts, n)
			if len(counts) == records {
				return counts
			}
			n = 0
		}
	}
	if n > 0 {
		counts = append(counts, n)
	}
	return counts
}

// headRecords parses the first n records of a head leniently (detection must not fail on
// a record cut off by HeadSize).
func headRecords(text string, delim rune, n int) [][]string {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for len(rows) < n {
		rec, err := r.Read()
		if err != nil {
			break
		}
		rows = append(rows, rec)
	}
	return rows
}

// csvFormat tells the platform from the header rows (and the first data row).
func csvFormat(rows [][]string) string {
	switch {
	case isQualtrics(rows):
		return FormatQualtrics
	case isSurveyMonkey(rows):
		return FormatSurveyMonkey
	case isTypeform(rows[0]):
		return FormatTypeform
	case isGoogleForms(rows):
		return FormatGoogleForms
	case isDelightedCSV(rows):
		return FormatDelighted
	}
	return FormatCSV
}

// headerIndex returns the index of the first header whose normalised form is one of names.
func headerIndex(header []string, names ...string) int {
	for i, h := range header {
		if slices.Contains(names, normHeader(h)) {
			return i
		}
	}
	return -1
}

// headerText is a header cell as people read it: without the byte-order mark and the
// spaces around it.
func headerText(s string) string { return strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")) }

// normHeader folds a column name for matching: trimmed, lower case, '_' and '-' as spaces,
// runs of spaces collapsed.
func normHeader(s string) string {
	s = strings.ToLower(headerText(s))
	s = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
