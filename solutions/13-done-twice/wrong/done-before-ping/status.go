// Kata 13, a tempting wrong fix: one wg.Done(), called first thing in the
// goroutine, and none anywhere else.
//
// Tempting because it is exactly one Done per Add, on every path, and the
// panic is gone. But Done means "this goroutine is finished", and here it is
// said before the ping: Wait returns once every goroutine has started,
// CheckAll hands back reports that the pings are still writing, and -race
// reports those writes against the caller's reads. Keep the Done deferred, so
// that it runs last.
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
			wg.Done() // once, first, whatever happens next
			latency, err := ping(host)
			if err != nil {
				reports[i] = Report{Host: host, Err: err}
				return
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
		}()
	}
	wg.Wait()
	return reports
}
