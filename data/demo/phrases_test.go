package demo

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/verbatim-app/verbatim/assets"
)

func TestParsePhrases_Embedded(t *testing.T) {
	ph, err := loadPhrases()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ph.langs {
		if len(l.first) < 30 || len(l.last) < 30 {
			t.Errorf("%s: %d first and %d last names, want at least 30 of each", l.code, len(l.first), len(l.last))
		}
		for th := range numThemes {
			for pol := range numPolarities {
				if n := len(l.themes[th][pol]); n == 0 && (th != praise || pol != negative) {
					t.Errorf("%s: no %s %s sentences", l.code, themeNames[th], polarityNames[pol])
				}
			}
		}
		for i, name := range l.mailFirst {
			if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz.") != "" {
				t.Errorf("%s: first name %q folds to %q, want lower-case ASCII", l.code, l.first[i], name)
			}
		}
	}
	for pol := range numPolarities {
		if len(ph.emoji[pol]) == 0 {
			t.Errorf("no %s emoji", polarityNames[pol])
		}
	}
}

func TestParsePhrases_Errors(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"ErrUnknownSlot", "en.txt", appendText("[praise negative]\nWe hate {colour}.\n"), `unknown slot {colour}`},
		{"ErrSlotFirst", "es.txt", appendText("[praise negative]\n{feature} es horrible.\n"), `starts with a slot`},
		{"ErrUnterminatedSlot", "tr.txt", appendText("[praise negative]\nÖzellikle {feature berbat.\n"), `unterminated`},
		{"ErrDuplicateSection", "en.txt", appendText("[first]\nAda\n"), `section [first] appears twice`},
		{"ErrUnknownSection", "notes.txt", appendText("[billingg]\nRefunded.\n"), `unknown section [billingg]`},
		{"ErrEntryBeforeSection", "notes.txt", func(s string) string { return "Refunded.\n" + s }, `line 1: "Refunded." comes before any [section]`},
		{"ErrMissingSection", "emoji.txt", func(s string) string { return strings.Replace(s, "[neutral]", "[unused]", 1) }, `section [neutral] is missing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			err := fs.WalkDir(assets.Demo, "demo", func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := fs.ReadFile(assets.Demo, path)
				if path == "demo/"+tc.file {
					b = []byte(tc.edit(string(b)))
				}
				fsys[path] = &fstest.MapFile{Data: b}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = parsePhrases(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "assets/demo/"+tc.file) {
				t.Errorf("got %v, want an error about assets/demo/%s containing %q", err, tc.file, tc.want)
			}
		})
	}
}

func appendText(s string) func(string) string {
	return func(text string) string { return text + "\n" + s }
}

func TestFoldAll(t *testing.T) {
	for in, want := range map[string]string{
		"Ayşe": "ayse", "İbrahim": "ibrahim", "Yılmaz": "yilmaz", "Çağla": "cagla", "Öztürk": "ozturk",
		"Álvarez": "alvarez", "Muñoz": "munoz", "Inés": "ines", "María José": "maria.jose", "O'Brien": "obrien",
	} {
		if got := foldAll([]string{in})[0]; got != want {
			t.Errorf("foldAll(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTemplate(t *testing.T) {
	tpl, err := parseTemplate("Opening {feature} takes {wait}.", slotNames)
	if err != nil {
		t.Fatal(err)
	}
	want := template{lits: []string{"Opening ", " takes ", "."}, slots: []uint8{slotFeature, slotWait}}
	if strings.Join(tpl.lits, "|") != strings.Join(want.lits, "|") || string(tpl.slots) != string(want.slots) {
		t.Errorf("got %+v, want %+v", tpl, want)
	}
}
