package ui

// Preference keys. Preferences are read once when the window is built (with the
// XWithFallback getters) and one key is written per change. Never store an API token here:
// Fyne keeps preferences in plain text.
const (
	prefLanguage     = "language"     // "en", "es" or "tr"
	prefTheme        = "theme"        // themeLight, themeDark or themeSystem
	prefTextSize     = "textSize"     // one of textSizes' names
	prefWindowWidth  = "windowWidth"  // the window's content size when it was last closed,
	prefWindowHeight = "windowHeight" // in Fyne units
	prefScreen       = "screen"       // the screen shown when the window was last closed
	prefDateRange    = "dateRange"    // the filter bar's date preset
	prefSyncSchedule = "syncSchedule" // one of syncSchedules' ids: off, 15m, 1h
)
