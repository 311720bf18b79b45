package formats

import (
	"bytes"
	"io"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings Detect reports.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF8BOM     = "utf-8-bom"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
)

// rawCounter counts the bytes read from the file itself, for the progress bar. It is read
// from another goroutine than the one parsing, hence the atomic.
type rawCounter struct {
	r io.Reader
	n atomic.Int64
}

func (c *rawCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// textCounter sits after decoding: it counts lines and remembers how the text ended, which
// tells a truncated file (no final newline, short last row) from one that merely omits
// trailing empty cells, and an unterminated quote at the end of the file from one in the
// middle.
type textCounter struct {
	r     io.Reader
	lines int  // newlines seen
	last  byte // last byte seen
	eof   bool
}

func (c *textCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.lines += bytes.Count(p[:n], []byte{'\n'})
		c.last = p[n-1]
	}
	if err == io.EOF {
		c.eof = true
	}
	return n, err
}

// endedCleanly reports whether all the text was read and it ended with a line break.
func (c *textCounter) endedCleanly() bool { return c.eof && (c.last == '\n' || c.last == '\r') }

// decoder returns r decoded to UTF-8 according to enc. r must start after any byte-order
// mark of a UTF-8 file (Open discards it); UTF-16 decoders consume their own.
func decoder(enc string, crOnly bool, r io.Reader) io.Reader {
	var t transform.Transformer
	switch enc {
	case EncodingUTF16LE:
		t = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
	case EncodingUTF16BE:
		t = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
	case EncodingWindows1252:
		t = charmap.Windows1252.NewDecoder()
	default:
		t = utf8Fallback{}
	}
	if crOnly {
		t = transform.Chain(t, crToLF{})
	}
	return transform.NewReader(r, t)
}

// utf8Fallback passes valid UTF-8 through and reads any byte that is not part of a valid
// sequence as Windows-1252. A file that starts as clean UTF-8 (so Detect calls it UTF-8) but
// has a stray "café" saved by Excel further down then still reads right instead of failing
// or showing replacement characters. Valid UTF-8 is copied in whole chunks.
type utf8Fallback struct{ transform.NopResetter }

func (utf8Fallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		// Fast path: the longest run of complete runes that fits in dst, if it is valid.
		k := min(len(src)-nSrc, len(dst)-nDst)
		if k == 0 {
			return nDst, nSrc, transform.ErrShortDst
		}
		chunk := src[nSrc : nSrc+k]
		if nSrc+k < len(src) || !atEOF {
			chunk = chunk[:completeRunes(chunk)]
		}
		if len(chunk) > 0 && utf8.Valid(chunk) {
			nDst += copy(dst[nDst:], chunk)
			nSrc += len(chunk)
			continue
		}
		// Slow path, rune by rune up to and including the first byte that is not valid UTF-8
		// (utf8.Valid stopped there), then back to the fast path.
		for converted := false; !converted && nSrc < len(src); {
			c := src[nSrc]
			if c < utf8.RuneSelf {
				if nDst == len(dst) {
					return nDst, nSrc, transform.ErrShortDst
				}
				dst[nDst] = c
				nDst++
				nSrc++
				continue
			}
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size := utf8.DecodeRune(src[nSrc:])
			if r == utf8.RuneError && size <= 1 {
				r, size, converted = charmap.Windows1252.DecodeByte(c), 1, true
			}
			if utf8.RuneLen(r) > len(dst)-nDst {
				return nDst, nSrc, transform.ErrShortDst
			}
			nDst += utf8.EncodeRune(dst[nDst:], r)
			nSrc += size
		}
	}
	return nDst, nSrc, nil
}

// completeRunes returns the length of the longest prefix of b that does not end inside a
// multi-byte sequence.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// crToLF turns the lone carriage returns of old Mac "CSV (Macintosh)" exports into line feeds.
type crToLF struct{ transform.NopResetter }

func (crToLF) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	n := copy(dst, src)
	for i, c := range dst[:n] {
		if c == '\r' {
			dst[i] = '\n'
		}
	}
	if n < len(src) {
		return n, n, transform.ErrShortDst
	}
	return n, n, nil
}
