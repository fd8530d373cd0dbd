// Kata 27 · Bounded concurrency — a correct alternative: a pool of
// min(limit, len(urls)) workers taking the indices of the URLs from a
// channel, instead of a goroutine per URL and a semaphore.
//
// Why it is also correct: there are never more than limit workers, and each
// fetches one URL at a time, so at most limit fetches are in flight; while
// URLs remain, every worker is fetching or about to take the next index, so
// no connection sits idle. The caller closes the channel after the last
// index, which ends the workers' range loops, and wg.Wait returns after
// every worker's last write to errs. Each errs[i] is written by the one
// worker that took i.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	indices := make(chan int) // sent on and closed by the caller below
	var wg sync.WaitGroup
	for range min(limit, len(urls)) {
		wg.Go(func() {
			for i := range indices {
				errs[i] = fetch(urls[i])
			}
		})
	}
	for i := range urls {
		indices <- i
	}
	close(indices)
	wg.Wait()
	return errs
}
