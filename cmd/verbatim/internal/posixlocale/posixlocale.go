// Package posixlocale keeps Fyne quiet on machines whose locale is C or POSIX (Debian's
// default in containers and CI): Fyne's lang package parses the locale while it initialises
// and logs three lines of "Error parsing user locale C" on stderr, before main runs, on every
// command. Imported for its side effect by cmd/verbatim, this package initialises first (it
// needs nothing but os, and Go initialises packages in a defined order) and names the C
// locale's language, English, explicitly.
package posixlocale

import (
	"os"
	"strings"
)

func init() { sanitize(os.Getenv, os.Setenv) }

// sanitize replaces a C or POSIX locale in the variable that decides the language (the first
// of LC_ALL, LC_MESSAGES and LANG that is set, as in setlocale(3)) with en_US.UTF-8.
func sanitize(getenv func(string) string, setenv func(string, string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			setenv(name, "en_US.UTF-8")
		}
		return
	}
}
