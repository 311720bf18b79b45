package assets

import "embed"

// Translations holds the UI translations under translations/: one go-i18n JSON file per
// language (en.json, es.json, tr.json), keyed by the English text. The ui package loads
// them with lang.AddTranslationsFS before the window opens.
//
//go:embed translations/*.json
var Translations embed.FS
