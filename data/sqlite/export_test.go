package sqlite

// SetDriveCaps changes the largest id set that drives a page and a count, so tests can run
// every filter through both query plans. It returns a function that restores them.
func SetDriveCaps(page, count int) (restore func()) {
	oldPage, oldCount := driveCap, countDriveCap
	driveCap, countDriveCap = page, count
	return func() { driveCap, countDriveCap = oldPage, oldCount }
}

// SetWindows makes the walks by date windows (readKeysWindowed) run for any id set, with
// windows of factor responses per key wanted and ids spread up to spread, so tests can
// cross many windows whatever the data. It returns a function that restores the defaults.
func SetWindows(factor int, spread float64) (restore func()) {
	oldMin, oldFactor, oldSpread := windowMinSet, windowFactor, windowSpread
	windowMinSet, windowFactor, windowSpread = 0, factor, spread
	return func() { windowMinSet, windowFactor, windowSpread = oldMin, oldFactor, oldSpread }
}
