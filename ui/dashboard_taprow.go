package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapRow is a row of a list that opens something: any content, highlighted under the mouse,
// calling onTap when tapped.
type tapRow struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
	hover   *canvas.Rectangle
}

func newTapRow(content fyne.CanvasObject, onTap func()) *tapRow {
	r := &tapRow{content: content, onTap: onTap, hover: canvas.NewRectangle(color.Transparent)}
	r.hover.CornerRadius = theme.InputRadiusSize()
	r.ExtendBaseWidget(r)
	return r
}

// Tapped calls onTap.
func (r *tapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// Cursor is a pointer: the row opens something.
func (r *tapRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the row.
func (r *tapRow) MouseIn(*desktop.MouseEvent) {
	r.hover.FillColor = r.Theme().Color(theme.ColorNameHover, fyne.CurrentApp().Settings().ThemeVariant())
	r.hover.Refresh()
}

// MouseMoved does nothing: the row is highlighted as a whole.
func (r *tapRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (r *tapRow) MouseOut() {
	r.hover.FillColor = color.Transparent
	r.hover.Refresh()
}

func (r *tapRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.hover, r.content))
}
