//go:build linux

package formats

import "syscall"

// peakRSS is the process's peak resident set size in bytes (Linux reports it in KiB).
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return int64(ru.Maxrss) * 1024
}
