package ui

import (
	"image/color"

	"github.com/verbatim-app/verbatim/data"
)

// Band colours, shared by the KPI tiles, the charts and the comment chips: green for
// positive, amber for neutral, red for negative; the dark variants are lighter so they keep
// their contrast on a dark background.
var (
	bandColorsLight = map[string]color.NRGBA{
		data.BandPositive: {R: 0x2e, G: 0x9d, B: 0x5a, A: 0xff},
		data.BandNeutral:  {R: 0xe8, G: 0xa3, B: 0x17, A: 0xff},
		data.BandNegative: {R: 0xd6, G: 0x45, B: 0x3d, A: 0xff},
	}
	bandColorsDark = map[string]color.NRGBA{
		data.BandPositive: {R: 0x4c, G: 0xc3, B: 0x7c, A: 0xff},
		data.BandNeutral:  {R: 0xf2, G: 0xb9, B: 0x46, A: 0xff},
		data.BandNegative: {R: 0xf0, G: 0x6b, B: 0x62, A: 0xff},
	}
)

// bandColor returns the colour of a score band.
func bandColor(band string, dark bool) color.NRGBA {
	if dark {
		return bandColorsDark[band]
	}
	return bandColorsLight[band]
}
