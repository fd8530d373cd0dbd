// Kata 13, a tempting wrong fix: delete the deferred Done, keep the other.
//
// Two Dones on one path, so one goes; but the deferred one was the only Done
// on the healthy path. Now a host that answers is never counted out, and Wait
// blocks forever as soon as one host is up.
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
