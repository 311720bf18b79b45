package sqlite

// SetLoadDropMin makes loads drop the secondary indexes from n inserted rows on, and turns
// the background catch-up off when background is false, so tests see what a load leaves
// behind. It returns a function that restores both.
func SetLoadDropMin(n int64, background bool) (restore func()) {
	oldMin, oldBg := loadDropMin, catchUpInBackground
	loadDropMin, catchUpInBackground = n, background
	return func() { loadDropMin, catchUpInBackground = oldMin, oldBg }
}
