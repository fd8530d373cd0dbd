// Kata 27, a tempting wrong fix: a counter guarded by a mutex and a
// sync.Cond, with `if` around Wait.
//
// A photo that finds every connection taken waits on the Cond, and each
// fetch that ends wakes one waiter with Signal. It reads like a semaphore,
// and while every photo has arrived before the first fetch ends it behaves
// like one. But Wait returns with the lock taken again, not with a
// connection: between Signal and that moment, a photo that has just arrived
// can take the lock, see the freed connection and take it. The woken photo
// then counts itself in without looking again, and two photos fetch on one
// connection. The condition has to be checked again after every Wait: `for`,
// not `if` (the sync.Cond documentation says so).
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
			if inFlight >= limit {
				cond.Wait()
			}
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
