//go:build unix

package app

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, all threads: a cost that
// other programs on a shared machine inflate far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
