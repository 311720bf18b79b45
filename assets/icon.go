// Package assets holds the files Verbatim embeds in its binary: the
// application icon, the UI translations and the demo-data word lists.
// It has no dependencies so that both ui and data/demo may use it.
package assets

import _ "embed"

// IconPNG is the 512×512 application icon (rendered from icon.svg with
// rsvg-convert). The ui package wraps it as a fyne.Resource.
//
//go:embed icon.png
var IconPNG []byte
