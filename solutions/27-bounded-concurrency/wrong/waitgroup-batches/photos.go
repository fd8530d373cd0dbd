// Kata 27, a tempting wrong fix: fetch in batches of `limit`, with a
// WaitGroup per batch.
//
// No batch is larger than the limit, so the CDN is never asked for too much.
// But a batch ends only when its slowest photo is fetched: while one slow
// download finishes, the other connections of its batch sit idle and the
// photos still waiting cannot start. The slow photo holds up everything
// after it.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	for start := 0; start < len(urls); start += limit {
		var wg sync.WaitGroup
		for i := start; i < min(start+limit, len(urls)); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = fetch(urls[i])
			}()
		}
		wg.Wait()
	}
	return errs
}
