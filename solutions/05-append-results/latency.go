// Kata 05 · Results appended from every goroutine
//
// An uptime monitor shows how fast a cluster answers: every minute it pings
// all of the cluster's servers at once and plots the response times, fastest
// first, on its dashboard. Each ping runs on a goroutine of its own, and each
// goroutine appends its timing to the same slice. append reads the slice,
// writes the new element and stores the slice back; goroutines that do this
// at the same time write into the same slot and store over each other's
// slice. Timings go missing, and `go test -race` reports a data race.
//
// Solution: one slot per goroutine. The slice is made full length before any
// goroutine starts, and the goroutine for servers[i] writes timings[i] and
// nothing else. Distinct elements of a slice are distinct variables, so the
// goroutines never touch the same memory and need no lock; wg.Wait then
// orders every write before the sort that reads them all.
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
	// timings has its final length from the start and is never appended to:
	// timings[i] belongs to the goroutine for servers[i] until wg.Wait
	// returns, then to this function.
	timings := make([]time.Duration, len(servers))
	var wg sync.WaitGroup // counts the pings not yet written
	for i, server := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Only the element is written, never the slice header. A
			// capacity without a length (make(..., 0, n)) does not help:
			// append still reads and stores the shared header, so two
			// goroutines still write the same slot. A sync.Mutex around the
			// append is the other correct fix; it suits results whose number
			// is not known in advance, at the price of goroutines queueing
			// for the lock. Here the count is len(servers), so no lock is
			// needed at all.
			timings[i] = ping(server)
		}()
	}
	// Each Done synchronizes before the return of the Wait it unblocks, so
	// the sort below sees every timing. It must come before anything reads
	// timings: `defer wg.Wait()` (the tempting shortcut) runs only after the
	// sort and the return value are done, while the pings are still writing.
	// (Sending the timings on a channel is a third correct fix, provided
	// somebody closes it after wg.Wait; a range over a channel that nobody
	// closes never ends.)
	wg.Wait()
	slices.Sort(timings)
	return timings
}
