package wall

import (
	"slices"
	"strings"
	"testing"
)

func TestParsePanels(t *testing.T) {
	cases := []struct {
		in      string
		want    []Panel
		wantErr string
	}{
		{"score,trend,distribution,latest,board", AllPanels, ""},
		{" latest , Score ", []Panel{PanelLatest, PanelScore}, ""},
		{"board", []Panel{PanelBoard}, ""},
		{"score,,trend", []Panel{PanelScore, PanelTrend}, ""},
		{"score,weather", nil, `"weather" is not a panel`},
		{"score,score", nil, "listed twice"},
		{"", nil, "at least one"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParsePanels(c.in)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("ParsePanels(%q) error %v, want one containing %q", c.in, err, c.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, c.want) {
				t.Fatalf("ParsePanels(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
}
