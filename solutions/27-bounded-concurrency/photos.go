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
// Solution: a buffered channel used as a counting semaphore. Its buffer has
// limit slots; a send takes a slot and blocks while all are taken, a receive
// gives one back. Each fetch holds a slot from before it starts until after
// it returns, so at most limit run at once, and a slot freed by any fetch,
// fast or slow, goes at once to the next photo waiting.
package catalog

import "sync"

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
//
// Photos are started in order, each as soon as a slot is free; at most limit
// goroutines exist at any moment, and none is left when FetchAll returns.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	// errs[i] is written only by the goroutine for urls[i], and read by the
	// caller only after Wait.
	errs = make([]error, len(urls))
	var wg sync.WaitGroup // counts the goroutines not yet finished

	// sem's buffer is the limit: its length is how many fetches are in
	// flight, and a send blocks while it is full. The values carry nothing,
	// only their number counts, so the element is struct{}, which takes no
	// memory. Nobody closes sem: no one ranges over it, and it is garbage
	// once FetchAll returns.
	sem := make(chan struct{}, limit)
	for i, url := range urls {
		// Acquire here, on the caller's goroutine, before the go statement:
		// the loop waits for a free slot, so no more than limit goroutines
		// are ever started at once. (Acquiring first thing inside the
		// goroutine bounds the fetches just as well, but starts all the
		// goroutines up front, each parked on the send.)
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Release only after fetch has returned, however it returns.
			// The tempting wrong fix takes a slot and gives it back before
			// fetching: each goroutine then holds its slot for no time at
			// all, and every fetch still runs at once. A slot must be held
			// for exactly as long as the work it counts.
			defer func() { <-sem }()
			errs[i] = fetch(url)
		}()
	}
	// Each Done synchronizes before the return of Wait, so every write to
	// errs happens before the caller reads it.
	wg.Wait()
	return errs
}
