package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// paragraph is wrapped, centred text in meeting mode's own type size and colour (the
// comment, the presenter note): a Label under a theme of its own, since canvas.Text does
// not wrap. base is its size at meetingHeight pixels; the layout scales and fits it.
type paragraph struct {
	label *widget.Label
	box   *container.ThemeOverride
	color color.Color
	size  float32 // as drawn, in pixels
	base  float32
}

func newParagraph(c color.Color, base float32, italic bool) *paragraph {
	p := &paragraph{label: widget.NewLabel(""), color: c, size: base, base: base}
	p.label.Wrapping = fyne.TextWrapWord
	p.label.Alignment = fyne.TextAlignCenter
	p.label.TextStyle.Italic = italic
	p.box = container.NewThemeOverride(p.label, &meetingTheme{size: base, color: c})
	return p
}

// setSize draws the text at size pixels.
func (p *paragraph) setSize(size float32) {
	if p.size != size {
		p.size = size
		p.box.Theme = &meetingTheme{size: size, color: p.color}
		p.box.Refresh()
	}
}

// heightAt returns the text's height when wrapped to width, leaving it that wide.
func (p *paragraph) heightAt(width float32) float32 {
	if p.label.Text == "" {
		return 0
	}
	p.box.Resize(fyne.NewSize(width, p.box.MinSize().Height))
	return p.box.MinSize().Height
}

// meetingTheme is the dark theme at a large text size in one colour, for the presentation.
type meetingTheme struct {
	size  float32
	color color.Color
}

func (t *meetingTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return t.color
	}
	return theme.DefaultTheme().Color(n, theme.VariantDark)
}

func (t *meetingTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (t *meetingTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *meetingTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return t.size
	case theme.SizeNameLineSpacing:
		return t.size * 0.3
	case theme.SizeNameInnerPadding:
		return 0 // the layout spaces the block itself
	}
	return theme.DefaultTheme().Size(n)
}
