package boardfile

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/verbatim-app/verbatim/data"
)

func pictureSample(positive, negative int) *data.BoardSnapshot {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	s := &data.BoardSnapshot{Name: "Week 47", CreatedAt: at}
	for i := range positive + negative {
		side, score := data.SidePositive, 10.0
		if i >= positive {
			side, score = data.SideNegative, 2
		}
		s.Cards = append(s.Cards, &data.SnapshotCard{Side: side, Source: "NPS", PinnedAt: at, Note: "Read aloud",
			Response: &data.Response{ExternalID: fmt.Sprint(i), SurveyType: data.TypeNPS, ScaleMax: 10, Score: data.Float(score),
				Comment: strings.Repeat("A customer comment long enough to wrap over several lines. ", 3), CreatedAt: at}})
	}
	return s
}

func TestWritePicture(t *testing.T) {
	t.Run("TwoColumns", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WritePicture(&buf, pictureSample(2, 1), PictureOptions{}); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != pageWidth || b.Dy() != pageHeight {
			t.Fatalf("page %v, want %dx%d", b, pageWidth, pageHeight)
		}
		// The rule under each column title is in the side's colour: green left, red right.
		colWidth := (pageWidth - 2*pageMargin - columnGap) / 2
		ruleY := pageMargin + 92 + 30 + 40 + 90 + 56 + 24 + 4
		if got := img.At(pageMargin+colWidth/2, ruleY); !sameColor(got, colPositive) {
			t.Errorf("left rule is %v, want positive green", got)
		}
		if got := img.At(pageMargin+colWidth+columnGap+colWidth/2, ruleY); !sameColor(got, colNegative) {
			t.Errorf("right rule is %v, want negative red", got)
		}
	})
	t.Run("GrowsForManyCards", func(t *testing.T) {
		img, err := Picture(pictureSample(14, 2), PictureOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dy() <= pageHeight {
			t.Fatalf("14 cards fit on %d px; the page should have grown", img.Bounds().Dy())
		}
	})
}

func sameColor(a color.Color, b color.RGBA) bool {
	r, g, bl, _ := a.RGBA()
	return uint8(r>>8) == b.R && uint8(g>>8) == b.G && uint8(bl>>8) == b.B
}

func TestWrap(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	width := font.MeasureString(fs.comment, "mmmmmmmmmm").Ceil() // ten m's per line
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"Fits", "mmm mmm", []string{"mmm mmm"}},
		{"Wraps", "mmmmm mmmmm mmm", []string{"mmmmm", "mmmmm mmm"}},
		{"KeepsLineBreaks", "mm\r\nmm", []string{"mm", "mm"}},
		{"BreaksLongWords", "mmmmmmmmmmmmmmm", []string{"mmmmmmmmmm", "mmmmm"}},
		{"Empty", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wrap(fs.comment, c.in, width)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Fatalf("wrap(%q) = %q, want %q", c.in, got, c.want)
			}
			for _, line := range got {
				if font.MeasureString(fs.comment, line) > fixed.I(width) {
					t.Errorf("line %q is wider than %d px", line, width)
				}
			}
		})
	}
}
