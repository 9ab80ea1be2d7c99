//go:build unix

package lexicon

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time so far. On a shared
// machine it says more than the wall clock, which counts the time other
// processes hold the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a cpu-ns/op metric to a benchmark whose loop ran from
// start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
