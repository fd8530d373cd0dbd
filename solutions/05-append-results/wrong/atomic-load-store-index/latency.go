// Kata 05, a tempting wrong fix: an atomic counter for the next free slot,
// read and then written.
//
// The slice is made full length and each goroutine takes the next free index
// from an atomic counter, so no append and no lock. But it takes the index in
// two steps, an atomic Load and then an atomic Store of one more: two
// goroutines that both Load before either Stores get the same index. Both
// write the same slot, which the race detector reports, one timing is lost
// and a zero takes its place. Each step is atomic; the pair is not. One
// atomic Add that returns the new value would hand out every index once.
package monitor

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Latencies pings every server with ping, each on a goroutine of its own,
// and returns the time each took to answer, one per server, fastest first.
// ping may be called from several goroutines at once.
func Latencies(servers []string, ping func(server string) time.Duration) []time.Duration {
	timings := make([]time.Duration, len(servers))
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := ping(server)
			i := next.Load()
			next.Store(i + 1)
			timings[i] = d
		}()
	}
	wg.Wait()
	slices.Sort(timings)
	return timings
}
