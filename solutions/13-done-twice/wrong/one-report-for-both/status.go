// Kata 13, a tempting wrong fix: one deferred Done, and one Report for both
// outcomes.
//
// With the early return gone, there is one way out and one Done: the double
// Done is fixed, and one literal fills every field from what ping returned.
// But a pinger that gives up returns how long it waited along with its error,
// and that now lands in Latency: the status page shows a database that is
// down answering in two seconds. Latency is how long the ping took if the
// host is up, and nothing otherwise. Fixing how goroutines are counted out is
// no reason to change what each outcome reports.
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
//
// ping must be safe to call from several goroutines at once.
func CheckAll(hosts []string, ping func(host string) (time.Duration, error)) (reports []Report) {
	reports = make([]Report, len(hosts))
	var wg sync.WaitGroup
	for i, host := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			latency, err := ping(host)
			reports[i] = Report{Host: host, Up: err == nil, Latency: latency, Err: err}
		}()
	}
	wg.Wait()
	return reports
}
