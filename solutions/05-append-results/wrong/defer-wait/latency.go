// Kata 05, a tempting wrong fix: a mutex around the append, and
// `defer wg.Wait()` "so that Latencies waits for the pings before it returns".
//
// The appends now take turns, but a deferred call runs after the function's
// body, and after its return value has been evaluated: the sort and the
// return read timings while the pings are still appending to it, with no
// lock on this side. The race detector reports it on every run, and the
// caller gets whatever timings had arrived, usually none.
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
		mu      sync.Mutex // protects timings
		timings []time.Duration
		wg      sync.WaitGroup
	)
	defer wg.Wait()
	for _, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := ping(server)
			mu.Lock()
			defer mu.Unlock()
			timings = append(timings, d)
		}()
	}
	slices.Sort(timings)
	return timings
}
