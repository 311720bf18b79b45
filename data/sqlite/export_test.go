package sqlite

// SetDriveCaps changes the largest id set that drives a page and a count, so tests can run
// every filter through both query plans. It returns a function that restores them.
func SetDriveCaps(page, count int) (restore func()) {
	oldPage, oldCount := driveCap, countDriveCap
	driveCap, countDriveCap = page, count
	return func() { driveCap, countDriveCap = oldPage, oldCount }
}
