// Kata 04, a tempting wrong fix: a sync.RWMutex, read-locked in Record too.
//
// "Record only bumps a number that is already there", so it takes the
// shared read lock, like Count and Snapshot. But a read lock keeps out only
// writers that take Lock, and nobody does: every request's Record runs at
// the same moment as every other, writing the same map. The race detector
// reports them (and the runtime may stop the program with "concurrent map
// writes"). Whatever changes the map, even one counter in it, must hold
// the exclusive Lock.
package visits

import (
	"maps"
	"sync"
)

// Counter counts visits per page. The zero value is an empty counter, ready
// to use.
type Counter struct {
	mu    sync.RWMutex   // meant to protect pages
	pages map[string]int // visits per page
}

// Record counts one visit to page.
func (c *Counter) Record(page string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.pages == nil {
		c.pages = map[string]int{}
	}
	c.pages[page]++
}

// Count returns the number of visits recorded for page.
func (c *Counter) Count(page string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.pages[page]
}

// Snapshot returns the count of every page visited so far. The caller owns
// the map: it is a copy, not the counter's own.
func (c *Counter) Snapshot() map[string]int {
	c.mu.RLock()
	defer c.mu.RUnlock()
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
			c.Record(page)
		}()
	}
	wg.Wait()
}
