package ui

import (
	"encoding/json"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/verbatim-app/verbatim/assets"
)

// uiLanguage is a language the interface ships in.
type uiLanguage struct {
	code string // ISO 639-1 code, also the name of its translations file
	name string // its name in itself: shown untranslated, so everyone finds their own
}

// languages lists the interface languages in the order Settings shows them.
var languages = []uiLanguage{
	{"en", "English"},
	{"es", "Español"},
	{"tr", "Türkçe"},
}

// knownLanguage reports whether the interface ships in code.
func knownLanguage(code string) bool {
	for _, l := range languages {
		if l.code == code {
			return true
		}
	}
	return false
}

// defaultLanguage is the system's language when the interface ships in it, English otherwise.
func defaultLanguage() string {
	if code := lang.SystemLocale().LanguageString(); knownLanguage(code) {
		return code
	}
	return "en"
}

var (
	translationsOnce sync.Once
	translationsErr  error
)

// loadTranslations registers the embedded translations with Fyne's lang package, once per
// process, before any window is built.
func loadTranslations() error {
	translationsOnce.Do(func() {
		translationsErr = lang.AddTranslationsFS(assets.Translations, "translations")
	})
	return translationsErr
}

// setLanguage makes lang.L and lang.N answer in code ("en", "es" or "tr").
//
// Fyne 2.7's lang package always answers in the language closest to the system locale and
// has no setter (fyne-io/fyne#5333). It does let an app add messages for a locale, and later
// messages replace earlier ones with the same key: adding the chosen language's messages
// under the system's own language makes lang answer in the chosen one, and switching back
// adds the other file again. Every file holds every key, so nothing of the previous language
// is left behind. Fyne's own strings that we do not translate (a stock dialog's buttons, the
// calendar) stay in the system language.
func setLanguage(code string) error {
	if err := loadTranslations(); err != nil {
		return fmt.Errorf("load the interface translations: %w", err)
	}
	raw, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		return fmt.Errorf("the interface is not available in %q", code)
	}
	msgs, err := withEveryPluralForm(raw)
	if err != nil {
		return fmt.Errorf("translations/%s.json: %w", code, err)
	}
	return lang.AddTranslationsForLocale(msgs, fyne.Locale(lang.SystemLocale().LanguageString()))
}

// withEveryPluralForm gives each plural message every CLDR plural form, copying "other" into
// the missing ones. The messages are read with the plural rules of the system language,
// whose forms may differ from the chosen language's (Russian asks for "few", Turkish
// translations only have "one" and "other"); a missing form would make lang fall back to the
// English key.
func withEveryPluralForm(raw []byte) ([]byte, error) {
	var msgs map[string]any
	if err := json.Unmarshal(raw, &msgs); err != nil {
		return nil, fmt.Errorf("not a translations file: %w", err)
	}
	for _, m := range msgs {
		forms, ok := m.(map[string]any)
		if !ok {
			continue
		}
		other, ok := forms["other"]
		if !ok {
			continue
		}
		for _, f := range []string{"zero", "one", "two", "few", "many"} {
			if _, ok := forms[f]; !ok {
				forms[f] = other
			}
		}
	}
	return json.Marshal(msgs)
}
