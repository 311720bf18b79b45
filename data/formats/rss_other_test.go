//go:build !linux

package formats

// peakRSS is only read on Linux, where getrusage reports it in KiB; elsewhere it is 0.
func peakRSS() int64 { return 0 }
