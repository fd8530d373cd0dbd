// Kata 05, a tempting wrong fix: one slot per server, but the pings run on
// a fixed pool of four workers fed by a channel of indexes, "to avoid a
// goroutine storm".
//
// Each worker writes only the slots of the servers it pings, so there is no
// race, and every timing comes back. But the monitor pings all of the
// cluster's servers at once: with more servers than workers, the fifth is
// pinged only once one of the first four has answered, so one slow server
// holds up the pings of others, a round takes several round trips, and the
// later servers' timings are taken a round trip later than the rest. A
// goroutine per server costs a few kilobytes; keep one for each.
package monitor

import (
	"slices"
	"sync"
	"time"
)

// workers is how many pings run at once.
const workers = 4

// Latencies pings every server with ping, each on a goroutine of its own,
// and returns the time each took to answer, one per server, fastest first.
// ping may be called from several goroutines at once.
func Latencies(servers []string, ping func(server string) time.Duration) []time.Duration {
	timings := make([]time.Duration, len(servers))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(servers)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				timings[i] = ping(servers[i])
			}
		}()
	}
	for i := range servers {
		next <- i
	}
	close(next)
	wg.Wait()
	slices.Sort(timings)
	return timings
}
