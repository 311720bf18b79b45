package demo

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatim-app/verbatim/assets"
)

// polarity is a comment's tone, taken from its score band.
type polarity uint8

const (
	negative polarity = iota
	neutral
	positive
	numPolarities
)

var polarityNames = [numPolarities]string{"negative", "neutral", "positive"}

// theme is what a comment is about; its name is also the tag the source puts on it.
type theme uint8

const (
	praise theme = iota
	billing
	onboarding
	speed
	support
	bugs
	mobile
	pricing
	features
	ux
	numThemes
)

var themeNames = [numThemes]string{
	"praise", "billing", "onboarding", "speed", "support", "bugs", "mobile", "pricing", "features", "ux",
}

// Slots are the {names} a sentence may contain; each language lists their values.
const (
	slotFeature = iota
	slotWait
	slotAmount
	numSlots
)

var slotNames = []string{"feature", "wait", "amount"}

// noteSlots are the slots of team notes: a ticket number the generator makes up.
var noteSlots = []string{"ticket"}

// Languages, in the order of phrases.langs.
const (
	langEN = iota
	langES
	langTR
	numLangs
)

var langCodes = [numLangs]string{"en", "es", "tr"}

// template is one sentence with slots: lits[0] slot[0] lits[1] slot[1] ... lits[len(slots)].
// Splitting it once at load time lets the generator append pieces without scanning text.
type template struct {
	lits  []string
	slots []uint8
}

// language holds everything one language contributes to the demo data.
type language struct {
	code            string
	first, last     []string
	mailFirst       []string // first names folded to ASCII lower case for e-mail addresses
	mailLast        []string
	slots           [numSlots][]string
	short           [numPolarities][]template // whole comments on their own
	open, close     [numPolarities][]template
	themes          [numThemes][numPolarities][]template // an empty list: no such sentence
	billingIncident []template
}

// notes are what the CX team writes on detractors' responses.
type notes struct {
	byTheme    [numThemes][]template
	any, reply []template
}

// phrases is the parsed content of assets/demo.
type phrases struct {
	langs [numLangs]*language
	notes notes
	emoji [numPolarities][]string
}

// loadPhrases parses the embedded word lists once per process.
var loadPhrases = sync.OnceValues(func() (*phrases, error) { return parsePhrases(assets.Demo) })

// parsePhrases reads the word lists of the demo dataset from fsys (laid out as assets.Demo).
func parsePhrases(fsys fs.FS) (*phrases, error) {
	var p phrases
	for i, code := range langCodes {
		s, err := readSections(fsys, "demo/"+code+".txt")
		if err != nil {
			return nil, err
		}
		if p.langs[i], err = s.language(code); err != nil {
			return nil, err
		}
	}
	s, err := readSections(fsys, "demo/notes.txt")
	if err != nil {
		return nil, err
	}
	if p.notes, err = s.notes(); err != nil {
		return nil, err
	}
	if s, err = readSections(fsys, "demo/emoji.txt"); err != nil {
		return nil, err
	}
	for pol := range numPolarities {
		p.emoji[pol] = s.take(polarityNames[pol], true)
	}
	if err := s.done(); err != nil {
		return nil, err
	}
	return &p, nil
}

// sections is one parsed word-list file: its entries by section name. Builders take the
// sections they know, so that done can report the ones nobody asked for (usually a typo).
type sections struct {
	path    string
	entries map[string][]string
	missing []string
}

func readSections(fsys fs.FS, path string) (*sections, error) {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("reading demo word list: %w", err)
	}
	s := &sections{path: "assets/" + path, entries: map[string][]string{}}
	current := ""
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			current = strings.Join(strings.Fields(line[1:len(line)-1]), " ")
			if _, dup := s.entries[current]; dup {
				return nil, fmt.Errorf("%s line %d: section [%s] appears twice", s.path, n+1, current)
			}
			s.entries[current] = nil
		case current == "":
			return nil, fmt.Errorf("%s line %d: %q comes before any [section]", s.path, n+1, line)
		default:
			s.entries[current] = append(s.entries[current], line)
		}
	}
	return s, nil
}

// take removes and returns a section; a required section that is absent or empty is
// recorded for done to report.
func (s *sections) take(name string, required bool) []string {
	e, ok := s.entries[name]
	delete(s.entries, name)
	if required && (!ok || len(e) == 0) {
		s.missing = append(s.missing, name)
	}
	return e
}

// done reports missing required sections and sections nobody took.
func (s *sections) done() error {
	if len(s.missing) > 0 {
		return fmt.Errorf("%s: section [%s] is missing or empty", s.path, s.missing[0])
	}
	if len(s.entries) > 0 {
		names := make([]string, 0, len(s.entries))
		for n := range s.entries {
			names = append(names, n)
		}
		slices.Sort(names)
		return fmt.Errorf("%s: unknown section [%s]", s.path, names[0])
	}
	return nil
}

func (s *sections) templates(name string, required bool, slots []string) ([]template, error) {
	lines := s.take(name, required)
	ts := make([]template, 0, len(lines))
	for _, line := range lines {
		t, err := parseTemplate(line, slots)
		if err != nil {
			return nil, fmt.Errorf("%s, section [%s]: %w", s.path, name, err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

func (s *sections) language(code string) (*language, error) {
	l := &language{code: code}
	l.first = s.take("first", true)
	l.last = s.take("last", true)
	l.mailFirst = foldAll(l.first)
	l.mailLast = foldAll(l.last)
	for i, name := range slotNames {
		l.slots[i] = s.take("slot "+name, true)
	}
	var err error
	for pol := range numPolarities {
		pn := polarityNames[pol]
		if l.short[pol], err = s.templates("short "+pn, true, slotNames); err != nil {
			return nil, err
		}
		if l.open[pol], err = s.templates("open "+pn, true, slotNames); err != nil {
			return nil, err
		}
		if l.close[pol], err = s.templates("close "+pn, true, slotNames); err != nil {
			return nil, err
		}
		for th := range numThemes {
			// Praise has no negative sentences; every other theme has all three tones.
			required := th != praise || pol != negative
			if l.themes[th][pol], err = s.templates(themeNames[th]+" "+pn, required, slotNames); err != nil {
				return nil, err
			}
		}
	}
	if l.billingIncident, err = s.templates("billing incident", true, slotNames); err != nil {
		return nil, err
	}
	return l, s.done()
}

func (s *sections) notes() (notes, error) {
	var n notes
	var err error
	for th := range numThemes {
		if n.byTheme[th], err = s.templates(themeNames[th], true, noteSlots); err != nil {
			return n, err
		}
	}
	if n.any, err = s.templates("any", true, noteSlots); err != nil {
		return n, err
	}
	if n.reply, err = s.templates("reply", true, noteSlots); err != nil {
		return n, err
	}
	return n, s.done()
}

// parseTemplate splits a sentence at its {slots}. A sentence must start with text so that it
// is always capitalised, whatever fills the slot.
func parseTemplate(line string, slots []string) (template, error) {
	var t template
	rest := line
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			t.lits = append(t.lits, rest)
			return t, nil
		}
		if i == 0 && len(t.lits) == 0 {
			return t, fmt.Errorf("%q starts with a slot", line)
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return t, fmt.Errorf("%q has an unterminated {slot", line)
		}
		k := slices.Index(slots, rest[i+1:i+j])
		if k < 0 {
			return t, fmt.Errorf("%q uses unknown slot {%s}", line, rest[i+1:i+j])
		}
		t.lits = append(t.lits, rest[:i])
		t.slots = append(t.slots, uint8(k))
		rest = rest[i+j+1:]
	}
}

// asciiFold spells Spanish and Turkish letters the way people do in e-mail addresses.
var asciiFold = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ü", "u",
	"Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u", "Ñ", "n", "Ü", "u",
	"ç", "c", "ğ", "g", "ı", "i", "ö", "o", "ş", "s",
	"Ç", "c", "Ğ", "g", "İ", "i", "I", "i", "Ö", "o", "Ş", "s",
)

func foldAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				return r
			case r >= 'A' && r <= 'Z':
				return unicode.ToLower(r)
			case r == ' ' || r == '-':
				return '.'
			default:
				return -1
			}
		}, asciiFold.Replace(n))
	}
	return out
}
