// Kata 13, a tempting wrong fix: one plain Done, at the end of the work.
//
// The defer and the early Done are gone, and a single wg.Done() sits after
// the healthy host's report, "once the work is done". But the early return
// for a host that is down skips it: that goroutine is never counted out, and
// Wait blocks forever as soon as one host is down.
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
				return
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
			wg.Done()
		}()
	}
	wg.Wait()
	return reports
}
