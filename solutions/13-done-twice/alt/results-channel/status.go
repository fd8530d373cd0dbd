// Kata 13 · One Done too many
//
// A correct alternative: no WaitGroup. Each goroutine sends its host's index
// and report on a channel with room for every host, and CheckAll receives
// exactly len(hosts) of them.
//
// Why it is also correct: each goroutine sends exactly once, on the error
// path and on the happy path alike (one send at the end of each branch, and
// no other), so CheckAll's loop receives one report per host and ends. Only
// CheckAll writes reports, after each receive, so nothing races; and the
// buffer lets every sender finish without waiting for CheckAll.
package status

import "time"

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
	type result struct {
		i      int
		report Report
	}
	results := make(chan result, len(hosts)) // one slot per host; never closed

	for i, host := range hosts {
		go func() {
			latency, err := ping(host)
			if err != nil {
				results <- result{i, Report{Host: host, Err: err}}
				return
			}
			results <- result{i, Report{Host: host, Up: true, Latency: latency}}
		}()
	}

	reports = make([]Report, len(hosts))
	for range hosts {
		r := <-results
		reports[r.i] = r.report
	}
	return reports
}
