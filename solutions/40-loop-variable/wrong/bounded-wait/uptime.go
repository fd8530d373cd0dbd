//go:build go1.21

// Kata 40, a tempting wrong fix: each goroutine gets its own copy of host,
// as it should, and CheckAll waits for the pings at most two seconds, "so
// that the status page cannot hang on one host".
//
// Tempting because it looks defensive, and every ping in a quick test
// answers well within two seconds. But a host that is down is exactly the
// one whose ping takes longest (a ping times out after some seconds of its
// own): CheckAll returns without its status, and the page shows nothing for
// the very server that is in trouble. The late ping still sends its status,
// into a channel nobody reads again. Wait for the work, with the WaitGroup;
// if a ping needs a bound, it belongs in the ping (its own timeout), where
// the status can say "down".
package uptime

import (
	"sync"
	"time"
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
	var wg sync.WaitGroup
	for _, host := range hosts {
		wg.Add(1)
		host := host
		go func() {
			defer wg.Done()
			results <- Status{Host: host, Up: ping(host)}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second): // the status page must not hang on one host
	}
	// close(results) would panic a late ping: leave it open and take what is there.
	statuses := make([]Status, 0, len(hosts))
	for {
		select {
		case s := <-results:
			statuses = append(statuses, s)
		default:
			return statuses
		}
	}
}
