// Kata 27 · Bounded concurrency — a correct alternative: a weighted
// semaphore from golang.org/x/sync/semaphore instead of a buffered channel.
//
// Why it is also correct: Acquire takes one of limit units, and parks the
// caller while all are taken; Release gives it back after fetch has
// returned. Taking and checking are one step inside the semaphore, under its
// own lock, so a freed unit goes to one waiter only. With
// context.Background, Acquire cannot fail.
package catalog

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// FetchAll calls fetch once for every URL, with at most limit calls in flight
// at once (limit must be at least 1), and returns once every call has
// returned. errs[i] is the error fetch returned for urls[i], or nil. fetch
// may be called from several goroutines at once.
func FetchAll(urls []string, limit int, fetch func(url string) error) (errs []error) {
	errs = make([]error, len(urls))
	sem := semaphore.NewWeighted(int64(limit))
	var wg sync.WaitGroup
	for i, url := range urls {
		_ = sem.Acquire(context.Background(), 1) // parks while limit fetches are in flight
		wg.Go(func() {
			defer sem.Release(1)
			errs[i] = fetch(url)
		})
	}
	wg.Wait()
	return errs
}
