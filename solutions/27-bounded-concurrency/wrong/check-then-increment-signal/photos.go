// Kata 27, a tempting wrong fix: a free connection checked in one critical
// section and taken in the next, waking one waiter at a time.
//
// As the Broadcast version, but each fetch that ends wakes a single waiter,
// so only one photo should see the freed connection. Yet a photo that has
// just arrived does not wait to be woken: it takes the lock in the moment
// between the woken photo's check and its count, sees the same free
// connection and goes too. Check and count in must be one critical section.
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
			cond.Signal()
			mu.Unlock()
		}()
	}
	wg.Wait()
	return errs
}
