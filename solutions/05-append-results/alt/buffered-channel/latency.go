// Kata 05 · Results appended from every goroutine, a correct alternative: a
// channel with room for every timing, drained by Latencies itself.
//
// Each goroutine sends its timing on results, which has one slot per
// server, so no send ever waits, whether or not anyone is receiving yet.
// Latencies then receives exactly len(servers) timings: a send
// synchronizes before the receive that gets it, so every value arrives
// whole, and only Latencies's own goroutine ever touches timings. Counting
// the receives replaces both the WaitGroup and the need to close the
// channel.
package monitor

import (
	"slices"
	"time"
)

// Latencies pings every server with ping, each on a goroutine of its own,
// and returns the time each took to answer, one per server, fastest first.
// ping may be called from several goroutines at once.
func Latencies(servers []string, ping func(server string) time.Duration) []time.Duration {
	results := make(chan time.Duration, len(servers))
	for _, server := range servers {
		go func() {
			results <- ping(server)
		}()
	}
	timings := make([]time.Duration, 0, len(servers))
	for range servers {
		timings = append(timings, <-results)
	}
	slices.Sort(timings)
	return timings
}
