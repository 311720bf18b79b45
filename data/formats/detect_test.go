package formats

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		file      string
		format    string
		encoding  string
		delimiter rune
	}{
		{fixture("sample_qualtrics_v3.csv"), FormatQualtrics, EncodingUTF8, ','},
		{fixture("sample_surveymonkey.csv"), FormatSurveyMonkey, EncodingUTF8, ','},
		{fixture("sample_typeform.csv"), FormatTypeform, EncodingUTF8, ','},
		{fixture("sample_formula_injection.csv"), FormatTypeform, EncodingUTF8, ','},
		{fixture("sample_googleforms.csv"), FormatGoogleForms, EncodingUTF8, ','},
		{fixture("sample_delighted.json"), FormatDelighted, EncodingUTF8, 0},
		{"testdata/qualtrics_istanbul.csv", FormatQualtrics, EncodingUTF8, ','},
		{"testdata/qualtrics_legacy.csv", FormatQualtrics, EncodingUTF8, ','},
		{"testdata/surveymonkey_csat.csv", FormatSurveyMonkey, EncodingUTF8, ','},
		{"testdata/typeform_es.csv", FormatTypeform, EncodingUTF8, ','},
		{"testdata/googleforms_tr.csv", FormatGoogleForms, EncodingUTF8, ','},
		{"testdata/googleforms_es_cp1252.csv", FormatGoogleForms, EncodingWindows1252, ';'},
		{"testdata/delighted_pages.json", FormatDelighted, EncodingUTF8, 0},
		{"testdata/delighted_lines.jsonl", FormatDelighted, EncodingUTF8, 0},
		{"testdata/delighted_export.csv", FormatDelighted, EncodingUTF8, ','},
		{"testdata/generic_tab.tsv", FormatCSV, EncodingUTF8, '\t'},
	}
	for _, c := range cases {
		d, err := Detect(c.file, readFile(t, c.file))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if d.Format != c.format || d.Encoding != c.encoding || d.Delimiter != c.delimiter || d.JSON != (c.delimiter == 0) {
			t.Errorf("%s: %+v, want %s %s %q", c.file, d, c.format, c.encoding, c.delimiter)
		}
	}
}

// TestOpen_Encodings re-encodes one file every way an export arrives and expects the very
// same responses, Turkish letters and emoji included.
func TestOpen_Encodings(t *testing.T) {
	base := readFile(t, "testdata/googleforms_tr.csv")
	want, _, err := parseAll(t, "f.csv", base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	encode := func(e encoding.Encoding, b []byte) []byte {
		out, err := e.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cases := []struct {
		name     string
		body     []byte
		encoding string
	}{
		{"UTF8BOM", append([]byte{0xEF, 0xBB, 0xBF}, base...), EncodingUTF8BOM},
		{"UTF16LE", encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), base), EncodingUTF16LE},
		{"UTF16BE", encode(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), base), EncodingUTF16BE},
		{"UTF16LENoBOM", encode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), base), EncodingUTF16LE},
		{"CRLF", bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n")), EncodingUTF8},
		{"CROnly", bytes.ReplaceAll(base, []byte("\n"), []byte("\r")), EncodingUTF8},
		{"Semicolon", redelimit(t, base, ';'), EncodingUTF8},
		{"Tab", redelimit(t, base, '\t'), EncodingUTF8},
		{"ExcelSepLine", append([]byte("sep=;\r\n"), redelimit(t, base, ';')...), EncodingUTF8},
		{"UTF16LESemicolonCRLF", encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
			bytes.ReplaceAll(redelimit(t, base, ';'), []byte("\n"), []byte("\r\n"))), EncodingUTF16LE},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, p, err := parseAll(t, "f.csv", c.body, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Detection().Encoding != c.encoding {
				t.Errorf("encoding %s, want %s", p.Detection().Encoding, c.encoding)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("responses differ from the UTF-8 file:\n got %+v\nwant %+v", got[0], want[0])
			}
		})
	}

	t.Run("Windows1252", func(t *testing.T) {
		// Spanish text survives the round trip; so does a stray Windows-1252 byte in a file
		// whose start is plain UTF-8.
		utf := readFile(t, "testdata/googleforms_es_cp1252.csv")
		text, err := charmap.Windows1252.NewDecoder().Bytes(utf)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := parseAll(t, "f.csv", utf, Options{})
		if err != nil {
			t.Fatal(err)
		}
		asUTF8, _, err := parseAll(t, "f.csv", text, Options{})
		if err != nil || !reflect.DeepEqual(asUTF8, want) {
			t.Errorf("UTF-8 and Windows-1252 copies differ: %v", err)
		}
		if want[1].Comment != "Pésimo, señor. Nadie contestó el teléfono" {
			t.Errorf("comment %q", want[1].Comment)
		}
		// Past the head Detect sees, the stray byte cannot change the detected encoding.
		ascii := strings.Repeat("a,5,a plain ascii comment of some length,2026-01-01 10:00:00\n", HeadSize/30)
		mixed := "#,Rate us (1-5),Comment,Submit Date (UTC)\n" + ascii + "b,4,caf\xe9 cr\xe8me \x80,2026-01-02 10:00:00\n"
		rs, p, err := parseAll(t, "m.csv", []byte(mixed), Options{})
		if err != nil || p.Detection().Encoding != EncodingUTF8 || rs[len(rs)-1].Comment != "café crème €" {
			t.Errorf("mixed file: %v %+v %q", err, p.Detection(), rs[len(rs)-1].Comment)
		}
	})
}

// Qualtrics writes its TSV exports as UTF-16LE with tabs and CRLF.
func TestOpen_QualtricsTSV(t *testing.T) {
	body := readFile(t, fixture("sample_qualtrics_v3.csv"))
	want, _, err := parseAll(t, "q.csv", body, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tsv, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(
		bytes.ReplaceAll(redelimit(t, body, '\t'), []byte("\n"), []byte("\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	got, p, err := parseAll(t, "q.csv", tsv, Options{})
	if err != nil || p.Format() != FormatQualtrics || !reflect.DeepEqual(got, want) {
		t.Errorf("TSV: %v, %+v, %d responses (want %d, equal to the CSV's)", err, p.Detection(), len(got), len(want))
	}
}

// redelimit rewrites a CSV with another delimiter.
func redelimit(t *testing.T, body []byte, delim rune) []byte {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Comma = delim
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestUTF8Fallback(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"señor ığ 😀", "señor ığ 😀"},
		{"caf\xe9", "café"},
		{"\x80 \x93quoted\x94", "€ “quoted”"},
		{"ok \xc3", "ok Ã"},        // a cut-off sequence at the very end
		{"\xe2\x82", "â‚"},         // two bytes of a three-byte sequence
		{"a\xff\xfeb", "aÿþb"},     // bytes that never start UTF-8
		{"\xef\xbf\xbd", "\ufffd"}, // a real replacement character stays
		{strings.Repeat("x", 5000) + "\xe9" + strings.Repeat("y", 5000), strings.Repeat("x", 5000) + "é" + strings.Repeat("y", 5000)},
	}
	for _, c := range cases {
		var out bytes.Buffer
		// A tiny reader buffer splits sequences across Transform calls.
		if _, err := out.ReadFrom(decoder(EncodingUTF8, false, &oneByteReader{s: c.in})); err != nil {
			t.Fatal(err)
		}
		if out.String() != c.want {
			t.Errorf("decode %q = %q, want %q", c.in, out.String(), c.want)
		}
	}
}

type oneByteReader struct {
	s string
	i int
}

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.s) {
		return 0, errEOF
	}
	p[0] = r.s[r.i]
	r.i++
	return 1, nil
}

func TestSniffDelimiter(t *testing.T) {
	cases := []struct {
		in   string
		want rune
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2,5;3\n", ';'},
		{"a\tb\tc\n1\t2\t3\n", '\t'},
		{`"x, y";b;c` + "\n1;2;3\n", ';'},
		{"single\nvalue\n", ','},
		{"\"multi\nline;header\",b,c\n1,2,3\n", ','},
	}
	for _, c := range cases {
		if got := sniffDelimiter(c.in); got != c.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
