// Kata 05 · Results appended from every goroutine, a correct alternative: a
// mutex around the append, and only the append.
//
// The reference gives every goroutine a slot of its own. Here the
// goroutines share one growing slice, but each append happens while
// holding mu, so the appends take turns, and an Unlock synchronizes before
// the next Lock. ping is called before the lock is taken, so the pings still
// run side by side; only the short append queues. wg.Wait, before the sort,
// orders every append before the read. This also suits results whose
// number is not known in advance.
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
		mu      sync.Mutex // protects timings until wg.Wait returns
		timings []time.Duration
		wg      sync.WaitGroup // counts the pings not yet appended
	)
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
	wg.Wait()
	slices.Sort(timings)
	return timings
}
