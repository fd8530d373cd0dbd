// Kata 05, a tempting wrong fix: a mutex around the whole line, ping and all.
//
// The appends take turns, so the race is gone. But the lock is taken before
// ping is called and released after it returns: every goroutine waits for
// the one ahead of it to finish its whole ping. The goroutines still exist,
// yet the pings run one at a time, and a round takes the sum of every
// server's time instead of the slowest one's. Hold a lock only around the
// shared write, never around the slow call that produces the value.
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
		mu      sync.Mutex // meant to protect timings
		timings []time.Duration
		wg      sync.WaitGroup
	)
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			timings = append(timings, ping(server))
		}()
	}
	wg.Wait()
	slices.Sort(timings)
	return timings
}
