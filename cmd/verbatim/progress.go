package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progressBar draws a one-line bar on a terminal and stays silent otherwise (pipes, CI logs).
type progressBar struct {
	w     io.Writer
	label string
	on    bool
	last  time.Time
}

func newProgressBar(w io.Writer, label string) *progressBar {
	f, ok := w.(*os.File)
	on := false
	if ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progressBar{w: w, label: label, on: on}
}

// update redraws the bar at most ten times a second.
func (p *progressBar) update(done, total int64) {
	if !p.on || total <= 0 || time.Since(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = time.Now()
	const width = 30
	filled := int(float64(width) * float64(done) / float64(total))
	filled = min(max(filled, 0), width)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3.0f%%", p.label, strings.Repeat("█", filled), strings.Repeat(" ", width-filled),
		100*float64(done)/float64(total))
}

// finish clears the bar's line.
func (p *progressBar) finish() {
	if p.on {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", len(p.label)+40))
	}
}
