// Kata 27 · Downloads without a limit
//
// An online shop sends its catalogue to a marketplace every night, and every
// product photo has to be fetched from the shop's CDN first. FetchAll starts
// one goroutine per photo so the export does not take all night. But the CDN
// allows each client only `limit` open connections; past that it answers
// "429 Too Many Requests". FetchAll never counts: with a hundred photos it
// opens a hundred connections at once, and the specs' probe sees more
// fetches in flight than the limit allows.
//
// Your job: never have more than limit fetches in flight, and keep all limit
// of them busy while photos are waiting. Keep a goroutine per photo and keep
// the API; no time.Sleep.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	// TODO: limit is never used. Something must hand out at most limit
	// places to fetch from, make a goroutine wait while all are taken, and
	// take each one back when its fetch is over.
	for i, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fetch(url)
		}()
	}
	wg.Wait()
	return errs
}
