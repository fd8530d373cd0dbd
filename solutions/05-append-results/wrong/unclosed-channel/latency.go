// Kata 05, a tempting wrong fix: no shared slice, a channel instead. Each
// goroutine sends its timing; Latencies ranges over the channel.
//
// A range over a channel ends only when the channel is closed, and nobody
// closes this one. Once the last timing is received, Latencies waits for a
// next one that will never come: it never returns, with one server or a
// hundred, or with none.
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
	results := make(chan time.Duration, len(servers))
	var wg sync.WaitGroup
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- ping(server)
		}()
	}
	wg.Wait()
	var timings []time.Duration
	for d := range results {
		timings = append(timings, d)
	}
	slices.Sort(timings)
	return timings
}
