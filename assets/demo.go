package assets

import "embed"

// Demo holds the demo dataset's word lists under demo/: one file of names and comment
// phrases per language (en.txt, es.txt, tr.txt), the CX team's notes (notes.txt) and emoji
// (emoji.txt). data/demo composes comments from them; the format is described at the top of
// each file.
//
//go:embed demo/*.txt
var Demo embed.FS
