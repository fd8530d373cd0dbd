// Kata 04, a tempting wrong fix: take the lock in Serve, around the call to
// Record, and leave Record itself unguarded.
//
// The race report points at Serve's goroutines, so the lock goes there, and
// Count and Snapshot take it too. But Record is part of the API: another
// caller (a second listener, a background import, a test) that records a
// visit directly takes no lock, and its writes race with every other
// Record and with the dashboard's reads. The guard belongs to the map, in
// every method that touches it, not in one of their callers.
package visits

import (
	"maps"
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	mu    sync.Mutex     // held by Serve's Records, Count and Snapshot
	pages map[string]int // visits per page
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.pages)
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
			c.mu.Lock()
			c.Record(page)
			c.mu.Unlock()
		}()
	}
	wg.Wait()
}
