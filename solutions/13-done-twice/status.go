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
// Solution: one Done per Add, and the deferred one is it. The wg.Done() in
// front of the early return goes; the deferred call, registered first thing,
// already runs on that path, as on every other way out of the goroutine.
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
	// reports[i] is written only by the goroutine for hosts[i], and read by
	// the caller only after Wait: no two goroutines touch the same element.
	reports = make([]Report, len(hosts))
	var wg sync.WaitGroup // counts the goroutines not yet finished
	for i, host := range hosts {
		wg.Add(1) // one goroutine counted in, before it starts...
		go func() {
			// ...and counted out exactly once, by this deferred call, on
			// whichever path the goroutine leaves: the early return, the
			// end, even a panic in ping. An explicit Done on top of it, on
			// any path, counts that goroutine out twice.
			//
			// Removing the defer instead, the tempting half of the two
			// Dones to delete, leaves the healthy path without any Done:
			// Wait then blocks forever on the first host that is up. And a
			// recover does not mend the counter: the second Done has already
			// subtracted its one before it panics, so a Wait still to come
			// blocks, or one just woken panics in turn; see wrong/.
			defer wg.Done()
			latency, err := ping(host)
			if err != nil {
				reports[i] = Report{Host: host, Err: err}
				return // the deferred Done counts this goroutine out
			}
			reports[i] = Report{Host: host, Up: true, Latency: latency}
		}()
	}
	// Each Done synchronizes before the return of Wait, so every write to
	// reports happens before the caller reads the slice.
	wg.Wait()
	return reports
}
