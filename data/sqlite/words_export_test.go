package sqlite

// SetWordSample changes how many comments per band DetractorWords reads, so tests can cross
// the cap with little data. It returns a function that restores it.
func SetWordSample(n int) (restore func()) {
	old := wordSample
	wordSample = n
	return func() { wordSample = old }
}
