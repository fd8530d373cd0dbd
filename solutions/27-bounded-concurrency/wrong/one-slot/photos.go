// Kata 27, a tempting wrong fix: a semaphore of one slot, to be safe.
//
// One slot never breaks the CDN's limit, but it never uses it either: the
// fetches run one after another, as if there were no goroutines at all, and
// the other connections the CDN allows sit idle. The probe sees one fetch in
// flight where `limit` were allowed, and the slow photo holds up all the rest.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 1)
	for i, url := range urls {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = fetch(url)
		}()
	}
	wg.Wait()
	return errs
}
