package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices of the Settings screen.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// textSize is a choice of the Settings screen's text size.
type textSize struct {
	name  string // stored in preferences
	label string // English, translated when shown
	scale float32
}

// textSizes lists the text sizes, smallest first.
var textSizes = []textSize{
	{"small", "Small", 0.9},
	{"normal", "Normal", 1},
	{"large", "Large", 1.15},
	{"larger", "Larger", 1.3},
}

// textScale returns the scale of a text size name, 1 for an unknown one.
func textScale(name string) float32 {
	for _, s := range textSizes {
		if s.name == name {
			return s.scale
		}
	}
	return 1
}

// appTheme is Fyne's default theme in the variant the user chose (or the system's) with
// text scaled. A value never changes once set on the app: a new choice makes a new theme,
// so the renderer never sees one half-updated.
type appTheme struct {
	variant string // themeSystem, themeLight or themeDark
	scale   float32
}

var _ fyne.Theme = (*appTheme)(nil)

// resolve returns the variant to draw in, given the one the system asks for.
func (t *appTheme) resolve(system fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.variant {
	case themeLight:
		return theme.VariantLight
	case themeDark:
		return theme.VariantDark
	default:
		return system
	}
}

// Color returns the default theme's colour in the chosen variant.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.resolve(v))
}

// Font returns the default theme's font.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon returns the default theme's icon.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size returns the default theme's size, scaled for text and the icons that sit in text.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText,
		theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon, theme.SizeNameLineSpacing:
		return s * t.scale
	}
	return s
}
