// Kata 05, a tempting wrong fix: make room up front, make([]T, 0, n), "so
// that append never has to grow the slice while the goroutines run".
//
// Growing was never the whole problem. Every append still reads the shared
// slice header (its length), writes the element at that length, and stores
// a new header back. Two goroutines that read the same length write the same
// slot, and one timing is lost; nothing orders their reads and stores, and
// the race detector reports them on every run.
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
	timings := make([]time.Duration, 0, len(servers))
	var wg sync.WaitGroup
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			timings = append(timings, ping(server))
		}()
	}
	wg.Wait()
	slices.Sort(timings)
	return timings
}
