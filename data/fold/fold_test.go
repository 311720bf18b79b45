package fold

import "testing"

func TestRune(t *testing.T) {
	for _, tc := range []struct {
		in   rune
		want string
	}{
		{'a', "a"}, {'É', "e"}, {'Ñ', "n"}, {'ç', "c"}, {'ğ', "g"}, {'Ş', "s"},
		{'I', "i"}, {'İ', "i"}, {'ı', "i"}, {'ø', "ø"}, {'ß', "ß"}, {'\u0301', ""}, {'7', "7"},
	} {
		if got := Rune(tc.in); got != tc.want {
			t.Errorf("Rune(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
