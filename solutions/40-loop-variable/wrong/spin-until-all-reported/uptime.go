//go:build go1.21

// Kata 40, a tempting wrong fix: count the results in, and poll the count.
//
// Each goroutine gets its own host, passed as an argument, so the race is
// gone. But instead of a WaitGroup, each goroutine adds one to an atomic
// counter once it has sent its status, and CheckAll checks the counter in a
// loop, yielding between looks, until every goroutine is counted. The report is right. But while the pings are on the network, which
// is nearly all of the time, CheckAll does not sleep: it burns a core, for
// every status page that is being drawn.
package uptime

import (
	"runtime"
	"sync/atomic"
)

// Status is what pinging one host found.
type Status struct {
	Host string
	Up   bool
}

// CheckAll pings every host, each on a goroutine of its own, and returns one
// Status per host, in the order the pings finished. ping may be called from
// several goroutines at once.
func CheckAll(hosts []string, ping func(host string) bool) []Status {
	results := make(chan Status, len(hosts))
	var reported atomic.Int32 // goroutines that have sent their status
	for _, host := range hosts {
		go func(host string) {
			results <- Status{Host: host, Up: ping(host)}
			reported.Add(1)
		}(host)
	}
	for int(reported.Load()) < len(hosts) {
		runtime.Gosched()
	}
	close(results)

	statuses := make([]Status, 0, len(hosts))
	for s := range results {
		statuses = append(statuses, s)
	}
	return statuses
}
