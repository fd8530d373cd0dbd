// Kata 04, a tempting wrong fix: a map of atomic counters under an
// RWMutex. Record finds the page's counter under the read lock and adds to
// it atomically; on a first visit it makes the counter under the write lock.
//
// Every access is locked or atomic, and the race detector is silent. But
// between the read lock that found no counter and the write lock that
// stores one, nothing is held: two first visits to a new page both find
// none and both make one. The first stores its counter and adds its visit,
// the second stores its own over it, and the first visit is lost. Under the
// write lock, look again before you make the entry (or let LoadOrStore of a
// sync.Map do both in one step).
package visits

import (
	"sync"
	"sync/atomic"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	mu    sync.RWMutex
	pages map[string]*atomic.Int64 // visits per page; the map only grows
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	c.mu.RLock()
	n := c.pages[page]
	c.mu.RUnlock()
	if n == nil {
		// First visit to this page: add its counter under the write lock.
		n = new(atomic.Int64)
		c.mu.Lock()
		if c.pages == nil {
			c.pages = map[string]*atomic.Int64{}
		}
		c.pages[page] = n
		c.mu.Unlock()
	}
	n.Add(1) // counters are atomic: no write lock needed for the hot path
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if n := c.pages[page]; n != nil {
		return int(n.Load())
	}
	return 0
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make(map[string]int, len(c.pages))
	for page, n := range c.pages {
		out[page] = int(n.Load())
	}
	return out
}

// Serve handles every request received on requests on a goroutine of its
// own: it calls handle with the page asked for, then records the visit on c.
// It returns once requests is closed and every request has been handled and
// recorded.
func Serve(c *Counter, requests <-chan string, handle func(page string)) {
	var wg sync.WaitGroup
	for page := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(page)
			c.Record(page)
		}()
	}
	wg.Wait()
}
