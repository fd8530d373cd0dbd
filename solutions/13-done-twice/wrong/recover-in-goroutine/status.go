// Kata 13, a tempting wrong fix: recover from the panic.
//
// Deferred calls run last in, first out, so this recover, deferred after the
// Done, runs before it: when the second Done panics, no recover is left to
// run, and the program dies as before. Deferred first, the recover would
// catch the panic, but not mend the counter: Done subtracts its one before
// it panics, so the counter stays below zero, and a Wait still to come blocks
// forever while one just woken panics in turn.
package status

import (
	"fmt"
	"sync"
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
	var wg sync.WaitGroup
	for i, host := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					reports[i] = Report{Host: host, Err: fmt.Errorf("check panicked: %v", r)}
				}
			}()
			latency, err := ping(host)
			if err != nil {
				reports[i] = Report{Host: host, Err: err}
				wg.Done()
				return
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
		}()
	}
	wg.Wait()
	return reports
}
