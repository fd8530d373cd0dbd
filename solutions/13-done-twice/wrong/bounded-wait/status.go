// Kata 13, a tempting wrong fix: the panic is fixed, and CheckAll waits for
// the pings at most two seconds, "so that a dead host cannot freeze the
// dashboard".
//
// Tempting because it looks defensive, and every ping in a quick test
// answers well within two seconds. But a host that is down is exactly the
// one whose ping takes longest (a ping times out after some seconds of its
// own): CheckAll returns without its report, and the ping's goroutine writes
// that report later, into a slice the caller is already reading. Wait for
// the work, with the WaitGroup; if a ping needs a bound, it belongs in the
// ping (its own timeout), where the report can say so.
package status

import (
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
			latency, err := ping(host)
			if err != nil {
				reports[i] = Report{Host: host, Err: err}
				return
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second): // a dead host must not freeze the dashboard
	}
	return reports
}
