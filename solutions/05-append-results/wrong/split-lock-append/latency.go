// Kata 05, a tempting wrong fix: the append under a lock, in two holds.
//
// The slice header is read under the lock, the append is made outside it,
// and the new header is stored under a second hold of the lock, to keep the
// lock held as briefly as possible. But a goroutine that takes the lock
// between the two holds reads the same header: both write their timing into
// the same slot, outside the lock (a data race), and both store "one
// longer", so one timing is lost. A lock protects a read-modify-write only
// if it is held from the read to the write.
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
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := ping(server)
			mu.Lock()
			t := timings
			mu.Unlock()
			t = append(t, d)
			mu.Lock()
			timings = t
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(timings)
	return timings
}
