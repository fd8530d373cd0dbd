// Kata 05, a tempting wrong fix: send the timings on a channel to one
// collecting goroutine, but do not wait for the collector.
//
// Only the collector appends, so the appends no longer race each other. The
// pings' goroutines are all done when wg.Wait returns, and close(results)
// tells the collector there is no more. But nothing tells Latencies that the
// collector has finished: it sorts and returns timings while the collector
// may still be appending the last value. The race detector reports the
// collector's append against the sort. Whoever reads the collected slice
// must first wait for the collector itself (a done channel it closes).
package monitor

import (
	"slices"
	"sync"
	"time"
)

// Latencies pings every server with ping, each on a goroutine of its own,
// and returns the time each took to answer, one per server, fastest first.
// ping may be called from several goroutines at once.
func Latencies(servers []string, ping func(server string) time.Duration) []time.Duration {
	var (
		timings []time.Duration
		wg      sync.WaitGroup
		results = make(chan time.Duration)
	)
	go func() {
		for d := range results {
			timings = append(timings, d)
		}
	}()
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- ping(server)
		}()
	}
	wg.Wait()
	close(results)
	slices.Sort(timings)
	return timings
}
