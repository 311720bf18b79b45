package chart

import (
	"image/color"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/verbatim-app/verbatim/data"
)

// palette holds the colours of one theme. The backgrounds are Fyne's default theme's, so a
// chart blends into the window; text is darker (lighter on dark) than Fyne's secondary text,
// because charts are read from a distance on projectors and office screens.
type palette struct {
	background, text, muted, axis, grid, reference drawing.Color
	accent, band, weak, lane                       drawing.Color
	bands                                          map[string]drawing.Color
}

var (
	lightPalette = palette{
		background: rgb(0xff, 0xff, 0xff),
		text:       rgb(0x26, 0x26, 0x28),
		muted:      rgb(0x5c, 0x5c, 0x60),
		axis:       rgb(0xb8, 0xb8, 0xbc),
		grid:       rgb(0xe8, 0xe8, 0xea),
		reference:  rgb(0x80, 0x80, 0x84),
		accent:     rgb(0x1f, 0x6f, 0xd1),
		band:       drawing.Color{R: 0x1f, G: 0x6f, B: 0xd1, A: 0x30},
		weak:       rgb(0x9a, 0x9a, 0x9e),
		lane:       drawing.Color{R: 0x1f, G: 0x6f, B: 0xd1, A: 0x38},
		bands: map[string]drawing.Color{
			data.BandPositive: rgb(0x2e, 0x9d, 0x5a),
			data.BandNeutral:  rgb(0xe8, 0xa3, 0x17),
			data.BandNegative: rgb(0xd6, 0x45, 0x3d),
		},
	}
	darkPalette = palette{
		background: rgb(0x17, 0x17, 0x18),
		text:       rgb(0xe6, 0xe6, 0xe8),
		muted:      rgb(0xaa, 0xaa, 0xae),
		axis:       rgb(0x5a, 0x5a, 0x5e),
		grid:       rgb(0x2e, 0x2e, 0x32),
		reference:  rgb(0x8c, 0x8c, 0x90),
		accent:     rgb(0x5a, 0xa2, 0xff),
		band:       drawing.Color{R: 0x5a, G: 0xa2, B: 0xff, A: 0x3a},
		weak:       rgb(0x86, 0x86, 0x8a),
		lane:       drawing.Color{R: 0x5a, G: 0xa2, B: 0xff, A: 0x48},
		bands: map[string]drawing.Color{
			data.BandPositive: rgb(0x4c, 0xc3, 0x7c),
			data.BandNeutral:  rgb(0xf2, 0xb9, 0x46),
			data.BandNegative: rgb(0xf0, 0x6b, 0x62),
		},
	}
)

func rgb(r, g, b uint8) drawing.Color { return drawing.Color{R: r, G: g, B: b, A: 0xff} }

// paletteFor returns the palette of the options' theme, with their background if given.
func paletteFor(o Options) palette {
	p := lightPalette
	if o.Theme == Dark {
		p = darkPalette
	}
	if o.Background != nil {
		c := color.NRGBAModel.Convert(o.Background).(color.NRGBA)
		p.background = drawing.Color{R: c.R, G: c.G, B: c.B, A: 0xff}
	}
	return p
}

// BandColor returns the colour a chart gives a score band, for legends and tiles drawn
// elsewhere that must match the charts.
func BandColor(band string, t Theme) color.NRGBA {
	p := lightPalette
	if t == Dark {
		p = darkPalette
	}
	c := p.bands[band]
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: c.A}
}

// withAlpha returns c at alpha a.
func withAlpha(c drawing.Color, a uint8) drawing.Color { c.A = a; return c }
