package ui

import "fyne.io/fyne/v2"

// weightedLayout lays objects out in a row or a column: an object of weight 0 gets its
// minimum size along the axis, the others share what is left in proportion to their
// weights, never below their minimum. The dashboard's charts grow with the window this way,
// and inside a scroll container a small window scrolls instead of squashing them.
type weightedLayout struct {
	vertical bool
	weights  []float32
	mins     []float32 // a floor under each object's own minimum along the axis
	gap      float32
}

func newRowsLayout(gap float32, weights ...float32) *weightedLayout {
	return &weightedLayout{vertical: true, weights: weights, gap: gap}
}

func newColumnsLayout(gap float32, weights ...float32) *weightedLayout {
	return &weightedLayout{weights: weights, gap: gap}
}

// atLeast sets floors under the objects' minimum lengths along the axis, in order.
func (l *weightedLayout) atLeast(mins ...float32) *weightedLayout {
	l.mins = mins
	return l
}

// minAlong is an object's minimum length along the axis.
func (l *weightedLayout) minAlong(i int, o fyne.CanvasObject) float32 {
	min, _ := l.along(o.MinSize())
	if i < len(l.mins) {
		min = max(min, l.mins[i])
	}
	return min
}

func (l *weightedLayout) weight(i int) float32 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 1
}

// along returns a size's length along the layout's axis, across the other.
func (l *weightedLayout) along(s fyne.Size) (float32, float32) {
	if l.vertical {
		return s.Height, s.Width
	}
	return s.Width, s.Height
}

func (l *weightedLayout) visible(objects []fyne.CanvasObject) []int {
	var idx []int
	for i, o := range objects {
		if o.Visible() {
			idx = append(idx, i)
		}
	}
	return idx
}

func (l *weightedLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	idx := l.visible(objects)
	if len(idx) == 0 {
		return
	}
	total, across := l.along(size)
	free := total - l.gap*float32(len(idx)-1)
	var weights float32
	lengths := make(map[int]float32, len(idx))
	for _, i := range idx {
		min := l.minAlong(i, objects[i])
		lengths[i] = min
		free -= min
		weights += l.weight(i)
	}
	// Hand out what is left by weight, on top of the minimums: a heavy object grows more.
	if free > 0 && weights > 0 {
		for _, i := range idx {
			lengths[i] += free * l.weight(i) / weights
		}
	}
	pos := float32(0)
	for _, i := range idx {
		if l.vertical {
			objects[i].Move(fyne.NewPos(0, pos))
			objects[i].Resize(fyne.NewSize(across, lengths[i]))
		} else {
			objects[i].Move(fyne.NewPos(pos, 0))
			objects[i].Resize(fyne.NewSize(lengths[i], across))
		}
		pos += lengths[i] + l.gap
	}
}

func (l *weightedLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	idx := l.visible(objects)
	var along, across float32
	for _, i := range idx {
		_, c := l.along(objects[i].MinSize())
		along += l.minAlong(i, objects[i])
		across = max(across, c)
	}
	if len(idx) > 1 {
		along += l.gap * float32(len(idx)-1)
	}
	if l.vertical {
		return fyne.NewSize(across, along)
	}
	return fyne.NewSize(along, across)
}
