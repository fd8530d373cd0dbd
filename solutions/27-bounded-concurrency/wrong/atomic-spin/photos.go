// Kata 27, a tempting wrong fix: count the fetches in flight in an atomic,
// and let each goroutine wait, yielding, until the count is below the limit.
//
// It is tempting because every access is atomic, the race detector is
// quiet, and on the first wave the count does stay at the limit. It is wrong
// twice. The load and the add are two steps: when a slot frees up, every
// waiting goroutine can see the count below the limit before any of them
// adds itself, and they all go. And the waiting is a loop: every goroutine
// without a slot runs without pause, burning a core, for as long as the
// fetches ahead of it last. A semaphore (a buffered channel) makes the check
// and the taking one step, and parks whoever waits.
package catalog

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	var (
		wg       sync.WaitGroup
		inFlight atomic.Int64
	)
	for i, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for inFlight.Load() >= int64(limit) {
				runtime.Gosched()
			}
			inFlight.Add(1)
			defer inFlight.Add(-1)
			errs[i] = fetch(url)
		}()
	}
	wg.Wait()
	return errs
}
