package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"

	"github.com/verbatim-app/verbatim/ui/chart"
)

// Size of `verbatim report --png`: a landscape page that reads on a slide or printed.
const sheetWidth, sheetHeight = 1600, 1200

// writeReportPNG draws a report's charts on one page (trend on top, distribution, segments
// and themes under it) and writes it to path whole or not at all.
func writeReportPNG(path string, rj reportJSON) error {
	img, err := chart.Sheet(rj.Report, rj.Themes, sheetWidth, sheetHeight, chart.Options{})
	if err != nil {
		return fmt.Errorf("draw the %s report: %w", rj.Label, err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
