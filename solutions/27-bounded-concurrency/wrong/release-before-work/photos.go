// Kata 27, a tempting wrong fix: take a slot, and give it back before the
// fetch.
//
// The semaphore is there, but each goroutine holds its slot only for the
// moment between the send and the receive, and fetches with no slot at all.
// The slots count nothing that matters: every fetch still runs at once, and
// the probe sees more in flight than the limit.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)
	for i, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			<-sem
			errs[i] = fetch(url)
		}()
	}
	wg.Wait()
	return errs
}
