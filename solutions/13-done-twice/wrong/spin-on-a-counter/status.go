// Kata 13, a tempting wrong fix: replace the WaitGroup, whose counter
// panicked, with an atomic counter that CheckAll polls.
//
// Tempting because an atomic counter never panics, and with one deferred
// decrement per goroutine it reaches zero exactly when the last ping is
// done; the atomics even order the reports before the load that sees zero,
// so -race is silent. But CheckAll no longer waits: while the slowest host
// takes its time to answer, it spins on the counter and burns a core. The
// panic was telling the truth (one Done too many); the fix is one Done per
// Add, not a counter nobody checks.
package status

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Report is what pinging one host found.
type Report struct {
	Host    string
	Up      bool
	Latency time.Duration // how long the ping took, if Up
	Err     error         // why the host did not answer, if not Up
}

// CheckAll pings every host in hosts, each on a goroutine of its own, and
// returns once every ping has returned: reports[i] is the Report of hosts[i].
func CheckAll(hosts []string, ping func(host string) (time.Duration, error)) (reports []Report) {
	reports = make([]Report, len(hosts))
	var pending atomic.Int64 // pings not yet finished
	for i, host := range hosts {
		pending.Add(1)
		go func() {
			defer pending.Add(-1)
			latency, err := ping(host)
			if err != nil {
				reports[i] = Report{Host: host, Err: err}
				return
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
		}()
	}
	for pending.Load() > 0 {
		runtime.Gosched() // let the pings finish
	}
	return reports
}
