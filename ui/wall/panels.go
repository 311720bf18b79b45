package wall

import (
	"fmt"
	"strings"
)

// Panel is one of the wall's screens.
type Panel string

// Panels, in their default order.
const (
	PanelScore        Panel = "score"        // the score in huge type, its trend arrow and n
	PanelTrend        Panel = "trend"        // the score per week
	PanelDistribution Panel = "distribution" // how many gave each scale value
	PanelLatest       Panel = "latest"       // the latest positive and negative comments
	PanelBoard        Panel = "board"        // a feedback board, positive left, negative right
)

// AllPanels is the default rotation.
var AllPanels = []Panel{PanelScore, PanelTrend, PanelDistribution, PanelLatest, PanelBoard}

// ParsePanels reads a comma-separated list of panels such as "score,latest,board", the value
// of --panels. Order is kept; an unknown or repeated name is an error.
func ParsePanels(s string) ([]Panel, error) {
	var out []Panel
	seen := map[Panel]bool{}
	for _, part := range strings.Split(s, ",") {
		p := Panel(strings.ToLower(strings.TrimSpace(part)))
		if p == "" {
			continue
		}
		if !known(p) {
			return nil, fmt.Errorf("--panels: %q is not a panel; choose from %s", part, panelNames())
		}
		if seen[p] {
			return nil, fmt.Errorf("--panels: %q is listed twice", part)
		}
		seen[p] = true
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--panels needs at least one of %s", panelNames())
	}
	return out, nil
}

func known(p Panel) bool {
	for _, q := range AllPanels {
		if p == q {
			return true
		}
	}
	return false
}

func panelNames() string {
	names := make([]string, len(AllPanels))
	for i, p := range AllPanels {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}
