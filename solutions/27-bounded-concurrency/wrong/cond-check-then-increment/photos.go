// Kata 27, a tempting wrong fix: a free connection checked in one critical
// section and taken in the next.
//
// A photo waits on a sync.Cond in a proper `for` loop until fewer than limit
// fetches are in flight, lets go of the lock, and takes it again to count
// itself in; each fetch that ends wakes every waiter. Each step is locked,
// but the check and the taking are two steps: between them another photo,
// woken by the same Broadcast or just arriving, takes the lock, sees the
// same free connection and goes too. Whatever the lock guards must be
// decided in one critical section: check and count in without letting go.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	var mu sync.Mutex // protects inFlight
	cond := sync.NewCond(&mu)
	inFlight := 0 // fetches holding a connection
	for i, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for inFlight >= limit {
				cond.Wait()
			}
			mu.Unlock()
			mu.Lock()
			inFlight++
			mu.Unlock()
			errs[i] = fetch(url)
			mu.Lock()
			inFlight--
			cond.Broadcast()
			mu.Unlock()
		}()
	}
	wg.Wait()
	return errs
}
