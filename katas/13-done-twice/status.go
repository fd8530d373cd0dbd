// Kata 13 · One Done too many
//
// A status page pings every server of a cluster before it draws its
// dashboard. CheckAll pings each host on a goroutine of its own and waits for
// all of them with a sync.WaitGroup; each goroutine counts itself out with a
// deferred wg.Done(). Later someone added an early return for a host that does
// not answer, with a wg.Done() of its own in front of it. While every host is
// up, all is well. The first host that is down is counted out twice: the
// counter drops below zero, and the whole program dies with
// "panic: sync: negative WaitGroup counter".
//
// Your job: make CheckAll report every host, up or down, and return once all
// have been checked. Keep one goroutine per host and the API; no time.Sleep.
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
				// TODO: count the Done calls this path makes on its way
				// out of the goroutine, the deferred one included.
				wg.Done()
				return
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
		}()
	}
	wg.Wait()
	return reports
}
